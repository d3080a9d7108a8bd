// SPDX-License-Identifier: GPL-2.0-only
/* Host fixtures for the page-table tests (pt_fixture.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_fixture.h"

static void *host_alloc(void *ctx, hpa_t *pa)
{
	struct pt_host_mem *hm = ctx;
	if (__atomic_load_n(&hm->fail_at, __ATOMIC_RELAXED) > 0 &&
	    __atomic_sub_fetch(&hm->fail_at, 1, __ATOMIC_RELAXED) == 0) {
		__atomic_add_fetch(&hm->failed, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	void *p = aligned_alloc(PP_PAGE_SIZE, PP_PAGE_SIZE);
	if (!p)
		return NULL;
	memset(p, 0, PP_PAGE_SIZE);
	__atomic_add_fetch(&hm->live, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&hm->allocs, 1, __ATOMIC_RELAXED);
	*pa = hpa((u64)(uintptr_t)p);
	return p;
}

static void host_free(void *ctx, hpa_t pa, void *va)
{
	struct pt_host_mem *hm = ctx;
	if ((u64)(uintptr_t)va != hpa_val(pa))
		abort();
	__atomic_sub_fetch(&hm->live, 1, __ATOMIC_RELAXED);
	free(va);
}

static void *host_virt(void *ctx, hpa_t pa)
{
	(void)ctx;
	return (void *)(uintptr_t)hpa_val(pa);
}

void pt_host_mem_init(struct pt_host_mem *hm, struct pt_mem *mem)
{
	*hm = (struct pt_host_mem){0};
	*mem = (struct pt_mem){hm, host_alloc, host_free, host_virt};
}

/* The fake format. */
#define FAKE_V (1ull << 63)
#define FAKE_L (1ull << 62)
#define FAKE_LEVEL_SHIFT 56
#define FAKE_LEVEL_MASK (7ull << FAKE_LEVEL_SHIFT)
#define FAKE_ADDR_SHIFT 8
#define FAKE_ADDR_MASK (((1ull << 48) - 1) << FAKE_ADDR_SHIFT)
#define FAKE_PERMS 7ull

long pt_fake_level_errors;

static void fake_check(u64 e, u32 level)
{
	if (((e & FAKE_LEVEL_MASK) >> FAKE_LEVEL_SHIFT) != level)
		__atomic_add_fetch(&pt_fake_level_errors, 1, __ATOMIC_RELAXED);
}

static bool fake_present(u64 e)
{
	return (e & FAKE_V) != 0;
}

static bool fake_is_leaf(u64 e, u32 level)
{
	fake_check(e, level);
	return (e & FAKE_L) != 0;
}

static u64 fake_addr(u64 e, u32 level)
{
	fake_check(e, level);
	return ((e & FAKE_ADDR_MASK) >> FAKE_ADDR_SHIFT) << PP_PAGE_SHIFT;
}

static u32 fake_perms(u64 e, u32 level)
{
	fake_check(e, level);
	return (u32)(e & FAKE_PERMS);
}

static u64 fake_make_table(u64 table_hpa, u32 level)
{
	return FAKE_V | ((u64)level << FAKE_LEVEL_SHIFT) |
	       ((table_hpa >> PP_PAGE_SHIFT) << FAKE_ADDR_SHIFT);
}

static u64 fake_make_page(u64 out, u32 level, u32 perms)
{
	return FAKE_V | FAKE_L | ((u64)level << FAKE_LEVEL_SHIFT) |
	       ((out >> PP_PAGE_SHIFT) << FAKE_ADDR_SHIFT) | (perms & FAKE_PERMS);
}

const struct pt_format pt_fake_fmt = {
    .name = "fake",
    .leaf_levels = PT_LEAF_4K | PT_LEAF_2M | PT_LEAF_1G,
    .perm_mask = PT_PERM_RWX,
    .perm_required = 0,
    .out_bits = 60,
    .present = fake_present,
    .is_leaf = fake_is_leaf,
    .addr = fake_addr,
    .perms = fake_perms,
    .make_table = fake_make_table,
    .make_page = fake_make_page,
};

struct check_ctx {
	const struct pt *pt;
	struct pt_tree_stats *st;
	u64 last_in; /* items come in address order */
	bool any;
};

static void check_fail(struct pt_tree_stats *st, const char *what, u64 in)
{
	if (!st->errors++)
		snprintf(st->first_error, sizeof(st->first_error), "%s at 0x%llx", what,
			 (unsigned long long)in);
}

static int check_item(void *vctx, const struct pt_walk_item *it)
{
	struct check_ctx *c = vctx;
	struct pt_tree_stats *st = c->st;
	if (c->any && it->in_base < c->last_in)
		check_fail(st, "walk out of order", it->in_base);
	c->any = true;
	c->last_in = it->in_base;
	if (!PP_IS_ALIGNED(it->in_base, it->size) || !PP_IS_ALIGNED(it->addr, PP_PAGE_SIZE))
		check_fail(st, "misaligned entry", it->in_base);
	if (it->kind == PT_WALK_TABLE) {
		st->tables++;
		if (it->level == 0)
			check_fail(st, "table at level 0", it->in_base);
		return 0;
	}
	if (!(c->pt->leaf_levels >> it->level & 1) || it->level > 2)
		check_fail(st, "page at a level that may not hold one", it->in_base);
	else
		st->pages[it->level]++;
	if (!PP_IS_ALIGNED(it->addr, it->size))
		check_fail(st, "page output not aligned to its size", it->in_base);
	if (c->pt->fmt->out_bits < 64 && it->addr + it->size > 1ull << c->pt->fmt->out_bits)
		check_fail(st, "page output beyond the format's bits", it->in_base);
	return 0;
}

void pt_tree_check(const struct pt *pt, struct pt_tree_stats *st)
{
	*st = (struct pt_tree_stats){0};
	struct check_ctx c = {pt, st, 0, false};
	pt_walk(pt, check_item, &c);
}

int pt_seen_record(void *ctx, const struct pt_walk_item *it)
{
	struct pt_seen *s = ctx;
	if (s->n < PT_SEEN_MAX) {
		s->entries[s->n] = it->entry;
		s->levels[s->n] = it->level;
		s->kinds[s->n] = it->kind;
	}
	s->n++;
	return 0;
}

void pt_fixture_tree(struct pt *pt, struct pt_host_mem *hm, const struct pt_format *fmt, u32 depth,
		     u32 leaves)
{
	struct pt_mem mem;
	struct pp_err err;
	pt_host_mem_init(hm, &mem);
	if (pt_init(pt, fmt, depth, leaves, &mem, &err)) {
		fprintf(stderr, "pt_fixture_tree: %s\n", err.msg);
		abort();
	}
}
