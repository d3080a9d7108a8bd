#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Issue 10's acceptance, the default appliance (policy/appliance.pol) on the
# acceptance machine (OVMF, emulated DRTM, 4 CPUs, AMD-Vi): its three
# partitions run at the same time, each on its own core (service on CPU 0,
# work-a on CPU 1, work-b on CPU 2: every heartbeat of each from the same
# APIC, QEMU's APIC ID being the CPU's index here), and the two workload
# partitions exchange messages over channel `ab` both ways, numbered
# without a gap, and signal each other (PP_HC_CHAN_SIGNAL: each takes the
# peer's virtual interrupt); all three at their own rates (work-a and
# work-b every 500 ms, service every 1000 ms, by the guests' clocks);
# none stops. The heartbeat and rate helpers are tests/qemu/attack-lib.sh's.
# NOTE: needs the partition runtime on the APs (docs/partitions.md); until
# it is merged, work-a and work-b are built and `not started`.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
. tests/qemu/attack-lib.sh
t_boot build/parapet.img FIRMWARE=uefi CPUS=4 IOMMU=amd TPM=tis
t_wait "parapet: ready"
t_expect_summary
attack_expect_running service work-a work-b
t_expect_line "work-a: guest kit up, partition 2, 2 capabilities (ok), apic 1"
t_expect_line "work-b: guest kit up, partition 3, 2 capabilities (ok), apic 2"
t_expect_line "work-a: channel ab: selector 1, peer 3, 4096 bytes at 0x1000000"
t_expect_line "work-b: channel ab: selector 1, peer 2, 4096 bytes at 0x1000000"
attack_expect_heartbeats work-a 6 "parapet: ready"
attack_expect_heartbeats work-b 6 "parapet: ready"
attack_expect_heartbeats service 3 "parapet: ready"
attack_wait_after "parapet: ready" '^work-a: received #[0-9]+ from work-b$' 4
attack_wait_after "parapet: ready" '^work-b: received #[0-9]+ from work-a$' 4
t_expect_line "work-a: received #1 from work-b"
t_expect_line "work-b: received #1 from work-a"
t_expect_absent "(expected #"
t_expect_absent "channel ab: send failed"
t_expect_absent "channel ab: signal failed"
t_expect_line "work-a: channel ab: first signal received"
t_expect_line "work-b: channel ab: first signal received"
# each on its own core, all the time
for ent in service:0 work-a:1 work-b:2; do
	name=${ent%:*} apic=${ent#*:}
	other=$(grep -E "^$name: heartbeat [0-9]+ " "$T_CONSOLE" | grep -vE "^$name: heartbeat [0-9]+ apic $apic( |\$)" | head -n1 || true)
	[ -z "$other" ] || t_fail "$name not on APIC $apic: '$other'"
done
attack_expect_same_rate "parapet: ready"
for name in service work-a work-b; do t_expect_absent "partition $name: stopped"; done
t_pass
