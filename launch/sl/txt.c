// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MLE's launch decision (Intel TXT; linked only into build/launch/
 * mle.bin; HARDWARE-ONLY, untested on hardware). It takes the place of
 * the SKINIT PCR17 test (main.c, launch_type_decide). docs/drtm.md
 * ("After SENTER") has the rule and the source behind every step:
 *   1. our own MLE header parses; EBX is this entry (mle_entry_regs_check,
 *      before anything else is believed);
 *   2. the TXT configuration space answers (TXT.DIDVID neither 0 nor all
 *      ones) and TXT.STS.SENTER.DONE is set. If not, no SENTER ran: PCR17
 *      must be all 0xFF, and the launch policy decides (static fallback or
 *      halt) exactly as for a missing SKINIT. This is where launch's
 *      test=txt-entry ends under QEMU;
 *   3. TXT.ESTS.TXT_RESET clear;
 *   4. the heap (TXT.HEAP.BASE/SIZE): every table parsed, versions, our
 *      OsMleData as launch wrote it, SinitMleData's MDRs and the PMRs
 *      covering the MLE, its page table and the log (txt_post_launch_check);
 *      EBX and ECX against the capabilities SINIT took;
 *   5. the page table SINIT walked, walked again (mle_pt_walk);
 *   6. the saved MTRRs (OsMleData) checked and restored, IA32_MISC_ENABLE
 *      restored, and the live registers compared with them;
 *   7. the PMRs cover all RAM of the map handed on and every buffer we use;
 *      the heap, SINIT and the private space are not usable RAM; the log
 *      overlaps neither the MLE nor its table; SINIT's DMAR copy parses.
 * Steps 1-5 (sl_txt_decide) run when the TPM is open, steps 6-7
 * (sl_txt_finish) after the SL copied the modules and ACPI tables: step 6
 * takes the IOAPICs and ECAM windows from the MADT and MCFG copies.
 * Every failure goes through sl_fail. Not done yet (planned): SINIT writes
 * its events into the log OsSinitData names, which the MLE must continue
 * (its own log lives in .bss, zeroed at entry); waking the other CPUs
 * (RLP wakeup); handing SINIT's DMAR to the hypervisor. So after step 7
 * the MLE stops with that reason instead of measuring on.
 */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "launch/drtm/txt_dmar.h"
#include "launch/drtm/txt_mle.h"
#include "launch/drtm/txt_mle_walk.h"
#include "launch/drtm/txt_mtrr.h"
#include "launch/drtm/txt_mtrr_check.h"
#include "launch/drtm/txt_mtrr_hw.h"
#include "launch/drtm/txt_pmr.h"
#include "launch/drtm/txt_post.h"
#include "launch/drtm/txt_regs.h"
#include <parapet/acpi.h>
#include <parapet/fmt.h>
#include <parapet/sl_params.h>
#include "sl.h"
#include "stage.h"
#include "txt.h"

#define MSR_APIC_BASE 0x1bu
#define APIC_BASE_X2APIC (1ull << 10)
#define APIC_BASE_ADDR_MASK 0x000ffffffffff000ull
#define TXT_BUFS 4u

static struct txt_post_result txt_r;
static struct mtrr_state txt_saved, txt_live;
static struct acpi_info txt_acpi;
static u64 txt_ioapic[ACPI_MAX_IOAPICS];
static struct mtrr_range txt_ecam[ACPI_MAX_MCFG];
static u64 txt_heap_base, txt_heap_size;

static u64 txt_pub(u32 reg)
{
	return mmio_read64((volatile void *)(uintptr_t)(TXT_PUB_BASE + reg));
}

/* Step 2 failed: no SENTER. The same rule as a missing SKINIT. */
static u32 no_senter(const char *why)
{
	struct pp_err e = {PP_EINVAL, ""};
	if (sl_tpm_check_pcr17(__sl_start, sl_measured_len()) != PP_LAUNCH_STATIC)
		sl_fatalf(LF_POST_LAUNCH_CHECK, PP_EINVAL,
			  "txt: %s, but PCR17 is not all 0xFF: refusing an unexplained PCR17", why);
	sl_stage = LS_PRE_DRTM;
	pp_fail(&e, PP_EINVAL, "launch attempted txt but %s: no SENTER ran", why);
	sl_fail(LF_TXT_NOT_READY, &e); /* returns only for a static fallback */
	sl_printf("no DRTM: continuing as a static launch");
	return PP_LAUNCH_STATIC;
}

static int txt_rd64(void *ctx, u64 pa, u64 *val)
{
	(void)ctx;
	const u8 *p = sl_phys(pa, 8);
	if (!p)
		return PP_ERANGE;
	memcpy(val, p, 8);
	return PP_OK;
}

/* The IOAPICs (MADT) and ECAM windows (MCFG) from the ACPI copies the SL
 * made and measured (the handoff's copy table). */
static void acpi_mmio(const struct pp_handoff *h, struct txt_mmio_in *in)
{
	struct pp_err e = {0, ""};
	const struct pp_acpi_copy *c = pp_handoff_acpi(h);
	memset(&txt_acpi, 0, sizeof(txt_acpi));
	for (u32 i = 0; i < h->acpi_count; i++) {
		const u8 *t = sl_phys(c[i].copy, c[i].length);
		int rc = PP_OK;
		if (!memcmp(c[i].sig, "APIC", 4))
			rc = t ? acpi_parse_madt(t, c[i].length, &txt_acpi, &e) : PP_ERANGE;
		else if (!memcmp(c[i].sig, "MCFG", 4))
			rc = t ? acpi_parse_mcfg(t, c[i].length, &txt_acpi, &e) : PP_ERANGE;
		if (rc)
			sl_fatalf(LF_POST_LAUNCH_CHECK, rc, "txt: ACPI %.4s copy: %s",
				  (const char *)c[i].sig, e.msg);
	}
	for (u32 i = 0; i < txt_acpi.ioapic_count; i++)
		txt_ioapic[i] = txt_acpi.ioapics[i].addr;
	for (u32 i = 0; i < txt_acpi.mcfg_count; i++) {
		const struct acpi_mcfg *m = &txt_acpi.mcfg[i];
		txt_ecam[i].base = m->base + ((u64)m->bus_start << 20);
		txt_ecam[i].size = ((u64)m->bus_end - m->bus_start + 1) << 20;
	}
	in->ioapic_base = txt_ioapic;
	in->n_ioapic = txt_acpi.ioapic_count;
	in->mcfg = txt_ecam;
	in->n_mcfg = txt_acpi.mcfg_count;
}

/* Step 6. */
static void mtrrs_restore(const struct pp_handoff *h)
{
	struct pp_err e = {0, ""};
	struct mtrr_range mmio[TXT_MMIO_MAX];
	u64 apic = rdmsr(MSR_APIC_BASE);
	struct txt_mmio_in in = {0};
	const u32 vcnt = mtrr_hw_vcnt(), mp = mtrr_hw_maxphyaddr();
	in.lapic_base = (apic & APIC_BASE_X2APIC) ? 0 : (apic & APIC_BASE_ADDR_MASK);
	acpi_mmio(h, &in);
	int n = txt_mmio_ranges(&in, mmio, TXT_MMIO_MAX, &e);
	if (n < 0)
		sl_fatal(LF_POST_LAUNCH_CHECK, &e);
	mtrr_state_from_os_mle(&txt_r.os_mle, &txt_saved);
	if (mtrr_check_restore(&txt_saved, vcnt, mp, mmio, (u32)n, &e))
		sl_fatal(LF_POST_LAUNCH_CHECK, &e);
	mtrr_hw_write(&txt_saved);
	wrmsr(MSR_MISC_ENABLE, txt_r.os_mle.misc_enable);
	mtrr_hw_read(&txt_live, vcnt);
	if (mtrr_check_live(&txt_saved, txt_r.os_mle.misc_enable, &txt_live, rdmsr(MSR_MISC_ENABLE),
			    &e))
		sl_fatal(LF_POST_LAUNCH_CHECK, &e);
	sl_printf("txt: MTRRs restored (%u variable pairs); %d MMIO ranges uncacheable (TXT, TPM, "
		  "local APIC, %u IOAPICs, %u ECAM windows); live = saved",
		  txt_saved.vcnt, n, in.n_ioapic, in.n_mcfg);
}

/* Step 7. */
static void memory_checks(const struct pp_handoff *h, u64 handoff_pa, u64 heap, u64 heap_size)
{
	struct pp_err e = {0, ""};
	struct txt_buf reg[TXT_RESERVED_REGIONS];
	const struct pp_os_mle_data *m = &txt_r.os_mle;
	const struct txt_buf bufs[TXT_BUFS] = {
	    {"the handoff", handoff_pa, h->total_size},
	    {"the MLE", SL_MLE_BASE, sl_measured_len()},
	    {"the MLE page table", SL_MLE_PT_BASE, SL_MLE_PT_SIZE},
	    {"the event log", m->evtlog_pa, m->evtlog_size},
	};
	const u32 nreg = txt_reserved_regions(heap, heap_size, txt_pub(TXT_REG_SINIT_BASE),
					      txt_pub(TXT_REG_SINIT_SIZE), reg);
	const u8 *dmar;
	u32 dmar_len;
	if (txt_pmr_check_coverage(&txt_r.os_sinit, pp_handoff_mmap(h), h->mmap_count, bufs,
				   TXT_BUFS, &e) ||
	    txt_mmap_check_reserved(pp_handoff_mmap(h), h->mmap_count, reg, nreg, &e) ||
	    txt_log_check_placement(m->evtlog_pa, m->evtlog_size, SL_MLE_BASE, sl_measured_len(),
				    SL_MLE_PT_BASE, SL_MLE_PT_SIZE, &e) ||
	    txt_sinit_dmar(&txt_r.sinit_mle, &dmar, &dmar_len, &e))
		sl_fatal(LF_POST_LAUNCH_CHECK, &e);
	sl_printf("txt: PMRs cover RAM and our buffers; heap, SINIT, private space reserved; "
		  "SINIT's DMAR %u bytes",
		  dmar_len);
}

u32 sl_txt_decide(void)
{
	struct pp_err e = {0, ""};
	struct mle_header hdr;
	const struct sl_entry_state *s = &sl_entry_state;
	const u32 len = sl_measured_len();

	/* 1. */
	if (mle_header_parse(__sl_start, len, &hdr, &e))
		sl_fatal(LF_INTERNAL, &e);
	if (s->kind != SL_ENTRY_TXT)
		sl_fatalf(LF_INTERNAL, PP_EINVAL, "txt: the MLE was not entered at its TXT entry");
	if (mle_entry_regs_check(&hdr, SL_MLE_BASE, len, SL_MLE_PT_BASE, 0, s->ebx, s->ecx, &e))
		sl_fatal(LF_POST_LAUNCH_CHECK, &e);
	/* 2. */
	const u32 didvid = (u32)txt_pub(TXT_REG_DIDVID);
	const u64 sts = txt_pub(TXT_REG_STS);
	char why[96];
	if (didvid == 0 || didvid == 0xffffffffu) {
		pp_snprintf(why, sizeof(why), "no TXT configuration space (TXT.DIDVID 0x%x)",
			    didvid);
		return no_senter(why);
	}
	if (!(sts & TXT_STS_SENTER_DONE)) {
		pp_snprintf(why, sizeof(why), "TXT.STS 0x%llx has SENTER.DONE clear",
			    (unsigned long long)sts);
		return no_senter(why);
	}
	/* 3. */
	const u64 ests = txt_pub(TXT_REG_ESTS);
	if (ests & TXT_ESTS_TXT_RESET)
		sl_fatalf(LF_TXT_LAUNCH_ERROR, PP_EDEVICE,
			  "txt: TXT.ESTS 0x%llx: TXT_RESET.STS set", (unsigned long long)ests);
	/* 4. */
	const u64 heap = txt_pub(TXT_REG_HEAP_BASE), heap_size = txt_pub(TXT_REG_HEAP_SIZE);
	const u8 *hp = sl_phys(heap, heap_size);
	struct txt_heap_layout lay;
	struct txt_expect exp = {SL_MLE_BASE, len, SL_MLE_PT_BASE, 0, 0};
	if (!hp || !heap_size)
		sl_fatalf(LF_POST_LAUNCH_CHECK, PP_ERANGE,
			  "txt: heap 0x%llx+0x%llx empty or not below 4 GiB",
			  (unsigned long long)heap, (unsigned long long)heap_size);
	if (txt_heap_layout(hp, heap_size, &lay, &e) ||
	    txt_os_mle_parse(hp + lay.off[TXT_TBL_OS_MLE], lay.size[TXT_TBL_OS_MLE], &txt_r.os_mle,
			     &e))
		sl_fatal(LF_POST_LAUNCH_CHECK, &e);
	exp.evtlog_pa = txt_r.os_mle.evtlog_pa;
	exp.evtlog_size = txt_r.os_mle.evtlog_size;
	if (txt_post_launch_check(hp, heap_size, &exp, &txt_r, &e) ||
	    mle_entry_regs_check(&hdr, SL_MLE_BASE, len, txt_r.os_sinit.mle_ptab,
				 txt_r.os_sinit.capabilities, s->ebx, s->ecx, &e))
		sl_fatal(LF_POST_LAUNCH_CHECK, &e);
	sl_stage = LS_POST_DRTM;
	sl_printf("txt: SENTER done; heap 0x%llx+0x%llx checked; SinitMleData v%u, %u MDRs",
		  (unsigned long long)heap, (unsigned long long)heap_size, txt_r.sinit_mle.version,
		  txt_r.sinit_mle.num_mdrs);
	/* 5. */
	const struct mle_walk_req wr = {txt_r.os_sinit.mle_ptab, SL_MLE_PT_SIZE, SL_MLE_BASE,
					txt_r.os_sinit.mle_size};
	u64 pages;
	if (mle_pt_walk(&wr, txt_rd64, NULL, &pages, &e))
		sl_fatal(LF_POST_LAUNCH_CHECK, &e);
	sl_printf("txt: MLE page table: %llu pages, in order, nothing else mapped",
		  (unsigned long long)pages);
	txt_heap_base = heap;
	txt_heap_size = heap_size;
	return PP_LAUNCH_TXT;
}

void sl_txt_finish(const struct pp_handoff *h, u64 handoff_pa)
{
	/* 6., 7. */
	mtrrs_restore(h);
	memory_checks(h, handoff_pa, txt_heap_base, txt_heap_size);
	sl_fatalf(LF_EVENT_LOG, PP_ENOTSUP,
		  "txt: launch checked, but continuing SINIT's event log is not implemented yet "
		  "(planned): stopping");
}
