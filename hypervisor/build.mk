# SPDX-License-Identifier: GPL-2.0-only
# The hypervisor: an ELF64 linked identity at 16 MiB (hypervisor/hypervisor.ld),
# loaded by launch/ (docs/handoff.md, docs/hypervisor.md).
HV_ELF := build/hypervisor/hypervisor.elf
HV_LDS := hypervisor/hypervisor.ld

# ACPI_SRCS (host-testable parsers) and HV_DRIVER_PROBE_SRCS (IOMMU/TPM probes).
-include hypervisor/core/acpi/sources.mk

HV_PALLOC_SRCS := hypervisor/core/palloc.c

HV_ARCH_SRCS := \
	hypervisor/arch/x86_64/entry.S \
	hypervisor/arch/x86_64/isr.S \
	hypervisor/arch/x86_64/desc_load.S \
	hypervisor/arch/x86_64/trampoline.S \
	hypervisor/arch/x86_64/cpu.c \
	hypervisor/arch/x86_64/exception.c \
	hypervisor/arch/x86_64/gdt.c \
	hypervisor/arch/x86_64/idt.c \
	hypervisor/arch/x86_64/lapic.c \
	hypervisor/arch/x86_64/paging.c \
	hypervisor/arch/x86_64/percpu.c \
	hypervisor/arch/x86_64/smp.c \
	hypervisor/arch/x86_64/timer.c

HV_CORE_SRCS := \
	hypervisor/core/console.c \
	hypervisor/core/main.c \
	hypervisor/core/memory.c \
	hypervisor/core/platform.c \
	hypervisor/core/tpm_dev.c \
	hypervisor/core/fwlog.c \
	hypervisor/core/log_export.c \
	hypervisor/core/measure_report.c \
	$(HV_PALLOC_SRCS)

HV_SRCS := $(HV_ARCH_SRCS) $(HV_CORE_SRCS) $(UART_SRCS) \
	$(ACPI_SRCS) $(HV_DRIVER_PROBE_SRCS)
HV_OBJS := $(call fs_objs,$(HV_SRCS))
HV_LINK_OBJS := $(HV_OBJS) $(COMMON_FS_OBJS)

# CET=1 (mk/flags.mk, docs/hypervisor.md "CET"): the same sources plus the
# CET code, compiled into build/cet/fs/, linked to build/cet/hypervisor/.
# A second link with --emit-relocs (same layout, relocations kept) feeds
# the ENDBR64 check (tests/cet/endbr-check.sh), whose stamp the CET image
# depends on: no CET image is built from an unchecked hypervisor.
HV_CET_SRCS := hypervisor/arch/x86_64/cet.c hypervisor/arch/x86_64/cet_cpu.c
ifeq ($(CET),1)
HV_ELF := build/cet/hypervisor/hypervisor.elf
HV_LINK_OBJS := $(call cet_objs,$(HV_OBJS) $(call fs_objs,$(HV_CET_SRCS)) $(COMMON_FS_OBJS))
HV_RELOCS_ELF := build/cet/hypervisor/hypervisor.relocs.elf
HV_ENDBR_OK := build/cet/hypervisor/endbr-check.ok
HV_IMAGE_DEPS := $(HV_ENDBR_OK)

$(HV_RELOCS_ELF): $(HV_LINK_OBJS) $(HV_LDS)
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) --emit-relocs -T $(HV_LDS) -o $@ $(HV_LINK_OBJS)

$(HV_ENDBR_OK): $(HV_ELF) $(HV_RELOCS_ELF) tests/cet/endbr-check.sh
	tests/cet/endbr-check.sh --ld-script $(HV_LDS) --shipped $(HV_ELF) $(HV_RELOCS_ELF)
	@touch $@
endif

$(HV_ELF): $(HV_LINK_OBJS) $(HV_LDS)
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) -T $(HV_LDS) -o $@ $(HV_LINK_OBJS)

HOST_TESTABLE_SRCS += $(HV_PALLOC_SRCS) $(ACPI_SRCS) hypervisor/arch/x86_64/cet.c
