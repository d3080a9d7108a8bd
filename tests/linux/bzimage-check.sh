#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The boot-protocol parser against Debian's own cloud kernel (`make
# linux-boot-check`; docs/linux-partition.md, "Boot protocol"): the Linux
# kit's build/linux/linux-vmlinuz (tools/linux-kit.sh: /boot/vmlinuz-* of
# the linux-image-6.1.0-N-cloud-amd64 .deb that linux-image-cloud-amd64
# depends on, fetched once with `apt-get download`, unmodified). Runs the
# parser's host tool (tests/linux/bzimage-info.c) and compares its view
# with the facts measured in linux-guest.md 1.2: protocol 2.15,
# xloadflags 0x7f, relocatable, alignment 2 MiB, pref_address 16 MiB,
# init_size about 51 MiB. The kernel is data here: nothing of it runs.
set -euo pipefail
info=${1:?usage: bzimage-check.sh BZIMAGE-INFO-TOOL [VMLINUZ]}
vmlinuz=${2:-build/linux/linux-vmlinuz}
[ -s "$vmlinuz" ] || tools/linux-kit.sh vmlinuz "$vmlinuz"
deb=$(find build/linux/debs -name 'linux-image-*.deb' -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
echo "bzimage-check: $vmlinuz ($(stat -c %s "$vmlinuz") bytes${deb:+, from $deb})"

out=$("$info" "$vmlinuz") || { echo "$out"; echo "bzimage-check: FAIL: the parser refused the image" >&2; exit 1; }
echo "$out" | sed 's/^/  /'
val() { echo "$out" | sed -nE "s/^$1 (.*)$/\1/p"; }

fail=0
expect() { # key, expected value
	local got
	got=$(val "$1")
	if [ "$got" = "$2" ]; then
		echo "ok   $1 = $2"
	else
		echo "FAIL $1 = '$got', linux-guest.md says $2"
		fail=1
	fi
}
expect protocol 2.15
expect xloadflags 0x7f
expect relocatable yes
expect kernel_alignment 0x200000
expect pref_address 0x1000000
init=$(val init_size)
mib=$(( init / 1048576 ))
if [ -n "$init" ] && [ "$mib" -ge 48 ] && [ "$mib" -le 56 ]; then
	echo "ok   init_size = $init ($mib MiB; linux-guest.md: about 51 MiB)"
else
	echo "FAIL init_size = '$init' ($mib MiB), linux-guest.md says about 51 MiB"
	fail=1
fi
expect layout_rip 0x1000200
[ $fail -eq 0 ] || { echo "bzimage-check: FAIL" >&2; exit 1; }
echo "bzimage-check: ok"
