// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VMRUN consistency checks (check.h). Each rule is one predicate over
 * the VMCB with its own message naming it; the order is the APM's list in
 * §15.5.1, then the event-injection rules of §15.20.
 */
#include "check.h"

typedef bool (*svm_rule_fn)(const struct svm_vmcb *v, const struct svm_check_env *env);

struct svm_rule {
	svm_rule_fn broken;
	const char *msg;
};

#define EFER(v) ((v)->save.efer)
#define CR0(v) ((v)->save.cr0)
#define CR4(v) ((v)->save.cr4)

static bool paging_long(const struct svm_vmcb *v)
{
	return (EFER(v) & SVM_EFER_LME) && (CR0(v) & SVM_CR0_PG);
}

static bool r_svme(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return !(EFER(v) & SVM_EFER_SVME);
}
static bool r_cd_nw(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return !(CR0(v) & SVM_CR0_CD) && (CR0(v) & SVM_CR0_NW);
}
static bool r_cr0_high(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return CR0(v) >> 32;
}
static bool r_cr3_mbz(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	/* long mode: bits 63:52 MBZ; legacy and PAE modes: CR3 is 32 bits */
	return paging_long(v) ? v->save.cr3 >> 52 : v->save.cr3 >> 32;
}
static bool r_cr4_mbz(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return CR4(v) & ~SVM_CR4_DEFINED;
}
static bool r_dr6_high(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return v->save.dr6 >> 32;
}
static bool r_dr7_high(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return v->save.dr7 >> 32;
}
static bool r_efer_mbz(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return EFER(v) & ~SVM_EFER_DEFINED;
}
static bool r_no_lm(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	return (EFER(v) & (SVM_EFER_LMA | SVM_EFER_LME)) && !e->long_mode;
}
static bool r_lme_pg_no_pae(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return paging_long(v) && !(CR4(v) & SVM_CR4_PAE);
}
static bool r_lme_pg_no_pe(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return paging_long(v) && !(CR0(v) & SVM_CR0_PE);
}
static bool r_cs_l_d(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	const u16 a = v->save.cs.attrib;
	return paging_long(v) && (CR4(v) & SVM_CR4_PAE) && (a & SVM_SEG_L) && (a & SVM_SEG_DB);
}
static bool r_vmrun_intercept(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return !(v->control.intercept2 & SVM_INTERCEPT2_VMRUN);
}
/* A table of `size` bytes at `base` (bits 11:0 ignored) reaches an address
 * at or above 2^phys_bits. */
static bool beyond(u64 base, u64 size, u32 phys_bits)
{
	u64 last = (base & ~0xfffull) + size - 1;
	if (last < size - 1) /* wrapped */
		return true;
	return phys_bits < 64 && (last >> phys_bits);
}
static bool r_msrpm(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	return beyond(v->control.msrpm_base_pa, SVM_MSRPM_SIZE, e->phys_bits);
}
static bool r_iopm(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	return beyond(v->control.iopm_base_pa, SVM_IOPM_SIZE, e->phys_bits);
}
static bool r_asid0(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return v->control.guest_asid == 0;
}
static u64 inj_type(const struct svm_vmcb *v)
{
	return v->control.eventinj & SVM_EVENTINJ_TYPE_MASK;
}
static bool r_inj_type(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	if (!(v->control.eventinj & SVM_EVENTINJ_V))
		return false;
	const u64 t = inj_type(v);
	return t != SVM_EVENTINJ_TYPE_INTR && t != SVM_EVENTINJ_TYPE_NMI &&
	       t != SVM_EVENTINJ_TYPE_EXCEPTION && t != SVM_EVENTINJ_TYPE_SOFT_INT;
}
static bool r_inj_vector(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	const u64 vec = v->control.eventinj & SVM_EVENTINJ_VECTOR_MASK;
	return (v->control.eventinj & SVM_EVENTINJ_V) &&
	       inj_type(v) == SVM_EVENTINJ_TYPE_EXCEPTION && (vec == 2 || vec > 31);
}
/* EVENTINJ bits 30:12 are reserved: an injection with any of them set is
 * not one the APM defines (§15.20, Figure 15-4). */
static bool r_inj_reserved(const struct svm_vmcb *v, const struct svm_check_env *e)
{
	(void)e;
	return (v->control.eventinj & SVM_EVENTINJ_V) && (v->control.eventinj & 0x7ffff000ull);
}

static const struct svm_rule rules[SVM_CHECK_RULES] = {
    {r_svme, "efer-svme: guest EFER.SVME is zero (APM vol. 2 §15.5.1)"},
    {r_cd_nw, "cr0-cd-nw: guest CR0.CD is zero and CR0.NW is set (APM vol. 2 §15.5.1)"},
    {r_cr0_high, "cr0-high: guest CR0[63:32] are not zero (APM vol. 2 §15.5.1)"},
    {r_cr3_mbz, "cr3-mbz: an MBZ bit of guest CR3 is set (APM vol. 2 §15.5.1, §3.1.2)"},
    {r_cr4_mbz, "cr4-mbz: an MBZ bit of guest CR4 is set (APM vol. 2 §15.5.1, §3.1.3)"},
    {r_dr6_high, "dr6-high: guest DR6[63:32] are not zero (APM vol. 2 §15.5.1)"},
    {r_dr7_high, "dr7-high: guest DR7[63:32] are not zero (APM vol. 2 §15.5.1)"},
    {r_efer_mbz, "efer-mbz: an MBZ bit of guest EFER is set (APM vol. 2 §15.5.1, §3.1.7)"},
    {r_no_lm, "efer-lm-unsupported: guest EFER.LMA or EFER.LME is set and the CPU has no long mode "
	      "(APM vol. 2 §15.5.1)"},
    {r_lme_pg_no_pae,
     "lme-pg-no-pae: guest EFER.LME and CR0.PG are set and CR4.PAE is zero (APM vol. 2 "
     "§15.5.1)"},
    {r_lme_pg_no_pe,
     "lme-pg-no-pe: guest EFER.LME and CR0.PG are set and CR0.PE is zero (APM vol. 2 §15.5.1)"},
    {r_cs_l_d, "cs-l-and-d: guest EFER.LME, CR0.PG, CR4.PAE, CS.L and CS.D are all set (APM vol. 2 "
	       "§15.5.1)"},
    {r_vmrun_intercept, "vmrun-intercept: the VMRUN intercept bit is clear (APM vol. 2 §15.5.1)"},
    {r_msrpm, "msrpm-base: the MSR permission map extends to or past the maximum physical address "
	      "(APM vol. 2 §15.5.1, §15.11)"},
    {r_iopm, "iopm-base: the I/O permission map extends to or past the maximum physical address "
	     "(APM vol. 2 §15.5.1, §15.10.1)"},
    {r_asid0, "asid-zero: the guest ASID is 0, the host's (APM vol. 2 §15.5.1, §15.16)"},
    {r_inj_type,
     "eventinj-type: EVENTINJ has a reserved event type (1, 5, 6 or 7) (APM vol. 2 §15.20)"},
    {r_inj_vector,
     "eventinj-vector: EVENTINJ injects an exception with vector 2 or above 31 (APM vol. 2 "
     "§15.20)"},
    {r_inj_reserved, "eventinj-reserved: EVENTINJ bits 30:12 are not zero (APM vol. 2 §15.20)"},
};

const char *svm_check_vmcb(const struct svm_vmcb *v, const struct svm_check_env *env)
{
	for (unsigned i = 0; i < SVM_CHECK_RULES; i++)
		if (rules[i].broken(v, env))
			return rules[i].msg;
	return NULL;
}

const char *svm_check_rule_name(unsigned i)
{
	return i < SVM_CHECK_RULES ? rules[i].msg : NULL;
}
