/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loading a partition's image (its boot module's measured bytes) into its
 * RAM (docs/partitions.md, "Image loading"). The format is told by magic:
 * "\x7fELF" is an ELF64 executable, anything else a flat binary.
 *
 *  flat  placed at the 1 MiB boundary at or below `entry`, or at the start
 *        of the RAM region holding `entry` when that is higher:
 *        load = max(region.gpa, entry & ~(1 MiB - 1)). The whole image
 *        must fit in that region, hold the entry, and stay out of the
 *        long64 boot area.
 *  ELF64 ET_EXEC, x86_64, identity-linked (p_vaddr == p_paddr, the guest
 *        starts on identity page tables): every non-empty PT_LOAD inside
 *        one RAM region of the plan and out of the boot area, p_filesz <=
 *        p_memsz, its file bytes inside the module, the rest (bss) zeroed;
 *        e_entry inside an executable segment and equal to the policy's
 *        entry (the signed policy decides where the partition starts).
 *        The header checks are launch/elf.c's.
 *
 * Everything is checked before the first byte is written; a malicious
 * image gets a precise error and nothing outside the partition's RAM is
 * ever written (the only writes go through the ptr callback, to ranges
 * inside one RAM region of the plan).
 */
#ifndef PARAPET_HV_PART_IMAGE_H
#define PARAPET_HV_PART_IMAGE_H

#include <parapet/err.h>
#include <parapet/policy.h>
#include "hypervisor/core/part/plan.h"

#define PART_FLAT_ALIGN (1ull << 20)

enum part_image_kind { PART_IMAGE_FLAT = 1, PART_IMAGE_ELF = 2, PART_IMAGE_BZIMAGE = 3 };

struct part_image_info {
	u32 kind;  /* enum part_image_kind */
	u32 nseg;  /* ranges written (flat: 1) */
	gpa_t lo;  /* lowest byte written */
	u64 span;  /* up to the end of the highest range written */
	u64 entry; /* the policy's entry, checked against the image */
};

/*
 * Check the image [img, img + len) against plan and pp, then copy it in
 * through ptr. Errors: PP_EINVAL / PP_ETRUNC / PP_EMAGIC / PP_ENOTSUP /
 * PP_EVERSION (a malformed ELF), PP_ERANGE (outside the RAM, the entry not
 * in the image), PP_EOVERLAP (the boot area), PP_ENOENT (empty).
 */
int part_image_load(const struct part_plan *plan, const struct pp_pol_part *pp, const u8 *img,
		    u64 len, part_gpa_ptr_fn ptr, void *ctx, struct part_image_info *out,
		    struct pp_err *err);

#endif
