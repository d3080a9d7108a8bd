#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make bench`: the cost of one IOMMU invalidation with its completion
# wait (docs/iommu.md, "Figures"), in instructions, measured the way
# ../shared/notes/exit-bench.md measures exits: a private copy of
# build/parapet.img whose GRUB entry adds `dma-bench` to the hypervisor's
# command line, booted under QEMU with -icount shift=0 (one TSC tick per
# instruction retired), OVMF, emulated DRTM, once with amd-iommu and once
# with intel-iommu. The hypervisor times 41 domain invalidations with
# their completion waits right after bringing the unit up
# (hypervisor/core/dma/dma_bench.c), before any host tick runs, and
# prints the modal value, min/median/max. Only the hypervisor's
# instructions count: QEMU executes the commands inside the doorbell
# write, so this is the driver's cost, not the hardware's.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/qemu/lib.sh
. tests/qemu/measure-lib.sh
m_image_with_entry "$T_TMP/dmabench.img" parapet
mcopy -n -i "$T_TMP/dmabench.img@@$M_ESP_OFFSET" ::/boot/grub/grub.cfg "$T_TMP/grub.cfg" ||
	t_fail "cannot read grub.cfg out of the image"
sed -i '0,/hypervisor\.elf hypervisor console=com1$/s//hypervisor.elf hypervisor console=com1 dma-bench/' \
	"$T_TMP/grub.cfg"
grep -q 'console=com1 dma-bench' "$T_TMP/grub.cfg" || t_fail "grub.cfg: no hypervisor line to extend"
m_image_cfg "$T_TMP/dmabench.img" "$T_TMP/grub.cfg"
for iommu in amd intel; do
	ICOUNT=0 t_boot "$T_TMP/dmabench.img" FIRMWARE=uefi CPUS=3 IOMMU=$iommu TPM=tis
	t_wait "hv: dma-bench: " 600
	t_console
	line=$(grep -m1 '^hv: dma-bench: ' "$T_CONSOLE")
	t_stop
	echo "dma-bench: $iommu-iommu: ${line#hv: dma-bench: }"
	case "$line" in *", 0 failed") ;; *) t_fail "dma-bench: a timed invalidation failed: $line" ;; esac
done
t_pass >/dev/null
