/* SPDX-License-Identifier: GPL-2.0-only */
/* The first SVM guest (docs/svm.md, "The first guest"), run once on the BSP at boot. */
#ifndef PARAPET_HV_SVM_FIRST_GUEST_H
#define PARAPET_HV_SVM_FIRST_GUEST_H

#include "hypervisor/core/palloc.h"

/* Build, run and tear down the first guest; prints `svm: ` lines. Returns
 * normally whatever the guest does (or when SVM is unusable). */
void svm_first_guest(struct palloc *pa);

#endif
