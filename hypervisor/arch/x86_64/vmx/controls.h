/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VM-execution, VM-exit and VM-entry controls computed from the VMX
 * capability MSRs (Intel SDM vol. 3D Appendix A.3-A.5; the algorithm of
 * vol. 3C §31.5.1 "Algorithms for Determining VMX Capabilities"). Pure,
 * host-tested (tests/unit/test_vmx_controls.c). Hardware-only: QEMU TCG
 * has no VMX and nothing here runs in the boot path (docs/vmx.md).
 */
#ifndef PARAPET_HV_VMX_CONTROLS_H
#define PARAPET_HV_VMX_CONTROLS_H

#include <parapet/err.h>
#include <parapet/types.h>

#define VMX_BIT(n) (1u << (n))
#define VMX_BIT64(n) (1ull << (n))

/* ---- Capability MSRs (Appendix A; vol. 4 Table 2-2) ---- */
#define MSR_IA32_VMX_BASIC 0x480u
#define MSR_IA32_VMX_PINBASED_CTLS 0x481u
#define MSR_IA32_VMX_PROCBASED_CTLS 0x482u
#define MSR_IA32_VMX_EXIT_CTLS 0x483u
#define MSR_IA32_VMX_ENTRY_CTLS 0x484u
#define MSR_IA32_VMX_PROCBASED_CTLS2 0x48bu
#define MSR_IA32_VMX_EPT_VPID_CAP 0x48cu
#define MSR_IA32_VMX_TRUE_PINBASED_CTLS 0x48du
#define MSR_IA32_VMX_TRUE_PROCBASED_CTLS 0x48eu
#define MSR_IA32_VMX_TRUE_EXIT_CTLS 0x48fu
#define MSR_IA32_VMX_TRUE_ENTRY_CTLS 0x490u

/* IA32_VMX_BASIC bit 55 (A.1): the TRUE_ MSRs exist and report which
 * default1 controls may be 0. */
#define VMX_BASIC_TRUE_CTLS VMX_BIT64(55)

/* A control capability MSR (A.3-A.5): bits 31:0 are the allowed 0-settings
 * (a 1 there means the control must be 1), bits 63:32 the allowed
 * 1-settings (a 0 there means the control must be 0). */
#define VMX_CAP_ALLOWED0(msr) ((u32)(msr))
#define VMX_CAP_ALLOWED1(msr) ((u32)((msr) >> 32))

/* ---- Pin-based VM-execution controls (§25.6.1) ---- */
#define VMX_PIN_EXT_INTR_EXIT VMX_BIT(0)
#define VMX_PIN_NMI_EXIT VMX_BIT(3)
#define VMX_PIN_VIRTUAL_NMIS VMX_BIT(5)
#define VMX_PIN_PREEMPTION_TIMER VMX_BIT(6)
#define VMX_PIN_POSTED_INTR VMX_BIT(7)
/* The default1 class (A.3.1): bits 1, 2, 4. */
#define VMX_PIN_DEFAULT1 0x00000016u

/* ---- Primary processor-based VM-execution controls (§25.6.2) ---- */
#define VMX_PROC_INTR_WINDOW_EXIT VMX_BIT(2)
#define VMX_PROC_TSC_OFFSETTING VMX_BIT(3)
#define VMX_PROC_HLT_EXIT VMX_BIT(7)
#define VMX_PROC_INVLPG_EXIT VMX_BIT(9)
#define VMX_PROC_MWAIT_EXIT VMX_BIT(10)
#define VMX_PROC_RDPMC_EXIT VMX_BIT(11)
#define VMX_PROC_RDTSC_EXIT VMX_BIT(12)
#define VMX_PROC_CR3_LOAD_EXIT VMX_BIT(15)
#define VMX_PROC_CR3_STORE_EXIT VMX_BIT(16)
#define VMX_PROC_CR8_LOAD_EXIT VMX_BIT(19)
#define VMX_PROC_CR8_STORE_EXIT VMX_BIT(20)
#define VMX_PROC_TPR_SHADOW VMX_BIT(21)
#define VMX_PROC_NMI_WINDOW_EXIT VMX_BIT(22)
#define VMX_PROC_MOV_DR_EXIT VMX_BIT(23)
#define VMX_PROC_UNCOND_IO_EXIT VMX_BIT(24)
#define VMX_PROC_IO_BITMAPS VMX_BIT(25)
#define VMX_PROC_MONITOR_TRAP_FLAG VMX_BIT(27)
#define VMX_PROC_MSR_BITMAPS VMX_BIT(28)
#define VMX_PROC_MONITOR_EXIT VMX_BIT(29)
#define VMX_PROC_PAUSE_EXIT VMX_BIT(30)
#define VMX_PROC_SECONDARY VMX_BIT(31)
/* The default1 class (A.3.2): bits 1, 4-6, 8, 13-16, 26. */
#define VMX_PROC_DEFAULT1 0x0401e172u

/* ---- Secondary processor-based VM-execution controls (§25.6.2) ----
 * No default1 class: IA32_VMX_PROCBASED_CTLS2 (A.3.3) exists only when
 * the primary control 31 may be 1, and its bits 31:0 are all 0. */
#define VMX_PROC2_VIRT_APIC_ACCESS VMX_BIT(0)
#define VMX_PROC2_EPT VMX_BIT(1)
#define VMX_PROC2_DESC_TABLE_EXIT VMX_BIT(2)
#define VMX_PROC2_RDTSCP VMX_BIT(3)
#define VMX_PROC2_VIRT_X2APIC VMX_BIT(4)
#define VMX_PROC2_VPID VMX_BIT(5)
#define VMX_PROC2_WBINVD_EXIT VMX_BIT(6)
#define VMX_PROC2_UNRESTRICTED_GUEST VMX_BIT(7)
#define VMX_PROC2_PAUSE_LOOP_EXIT VMX_BIT(10)
#define VMX_PROC2_INVPCID VMX_BIT(12)
#define VMX_PROC2_VMFUNC VMX_BIT(13)
#define VMX_PROC2_PML VMX_BIT(17)
#define VMX_PROC2_EPT_VE VMX_BIT(18)
#define VMX_PROC2_XSAVES VMX_BIT(20)

/* ---- Primary VM-exit controls (§25.7.1) ---- */
#define VMX_EXIT_SAVE_DEBUG_CTLS VMX_BIT(2)
#define VMX_EXIT_HOST_ADDR64 VMX_BIT(9) /* host address-space size */
#define VMX_EXIT_LOAD_PERF_GLOBAL VMX_BIT(12)
#define VMX_EXIT_ACK_INTR VMX_BIT(15)
#define VMX_EXIT_SAVE_PAT VMX_BIT(18)
#define VMX_EXIT_LOAD_PAT VMX_BIT(19)
#define VMX_EXIT_SAVE_EFER VMX_BIT(20)
#define VMX_EXIT_LOAD_EFER VMX_BIT(21)
#define VMX_EXIT_SAVE_PREEMPTION_TIMER VMX_BIT(22)
/* The default1 class (A.4): bits 0-8, 10, 11, 13, 14, 16, 17. */
#define VMX_EXIT_DEFAULT1 0x00036dffu

/* ---- VM-entry controls (§25.8.1) ---- */
#define VMX_ENTRY_LOAD_DEBUG_CTLS VMX_BIT(2)
#define VMX_ENTRY_IA32E_GUEST VMX_BIT(9)
#define VMX_ENTRY_SMM VMX_BIT(10)
#define VMX_ENTRY_DEACT_DUAL_MONITOR VMX_BIT(11)
#define VMX_ENTRY_LOAD_PERF_GLOBAL VMX_BIT(13)
#define VMX_ENTRY_LOAD_PAT VMX_BIT(14)
#define VMX_ENTRY_LOAD_EFER VMX_BIT(15)
/* The default1 class (A.5): bits 0-8, 12. */
#define VMX_ENTRY_DEFAULT1 0x000011ffu

_Static_assert((VMX_PIN_DEFAULT1 & (VMX_PIN_EXT_INTR_EXIT | VMX_PIN_NMI_EXIT)) == 0,
	       "A.3.1: default1 pin-based bits are 1, 2, 4");
_Static_assert((VMX_PROC_DEFAULT1 & (VMX_PROC_HLT_EXIT | VMX_PROC_IO_BITMAPS |
				     VMX_PROC_MSR_BITMAPS | VMX_PROC_SECONDARY)) == 0,
	       "A.3.2: the controls Parapet sets are not default1");
_Static_assert((VMX_PROC_DEFAULT1 & (VMX_PROC_CR3_LOAD_EXIT | VMX_PROC_CR3_STORE_EXIT)) ==
		   (VMX_PROC_CR3_LOAD_EXIT | VMX_PROC_CR3_STORE_EXIT),
	       "A.3.2: CR3-load and CR3-store exiting are default1");
_Static_assert((VMX_EXIT_DEFAULT1 & (VMX_EXIT_HOST_ADDR64 | VMX_EXIT_LOAD_EFER)) == 0 &&
		   (VMX_EXIT_DEFAULT1 & VMX_EXIT_SAVE_DEBUG_CTLS) != 0,
	       "A.4: default1 exit bits 0-8, 10, 11, 13, 14, 16, 17");
_Static_assert((VMX_ENTRY_DEFAULT1 & (VMX_ENTRY_IA32E_GUEST | VMX_ENTRY_LOAD_EFER)) == 0 &&
		   (VMX_ENTRY_DEFAULT1 & VMX_ENTRY_LOAD_DEBUG_CTLS) != 0,
	       "A.5: default1 entry bits 0-8, 12");

/* The capability MSRs as read on one CPU (0 for an MSR that does not
 * exist: PROCBASED_CTLS2 without primary bit 63, TRUE_* without BASIC
 * bit 55). */
struct vmx_cap_msrs {
	u64 basic;
	u64 pinbased, procbased, procbased2, exit, entry;
	u64 true_pinbased, true_procbased, true_exit, true_entry;
	u64 ept_vpid_cap;
};

/* The five control words. */
enum vmx_ctl { VMX_CTL_PIN, VMX_CTL_PROC, VMX_CTL_PROC2, VMX_CTL_EXIT, VMX_CTL_ENTRY, VMX_CTLS };

/* What the caller asks of each control word:
 *   need  bits that must be 1: refused when the CPU cannot set them;
 *   want  bits set when the CPU allows, else left 0 (performance, extras);
 *   off   default1 bits to clear when the CPU allows (with the TRUE_ MSRs),
 *         else left 1; never a refusal. */
struct vmx_ctl_req {
	u32 need, want, off;
};
struct vmx_controls_req {
	struct vmx_ctl_req ctl[VMX_CTLS];
};

struct vmx_controls {
	u32 ctl[VMX_CTLS]; /* the values to VMWRITE */
	bool true_ctls;	   /* computed from the TRUE_ MSRs */
};

/* Parapet's request for a 64-bit partition on EPT (docs/vmx.md): exits on
 * external interrupts, NMIs, HLT, I/O and MSRs through bitmaps; EPT; a
 * 64-bit host; guest and host EFER and PAT switched; IA-32e guest. No
 * unrestricted guest (partitions start in long mode with paging on). */
void vmx_controls_parapet(struct vmx_controls_req *req);

/* The allowed-0/allowed-1 rule applied to req. PP_ENOTSUP with the first
 * needed bit the CPU cannot set, named ("VM-exec secondary bit 1 (enable
 * EPT) is not allowed to be 1 (IA32_VMX_PROCBASED_CTLS2 bit 33)"). */
int vmx_controls_compute(const struct vmx_cap_msrs *caps, const struct vmx_controls_req *req,
			 struct vmx_controls *out, struct pp_err *err);

/* The name of a control bit ("enable EPT"), or NULL for one not named. */
const char *vmx_ctl_bit_name(enum vmx_ctl ctl, u32 bit);

#endif
