#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A misbehaving partition is contained (docs/partitions.md, docs/svm.md
# "Refused actions"): a private copy of build/parapet.img whose service
# partition image is the attack guest `probe` (guest/probe.c) instead of
# `service`. Its actions and what the hypervisor must make of them:
#   a hypercall without the capability      -> eperm, nothing done
#   a console write of memory it lacks      -> efault, nothing printed
#   IN / OUT on a port outside its policy   -> refused and counted; IN reads
#                                              all ones, OUT is dropped
#   RDMSR of the TSC (allowlisted)          -> served
#   a read of memory it does not own, mapped in its own page tables
#                                           -> nested page fault: stopped
# The partition's output is prefixed with its name; the hypervisor's with
# `svm: `; it never prints the line after the forbidden read.
. "$(dirname "$0")/../lib.sh"
. tests/qemu/measure-lib.sh
[ -f build/guest/probe.bin ] || t_fail "build/guest/probe.bin missing (make guests)"
m_image_with_entry "$T_TMP/probe.img" parapet
m_image_put "$T_TMP/probe.img" pd-service.bin build/guest/probe.bin
t_boot "$T_TMP/probe.img" FIRMWARE=uefi CPUS=3 IOMMU=amd TPM=tis
t_wait "partition service: stopped after "
t_expect_line "service: probe: stop without control: eperm"
t_expect_match '^svm: service: refused #1: hypercall 0x30 \(rip 0x[0-9a-f]+\)$'
t_expect_match '^svm: service: refused #2: hypercall 0x10 \(rip 0x[0-9a-f]+\)$'
t_expect_line "service: probe: console write outside memory: efault"
t_expect_match '^svm: service: refused #1: in from port 0x80 \(rip 0x[0-9a-f]+\)$'
t_expect_line "service: probe: in 0x80 = 0xff"
t_expect_match '^svm: service: refused #2: out to port 0x80 \(rip 0x[0-9a-f]+\)$'
t_expect_line "service: probe: out 0x80 done"
t_expect_line "service: probe: rdmsr tsc nonzero"
t_expect_line "service: probe: reading 64 MiB"
t_expect_match '^svm: service stopped: nested page fault: read at gpa 0x4000000, outside its memory \(exitinfo1 0x[0-9a-f]+, rip 0x[0-9a-f]+\)$'
t_expect_absent "probe: still running"
t_expect_match '^partition service: stopped after [0-9]+ exits, [0-9]+ hypercalls \(2 refused\)$'
t_pass
