/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals of the page-table engine shared by its files (not an API). */
#ifndef PARAPET_HV_PT_INT_H
#define PARAPET_HV_PT_INT_H

#include "pt.h"

/* One operation's private state: its error sink and the tables it retired,
 * pushed onto the tree's list when it ends (pt_retire.c). */
struct pt_op {
	struct pt *pt;
	struct pp_err *err;
	struct pt_retired *retired;
	u64 done; /* pt_map: the first input address it has not mapped yet */
};

/* Every entry access is atomic: other threads walk and update the tree. */
static inline u64 pt_load(const u64 *e)
{
	return __atomic_load_n(e, __ATOMIC_ACQUIRE);
}

static inline void pt_store(u64 *e, u64 v)
{
	__atomic_store_n(e, v, __ATOMIC_RELEASE);
}

/* On failure *expected holds the entry's current value. */
static inline bool pt_cas(u64 *e, u64 *expected, u64 v)
{
	return __atomic_compare_exchange_n(e, expected, v, false, __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE);
}

static inline u32 pt_index(u64 in, u32 level)
{
	return (u32)(in >> PT_LEVEL_SHIFT(level)) & (PT_ENTRIES - 1);
}

/* End of the level-`level` entry holding `in`, clipped to `end`. */
static inline u64 pt_entry_end(u64 in, u32 level, u64 end)
{
	u64 e = (in | (PT_LEVEL_SIZE(level) - 1)) + 1;
	return e < end ? e : end;
}

/* A present entry that maps a page (every level-0 entry does). */
static inline bool pt_is_page(const struct pt *pt, u64 e, u32 level)
{
	return level == 0 || pt->fmt->is_leaf(e, level);
}

static inline u64 *pt_table_va(const struct pt *pt, u64 table_hpa)
{
	return pt->mem.virt(pt->mem.ctx, hpa(table_hpa));
}

static inline u32 pt_top(const struct pt *pt)
{
	return pt->depth - 1;
}

/* "4 KiB", "2 MiB", ... for the page size of a level (messages). */
const char *pt_size_name(u32 level);

/* Input range checks shared by map and unmap (PP_EINVAL / PP_ERANGE). */
int pt_check_range(const struct pt *pt, const char *what, u64 in, u64 len, struct pp_err *err);

/* Clear every page of [in, end) under `table` (pt_unmap.c). Retires the
 * tables wholly inside the range when it can record them, else empties
 * them in place. Never allocates except for the retire list; never fails. */
void pt_clear_range(struct pt_op *op, u64 *table, u32 level, u64 in, u64 end);

/* Record a table (and its subtree) as retired by op; false when no page
 * for the record could be had (the caller then keeps the table). */
bool pt_retire(struct pt_op *op, u64 table_hpa, u32 level);
/* Push op's retired tables onto the tree's list (end of an operation). */
void pt_retire_publish(struct pt_op *op);
/* Free a table and every table below it (quiescent). */
void pt_free_subtree(struct pt *pt, u64 table_hpa, u32 level);

#endif
