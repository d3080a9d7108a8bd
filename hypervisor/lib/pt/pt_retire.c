// SPDX-License-Identifier: GPL-2.0-only
/*
 * Retired tables. An operation records the roots of the subtrees it cut
 * off in batches (4 KiB pages from the tree's allocator) private to it,
 * and pushes its batches onto the tree's lock-free list when it ends.
 * pt_retired_take swaps the whole list out (no ABA: nothing is ever popped
 * singly); pt_retired_free frees each subtree and then the batch pages.
 */
#include "pt_int.h"

#define PT_RETIRED_SLOTS ((PP_PAGE_SIZE - 3 * sizeof(u64)) / sizeof(u64))

struct pt_retired {
	struct pt_retired *next;
	hpa_t self;
	u64 count;
	u64 slot[PT_RETIRED_SLOTS]; /* table hpa | its level */
};
_Static_assert(sizeof(struct pt_retired) == PP_PAGE_SIZE, "a batch is one page");

bool pt_retire(struct pt_op *op, u64 table_hpa, u32 level)
{
	struct pt *pt = op->pt;
	struct pt_retired *b = op->retired;
	if (!b || b->count == PT_RETIRED_SLOTS) {
		hpa_t pa;
		struct pt_retired *nb = pt->mem.alloc(pt->mem.ctx, &pa);
		if (!nb)
			return false;
		nb->self = pa;
		nb->next = b;
		nb->count = 0;
		op->retired = b = nb;
	}
	b->slot[b->count++] = table_hpa | level;
	return true;
}

void pt_retire_publish(struct pt_op *op)
{
	struct pt_retired *first = op->retired, *last = first;
	if (!first)
		return;
	while (last->next)
		last = last->next;
	struct pt_retired *head = __atomic_load_n(&op->pt->retired, __ATOMIC_RELAXED);
	do
		last->next = head;
	while (!__atomic_compare_exchange_n(&op->pt->retired, &head, first, true, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED));
	op->retired = NULL;
}

struct pt_retired *pt_retired_take(struct pt *pt)
{
	return __atomic_exchange_n(&pt->retired, NULL, __ATOMIC_ACQUIRE);
}

void pt_retired_free(struct pt *pt, struct pt_retired *list)
{
	while (list) {
		struct pt_retired *next = list->next;
		for (u64 i = 0; i < list->count; i++) {
			u64 s = list->slot[i];
			pt_free_subtree(pt, PP_ALIGN_DOWN(s, PP_PAGE_SIZE), (u32)(s & 7));
		}
		pt->mem.free(pt->mem.ctx, list->self, list);
		list = next;
	}
}

void pt_reclaim(struct pt *pt)
{
	pt_retired_free(pt, pt_retired_take(pt));
}

u64 pt_retired_count(const struct pt_retired *list)
{
	u64 n = 0;
	for (; list; list = list->next)
		n += list->count;
	return n;
}
