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

HV_SRCS := $(HV_ARCH_SRCS) $(HV_CORE_SRCS) hypervisor/drivers/uart/ns16550.c \
	$(ACPI_SRCS) $(HV_DRIVER_PROBE_SRCS)
HV_OBJS := $(call fs_objs,$(HV_SRCS))

$(HV_ELF): $(HV_OBJS) $(COMMON_FS_OBJS) $(HV_LDS)
	@mkdir -p $(dir $@)
	$(LD) $(FS_LDFLAGS) -T $(HV_LDS) -o $@ $(HV_OBJS) $(COMMON_FS_OBJS)

HOST_TESTABLE_SRCS += $(HV_PALLOC_SRCS) $(ACPI_SRCS) hypervisor/arch/x86_64/cet.c
