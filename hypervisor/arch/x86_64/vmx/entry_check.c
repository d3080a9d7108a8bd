// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VM-entry checks on the guest-state area (entry_check.h). Each rule is
 * one predicate with its own message naming the SDM section (vol. 3C) and
 * what is wrong; the table follows §27.2.1.3 then §27.3.1.1-§27.3.1.5 in
 * the SDM's order and the first broken rule is reported. The host-state
 * rules are in entry_check_host.c. Pure; every input is the caller's.
 * Hardware-only, host-tested.
 */
#include "entry_rule.h"

static bool usable(const struct vmx_seg *s)
{
	return !(s->ar & VMX_AR_UNUSABLE);
}
/* Limit and granularity agree (§27.3.1.2): limit bits 11:0 not all ones
 * needs G = 0; any of limit bits 31:20 set needs G = 1. */
static bool limit_g_bad(const struct vmx_seg *s)
{
	if ((s->limit & 0xfffu) != 0xfffu && (s->ar & VMX_AR_G))
		return true;
	return (s->limit >> 20) != 0 && !(s->ar & VMX_AR_G);
}

static bool ia32e(const struct vmx_rule_ctx *x)
{
	return (x->c->entry & VMX_ENTRY_IA32E_GUEST) != 0;
}
static bool ug(const struct vmx_rule_ctx *x)
{
	return (x->c->proc & VMX_PROC_SECONDARY) && (x->c->proc2 & VMX_PROC2_UNRESTRICTED_GUEST);
}
static bool v86(const struct vmx_rule_ctx *x)
{
	return (x->g->rflags & VMX_RFLAGS_VM) != 0;
}
static bool inj(const struct vmx_rule_ctx *x)
{
	return (x->c->intr_info & VMX_INTR_INFO_VALID) != 0;
}
static u32 inj_type(const struct vmx_rule_ctx *x)
{
	return VMX_INTR_INFO_TYPE(x->c->intr_info);
}
static u32 inj_vec(const struct vmx_rule_ctx *x)
{
	return VMX_INTR_INFO_VECTOR(x->c->intr_info);
}
/* The data segments, usable or not. */
static const struct vmx_seg *data_seg(const struct vmx_guest_state *g, unsigned i)
{
	switch (i) {
	case 0: return &g->ss;
	case 1: return &g->ds;
	case 2: return &g->es;
	case 3: return &g->fs;
	default: return &g->gs;
	}
}
#define N_DATA 5u

/* ---- §27.2.1.3: the VM-entry interruption-information field ---- */

static bool r_inj_type(const struct vmx_rule_ctx *x)
{
	return inj(x) && inj_type(x) == 1;
}
static bool r_inj_nmi_vec(const struct vmx_rule_ctx *x)
{
	return inj(x) && inj_type(x) == VMX_INTR_TYPE_NMI && inj_vec(x) != 2;
}
static bool r_inj_exc_vec(const struct vmx_rule_ctx *x)
{
	return inj(x) && inj_type(x) == VMX_INTR_TYPE_HW_EXC && inj_vec(x) > 31;
}
static bool r_inj_other(const struct vmx_rule_ctx *x)
{
	/* type 7 with vector 0 is a pending MTF VM exit: Parapet uses no MTF */
	return inj(x) && inj_type(x) == VMX_INTR_TYPE_OTHER;
}
static bool r_inj_errcode(const struct vmx_rule_ctx *x)
{
	if (!inj(x))
		return false;
	const u32 v = inj_vec(x);
	const bool pe = !ug(x) || (x->g->cr0 & VMX_CR0_PE);
	const bool has = inj_type(x) == VMX_INTR_TYPE_HW_EXC && pe &&
			 (v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21);
	return has != ((x->c->intr_info & VMX_INTR_INFO_ERRCODE) != 0);
}
static bool r_inj_reserved(const struct vmx_rule_ctx *x)
{
	return inj(x) && (x->c->intr_info & 0x7ffff000u);
}
static bool r_inj_len(const struct vmx_rule_ctx *x)
{
	if (!inj(x))
		return false;
	const u32 t = inj_type(x), len = x->c->instr_len;
	if (t != VMX_INTR_TYPE_SW_INT && t != VMX_INTR_TYPE_PRIV_SW_EXC &&
	    t != VMX_INTR_TYPE_SW_EXC)
		return false;
	return len > 15 || (len == 0 && !(x->e->misc & VMX_MISC_INSTR_LEN0));
}

/* ---- §27.3.1.1: control registers, debug registers, MSRs ---- */

static u64 cr0_fixed0(const struct vmx_rule_ctx *x)
{
	/* with unrestricted guest, PE and PG may be 0 */
	return x->e->fixed.cr0_fixed0 & ~(ug(x) ? VMX_CR0_PE | VMX_CR0_PG : 0);
}
static bool r_cr0_fixed0(const struct vmx_rule_ctx *x)
{
	return (x->g->cr0 & cr0_fixed0(x)) != cr0_fixed0(x);
}
static bool r_cr0_fixed1(const struct vmx_rule_ctx *x)
{
	return (x->g->cr0 & ~x->e->fixed.cr0_fixed1) != 0;
}
static bool r_cr0_pg_pe(const struct vmx_rule_ctx *x)
{
	return (x->g->cr0 & VMX_CR0_PG) && !(x->g->cr0 & VMX_CR0_PE);
}
static bool r_cr4_fixed0(const struct vmx_rule_ctx *x)
{
	return (x->g->cr4 & x->e->fixed.cr4_fixed0) != x->e->fixed.cr4_fixed0;
}
static bool r_cr4_fixed1(const struct vmx_rule_ctx *x)
{
	return (x->g->cr4 & ~x->e->fixed.cr4_fixed1) != 0;
}
static bool r_ia32e_pg(const struct vmx_rule_ctx *x)
{
	return ia32e(x) && !(x->g->cr0 & VMX_CR0_PG);
}
static bool r_ia32e_pae(const struct vmx_rule_ctx *x)
{
	return ia32e(x) && !(x->g->cr4 & VMX_CR4_PAE);
}
static bool r_pcide(const struct vmx_rule_ctx *x)
{
	return !ia32e(x) && (x->g->cr4 & VMX_CR4_PCIDE);
}
static bool r_cr3_width(const struct vmx_rule_ctx *x)
{
	return vmx_beyond_phys(x->g->cr3, x->e->phys_bits);
}
static bool r_debugctl(const struct vmx_rule_ctx *x)
{
	/* reserved: bits 5:2 and 63:16 (vol. 4 Table 2-2, IA32_DEBUGCTL) */
	return (x->c->entry & VMX_ENTRY_LOAD_DEBUG_CTLS) &&
	       (x->g->debugctl & 0xffffffffffff003cull);
}
static bool r_dr7_high(const struct vmx_rule_ctx *x)
{
	return (x->c->entry & VMX_ENTRY_LOAD_DEBUG_CTLS) && (x->g->dr7 >> 32);
}
static bool r_sysenter(const struct vmx_rule_ctx *x)
{
	return !vmx_canonical(x->g->sysenter_esp, x->e->linear_bits) ||
	       !vmx_canonical(x->g->sysenter_eip, x->e->linear_bits);
}
static bool r_pat(const struct vmx_rule_ctx *x)
{
	return (x->c->entry & VMX_ENTRY_LOAD_PAT) && !vmx_pat_ok(x->g->pat);
}
static bool r_efer_reserved(const struct vmx_rule_ctx *x)
{
	return (x->c->entry & VMX_ENTRY_LOAD_EFER) &&
	       (x->g->efer & ~(VMX_EFER_SCE | VMX_EFER_LME | VMX_EFER_LMA | VMX_EFER_NXE));
}
static bool r_efer_lma(const struct vmx_rule_ctx *x)
{
	return (x->c->entry & VMX_ENTRY_LOAD_EFER) &&
	       ((x->g->efer & VMX_EFER_LMA) != 0) != ia32e(x);
}
static bool r_efer_lme(const struct vmx_rule_ctx *x)
{
	return (x->c->entry & VMX_ENTRY_LOAD_EFER) && (x->g->cr0 & VMX_CR0_PG) &&
	       ((x->g->efer & VMX_EFER_LME) != 0) != ia32e(x);
}

/* ---- §27.3.1.2: segment registers ---- */

static bool r_tr_ti(const struct vmx_rule_ctx *x)
{
	return x->g->tr.sel & 4;
}
static bool r_ldtr_ti(const struct vmx_rule_ctx *x)
{
	return usable(&x->g->ldtr) && (x->g->ldtr.sel & 4);
}
static bool r_ss_rpl(const struct vmx_rule_ctx *x)
{
	return !v86(x) && !ug(x) && (x->g->ss.sel & 3) != (x->g->cs.sel & 3);
}
/* virtual-8086 mode: CS, SS, DS, ES, FS, GS as the CPU loads them there */
static bool v86_each(const struct vmx_rule_ctx *x, int what)
{
	if (!v86(x))
		return false;
	for (unsigned i = 0; i <= N_DATA; i++) {
		const struct vmx_seg *s = i == N_DATA ? &x->g->cs : data_seg(x->g, i);
		if (what == 0 && s->base != (u64)s->sel << 4)
			return true;
		if (what == 1 && s->limit != 0xffff)
			return true;
		if (what == 2 && s->ar != 0xf3)
			return true;
	}
	return false;
}
static bool r_v86_base(const struct vmx_rule_ctx *x)
{
	return v86_each(x, 0);
}
static bool r_v86_limit(const struct vmx_rule_ctx *x)
{
	return v86_each(x, 1);
}
static bool r_v86_ar(const struct vmx_rule_ctx *x)
{
	return v86_each(x, 2);
}
static bool r_base_canonical(const struct vmx_rule_ctx *x)
{
	const struct vmx_guest_state *g = x->g;
	const u32 n = x->e->linear_bits;
	return !vmx_canonical(g->tr.base, n) || !vmx_canonical(g->fs.base, n) ||
	       !vmx_canonical(g->gs.base, n) ||
	       (usable(&g->ldtr) && !vmx_canonical(g->ldtr.base, n));
}
static bool r_base_high(const struct vmx_rule_ctx *x)
{
	const struct vmx_guest_state *g = x->g;
	if (g->cs.base >> 32)
		return true;
	for (unsigned i = 0; i < 3; i++) /* SS, DS, ES */
		if (usable(data_seg(g, i)) && (data_seg(g, i)->base >> 32))
			return true;
	return false;
}
static bool r_cs_type(const struct vmx_rule_ctx *x)
{
	const u32 t = VMX_AR_TYPE(x->g->cs.ar);
	return !v86(x) && !(t == 9 || t == 11 || t == 13 || t == 15 || (ug(x) && t == 3));
}
static bool r_ss_type(const struct vmx_rule_ctx *x)
{
	const u32 t = VMX_AR_TYPE(x->g->ss.ar);
	return !v86(x) && usable(&x->g->ss) && t != 3 && t != 7;
}
static bool r_data_type(const struct vmx_rule_ctx *x)
{
	if (v86(x))
		return false;
	for (unsigned i = 1; i < N_DATA; i++) { /* DS, ES, FS, GS */
		const struct vmx_seg *s = data_seg(x->g, i);
		const u32 t = VMX_AR_TYPE(s->ar);
		if (usable(s) && (!(t & 1) || ((t & 8) && !(t & 2))))
			return true;
	}
	return false;
}
static bool r_s_bit(const struct vmx_rule_ctx *x)
{
	if (v86(x))
		return false;
	if (!(x->g->cs.ar & VMX_AR_S))
		return true;
	for (unsigned i = 0; i < N_DATA; i++)
		if (usable(data_seg(x->g, i)) && !(data_seg(x->g, i)->ar & VMX_AR_S))
			return true;
	return false;
}
static bool r_cs_dpl(const struct vmx_rule_ctx *x)
{
	if (v86(x))
		return false;
	const u32 t = VMX_AR_TYPE(x->g->cs.ar), dpl = VMX_AR_DPL(x->g->cs.ar);
	const u32 ss_dpl = VMX_AR_DPL(x->g->ss.ar);
	if (t == 3)
		return dpl != 0;
	if (t == 9 || t == 11)
		return dpl != ss_dpl;
	return dpl > ss_dpl; /* conforming: 13, 15 */
}
static bool r_ss_dpl_rpl(const struct vmx_rule_ctx *x)
{
	return !v86(x) && !ug(x) && VMX_AR_DPL(x->g->ss.ar) != (x->g->ss.sel & 3u);
}
static bool r_ss_dpl_real(const struct vmx_rule_ctx *x)
{
	return !v86(x) && (VMX_AR_TYPE(x->g->cs.ar) == 3 || !(x->g->cr0 & VMX_CR0_PE)) &&
	       VMX_AR_DPL(x->g->ss.ar) != 0;
}
static bool r_data_dpl(const struct vmx_rule_ctx *x)
{
	if (v86(x) || ug(x))
		return false;
	for (unsigned i = 1; i < N_DATA; i++) {
		const struct vmx_seg *s = data_seg(x->g, i);
		if (usable(s) && VMX_AR_TYPE(s->ar) <= 11 && VMX_AR_DPL(s->ar) < (s->sel & 3u))
			return true;
	}
	return false;
}
static bool r_present(const struct vmx_rule_ctx *x)
{
	if (v86(x))
		return false;
	if (!(x->g->cs.ar & VMX_AR_P))
		return true;
	for (unsigned i = 0; i < N_DATA; i++)
		if (usable(data_seg(x->g, i)) && !(data_seg(x->g, i)->ar & VMX_AR_P))
			return true;
	return false;
}
static bool r_ar_reserved(const struct vmx_rule_ctx *x)
{
	const struct vmx_guest_state *g = x->g;
	if (g->tr.ar & VMX_AR_RESERVED)
		return true;
	if (usable(&g->ldtr) && (g->ldtr.ar & VMX_AR_RESERVED))
		return true;
	if (v86(x)) /* CS..GS are 0xf3 there (r_v86_ar) */
		return false;
	if (g->cs.ar & VMX_AR_RESERVED)
		return true;
	for (unsigned i = 0; i < N_DATA; i++)
		if (usable(data_seg(g, i)) && (data_seg(g, i)->ar & VMX_AR_RESERVED))
			return true;
	return false;
}
static bool r_cs_l_d(const struct vmx_rule_ctx *x)
{
	return ia32e(x) && (x->g->cs.ar & VMX_AR_L) && (x->g->cs.ar & VMX_AR_DB);
}
static bool r_limit_g(const struct vmx_rule_ctx *x)
{
	const struct vmx_guest_state *g = x->g;
	if (limit_g_bad(&g->tr) || (usable(&g->ldtr) && limit_g_bad(&g->ldtr)))
		return true;
	if (v86(x))
		return false;
	if (limit_g_bad(&g->cs))
		return true;
	for (unsigned i = 0; i < N_DATA; i++)
		if (usable(data_seg(g, i)) && limit_g_bad(data_seg(g, i)))
			return true;
	return false;
}
static bool r_tr_type(const struct vmx_rule_ctx *x)
{
	const u32 t = VMX_AR_TYPE(x->g->tr.ar);
	return ia32e(x) ? t != 11 : (t != 3 && t != 11);
}
static bool r_tr_s_p(const struct vmx_rule_ctx *x)
{
	return (x->g->tr.ar & VMX_AR_S) || !(x->g->tr.ar & VMX_AR_P);
}
static bool r_tr_unusable(const struct vmx_rule_ctx *x)
{
	return !usable(&x->g->tr);
}
static bool r_ldtr(const struct vmx_rule_ctx *x)
{
	const u32 ar = x->g->ldtr.ar;
	return usable(&x->g->ldtr) && (VMX_AR_TYPE(ar) != 2 || (ar & VMX_AR_S) || !(ar & VMX_AR_P));
}

/* ---- §27.3.1.3: GDTR and IDTR ---- */

static bool r_dt_canonical(const struct vmx_rule_ctx *x)
{
	return !vmx_canonical(x->g->gdtr_base, x->e->linear_bits) ||
	       !vmx_canonical(x->g->idtr_base, x->e->linear_bits);
}
static bool r_dt_limit(const struct vmx_rule_ctx *x)
{
	return (x->g->gdtr_limit >> 16) || (x->g->idtr_limit >> 16);
}

/* ---- §27.3.1.4: RIP and RFLAGS ---- */

static bool long64(const struct vmx_rule_ctx *x)
{
	return ia32e(x) && (x->g->cs.ar & VMX_AR_L);
}
static bool r_rip_high(const struct vmx_rule_ctx *x)
{
	return !long64(x) && (x->g->rip >> 32);
}
static bool r_rip_canonical(const struct vmx_rule_ctx *x)
{
	return long64(x) && !vmx_canonical(x->g->rip, x->e->linear_bits);
}
static bool r_rflags_reserved(const struct vmx_rule_ctx *x)
{
	return (x->g->rflags & VMX_RFLAGS_RESERVED) || !(x->g->rflags & VMX_RFLAGS_FIXED1);
}
static bool r_rflags_vm(const struct vmx_rule_ctx *x)
{
	return v86(x) && (ia32e(x) || !(x->g->cr0 & VMX_CR0_PE));
}
static bool r_rflags_if(const struct vmx_rule_ctx *x)
{
	return inj(x) && inj_type(x) == VMX_INTR_TYPE_EXT && !(x->g->rflags & VMX_RFLAGS_IF);
}

/* ---- §27.3.1.5: non-register state ---- */

static bool r_activity(const struct vmx_rule_ctx *x)
{
	const u32 a = x->g->activity;
	const u64 m = x->e->misc;
	if (a == VMX_ACT_ACTIVE)
		return false;
	if (a == VMX_ACT_HLT)
		return !(m & VMX_MISC_ACT_HLT);
	if (a == VMX_ACT_SHUTDOWN)
		return !(m & VMX_MISC_ACT_SHUTDOWN);
	if (a == VMX_ACT_SIPI)
		return !(m & VMX_MISC_ACT_SIPI);
	return true;
}
static bool r_act_hlt_dpl(const struct vmx_rule_ctx *x)
{
	return x->g->activity == VMX_ACT_HLT && VMX_AR_DPL(x->g->ss.ar) != 0;
}
static bool r_act_blocking(const struct vmx_rule_ctx *x)
{
	return x->g->activity != VMX_ACT_ACTIVE &&
	       (x->g->interruptibility & (VMX_INTR_STI | VMX_INTR_MOV_SS));
}
static bool r_act_inject(const struct vmx_rule_ctx *x)
{
	if (!inj(x))
		return false;
	const u32 t = inj_type(x), v = inj_vec(x);
	switch (x->g->activity) {
	case VMX_ACT_HLT:
		return !(t == VMX_INTR_TYPE_EXT || t == VMX_INTR_TYPE_NMI ||
			 (t == VMX_INTR_TYPE_HW_EXC && (v == 1 || v == 18)));
	case VMX_ACT_SHUTDOWN:
		return !(t == VMX_INTR_TYPE_NMI || (t == VMX_INTR_TYPE_HW_EXC && v == 18));
	case VMX_ACT_SIPI: return true;
	default: return false;
	}
}
static bool r_intr_reserved(const struct vmx_rule_ctx *x)
{
	return x->g->interruptibility & ~0x1fu;
}
static bool r_intr_sti_movss(const struct vmx_rule_ctx *x)
{
	const u32 i = x->g->interruptibility;
	return (i & VMX_INTR_STI) && (i & VMX_INTR_MOV_SS);
}
static bool r_intr_sti_if(const struct vmx_rule_ctx *x)
{
	return (x->g->interruptibility & VMX_INTR_STI) && !(x->g->rflags & VMX_RFLAGS_IF);
}
static bool r_intr_inject_ext(const struct vmx_rule_ctx *x)
{
	return inj(x) && inj_type(x) == VMX_INTR_TYPE_EXT &&
	       (x->g->interruptibility & (VMX_INTR_STI | VMX_INTR_MOV_SS));
}
static bool r_intr_inject_nmi(const struct vmx_rule_ctx *x)
{
	return inj(x) && inj_type(x) == VMX_INTR_TYPE_NMI &&
	       (x->g->interruptibility & VMX_INTR_MOV_SS);
}
static bool r_intr_smi(const struct vmx_rule_ctx *x)
{
	return (x->g->interruptibility & VMX_INTR_SMI) && !(x->c->entry & VMX_ENTRY_SMM);
}
static bool r_intr_vnmi(const struct vmx_rule_ctx *x)
{
	return (x->c->pin & VMX_PIN_VIRTUAL_NMIS) && inj(x) && inj_type(x) == VMX_INTR_TYPE_NMI &&
	       (x->g->interruptibility & VMX_INTR_NMI);
}
static bool r_pdbg_reserved(const struct vmx_rule_ctx *x)
{
	/* bits 11:4, 13, 15 and 63:17 */
	return x->g->pending_dbg & 0xfffffffffffeaff0ull;
}
static bool r_pdbg_bs(const struct vmx_rule_ctx *x)
{
	const struct vmx_guest_state *g = x->g;
	if (!(g->interruptibility & (VMX_INTR_STI | VMX_INTR_MOV_SS)) && g->activity != VMX_ACT_HLT)
		return false;
	const bool bs = (g->pending_dbg >> 14) & 1;
	const bool single_step = (g->rflags & VMX_RFLAGS_TF) && !(g->debugctl & 2); /* BTF */
	return bs != single_step;
}
static bool r_vmcs_link(const struct vmx_rule_ctx *x)
{
	const u64 l = x->g->vmcs_link;
	return l != ~0ull && ((l & 0xfff) || vmx_beyond_phys(l, x->e->phys_bits));
}

#define S "SDM 27.2.1.3: "
#define C "SDM 27.3.1.1: "
#define G "SDM 27.3.1.2: "
#define D "SDM 27.3.1.3: "
#define R "SDM 27.3.1.4: "
#define N "SDM 27.3.1.5: "

static const struct vmx_rule guest_rules[] = {
    {r_inj_type, S "VM-entry interruption type 1 is reserved"},
    {r_inj_nmi_vec, S "an injected NMI has a vector other than 2"},
    {r_inj_exc_vec, S "an injected hardware exception has a vector above 31"},
    {r_inj_other, S "interruption type 7 (pending MTF VM exit) without monitor trap flag"},
    {r_inj_errcode, S "deliver-error-code differs from the exception's (vectors 8, 10-14, 17, "
		      "21, in protected mode)"},
    {r_inj_reserved, S "VM-entry interruption-information bits 30:12 are not zero"},
    {r_inj_len, S "a software interrupt or exception has an instruction length outside 1..15"},
    {r_cr0_fixed0, C "guest CR0 clears a bit IA32_VMX_CR0_FIXED0 fixes to 1 (PE and PG "
		     "exempt with unrestricted guest)"},
    {r_cr0_fixed1, C "guest CR0 sets a bit IA32_VMX_CR0_FIXED1 fixes to 0"},
    {r_cr0_pg_pe, C "guest CR0.PG is set and CR0.PE is clear"},
    {r_cr4_fixed0, C "guest CR4 clears a bit IA32_VMX_CR4_FIXED0 fixes to 1"},
    {r_cr4_fixed1, C "guest CR4 sets a bit IA32_VMX_CR4_FIXED1 fixes to 0"},
    {r_ia32e_pg, C "IA-32e mode guest with guest CR0.PG clear"},
    {r_ia32e_pae, C "IA-32e mode guest with guest CR4.PAE clear"},
    {r_pcide, C "guest CR4.PCIDE set without IA-32e mode guest"},
    {r_cr3_width, C "guest CR3 sets bits beyond the physical-address width"},
    {r_debugctl, C "guest IA32_DEBUGCTL sets reserved bits (5:2, 63:16) with load debug "
		   "controls"},
    {r_dr7_high, C "guest DR7 bits 63:32 are not zero with load debug controls"},
    {r_sysenter, C "guest IA32_SYSENTER_ESP or IA32_SYSENTER_EIP is not canonical"},
    {r_pat, C "guest IA32_PAT has a memory type other than 0, 1, 4-7 with load IA32_PAT"},
    {r_efer_reserved, C "guest IA32_EFER sets reserved bits with load IA32_EFER"},
    {r_efer_lma, C "guest IA32_EFER.LMA differs from IA-32e mode guest"},
    {r_efer_lme, C "guest IA32_EFER.LME differs from IA-32e mode guest with CR0.PG set"},
    {r_tr_ti, G "TR selector has TI (bit 2) set"},
    {r_ldtr_ti, G "usable LDTR selector has TI (bit 2) set"},
    {r_ss_rpl, G "SS.RPL differs from CS.RPL"},
    {r_v86_base, G "virtual-8086: a segment base is not its selector times 16"},
    {r_v86_limit, G "virtual-8086: a segment limit is not 0xffff"},
    {r_v86_ar, G "virtual-8086: a segment's access rights are not 0xf3"},
    {r_base_canonical, G "TR, FS, GS or usable LDTR base is not canonical"},
    {r_base_high, G "CS, or usable SS, DS or ES, base bits 63:32 are not zero"},
    {r_cs_type, G "CS type is not 9, 11, 13 or 15 (or 3 with unrestricted guest)"},
    {r_ss_type, G "usable SS type is not 3 or 7"},
    {r_data_type, G "usable DS, ES, FS or GS is not accessed, or is unreadable code"},
    {r_s_bit, G "CS, or usable SS, DS, ES, FS or GS, is a system segment (S clear)"},
    {r_cs_dpl, G "CS.DPL does not fit its type and SS.DPL"},
    {r_ss_dpl_rpl, G "SS.DPL differs from SS.RPL"},
    {r_ss_dpl_real, G "SS.DPL is not 0 with CS type 3 or CR0.PE clear"},
    {r_data_dpl, G "usable DS, ES, FS or GS (not conforming code) has DPL below RPL"},
    {r_present, G "CS, or usable SS, DS, ES, FS or GS, is not present"},
    {r_ar_reserved, G "a segment's access rights set reserved bits (11:8, 31:17)"},
    {r_cs_l_d, G "CS.L and CS.D both set in IA-32e mode"},
    {r_limit_g, G "a segment's limit and granularity (G) disagree"},
    {r_tr_type, G "TR type is not 11 (busy 64-bit TSS) in IA-32e mode, or 3 or 11 outside"},
    {r_tr_s_p, G "TR is not a present system segment"},
    {r_tr_unusable, G "TR is marked unusable"},
    {r_ldtr, G "usable LDTR is not a present LDT (type 2, S clear)"},
    {r_dt_canonical, D "GDTR or IDTR base is not canonical"},
    {r_dt_limit, D "GDTR or IDTR limit bits 31:16 are not zero"},
    {r_rip_high, R "RIP bits 63:32 are not zero outside 64-bit mode"},
    {r_rip_canonical, R "RIP is not canonical in 64-bit mode"},
    {r_rflags_reserved, R "RFLAGS sets reserved bits (63:22, 15, 5, 3) or clears bit 1"},
    {r_rflags_vm, R "RFLAGS.VM set in IA-32e mode or with CR0.PE clear"},
    {r_rflags_if, R "an external interrupt is injected with RFLAGS.IF clear"},
    {r_activity, N "activity state is not one IA32_VMX_MISC (bits 8:6) supports"},
    {r_act_hlt_dpl, N "activity state HLT with SS.DPL not 0"},
    {r_act_blocking, N "activity state not active with blocking by STI or MOV SS"},
    {r_act_inject, N "an event injected that the activity state does not allow"},
    {r_intr_reserved, N "interruptibility state bits 31:5 are not zero"},
    {r_intr_sti_movss, N "interruptibility state blocks by STI and by MOV SS"},
    {r_intr_sti_if, N "interruptibility state blocks by STI with RFLAGS.IF clear"},
    {r_intr_inject_ext, N "an external interrupt is injected with blocking by STI or MOV SS"},
    {r_intr_inject_nmi, N "an NMI is injected with blocking by MOV SS"},
    {r_intr_smi, N "interruptibility state blocks SMIs outside SMM"},
    {r_intr_vnmi, N "an NMI is injected with virtual NMIs and blocking by NMI"},
    {r_pdbg_reserved, N "pending debug exceptions set reserved bits (11:4, 13, 15, 63:17)"},
    {r_pdbg_bs, N "pending debug BS differs from RFLAGS.TF and not DEBUGCTL.BTF while "
		  "blocked or halted"},
    {r_vmcs_link, N "VMCS link pointer is not ~0 and not 4 KiB aligned within the "
		    "physical-address width"},
};

#define N_GUEST (sizeof(guest_rules) / sizeof(guest_rules[0]))

const char *vmx_check_guest(const struct vmx_guest_state *g, const struct vmx_entry_ctls *c,
			    const struct vmx_check_env *env)
{
	const struct vmx_rule_ctx x = {g, NULL, c, env};
	for (unsigned i = 0; i < N_GUEST; i++)
		if (guest_rules[i].broken(&x))
			return guest_rules[i].msg;
	return NULL;
}

const char *vmx_check_guest_rule(unsigned i)
{
	return i < N_GUEST ? guest_rules[i].msg : NULL;
}
