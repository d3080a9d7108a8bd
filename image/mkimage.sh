#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build a Parapet boot medium without root, loop devices or mounts.
#
#   image/mkimage.sh disk OUT.img GRUB_CFG [--slots A B] FILE...   GPT disk, UEFI only
#   image/mkimage.sh iso  OUT.iso GRUB_CFG [--slots A B] FILE...   hybrid BIOS+UEFI ISO
#
# Every FILE is copied to /boot/parapet/<basename>; GRUB_CFG becomes
# /boot/grub/grub.cfg. --slots: the signed policies of policy slots A and
# B (docs/policy-update.md): on the disk, /policy-a.bin in a FAT12 file
# system labelled PP-POLICY-A in GPT partition 2, /policy-b.bin likewise
# in partition 3; on the ISO, both files in its root. Without --slots the
# slot partitions stay empty. The same script builds build/parapet.{img,iso}
# and the null kernel's build/tests/null/null.img. docs/image.md describes
# the layout; keep the two in step.
set -euo pipefail

die() { echo "mkimage: $*" >&2; exit 1; }
[ $# -ge 4 ] || die "usage: $0 disk|iso OUT GRUB_CFG [--slots A B] FILE..."
kind=$1 out=$2 cfg=$3
shift 3
slot_a= slot_b=
if [ "$1" = --slots ]; then
	[ $# -ge 4 ] || die "--slots takes two files, then at least one FILE"
	slot_a=$2 slot_b=$3
	shift 3
	for f in "$slot_a" "$slot_b"; do [ -f "$f" ] || die "missing slot input $f"; done
fi
files=("$@")
for f in "$cfg" "${files[@]}"; do [ -f "$f" ] || die "missing input $f"; done

export TZ=UTC LC_ALL=C
# Fixed timestamps make the output reproducible (file dates in FAT/ISO).
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1704067200}
stamp=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y%m%d%H%M.%S)

# MKIMAGE_WORK: scratch directory (tests build media in their own temp dir).
work=${MKIMAGE_WORK:-build/image/$(basename "$out")}
rm -rf "$work"
mkdir -p "$work/root/boot/grub" "$work/root/boot/parapet" "$(dirname "$out")"
cp "$cfg" "$work/root/boot/grub/grub.cfg"
for f in "${files[@]}"; do cp "$f" "$work/root/boot/parapet/"; done
if [ -n "$slot_a" ] && [ "$kind" = iso ]; then
	cp "$slot_a" "$work/root/policy-a.bin"
	cp "$slot_b" "$work/root/policy-b.bin"
fi
find "$work/root" -exec touch -h -t "$stamp" {} +

# --- GPT layout (docs/image.md). Units: 512-byte sectors. --------------------
SECTOR=512
ESP_START=2048                 # 1 MiB
ESP_SECTORS=$((64 * 2048))     # 64 MiB, FAT32
POLA_START=$((ESP_START + ESP_SECTORS))
POL_SECTORS=2048               # 1 MiB each
POLB_START=$((POLA_START + POL_SECTORS))
DISK_SECTORS=$((POLB_START + POL_SECTORS + 2048))   # + 1 MiB tail (backup GPT)

DISK_GUID=f8acdd21-e138-48c1-81e6-b33e31ecc51c
ESP_GUID=2576c74e-db0a-46a7-8c17-383988d9c4af
POLA_GUID=b360b9a5-71fa-4040-ab70-7e92f645bcbf
POLB_GUID=6da5a56d-f8c8-4286-8a75-11d1f39c4833
# "Parapet policy slot": our own partition type GUID (docs/image.md).
POLICY_TYPE=922a958b-b19b-446f-9a87-a7989bd6ea46
FAT_VOLID=50415241             # shown by GRUB/blkid as 5041-5241
FAT_UUID=5041-5241
# The slots' FAT12 volume IDs and labels (GRUB finds them by label).
SLOT_VOLID_A=5050410a SLOT_LABEL_A=PP-POLICY-A
SLOT_VOLID_B=5050410b SLOT_LABEL_B=PP-POLICY-B

# GRUB EFI modules built into BOOTX64.EFI. `tpm` makes GRUB measure every
# command (PCR8) and every file it opens, grub.cfg included (PCR9).
# `loadenv`: grub.cfg's entry selection (docs/image.md).
EFI_MODULES="tpm part_gpt part_msdos fat normal configfile search
	search_fs_uuid search_fs_file search_label echo test true multiboot2
	boot halt reboot efi_gop efi_uga video video_fb loadenv"
# MKIMAGE_GRUB_TPM=0 leaves `tpm` out: for `make bench` only, which boots
# such a disk image next to the real one to time GRUB's measuring
# (docs/testing.md). Such an image measures nothing into PCR 8/9: never ship it.
case "${MKIMAGE_GRUB_TPM:-1}" in
1) ;;
0) EFI_MODULES=${EFI_MODULES/tpm /} ;;
*) die "MKIMAGE_GRUB_TPM=$MKIMAGE_GRUB_TPM: use 1 or 0" ;;
esac

build_efi() {
	cat >"$work/early.cfg" <<-CFG
	search --no-floppy --set=root --fs-uuid $FAT_UUID
	set prefix=(\$root)/boot/grub
	configfile \$prefix/grub.cfg
	CFG
	# shellcheck disable=SC2086
	grub-mkimage -O x86_64-efi -o "$work/BOOTX64.EFI" -p /boot/grub \
		-c "$work/early.cfg" $EFI_MODULES
}

# One slot's FAT12 file system holding NAME (slot_fs OUT VOLID LABEL FILE NAME).
slot_fs() {
	rm -f "$1"
	mkfs.vfat -C --invariant -F 12 -i "$2" -n "$3" "$1" \
		$((POL_SECTORS * SECTOR / 1024)) >/dev/null
	cp "$4" "$work/$5"
	touch -h -t "$stamp" "$work/$5"
	mcopy -m -i "$1" "$work/$5" "::/$5"
}

make_disk() {
	local fat="$work/esp.fat" tmp="$out.tmp"
	build_efi
	mkdir -p "$work/root/EFI/BOOT"
	cp "$work/BOOTX64.EFI" "$work/root/EFI/BOOT/BOOTX64.EFI"
	find "$work/root" -exec touch -h -t "$stamp" {} +

	mkfs.vfat -C --invariant -F 32 -s 1 -i "$FAT_VOLID" -n PARAPET \
		"$fat" $((ESP_SECTORS * SECTOR / 1024)) >/dev/null
	# --invariant first: it would otherwise override -i.
	# mcopy -s -m: recursive, keep the (fixed) modification times.
	export MTOOLS_SKIP_CHECK=1
	mcopy -s -m -i "$fat" "$work/root/EFI" "$work/root/boot" ::/

	rm -f "$tmp"
	truncate -s $((DISK_SECTORS * SECTOR)) "$tmp"
	sgdisk --clear -U "$DISK_GUID" \
		-n 1:$ESP_START:+$ESP_SECTORS -t 1:EF00 -c 1:"EFI System" -u 1:$ESP_GUID \
		-n 2:$POLA_START:+$POL_SECTORS -t 2:$POLICY_TYPE -c 2:parapet-policy-a -u 2:$POLA_GUID \
		-n 3:$POLB_START:+$POL_SECTORS -t 3:$POLICY_TYPE -c 3:parapet-policy-b -u 3:$POLB_GUID \
		"$tmp" >/dev/null
	# sgdisk's -n sizes are "+N" sectors: check the result matches exactly.
	local got
	got=$(sgdisk -i 1 "$tmp" | awk '/^First sector/ {f=$3} /^Last sector/ {l=$3} END {print f, l}')
	[ "$got" = "$ESP_START $((ESP_START + ESP_SECTORS - 1))" ] || die "ESP at $got"
	dd if="$fat" of="$tmp" bs=1M seek=$((ESP_START * SECTOR / 1048576)) \
		conv=notrunc,sparse status=none
	rm -f "$fat"
	if [ -n "$slot_a" ]; then
		slot_fs "$work/slot-a.fat" $SLOT_VOLID_A $SLOT_LABEL_A "$slot_a" policy-a.bin
		slot_fs "$work/slot-b.fat" $SLOT_VOLID_B $SLOT_LABEL_B "$slot_b" policy-b.bin
		dd if="$work/slot-a.fat" of="$tmp" bs=512 seek=$POLA_START conv=notrunc status=none
		dd if="$work/slot-b.fat" of="$tmp" bs=512 seek=$POLB_START conv=notrunc status=none
		rm -f "$work/slot-a.fat" "$work/slot-b.fat"
	fi
	mv "$tmp" "$out"
}

make_iso() {
	# grub-mkrescue cannot build `tpm` in (i386-pc has none): grub.cfg
	# loads it on EFI instead. --modules preloads what grub.cfg needs on
	# both platforms.
	# After `--`: xorriso options fixing its volume dates and GPT GUIDs.
	local date lba
	date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y%m%d%H%M%S00)
	rm -f "$out.tmp"
	grub-mkrescue -o "$out.tmp" --modules="multiboot2 part_gpt part_msdos fat iso9660 test echo loadenv" \
		"$work/root" -- -volid PARAPET -volume_date uuid "$date" \
		-volume_date all_file_dates "=$SOURCE_DATE_EPOCH" \
		-boot_image any gpt_disk_guid=volume_date_uuid >"$work/mkrescue.log" 2>&1 ||
		{ cat "$work/mkrescue.log" >&2; die "grub-mkrescue failed"; }
	# The EFI El Torito image (efi.img, FAT) gets a random volume serial
	# from mformat: overwrite it (boot sector offset 0x27) with ours.
	lba=$(xorriso -indev "$out.tmp" -report_el_torito plain 2>/dev/null |
		awk '/^El Torito boot img/ && $7 == "UEFI" { print $NF }')
	[ -n "$lba" ] || die "no UEFI El Torito image in $out"
	printf '\x41\x52\x41\x50' | dd of="$out.tmp" bs=1 seek=$((lba * 2048 + 0x27)) \
		conv=notrunc status=none
	mv "$out.tmp" "$out" # atomic: tests running meanwhile see old or new
}

case "$kind" in
disk) make_disk ;;
iso) make_iso ;;
*) die "unknown kind $kind (disk or iso)" ;;
esac
