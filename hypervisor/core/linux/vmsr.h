/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MSR policy of a Linux partition (docs/linux-partition.md, "CPUID and
 * MSRs"): for an RDMSR or WRMSR of index I (with value V), the action, as
 * a table of disjoint index ranges (vmsr.c), one row per MSR or family:
 *
 *   PASSTHROUGH  the MSR permission map lets the access through; the state
 *                is the VMCB's (VMRUN/#VMEXIT) or VMLOAD/VMSAVE's (row
 *                text). An exit for it means the map is wrong.
 *   EMULATE      the value lives in the caller's per-vCPU struct vmsr_vcpu
 *                (APIC base, PAT, MTRRs) or, for EFER, in the VMCB: the
 *                result carries the value to read, or the value now in
 *                effect after a write; a write is validated first.
 *   FIXED        a read returns the row's constant, a write is ignored.
 *   GP           #GP(0) injected, the instruction not completed, nothing
 *                changed; err says why (which MSR, which value, which rule).
 *
 * Every index no row names is GP: deny by default, as Linux reads optional
 * MSRs with its *_safe accessors and survives a #GP on the others.
 *
 * Trust: the index and the written value come from the guest (RCX,
 * EDX:EAX); the state struct and the EFER/CR0 snapshot from the hypervisor.
 * A refusal changes nothing. Pure code, no allocation; host tested
 * (tests/unit/test_vmsr.c) and fuzzed (tests/fuzz/fuzz_vmsr.c).
 */
#ifndef PARAPET_HV_LINUX_VMSR_H
#define PARAPET_HV_LINUX_VMSR_H

#include <parapet/err.h>
#include <parapet/types.h>

enum vmsr_action { VMSR_GP = 0, VMSR_PASSTHROUGH, VMSR_EMULATE, VMSR_FIXED };

/* What an EMULATE row works on. */
enum vmsr_kind {
	VMSR_K_NONE = 0,
	VMSR_K_EFER,
	VMSR_K_APIC_BASE,
	VMSR_K_PAT,
	VMSR_K_MTRR_DEF,
	VMSR_K_MTRR_VAR,
	VMSR_K_MTRR_FIX,
};

struct vmsr_row {
	u32 lo, hi; /* the indices, inclusive */
	u8 rd, wr;  /* enum vmsr_action for RDMSR and WRMSR */
	u8 kind;    /* enum vmsr_kind (EMULATE rows) */
	u64 fixed;  /* the value a FIXED read returns */
	const char *name;
	const char *why; /* PASSTHROUGH: where the state lives; GP: why refused */
};

/* The table, sorted by index, rows disjoint (exported for tests and docs). */
extern const struct vmsr_row vmsr_rows[];
extern const u32 vmsr_row_count;

/* The row for an index, or NULL (default #GP). */
const struct vmsr_row *vmsr_find(u32 index);

/* Variable MTRRs offered (IA32_MTRRCAP.VCNT) and the 11 fixed-range MTRRs
 * (SDM vol. 3A §12.11.2.2: 0x250, 0x258-0x259, 0x268-0x26F). */
#define VMSR_MTRR_VAR_COUNT 8u
#define VMSR_MTRR_FIX_COUNT 11u

/* The per-vCPU state of the EMULATE rows (caller-owned, one per vCPU). */
struct vmsr_vcpu {
	u64 apic_base;	   /* IA32_APIC_BASE, fixed at init */
	u64 pat;	   /* IA32_PAT (the integration mirrors it to the VMCB's G_PAT) */
	u64 mtrr_def_type; /* IA32_MTRR_DEF_TYPE */
	u64 mtrr_var[VMSR_MTRR_VAR_COUNT][2]; /* IA32_MTRR_PHYSBASEn, PHYSMASKn */
	u64 mtrr_fix[VMSR_MTRR_FIX_COUNT];
	u8 phys_bits; /* MAXPHYADDR: bits at and above it are reserved */
};

/* One RDMSR or WRMSR as the exit sees it. */
struct vmsr_req {
	u32 index;  /* ECX */
	bool write; /* EXITINFO1 = 1 (APM vol. 2 §15.11) */
	u64 value;  /* WRMSR: EDX:EAX */
	u64 efer;   /* the guest's EFER in the VMCB (SVME set) */
	u64 cr0;    /* the guest's CR0 in the VMCB */
};

struct vmsr_result {
	u8 action;	  /* enum vmsr_action */
	u64 value;	  /* RDMSR: EDX:EAX; WRMSR EMULATE: the value in effect (EFER:
			   * the VMCB's new EFER, SVME kept); FIXED: the constant */
	const char *name; /* the row's MSR name, "unlisted MSR" without one */
};

/* Architectural values (SDM vol. 3A, section numbers of the 2023 and later
 * editions: chapter 11 APIC, chapter 12 memory cache control). */
#define VMSR_APIC_BASE_DEFAULT 0xFEE00000ull
#define VMSR_APIC_BASE_BSP (1ull << 8)	 /* SDM §11.4.4, IA32_APIC_BASE */
#define VMSR_APIC_BASE_EXTD (1ull << 10) /* x2APIC mode (SDM §11.12.1) */
#define VMSR_APIC_BASE_EN (1ull << 11)
#define VMSR_PAT_RESET 0x0007040600070406ull /* SDM §12.12.4, PAT after reset */
/* IA32_MTRR_DEF_TYPE at start: E (bit 11), FE (bit 10) clear, type WB (6):
 * everything write-back, as Firecracker boots Linux (the Linux-guest notes). */
#define VMSR_MTRR_DEF_TYPE_INIT 0x806ull
/* IA32_MTRRCAP: VCNT 8, FIX (bit 8), WC (bit 10), no SMRR (SDM §12.11.1). */
#define VMSR_MTRRCAP_VALUE (VMSR_MTRR_VAR_COUNT | 1ull << 8 | 1ull << 10)

/* EFER bits (APM vol. 2 §3.1.7, Figure 3-8). */
#define VMSR_EFER_SCE (1ull << 0)
#define VMSR_EFER_LME (1ull << 8)
#define VMSR_EFER_LMA (1ull << 10)
#define VMSR_EFER_NXE (1ull << 11)
#define VMSR_EFER_SVME (1ull << 12)
/* What a guest may write: SCE, LME, LMA (unchanged), NXE. */
#define VMSR_EFER_GUEST (VMSR_EFER_SCE | VMSR_EFER_LME | VMSR_EFER_LMA | VMSR_EFER_NXE)
#define VMSR_CR0_PG (1ull << 31)

/* Fill *s for vCPU vcpu_index (0 is the bootstrap processor) of a machine
 * with MAXPHYADDR phys_bits (CPUID 0x80000008.EAX[7:0]). PP_ERANGE for
 * phys_bits outside 36..52 (SDM vol. 3A §4.1.4); *s is not written then. */
int vmsr_vcpu_init(struct vmsr_vcpu *s, u32 vcpu_index, u8 phys_bits, struct pp_err *err);

/*
 * Decide one access. Returns out->action. For GP, err (may be NULL) says
 * why and *s is unchanged; for an EMULATE write, *s holds the new value.
 */
int vmsr_access(struct vmsr_vcpu *s, const struct vmsr_req *rq, struct vmsr_result *out,
		struct pp_err *err);

/* Whether the MSR permission map passes this access through (no exit). */
bool vmsr_passthrough(u32 index, bool write);

/* Every emulated value is one the hardware would accept (the fuzz target's
 * invariant; the integration can assert it). */
bool vmsr_vcpu_consistent(const struct vmsr_vcpu *s);

#endif
