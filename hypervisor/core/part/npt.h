/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's nested page tables from its memory plan (docs/partitions.md,
 * "Nested page tables"): a fresh depth-4 NPT tree (hypervisor/lib/pt,
 * fmt_npt.h) mapping every region of the plan gpa -> hpa with the largest
 * pages the alignment allows and the region's permissions (MMIO and
 * channels never executable), except the TPM's locality pages
 * (PART_REG_TPM), which wait for the handover (tpm_hold.h). Nothing else
 * is mapped.
 */
#ifndef PARAPET_HV_PART_NPT_H
#define PARAPET_HV_PART_NPT_H

#include "hypervisor/core/part/plan.h"
#include "hypervisor/lib/pt/pt.h"

/* PT_PERM_* of a region (PP_POL_R/W/X; X dropped for MMIO and channels). */
u32 part_region_pt_perms(const struct part_region *r);

/* One region into *npt (pt_map, the region's permissions). Errors: PP_EINVAL
 * for permissions NPT cannot express (every page is readable), pt_map's;
 * the region named. */
int part_npt_map_region(const struct part_plan *plan, const struct part_region *r, struct pt *npt,
			struct pp_err *err);

/*
 * Build *npt (pt_init + one pt_map per region but PART_REG_TPM ones). leaf_mask as for pt_init
 * (drop PT_LEAF_1G without CPUID Page1GB). Errors: pt_init's and pt_map's
 * (PP_EINVAL for permissions NPT cannot express: every page is readable),
 * with the region named. On failure the tree is destroyed: every table it
 * had is freed.
 */
int part_npt_build(const struct part_plan *plan, const struct pt_mem *mem, u32 leaf_mask,
		   struct pt *npt, struct pp_err *err);

#endif
