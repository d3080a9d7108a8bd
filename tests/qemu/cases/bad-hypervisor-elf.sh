#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Negative test: an ISO whose hypervisor.elf is cut in the middle of its
# loadable data (half-way to the end of the last PT_LOAD segment's file
# bytes; sections after it, such as the debug sections of an unstripped
# ELF, could hide a plain cut in half) must make
# launch refuse it with "PANIC: launch: ..." and never reach ready.
# The ISO is built in the test's temp dir with the normal image script and
# every other module of the real image (policy slots, pd), so only the cut
# differs.
. "$(dirname "$0")/../lib.sh"
hv=build/hypervisor/hypervisor.elf
pol=build/image/modules/policy.bin
mods=(build/image/modules/pd-service.bin build/image/modules/pd-work-a.bin
	build/image/modules/pd-work-b.bin)
for f in "$hv" "$pol" "${mods[@]}"; do [ -f "$f" ] || t_fail "$f missing (make all)"; done
mkdir -p "$T_TMP/files"
cp build/launch/launch.elf "$hv" "$T_TMP/files/"
end=0
while read -r type off _ _ filesz _; do
	[ "$type" = LOAD ] && [ $((off + filesz)) -gt "$end" ] && end=$((off + filesz))
done < <(readelf -lW "$hv" | awk '{ print $1, $2, $3, $4, $5, $6 }')
[ "$end" -gt 0 ] || t_fail "no PT_LOAD segment in $hv"
truncate -s $((end / 2)) "$T_TMP/files/hypervisor.elf"
MKIMAGE_WORK=$T_TMP/mkimage image/mkimage.sh iso "$T_TMP/bad.iso" image/grub.cfg \
	--slots "$pol" "$pol" "$T_TMP/files/launch.elf" "$T_TMP/files/hypervisor.elf" "${mods[@]}" >"$T_TMP/mkimage.log" 2>&1 ||
	t_fail "cannot build the truncated-hypervisor ISO (see $T_TMP/mkimage.log)"
t_boot "$T_TMP/bad.iso" FIRMWARE=bios CPUS=1 TPM=none IOMMU=none
t_wait "PANIC: launch: "
t_expect_line 'launch: modules: 6 (hypervisor is module 0)'
t_expect_match '^PANIC: launch: .*hypervisor'
t_expect_absent "parapet: ready"
t_expect_absent "hv: "
t_pass
