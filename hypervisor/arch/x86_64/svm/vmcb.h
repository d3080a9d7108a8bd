/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AMD-V virtual machine control block (VMCB): one 4 KiB page, a control
 * area at offset 0 and a state save area at offset 0x400.
 *
 * Layout: AMD APM vol. 2 Appendix B, "Layout of VMCB": Table B-1 (control
 * area) and Table B-2 (state save area; offsets below are from the start of
 * the save area, i.e. VMCB offset 0x400 + x). Every field this code uses has
 * its offset asserted; reserved ranges are byte arrays. Exit codes: Appendix
 * C, "SVM Intercept Exit Codes". EVENTINJ: APM vol. 2 §15.20 "Event
 * Injection". TLB control: §15.16.1 "TLB Flush".
 * Host-testable: no inline assembly in this header.
 */
#ifndef PARAPET_HV_SVM_VMCB_H
#define PARAPET_HV_SVM_VMCB_H

#include <parapet/types.h>

#define SVM_BIT(n) (1u << (n))
#define SVM_BIT64(n) (1ull << (n))

/* ---- Control area (Table B-1) ---- */

/* Offset 0x00C: the first vector of instruction intercepts. */
#define SVM_INTERCEPT1_INTR SVM_BIT(0)
#define SVM_INTERCEPT1_NMI SVM_BIT(1)
#define SVM_INTERCEPT1_SMI SVM_BIT(2)
#define SVM_INTERCEPT1_INIT SVM_BIT(3)
#define SVM_INTERCEPT1_VINTR SVM_BIT(4)
#define SVM_INTERCEPT1_RDTSC SVM_BIT(14)
#define SVM_INTERCEPT1_RDPMC SVM_BIT(15)
#define SVM_INTERCEPT1_CPUID SVM_BIT(18)
#define SVM_INTERCEPT1_RSM SVM_BIT(19)
#define SVM_INTERCEPT1_INVD SVM_BIT(22)
#define SVM_INTERCEPT1_PAUSE SVM_BIT(23)
#define SVM_INTERCEPT1_HLT SVM_BIT(24)
#define SVM_INTERCEPT1_INVLPGA SVM_BIT(26)
#define SVM_INTERCEPT1_IOIO_PROT SVM_BIT(27)
#define SVM_INTERCEPT1_MSR_PROT SVM_BIT(28)
#define SVM_INTERCEPT1_TASK_SWITCH SVM_BIT(29)
#define SVM_INTERCEPT1_SHUTDOWN SVM_BIT(31)

/* Offset 0x010: the second vector of instruction intercepts. */
#define SVM_INTERCEPT2_VMRUN SVM_BIT(0)
#define SVM_INTERCEPT2_VMMCALL SVM_BIT(1)
#define SVM_INTERCEPT2_VMLOAD SVM_BIT(2)
#define SVM_INTERCEPT2_VMSAVE SVM_BIT(3)
#define SVM_INTERCEPT2_STGI SVM_BIT(4)
#define SVM_INTERCEPT2_CLGI SVM_BIT(5)
#define SVM_INTERCEPT2_SKINIT SVM_BIT(6)
#define SVM_INTERCEPT2_RDTSCP SVM_BIT(7)
#define SVM_INTERCEPT2_ICEBP SVM_BIT(8)
#define SVM_INTERCEPT2_WBINVD SVM_BIT(9)
#define SVM_INTERCEPT2_MONITOR SVM_BIT(10)
#define SVM_INTERCEPT2_MWAIT SVM_BIT(11)
#define SVM_INTERCEPT2_MWAIT_COND SVM_BIT(12)
#define SVM_INTERCEPT2_XSETBV SVM_BIT(13)

/* Offset 0x058 bits 39:32: TLB_CONTROL (§15.16.1). */
#define SVM_TLB_CONTROL_NOTHING 0x00u
#define SVM_TLB_CONTROL_FLUSH_ALL 0x01u	    /* every ASID (the whole TLB) */
#define SVM_TLB_CONTROL_FLUSH_ASID 0x03u    /* this guest's ASID */
#define SVM_TLB_CONTROL_FLUSH_ASID_NG 0x07u /* this ASID's non-global entries */

/* Offset 0x060: virtual interrupt control (APM vol. 2 Table B-1, §15.21.4):
 * V_TPR 7:0, V_IRQ 8 (a virtual interrupt is pending; the CPU clears it
 * when the guest takes it), V_INTR_PRIO 19:16, V_IGN_TPR 20,
 * V_INTR_MASKING 24 (the guest's RFLAGS.IF masks only virtual interrupts;
 * physical ones obey the host's IF as it was at VMRUN), V_INTR_VECTOR 39:32. */
#define SVM_VINTR_V_IRQ SVM_BIT64(8)
#define SVM_VINTR_PRIO_SHIFT 16
#define SVM_VINTR_PRIO_MASK (0xfull << SVM_VINTR_PRIO_SHIFT)
#define SVM_VINTR_IGN_TPR SVM_BIT64(20)
#define SVM_VINTR_MASKING SVM_BIT64(24)
#define SVM_VINTR_VECTOR_SHIFT 32
#define SVM_VINTR_VECTOR_MASK (0xffull << SVM_VINTR_VECTOR_SHIFT)

/* Offset 0x068: interrupt shadow. */
#define SVM_INT_SHADOW SVM_BIT64(0)

/* Offset 0x090: nested paging and related enables. */
#define SVM_NP_ENABLE SVM_BIT64(0)

/* Offset 0x0A8: EVENTINJ (§15.20); the same format as EXITINTINFO (0x088). */
#define SVM_EVENTINJ_VECTOR_MASK 0xffull
#define SVM_EVENTINJ_TYPE_SHIFT 8
#define SVM_EVENTINJ_TYPE_MASK (7ull << SVM_EVENTINJ_TYPE_SHIFT)
#define SVM_EVENTINJ_TYPE_INTR (0ull << SVM_EVENTINJ_TYPE_SHIFT)
#define SVM_EVENTINJ_TYPE_NMI (2ull << SVM_EVENTINJ_TYPE_SHIFT)
#define SVM_EVENTINJ_TYPE_EXCEPTION (3ull << SVM_EVENTINJ_TYPE_SHIFT)
#define SVM_EVENTINJ_TYPE_SOFT_INT (4ull << SVM_EVENTINJ_TYPE_SHIFT)
#define SVM_EVENTINJ_EV SVM_BIT64(11) /* error code valid */
#define SVM_EVENTINJ_V SVM_BIT64(31)  /* valid: inject */
#define SVM_EVENTINJ_ERRORCODE_SHIFT 32

/* The I/O and MSR permission maps (§15.10.1, §15.11): 12 KiB and 8 KiB. */
#define SVM_IOPM_SIZE (3 * 4096ull)
#define SVM_MSRPM_SIZE (2 * 4096ull)

/* ---- Exit codes (Appendix C) ---- */
#define SVM_EXIT_READ_CR0 0x000ull
#define SVM_EXIT_WRITE_CR0 0x010ull
#define SVM_EXIT_EXCP_BASE 0x040ull /* + vector, 0x040-0x05f */
#define SVM_EXIT_INTR 0x060ull
#define SVM_EXIT_NMI 0x061ull
#define SVM_EXIT_SMI 0x062ull
#define SVM_EXIT_INIT 0x063ull
#define SVM_EXIT_VINTR 0x064ull
#define SVM_EXIT_RDTSC 0x06eull
#define SVM_EXIT_CPUID 0x072ull
#define SVM_EXIT_INVD 0x076ull
#define SVM_EXIT_PAUSE 0x077ull
#define SVM_EXIT_HLT 0x078ull
#define SVM_EXIT_IOIO 0x07bull
#define SVM_EXIT_MSR 0x07cull
#define SVM_EXIT_SHUTDOWN 0x07full
#define SVM_EXIT_VMRUN 0x080ull
#define SVM_EXIT_VMMCALL 0x081ull
#define SVM_EXIT_VMLOAD 0x082ull
#define SVM_EXIT_VMSAVE 0x083ull
#define SVM_EXIT_WBINVD 0x089ull
#define SVM_EXIT_MONITOR 0x08aull
#define SVM_EXIT_MWAIT 0x08bull
#define SVM_EXIT_MWAIT_COND 0x08cull
#define SVM_EXIT_XSETBV 0x08dull
#define SVM_EXIT_NPF 0x400ull
#define SVM_EXIT_INVALID 0xffffffffffffffffull /* VMEXIT_INVALID (-1) */
#define SVM_EXIT_INVALID_LOW32 0xffffffffull   /* QEMU: compare the low 32 bits */

/* ---- State save area (Table B-2) ---- */

/* A segment register: selector, attributes, limit, base (16 bytes). The
 * attributes pack descriptor bits 47:40 into 7:0 and 55:52 into 11:8. */
struct svm_seg {
	u16 selector;
	u16 attrib;
	u32 limit;
	u64 base;
};
_Static_assert(sizeof(struct svm_seg) == 16, "APM Table B-2: segment fields are 16 bytes");

#define SVM_SEG_TYPE_MASK 0x000fu
#define SVM_SEG_S SVM_BIT(4) /* code/data (not system) */
#define SVM_SEG_DPL_SHIFT 5
#define SVM_SEG_P SVM_BIT(7)
#define SVM_SEG_AVL SVM_BIT(8)
#define SVM_SEG_L SVM_BIT(9) /* 64-bit code segment */
#define SVM_SEG_DB SVM_BIT(10)
#define SVM_SEG_G SVM_BIT(11)
#define SVM_SEG_TYPE_CODE_RX_ACCESSED 0xbu
#define SVM_SEG_TYPE_DATA_RW_ACCESSED 0x3u
#define SVM_SEG_TYPE_LDT 0x2u
#define SVM_SEG_TYPE_TSS64_BUSY 0xbu

struct svm_vmcb_control {
	u32 intercept_cr;	  /* 0x000: 15:0 reads, 31:16 writes */
	u32 intercept_dr;	  /* 0x004: 15:0 reads, 31:16 writes */
	u32 intercept_exceptions; /* 0x008: one bit per vector */
	u32 intercept1;		  /* 0x00c: SVM_INTERCEPT1_* */
	u32 intercept2;		  /* 0x010: SVM_INTERCEPT2_* */
	u32 intercept3;		  /* 0x014: INVLPGB and newer */
	u8 reserved_018[0x03c - 0x018];
	u16 pause_filter_threshold; /* 0x03c */
	u16 pause_filter_count;	    /* 0x03e */
	u64 iopm_base_pa;	    /* 0x040 */
	u64 msrpm_base_pa;	    /* 0x048 */
	u64 tsc_offset;		    /* 0x050 */
	u32 guest_asid;		    /* 0x058 */
	u8 tlb_control;		    /* 0x05c: SVM_TLB_CONTROL_* */
	u8 reserved_05d[3];
	u64 vintr;	      /* 0x060: V_TPR, V_IRQ, V_INTR_MASKING, ... */
	u64 interrupt_shadow; /* 0x068: SVM_INT_SHADOW */
	u64 exitcode;	      /* 0x070 */
	u64 exitinfo1;	      /* 0x078 */
	u64 exitinfo2;	      /* 0x080 */
	u64 exitintinfo;      /* 0x088 */
	u64 np_enable;	      /* 0x090: SVM_NP_ENABLE */
	u64 avic_apic_bar;    /* 0x098 */
	u64 ghcb_pa;	      /* 0x0a0 */
	u64 eventinj;	      /* 0x0a8: SVM_EVENTINJ_* */
	u64 n_cr3;	      /* 0x0b0: nested page table root */
	u64 virt_ext;	      /* 0x0b8: LBR virtualization, VMSAVE/VMLOAD virtualization */
	u32 clean_bits;	      /* 0x0c0 */
	u32 reserved_0c4;
	u64 next_rip;	   /* 0x0c8: nRIP (only with NRIPS) */
	u8 insn_len;	   /* 0x0d0: bytes fetched (decode assists) */
	u8 insn_bytes[15]; /* 0x0d1 */
	u8 reserved_0e0[0x400 - 0x0e0];
};

struct svm_vmcb_save {
	struct svm_seg es;   /* 0x000 */
	struct svm_seg cs;   /* 0x010 */
	struct svm_seg ss;   /* 0x020 */
	struct svm_seg ds;   /* 0x030 */
	struct svm_seg fs;   /* 0x040 */
	struct svm_seg gs;   /* 0x050 */
	struct svm_seg gdtr; /* 0x060: base and limit only */
	struct svm_seg ldtr; /* 0x070 */
	struct svm_seg idtr; /* 0x080: base and limit only */
	struct svm_seg tr;   /* 0x090 */
	u8 reserved_0a0[0x0cb - 0x0a0];
	u8 cpl; /* 0x0cb */
	u32 reserved_0cc;
	u64 efer; /* 0x0d0 */
	u8 reserved_0d8[0x148 - 0x0d8];
	u64 cr4;    /* 0x148 */
	u64 cr3;    /* 0x150 */
	u64 cr0;    /* 0x158 */
	u64 dr7;    /* 0x160 */
	u64 dr6;    /* 0x168 */
	u64 rflags; /* 0x170 */
	u64 rip;    /* 0x178 */
	u8 reserved_180[0x1d8 - 0x180];
	u64 rsp; /* 0x1d8 */
	u8 reserved_1e0[0x1f8 - 0x1e0];
	u64 rax;	    /* 0x1f8 */
	u64 star;	    /* 0x200 */
	u64 lstar;	    /* 0x208 */
	u64 cstar;	    /* 0x210 */
	u64 sfmask;	    /* 0x218 */
	u64 kernel_gs_base; /* 0x220 */
	u64 sysenter_cs;    /* 0x228 */
	u64 sysenter_esp;   /* 0x230 */
	u64 sysenter_eip;   /* 0x238 */
	u64 cr2;	    /* 0x240 */
	u8 reserved_248[0x268 - 0x248];
	u64 g_pat;  /* 0x268: guest PAT (nested paging) */
	u64 dbgctl; /* 0x270 */
	u8 reserved_278[0xc00 - 0x278];
};

struct svm_vmcb {
	struct svm_vmcb_control control; /* 0x000 */
	struct svm_vmcb_save save;	 /* 0x400 */
} __attribute__((aligned(4096)));

#define SVM_OFF_C(f) __builtin_offsetof(struct svm_vmcb_control, f)
#define SVM_OFF_S(f) __builtin_offsetof(struct svm_vmcb_save, f)
/* Table B-1 */
_Static_assert(SVM_OFF_C(intercept_cr) == 0x000, "B-1 intercept CR");
_Static_assert(SVM_OFF_C(intercept_dr) == 0x004, "B-1 intercept DR");
_Static_assert(SVM_OFF_C(intercept_exceptions) == 0x008, "B-1 intercept exceptions");
_Static_assert(SVM_OFF_C(intercept1) == 0x00c, "B-1 intercept vector 1");
_Static_assert(SVM_OFF_C(intercept2) == 0x010, "B-1 intercept vector 2");
_Static_assert(SVM_OFF_C(intercept3) == 0x014, "B-1 intercept vector 3");
_Static_assert(SVM_OFF_C(pause_filter_threshold) == 0x03c, "B-1 PAUSE filter threshold");
_Static_assert(SVM_OFF_C(pause_filter_count) == 0x03e, "B-1 PAUSE filter count");
_Static_assert(SVM_OFF_C(iopm_base_pa) == 0x040, "B-1 IOPM_BASE_PA");
_Static_assert(SVM_OFF_C(msrpm_base_pa) == 0x048, "B-1 MSRPM_BASE_PA");
_Static_assert(SVM_OFF_C(tsc_offset) == 0x050, "B-1 TSC_OFFSET");
_Static_assert(SVM_OFF_C(guest_asid) == 0x058, "B-1 guest ASID");
_Static_assert(SVM_OFF_C(tlb_control) == 0x05c, "B-1 TLB_CONTROL (bits 39:32 of 0x058)");
_Static_assert(SVM_OFF_C(vintr) == 0x060, "B-1 V_TPR/V_IRQ/...");
_Static_assert(SVM_OFF_C(interrupt_shadow) == 0x068, "B-1 INTERRUPT_SHADOW");
_Static_assert(SVM_OFF_C(exitcode) == 0x070, "B-1 EXITCODE");
_Static_assert(SVM_OFF_C(exitinfo1) == 0x078, "B-1 EXITINFO1");
_Static_assert(SVM_OFF_C(exitinfo2) == 0x080, "B-1 EXITINFO2");
_Static_assert(SVM_OFF_C(exitintinfo) == 0x088, "B-1 EXITINTINFO");
_Static_assert(SVM_OFF_C(np_enable) == 0x090, "B-1 NP_ENABLE");
_Static_assert(SVM_OFF_C(avic_apic_bar) == 0x098, "B-1 AVIC_APIC_BAR");
_Static_assert(SVM_OFF_C(ghcb_pa) == 0x0a0, "B-1 GHCB");
_Static_assert(SVM_OFF_C(eventinj) == 0x0a8, "B-1 EVENTINJ");
_Static_assert(SVM_OFF_C(n_cr3) == 0x0b0, "B-1 N_CR3");
_Static_assert(SVM_OFF_C(virt_ext) == 0x0b8, "B-1 LBR/VMSAVE-VMLOAD virtualization");
_Static_assert(SVM_OFF_C(clean_bits) == 0x0c0, "B-1 VMCB clean bits");
_Static_assert(SVM_OFF_C(next_rip) == 0x0c8, "B-1 nRIP");
_Static_assert(SVM_OFF_C(insn_len) == 0x0d0, "B-1 number of bytes fetched");
_Static_assert(SVM_OFF_C(insn_bytes) == 0x0d1, "B-1 guest instruction bytes");
_Static_assert(sizeof(struct svm_vmcb_control) == 0x400, "B-1: the control area is 0x400 bytes");
/* Table B-2 (offsets from the save area, VMCB offset 0x400) */
_Static_assert(SVM_OFF_S(es) == 0x000, "B-2 ES");
_Static_assert(SVM_OFF_S(cs) == 0x010, "B-2 CS");
_Static_assert(SVM_OFF_S(ss) == 0x020, "B-2 SS");
_Static_assert(SVM_OFF_S(ds) == 0x030, "B-2 DS");
_Static_assert(SVM_OFF_S(fs) == 0x040, "B-2 FS");
_Static_assert(SVM_OFF_S(gs) == 0x050, "B-2 GS");
_Static_assert(SVM_OFF_S(gdtr) == 0x060, "B-2 GDTR");
_Static_assert(SVM_OFF_S(ldtr) == 0x070, "B-2 LDTR");
_Static_assert(SVM_OFF_S(idtr) == 0x080, "B-2 IDTR");
_Static_assert(SVM_OFF_S(tr) == 0x090, "B-2 TR");
_Static_assert(SVM_OFF_S(cpl) == 0x0cb, "B-2 CPL");
_Static_assert(SVM_OFF_S(efer) == 0x0d0, "B-2 EFER");
_Static_assert(SVM_OFF_S(cr4) == 0x148, "B-2 CR4");
_Static_assert(SVM_OFF_S(cr3) == 0x150, "B-2 CR3");
_Static_assert(SVM_OFF_S(cr0) == 0x158, "B-2 CR0");
_Static_assert(SVM_OFF_S(dr7) == 0x160, "B-2 DR7");
_Static_assert(SVM_OFF_S(dr6) == 0x168, "B-2 DR6");
_Static_assert(SVM_OFF_S(rflags) == 0x170, "B-2 RFLAGS");
_Static_assert(SVM_OFF_S(rip) == 0x178, "B-2 RIP");
_Static_assert(SVM_OFF_S(rsp) == 0x1d8, "B-2 RSP");
_Static_assert(SVM_OFF_S(rax) == 0x1f8, "B-2 RAX");
_Static_assert(SVM_OFF_S(star) == 0x200, "B-2 STAR");
_Static_assert(SVM_OFF_S(lstar) == 0x208, "B-2 LSTAR");
_Static_assert(SVM_OFF_S(cstar) == 0x210, "B-2 CSTAR");
_Static_assert(SVM_OFF_S(sfmask) == 0x218, "B-2 SFMASK");
_Static_assert(SVM_OFF_S(kernel_gs_base) == 0x220, "B-2 KernelGSBase");
_Static_assert(SVM_OFF_S(sysenter_cs) == 0x228, "B-2 SYSENTER_CS");
_Static_assert(SVM_OFF_S(sysenter_esp) == 0x230, "B-2 SYSENTER_ESP");
_Static_assert(SVM_OFF_S(sysenter_eip) == 0x238, "B-2 SYSENTER_EIP");
_Static_assert(SVM_OFF_S(cr2) == 0x240, "B-2 CR2");
_Static_assert(SVM_OFF_S(g_pat) == 0x268, "B-2 G_PAT");
_Static_assert(SVM_OFF_S(dbgctl) == 0x270, "B-2 DBGCTL");
_Static_assert(sizeof(struct svm_vmcb_save) == 0xc00, "B-2: the save area fills the page");
_Static_assert(__builtin_offsetof(struct svm_vmcb, save) == 0x400, "B-2 starts at 0x400");
_Static_assert(sizeof(struct svm_vmcb) == 4096, "a VMCB is one 4 KiB page");

#endif
