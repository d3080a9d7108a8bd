/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The radix page-table engine: one 3-, 4- or 5-level tree of 512-entry
 * tables (39-, 48- or 57-bit input addresses) whose entry format the user supplies
 * (struct pt_format: AMD NPT in fmt_npt.h, later AMD-Vi and VT-d I/O page
 * tables). docs/page-tables.md describes it in full.
 *
 * Levels are numbered from the leaves: level 0 entries map 4 KiB pages,
 * level 1 2 MiB, level 2 1 GiB (the root of a depth-3 tree, whose root
 * entries may then be 1 GiB leaves), level 3 is the root of a depth-4 tree,
 * level 4 the root of a depth-5 tree.
 *
 * Concurrency contract (lock-free):
 *  - pt_map, pt_unmap and pt_lookup may run concurrently on one tree from
 *    any number of threads as long as the ranges that map and unmap change
 *    are disjoint. Entries are read and written with __atomic builtins; a
 *    missing table is installed with compare-exchange (the loser frees its
 *    page); a large page that two unmaps split at once is split once.
 *    A large page that straddles the edge of an unmap belongs to that
 *    unmap's range for this rule only in its unmapped part: two threads may
 *    unmap disjoint parts of one large page at once.
 *  - Tables an unmap makes unreachable are not freed: they are retired to
 *    a list on the tree. The caller frees them with pt_reclaim() (or
 *    pt_retired_take() + pt_retired_free()) only after the TLB / IOTLB
 *    flush that makes the hardware forget them, and only when no software
 *    walk (pt_lookup, pt_walk) that could have read them is still running.
 *  - pt_init, pt_destroy and pt_walk (a whole-tree walk) need a quiescent
 *    tree.
 *
 * Failure contract: a failed pt_map leaves nothing of its range mapped
 * (what it mapped before the failure is unmapped again; tables it added
 * may stay, empty, and serve later maps). If hardware walks the tree
 * meanwhile it may have seen those transient translations of the caller's
 * own range. A failed pt_unmap (PP_ENOMEM splitting a large page at an
 * edge of the range) leaves every translation as it was.
 */
#ifndef PARAPET_HV_PT_H
#define PARAPET_HV_PT_H

#include <parapet/err.h>
#include <parapet/types.h>

#define PT_ENTRIES 512u
#define PT_INDEX_BITS 9u
#define PT_MIN_DEPTH 3u /* 39-bit: VT-d units with 3-level tables only */
#define PT_MAX_DEPTH 5u

/* Page size mapped by one entry of `level` (4 KiB << 9 * level). */
#define PT_LEVEL_SHIFT(level) (PP_PAGE_SHIFT + PT_INDEX_BITS * (level))
#define PT_LEVEL_SIZE(level) (1ull << PT_LEVEL_SHIFT(level))

/* Leaf-level masks for pt_format.leaf_levels and pt_init's leaf_mask. */
#define PT_LEAF_4K (1u << 0)
#define PT_LEAF_2M (1u << 1)
#define PT_LEAF_1G (1u << 2)

/* Format-independent permissions of a leaf. */
#define PT_PERM_R 0x1u
#define PT_PERM_W 0x2u
#define PT_PERM_X 0x4u
#define PT_PERM_RWX (PT_PERM_R | PT_PERM_W | PT_PERM_X)

/*
 * An entry format. The all-zero entry must be non-present (the engine
 * clears entries to 0 and takes zeroed pages as empty tables). Entries the
 * engine builds carry only what table() and page() encode.
 */
struct pt_format {
	const char *name;
	u32 leaf_levels;   /* PT_LEAF_*: levels that may hold a leaf; 4 KiB always */
	u32 perm_mask;	   /* PT_PERM_* bits the format can express */
	u32 perm_required; /* PT_PERM_* bits every leaf must carry */
	u32 out_bits;	   /* output (and table) addresses are below 2^out_bits */
	/* Optional (NULL: none): a further rule on a leaf's PT_PERM_* set
	 * beyond perm_mask and perm_required (EPT: no write without read). */
	bool (*perms_ok)(u32 perms);
	bool (*present)(u64 e);
	/* A present entry of level > 0: maps a page (true) or points to a table. */
	bool (*is_leaf)(u64 e, u32 level);
	/* The next table's hpa (table entry) or the page's output base (leaf). */
	u64 (*addr)(u64 e, u32 level);
	u32 (*perms)(u64 e, u32 level); /* PT_PERM_* of a leaf */
	u64 (*make_table)(u64 table_hpa, u32 level);
	u64 (*make_page)(u64 out, u32 level, u32 perms);
};

/*
 * Memory for tables. alloc returns the virtual address of a zeroed,
 * 4 KiB-aligned 4 KiB page and its hpa, or NULL. May be called from any
 * thread that runs a pt operation; must be thread-safe.
 */
struct pt_mem {
	void *ctx;
	void *(*alloc)(void *ctx, hpa_t *hpa);
	void (*free)(void *ctx, hpa_t hpa, void *va);
	void *(*virt)(void *ctx, hpa_t hpa);
};

struct pt_retired; /* a batch of retired tables (pt_retire.c) */

struct pt {
	const struct pt_format *fmt;
	struct pt_mem mem;
	u32 depth;	 /* 3, 4 or 5 */
	u32 leaf_levels; /* fmt->leaf_levels & the caller's leaf_mask */
	hpa_t root;
	u64 *root_va;
	struct pt_retired *retired; /* lock-free stack (atomic) */
};

/* A translation found by pt_lookup. */
struct pt_mapping {
	u64 in_base;  /* input address of the page */
	u64 out_base; /* its output address */
	u64 size;     /* 4 KiB, 2 MiB or 1 GiB */
	u32 perms;    /* PT_PERM_* */
	u32 level;
};

/*
 * Empty tree (one zeroed root table). depth 3, 4 or 5; leaf_mask restricts
 * the format's leaf levels (say PT_LEAF_4K | PT_LEAF_2M on a CPU without
 * 1 GiB pages); the remaining leaf levels must be 0..k, contiguous.
 */
int pt_init(struct pt *pt, const struct pt_format *fmt, u32 depth, u32 leaf_mask,
	    const struct pt_mem *mem, struct pp_err *err);
/* Frees every table, retired ones too. The hardware must no longer use it. */
void pt_destroy(struct pt *pt);

/* 2^39, 2^48 or 2^57: the first input address past the tree's space. */
static inline u64 pt_space(const struct pt *pt)
{
	return 1ull << PT_LEVEL_SHIFT(pt->depth);
}

/*
 * Map [in, in + len) to [out, out + len) with perms, using the largest
 * pages that alignment (of both in and out) and length allow. Refuses
 * (PP_EOVERLAP) when any page of the range is already mapped.
 * Errors: PP_EINVAL (empty, misaligned, perms the format cannot express),
 * PP_ERANGE (overflow, beyond the input space or the output bits),
 * PP_EOVERLAP, PP_ENOMEM; err gets the message.
 */
int pt_map(struct pt *pt, u64 in, u64 out, u64 len, u32 perms, struct pp_err *err);

/*
 * Unmap every page of [in, in + len) (holes are fine); a large page only
 * partly inside is split first. Errors: PP_EINVAL, PP_ERANGE, PP_ENOMEM
 * (a split had no page; nothing was unmapped).
 */
int pt_unmap(struct pt *pt, u64 in, u64 len, struct pp_err *err);

/* PP_OK and *m, PP_ENOENT (unmapped) or PP_ERANGE (beyond the space). */
int pt_lookup(const struct pt *pt, u64 in, struct pt_mapping *m);

/* Output address of `in` under m (which must contain it). */
static inline u64 pt_translate(const struct pt_mapping *m, u64 in)
{
	return m->out_base + (in - m->in_base);
}

/* pt_walk: every table entry and leaf, in address order, tables first. */
enum pt_walk_kind { PT_WALK_TABLE, PT_WALK_PAGE };
struct pt_walk_item {
	enum pt_walk_kind kind;
	u32 level;   /* of the entry */
	u64 in_base; /* input address covered by the entry */
	u64 size;    /* PT_LEVEL_SIZE(level) */
	u64 addr;    /* the table's hpa, or the page's output base */
	u32 perms;   /* pages only */
	u64 entry;   /* raw entry */
};
/* Calls fn for each item; a non-zero return stops the walk and is returned. */
int pt_walk(const struct pt *pt, int (*fn)(void *ctx, const struct pt_walk_item *it), void *ctx);

/*
 * Reclaim (see the contract above): pt_retired_take detaches the tables
 * retired by the operations that have returned so far; after the flush,
 * pt_retired_free frees them. pt_reclaim does both, for a caller that
 * flushed after every operation returned and runs none concurrently.
 */
struct pt_retired *pt_retired_take(struct pt *pt);
void pt_retired_free(struct pt *pt, struct pt_retired *list);
void pt_reclaim(struct pt *pt);
/* Tables (subtree roots) on a taken list; for tests and statistics. */
u64 pt_retired_count(const struct pt_retired *list);

#endif
