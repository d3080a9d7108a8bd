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
}
