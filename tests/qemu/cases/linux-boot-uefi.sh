#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian's own cloud kernel in a partition (issue 13; docs/linux-partition.md,
# "In a partition"): policy/linux.pol (the appliance's three partitions plus
# `linux`: cpu 3, 256 MiB, boot linux64) from build/linux/parapet.img with
# `parapet.test=reboot` on the kernel's command line (linux_image,
# tests/qemu/linux-lib.sh). The secure loader measured the three modules
# into PCR 19 and PCR 17-19 equal refgen's prediction for this image and
# command line in every bank. The hypervisor loads the measured kernel,
# initramfs and command line; the guest's own console lines reach the
# hypervisor console through the emulated 16550 (`linux: ...`); its init
# prints `linux-init: ready`, then runs `reboot -f`: with the kit's
# `reboot=acpi` the kernel writes the FADT reset register (port 0xCF9,
# value 6), the partition stops, its exit histogram is printed and stays
# under the budget (no PIT or CMOS storm), the hypervisor restarts it from
# its measured images and it boots again to a second `linux-init: ready`.
# The other three partitions keep their heartbeats at their rates
# throughout. (Poweroff: linux-guest-uefi; a triple fault: linux-triple-uefi.)
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
. tests/qemu/linux-lib.sh

linux_cmdline "$T_TMP/cmdline.txt" "parapet.test=reboot"
linux_image "$T_TMP/linux.img" "$T_TMP/cmdline.txt"
t_boot "$T_TMP/linux.img" FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
# the secure loader measured the kit's three modules into PCR 19 (after the
# appliance's three; docs/measurements.md), and the module manifest: 16
# bytes of header, 80 per pd module
for f in build/linux/linux-vmlinuz build/linux/linux-initrd.img "$T_TMP/cmdline.txt"; do
	t_expect_match "^sl: measure: pcr19 type 0x605 pd image \\($(stat -c %s "$f") bytes\\)"
done
t_expect_match '^sl: measure: pcr19 type 0x606 module manifest \(496 bytes\)'
linux_expect_ref
t_expect_line 'policy: in force: 4 partition(s)'
t_expect_match '^partition linux: linux: kernel [0-9]+ bytes \(protocol 2\.15\) at 0x1000000, initramfs [0-9]+ bytes at 0x[0-9a-f]+, command line [0-9]+ bytes, RAM 256 MiB$'
t_expect_match '^partition linux: built: cpu 3, 1 region\(s\), image bzimage at 0x1000000 \([0-9]+ bytes\), entry 0x1000200, 0 capabilities, asid 5$'
attack_expect_running service work-a work-b linux
t_wait "linux: linux-init: ready" 240
# the kernel's own lines, its command line with the hypervisor's argument
t_expect_match '^linux: \[ *[0-9.]+\] Linux version 6\.1\.[0-9]+-[0-9]+-cloud-amd64 '
t_expect_match '^linux: \[ *[0-9.]+\] Command line: console=ttyS0,115200 .* parapet\.test=reboot tsc_early_khz=[0-9]+$'
t_expect_match '^linux: \[ *[0-9.]+\] ACPI: FACP 0x00000000000E[0-9A-F]+ 000114 \(v06 PARAPT'
t_expect_match '^linux: \[ *[0-9.]+\] 00:00: ttyS0 at I/O 0x3f8 \(irq = 0, base_baud = 115200\) is a 16550A$'
t_expect_match '^linux: \[ *[0-9.]+\] Run /init as init process$'
t_wait "svm: linux stopped: reset (port write)" 120
t_wait "partition linux: restarted from its measured image" 60
# The exit histogram (docs/linux-partition.md, "Exit budget").
t_console
hist=$(grep -E '^linux: exits [0-9]+: ' "$T_CONSOLE" | tail -n1)
[ -n "$hist" ] || t_fail "no exit histogram"
echo "$hist"
val() { sed -nE "s/.*[ ,]$1 ([0-9]+).*/\1/p" <<<"$hist"; }
budget() { # name max
	local v
	v=$(val "$1")
	[ -n "$v" ] || t_fail "histogram: no '$1' in: $hist"
	[ "$v" -le "$2" ] || t_fail "exit budget: $1 $v > $2 (a storm: $hist)"
}
budget "io pit" 50	# quick_pit_calibrate ends at once (100,004 reads of 0x42 without the stub)
budget "io cmos" 100	# the boot wallclock (80,005 accesses without the stub)
budget "io other" 1000
budget cpuid 5000
budget "xapic" 20000
total=$(sed -nE 's/^linux: exits ([0-9]+): .*/\1/p' <<<"$hist")
[ "$total" -le 100000 ] || t_fail "exit budget: $total exits in all"
attack_wait_after "partition linux: restarted from its measured image" '^linux: linux-init: ready$' 1 240
attack_wait_after "partition linux: restarted from its measured image" '^linux: \[ *[0-9.]+\] Linux version ' 1 10
t_expect_absent "svm: linux stopped: shutdown"
attack_expect_others_alive "partition linux: restarted from its measured image" 3
t_pass
