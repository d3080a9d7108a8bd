// SPDX-License-Identifier: GPL-2.0-only
/*
 * The first guest (first_guest.h). Guest-physical layout, 8 pages (the
 * only ones its nested page table maps):
 *   0x0000 PML4, 0x1000 PDPT, 0x2000 PD (one 2 MiB identity page at 0)
 *   0x4000 code (guest.S), 0x5000-0x7fff stack (RSP 0x8000)
 * The guest's own tables map 2 MiB; every access past 32 KiB is a nested
 * page fault, which stops it.
 */
#include <parapet/string.h>
#include "hypervisor/arch/x86_64/paging.h"
#include "hypervisor/core/console.h"
#include "first_guest.h"
#include "npt_tiny.h"
#include "svm.h"
#include "vcpu.h"
#include "vmcb_init.h"

#define GUEST_PAGES 8u
#define GUEST_PML4 0x0000ull
#define GUEST_PDPT 0x1000ull
#define GUEST_PD 0x2000ull
#define GUEST_CODE 0x4000ull
#define GUEST_STACK_TOP 0x8000ull
#define GUEST_ASID 1u
#define ALLOC_LIMIT (4ull << 30) /* inside the hypervisor's identity map */

extern const u8 svm_guest_blob[], svm_guest_blob_end[];

struct first_guest {
	hpa_t mem, iopm, msrpm, vmcb;
	struct npt_tiny npt;
};

/* Its hypercall environment (docs/hypercalls.md): one console capability
 * (selector 0), reads only inside its GUEST_PAGES pages. */
static struct hv_cap_table first_caps = {
    .part = 0, .n = 1, .cap = {{PP_HC_CAP_CONSOLE, PP_HC_RIGHT_USE, 0, 0}}};

static int first_read(void *ctx, u64 gpa, void *out, u32 len)
{
	const struct first_guest *g = ctx;
	u64 end;
	if (!pp_add_ok(gpa, len, &end) || end > GUEST_PAGES * PP_PAGE_SIZE)
		return -1;
	memcpy(out, (const u8 *)(uintptr_t)hpa_val(g->mem) + gpa, len);
	return 0;
}

static void first_console(void *ctx, const char *s, u32 len)
{
	(void)ctx;
	hv_printf("svm: guest: %.*s\n", (int)len, s);
}

static void *ptr(hpa_t a)
{
	return (void *)(uintptr_t)hpa_val(a);
}

static void free_run(struct palloc *pa, hpa_t base, u64 pages)
{
	if (!hpa_val(base))
		return;
	memset(ptr(base), 0, pages * PP_PAGE_SIZE); /* scrub before reuse */
	for (u64 i = 0; i < pages; i++)
		palloc_free(pa, hpa(hpa_val(base) + i * PP_PAGE_SIZE));
}

static void teardown(struct first_guest *g, struct palloc *pa)
{
	npt_tiny_free(&g->npt, pa);
	free_run(pa, g->vmcb, 1);
	free_run(pa, g->msrpm, SVM_MSRPM_SIZE / PP_PAGE_SIZE);
	free_run(pa, g->iopm, SVM_IOPM_SIZE / PP_PAGE_SIZE);
	free_run(pa, g->mem, GUEST_PAGES);
}

static int build(struct first_guest *g, struct palloc *pa, struct pp_err *err)
{
	const u64 blob = (u64)((uintptr_t)svm_guest_blob_end - (uintptr_t)svm_guest_blob);
	g->mem = palloc_alloc_run(pa, GUEST_PAGES, ALLOC_LIMIT);
	g->iopm = palloc_alloc_run(pa, SVM_IOPM_SIZE / PP_PAGE_SIZE, ALLOC_LIMIT);
	g->msrpm = palloc_alloc_run(pa, SVM_MSRPM_SIZE / PP_PAGE_SIZE, ALLOC_LIMIT);
	g->vmcb = palloc_alloc_below(pa, ALLOC_LIMIT);
	if (!hpa_val(g->mem) || !hpa_val(g->iopm) || !hpa_val(g->msrpm) || !hpa_val(g->vmcb))
		return pp_fail(err, PP_ENOMEM, "out of pages");
	if (blob > GUEST_STACK_TOP - GUEST_CODE - PP_PAGE_SIZE)
		return pp_fail(err, PP_ERANGE, "guest code of %llu bytes does not fit",
			       (unsigned long long)blob);
	/* all ones: every port and MSR access exits (and stops the guest) */
	memset(ptr(g->iopm), 0xff, SVM_IOPM_SIZE);
	memset(ptr(g->msrpm), 0xff, SVM_MSRPM_SIZE);

	u8 *m = ptr(g->mem);
	memset(m, 0, GUEST_PAGES * PP_PAGE_SIZE);
	((u64 *)(m + GUEST_PML4))[0] = GUEST_PDPT | PTE_P | PTE_W;
	((u64 *)(m + GUEST_PDPT))[0] = GUEST_PD | PTE_P | PTE_W;
	((u64 *)(m + GUEST_PD))[0] = 0 | PTE_P | PTE_W | PTE_PS;
	memcpy(m + GUEST_CODE, svm_guest_blob, blob);

	int rc = npt_tiny_build(&g->npt, pa, g->mem, GUEST_PAGES, err);
	if (rc)
		return rc;
	struct svm_guest_setup s = {
	    .rip = GUEST_CODE,
	    .rsp = GUEST_STACK_TOP,
	    .cr3 = GUEST_PML4,
	    .n_cr3 = npt_tiny_root(&g->npt),
	    .iopm = g->iopm,
	    .msrpm = g->msrpm,
	    .asid = GUEST_ASID,
	};
	svm_vmcb_init_flat64(ptr(g->vmcb), &s);
	return 0;
}

void svm_first_guest(struct palloc *pa)
{
	struct pp_err err = {0, ""};
	struct first_guest g;

	if (!svm_caps.usable) {
		hv_printf("svm: first guest not run: %s\n", svm_caps.why);
		return;
	}
	if (!svm_caps.np) {
		hv_printf("svm: first guest not run: no nested paging\n");
		return;
	}
	if (svm_enable_cpu(pa, &err)) {
		hv_printf("svm: first guest not run: %s\n", err.msg);
		return;
	}
	memset(&g, 0, sizeof(g));
	if (build(&g, pa, &err)) {
		hv_printf("svm: first guest not run: %s\n", err.msg);
		teardown(&g, pa);
		return;
	}
	hv_printf("svm: first guest: asid %u, %u pages at 0x%llx, npt 0x%llx, vmcb 0x%llx\n",
		  GUEST_ASID, GUEST_PAGES, (unsigned long long)hpa_val(g.mem),
		  (unsigned long long)hpa_val(npt_tiny_root(&g.npt)),
		  (unsigned long long)hpa_val(g.vmcb));
	struct svm_vcpu v;
	memset(&v, 0, sizeof(v));
	struct hv_hc_env hc = {
	    .caps = &first_caps, .read = first_read, .console = first_console, .ctx = &g};
	v.name = "guest";
	v.vmcb = ptr(g.vmcb);
	v.hc = &hc;
	v.max_exits = 64; /* it needs 3; more is a storm: stop it */
	(void)svm_vcpu_run(&v);
	teardown(&g, pa);
}
