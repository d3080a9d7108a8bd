// SPDX-License-Identifier: GPL-2.0-only
/*
 * CET on the CPUs (cet_cpu.h): the BSP's CPUID decision, shadow stacks from
 * palloc, each CPU's interrupt SSP table, and the console line. Linked into
 * CET=1 builds only (hypervisor/build.mk); hardware-only, untested on
 * hardware (QEMU 7.2 TCG reports neither feature, so there this file only
 * prints "not enabled").
 */
#include <parapet/string.h>
#include "hypervisor/core/console.h"
#include "cet_cpu.h"
#include "paging.h"
#include "percpu.h"

#define CET_NOTE "(CET=1 build; hardware-only, untested on hardware)"

struct cet_cpu cet_cpus[HV_MAX_CPUS];
struct cet_features cet_enabled;

static const char *on(bool b)
{
	return b ? "on" : "off";
}

static struct cet_features cpuid_features(void)
{
	u32 max, a, b, c, d;
	cpuid(0, 0, &max, &b, &c, &d);
	cpuid(7, 0, &a, &b, &c, &d);
	return cet_features_from_cpuid(max, c, d);
}

/* One shadow stack above an unmapped guard page; *token = its token's address. */
static int shstk_alloc(struct palloc *pa, u64 *token, struct pp_err *err)
{
	const u64 size = CET_SHSTK_PAGES * PP_PAGE_SIZE;
	u64 run = hpa_val(palloc_alloc_run(pa, CET_SHSTK_PAGES + 1, ~0ull));
	u64 base = run + PP_PAGE_SIZE, value;
	int rc;

	*token = 0;
	if (!run)
		return pp_fail(err, PP_ENOMEM,
			       "cet: no %u contiguous free pages for a shadow stack",
			       CET_SHSTK_PAGES + 1);
	rc = paging_unmap_page(run, err);
	if (rc)
		return rc;
	rc = cet_token_place(base, size, token, &value, err);
	if (rc)
		return rc;
	/* Still an ordinary writable page: the only store a shadow stack ever gets. */
	*(volatile u64 *)(uintptr_t)*token = value;
	for (u64 p = base; p < base + size; p += PP_PAGE_SIZE) {
		rc = paging_change_page(p, CET_SHSTK_PTE_CLEAR, CET_SHSTK_PTE_SET, err);
		if (rc)
			return rc;
	}
	return PP_OK;
}

int cet_prepare_cpu(u32 cpu, struct palloc *pa, struct pp_err *err)
{
	struct cet_cpu *c = &cet_cpus[cpu];
	u64 ist_token = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	c->s_cet = cet_s_cet_value(cet_enabled);
	rc = cet_cr4_value(read_cr0(), 0, cet_enabled, &c->cr4_set, err);
	if (rc || !cet_enabled.shstk)
		return rc;
	rc = shstk_alloc(pa, &c->pl0_ssp, err);
	if (rc)
		return rc;
	rc = shstk_alloc(pa, &ist_token, err);
	if (rc)
		return rc;
	return cet_ssp_table_set(&c->ssp_table, IST_DOUBLE_FAULT, ist_token, err);
}

bool cet_prepare_bsp(struct palloc *pa)
{
	struct pp_err err = {0, ""};
	struct cet_features f = cpuid_features();

	if (!f.shstk && !f.ibt) {
		hv_printf(
		    "hv: cet: not enabled: the CPU reports neither shadow stacks nor IBT " CET_NOTE
		    "\n");
		return false;
	}
	cet_enabled = f;
	if (cet_prepare_cpu(0, pa, &err)) {
		cet_enabled = (struct cet_features){false, false};
		hv_printf("hv: cet: not enabled: %s " CET_NOTE "\n", err.msg);
		return false;
	}
	return true;
}

void cet_check_ap(u32 cpu)
{
	struct pp_err err = {0, ""};
	struct cet_features f = cpuid_features();
	u64 cr4;

	if (!cet_features_cover(f, cet_enabled)) {
		hv_printf("hv: cpu %u: CPUID reports shadow stacks %s, ibt %s, short of the BSP's "
			  "CET: stopping\n",
			  cpu, on(f.shstk), on(f.ibt));
		cpu_halt_forever();
	}
	if (cet_cr4_value(read_cr0(), read_cr4(), cet_enabled, &cr4, &err)) {
		hv_printf("hv: cpu %u: %s: stopping\n", cpu, err.msg);
		cpu_halt_forever();
	}
}

void cet_report(void)
{
	u64 s_cet = rdmsr(MSR_S_CET), cr4 = read_cr4(), ssp = 0;

	__asm__ volatile("rdsspq %0" : "+r"(ssp)); /* a NOP (ssp stays 0) without shadow stacks */
	bool cet = cr4 & CR4_CET;
	hv_printf("hv: cet: enabled: shadow stacks %s, ibt %s (S_CET 0x%llx, SSP 0x%llx) " CET_NOTE
		  "\n",
		  on(cet && (s_cet & S_CET_SH_STK_EN) && ssp), on(cet && (s_cet & S_CET_ENDBR_EN)),
		  (unsigned long long)s_cet, (unsigned long long)ssp);
}
