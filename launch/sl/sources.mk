# launch/sl/: the secure loader (docs/launch.md, "Secure loader";
# docs/measurements.md). A separate freestanding binary linked at its SLB
# (launch/sl/sl.ld); build/launch/sl.bin is exactly the measured part that
# launch copies into the SLB and that the reference generator hashes.
SL_ELF := build/launch/sl.elf
SL_BIN := build/launch/sl.bin
SL_MAP := build/launch/sl.map
# Pure parts: also in the unit tests (tests/unit/test_sl_*.c). The module
# roles are common (COMMON_PLAN_SRCS: the reference generator shares them);
# they keep their place in the link order, which fixes the measured bytes.
SL_HOST_SRCS := launch/sl/params.c launch/sl/span.c
# Copy, measure and load: driven on the host by tests/unit/test_sl_stage.c,
# which supplies the SL's console, TPM and physical memory (not by the
# fuzzers, which have none of those).
SL_UNIT_SRCS := launch/sl/stage.c launch/sl/measure.c launch/sl/load.c
SL_SRCS := launch/sl/entry.S launch/sl/main.c launch/sl/console.c launch/sl/cpu.c launch/sl/tpm.c \
           $(SL_UNIT_SRCS) launch/sl/params.c $(COMMON_PLAN_SRCS) launch/sl/span.c \
           launch/elf.c launch/drtm/launch_policy.c \
           $(UART_SRCS)
HOST_TESTABLE_SRCS += $(SL_HOST_SRCS)
UNIT_ONLY_SRCS += $(SL_UNIT_SRCS)
# Its own objects (build/sl/), compiled for size: the measured part must
# fit the SLB below the stack reserve.
sl_objs = $(patsubst %,build/sl/%.o,$(basename $(1)))
SL_OBJS := $(call sl_objs,$(SL_SRCS) $(COMMON_SRCS) common/lib/string.c)

build/sl/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(FS_CFLAGS) -Os -MMD -MP -c $< -o $@

build/sl/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(FS_ASFLAGS) -MMD -MP -c $< -o $@

$(SL_ELF): $(SL_OBJS) launch/sl/sl.ld
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) -T launch/sl/sl.ld -Map=$(SL_MAP) -o $@ $(SL_OBJS)

# The measured part only; its size must equal the header's measured length.
$(SL_BIN): $(SL_ELF)
	$(OBJCOPY) -O binary -j .slb_header -j .text -j .rodata -j .data $< $@
	@size=$$(stat -c %s $@); len=$$(od -An -tu2 -j2 -N2 $@ | tr -d ' '); \
	if [ "$$size" != "$$len" ]; then \
		echo "sl: $@ is $$size bytes, its SLB header says $$len"; rm -f $@; exit 1; fi; \
	if [ "$$size" -gt 59392 ]; then \
		echo "sl: $@ is $$size bytes, over SL_MEASURED_MAX (59392)"; rm -f $@; exit 1; fi; \
	echo "sl: $@: measured length $$size bytes"

# launch embeds sl.bin (launch/sl_blob.S, .incbin) and copies it into the SLB.
LAUNCH_SRCS += launch/sl/params.c launch/sl_blob.S launch/sl_place.c launch/sl_enter.S \
               launch/drtm_run.c
LAUNCH_OBJS += $(call fs_objs,launch/sl/params.c launch/sl_blob.S launch/sl_place.c \
               launch/sl_enter.S launch/drtm_run.c)
build/fs/launch/sl_blob.o: $(SL_BIN)

.PHONY: sl
sl: $(SL_BIN)
