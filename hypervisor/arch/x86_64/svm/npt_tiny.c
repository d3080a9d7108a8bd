// SPDX-License-Identifier: GPL-2.0-only
/* The tiny nested page table (npt_tiny.h). */
#include <parapet/string.h>
#include "hypervisor/arch/x86_64/paging.h"
#include "npt_tiny.h"

/* Nested walks are user accesses (APM vol. 2 §15.25.5): every level needs
 * U/S = 1 besides P and R/W. Leaves: write-back (PAT index 0), executable. */
#define NPT_TINY_FLAGS (PTE_P | PTE_W | PTE_U)

static u64 *table(hpa_t t)
{
	return (u64 *)(uintptr_t)hpa_val(t);
}

int npt_tiny_build(struct npt_tiny *n, struct palloc *pa, hpa_t host_base, u64 npages,
		   struct pp_err *err)
{
	memset(n, 0, sizeof(*n));
	if (!npages || npages > NPT_TINY_MAX_PAGES || !PP_IS_ALIGNED(hpa_val(host_base), 4096))
		return pp_fail(err, PP_EINVAL, "npt: %llu pages at 0x%llx cannot be mapped",
			       (unsigned long long)npages, (unsigned long long)hpa_val(host_base));
	for (unsigned i = 0; i < 4; i++) {
		n->table[i] = palloc_alloc(pa);
		if (!hpa_val(n->table[i])) {
			npt_tiny_free(n, pa);
			return pp_fail(err, PP_ENOMEM, "npt: no page for a table");
		}
		memset(table(n->table[i]), 0, PP_PAGE_SIZE);
	}
	for (unsigned i = 0; i < 3; i++)
		table(n->table[i])[0] = hpa_val(n->table[i + 1]) | NPT_TINY_FLAGS;
	for (u64 p = 0; p < npages; p++)
		table(n->table[3])[p] = (hpa_val(host_base) + p * PP_PAGE_SIZE) | NPT_TINY_FLAGS;
	return 0;
}

void npt_tiny_free(struct npt_tiny *n, struct palloc *pa)
{
	for (unsigned i = 0; i < 4; i++) {
		if (hpa_val(n->table[i])) {
			memset(table(n->table[i]), 0, PP_PAGE_SIZE);
			palloc_free(pa, n->table[i]);
		}
		n->table[i] = hpa(0);
	}
}
