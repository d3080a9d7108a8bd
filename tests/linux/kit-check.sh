#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The Linux kit's host checks (`make linux-kit-check`; docs/linux-partition.md,
# "The Linux kit"), on the built build/linux/linux-vmlinuz,
# build/linux/linux-initrd.img and image/linux-cmdline.txt:
#  - the initramfs is reproducible: built again from the same inputs it is
#    the same bytes (refgen predicts its digest); built with another
#    SOURCE_DATE_EPOCH it differs (the check can see a difference);
#  - its entries are in sorted order, owned by 0:0, dated SOURCE_DATE_EPOCH;
#  - it holds /init, busybox with sh and poweroff, the four tpm2-tools
#    commands, the loader, the device TCTI, and every library any of its
#    ELF files names (DT_NEEDED, readelf);
#  - it holds the kernel package's msr.ko (parapet.test=msr) at the package's
#    path, the same bytes as the package's (decompressed if .ko.xz), its
#    vermagic the kernel's release, and the applets /init's msr action runs;
#  - it holds the test module build/linux/ipitest.ko at
#    /lib/modules/VER/extra/ipitest.ko, byte for byte; its vermagic is the
#    kernel's release and its modinfo the module's; rebuilt from the same
#    sources and header packages in another directory it is the same bytes;
#  - it holds the virtio-net modules (parapet.test=net): virtio_pci,
#    virtio_net and every module their modinfo `depends=` names, each the
#    package's bytes with the kernel's vermagic, listed in
#    lib/modules/VER/parapet-net.modules each after its dependencies, no
#    other module, and the applets /init's net action runs;
#  - the kernel is the .deb's /boot/vmlinuz-*, byte for byte;
#  - the command line is printable ASCII without a newline, leaves room for
#    the ` tsc_early_khz=N` the hypervisor appends (cmdline_size 2047), and
#    has the options linux-guest.md §1.6 requires.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LC_ALL=C
vmlinuz=build/linux/linux-vmlinuz initrd=build/linux/linux-initrd.img cmdline=image/linux-cmdline.txt
epoch=${SOURCE_DATE_EPOCH:-1704067200}
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
for f in "$vmlinuz" "$initrd" "$cmdline"; do
	[ -s "$f" ] || { echo "kit-check: $f missing (make linux-kit)" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parapet-kit-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- reproducible ------------------------------------------------------------
# (their output, e.g. the size warning, only when a build fails)
build() {
	SOURCE_DATE_EPOCH=$1 tools/linux-kit.sh initramfs "$2" >"$tmp/build.log" 2>&1 ||
		{ cat "$tmp/build.log" >&2; echo "kit-check: FAIL: cannot build the initramfs" >&2; exit 1; }
}
build "$epoch" "$tmp/again.img"
if cmp -s "$initrd" "$tmp/again.img"; then
	ok "initramfs rebuilt: the same bytes ($(sha256sum <"$initrd" | cut -c1-16)...)"
else
	bad "initramfs rebuilt from the same inputs differs from $initrd"
fi
build $((epoch + 1)) "$tmp/other.img"
if cmp -s "$initrd" "$tmp/other.img"; then
	bad "initramfs with SOURCE_DATE_EPOCH + 1 equals $initrd (dates not in the archive?)"
else
	ok "initramfs with SOURCE_DATE_EPOCH + 1 differs"
fi

# --- entries -------------------------------------------------------------------
gzip -t "$initrd" || bad "$initrd is not gzip"
zcat "$initrd" | cpio -it --quiet >"$tmp/names"
if sort -c "$tmp/names" 2>/dev/null; then ok "$(wc -l <"$tmp/names") entries in sorted order"; else bad "entries not sorted"; fi
zcat "$initrd" | cpio -itv --quiet --numeric-uid-gid >"$tmp/long"
owners=$(awk '{ print $3 ":" $4 }' "$tmp/long" | sort -u | tr '\n' ' ')
[ "$owners" = "0:0 " ] && ok "every entry owned by 0:0" || bad "owners: $owners"
# newc keeps mtime in seconds; cpio -tv prints it as a date
want=$(date -u -d "@$epoch" '+%b %e  %Y')
dates=$(awk '{ print $6, $7, " " $8 }' "$tmp/long" | sed 's/ \+/ /g' | sort -u | tr '\n' ';')
[ "$dates" = "$(echo "$want" | sed 's/ \+/ /g');" ] && ok "every entry dated $want" || bad "dates: $dates"
mkdir "$tmp/root"
(cd "$tmp/root" && zcat "$OLDPWD/$initrd" | cpio -id --quiet)
need=(init bin/busybox bin/sh sbin/poweroff sbin/reboot bin/mount bin/sleep usr/bin/sha256sum
	sbin/insmod sbin/rmmod bin/dd usr/bin/od usr/bin/printf bin/uname usr/bin/tail usr/bin/wc usr/bin/tr
	sbin/ip usr/bin/nc usr/bin/timeout usr/bin/head bin/readlink bin/cat
	usr/bin/tpm2_pcrread usr/bin/tpm2_pcrextend usr/bin/tpm2_getrandom usr/bin/tpm2_eventlog
	lib64/ld-linux-x86-64.so.2 lib/x86_64-linux-gnu/libtss2-tcti-device.so.0)
# parapet.test=edu's applets (devmem: BAR registers and the pages it owns)
need+=(sbin/devmem usr/bin/awk bin/cat bin/grep)
# parapet.test=msix's (the MSI-X table's BAR from `resource`, the device's sysfs path)
need+=(bin/sed usr/bin/cut bin/readlink)
for n in "${need[@]}"; do
	if [ -e "$tmp/root/$n" ] && [ -x "$tmp/root/$n" ] || [[ "$n" == lib* && -e "$tmp/root/$n" ]]; then
		ok "has /$n"
	else
		bad "no /$n"
	fi
done
head -n1 "$tmp/root/init" | grep -qx '#!/bin/sh' && ok "/init runs /bin/sh" || bad "/init: $(head -n1 "$tmp/root/init")"
missing=0
while read -r elf; do
	while read -r lib; do
		[ -e "$tmp/root/lib/x86_64-linux-gnu/$lib" ] || [ -e "$tmp/root/lib64/$lib" ] ||
			{ bad "${elf#"$tmp/root"} needs $lib, not in the initramfs"; missing=1; }
	done < <(readelf -d "$elf" 2>/dev/null | sed -nE 's/.*\(NEEDED\).*\[(.*)\]$/\1/p')
done < <(find "$tmp/root" -type f -exec sh -c 'head -c4 "$1" | grep -q "ELF"' _ {} \; -print)
[ $missing = 0 ] && ok "every DT_NEEDED library of every ELF file is in the initramfs"
size=$(find "$tmp/root" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "info initramfs: $size bytes uncompressed, $(stat -c %s "$initrd") compressed"

# --- kernel ----------------------------------------------------------------------
deb=$(ls -1 build/linux/debs/linux-image-6.1.0-*-cloud-amd64_*.deb | sort -V | tail -n 1)
member=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep -E '^\./boot/vmlinuz-' | head -n 1)
if [ "$(dpkg-deb --fsys-tarfile "$deb" | tar -xO "$member" | sha256sum)" = "$(sha256sum <"$vmlinuz")" ]; then
	ok "$vmlinuz is $(basename "$deb")'s ${member#.}, unmodified"
else
	bad "$vmlinuz differs from $(basename "$deb")'s ${member#.}"
fi

# --- msr.ko ----------------------------------------------------------------------
kmember=$(dpkg-deb --fsys-tarfile "$deb" | tar -t |
	grep -E '^\./lib/modules/[^/]+/kernel/arch/x86/kernel/msr\.ko(\.xz)?$' | head -n 1 || true)
if [ -z "$kmember" ]; then
	bad "$(basename "$deb") has no msr.ko"
else
	kver=${kmember#./lib/modules/}
	kver=${kver%%/*}
	ko=lib/modules/$kver/kernel/arch/x86/kernel/msr.ko
	case "$kmember" in
	*.xz) want_ko=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO "$kmember" | xz -dc | sha256sum) ;;
	*) want_ko=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO "$kmember" | sha256sum) ;;
	esac
	if [ ! -f "$tmp/root/$ko" ]; then
		bad "no /$ko"
	elif [ "$(sha256sum <"$tmp/root/$ko")" = "$want_ko" ]; then
		ok "/$ko is $(basename "$deb")'s ${kmember#.}$([[ $kmember == *.xz ]] && echo ", decompressed")"
	else
		bad "/$ko differs from $(basename "$deb")'s ${kmember#.}"
	fi
	# modinfo's vermagic= (the module loader compares it with the kernel's)
	if [ -f "$tmp/root/$ko" ] && tr '\0' '\n' <"$tmp/root/$ko" | grep "^vermagic=$kver " >/dev/null; then
		ok "msr.ko's vermagic is $kver"
	else
		bad "msr.ko's vermagic is not $kver"
	fi
fi

# --- virtio-net modules (parapet.test=net) ----------------------------------------
# The package's member for module NAME ('-' and '_' alike), its plain
# bytes' sha256 (decompressed if .ko.xz).
deb_list=$(dpkg-deb --fsys-tarfile "$deb" | tar -t)
member_of() {
	local re=${1//_/[-_]}
	grep -E "^\./lib/modules/[^/]+/kernel/(.*/)?${re}\.ko(\.xz)?$" <<<"$deb_list" | head -n 1 || true
}
# (from $tmp/deb: the listed modules, extracted in one pass)
deb_sha() {
	case "$1" in
	*.xz) xz -dc "$tmp/deb/$1" | sha256sum ;;
	*) sha256sum <"$tmp/deb/$1" ;;
	esac
}
kver=${kver:-$(sed -nE 's|^lib/modules/([^/]+)$|\1|p' "$tmp/names" | head -n 1)}
list=lib/modules/$kver/parapet-net.modules
declare -A pos=()
mods=()
if [ ! -f "$tmp/root/$list" ]; then
	bad "no /$list"
else
	i=0
	while read -r rel; do
		name=${rel##*/}
		name=${name%.ko}
		name=${name//-/_}
		pos[$name]=$i
		mods+=("$rel")
		i=$((i + 1))
	done <"$tmp/root/$list"
	ok "/$list: $i modules: $(sed 's|.*/||; s|\.ko$||' "$tmp/root/$list" | tr '\n' ' ')"
	for want in virtio_pci virtio_net; do
		[ -n "${pos[$want]:-}" ] && ok "$want listed" || bad "$want not in /$list"
	done
	members=()
	for rel in "${mods[@]}"; do
		name=${rel##*/}
		name=${name%.ko}
		m=$(member_of "${name//-/_}")
		[ -z "$m" ] || members+=("$m")
	done
	mkdir "$tmp/deb"
	[ ${#members[@]} = 0 ] || dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp/deb" "${members[@]}"
	for rel in "${mods[@]}"; do
		f=$tmp/root/lib/modules/$kver/$rel
		name=${rel##*/}
		name=${name%.ko}
		name=${name//-/_}
		m=$(member_of "$name")
		if [ ! -f "$f" ]; then
			bad "/$list names $rel, not in the initramfs"
			continue
		fi
		if [ -z "$m" ] || [ "./lib/modules/$kver/$rel" != "${m%.xz}" ]; then
			bad "$rel is not at the package's path (${m:-none})"
		elif [ "$(sha256sum <"$f")" != "$(deb_sha "$m")" ]; then
			bad "$rel differs from $(basename "$deb")'s ${m#.}"
		else
			ok "$rel is the package's ${m#.}"
		fi
		tr '\0' '\n' <"$f" | grep "^vermagic=$kver " >/dev/null || bad "$rel's vermagic is not $kver"
		# every dependency listed, and earlier (the loader resolves a
		# module's symbols against the modules already loaded)
		for dep in $(tr '\0' '\n' <"$f" | sed -n 's/^depends=//p' | head -n 1 | tr ',' ' '); do
			if [ -z "${pos[$dep]:-}" ]; then
				bad "$name depends on $dep, not in /$list"
			elif [ "${pos[$dep]}" -ge "${pos[$name]}" ]; then
				bad "$name is listed before its dependency $dep"
			fi
		done
	done
fi
# no module but msr.ko, the list's and ipitest.ko, no other file under /lib/modules
allowed=$(printf '%s\n' "lib/modules/$kver/kernel/arch/x86/kernel/msr.ko" "$list" \
	"lib/modules/$kver/extra/ipitest.ko" \
	"${mods[@]/#/lib/modules/$kver/}")
others=$(grep -E '^lib/modules/' "$tmp/names" | while read -r n; do
	[ -d "$tmp/root/$n" ] && continue
	grep -qxF -- "$n" <<<"$allowed" || echo "$n"
done | tr '\n' ' ')
[ -z "$others" ] && ok "no other file under /lib/modules" || bad "other files under /lib/modules: $others"

# --- ipitest.ko (the test module, parapet.test=ipi) -------------------------------
ipi=build/linux/ipitest.ko
if [ -z "${kver:-}" ]; then
	bad "no kernel release for ipitest.ko (no msr.ko above)"
elif [ ! -f "$ipi" ]; then
	bad "$ipi missing (make linux-kit)"
elif ! cmp -s "$ipi" "$tmp/root/lib/modules/$kver/extra/ipitest.ko"; then
	bad "/lib/modules/$kver/extra/ipitest.ko is not $ipi"
else
	ok "/lib/modules/$kver/extra/ipitest.ko is $ipi"
	tr '\0' '\n' <"$ipi" >"$tmp/ipi.strings"
	if grep -q "^vermagic=$kver " "$tmp/ipi.strings"; then
		ok "ipitest.ko's vermagic is $kver"
	else
		bad "ipitest.ko's vermagic is not $kver: $(grep '^vermagic=' "$tmp/ipi.strings" || echo none)"
	fi
	for kv in name=ipitest license=GPL parmtype=dest:uint parmtype=mode:charp parmtype=vector:uint; do
		grep -qx "$kv" "$tmp/ipi.strings" && ok "ipitest.ko: $kv" || bad "ipitest.ko: no $kv"
	done
	# no debug info, no build path
	if readelf -S "$ipi" | grep -q '\.debug_'; then bad "ipitest.ko has .debug_ sections"; else ok "ipitest.ko: no .debug_ sections"; fi
	if grep -qF "$PWD" "$tmp/ipi.strings"; then bad "ipitest.ko names $PWD"; else ok "ipitest.ko names no build path"; fi
	# reproducible: the same bytes from another directory (TMPDIR)
	mkdir "$tmp/ipi-again"
	if TMPDIR=$tmp/ipi-again tools/linux-kit.sh ipitest "$tmp/ipitest-again.ko" >"$tmp/ipi.log" 2>&1; then
		if cmp -s "$ipi" "$tmp/ipitest-again.ko"; then
			ok "ipitest.ko rebuilt in another directory: the same bytes ($(sha256sum <"$ipi" | cut -c1-16)...)"
		else
			bad "ipitest.ko rebuilt from the same sources differs from $ipi"
		fi
	else
		cat "$tmp/ipi.log" >&2
		bad "cannot rebuild ipitest.ko"
	fi
fi

# --- command line --------------------------------------------------------------
len=$(stat -c %s "$cmdline")
if LC_ALL=C grep -q '[^ -~]' "$cmdline" || [ "$(tail -c1 "$cmdline" | od -An -c | tr -d ' ')" = '\n' ]; then
	bad "$cmdline: not one line of printable ASCII without a newline"
else
	ok "$cmdline: $len bytes of printable ASCII, no newline"
fi
# the hypervisor appends " tsc_early_khz=" and at most 10 digits; cmdline_size 2047
[ $((len + 25)) -le 2047 ] && ok "room for ' tsc_early_khz=N' within 2047 bytes" || bad "$cmdline too long ($len)"
for o in console=ttyS0,115200 8250.nr_uarts=1 tpm_tis.interrupts=0 reboot=acpi panic=-1 tsc=reliable; do
	grep -qE "(^| )$o( |$)" "$cmdline" && ok "option $o" || bad "no option $o"
done
for o in quiet pci=noacpi tsc_early_khz; do
	grep -qE "(^| )$o(=| |$)" "$cmdline" && bad "option $o (docs/linux-partition.md, 'The Linux kit')" || ok "no $o"
done
[ $fail = 0 ] || { echo "kit-check: FAIL" >&2; exit 1; }
echo "kit-check: ok"
