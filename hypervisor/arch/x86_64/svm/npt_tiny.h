/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A deliberately tiny nested page table (AMD APM vol. 2 §15.25 "Nested
 * Paging"): 4 levels, one table per level, 4 KiB leaves mapping guest-
 * physical [0, npages * 4 KiB) onto npages contiguous host pages, nothing
 * else. Isolated here so the general page-table engine (hypervisor/lib/pt/,
 * issue 10 item 2) can replace it without touching the rest of svm/.
 */
#ifndef PARAPET_HV_SVM_NPT_TINY_H
#define PARAPET_HV_SVM_NPT_TINY_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "hypervisor/core/palloc.h"

#define NPT_TINY_MAX_PAGES 512 /* one page table */

struct npt_tiny {
	hpa_t table[4]; /* PML4, PDPT, PD, PT */
};

/* Build the tables from pa (zeroed pages). */
int npt_tiny_build(struct npt_tiny *n, struct palloc *pa, hpa_t host_base, u64 npages,
		   struct pp_err *err);
static inline hpa_t npt_tiny_root(const struct npt_tiny *n)
{
	return n->table[0];
}
/* Return the table pages to pa (after the guest can no longer run). */
void npt_tiny_free(struct npt_tiny *n, struct palloc *pa);

#endif
