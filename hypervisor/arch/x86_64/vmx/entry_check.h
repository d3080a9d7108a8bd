/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VM-entry checks (Intel SDM vol. 3C chapter 27 "VM Entries"): the
 * guest-state checks of §27.3.1 for 64-bit long-mode partitions and
 * real-mode guests (unrestricted guest or virtual-8086), the event
 * injection checks of §27.2.1.3, and the host-state checks of §27.2.2-
 * §27.2.4 that need no memory access. A VMLAUNCH that breaks one fails
 * with "VM entry with invalid control field(s)/host-state field(s)"
 * (VM-instruction error 7 or 8) or exits with reason 33 (invalid guest
 * state): this checker names the rule instead, like svm/check.c does for
 * VMRUN. Pure, host-tested (tests/unit/test_vmx_entry_check.c).
 *
 * The state is a plain struct mirroring the VMCS fields of vmcs.h (the
 * field each member is written to is named beside it); every value is the
 * caller's and untrusted. Checks not made here: anything reading memory
 * (the VMCS link pointer's revision, MSR-load areas, EPTP and bitmap
 * addresses are §27.2.1 control checks), CET, PKRS, SMM and dual-monitor
 * rules, enclave interruption, the PDPTE checks of PAE paging (§27.3.1.6).
 *
 * Hardware-only: QEMU TCG has no VMX; never run on hardware (docs/vmx.md).
 */
#ifndef PARAPET_HV_VMX_ENTRY_CHECK_H
#define PARAPET_HV_VMX_ENTRY_CHECK_H

#include <parapet/types.h>
#include "vmxon.h"

/* Segment access rights as the VMCS holds them (§25.4.1, Table 25-2). */
#define VMX_AR_TYPE(ar) ((ar)&0xfu)
#define VMX_AR_S (1u << 4)
#define VMX_AR_DPL(ar) (((ar) >> 5) & 3u)
#define VMX_AR_P (1u << 7)
#define VMX_AR_L (1u << 13)
#define VMX_AR_DB (1u << 14)
#define VMX_AR_G (1u << 15)
#define VMX_AR_UNUSABLE (1u << 16)
#define VMX_AR_RESERVED 0xfffe0f00u /* bits 11:8 and 31:17 */

/* One guest segment: VMCS_GUEST16_<s>_SEL, VMCS_GUESTN_<s>_BASE,
 * VMCS_GUEST32_<s>_LIMIT, VMCS_GUEST32_<s>_AR. */
struct vmx_seg {
	u16 sel;
	u64 base;
	u32 limit;
	u32 ar;
};

/* The guest-state area (§25.4), the fields the checks read. */
struct vmx_guest_state {
	u64 cr0, cr3, cr4, dr7;		/* VMCS_GUESTN_CR0 .. DR7 */
	u64 debugctl, pat, efer;	/* VMCS_GUEST64_DEBUGCTL, PAT, EFER */
	u64 sysenter_esp, sysenter_eip; /* VMCS_GUESTN_SYSENTER_* */
	struct vmx_seg es, cs, ss, ds, fs, gs, ldtr, tr;
	u64 gdtr_base, idtr_base;	/* VMCS_GUESTN_GDTR_BASE, IDTR_BASE */
	u32 gdtr_limit, idtr_limit;	/* VMCS_GUEST32_GDTR_LIMIT, IDTR_LIMIT */
	u64 rsp, rip, rflags;		/* VMCS_GUESTN_RSP, RIP, RFLAGS */
	u32 activity, interruptibility; /* VMCS_GUEST32_ACTIVITY_STATE, INTERRUPTIBILITY */
	u64 pending_dbg;		/* VMCS_GUESTN_PENDING_DBG_EXCEPTIONS */
	u64 vmcs_link;			/* VMCS_GUEST64_VMCS_LINK_PTR */
};

/* The host-state area (§25.5). */
struct vmx_host_state {
	u64 cr0, cr3, cr4;					    /* VMCS_HOSTN_CR0 .. CR4 */
	u64 pat, efer;						    /* VMCS_HOST64_PAT, EFER */
	u64 sysenter_esp, sysenter_eip;				    /* VMCS_HOSTN_SYSENTER_* */
	u16 es_sel, cs_sel, ss_sel, ds_sel, fs_sel, gs_sel, tr_sel; /* VMCS_HOST16_* */
	u64 fs_base, gs_base, tr_base, gdtr_base, idtr_base;	    /* VMCS_HOSTN_* */
	u64 rsp, rip;						    /* VMCS_HOSTN_RSP, RIP */
};

/* The controls the checks depend on (controls.h values; VMCS_CTRL32_*). */
struct vmx_entry_ctls {
	u32 pin, proc, proc2, exit, entry;
	u32 intr_info;	  /* VMCS_CTRL32_ENTRY_INTR_INFO */
	u32 intr_errcode; /* VMCS_CTRL32_ENTRY_EXCEPTION_ERRCODE */
	u32 instr_len;	  /* VMCS_CTRL32_ENTRY_INSTR_LEN */
};

/* What else the rules depend on, captured from the CPU. */
struct vmx_check_env {
	struct vmx_cr_fixed fixed;
	u64 misc;	 /* IA32_VMX_MISC (0x485; A.6) */
	u32 phys_bits;	 /* CPUID.80000008H:EAX[7:0] */
	u32 linear_bits; /* 48, or 57 with LA57 */
	bool host_ia32e; /* the CPU is in IA-32e mode at VMLAUNCH (Parapet: always) */
};

#define MSR_IA32_VMX_MISC 0x485u
#define VMX_MISC_ACT_HLT (1ull << 6)
#define VMX_MISC_ACT_SHUTDOWN (1ull << 7)
#define VMX_MISC_ACT_SIPI (1ull << 8)
#define VMX_MISC_INSTR_LEN0 (1ull << 30) /* software events with length 0 */

/* Architectural bits the rules name (vol. 3A §2.5, §2.2.1, §3.4.3). */
#define VMX_CR0_PE (1ull << 0)
#define VMX_CR0_NE (1ull << 5)
#define VMX_CR0_PG (1ull << 31)
#define VMX_CR4_PAE (1ull << 5)
#define VMX_CR4_PCIDE (1ull << 17)
#define VMX_EFER_SCE (1ull << 0)
#define VMX_EFER_LME (1ull << 8)
#define VMX_EFER_LMA (1ull << 10)
#define VMX_EFER_NXE (1ull << 11)
#define VMX_RFLAGS_TF (1ull << 8)
#define VMX_RFLAGS_IF (1ull << 9)
#define VMX_RFLAGS_VM (1ull << 17)
#define VMX_RFLAGS_FIXED1 (1ull << 1)
/* RFLAGS bits 63:22, 15, 5, 3 are reserved (§27.3.1.4). */
#define VMX_RFLAGS_RESERVED 0xffffffffffc08028ull

/* Interruptibility state (§25.4.2, Table 25-3). */
#define VMX_INTR_STI (1u << 0)
#define VMX_INTR_MOV_SS (1u << 1)
#define VMX_INTR_SMI (1u << 2)
#define VMX_INTR_NMI (1u << 3)
/* Activity state (§25.4.2). */
#define VMX_ACT_ACTIVE 0u
#define VMX_ACT_HLT 1u
#define VMX_ACT_SHUTDOWN 2u
#define VMX_ACT_SIPI 3u

/* VM-entry interruption-information field (§25.8.3, Table 25-17). */
#define VMX_INTR_INFO_VALID (1u << 31)
#define VMX_INTR_INFO_ERRCODE (1u << 11)
#define VMX_INTR_INFO_TYPE(i) (((i) >> 8) & 7u)
#define VMX_INTR_INFO_VECTOR(i) ((i)&0xffu)
#define VMX_INTR_TYPE_EXT 0u
#define VMX_INTR_TYPE_NMI 2u
#define VMX_INTR_TYPE_HW_EXC 3u
#define VMX_INTR_TYPE_SW_INT 4u
#define VMX_INTR_TYPE_PRIV_SW_EXC 5u
#define VMX_INTR_TYPE_SW_EXC 6u
#define VMX_INTR_TYPE_OTHER 7u

/* The guest checks in order: the interruption-information field
 * (§27.2.1.3), then §27.3.1.1-§27.3.1.5. NULL when every rule passes;
 * otherwise the first broken rule's message, "SDM 27.x.y.z: <what>". */
const char *vmx_check_guest(const struct vmx_guest_state *g, const struct vmx_entry_ctls *c,
			    const struct vmx_check_env *env);
/* The host checks of §27.2.2-§27.2.4, same form. */
const char *vmx_check_host(const struct vmx_host_state *h, const struct vmx_entry_ctls *c,
			   const struct vmx_check_env *env);

/* The rule tables, for tests that every rule is reached: the message of
 * rule i, NULL past the end. */
const char *vmx_check_guest_rule(unsigned i);
const char *vmx_check_host_rule(unsigned i);

#endif
