// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VM-entry checks on the host-state area (entry_check.h): SDM vol. 3C
 * §27.2.2 (control registers and MSRs), §27.2.3 (segment and
 * descriptor-table registers), §27.2.4 (address-space size), each rule with
 * its own message, the first broken one reported. Pure; every input is the
 * caller's. Hardware-only, host-tested.
 */
#include "entry_rule.h"

static bool addr64(const struct vmx_rule_ctx *x)
{
	return (x->c->exit & VMX_EXIT_HOST_ADDR64) != 0;
}
static bool h_cr0_fixed0(const struct vmx_rule_ctx *x)
{
	return (x->h->cr0 & x->e->fixed.cr0_fixed0) != x->e->fixed.cr0_fixed0;
}
static bool h_cr0_fixed1(const struct vmx_rule_ctx *x)
{
	return (x->h->cr0 & ~x->e->fixed.cr0_fixed1) != 0;
}
static bool h_cr4_fixed0(const struct vmx_rule_ctx *x)
{
	return (x->h->cr4 & x->e->fixed.cr4_fixed0) != x->e->fixed.cr4_fixed0;
}
static bool h_cr4_fixed1(const struct vmx_rule_ctx *x)
{
	return (x->h->cr4 & ~x->e->fixed.cr4_fixed1) != 0;
}
static bool h_cr3_width(const struct vmx_rule_ctx *x)
{
	return vmx_beyond_phys(x->h->cr3, x->e->phys_bits);
}
static bool h_sysenter(const struct vmx_rule_ctx *x)
{
	return !vmx_canonical(x->h->sysenter_esp, x->e->linear_bits) ||
	       !vmx_canonical(x->h->sysenter_eip, x->e->linear_bits);
}
static bool h_pat(const struct vmx_rule_ctx *x)
{
	return (x->c->exit & VMX_EXIT_LOAD_PAT) && !vmx_pat_ok(x->h->pat);
}
static bool h_efer_reserved(const struct vmx_rule_ctx *x)
{
	return (x->c->exit & VMX_EXIT_LOAD_EFER) &&
	       (x->h->efer & ~(VMX_EFER_SCE | VMX_EFER_LME | VMX_EFER_LMA | VMX_EFER_NXE));
}
static bool h_efer_lm(const struct vmx_rule_ctx *x)
{
	const u64 lm = x->h->efer & (VMX_EFER_LME | VMX_EFER_LMA);
	return (x->c->exit & VMX_EXIT_LOAD_EFER) &&
	       lm != (addr64(x) ? VMX_EFER_LME | VMX_EFER_LMA : 0);
}
static bool h_sel_rpl_ti(const struct vmx_rule_ctx *x)
{
	const struct vmx_host_state *h = x->h;
	return ((h->es_sel | h->cs_sel | h->ss_sel | h->ds_sel | h->fs_sel | h->gs_sel |
		 h->tr_sel) &
		7u) != 0;
}
static bool h_cs_zero(const struct vmx_rule_ctx *x)
{
	return x->h->cs_sel == 0;
}
static bool h_tr_zero(const struct vmx_rule_ctx *x)
{
	return x->h->tr_sel == 0;
}
static bool h_ss_zero(const struct vmx_rule_ctx *x)
{
	return !addr64(x) && x->h->ss_sel == 0;
}
static bool h_base_canonical(const struct vmx_rule_ctx *x)
{
	const struct vmx_host_state *h = x->h;
	const u32 n = x->e->linear_bits;
	return !vmx_canonical(h->fs_base, n) || !vmx_canonical(h->gs_base, n) ||
	       !vmx_canonical(h->gdtr_base, n) || !vmx_canonical(h->idtr_base, n) ||
	       !vmx_canonical(h->tr_base, n);
}
static bool h_addr64(const struct vmx_rule_ctx *x)
{
	return addr64(x) != x->e->host_ia32e;
}
static bool h_ia32e_guest(const struct vmx_rule_ctx *x)
{
	return !x->e->host_ia32e && (x->c->entry & VMX_ENTRY_IA32E_GUEST);
}
static bool h_pae(const struct vmx_rule_ctx *x)
{
	return addr64(x) && !(x->h->cr4 & VMX_CR4_PAE);
}
static bool h_pcide(const struct vmx_rule_ctx *x)
{
	return !addr64(x) && (x->h->cr4 & VMX_CR4_PCIDE);
}
static bool h_rip(const struct vmx_rule_ctx *x)
{
	return addr64(x) ? !vmx_canonical(x->h->rip, x->e->linear_bits) : (x->h->rip >> 32) != 0;
}

static const struct vmx_rule host_rules[] = {
    {h_cr0_fixed0, "SDM 27.2.2: host CR0 clears a bit IA32_VMX_CR0_FIXED0 fixes to 1"},
    {h_cr0_fixed1, "SDM 27.2.2: host CR0 sets a bit IA32_VMX_CR0_FIXED1 fixes to 0"},
    {h_cr4_fixed0, "SDM 27.2.2: host CR4 clears a bit IA32_VMX_CR4_FIXED0 fixes to 1"},
    {h_cr4_fixed1, "SDM 27.2.2: host CR4 sets a bit IA32_VMX_CR4_FIXED1 fixes to 0"},
    {h_cr3_width, "SDM 27.2.2: host CR3 sets bits beyond the physical-address width"},
    {h_sysenter, "SDM 27.2.2: host IA32_SYSENTER_ESP or IA32_SYSENTER_EIP is not canonical"},
    {h_pat, "SDM 27.2.2: host IA32_PAT has a memory type other than 0, 1, 4-7 with load "
	    "IA32_PAT"},
    {h_efer_reserved, "SDM 27.2.2: host IA32_EFER sets reserved bits with load IA32_EFER"},
    {h_efer_lm, "SDM 27.2.2: host IA32_EFER.LMA or LME differs from host address-space size"},
    {h_sel_rpl_ti, "SDM 27.2.3: a host selector has RPL or TI set"},
    {h_cs_zero, "SDM 27.2.3: host CS selector is 0"},
    {h_tr_zero, "SDM 27.2.3: host TR selector is 0"},
    {h_ss_zero, "SDM 27.2.3: host SS selector is 0 without host address-space size"},
    {h_base_canonical, "SDM 27.2.3: host FS, GS, GDTR, IDTR or TR base is not canonical"},
    {h_addr64, "SDM 27.2.4: host address-space size differs from the CPU's IA-32e mode"},
    {h_ia32e_guest, "SDM 27.2.4: IA-32e mode guest outside IA-32e mode"},
    {h_pae, "SDM 27.2.4: host CR4.PAE clear with host address-space size"},
    {h_pcide, "SDM 27.2.4: host CR4.PCIDE set without host address-space size"},
    {h_rip, "SDM 27.2.4: host RIP is not canonical (64-bit host) or above 4 GiB"},
};

#define N_HOST (sizeof(host_rules) / sizeof(host_rules[0]))

const char *vmx_check_host(const struct vmx_host_state *h, const struct vmx_entry_ctls *c,
			   const struct vmx_check_env *env)
{
	const struct vmx_rule_ctx x = {NULL, h, c, env};
	for (unsigned i = 0; i < N_HOST; i++)
		if (host_rules[i].broken(&x))
			return host_rules[i].msg;
	return NULL;
}

const char *vmx_check_host_rule(unsigned i)
{
	return i < N_HOST ? host_rules[i].msg : NULL;
}
