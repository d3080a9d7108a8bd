#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The Linux kit (docs/linux-partition.md, "The Linux kit"): what the
# partition `linux` of policy/linux.pol boots, from Debian packages.
#
#   tools/linux-kit.sh fetch           the .debs into build/linux/debs/ (once)
#   tools/linux-kit.sh vmlinuz OUT     Debian's cloud kernel, unmodified
#   tools/linux-kit.sh initramfs OUT   the initramfs (cpio newc, gzip -n)
#   tools/linux-kit.sh busybox OUT     busybox-static's /bin/busybox
#
# fetch: `apt-get download` (no root needed) of Debian 12's
# linux-image-6.1.0-N-cloud-amd64 (the one linux-image-cloud-amd64 depends
# on) and busybox-static. A .deb already in build/linux/debs/ is used as it
# is: nothing is fetched twice, and a cached kit needs no network. The
# other commands fetch first when the cache is empty.
#
# initramfs: busybox (and a link per applet, from `busybox --list-full`),
# /init (image/linux/init), and tpm2-tools' tpm2_pcrread, tpm2_pcrextend,
# tpm2_getrandom, tpm2_eventlog from the host's installed Debian packages
# (tools/deps.sh installs tpm2-tools) with every shared library ldd names,
# the loader /lib64/ld-linux-x86-64.so.2, and the TCTI tpm2-tss opens at
# run time (libtss2-tcti-device.so.0, dlopen: ldd cannot see it), and the
# kernel package's msr.ko (CONFIG_X86_MSR=m in the cloud kernel; /init's
# parapet.test=msr loads it) at its own path,
# /lib/modules/VER/kernel/arch/x86/kernel/msr.ko: a plain ELF copied as it
# is, or, were the package's .ko.xz, decompressed here (busybox's insmod
# reads compressed modules only when built with that feature; a plain .ko
# needs nothing). `xz -dc` output depends on the input alone.
# For /init's parapet.test=net, the package's virtio_pci and virtio_net
# (both =m in the cloud kernel) and every module their modinfo `depends=`
# names, transitively (virtio_ring, virtio, virtio_pci_legacy_dev,
# virtio_pci_modern_dev, failover, net_failover), the same way at their own
# paths, and /lib/modules/VER/parapet-net.modules: their paths relative to
# /lib/modules/VER in load order, each after its dependencies (the package
# has no modules.dep: depmod writes that at install time).
# Reproducible (refgen predicts its digest, docs/measurements.md): every
# entry's mtime is SOURCE_DATE_EPOCH, owner 0:0, names sorted in the C
# locale, `cpio --reproducible` (no inode or device numbers), `gzip -n`
# (no name, no time). The same inputs give the same bytes
# (tests/linux/kit-check.sh builds it twice and compares).
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "linux-kit: $*" >&2; exit 1; }
export LC_ALL=C TZ=UTC
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1704067200}

DEBS=build/linux/debs
INIT=image/linux/init
# tpm2-tools' commands in the initramfs (all links to /usr/bin/tpm2 in 5.x)
TPM2_TOOLS=(tpm2_pcrread tpm2_pcrextend tpm2_getrandom tpm2_eventlog)
# tpm2-tss's TCTI loader dlopens the TCTI named by TPM2TOOLS_TCTI
# (device:/dev/tpmrm0, linux-guest.md §2)
TPM2_TCTI=libtss2-tcti-device.so.0

# The newest cached .deb whose file name matches the glob $1 (empty if none).
cached() {
	local f
	f=$(find "$DEBS" -maxdepth 1 -name "$1" 2>/dev/null | sort -V | tail -n 1 || true)
	echo "$f"
}

# apt-get download PKG into $DEBS, with a clear message when apt cannot.
download() {
	local pkg=$1 log
	log=$(mktemp "${TMPDIR:-/tmp}/linux-kit.XXXXXX")
	echo "linux-kit: apt-get download $pkg"
	if ! (cd "$DEBS" && apt-get download "$pkg") >"$log" 2>&1; then
		sed 's/^/  /' "$log" >&2
		rm -f "$log"
		die "apt-get download $pkg failed: the kit needs Debian's package mirror once (apt-get update? network?); after that build/linux/debs/ is used offline"
	fi
	rm -f "$log"
}

kernel_deb() { cached 'linux-image-6.1.0-*-cloud-amd64_*.deb'; }
busybox_deb() { cached 'busybox-static_*.deb'; }

# apt's package lists know PKG; as root, one `apt-get update` if they do not
# (a machine whose packages were all installed long ago may have none).
apt_knows() {
	apt-cache show "$1" >/dev/null 2>&1 && return 0
	[ "$(id -u)" = 0 ] || return 1
	echo "linux-kit: apt knows no $1: apt-get update"
	apt-get update >/dev/null 2>&1 || return 1
	apt-cache show "$1" >/dev/null 2>&1
}

fetch() {
	mkdir -p "$DEBS"
	if [ -z "$(kernel_deb)" ]; then
		local pkg
		apt_knows linux-image-cloud-amd64 ||
			die "apt knows no linux-image-cloud-amd64 (Debian 12 sources; run apt-get update)"
		pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
			sed -nE 's/^ *Depends: (linux-image-6\.1\.0-[0-9]+-cloud-amd64)$/\1/p' | head -n 1 || true)
		[ -n "$pkg" ] || die "apt knows no linux-image-cloud-amd64 depending on linux-image-6.1.0-N-cloud-amd64 (Debian 12 sources; run apt-get update)"
		download "$pkg"
		[ -n "$(kernel_deb)" ] || die "apt-get download $pkg left no $DEBS/${pkg}_*.deb"
	fi
	if [ -z "$(busybox_deb)" ]; then
		apt_knows busybox-static ||
			die "apt knows no busybox-static (Debian 12 sources; run apt-get update)"
		download busybox-static
		[ -n "$(busybox_deb)" ] || die "apt-get download busybox-static left no $DEBS/busybox-static_*.deb"
	fi
}

# Extract member $2 (a path in the package, ./...) of .deb $1 to $3, unmodified.
extract() {
	local deb=$1 member=$2 out=$3
	mkdir -p "$(dirname "$out")"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$member" >"$out.tmp" ||
		die "cannot extract $member from $deb"
	[ -s "$out.tmp" ] || die "$member in $deb is empty"
	mv "$out.tmp" "$out"
}

vmlinuz() {
	local out=$1 deb member
	fetch
	deb=$(kernel_deb)
	member=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep -E '^\./boot/vmlinuz-' | head -n 1 || true)
	[ -n "$member" ] || die "no /boot/vmlinuz-* in $deb"
	extract "$deb" "$member" "$out"
	echo "linux-kit: $(basename "$deb") $member -> $out ($(stat -c %s "$out") bytes)"
}

busybox() {
	local out=$1 deb
	fetch
	deb=$(busybox_deb)
	extract "$deb" ./bin/busybox "$out"
	chmod 755 "$out"
	"$out" true 2>/dev/null || die "$out (from $deb) does not run on this host"
}

# Module MEMBER $2 of the kernel package (./lib/modules/VER/kernel/...ko
# or .ko.xz), already extracted into root $1 at the package's path, made a
# plain module there: a .ko.xz decompressed (busybox's insmod reads
# compressed modules only when built with that feature; a plain .ko needs
# nothing; `xz -dc` output depends on the input alone). Prints its path
# relative to root.
plain_module() {
	local root=$1 member=$2 src dst
	src=$root/${member#./}
	dst=${src%.xz}
	[ -s "$src" ] || die "$member: not extracted from $(kernel_deb)"
	if [ "$src" != "$dst" ]; then
		command -v xz >/dev/null || die "$member is xz-compressed and xz is not installed (package xz-utils)"
		xz -dc "$src" >"$dst" || die "cannot decompress $member from $(kernel_deb)"
		rm -f "$src"
	fi
	head -c 4 "$dst" | grep -q ELF || die "$member from $(kernel_deb) is not an ELF module"
	chmod 644 "$dst"
	echo "${dst#"$root"/}"
}

# Members $2... of the kernel package into root $1 at their own paths, in
# one pass over the package.
extract_members() {
	local root=$1 deb
	shift
	deb=$(kernel_deb)
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$root" "$@" ||
		die "cannot extract $* from $deb"
}

# The kernel package's msr.ko into root $1, for parapet.test=msr.
put_msr_ko() {
	local root=$1 deb member
	deb=$(kernel_deb)
	member=$(dpkg-deb --fsys-tarfile "$deb" | tar -t |
		grep -E '^\./lib/modules/[^/]+/kernel/arch/x86/kernel/msr\.ko(\.xz)?$' | head -n 1 || true)
	[ -n "$member" ] || die "no lib/modules/*/kernel/arch/x86/kernel/msr.ko{,.xz} in $deb (CONFIG_X86_MSR=m?)"
	extract_members "$root" "$member"
	plain_module "$root" "$member" >/dev/null
}

# The modules /init's parapet.test=net loads: the virtio PCI transport and
# the virtio network driver (CONFIG_VIRTIO_PCI=m, CONFIG_VIRTIO_NET=m in the
# cloud kernel), with every module they depend on.
NET_MODULES=(virtio_pci virtio_net)
# The load order /init follows: one path a line, relative to
# /lib/modules/VER, each module after every module it depends on.
NET_LIST=parapet-net.modules

# NET_MODULES and their dependencies into root $1, and $NET_LIST. The
# package has no modules.dep (depmod writes it at install time), so the
# chain comes from each module's own `depends=` (in its .modinfo section:
# the field modinfo prints, the modules that must be loaded first). Found
# breadth first, one pass over the package per level; then ordered depth
# first, dependencies in sorted order, each module once after all of its
# own (a cycle is an error: the kernel could not load it either).
put_net_modules() {
	local root=$1 deb ver name m dep
	deb=$(kernel_deb)
	local -A member=() deps=() path=() seen=() state=()
	# module name (file name without .ko/.ko.xz, '-' as '_') -> member
	while read -r m; do
		name=${m##*/}
		name=${name%.xz}
		name=${name%.ko}
		member[${name//-/_}]=$m
	done < <(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep -E '^\./lib/modules/[^/]+/kernel/.*\.ko(\.xz)?$')
	ver=${member[virtio_net]:-}
	[ -n "$ver" ] || die "no virtio_net.ko{,.xz} in $deb (CONFIG_VIRTIO_NET=m?)"
	ver=${ver#./lib/modules/}
	ver=${ver%%/*}
	local todo=("${NET_MODULES[@]}") next members
	for m in "${todo[@]}"; do seen[$m]=1; done
	while [ ${#todo[@]} -gt 0 ]; do
		members=()
		for m in "${todo[@]}"; do
			[ -n "${member[$m]:-}" ] || die "module $m (for parapet.test=net) not in $deb"
			members+=("${member[$m]}")
		done
		extract_members "$root" "${members[@]}"
		next=()
		for m in "${todo[@]}"; do
			path[$m]=$(plain_module "$root" "${member[$m]}")
			deps[$m]=$(tr '\0' '\n' <"$root/${path[$m]}" | sed -n 's/^depends=//p' | head -n 1 | tr ',' '\n' | sort)
			for dep in ${deps[$m]}; do
				[[ "$dep" =~ ^[a-z0-9_]+$ ]] || die "module $m: odd dependency name '$dep'"
				[ -n "${seen[$dep]:-}" ] && continue
				seen[$dep]=1
				next+=("$dep")
			done
		done
		todo=("${next[@]}")
	done
	local list=''
	order() {
		local mod=$1 d
		case "${state[$mod]:-}" in
		listed) return ;;
		open) die "module dependency cycle through $mod in $deb" ;;
		esac
		state[$mod]=open
		for d in ${deps[$mod]}; do order "$d"; done
		state[$mod]=listed
		list+=${path[$mod]#lib/modules/"$ver"/}$'\n'
	}
	for m in "${NET_MODULES[@]}"; do order "$m"; done
	printf '%s' "$list" >"$root/lib/modules/$ver/$NET_LIST"
	chmod 644 "$root/lib/modules/$ver/$NET_LIST"
	echo "linux-kit: parapet.test=net modules, in load order: $(printf '%s' "$list" | sed 's|.*/||; s|\.ko$||' | tr '\n' ' ')"
}

# Copy host file $1 into root $2 at the same path, following symlinks
# (the initramfs holds regular files only, plus the links made here).
put_host() {
	local src=$1 root=$2 dst
	[ -e "$src" ] || die "host file $src missing (tools/deps.sh installs tpm2-tools)"
	dst=$root$src
	mkdir -p "$(dirname "$dst")"
	cp -L "$src" "$dst"
}

# The shared libraries ldd names for $1 (absolute paths, loader included).
libs_of() {
	ldd "$1" 2>/dev/null | sed -nE 's/^[[:space:]]*[^ ]+ => (\/[^ ]+) \(0x[0-9a-f]+\)$/\1/p; s/^[[:space:]]*(\/[^ ]+) \(0x[0-9a-f]+\)$/\1/p'
}

initramfs() {
	local out=$1 root tool bin lib stamp n size
	[ -f "$INIT" ] || die "$INIT missing"
	root=$(mktemp -d "${TMPDIR:-/tmp}/linux-kit-root.XXXXXX")
	# shellcheck disable=SC2064 # expand now: the trap outlives this function's locals
	trap "rm -rf '$root'" EXIT
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,lib64,lib/x86_64-linux-gnu}
	busybox "$root/bin/busybox"
	# one relative link per applet (the paths busybox gives, e.g. sbin/poweroff)
	# (bash builtins only: a process per applet made this the slow part)
	local path up
	while read -r path; do
		[ "$path" = bin/busybox ] && continue
		[[ "$path" =~ ^((bin|sbin|usr/bin|usr/sbin)/)?[a-z0-9_.[-]+$ ]] ||
			die "busybox applet path $path: not in /, bin, sbin, usr/bin, usr/sbin"
		[ -e "$root/$path" ] && continue
		up=${path//[^\/]/}
		up=${up//\//../}
		ln -s "${up}bin/busybox" "$root/$path"
	done < <("$root/bin/busybox" --list-full | sort)
	[ -L "$root/bin/sh" ] || die "busybox has no sh applet"
	install -m 755 "$INIT" "$root/init"

	# tpm2-tools: each command as a link to the multi-call /usr/bin/tpm2
	# when the host has it so, else as its own file
	bin=$(readlink -f /usr/bin/tpm2_pcrread 2>/dev/null || true)
	[ -x "$bin" ] || die "/usr/bin/tpm2_pcrread missing: install tpm2-tools (make deps)"
	for tool in "${TPM2_TOOLS[@]}"; do
		[ -x "/usr/bin/$tool" ] || die "/usr/bin/$tool missing: install tpm2-tools (make deps)"
		if [ "$(readlink -f "/usr/bin/$tool")" = "$bin" ] && [ "$bin" != "/usr/bin/$tool" ]; then
			put_host "$bin" "$root"
			ln -sf "$(basename "$bin")" "$root/usr/bin/$tool"
		else
			put_host "/usr/bin/$tool" "$root"
		fi
	done
	lib=$(ldconfig -p | sed -nE "s/^[[:space:]]*$TPM2_TCTI \\(libc6,x86-64\\) => (.*)$/\\1/p" | head -n 1)
	[ -n "$lib" ] || die "$TPM2_TCTI not found by ldconfig (package libtss2-tcti-device0)"
	put_host "$lib" "$root"
	# every library of every ELF copied so far, to a fixed point
	local -A seen=()
	local todo more
	todo=$(find "$root/usr" "$root/lib" -type f | sort)
	while [ -n "$todo" ]; do
		more=''
		for f in $todo; do
			while read -r lib; do
				[ -n "$lib" ] || continue
				[ -n "${seen[$lib]:-}" ] && continue
				seen[$lib]=1
				put_host "$lib" "$root"
				more+="$root$lib"$'\n'
			done < <(libs_of "$f")
		done
		todo=$more
	done
	[ -f "$root/lib64/ld-linux-x86-64.so.2" ] || die "ldd named no /lib64/ld-linux-x86-64.so.2"
	# after the libraries: ldd has nothing to say about a module
	put_msr_ko "$root"
	put_net_modules "$root"
	# copies of the host's files keep only their content and mode
	chmod -R u+w,go-w "$root"

	stamp=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y%m%d%H%M.%S)
	find "$root" -exec touch -h -t "$stamp" {} +
	mkdir -p "$(dirname "$out")"
	(cd "$root" && find . -mindepth 1 | sed 's|^\./||' | sort |
		cpio --quiet -o -H newc -R 0:0 --reproducible) | gzip -n -9 >"$out.tmp"
	size=$(find "$root" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
	n=$(find "$root" -mindepth 1 | wc -l)
	mv "$out.tmp" "$out"
	echo "linux-kit: $out: $n entries, $size bytes uncompressed, $(stat -c %s "$out") compressed"
	if [ "$size" -gt $((20 * 1024 * 1024)) ]; then
		echo "linux-kit: warning: the initramfs is over 20 MiB uncompressed ($size bytes)" >&2
	fi
	rm -rf "$root"
	trap - EXIT
}

case "${1:-}" in
fetch) fetch ;;
vmlinuz) vmlinuz "${2:?usage: $0 vmlinuz OUT}" ;;
busybox) busybox "${2:?usage: $0 busybox OUT}" ;;
initramfs) initramfs "${2:?usage: $0 initramfs OUT}" ;;
*) die "usage: $0 fetch | vmlinuz OUT | initramfs OUT | busybox OUT" ;;
esac
