# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The DMA-isolation tests (issue 11, acceptance 1; tests/qemu/cases/
# dma-amdvi-uefi.sh and dma-vtd-uefi.sh): the default appliance's three
# partitions plus `probe` running guest/probe-dma.c (docs/guest-kit.md,
# "DMA attack guest"), which owns QEMU's edu device and aims its DMA at its
# own memory and then at memory it must not reach. Source after
# tests/qemu/lib.sh, tests/qemu/measure-lib.sh and tests/qemu/attack-lib.sh.
# Trust: everything here is test data made in $T_TMP from the built files;
# the policy is signed with the development policy key (keys/dev/policy.pem),
# which the built hypervisor trusts. The memory dump is QEMU's (the host
# side of the VM), not the guest's word.
#
#   dma_image OUT BDF
#       like attack_image OUT dma (attack-lib.sh), but the probe's RAM is
#       `dma yes`, it owns `device BDF iommu 0` and it holds `capability
#       faultlog-read` (its own DMA fault log): a private copy of
#       build/parapet.img with that policy signed in both slots and
#       build/guest/probe-dma.bin as pd-probe.bin; probe added to T_PARTS;
#       $T_TMP/attack-ref.json for attack_expect_ref.
#   dma_run IOMMU BDF
#       the whole test: boots that image (IOMMU=amd|intel, EDU=1, a QEMU
#       monitor socket), checks the guest's lines (its device, its own
#       transfer landed, each aimed transfer completed, its page still the
#       pattern, `dma: done`), the other partitions alive, then stops the
#       VM, dumps its memory and requires the pattern's first 64 bytes
#       exactly once in it, at the host-physical address of the guest's
#       page T: the probe's RAM hpa (the hypervisor's line `partition
#       probe: ram gpa 0x0 -> hpa 0x... (16 MiB, dma)`) plus T's gpa.
#       Returns with the VM stopped; the case then calls t_pass.
# DMA_DEV_OPTS: more keys on the probe's device line (e.g. `on-fault stop`:
# dma-stop-vtd-uefi.sh); unset: none (`on-fault log`).
# DMA_IOMMU_OPTS: extra options of the IOMMU device (`-device
# intel-iommu,OPTS` or `amd-iommu,OPTS`), e.g. `aw-bits=48` for 4-level
# VT-d tables; unset: QEMU's defaults (VT-d: 39 bits, 3 levels).

# guest/probe-dma.c's pattern: xorshift64* from this seed, words little-endian
DMA_SEED=0x9e3779b97f4a7c15
DMA_MEM_BYTES=0x40000000 # MEM=1G: all of it below 4 GiB on q35

dma_image() {
	local out=$1 bdf=$2 bin=build/guest/probe-dma.bin
	[ -f "$bin" ] || t_fail "$bin missing (make guests)"
	[ -x build/bin/parapet ] || t_fail "build/bin/parapet missing (make all)"
	[ -f "$ATTACK_KEY" ] || t_fail "$ATTACK_KEY missing (make keys)"
	{
		cat policy/appliance.pol
		cat <<EOF

# The DMA test's partition (tests/qemu/dma-lib.sh): guest probe-dma, owner
# of the edu device, its RAM its device's DMA domain.
partition probe {
    id 4
    image "pd-probe.bin"
    entry 0x100040
    boot long64
    cache-mask none

    ram gpa 0x0 hpa any size 16M perm rwx dma yes
    cpu 3 exclusive

    device $bdf iommu 0${DMA_DEV_OPTS:+ $DMA_DEV_OPTS}
    capability console
    capability faultlog-read
}
EOF
	} >"$T_TMP/attack.pol"
	attack_image_put "$out" "$bin" "DMA test's"
	T_PARTS+=("probe:3:2")
}

# The IOMMU device with DMA_IOMMU_OPTS: tools/qemu-args.sh's command line,
# its `-device amd-iommu` / `intel-iommu` argument extended in place (it
# stays before the edu it translates).
dma_iommu_opts() {
	[ -n "${DMA_IOMMU_OPTS:-}" ] || return 0
	eval "$(declare -f pp_qemu_args | sed '1s/^pp_qemu_args/dma_orig_qemu_args/')"
	# shellcheck disable=SC2317 # called by t_boot
	pp_qemu_args() {
		dma_orig_qemu_args "$@" || return 1
		local i
		for i in "${!PP_QEMU[@]}"; do
			case "${PP_QEMU[$i]}" in
			amd-iommu | intel-iommu) PP_QEMU[i]+=",$DMA_IOMMU_OPTS" ;;
			esac
		done
	}
}

# dma_monitor CMD...: each HMP command on $T_TMP/monitor.sock in turn, each
# answered (the `(qemu) ` prompt back) within 60 s and none refused (HMP's
# `Try "help ..."` or an error); the replies go to $T_TMP/monitor.log. Quote
# file names: HMP reads `SIZE /tmp/..` as a division.
dma_monitor() {
	python3 - "$T_TMP/monitor.sock" "$@" >>"$T_TMP/monitor.log" 2>&1 <<'EOF' ||
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(60)
def upto_prompt():
    buf = b""
    while not buf.endswith(b"(qemu) "):
        d = s.recv(65536)
        if not d:
            sys.exit("monitor closed")
        buf += d
    sys.stdout.write(buf.decode(errors="replace") + "\n")
    return buf
upto_prompt()
for cmd in sys.argv[2:]:
    s.sendall(cmd.encode() + b"\n")
    reply = upto_prompt()
    if b'Try "help' in reply or b"rror" in reply:
        sys.exit("refused: " + cmd)
EOF
		t_fail "QEMU monitor: '$*' failed: $(tail -n2 "$T_TMP/monitor.log")"
}

# dma_pattern_hits DUMP: the offsets of the pattern's first 64 bytes in
# DUMP, one a line, in hex.
dma_pattern_hits() {
	python3 - "$1" "$DMA_SEED" <<'EOF'
import mmap, sys
m64 = (1 << 64) - 1
x = int(sys.argv[2], 0)
pat = b""
while len(pat) < 64:
    x ^= x >> 12
    x ^= (x << 25) & m64
    x ^= x >> 27
    pat += ((x * 0x2545f4914f6cdd1d) & m64).to_bytes(8, "little")
with open(sys.argv[1], "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
    at = m.find(pat)
    while at >= 0:
        print("0x%x" % at)
        at = m.find(pat, at + 1)
EOF
}

dma_run() {
	local iommu=$1 bdf=$2 t hpa a hits want
	dma_image "$T_TMP/dma.img" "$bdf"
	dma_iommu_opts
	# shellcheck disable=SC2034 # t_boot's (lib.sh)
	T_QEMU_EXTRA=(-monitor "unix:$T_TMP/monitor.sock,server=on,wait=off")
	t_boot "$T_TMP/dma.img" FIRMWARE=uefi CPUS=4 IOMMU="$iommu" TPM=tis EDU=1
	t_wait "parapet: ready"
	t_expect_summary
	attack_expect_ref
	t_wait "probe: probe-dma: start"
	attack_expect_running service work-a work-b probe
	attack_wait_after "probe: probe-dma: start" '^(probe: dma: (done|failed)|partition probe: stopped .*)$' 1
	t_expect_absent "partition probe: stopped"
	if grep -q '^probe: dma: failed$' "$T_CONSOLE"; then
		t_fail "the DMA guest failed: $(grep '^probe: dma: ' "$T_CONSOLE" | tail -n2 | head -n1)"
	fi
	t_expect_match "^probe: dma: device 0 $bdf BAR0 at gpa 0x[0-9a-f]+ size 0x[0-9a-f]+, id 0x[0-9a-f]{6}ed\$"
	t=$(sed -nE 's/^probe: dma: own memory at gpa (0x[0-9a-f]+): landed$/\1/p' "$T_CONSOLE")
	[ -n "$t" ] || t_fail "no line 'probe: dma: own memory at gpa 0x...: landed'"
	# 16 MiB (just above its RAM) and every 16 MiB up to 240 MiB: each
	# transfer completed (edu completes a transfer the IOMMU aborted)
	for ((a = 0x1000000; a <= 0xf000000; a += 0x1000000)); do
		t_expect_line "probe: dma: aimed at $(printf '0x%x' $a): done"
	done
	t_expect_line "probe: dma: own memory at gpa $t: still the pattern"
	# its own fault log was mapped and read (what it holds: the cases)
	t_expect_match '^probe: dma: fault log: [0-9]+ fault\(s\), [0-9]+ entries, [0-9]+ dropped$'
	hpa=$(sed -nE 's/^partition probe: ram gpa 0x0 -> hpa (0x[0-9a-f]+) \(16 MiB, dma\)$/\1/p' "$T_CONSOLE")
	[ -n "$hpa" ] || t_fail "no line 'partition probe: ram gpa 0x0 -> hpa 0x... (16 MiB, dma)'"
	attack_expect_others_alive "probe: dma: done" 4
	# nothing its DMA steps did was refused (DEV_INFO is its own device's)
	# or stopped it; its interrupt steps after `dma: done` provoke three
	# PP_HC_DEV_IRQ refusals on purpose (irq-lib.sh asserts those)
	awk '/^probe: dma: done$/ { exit } /^svm: probe: refused/ { print; bad = 1 } END { exit bad }' \
		"$T_CONSOLE" >"$T_TMP/refused.txt" ||
		t_fail "a DMA step was refused: $(head -n1 "$T_TMP/refused.txt")"
	t_expect_absent "partition probe: stopped"
	# the pattern exists nowhere but in T's host page: no aimed transfer
	# wrote it anywhere, its zeroed source holds none, and T is where its
	# own transfer put it
	dma_monitor stop "pmemsave 0 $DMA_MEM_BYTES \"$T_TMP/mem.dump\""
	[ "$(stat -c %s "$T_TMP/mem.dump")" = $((DMA_MEM_BYTES)) ] ||
		t_fail "the memory dump is not $((DMA_MEM_BYTES)) bytes"
	hits=$(dma_pattern_hits "$T_TMP/mem.dump" | tr '\n' ' ') ||
		t_fail "cannot search the memory dump"
	rm -f "$T_TMP/mem.dump"
	want=$(printf '0x%x' $((hpa + t)))
	[ "$hits" = "$want " ] ||
		t_fail "the pattern is at host-physical [ ${hits}] in the memory dump; want exactly [ $want ] (probe's RAM at hpa $hpa + T at gpa $t)"
}
