// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMX controls from the capability MSRs (controls.h). For each control
 * word, SDM vol. 3C §31.5.1: a control the CPU reports as allowed-0 clear
 * (bits 31:0 set) is 1; one whose allowed-1 bit (63:32) is clear is 0; of
 * the rest, needed and wanted controls are 1 and default1 controls keep
 * their default 1 unless the caller asked them off. Hardware-only.
 */
#include "controls.h"

/* The MSR each word comes from, its default1 class and its appendix. */
struct ctl_desc {
	const char *word;     /* "pin-based" */
	const char *msr;      /* legacy MSR name */
	const char *true_msr; /* NULL: none (PROCBASED_CTLS2) */
	const char *sdm;      /* "A.3.1" */
	u32 default1;
};

static const struct ctl_desc desc[VMX_CTLS] = {
    [VMX_CTL_PIN] = {"pin-based", "IA32_VMX_PINBASED_CTLS", "IA32_VMX_TRUE_PINBASED_CTLS", "A.3.1",
		     VMX_PIN_DEFAULT1},
    [VMX_CTL_PROC] = {"primary processor-based", "IA32_VMX_PROCBASED_CTLS",
		      "IA32_VMX_TRUE_PROCBASED_CTLS", "A.3.2", VMX_PROC_DEFAULT1},
    [VMX_CTL_PROC2] = {"secondary processor-based", "IA32_VMX_PROCBASED_CTLS2", NULL, "A.3.3", 0},
    [VMX_CTL_EXIT] = {"VM-exit", "IA32_VMX_EXIT_CTLS", "IA32_VMX_TRUE_EXIT_CTLS", "A.4",
		      VMX_EXIT_DEFAULT1},
    [VMX_CTL_ENTRY] = {"VM-entry", "IA32_VMX_ENTRY_CTLS", "IA32_VMX_TRUE_ENTRY_CTLS", "A.5",
		       VMX_ENTRY_DEFAULT1},
};

/* Names of the bits Parapet uses or may meet (§25.6.1, §25.6.2, §25.7.1,
 * §25.8.1). */
static const char *const names[VMX_CTLS][32] = {
    [VMX_CTL_PIN] =
	{
	    [0] = "external-interrupt exiting",
	    [3] = "NMI exiting",
	    [5] = "virtual NMIs",
	    [6] = "activate VMX-preemption timer",
	    [7] = "process posted interrupts",
	},
    [VMX_CTL_PROC] =
	{
	    [2] = "interrupt-window exiting",
	    [3] = "use TSC offsetting",
	    [7] = "HLT exiting",
	    [9] = "INVLPG exiting",
	    [10] = "MWAIT exiting",
	    [11] = "RDPMC exiting",
	    [12] = "RDTSC exiting",
	    [15] = "CR3-load exiting",
	    [16] = "CR3-store exiting",
	    [19] = "CR8-load exiting",
	    [20] = "CR8-store exiting",
	    [21] = "use TPR shadow",
	    [22] = "NMI-window exiting",
	    [23] = "MOV-DR exiting",
	    [24] = "unconditional I/O exiting",
	    [25] = "use I/O bitmaps",
	    [27] = "monitor trap flag",
	    [28] = "use MSR bitmaps",
	    [29] = "MONITOR exiting",
	    [30] = "PAUSE exiting",
	    [31] = "activate secondary controls",
	},
    [VMX_CTL_PROC2] =
	{
	    [0] = "virtualize APIC accesses",
	    [1] = "enable EPT",
	    [2] = "descriptor-table exiting",
	    [3] = "enable RDTSCP",
	    [4] = "virtualize x2APIC mode",
	    [5] = "enable VPID",
	    [6] = "WBINVD exiting",
	    [7] = "unrestricted guest",
	    [10] = "PAUSE-loop exiting",
	    [12] = "enable INVPCID",
	    [13] = "enable VM functions",
	    [17] = "enable PML",
	    [18] = "EPT-violation #VE",
	    [20] = "enable XSAVES/XRSTORS",
	},
    [VMX_CTL_EXIT] =
	{
	    [2] = "save debug controls",
	    [9] = "host address-space size",
	    [12] = "load IA32_PERF_GLOBAL_CTRL",
	    [15] = "acknowledge interrupt on exit",
	    [18] = "save IA32_PAT",
	    [19] = "load IA32_PAT",
	    [20] = "save IA32_EFER",
	    [21] = "load IA32_EFER",
	    [22] = "save VMX-preemption timer value",
	},
    [VMX_CTL_ENTRY] =
	{
	    [2] = "load debug controls",
	    [9] = "IA-32e mode guest",
	    [10] = "entry to SMM",
	    [11] = "deactivate dual-monitor treatment",
	    [13] = "load IA32_PERF_GLOBAL_CTRL",
	    [14] = "load IA32_PAT",
	    [15] = "load IA32_EFER",
	},
};

const char *vmx_ctl_bit_name(enum vmx_ctl ctl, u32 bit)
{
	return (unsigned)ctl < VMX_CTLS && bit < 32 ? names[ctl][bit] : NULL;
}

void vmx_controls_parapet(struct vmx_controls_req *req)
{
	*req = (struct vmx_controls_req){0};
	req->ctl[VMX_CTL_PIN].need = VMX_PIN_EXT_INTR_EXIT | VMX_PIN_NMI_EXIT;
	req->ctl[VMX_CTL_PROC].need =
	    VMX_PROC_HLT_EXIT | VMX_PROC_IO_BITMAPS | VMX_PROC_MSR_BITMAPS | VMX_PROC_SECONDARY;
	/* EPT makes CR3 exits pointless (§29.3.3.1); CR3-target count stays 0. */
	req->ctl[VMX_CTL_PROC].off = VMX_PROC_CR3_LOAD_EXIT | VMX_PROC_CR3_STORE_EXIT;
	req->ctl[VMX_CTL_PROC2].need = VMX_PROC2_EPT;
	req->ctl[VMX_CTL_PROC2].want =
	    VMX_PROC2_VPID | VMX_PROC2_RDTSCP | VMX_PROC2_INVPCID | VMX_PROC2_XSAVES;
	req->ctl[VMX_CTL_EXIT].need = VMX_EXIT_HOST_ADDR64 | VMX_EXIT_SAVE_EFER |
				      VMX_EXIT_LOAD_EFER | VMX_EXIT_SAVE_PAT | VMX_EXIT_LOAD_PAT;
	req->ctl[VMX_CTL_EXIT].want = VMX_EXIT_ACK_INTR;
	req->ctl[VMX_CTL_ENTRY].need =
	    VMX_ENTRY_IA32E_GUEST | VMX_ENTRY_LOAD_EFER | VMX_ENTRY_LOAD_PAT;
}

static u64 cap_of(const struct vmx_cap_msrs *c, enum vmx_ctl ctl, bool true_ctls)
{
	switch (ctl) {
	case VMX_CTL_PIN: return true_ctls ? c->true_pinbased : c->pinbased;
	case VMX_CTL_PROC: return true_ctls ? c->true_procbased : c->procbased;
	case VMX_CTL_PROC2:
		/* A.3.3: the MSR exists only if primary control 31 may be 1. */
		return (VMX_CAP_ALLOWED1(c->procbased) & VMX_PROC_SECONDARY) ? c->procbased2 : 0;
	case VMX_CTL_EXIT: return true_ctls ? c->true_exit : c->exit;
	case VMX_CTL_ENTRY: return true_ctls ? c->true_entry : c->entry;
	default: return 0;
	}
}

static const char *msr_name(enum vmx_ctl ctl, bool true_ctls)
{
	return true_ctls && desc[ctl].true_msr ? desc[ctl].true_msr : desc[ctl].msr;
}

static int one_word(const struct vmx_cap_msrs *caps, enum vmx_ctl ctl, bool true_ctls,
		    const struct vmx_ctl_req *r, u32 *out, struct pp_err *err)
{
	const u64 cap = cap_of(caps, ctl, true_ctls);
	const u32 must1 = VMX_CAP_ALLOWED0(cap), may1 = VMX_CAP_ALLOWED1(cap);
	const u32 missing = r->need & ~may1;
	if (missing) {
		const u32 bit = (u32)__builtin_ctz(missing);
		const char *name = vmx_ctl_bit_name(ctl, bit);
		return pp_fail(err, PP_ENOTSUP,
			       "vmx: %s control %u (%s) cannot be 1: %s bit %u is 0 (SDM %s)",
			       desc[ctl].word, bit, name ? name : "unnamed",
			       msr_name(ctl, true_ctls), 32 + bit, desc[ctl].sdm);
	}
	if (must1 & ~may1)
		return pp_fail(err, PP_EINVAL,
			       "vmx: %s reports control %u both must-be-1 and must-be-0 (SDM %s)",
			       msr_name(ctl, true_ctls), (u32)__builtin_ctz(must1 & ~may1),
			       desc[ctl].sdm);
	*out = must1 | r->need | ((r->want | (desc[ctl].default1 & ~r->off)) & may1);
	return PP_OK;
}

int vmx_controls_compute(const struct vmx_cap_msrs *caps, const struct vmx_controls_req *req,
			 struct vmx_controls *out, struct pp_err *err)
{
	struct vmx_controls_req r = *req;
	struct vmx_controls v = {0};
	v.true_ctls = (caps->basic & VMX_BASIC_TRUE_CTLS) != 0;
	/* Secondary controls in use need primary control 31 (§25.6.2). */
	if (r.ctl[VMX_CTL_PROC2].need)
		r.ctl[VMX_CTL_PROC].need |= VMX_PROC_SECONDARY;
	else if (r.ctl[VMX_CTL_PROC2].want)
		r.ctl[VMX_CTL_PROC].want |= VMX_PROC_SECONDARY;
	/* In enum order, the primary word before the secondary: a CPU without
	 * secondary controls is named by "activate secondary controls". */
	for (unsigned c = 0; c < VMX_CTLS; c++) {
		int rc = one_word(caps, (enum vmx_ctl)c, v.true_ctls, &r.ctl[c], &v.ctl[c], err);
		if (rc)
			return rc;
	}
	if (!(v.ctl[VMX_CTL_PROC] & VMX_PROC_SECONDARY))
		v.ctl[VMX_CTL_PROC2] = 0; /* §25.6.2: ignored, written as 0 */
	*out = v;
	return PP_OK;
}
