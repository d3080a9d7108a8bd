#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Re-capture the sample machine directories tests/data/machine/qemu-q35-*
# (docs/policy-machine.md, "The QEMU samples") from the machine `make run`
# boots with its defaults (tools/qemu-args.sh: q35, -cpu EPYC, CPUS=4,
# MEM=1G, the edu device) for IOMMU=amd, intel and none. capture.py reads
# QEMU's ACPI tables, RAM map and PCI bus over qtest; nothing boots. The
# TPM is left out: it adds a TPM2 table and no PCI function, and the
# machine model has nothing from it.
set -euo pipefail
cd "$(dirname "$0")"
for iommu in amd intel none; do
	machine=q35 dev=()
	case $iommu in
	amd) dev=(-device amd-iommu) ;;
	intel) machine=q35,kernel-irqchip=split dev=(-device intel-iommu) ;;
	esac
	out=qemu-q35-$iommu
	rm -rf "$out"
	./capture.py "$out" -- qemu-system-x86_64 -machine "$machine" -cpu EPYC -smp 4 -m 1G \
		-nodefaults -display none -no-user-config "${dev[@]}" -device edu
	cat >"$out/machine.txt" <<-TXT
	# What the tables cannot say (docs/policy-machine.md, "machine.txt").
	# QEMU's TCG CPUs report 40 physical address bits (phys-bits default).
	maxphyaddr 40
	# No L3 cache allocation under TCG.
	cat-bits 0
	TXT
	echo "captured $out: $(cd "$out" && echo *)"
done
