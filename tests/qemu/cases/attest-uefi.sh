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
#   - after a connection that fed the agent garbage and cut frames, the
#     next challenge, with --accept-launch emulated: affirming, launch
#     type emulated;
#   - the policy in force (POLICY_BIN) is the image's, version 1, signed by
#     the built-in key, and refused by --min-policy-version 2;
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

# A line that feeds the agent garbage, then a frame whose CRC is wrong
# (answered on the wire with an ERROR frame, which is checked here), then a
# frame cut short; it stays connected, silent, for 3 s (QEMU drops what a
# closed socket still held): the agent drops the cut frame after 1 s of
# silence and serves the next connection.
python3 - "$T_TMP/agent.sock" >"$T_TMP/garbage.out" 2>&1 <<-'PY' || t_fail "garbage: $(cat "$T_TMP/garbage.out")"
	import os, socket, struct, sys, time, zlib
	s = socket.socket(socket.AF_UNIX)
	s.connect(sys.argv[1])
	s.sendall(bytes(b for b in os.urandom(4000) if b != 0x50)[:3000])  # no 'P': no magic
	hdr = b"PPAT" + struct.pack("<HHI", 1, 3, 0)
	s.sendall(hdr + struct.pack("<I", zlib.crc32(hdr) ^ 1))
	s.settimeout(30)
	r = b""
	while len(r) < 12 or len(r) < 16 + struct.unpack("<I", r[8:12])[0]:
	    c = s.recv(65536)
	    if not c:
	        sys.exit("the agent hung up")
	    r += c
	magic, ver, typ, n = r[:4], *struct.unpack("<HHI", r[4:12])
	print("reply", magic, ver, hex(typ), n)
	if magic != b"PPAT" or typ != 0x80ff:
	    sys.exit("not an ERROR frame")
	s.sendall(b"PPAT" + struct.pack("<HHI", 1, 3, 40) + b"\0" * 10)
	time.sleep(3)
	s.close()
	PY
t_wait "frame dropped after 1000 ms of silence" 30
t_expect_line "service: agent: line: 22 bytes of a frame dropped after 1000 ms of silence"
t_expect_match '^service: agent: QUOTE request: an error reply of [0-9]+ bytes$'
a_challenge ok --accept-launch emulated
a_expect_status ok affirming 0
[ "$(a_json ok 'r["launch_type"]')" = emulated ] || t_fail "launch type $(a_json ok 'r["launch_type"]')"
[ "$(a_json ok 'r["reference_covers_drtm"]')" = True ] || t_fail "the reference did not cover PCR 17-19"
t_expect_match '^service: agent: QUOTE request: a reply of [0-9]+ bytes$'
# The policy in force, from the agent's POLICY_BIN: the very file the image
# holds, PCR 18's slot a event, signed by this build's policy key.
cmp -s "$T_TMP/ok/policy.bin" build/image/modules/policy.bin || t_fail "policy.bin is not the image's signed policy"
got=$(a_json ok '"%s %s %s/%s" % (r["policy"]["name"], r["policy"]["version"], r["policy"]["slot"], r["policy"]["key"])')
[ "$got" = "appliance 1 a/built-in policy key" ] || t_fail "policy in force: $got"
# ... and a verifier that wants version 2 refuses it.
rc=0
"$A_P" attest verify --bundle "$T_TMP/ok" --ak "$T_TMP/ok/ak.pub" --reference build/reference.json \
	--accept-launch emulated --min-policy-version 2 --json >"$T_TMP/oldpolicy.json" || rc=$?
[ "$rc" = 1 ] || t_fail "--min-policy-version 2: exit status $rc"
a_expect_failure oldpolicy policy-version-too-old 'version 1, the minimum is 2'

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
