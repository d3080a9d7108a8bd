#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `on-fault stop` on VT-d (issue 11, item 4; docs/iommu-faults.md "The
# per-device action"; the machinery of tests/qemu/dma-lib.sh, as
# dma-vtd-uefi): the probe owns edu (00:01.0, unit 0) with
# `device 0000:00:01.0 iommu 0 on-fault stop`. Its own transfer lands;
# its first aimed transfer (at 16 MiB, just above its RAM) is blocked and
# recorded, and the record stops the probe through the PP_HC_PART_STOP
# path with the fault as the reason, its device blocked first. Nothing of
# the probe runs after the stop, the other partitions keep their
# heartbeats and messages, and a dump of guest memory holds the pattern
# only in the probe's own page. VT-d only: QEMU's AMD-Vi writes no event
# entries, so no fault would be recorded there.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/dma-lib.sh
bdf=0000:00:01.0
why="DMA fault: $bdf write at 0x1000000 (write-denied)"
DMA_DEV_OPTS="on-fault stop"
dma_image "$T_TMP/dma.img" $bdf
dma_iommu_opts
# shellcheck disable=SC2034 # t_boot's (lib.sh)
T_QEMU_EXTRA=(-monitor "unix:$T_TMP/monitor.sock,server=on,wait=off")
t_boot "$T_TMP/dma.img" FIRMWARE=uefi CPUS=4 IOMMU=intel TPM=tis EDU=1
t_wait "parapet: ready"
t_expect_summary
attack_expect_ref
t_wait "probe: probe-dma: start"
attack_expect_running service work-a work-b probe
t_wait "partition probe: stopped after "
t_expect_match "^probe: dma: device 0 $bdf BAR0 at gpa 0x[0-9a-f]+ size 0x[0-9a-f]+, id 0x[0-9a-f]{6}ed\$"
t=$(sed -nE 's/^probe: dma: own memory at gpa (0x[0-9a-f]+): landed$/\1/p' "$T_CONSOLE")
[ -n "$t" ] || t_fail "no line 'probe: dma: own memory at gpa 0x...: landed'"
# the first aimed transfer's fault, recorded for the probe, is the reason
t_expect_line "dma fault: $bdf write at 0x1000000: write-denied (vt-d code 5), owner probe, 1 so far"
t_expect_line "partition probe: stop requested: $why (on-fault stop)"
t_expect_line "svm: probe stopped: $why"
t_expect_match '^partition probe: stopped after [0-9]+ exits, [0-9]+ hypercalls \(0 refused\)$'
[ "$(grep -c '^partition probe: stop requested: ' "$T_CONSOLE")" = 1 ] ||
	t_fail "more than one stop requested for the probe"
t_expect_absent "probe: dma: failed"
attack_expect_others_alive "partition probe: stopped after " 4
# nothing of the probe after its stop (its console lines are hypercalls)
if sed -n '/^partition probe: stopped after /,$p' "$T_CONSOLE" | grep -q '^probe: '; then
	t_fail "the probe printed after its stop: $(sed -n '/^partition probe: stopped after /,$p' "$T_CONSOLE" | grep -m1 '^probe: ')"
fi
t_expect_absent "partition probe: restarted"
hpa=$(sed -nE 's/^partition probe: ram gpa 0x0 -> hpa (0x[0-9a-f]+) \(16 MiB, dma\)$/\1/p' "$T_CONSOLE")
[ -n "$hpa" ] || t_fail "no line 'partition probe: ram gpa 0x0 -> hpa 0x... (16 MiB, dma)'"
# the pattern only in T's host page: no aimed transfer wrote it anywhere
dma_monitor stop "pmemsave 0 $DMA_MEM_BYTES \"$T_TMP/mem.dump\""
[ "$(stat -c %s "$T_TMP/mem.dump")" = $((DMA_MEM_BYTES)) ] ||
	t_fail "the memory dump is not $((DMA_MEM_BYTES)) bytes"
hits=$(dma_pattern_hits "$T_TMP/mem.dump" | tr '\n' ' ') ||
	t_fail "cannot search the memory dump"
rm -f "$T_TMP/mem.dump"
want=$(printf '0x%x' $((hpa + t)))
[ "$hits" = "$want " ] ||
	t_fail "the pattern is at host-physical [ ${hits}] in the memory dump; want exactly [ $want ] (probe's RAM at hpa $hpa + T at gpa $t)"
t_pass
