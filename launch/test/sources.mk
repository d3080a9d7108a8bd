# launch/test/: TEST-ONLY builds of launch (docs/testing.md). Never part of
# the shipped launch.elf: these objects are not in LAUNCH_OBJS.
#
# build/test/launch-dma-attack/launch.elf: launch plus launch/test/dma_attack.c,
# the launch-window DMA attack of issue 11 (tests/qemu/cases/
# launch-window-uefi.sh), hooked in with ld --wrap (drtm_emulated_skinit,
# launch_enter_sl); it places the secure loader's copy area with
# launch/sl/stage.c's own sl_area_find. Same launch.ld, same embedded sl.bin (the SLB and the
# reference values do not change).
# Included after launch/sl/sources.mk (sorted): LAUNCH_OBJS is complete here.
LAUNCH_DMA_ATTACK_ELF := build/test/launch-dma-attack/launch.elf
LAUNCH_DMA_ATTACK_OBJS := $(LAUNCH_OBJS) $(call fs_objs,launch/test/dma_attack.c launch/sl/stage.c)

$(LAUNCH_DMA_ATTACK_ELF): $(LAUNCH_DMA_ATTACK_OBJS) launch/launch.ld
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) --wrap=drtm_emulated_skinit --wrap=launch_enter_sl -T launch/launch.ld \
		-Map=$(@:.elf=.map) -o $@ $(LAUNCH_DMA_ATTACK_OBJS)
	@if command -v grub-file >/dev/null && ! grub-file --is-x86-multiboot2 $@; then \
		echo "launch: $@ is not a valid Multiboot2 kernel (grub-file)"; rm -f $@; exit 1; fi

.PHONY: launch-test
launch-test: $(LAUNCH_DMA_ATTACK_ELF)
all: launch-test
