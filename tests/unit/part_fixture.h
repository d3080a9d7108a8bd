/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host fixtures for the partition-building tests (and the image fuzzer):
 * an allocator of host memory runs (the hpa is the host pointer, with the
 * requested alignment and phase) that counts live runs and can fail the
 * n-th allocation, and a gpa -> host pointer callback over a plan's
 * allocated regions.
 */
#ifndef PARAPET_TEST_PART_FIXTURE_H
#define PARAPET_TEST_PART_FIXTURE_H

#include "hypervisor/core/part/plan.h"

#define PART_HOST_RUNS 64

struct part_host_alloc {
	long live;     /* runs allocated and not freed */
	long allocs;   /* successful allocations */
	long fail_at;  /* > 0: the fail_at-th allocation from now fails */
	long bad_free; /* frees of unknown runs or with the wrong size */
	struct {
		void *orig;
		u64 base, size;
	} run[PART_HOST_RUNS];
};

/* a->ctx = h. */
void part_host_alloc_init(struct part_host_alloc *h, struct part_alloc *a);

/* part_gpa_ptr_fn with ctx = the plan (const struct part_plan *): only
 * allocated (owned or channel) memory has a host pointer. */
u8 *part_host_gpa_ptr(void *ctx, gpa_t g, u64 len);

#endif
