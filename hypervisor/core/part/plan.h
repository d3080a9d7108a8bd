/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's memory plan (docs/partitions.md, "The memory plan"): from a
 * validated policy and a partition id, every guest-physical region the
 * partition sees (its RAM, its MMIO pass-through ranges, its channel ends)
 * with its permissions and its host-physical backing, sorted by gpa.
 *
 *  - RAM `hpa any`: one contiguous run from the allocator callback, aligned
 *    to 2 MiB (and congruent to the gpa modulo 2 MiB) when the region is at
 *    least 2 MiB, so the NPT can use large pages; owned by the plan.
 *  - RAM `hpa ADDRESS` (fixed) and MMIO: the policy's hpa, never allocated.
 *    MMIO that overlaps a TPM locality page is flagged PART_REG_TPM.
 *  - channel ends: the channel's memory is allocated once, by whichever end
 *    is planned first, and recorded in a struct part_chans shared by every
 *    plan of the policy; the other end gets the same hpa with its own gpa
 *    and permissions. The channel table owns it.
 *  - long64 partitions: the plan reserves the boot area (stack, GDT and
 *    TSS, guest page tables) at the top of the RAM region holding `entry`
 *    (boot.h).
 *
 * The validator has checked the policy; the plan still refuses, with a
 * precise PP_E* error and without asserting, everything it relies on that
 * a validator bug could let through (alignment, overflow, overlaps, X on
 * MMIO or channels, channel ends that do not match). On failure it frees
 * what it allocated and changes nothing else.
 */
#ifndef PARAPET_HV_PART_PLAN_H
#define PARAPET_HV_PART_PLAN_H

#include <parapet/err.h>
#include <parapet/policy.h>
#include <parapet/types.h>

#define PART_MAX_REGIONS (PP_POL_MAX_RAM + PP_POL_MAX_MMIO + PP_POL_MAX_CHANS)
/* Guest-physical space: a depth-4 NPT translates 48-bit addresses. */
#define PART_GPA_BITS 48u
#define PART_LARGE_PAGE (2ull << 20)

enum part_region_kind { PART_REG_RAM = 1, PART_REG_MMIO = 2, PART_REG_CHAN = 3 };

/* part_region.flags */
#define PART_REG_FIXED 1u  /* RAM at the policy's fixed hpa */
#define PART_REG_DMA 2u	   /* RAM the partition's devices may DMA into */
#define PART_REG_OWNED 4u  /* allocated by this plan, freed by part_plan_release */
#define PART_REG_SHARED 8u /* channel memory, owned by struct part_chans */
/* MMIO over a TPM locality page (TCG PC Client PTP 5.4: locality L's 4 KiB
 * register page at 0xFED4_0000 + L * 4 KiB): held out of the NPT until the
 * hypervisor hands the TPM over (part/tpm_hold.h) */
#define PART_REG_TPM 16u

struct part_region {
	u32 kind;  /* enum part_region_kind */
	u32 perm;  /* PP_POL_R/W/X as in the policy (never X for MMIO or channels) */
	u32 flags; /* PART_REG_* */
	u32 index; /* index in the policy's ram[], mmio[] or chans[] table */
	gpa_t gpa;
	hpa_t hpa;
	u64 size;
};

/*
 * Host memory for `hpa any` RAM and channels: a contiguous, zeroed run of
 * size bytes (a multiple of 4 KiB) whose base b satisfies
 * b % align == phase (align a power of two >= 4 KiB, phase < align and
 * 4 KiB aligned). PP_OK and *out, or PP_ENOMEM. free returns a run.
 */
struct part_alloc {
	void *ctx;
	int (*alloc)(void *ctx, u64 size, u64 align, u64 phase, hpa_t *out);
	void (*free)(void *ctx, hpa_t base, u64 size);
};

/* The memory of every channel of one policy (by name), shared by its ends. */
struct part_chan_mem {
	char name[PP_POL_NAME_MAX + 1];
	hpa_t hpa;
	u64 size;
};
struct part_chans {
	u32 n;
	struct part_chan_mem c[PP_POL_MAX_CHANS];
};

struct part_plan {
	u32 part; /* partition id */
	u32 n;	  /* regions, sorted by gpa, pairwise disjoint */
	struct part_region r[PART_MAX_REGIONS];
	/* long64 only (else boot_pages == 0): the reserved boot area */
	gpa_t boot_gpa;
	u32 boot_pages; /* 4 KiB pages from boot_gpa (boot.h has the layout) */
	u32 boot_pdpts; /* page-directory-pointer tables in it */
	u32 boot_pds;	/* page directories in it */
};

static inline void part_chans_init(struct part_chans *ch)
{
	ch->n = 0;
}

/*
 * The plan of partition `part` of the validated policy p. Allocates `hpa
 * any` RAM and the memory of channels not yet in *chans (adding them).
 * Errors: PP_ENOENT (no such partition, a channel end without its mirror),
 * PP_EINVAL (misaligned, empty, X on MMIO or a channel, a mismatched
 * channel), PP_ERANGE (overflow, beyond the 48-bit guest-physical space,
 * no room for the boot area), PP_EOVERLAP (regions overlap in gpa),
 * PP_ENOMEM (the allocator had no run). On failure nothing stays
 * allocated and *chans is as it was.
 */
int part_plan_build(const struct pp_policy *p, u32 part, const struct part_alloc *a,
		    struct part_chans *chans, struct part_plan *plan, struct pp_err *err);

/* Frees the RAM the plan owns (not channel memory); the plan is emptied. */
void part_plan_release(struct part_plan *plan, const struct part_alloc *a);
/* Frees every channel's memory (after every plan using it is released). */
void part_chans_release(struct part_chans *chans, const struct part_alloc *a);

/*
 * Guest memory access for the loader and the boot state: a host pointer to
 * the len bytes at guest-physical g of the partition being built (they lie
 * in one region of its plan), or NULL.
 */
typedef u8 *(*part_gpa_ptr_fn)(void *ctx, gpa_t g, u64 len);

/* The region holding gpa g, or NULL. */
const struct part_region *part_plan_find(const struct part_plan *plan, gpa_t g);

const char *part_region_kind_name(u32 kind);

#endif
