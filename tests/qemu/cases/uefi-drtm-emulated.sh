#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Emulated DRTM (docs/drtm.md): OVMF, swtpm behind the DRTM harness. The
# launch stage asks the harness over COM2 to play SKINIT; the harness must
# have paused the VM, read a valid SLB, run swtpm's HASH_START/DATA/END at
# locality 4, and read back PCR17 == H(0 || H(SLB)) in every bank while the
# VM was still paused. The sha256 value is recomputed here from the SLB
# dump with OpenSSL. The boot must still reach the ready line.
. "$(dirname "$0")/../lib.sh"
t_boot build/parapet.img FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis DRTM=emulated
t_drtm_wait
t_drtm_expect_measured
t_drtm_expect_log "drtm-harness: qmp stop: VM paused"
t_drtm_expect_log "drtm-harness: swtpm CMD_SET_LOCALITY(4) ok"
t_drtm_expect_log "drtm-harness: swtpm CMD_HASH_END ok"
t_drtm_expect_log "drtm-harness: qmp cont: VM resumed"
t_drtm_expect_log "drtm-harness: com2: answered OK"
[ "$(t_drtm_value slb_base)" != "" ] || t_fail "no SLB base in the harness result"
t_wait "parapet: ready"
t_expect_summary
t_expect_match 'launch type: emulated'
t_pass
