#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The Linux kit's network round trip without the hypervisor (`make
# linux-net-check`; docs/linux-partition.md, "The Linux kit";
# docs/testing.md): the kit's kernel and initramfs booted directly in QEMU
# (tools/linux-direct.sh net: microvm with its PCIe host bridge, one
# virtio-net-pci,disable-legacy=on,iommu_platform=on,romfile= on
# `-netdev user`) with parapet.test=net, parapet.tcp=PORT of the host
# service tests/qemu/tcp-service.py (linux_tcp_start, a free port on
# 127.0.0.1) and a random parapet.nonce. Asserts:
#  - the guest saw the NIC: `linux-init: pci BDF 1af4:1041` (virtio 1.x
#    PCI IDs, virtio spec 1.1 4.1.2.1: vendor 0x1af4, device 0x1040 plus
#    the device type, 1 for a network card; a transitional device would
#    be 0x1000);
#  - every module of the initramfs' parapet-net.modules loaded
#    (`net: insmod NAME: ok`, in that order), and virtio_net drives eth0;
#  - `linux-init: net reply R` with R = sha256("KEY:NONCE"), KEY the
#    service's random key, which the guest never sees, and the service
#    logged that nonce and that reply: a real round trip through the NIC;
#  - R is not the reply to another nonce, nor sha256(NONCE) alone (the
#    comparison can fail).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/qemu-args.sh
. tests/qemu/linux-lib.sh
export LC_ALL=C
initrd=build/linux/linux-initrd.img
for f in build/linux/linux-vmlinuz "$initrd" image/linux-cmdline.txt; do
	[ -s "$f" ] || { echo "net-check: $f missing (make linux-kit)" >&2; exit 1; }
done
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parapet-net-check.XXXXXX")
# shellcheck disable=SC2317 # run by the trap
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	linux_tcp_stop
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

start=$(date +%s%N)
linux_tcp_start "$tmp" || { echo "net-check: FAIL: the host service did not start" >&2; exit 1; }
nonce=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
want=$(linux_tcp_reply "$nonce")
echo "info service 127.0.0.1:$LINUX_TCP_PORT, nonce $nonce, expected reply $want"
# RTC on: skips seconds of the boot-time wallclock probe (linux-direct.sh)
if ! LINUX_DIRECT_TPM=0 LINUX_DIRECT_RTC=on LINUX_DIRECT_TIMEOUT=${NET_CHECK_TIMEOUT:-120} \
	LINUX_DIRECT_LOG="$tmp/serial.log" \
	LINUX_DIRECT_APPEND="parapet.tcp=$LINUX_TCP_PORT parapet.nonce=$nonce" \
	tools/linux-direct.sh net >"$tmp/direct.out" 2>&1; then
	bad "tools/linux-direct.sh net did not end with a reply"
fi
sed 's/\r//g' "$tmp/serial.log" >"$tmp/console.txt"

grep -qE '^linux-init: pci [0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7] 1af4:1041$' "$tmp/console.txt" &&
	ok "the guest lists the NIC: $(grep -E '^linux-init: pci .* 1af4:1041$' "$tmp/console.txt" | head -n 1)" ||
	bad "no 'linux-init: pci BDF 1af4:1041' line"

# the modules, in the initramfs' order
mkdir "$tmp/root"
(cd "$tmp/root" && zcat "$OLDPWD/$initrd" | cpio -id --quiet 'lib/modules/*/parapet-net.modules')
list=$(find "$tmp/root/lib/modules" -name parapet-net.modules | head -n 1)
if [ -z "$list" ]; then
	bad "no lib/modules/VER/parapet-net.modules in $initrd"
else
	sed 's|.*/||; s|\.ko$||; s|^|linux-init: net: insmod |; s|$|: ok|' "$list" >"$tmp/want-insmod"
	grep '^linux-init: net: insmod ' "$tmp/console.txt" >"$tmp/got-insmod" || true
	if cmp -s "$tmp/want-insmod" "$tmp/got-insmod"; then
		ok "$(wc -l <"$list") modules loaded in order: $(sed 's|.*/||; s|\.ko$||' "$list" | tr '\n' ' ')"
	else
		bad "module loads differ from $(basename "$list"):"
		diff "$tmp/want-insmod" "$tmp/got-insmod" | sed 's/^/  /' || true
	fi
fi
grep -qE '^linux-init: net: eth0 [0-9a-f:]{17} driver virtio_net$' "$tmp/console.txt" &&
	ok "virtio_net drives eth0" || bad "no 'net: eth0 MAC driver virtio_net' line"
grep -qx 'linux-init: net: eth0 up 10.0.2.15/24 via 10.0.2.2' "$tmp/console.txt" &&
	ok "eth0 up as 10.0.2.15/24 via 10.0.2.2" || bad "eth0 not configured"

got=$(sed -n 's/^linux-init: net reply //p' "$tmp/console.txt" | head -n 1)
if [ -z "$got" ]; then
	bad "no 'linux-init: net reply' line ($(grep '^linux-init: net failed' "$tmp/console.txt" || echo "no 'net failed' line either"))"
elif [ "$got" = "$want" ]; then
	ok "the guest's reply is sha256(key:nonce) of this run's service"
else
	bad "the guest's reply $got is not $want"
fi
grep -qx "conn [0-9]* line $nonce reply $want" "$LINUX_TCP_LOG" &&
	ok "the service logged the nonce and its reply" || bad "the service has no exchange for nonce $nonce"
# negative controls: the comparison above distinguishes
other=$(linux_tcp_reply "${nonce}x")
bare=$(printf '%s' "$nonce" | sha256sum | cut -d' ' -f1)
[ "$got" != "$other" ] && [ "$got" != "$bare" ] &&
	ok "the reply is neither another nonce's nor sha256(nonce)" || bad "the reply matches a control"

end=$(date +%s%N)
echo "info $(grep 'linux-direct: action net' "$tmp/direct.out" || true)"
echo "info net-check took $(((end - start) / 1000000)) ms"
if [ $fail != 0 ]; then
	sed 's/^/  | /' "$tmp/direct.out"
	echo "net-check: FAIL" >&2
	exit 1
fi
echo "net-check: ok"
