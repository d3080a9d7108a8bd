#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Remote attestation end to end (docs/attest-agent.md, docs/attestation.md):
# the default appliance on a TPM manufactured with an EK certificate
# (swtpm_setup, a local CA). The service partition's agent comes up on its
# serial line (COM3, a socket here) once the hypervisor has handed the TPM
# over at ready. `parapet attest enroll` checks the EK certificate against
# the CA and proves by credential activation that the AK lives in that
# TPM; `challenge` sends a fresh nonce and judges the quote, the firmware
# and DRTM logs against build/reference.json:
#   - by default (hardware launches only) the emulated DRTM is refused:
#     contraindicated, launch-type-refused naming `emulated`;
#   - with --accept-launch emulated: affirming, launch type emulated;
#   - the first challenge's evidence verified again (a replayed quote)
#     is refused by the clock state, and under the second challenge's
#     nonce by the nonce.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/attest-lib.sh
t_boot build/parapet.img FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis AGENT=1 EKCERT=1
t_wait "parapet: ready"
t_expect_summary
t_expect_line "hv: tpm: locality 0 released; locality 0 is partition service's from now on"
a_wait_agent
t_expect_match '^service: agent: tpm: TIS at 0xfed40000, locality 0$'
t_expect_match '^service: agent: ready: parapet-agent 1, EK certified, AK rsa2048 eccp256, [0-9]+ bank\(s\), line 0x3e8 \([0-9]+ ms\)$'
a_enroll
grep -q "enrolled" "$T_TMP/enroll.out" || t_fail "enroll said: $(cat "$T_TMP/enroll.out")"

a_challenge default
a_expect_status default contraindicated 1
a_expect_failure default launch-type-refused 'emulated'
[ "$(a_json default 'r["launch_type"]')" = emulated ] || t_fail "launch type $(a_json default 'r["launch_type"]')"

a_challenge ok --accept-launch emulated
a_expect_status ok affirming 0
[ "$(a_json ok 'r["launch_type"]')" = emulated ] || t_fail "launch type $(a_json ok 'r["launch_type"]')"
[ "$(a_json ok 'r["reference_covers_drtm"]')" = True ] || t_fail "the reference did not cover PCR 17-19"
t_expect_match '^service: agent: QUOTE request: a reply of [0-9]+ bytes$'

# A replayed quote: the first challenge's evidence again. The state has
# the second quote's clock: refused as a replay.
rc=0
"$A_P" attest verify --bundle "$T_TMP/default" --ak "$T_TMP/ok/ak.pub" --state "$A_DB" \
	--reference build/reference.json --accept-launch emulated --json >"$T_TMP/replay.json" || rc=$?
[ "$rc" = 1 ] || t_fail "replayed quote: exit status $rc"
a_expect_failure replay clockinfo-regressed 'clock'
# ... and offered under the newer challenge's nonce: refused by the nonce.
cp -r "$T_TMP/default" "$T_TMP/stale"
cp "$T_TMP/ok/nonce.hex" "$T_TMP/stale/nonce.hex"
"$A_P" attest verify --bundle "$T_TMP/stale" --ak "$T_TMP/ok/ak.pub" \
	--reference build/reference.json --accept-launch emulated --json >"$T_TMP/stale.json" || rc=$?
a_expect_status stale contraindicated
a_expect_failure stale nonce-mismatch 'nonce'
# every partition kept running throughout
for name in service work-a work-b; do t_expect_absent "partition $name: stopped"; done
t_console
n=$(grep -c '^work-a: heartbeat' "$T_CONSOLE" || true)
[ "$n" -ge 3 ] || t_fail "work-a printed $n heartbeats"
t_pass
