# launch/: the pre-launch stage (Multiboot2 kernel loaded by GRUB).
# docs/launch.md describes it; launch/launch.ld places it at 2 MiB.
LAUNCH_ELF := build/launch/launch.elf
LAUNCH_MAP := build/launch/launch.map

# Pure parsers, also compiled into the unit tests and the fuzzers.
LAUNCH_HOST_SRCS := launch/mb2.c launch/elf.c launch/memmap.c launch/options.c
LAUNCH_SRCS := launch/entry.S launch/main.c launch/console.c launch/efi_boot.c \
               launch/gdt.c launch/idt.c launch/isr.S launch/paging.c $(LAUNCH_HOST_SRCS)
# The NS16550 console is common device code (common/drivers/sources.mk).
LAUNCH_OBJS := $(call fs_objs,$(LAUNCH_SRCS) $(UART_SRCS)) $(COMMON_FS_OBJS)

HOST_TESTABLE_SRCS += $(LAUNCH_HOST_SRCS)
# Launch sub-modules (e.g. launch/drtm/) append host-testable sources here.
include $(sort $(wildcard launch/*/sources.mk))

$(LAUNCH_ELF): $(LAUNCH_OBJS) launch/launch.ld
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) -T launch/launch.ld -Map=$(LAUNCH_MAP) -o $@ $(LAUNCH_OBJS)
	@if command -v grub-file >/dev/null && ! grub-file --is-x86-multiboot2 $@; then \
		echo "launch: $@ is not a valid Multiboot2 kernel (grub-file)"; rm -f $@; exit 1; fi

.PHONY: launch
launch: $(LAUNCH_ELF)
