# SPDX-License-Identifier: GPL-2.0-only
# The hypervisor: an ELF64 linked identity at 16 MiB (hypervisor/hypervisor.ld),
# loaded by launch/ (docs/handoff.md, docs/hypervisor.md).
#   HV_ELF_FULL  the linked ELF with symbols and DWARF, for gdb; never shipped
#   HV_ELF       the same with every symbol and debug section stripped: the
#                file the image ships, GRUB and the secure loader measure and
#                refgen predicts. Its build-id note (a hash of HV_ELF_FULL)
#                and loadable bytes are HV_ELF_FULL's (docs/hypervisor.md,
#                "Debugging"; tests/refgen/check.sh checks both).
HV_ELF_FULL := build/hypervisor/hypervisor.unstripped.elf
HV_ELF := build/hypervisor/hypervisor.elf
HV_LDS := hypervisor/hypervisor.ld

# ACPI_SRCS (host-testable parsers) and HV_DRIVER_PROBE_SRCS (IOMMU/TPM probes).
-include hypervisor/core/acpi/sources.mk
# HV_PT_SRCS: the page-table engine and its formats.
include hypervisor/lib/pt/sources.mk
# HV_X86DEC_SRCS: the MMIO instruction decoder and guest fetcher (host-tested,
# not in the image yet) and its objdump cross-check (`make x86dec-check`, part of test-host).
include hypervisor/lib/x86dec/sources.mk
include tests/x86dec/build.mk
HOST_TESTABLE_SRCS += $(HV_X86DEC_SRCS)
# HV_PART_SRCS: partitions from the policy (memory plan, NPT, image, boot state).
include hypervisor/core/part/sources.mk
# HV_VACPI_SRCS: the virtual ACPI platform of a Linux partition (host tested only).
include hypervisor/core/linux/vacpi.mk
# HV_LINUX_SRCS: a Linux partition's boot protocol (host-tested only so far).
include hypervisor/core/linux/sources.mk
include tests/linux/build.mk
include hypervisor/core/linux/vports.mk # HV_VPORTS_SRCS: its port I/O (host tested only)
include hypervisor/core/linux/vpci.mk # HV_VPCI_SRCS: conf1, the host bridge and the endpoint filter
include hypervisor/core/linux/vapic.mk
include hypervisor/core/linux/vcpu.mk
include hypervisor/drivers/rtc/rtc.mk # HV_RTC_SRCS: the host's CMOS clock, the calendar

HV_PALLOC_SRCS := hypervisor/core/palloc.c
# The VT-d unit driver (docs/iommu-vtd.md): freestanding, host-tested, not called at boot yet.
HV_VTD_SRCS := $(addprefix hypervisor/drivers/iommu/,vtd_fmt.c vtd_fault.c vtd_qi.c vtd.c vtd_irte.c)

# SVM (docs/svm.md): the pure parts are host-tested too.
HV_SVM_PURE_SRCS := \
	hypervisor/arch/x86_64/svm/caps.c \
	hypervisor/arch/x86_64/svm/check.c \
	hypervisor/arch/x86_64/svm/vmcb_init.c \
	hypervisor/arch/x86_64/svm/vmcb_part.c \
	hypervisor/arch/x86_64/svm/refuse.c
HV_SVM_SRCS := $(HV_SVM_PURE_SRCS) \
	hypervisor/arch/x86_64/svm/svm.c \
	hypervisor/arch/x86_64/svm/vmrun.S \
	hypervisor/arch/x86_64/svm/guest.S \
	hypervisor/arch/x86_64/svm/exit.c \
	hypervisor/arch/x86_64/svm/exit_linux.c \
	hypervisor/arch/x86_64/svm/virt_svm.c \
	hypervisor/arch/x86_64/svm/npt_tiny.c \
	hypervisor/arch/x86_64/svm/first_guest.c

# VMX (docs/vmx.md): hardware-only and untested on hardware (QEMU TCG has
# no VMX). Host-tested only; not in the hypervisor image.
HV_VMX_PURE_SRCS := \
	hypervisor/arch/x86_64/vmx/vmcs.c \
	hypervisor/arch/x86_64/vmx/controls.c \
	hypervisor/arch/x86_64/vmx/fmt_ept.c \
	hypervisor/arch/x86_64/vmx/vmxon.c \
	hypervisor/arch/x86_64/vmx/entry_check.c \
	hypervisor/arch/x86_64/vmx/entry_check_host.c

HV_ARCH_SRCS := \
	hypervisor/arch/x86_64/entry.S \
	hypervisor/arch/x86_64/isr.S \
	hypervisor/arch/x86_64/desc_load.S \
	hypervisor/arch/x86_64/trampoline.S \
	hypervisor/arch/x86_64/cpu.c \
	hypervisor/arch/x86_64/exception.c \
	hypervisor/arch/x86_64/gdt.c \
	hypervisor/arch/x86_64/idt.c \
	hypervisor/arch/x86_64/irq.c \
	hypervisor/arch/x86_64/lapic.c \
	hypervisor/arch/x86_64/lapic_timer.c \
	hypervisor/arch/x86_64/lapic_timer_calc.c \
	hypervisor/arch/x86_64/paging.c \
	hypervisor/arch/x86_64/percpu.c \
	hypervisor/arch/x86_64/pic.c \
	hypervisor/arch/x86_64/smp.c \
	hypervisor/arch/x86_64/timer.c \
	hypervisor/arch/x86_64/cache_qos.c \
	hypervisor/arch/x86_64/cache_qos_plan.c \
	$(HV_SVM_SRCS)

# DMA remapping glue (hypervisor/core/dma/, docs/iommu.md): pure parts, then the rest.
HV_DMA_PURE_SRCS := hypervisor/core/dma/pci_bar.c hypervisor/core/dma/pci_msi.c
HV_DMA_SRCS := hypervisor/core/dma/dma_env.c hypervisor/core/dma/dma_units.c \
	hypervisor/core/dma/dma_part.c hypervisor/core/dma/dma_fault.c hypervisor/core/dma/dma_bench.c \
	hypervisor/core/dma/dma_irq.c hypervisor/core/dma/dma_linux.c

HV_CORE_SRCS := \
	hypervisor/core/build_id.c \
	hypervisor/core/console.c \
	hypervisor/core/main.c \
	hypervisor/core/memory.c \
	hypervisor/core/platform.c \
	hypervisor/core/tpm_dev.c \
	hypervisor/core/fwlog.c \
	hypervisor/core/log_export.c \
	hypervisor/core/faultlog.c \
	hypervisor/core/measure_report.c \
	hypervisor/core/policy_boot.c \
	hypervisor/core/policy_slots.c \
	hypervisor/core/policy_verdict.c \
	hypervisor/core/cap.c \
	hypervisor/core/hypercall.c \
	hypervisor/core/partition.c \
	hypervisor/core/partition_run.c \
	hypervisor/core/partition_tpm.c \
	hypervisor/core/partition_mem.c \
	hypervisor/core/partition_log.c \
	hypervisor/core/partition_linux.c \
	hypervisor/core/partition_lsmp.c \
	hypervisor/core/linux/lvm.c \
	hypervisor/core/policy_machine.c \
	hypervisor/core/pci_scan.c \
	hypervisor/core/pt_palloc.c \
	hypervisor/core/wallclock.c \
	$(HV_DMA_PURE_SRCS) $(HV_DMA_SRCS) \
	$(HV_PALLOC_SRCS)

HV_SRCS := $(HV_ARCH_SRCS) $(HV_CORE_SRCS) $(UART_SRCS) \
	$(ACPI_SRCS) $(HV_DRIVER_PROBE_SRCS) $(HV_PT_SRCS) $(HV_PART_FS_SRCS)
# A Linux partition's platform (docs/linux-partition.md): boot protocol,
# ACPI tables, CPUID, MSRs, ports, xAPIC filter and the MMIO decoder.
HV_SRCS += $(HV_LINUX_SRCS) $(HV_VACPI_SRCS) $(HV_VPORTS_SRCS) $(HV_VPCI_SRCS) $(HV_VAPIC_SRCS) \
	$(HV_VCPU_SRCS) \
	$(HV_X86DEC_SRCS)
HV_SRCS += $(HV_RTC_SRCS)
# The AMD-Vi unit driver and its I/O page-table format (docs/iommu.md).
HV_SRCS += $(addprefix hypervisor/drivers/iommu/,amdvi.c amdvi_cmd.c amdvi_evt.c amdvi_dte.c amdvi_fmt.c \
	amdvi_irte.c)
HV_SRCS += $(HV_VTD_SRCS)
HV_OBJS := $(call fs_objs,$(HV_SRCS))
# POLICY_KEYS_FS_OBJ: the built-in policy-signing keys (keys/build.mk).
HV_LINK_OBJS := $(HV_OBJS) $(COMMON_FS_OBJS) $(POLICY_KEYS_FS_OBJ)

# CET=1 (mk/flags.mk, docs/hypervisor.md "CET"): the same sources plus the
# CET code, compiled into build/cet/fs/, linked to build/cet/hypervisor/.
# A second link with --emit-relocs (same layout, relocations kept) feeds
# the ENDBR64 check (tests/cet/endbr-check.sh), whose stamp the CET image
# depends on: no CET image is built from an unchecked hypervisor.
HV_CET_SRCS := hypervisor/arch/x86_64/cet.c hypervisor/arch/x86_64/cet_cpu.c
ifeq ($(CET),1)
HV_ELF_FULL := build/cet/hypervisor/hypervisor.unstripped.elf
HV_ELF := build/cet/hypervisor/hypervisor.elf
HV_LINK_OBJS := $(call cet_objs,$(HV_OBJS) $(call fs_objs,$(HV_CET_SRCS)) $(COMMON_FS_OBJS) \
                $(POLICY_KEYS_FS_OBJ))
HV_RELOCS_ELF := build/cet/hypervisor/hypervisor.relocs.elf
HV_ENDBR_OK := build/cet/hypervisor/endbr-check.ok
HV_IMAGE_DEPS := $(HV_ENDBR_OK)

# The relocs link carries the unstripped ELF's build-id (ld --build-id=0xHEX),
# so its loaded bytes can equal the shipped ELF's (the check compares them).
$(HV_RELOCS_ELF): $(HV_LINK_OBJS) $(HV_LDS) $(HV_ELF_FULL)
	@mkdir -p $(dir $@)
	id=$$(readelf -nW $(HV_ELF_FULL) | sed -nE 's/.*Build ID: ([0-9a-f]+).*/\1/p'); \
	[ -n "$$id" ] || { echo "$(HV_ELF_FULL): no build-id note" >&2; exit 1; }; \
	$(LD) $(filter-out --build-id=%,$(FS_LDFLAGS)) --build-id=0x$$id --emit-relocs \
		-T $(HV_LDS) -o $@ $(HV_LINK_OBJS)

$(HV_ENDBR_OK): $(HV_ELF) $(HV_RELOCS_ELF) tests/cet/endbr-check.sh
	tests/cet/endbr-check.sh --ld-script $(HV_LDS) --shipped $(HV_ELF) $(HV_RELOCS_ELF)
	@touch $@
endif

# --build-id=sha1 hashes the output, so the note is as reproducible as the
# rest of the file (no absolute path in the DWARF: mk/flags.mk, REPRO).
HV_LDFLAGS := $(filter-out --build-id=%,$(FS_LDFLAGS)) --build-id=sha1

$(HV_ELF_FULL): $(HV_LINK_OBJS) $(HV_LDS)
	@mkdir -p $(dir $@)
	$(LD) $(HV_LDFLAGS) -T $(HV_LDS) -o $@ $(HV_LINK_OBJS)

$(HV_ELF): $(HV_ELF_FULL)
	$(OBJCOPY) --strip-all $< $@

HOST_TESTABLE_SRCS += $(HV_PALLOC_SRCS) $(ACPI_SRCS) $(HV_PT_SRCS) hypervisor/arch/x86_64/cet.c \
	hypervisor/core/cap.c hypervisor/core/hypercall.c $(HV_SVM_PURE_SRCS) $(HV_PART_SRCS) \
	$(HV_VMX_PURE_SRCS) hypervisor/arch/x86_64/lapic_timer_calc.c \
	hypervisor/arch/x86_64/cache_qos_plan.c
HOST_TESTABLE_SRCS += hypervisor/drivers/iommu/amdvi_fmt.c hypervisor/drivers/iommu/amdvi_dte.c
HOST_TESTABLE_SRCS += $(HV_DMA_PURE_SRCS)
HOST_TESTABLE_SRCS += $(addprefix hypervisor/drivers/iommu/,amdvi.c amdvi_cmd.c amdvi_evt.c amdvi_irte.c)
HOST_TESTABLE_SRCS += $(HV_VTD_SRCS)
HOST_TESTABLE_SRCS += hypervisor/core/faultlog.c
HOST_TESTABLE_SRCS += $(HV_VACPI_SRCS)
HOST_TESTABLE_SRCS += $(HV_LINUX_SRCS)
