// SPDX-License-Identifier: GPL-2.0-only
/*
 * launch's Intel TXT sequence up to GETSEC[SENTER] (docs/drtm.md, "Before
 * SENTER: launch's sequence"). HARDWARE-ONLY, UNTESTED ON HARDWARE: no
 * machine here has TXT and QEMU has no SMX, so this file has never run;
 * every decision in it is a host-tested function. After drtm_prepare
 * (other CPUs in INIT, every TPM locality released), in this order:
 *   1. CR4.SMXE on; GETSEC[CAPABILITIES]: a TXT chipset and SENTER;
 *   2. IA32_FEATURE_CONTROL, TXT.ESTS (TXT_RESET.STS), TPM_ACCESS_0;
 *   3. the SINIT ACM the BIOS left at TXT.SINIT.BASE (txt_acm_parse); its
 *      versions and capabilities against our MLE header;
 *   4. the MLE and its page table (sl_place_mle), the parameter block;
 *   5. the heap: BiosData validated; OsMleData (saved MTRRs, MISC_ENABLE,
 *      the handoff, the log, the MLE) and OsSinitData v7 (page table, PMRs
 *      over all RAM, the chosen capabilities, the log element) after it;
 *   6. machine-check banks: corrected errors cleared, then none valid;
 *   7. the MTRRs for SENTER (SINIT WB, everything else UC), GETSEC[SENTER].
 * A refusal before step 7 returns its reason (the caller's launch policy:
 * static fallback or halt); by then only CR4.SMXE and the cleared
 * corrected-error banks have changed. Not done (planned): loading SINIT
 * from a boot module when the BIOS left none (H6 matching too).
 */
#include <parapet/bytes.h>
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "launch/console.h"
#include "launch/drtm/txt_acm.h"
#include "launch/drtm/txt_caps.h"
#include "launch/drtm/txt_heap.h"
#include "launch/drtm/txt_launch.h"
#include "launch/drtm/txt_mle.h"
#include "launch/drtm/txt_mtrr_hw.h"
#include "launch/drtm/txt_pmr.h"
#include "launch/drtm/txt_presenter.h"
#include "launch/drtm/txt_regs.h"
#include "launch/sl_place.h"

#define CR4_SMXE (1ull << 14)
#define TPM_ACCESS_0 0xFED40000ull
#define TXT_LOG_SIZE 0x8000u

/* The log SINIT writes its events into (OsSinitData's element). */
static u8 txt_log[TXT_LOG_SIZE] __attribute__((aligned(4096)));
static struct mtrr_state txt_mtrr_now, txt_mtrr_senter;
static struct pp_os_mle_data txt_os_mle;

static u64 txt_pub(u32 reg)
{
	return mmio_read64((volatile void *)(uintptr_t)(TXT_PUB_BASE + reg));
}

static u32 getsec(u32 leaf, u32 ebx, u32 ecx, u32 edx)
{
	u32 eax = leaf;
	__asm__ volatile(".byte 0x0f, 0x37" /* GETSEC */
			 : "+a"(eax), "+b"(ebx), "+c"(ecx), "+d"(edx)::"memory");
	return eax;
}

/* Step 6: SDM vol. 3B 15.3; the plan and both checks are txt_presenter.c's. */
static int mc_banks_clear(struct pp_err *err)
{
	u64 st[TXT_MC_MAX_BANKS];
	struct txt_mc_plan plan;
	const u64 cap = rdmsr(MSR_IA32_MCG_CAP);
	u32 n = (u32)(cap & MCG_CAP_COUNT_MASK);
	if (n > TXT_MC_MAX_BANKS)
		n = TXT_MC_MAX_BANKS;
	for (u32 i = 0; i < n; i++)
		st[i] = rdmsr(MSR_IA32_MC0_STATUS + 4 * i);
	int rc = txt_mc_plan(cap, rdmsr(MSR_IA32_MCG_STATUS), st, n, &plan, err);
	if (rc)
		return rc;
	for (u32 i = 0; i < n; i++)
		if (plan.clear & (1ull << i))
			wrmsr(MSR_IA32_MC0_STATUS + 4 * i, 0);
	for (u32 i = 0; i < n; i++)
		st[i] = rdmsr(MSR_IA32_MC0_STATUS + 4 * i);
	return txt_mc_check_clear(cap, rdmsr(MSR_IA32_MCG_STATUS), st, n, err);
}

/* Step 5: our two tables after BiosData (MLE guide appendix C). */
static int heap_write(const struct pp_handoff *h, u64 handoff_pa, u32 caps, u32 mle_size,
		      struct pp_err *err)
{
	struct txt_bios_info bios;
	struct txt_pmr_plan pmr;
	const u64 base = txt_pub(TXT_REG_HEAP_BASE), size = txt_pub(TXT_REG_HEAP_SIZE);
	u8 *heap = (u8 *)(uintptr_t)base;
	u64 len, bios_size, os_mle_len;
	if (!size || base >= SL_HANDOFF_MAX_END || size > SL_HANDOFF_MAX_END - base ||
	    size < 8 + TXT_OS_MLE_BUILT_SIZE + TXT_OS_SINIT_BUILT_SIZE)
		return pp_fail(err, PP_ERANGE, "TXT heap 0x%llx+0x%llx unusable",
			       (unsigned long long)base, (unsigned long long)size);
	bios_size = ld_le64(heap);
	if (bios_size < 8 || bios_size > size - TXT_OS_MLE_BUILT_SIZE - TXT_OS_SINIT_BUILT_SIZE)
		return pp_fail(err, PP_ERANGE, "TXT heap: BiosData size %llu does not fit",
			       (unsigned long long)bios_size);
	int rc = txt_bios_data_parse(heap, bios_size, &bios, err);
	if (rc)
		return rc;
	rc = txt_pmr_plan(pp_handoff_mmap(h), h->mmap_count, &pmr, err);
	if (rc)
		return rc;
	memset(&txt_os_mle, 0, sizeof(txt_os_mle));
	txt_os_mle.version = PP_OS_MLE_VERSION;
	txt_os_mle.handoff_pa = handoff_pa;
	txt_os_mle.misc_enable = rdmsr(MSR_MISC_ENABLE);
	mtrr_hw_read(&txt_mtrr_now, mtrr_hw_vcnt());
	txt_os_mle.mtrr_def_type = txt_mtrr_now.def_type;
	txt_os_mle.mtrr_vcnt = txt_mtrr_now.vcnt;
	for (u32 i = 0; i < txt_mtrr_now.vcnt; i++) {
		txt_os_mle.mtrr[i].base = txt_mtrr_now.var[i].base;
		txt_os_mle.mtrr[i].mask = txt_mtrr_now.var[i].mask;
	}
	txt_os_mle.evtlog_pa = (u64)(uintptr_t)txt_log;
	txt_os_mle.evtlog_size = TXT_LOG_SIZE;
	txt_os_mle.mle_base = SL_MLE_BASE;
	txt_os_mle.mle_size = mle_size;
	rc = txt_os_mle_build(heap + bios_size, size - bios_size, &txt_os_mle, &os_mle_len, err);
	if (rc)
		return rc;
	struct txt_os_sinit_params p;
	memset(&p, 0, sizeof(p));
	p.mle_ptab = SL_MLE_PT_BASE;
	p.mle_size = mle_size;
	p.mle_hdr_base = 0; /* linear: the header is the MLE's first byte */
	p.pmr_lo_base = pmr.lo_base;
	p.pmr_lo_size = pmr.lo_size;
	p.pmr_hi_base = pmr.hi_base;
	p.pmr_hi_size = pmr.hi_size;
	p.capabilities = caps;
	p.evtlog.phys_addr = (u64)(uintptr_t)txt_log;
	p.evtlog.allocated_size = TXT_LOG_SIZE;
	p.mle_base = SL_MLE_BASE;
	return txt_os_sinit_build(heap + bios_size + os_mle_len, size - bios_size - os_mle_len, &p,
				  &len, err);
}

int txt_launch(u64 handoff_pa, u32 handoff_len, u32 flags, struct pp_err *err)
{
	struct txt_acm_info acm;
	struct mle_header mh;
	u32 caps, entry, mle_size;
	const struct pp_handoff *h = (const struct pp_handoff *)(uintptr_t)handoff_pa;
	int rc;
	/* 1. */
	write_cr4(read_cr4() | CR4_SMXE);
	rc = txt_check_getsec_caps(getsec(GETSEC_CAPABILITIES, 0, 0, 0), err);
	/* 2. */
	if (!rc)
		rc = txt_check_feature_control(rdmsr(MSR_IA32_FEATURE_CONTROL), err);
	if (!rc)
		rc = txt_check_reset_sts(txt_pub(TXT_REG_ESTS), err);
	if (!rc)
		rc = txt_check_locality0_released(
		    mmio_read8((volatile void *)(uintptr_t)TPM_ACCESS_0), err);
	if (rc)
		return rc;
	/* 3. */
	const u64 sinit = txt_pub(TXT_REG_SINIT_BASE), sinit_size = txt_pub(TXT_REG_SINIT_SIZE);
	if (!sinit || sinit >= SL_HANDOFF_MAX_END || sinit_size > SL_HANDOFF_MAX_END - sinit)
		return pp_fail(err, PP_ENOENT, "TXT: no SINIT region (TXT.SINIT.BASE 0x%llx)",
			       (unsigned long long)sinit);
	rc = txt_acm_parse((const u8 *)(uintptr_t)sinit, sinit_size, sinit, &acm, err);
	if (rc)
		return rc;
	/* 4. */
	sl_place_mle(&entry, &mle_size);
	rc = mle_header_parse((const u8 *)(uintptr_t)SL_MLE_BASE, mle_size, &mh, err);
	if (!rc)
		rc = txt_acm_versions_ok(acm.os_sinit_ver, acm.min_mle_hdr_ver, mh.version, err);
	if (!rc)
		rc = txt_caps_choose(mh.capabilities, acm.capabilities, &caps, err);
	if (rc)
		return rc;
	sl_place_params(handoff_pa, handoff_len, PP_LAUNCH_TXT, flags);
	/* 5., 6. */
	rc = heap_write(h, handoff_pa, caps, mle_size, err);
	if (!rc)
		rc = mc_banks_clear(err);
	if (rc)
		return rc;
	/* 7. */
	const struct mtrr_range wb = {sinit, acm.size};
	rc = mtrr_plan_senter(&wb, 1, mtrr_hw_vcnt(), mtrr_hw_maxphyaddr(), &txt_mtrr_senter, err);
	if (rc)
		return rc;
	launch_printf("drtm: txt: SINIT 0x%llx (%llu bytes, capabilities 0x%x, chosen 0x%x); "
		      "GETSEC[SENTER] (hardware; this path is untested)",
		      (unsigned long long)sinit, (unsigned long long)acm.size, acm.capabilities,
		      caps);
	mtrr_hw_write(&txt_mtrr_senter);
	getsec(GETSEC_SENTER, (u32)sinit, (u32)acm.size, 0);
	/* SENTER does not return: the MLE runs next (or the platform resets). */
	return pp_fail(err, PP_EDEVICE, "TXT: GETSEC[SENTER] returned");
}
