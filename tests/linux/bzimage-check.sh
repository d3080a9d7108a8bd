#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The boot-protocol parser against Debian's own cloud kernel (`make
# linux-boot-check`; docs/linux-partition.md, "Boot protocol"). Uses a
# cached linux-image-6.1.0-*-cloud-amd64 .deb under build/linux/, or fetches
# the one linux-image-cloud-amd64 depends on with `apt-get download`;
# extracts /boot/vmlinuz-* with dpkg-deb; runs the parser's host tool
# (tests/linux/bzimage-info.c) and compares its view with the facts
# measured in linux-guest.md 1.2: protocol 2.15, xloadflags 0x7f,
# relocatable, alignment 2 MiB, pref_address 16 MiB, init_size about
# 51 MiB. The kernel is data here: nothing of it runs.
set -euo pipefail
info=${1:?usage: bzimage-check.sh BZIMAGE-INFO-TOOL}
dir=build/linux
mkdir -p "$dir"

deb=$(ls -1 "$dir"/linux-image-6.1.0-*-cloud-amd64_*.deb 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$deb" ]; then
	pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
		sed -nE 's/^ *Depends: (linux-image-6\.1\.0-[0-9]+-cloud-amd64)$/\1/p' | head -n 1)
	[ -n "$pkg" ] || { echo "bzimage-check: apt knows no linux-image-cloud-amd64 (apt-get update?)" >&2; exit 1; }
	echo "bzimage-check: apt-get download $pkg"
	(cd "$dir" && apt-get download "$pkg")
	deb=$(ls -1 "$dir"/"$pkg"_*.deb | tail -n 1)
fi
vmlinuz="$dir/$(basename "$deb" .deb).vmlinuz"
if [ ! -s "$vmlinuz" ]; then
	member=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep -E '^\./boot/vmlinuz-' | head -n 1)
	[ -n "$member" ] || { echo "bzimage-check: no /boot/vmlinuz-* in $deb" >&2; exit 1; }
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$member" > "$vmlinuz.tmp"
	mv "$vmlinuz.tmp" "$vmlinuz"
fi
echo "bzimage-check: $(basename "$deb") -> $vmlinuz ($(stat -c %s "$vmlinuz") bytes)"

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
