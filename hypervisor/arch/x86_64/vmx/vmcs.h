/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMCS field encodings: the 32-bit values VMREAD and VMWRITE take (Intel
 * SDM vol. 3C, Appendix B "Field Encoding in VMCS"; the encoding's bit
 * layout is §25.11.2 "VMREAD, VMWRITE, and Encodings of VMCS Fields",
 * Table 25-21). Only the fields a 64-bit guest on EPT needs.
 *
 * Every field's name says its type and width:
 *   VMCS_<TYPE><WIDTH>_<field>, TYPE one of CTRL (control), EXIT (VM-exit
 *   information, read-only data), GUEST (guest state), HOST (host state);
 *   WIDTH 16, 32, 64 or N (natural width).
 * tests/unit/test_vmx_vmcs.c decodes every VMCS_<TYPE><WIDTH>_ define in
 * this file and checks both against its name.
 *
 * Hardware-only: QEMU TCG has no VMX; nothing here runs in the boot path
 * (docs/vmx.md). Host-testable: no inline assembly.
 */
#ifndef PARAPET_HV_VMX_VMCS_H
#define PARAPET_HV_VMX_VMCS_H

#include <parapet/types.h>

/* ---- The encoding (§25.11.2, Table 25-21) ---- */
#define VMCS_ENC_HIGH 0x1u	/* bit 0: access type, 1 = high 32 bits of a 64-bit field */
#define VMCS_ENC_INDEX_SHIFT 1u /* bits 9:1: index */
#define VMCS_ENC_INDEX_MASK 0x3feu
#define VMCS_ENC_TYPE_SHIFT 10u /* bits 11:10: type */
#define VMCS_ENC_TYPE_MASK 0xc00u
#define VMCS_ENC_WIDTH_SHIFT 13u /* bits 14:13: width */
#define VMCS_ENC_WIDTH_MASK 0x6000u
#define VMCS_ENC_RESERVED 0xffff9000u /* bit 12 and bits 31:15 are reserved (0) */

_Static_assert((VMCS_ENC_HIGH | VMCS_ENC_INDEX_MASK | VMCS_ENC_TYPE_MASK | VMCS_ENC_WIDTH_MASK |
		VMCS_ENC_RESERVED) == 0xffffffffu,
	       "§25.11.2: the encoding's fields cover all 32 bits");
_Static_assert((VMCS_ENC_INDEX_MASK & VMCS_ENC_TYPE_MASK) == 0 &&
		   (VMCS_ENC_TYPE_MASK & VMCS_ENC_WIDTH_MASK) == 0 &&
		   (VMCS_ENC_WIDTH_MASK & VMCS_ENC_RESERVED) == 0,
	       "§25.11.2: the encoding's fields do not overlap");

/* Types (bits 11:10). */
#define VMCS_TYPE_CTRL 0u  /* control */
#define VMCS_TYPE_EXIT 1u  /* VM-exit information (read-only data) */
#define VMCS_TYPE_GUEST 2u /* guest state */
#define VMCS_TYPE_HOST 3u  /* host state */
/* Widths (bits 14:13). */
#define VMCS_WIDTH_16 0u
#define VMCS_WIDTH_64 1u
#define VMCS_WIDTH_32 2u
#define VMCS_WIDTH_N 3u /* natural width: 64 bits on a CPU with Intel 64 */

/* An encoding taken apart. */
struct vmcs_enc {
	u32 width;  /* VMCS_WIDTH_* */
	u32 type;   /* VMCS_TYPE_* */
	u32 index;  /* bits 9:1 */
	bool high;  /* access type high (bit 0) */
	bool valid; /* reserved bits 0, and high access only on a 64-bit field */
};

/* Pure; vmcs.c. */
struct vmcs_enc vmcs_decode(u32 encoding);
/* "16-bit", "32-bit", "64-bit", "natural-width"; "control", "VM-exit
 * information", "guest-state", "host-state". */
const char *vmcs_width_name(u32 width);
const char *vmcs_type_name(u32 type);

/* ---- 16-bit fields (Appendix B.1) ---- */
/* B.1.1 16-bit control fields */
#define VMCS_CTRL16_VPID 0x00000000u
#define VMCS_CTRL16_POSTED_INTR_NV 0x00000002u
#define VMCS_CTRL16_EPTP_INDEX 0x00000004u
/* B.1.2 16-bit guest-state fields */
#define VMCS_GUEST16_ES_SEL 0x00000800u
#define VMCS_GUEST16_CS_SEL 0x00000802u
#define VMCS_GUEST16_SS_SEL 0x00000804u
#define VMCS_GUEST16_DS_SEL 0x00000806u
#define VMCS_GUEST16_FS_SEL 0x00000808u
#define VMCS_GUEST16_GS_SEL 0x0000080au
#define VMCS_GUEST16_LDTR_SEL 0x0000080cu
#define VMCS_GUEST16_TR_SEL 0x0000080eu
#define VMCS_GUEST16_INTR_STATUS 0x00000810u
#define VMCS_GUEST16_PML_INDEX 0x00000812u
/* B.1.3 16-bit host-state fields */
#define VMCS_HOST16_ES_SEL 0x00000c00u
#define VMCS_HOST16_CS_SEL 0x00000c02u
#define VMCS_HOST16_SS_SEL 0x00000c04u
#define VMCS_HOST16_DS_SEL 0x00000c06u
#define VMCS_HOST16_FS_SEL 0x00000c08u
#define VMCS_HOST16_GS_SEL 0x00000c0au
#define VMCS_HOST16_TR_SEL 0x00000c0cu

/* ---- 64-bit fields (Appendix B.2; encoding + 1 is the high half) ---- */
/* B.2.1 64-bit control fields */
#define VMCS_CTRL64_IO_BITMAP_A 0x00002000u
#define VMCS_CTRL64_IO_BITMAP_B 0x00002002u
#define VMCS_CTRL64_MSR_BITMAP 0x00002004u
#define VMCS_CTRL64_EXIT_MSR_STORE_ADDR 0x00002006u
#define VMCS_CTRL64_EXIT_MSR_LOAD_ADDR 0x00002008u
#define VMCS_CTRL64_ENTRY_MSR_LOAD_ADDR 0x0000200au
#define VMCS_CTRL64_EXECUTIVE_VMCS_PTR 0x0000200cu
#define VMCS_CTRL64_PML_ADDR 0x0000200eu
#define VMCS_CTRL64_TSC_OFFSET 0x00002010u
#define VMCS_CTRL64_VIRTUAL_APIC_ADDR 0x00002012u
#define VMCS_CTRL64_APIC_ACCESS_ADDR 0x00002014u
#define VMCS_CTRL64_POSTED_INTR_DESC 0x00002016u
#define VMCS_CTRL64_VMFUNC_CTLS 0x00002018u
#define VMCS_CTRL64_EPTP 0x0000201au
#define VMCS_CTRL64_EPTP_LIST_ADDR 0x00002024u
#define VMCS_CTRL64_XSS_EXIT_BITMAP 0x0000202cu
/* B.2.2 64-bit read-only data field */
#define VMCS_EXIT64_GUEST_PHYS_ADDR 0x00002400u
/* B.2.3 64-bit guest-state fields */
#define VMCS_GUEST64_VMCS_LINK_PTR 0x00002800u
#define VMCS_GUEST64_DEBUGCTL 0x00002802u
#define VMCS_GUEST64_PAT 0x00002804u
#define VMCS_GUEST64_EFER 0x00002806u
#define VMCS_GUEST64_PERF_GLOBAL_CTRL 0x00002808u
#define VMCS_GUEST64_PDPTE0 0x0000280au
#define VMCS_GUEST64_PDPTE1 0x0000280cu
#define VMCS_GUEST64_PDPTE2 0x0000280eu
#define VMCS_GUEST64_PDPTE3 0x00002810u
/* B.2.4 64-bit host-state fields */
#define VMCS_HOST64_PAT 0x00002c00u
#define VMCS_HOST64_EFER 0x00002c02u
#define VMCS_HOST64_PERF_GLOBAL_CTRL 0x00002c04u

/* ---- 32-bit fields (Appendix B.3) ---- */
/* B.3.1 32-bit control fields */
#define VMCS_CTRL32_PIN_BASED 0x00004000u
#define VMCS_CTRL32_PROC_BASED 0x00004002u
#define VMCS_CTRL32_EXCEPTION_BITMAP 0x00004004u
#define VMCS_CTRL32_PF_ERRCODE_MASK 0x00004006u
#define VMCS_CTRL32_PF_ERRCODE_MATCH 0x00004008u
#define VMCS_CTRL32_CR3_TARGET_COUNT 0x0000400au
#define VMCS_CTRL32_EXIT_CTLS 0x0000400cu
#define VMCS_CTRL32_EXIT_MSR_STORE_COUNT 0x0000400eu
#define VMCS_CTRL32_EXIT_MSR_LOAD_COUNT 0x00004010u
#define VMCS_CTRL32_ENTRY_CTLS 0x00004012u
#define VMCS_CTRL32_ENTRY_MSR_LOAD_COUNT 0x00004014u
#define VMCS_CTRL32_ENTRY_INTR_INFO 0x00004016u
#define VMCS_CTRL32_ENTRY_EXCEPTION_ERRCODE 0x00004018u
#define VMCS_CTRL32_ENTRY_INSTR_LEN 0x0000401au
#define VMCS_CTRL32_TPR_THRESHOLD 0x0000401cu
#define VMCS_CTRL32_PROC_BASED2 0x0000401eu
#define VMCS_CTRL32_PLE_GAP 0x00004020u
#define VMCS_CTRL32_PLE_WINDOW 0x00004022u
/* B.3.2 32-bit read-only data fields */
#define VMCS_EXIT32_INSTR_ERROR 0x00004400u
#define VMCS_EXIT32_REASON 0x00004402u
#define VMCS_EXIT32_INTR_INFO 0x00004404u
#define VMCS_EXIT32_INTR_ERRCODE 0x00004406u
#define VMCS_EXIT32_IDT_VECTORING_INFO 0x00004408u
#define VMCS_EXIT32_IDT_VECTORING_ERRCODE 0x0000440au
#define VMCS_EXIT32_INSTR_LEN 0x0000440cu
#define VMCS_EXIT32_INSTR_INFO 0x0000440eu
/* B.3.3 32-bit guest-state fields */
#define VMCS_GUEST32_ES_LIMIT 0x00004800u
#define VMCS_GUEST32_CS_LIMIT 0x00004802u
#define VMCS_GUEST32_SS_LIMIT 0x00004804u
#define VMCS_GUEST32_DS_LIMIT 0x00004806u
#define VMCS_GUEST32_FS_LIMIT 0x00004808u
#define VMCS_GUEST32_GS_LIMIT 0x0000480au
#define VMCS_GUEST32_LDTR_LIMIT 0x0000480cu
#define VMCS_GUEST32_TR_LIMIT 0x0000480eu
#define VMCS_GUEST32_GDTR_LIMIT 0x00004810u
#define VMCS_GUEST32_IDTR_LIMIT 0x00004812u
#define VMCS_GUEST32_ES_AR 0x00004814u
#define VMCS_GUEST32_CS_AR 0x00004816u
#define VMCS_GUEST32_SS_AR 0x00004818u
#define VMCS_GUEST32_DS_AR 0x0000481au
#define VMCS_GUEST32_FS_AR 0x0000481cu
#define VMCS_GUEST32_GS_AR 0x0000481eu
#define VMCS_GUEST32_LDTR_AR 0x00004820u
#define VMCS_GUEST32_TR_AR 0x00004822u
#define VMCS_GUEST32_INTERRUPTIBILITY 0x00004824u
#define VMCS_GUEST32_ACTIVITY_STATE 0x00004826u
#define VMCS_GUEST32_SMBASE 0x00004828u
#define VMCS_GUEST32_SYSENTER_CS 0x0000482au
#define VMCS_GUEST32_PREEMPTION_TIMER 0x0000482eu
/* B.3.4 32-bit host-state field */
#define VMCS_HOST32_SYSENTER_CS 0x00004c00u

/* ---- Natural-width fields (Appendix B.4) ---- */
/* B.4.1 natural-width control fields */
#define VMCS_CTRLN_CR0_MASK 0x00006000u
#define VMCS_CTRLN_CR4_MASK 0x00006002u
#define VMCS_CTRLN_CR0_READ_SHADOW 0x00006004u
#define VMCS_CTRLN_CR4_READ_SHADOW 0x00006006u
#define VMCS_CTRLN_CR3_TARGET0 0x00006008u
/* B.4.2 natural-width read-only data fields */
#define VMCS_EXITN_QUALIFICATION 0x00006400u
#define VMCS_EXITN_IO_RCX 0x00006402u
#define VMCS_EXITN_IO_RSI 0x00006404u
#define VMCS_EXITN_IO_RDI 0x00006406u
#define VMCS_EXITN_IO_RIP 0x00006408u
#define VMCS_EXITN_GUEST_LINEAR_ADDR 0x0000640au
/* B.4.3 natural-width guest-state fields */
#define VMCS_GUESTN_CR0 0x00006800u
#define VMCS_GUESTN_CR3 0x00006802u
#define VMCS_GUESTN_CR4 0x00006804u
#define VMCS_GUESTN_ES_BASE 0x00006806u
#define VMCS_GUESTN_CS_BASE 0x00006808u
#define VMCS_GUESTN_SS_BASE 0x0000680au
#define VMCS_GUESTN_DS_BASE 0x0000680cu
#define VMCS_GUESTN_FS_BASE 0x0000680eu
#define VMCS_GUESTN_GS_BASE 0x00006810u
#define VMCS_GUESTN_LDTR_BASE 0x00006812u
#define VMCS_GUESTN_TR_BASE 0x00006814u
#define VMCS_GUESTN_GDTR_BASE 0x00006816u
#define VMCS_GUESTN_IDTR_BASE 0x00006818u
#define VMCS_GUESTN_DR7 0x0000681au
#define VMCS_GUESTN_RSP 0x0000681cu
#define VMCS_GUESTN_RIP 0x0000681eu
#define VMCS_GUESTN_RFLAGS 0x00006820u
#define VMCS_GUESTN_PENDING_DBG_EXCEPTIONS 0x00006822u
#define VMCS_GUESTN_SYSENTER_ESP 0x00006824u
#define VMCS_GUESTN_SYSENTER_EIP 0x00006826u
/* B.4.4 natural-width host-state fields */
#define VMCS_HOSTN_CR0 0x00006c00u
#define VMCS_HOSTN_CR3 0x00006c02u
#define VMCS_HOSTN_CR4 0x00006c04u
#define VMCS_HOSTN_FS_BASE 0x00006c06u
#define VMCS_HOSTN_GS_BASE 0x00006c08u
#define VMCS_HOSTN_TR_BASE 0x00006c0au
#define VMCS_HOSTN_GDTR_BASE 0x00006c0cu
#define VMCS_HOSTN_IDTR_BASE 0x00006c0eu
#define VMCS_HOSTN_SYSENTER_ESP 0x00006c10u
#define VMCS_HOSTN_SYSENTER_EIP 0x00006c12u
#define VMCS_HOSTN_RSP 0x00006c14u
#define VMCS_HOSTN_RIP 0x00006c16u

#endif
