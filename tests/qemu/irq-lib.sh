# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The interrupt-remapping tests (issue 11 item 5, acceptance "an MSI from
# edu reaches only its owner; a remapping entry for another partition's
# vector is refused"; tests/qemu/cases/irq-amdvi-uefi.sh and
# irq-vtd-uefi.sh): the DMA test's image (dma-lib.sh: the appliance plus
# `probe` on CPU 3 running guest/probe-dma.c, owner of edu) booted with
# the IOMMU's `intremap=on` and edu's `dma_mask=0xffffffff` (so the
# probe's forged MSI, a DMA write to 0xfee01000, reaches the MSI window
# instead of being masked to 28 bits). Source after tests/qemu/lib.sh,
# measure-lib.sh, attack-lib.sh and dma-lib.sh.
# Trust: as dma-lib.sh (test data made in $T_TMP from the built files).
#
#   irq_run IOMMU BDF
#       boots it (IOMMU=amd|intel), then requires: the probe's refusals
#       (a device it does not own, the channel signal's vector, a vector
#       out of range), the hypervisor's line for the remapping entry
#       (host vector on CPU 3, the probe's vector 0x60), `irq: vector 0x60
#       received 3`, the forged MSI delivered nowhere in the probe (its
#       count unchanged, no other vector), nothing after MSI off, `irq:
#       done`; the other partitions alive with no exception line.

# edu with a 32-bit DMA mask: tools/qemu-args.sh's command line, its
# `-device edu` argument extended in place.
irq_edu_opts() {
	eval "$(declare -f pp_qemu_args | sed '1s/^pp_qemu_args/irq_orig_qemu_args/')"
	# shellcheck disable=SC2317 # called by t_boot
	pp_qemu_args() {
		irq_orig_qemu_args "$@" || return 1
		local i
		for i in "${!PP_QEMU[@]}"; do
			[ "${PP_QEMU[$i]}" = edu ] && PP_QEMU[i]+=",dma_mask=0xffffffff"
		done
		return 0
	}
}

irq_run() {
	local iommu=$1 bdf=$2 name
	dma_image "$T_TMP/dma.img" "$bdf"
	DMA_IOMMU_OPTS=intremap=on
	dma_iommu_opts
	irq_edu_opts
	# QEMU's own trace of its interrupt remapping: evidence that the
	# forged message reached the IOMMU and what the IOMMU did with it
	# shellcheck disable=SC2034 # t_boot's (lib.sh)
	T_QEMU_EXTRA=(-trace "amdvi_ir_*" -trace "amdvi_mem_ir_*" -trace "vtd_ir_*" -D "$T_TMP/ir-trace.log")
	t_boot "$T_TMP/dma.img" FIRMWARE=uefi CPUS=4 IOMMU="$iommu" TPM=tis EDU=1
	t_wait "parapet: ready"
	t_expect_summary
	attack_expect_ref
	t_wait "probe: probe-dma: start"
	attack_wait_after "probe: probe-dma: start" '^probe: irq: (done|failed)$' 1
	if grep -q '^probe: irq: failed$' "$T_CONSOLE"; then
		t_fail "the probe's interrupt part failed: $(grep '^probe: irq: ' "$T_CONSOLE" | tail -n2 | head -n1)"
	fi
	t_expect_line "probe: irq: refused: device 1 (not its own)"
	t_expect_line "probe: irq: refused: vector 0x40 (the channel signal)"
	t_expect_line "probe: irq: refused: vector 0xf0 (out of range)"
	t_expect_match "^partition probe: device 00:0[0-9a-f]\.0 MSI: remapping entry [0-9]+, host vector 0x[3-9a-e][0-9a-f] on cpu 3 \(APIC ID 3\), its vector 0x60 \(message 0x[0-9a-f]+/0x[0-9a-f]+\)\$"
	t_expect_line "probe: irq: vector 0x60 received 3"
	t_expect_line "probe: irq: forged MSI to 0xfee01000 data 0x41: vector 0x60 received 3, other vectors 0"
	t_expect_line "probe: irq: off: received 3"
	attack_expect_others_alive "probe: irq: done" 4
	for name in service work-a work-b; do
		t_expect_absent "$name: exception"
	done
	irq_expect_trace "$iommu"
}

# What QEMU's IOMMU did with the messages (its trace, $T_TMP/ir-trace.log).
# QEMU 7.2 gives a device's DMA writes no requester ID (MSIs have one), so
# the forged message is judged as the IOAPIC's (AMD-Vi: device ID 0xa0,
# whose DTE is Parapet's deny entry: IntCtl abort) or without source-id
# validation (VT-d); a compatibility-format message passes VT-d unremapped
# in 7.2 (no CFI check): it reaches APIC 1's vector 0x41, which no route
# of the hypervisor forwards to a partition (the probe's and the others'
# lines above). docs/iommu.md, "Interrupt remapping".
irq_expect_trace() {
	local log=$T_TMP/ir-trace.log
	[ -s "$log" ] || t_fail "no QEMU interrupt-remapping trace in $log"
	case "$1" in
	amd)
		grep -qE 'amdvi_ir_remap_msi \(addr 0xfee00000, data 0x0\) -> \(addr 0xfee03000, data 0x40[3-9a-e][0-9a-f]\)' "$log" ||
			t_fail "QEMU did not remap edu's MSI (index 0) to APIC 3"
		grep -q 'amdvi_ir_remap_msi_req addr 0xfee01000 data 0x41 ' "$log" ||
			t_fail "the forged MSI never reached the IOMMU"
		grep -q 'amdvi_ir_target_abort' "$log" ||
			t_fail "no interrupt remapping abort in QEMU's trace"
		if grep -q 'amdvi_ir_remap_msi (addr 0xfee01000' "$log"; then
			t_fail "QEMU delivered the forged MSI: $(grep -m1 'amdvi_ir_remap_msi (addr 0xfee01000' "$log")"
		fi
		;;
	intel)
		grep -qE 'vtd_ir_remap_msi \(addr 0xfee00010, data 0x0\) -> \(addr 0xfee03000, data 0x40[3-9a-e][0-9a-f]\)' "$log" ||
			t_fail "QEMU did not remap edu's MSI (handle 0) to APIC 3"
		# its entry: SID 0x0008 (00:01.0), SQ 00b, SVT 01b
		grep -q 'vtd_ir_irte_get index 0 low 0x40008 ' "$log" ||
			t_fail "edu's entry is not source-validated for 00:01.0"
		grep -q 'vtd_ir_remap_msi_req addr 0xfee01000 data 0x41' "$log" ||
			t_fail "the forged MSI never reached the IOMMU"
		;;
	esac
}
