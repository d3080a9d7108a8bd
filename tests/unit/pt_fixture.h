/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host fixtures for the page-table engine's tests (unit tests and the
 * ThreadSanitizer stress test): table memory from aligned_alloc (the hpa is
 * the pointer itself) with allocation-failure injection, a fake entry
 * format with a bit layout unlike any real one (to show the engine is
 * format-agnostic), and a tree consistency check.
 */
#ifndef PARAPET_TEST_PT_FIXTURE_H
#define PARAPET_TEST_PT_FIXTURE_H

#include "hypervisor/lib/pt/pt.h"

struct pt_host_mem {
	long live;    /* pages allocated and not freed (atomic) */
	long allocs;  /* allocations that succeeded (atomic) */
	long fail_at; /* > 0: the fail_at-th allocation from now fails (atomic) */
	long failed;  /* allocations refused (atomic) */
};

/* mem->ctx = hm. */
void pt_host_mem_init(struct pt_host_mem *hm, struct pt_mem *mem);

/*
 * The fake format: valid bit 63, "leaf" bit 62 (levels > 0), the level in
 * bits 58:56 (checked on every read: pt_fake_level_errors), the address
 * >> 12 in bits 55:8, R/W/X in bits 0/1/2. Any R/W/X combination, 60-bit
 * output, 4 KiB, 2 MiB and 1 GiB leaves.
 */
extern const struct pt_format pt_fake_fmt;
extern long pt_fake_level_errors;

struct pt_tree_stats {
	u64 tables; /* below the root */
	u64 pages[3];
	u64 errors; /* inconsistencies found */
	char first_error[160];
};

/* Walk the tree: entries in address order and aligned, leaves at
 * leaf-capable levels and inside the format's output bits. */
void pt_tree_check(const struct pt *pt, struct pt_tree_stats *st);

/* The first PT_SEEN_MAX items of a pt_walk (pt_seen_record as its fn):
 * each entry, level and kind; n counts them all. */
#define PT_SEEN_MAX 8
struct pt_seen {
	u64 entries[PT_SEEN_MAX];
	u32 levels[PT_SEEN_MAX];
	enum pt_walk_kind kinds[PT_SEEN_MAX];
	u32 n;
};
int pt_seen_record(void *ctx, const struct pt_walk_item *it);

/* pt_init of a tree in format fmt over hm's memory; a refusal fails the
 * calling test. */
void pt_fixture_tree(struct pt *pt, struct pt_host_mem *hm, const struct pt_format *fmt, u32 depth,
		     u32 leaves);

#endif
