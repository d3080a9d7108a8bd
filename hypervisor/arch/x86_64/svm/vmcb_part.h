/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VMCB of a partition's virtual CPU (docs/partitions.md, docs/svm.md):
 * the first guest's intercept set and control fields (vmcb_init.h), and
 * the guest state from the partition's boot state (part/boot.h), which
 * the partition builder computed from the policy: its own GDT, TSS, page
 * tables, stack and entry. Pure and host-tested: the result must pass the
 * VMRUN consistency checks (check.h) before it is ever run.
 */
#ifndef PARAPET_HV_SVM_VMCB_PART_H
#define PARAPET_HV_SVM_VMCB_PART_H

#include "hypervisor/core/part/boot.h"
#include "vmcb_init.h"

void svm_vmcb_init_part(struct svm_vmcb *v, const struct svm_guest_setup *s,
			const struct part_boot_state *b);

#endif
