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
SL_HOST_SRCS := launch/sl/params.c launch/sl/span.c launch/sl/dma_guard.c
# Copy, measure and load: driven on the host by tests/unit/test_sl_stage.c,
# which supplies the SL's console, TPM and physical memory (not by the
# fuzzers, which have none of those).
SL_UNIT_SRCS := launch/sl/stage.c launch/sl/measure.c launch/sl/load.c \
                launch/sl/dma_guard_amdvi.c launch/sl/dma_guard_vtd.c
SL_SRCS := launch/sl/entry.S launch/sl/main.c launch/sl/console.c launch/sl/cpu.c launch/sl/tpm.c \
           $(SL_UNIT_SRCS) launch/sl/params.c $(COMMON_PLAN_SRCS) launch/sl/span.c \
           launch/elf.c launch/drtm/launch_policy.c \
           launch/sl/dma_guard.c launch/sl/dma_guard_sl.c \
           hypervisor/drivers/iommu/amdvi.c hypervisor/drivers/iommu/amdvi_cmd.c \
           hypervisor/drivers/iommu/amdvi_dte.c hypervisor/drivers/iommu/iommu_mmio_env.c \
           $(UART_SRCS)
HOST_TESTABLE_SRCS += $(SL_HOST_SRCS)
UNIT_ONLY_SRCS += $(SL_UNIT_SRCS)
# Its own objects (build/sl/), compiled for size: the measured part must
# fit the SLB below the stack reserve.
sl_objs = $(patsubst %,build/sl/%.o,$(basename $(1)))
SL_OBJS := $(call sl_objs,$(SL_SRCS) $(COMMON_SRCS) common/lib/string.c)
SL_LDS := build/sl/sl.ld

build/sl/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(FS_CFLAGS) -Os -MMD -MP -c $< -o $@

build/sl/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(FS_ASFLAGS) -MMD -MP -c $< -o $@

# One linker script for both binaries (launch/sl/sl.ld.S), preprocessed.
build/sl/sl.ld: launch/sl/sl.ld.S
	@mkdir -p $(dir $@)
	$(CC) -E -P -undef -x c $< -o $@

$(SL_ELF): $(SL_OBJS) $(SL_LDS)
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) -T $(SL_LDS) -Map=$(SL_MAP) -o $@ $(SL_OBJS)

# The measured part only; its size must equal the header's measured length.
$(SL_BIN): $(SL_ELF)
	$(OBJCOPY) -O binary -j .slb_header -j .text -j .rodata -j .data $< $@
	@size=$$(stat -c %s $@); len=$$(od -An -tu2 -j2 -N2 $@ | tr -d ' '); \
	if [ "$$size" != "$$len" ]; then \
		echo "sl: $@ is $$size bytes, its SLB header says $$len"; rm -f $@; exit 1; fi; \
	if [ "$$size" -gt 59392 ]; then \
		echo "sl: $@ is $$size bytes, over SL_MEASURED_MAX (59392)"; rm -f $@; exit 1; fi; \
	echo "sl: $@: measured length $$size bytes"

# The Intel TXT MLE (docs/drtm.md, "The MLE"; HARDWARE-ONLY): the same
# sources with SL_TXT (its TXT entry, txt.c's checks and the TXT parsers
# they use), linked at SL_MLE_BASE behind an MLE header. build/mle/.
MLE_ELF := build/launch/mle.elf
MLE_BIN := build/launch/mle.bin
MLE_MAP := build/launch/mle.map
MLE_LDS := build/mle/mle.ld
MLE_SRCS := $(SL_SRCS) launch/sl/entry_txt.S launch/sl/txt.c \
            launch/drtm/txt_mle.c launch/drtm/txt_mle_walk.c launch/drtm/txt_heap_parse.c \
            launch/drtm/txt_post.c launch/drtm/txt_pmr.c launch/drtm/txt_mtrr.c \
            launch/drtm/txt_mtrr_check.c launch/drtm/txt_dmar.c launch/drtm/txt_mtrr_hw.c
mle_objs = $(patsubst %,build/mle/%.o,$(basename $(1)))
MLE_OBJS := $(call mle_objs,$(MLE_SRCS) $(COMMON_SRCS) common/lib/string.c)

build/mle/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(FS_CFLAGS) -DSL_TXT -Os -MMD -MP -c $< -o $@

build/mle/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(FS_ASFLAGS) -DSL_TXT -MMD -MP -c $< -o $@

build/mle/mle.ld: launch/sl/sl.ld.S
	@mkdir -p $(dir $@)
	$(CC) -E -P -undef -DSL_TXT -x c $< -o $@

$(MLE_ELF): $(MLE_OBJS) $(MLE_LDS)
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) -T $(MLE_LDS) -Map=$(MLE_MAP) -o $@ $(MLE_OBJS)

# The MLE's bytes; MleEnd (header offset 0x24) must equal its size.
$(MLE_BIN): $(MLE_ELF)
	$(OBJCOPY) -O binary -j .mle_header -j .text -j .rodata -j .data $< $@
	@size=$$(stat -c %s $@); len=$$(od -An -tu4 -j36 -N4 $@ | tr -d ' '); \
	if [ "$$size" != "$$len" ]; then \
		echo "mle: $@ is $$size bytes, its MLE header says $$len"; rm -f $@; exit 1; fi; \
	echo "mle: $@: $$size bytes"


# launch embeds sl.bin (launch/sl_blob.S, .incbin) and copies it into the SLB.
LAUNCH_SRCS += launch/sl/params.c launch/sl_blob.S launch/sl_place.c launch/sl_enter.S \
               launch/drtm_run.c
LAUNCH_OBJS += $(call fs_objs,launch/sl/params.c launch/sl_blob.S launch/sl_place.c \
               launch/sl_enter.S launch/drtm_run.c)
build/fs/launch/sl_blob.o: $(SL_BIN) $(MLE_BIN)

.PHONY: sl
sl: $(SL_BIN)
