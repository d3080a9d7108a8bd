#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Names are measured with the images they name (the module manifest, PCR
# 19, docs/measurements.md): two pd modules in place of `pd service` (with
# the image's `pd work-a` and `pd work-b` after them), then the same two
# files with their names swapped in grub.cfg. The pd images alone extend PCR 19 the
# same way in both boots; the manifest does not. Each boot's PCR 17-19
# equal what refgen predicts from that boot's grub.cfg, PCR 19 differs
# between the two, PCR 17 and 18 do not.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh

cp build/image/modules/pd-service.bin "$T_TMP/pd-b.bin"
m_flip_byte "$T_TMP/pd-b.bin" 0 # another image, same size
entry_cfg() {
	sed -e "/--id parapet {/,/^}/ s|^\\tmodule2 /boot/parapet/pd-service.bin pd service\$|\\tmodule2 /boot/parapet/pd-service.bin pd $1\\n\\tmodule2 /boot/parapet/pd-b.bin pd $2|" \
		image/grub.cfg >"$T_TMP/grub-$1.cfg"
	grep -q "pd-b.bin pd $2" "$T_TMP/grub-$1.cfg" || t_fail "could not edit grub.cfg"
}
pcrs=()
for order in "alpha beta" "beta alpha"; do
	read -r a b <<<"$order"
	entry_cfg "$a" "$b"
	m_image_with_entry "$T_TMP/$a.img" parapet
	m_image_put "$T_TMP/$a.img" pd-b.bin "$T_TMP/pd-b.bin"
	m_image_cfg "$T_TMP/$a.img" "$T_TMP/grub-$a.cfg"
	m_refgen "$T_TMP/grub-$a.cfg" "$T_TMP/ref-$a.json" "/boot/parapet/pd-b.bin=$T_TMP/pd-b.bin"
	[ -f "$T_SERIAL" ] && mv "$T_SERIAL" "$T_TMP/serial-before-$a.log"
	t_boot "$T_TMP/$a.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
	t_wait "parapet: ready"
	t_expect_summary
	t_expect_match "^sl: measure: pcr19 type 0x605 pd image \($(stat -c %s build/image/modules/pd-service.bin) bytes\)"
	# 16 bytes of header, 80 per pd module: alpha, beta, work-a, work-b
	t_expect_match '^sl: measure: pcr19 type 0x606 module manifest \(336 bytes\)'
	m_expect_ref "$T_TMP/ref-$a.json"
	m_console_pcrs sha256
	pcrs+=("$M_PCRS")
	t_stop
done
read -r a17 a18 a19 <<<"${pcrs[0]}"
read -r b17 b18 b19 <<<"${pcrs[1]}"
[ "$a19" != "$b19" ] || t_fail "PCR 19 did not change when the pd names were swapped"
[ "$a17" = "$b17" ] && [ "$a18" = "$b18" ] || t_fail "PCR 17/18 changed with the pd names"
t_pass
