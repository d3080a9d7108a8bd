/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xAPIC write filter of a Linux partition (docs/linux-partition.md,
 * "xAPIC writes"). The partition sees its cores' real local APIC page
 * mapped read-only in the NPT: reads cost no exit, every write faults. The
 * NPF handler decodes the store (hypervisor/lib/x86dec/) and asks
 * vapic_write what to do with it:
 *
 *   VAPIC_WRITE   write `value` to register `reg` of this core's real
 *                 LAPIC (EOI, TPR, SVR, ESR, LVTs, TMICT, TDCR), with only
 *                 the register's writable bits;
 *   VAPIC_IPI     send a fixed, physical, edge IPI of `vector` to the
 *                 physical APIC ID of each vCPU in `targets` (one ICR
 *                 write each; never a shorthand or logical destination);
 *   VAPIC_INIT    put each vCPU in `targets` in wait-for-SIPI (emulated:
 *                 a real INIT would reset the core under the hypervisor);
 *   VAPIC_SIPI    start each waiting vCPU in `targets` in real mode at
 *                 `vector` << 12 (emulated);
 *   VAPIC_STORED  ICR_HIGH: kept per vCPU for the next ICR_LOW write;
 *   VAPIC_DROP    nothing to do, as hardware would do nothing (read-only
 *                 register, INIT level de-assert, no other vCPU);
 *   VAPIC_REFUSE  the write is not performed: `reason` says why.
 *
 * After any of them the handler advances the guest's RIP: a refusal is
 * counted and dropped, it does not stop the partition. Register map and
 * fields: Intel SDM vol. 3A chapter 11 (Table 11-1, 11.5.1 LVT, 11.6.1
 * ICR); AMD APM vol. 2 chapter 16 (16.3-16.5).
 *
 * Trust: offset, value and size come from the guest (through the decoder)
 * and are all checked; the vCPU index and the APIC ID table come from the
 * hypervisor. Concurrency: vapic_write(p, i, ...) touches only p->vcpu[i]
 * (the ICR_HIGH copy and the counters), so each vCPU's core may call it
 * without a lock; the table is read-only after vapic_init. Pure code, no
 * allocation; host tested (tests/unit/test_vapic.c, tests/fuzz/fuzz_vapic.c).
 */
#ifndef PARAPET_HV_LINUX_VAPIC_H
#define PARAPET_HV_LINUX_VAPIC_H

#include <parapet/err.h>
#include <parapet/types.h>

/* A partition's vCPUs: one bit each in a target set. */
#define VAPIC_MAX_CPUS 64u
/* xAPIC physical IDs are 8 bits; 0xFF is the physical broadcast (11.6.2.1). */
#define VAPIC_MAX_APIC_ID 0xFEu
#define VAPIC_BROADCAST_ID 0xFFu
/* The register page (SDM 11.4.1: 4 KiB at IA32_APIC_BASE). */
#define VAPIC_PAGE_SIZE 0x1000u

/*
 * Register offsets (SDM vol. 3A Table 11-1; APM vol. 2 Table 16-2). Every
 * register is 32 bits wide on a 16-byte boundary (SDM 11.4.1). 0x400 and
 * above is AMD's extended APIC space (APM 16.3.5), hidden by CPUID.
 */
#define VAPIC_ID 0x020u
#define VAPIC_VERSION 0x030u
#define VAPIC_TPR 0x080u
#define VAPIC_APR 0x090u
#define VAPIC_PPR 0x0A0u
#define VAPIC_EOI 0x0B0u
#define VAPIC_RRD 0x0C0u
#define VAPIC_LDR 0x0D0u
#define VAPIC_DFR 0x0E0u
#define VAPIC_SVR 0x0F0u
#define VAPIC_ISR 0x100u /* 8 registers, to 0x170 */
#define VAPIC_TMR 0x180u /* 8 registers, to 0x1F0 */
#define VAPIC_IRR 0x200u /* 8 registers, to 0x270 */
#define VAPIC_ESR 0x280u
#define VAPIC_LVT_CMCI 0x2F0u
#define VAPIC_ICR_LOW 0x300u
#define VAPIC_ICR_HIGH 0x310u
#define VAPIC_LVT_TIMER 0x320u
#define VAPIC_LVT_THERMAL 0x330u
#define VAPIC_LVT_PERF 0x340u
#define VAPIC_LVT_LINT0 0x350u
#define VAPIC_LVT_LINT1 0x360u
#define VAPIC_LVT_ERROR 0x370u
#define VAPIC_TMICT 0x380u
#define VAPIC_TMCCT 0x390u
#define VAPIC_TDCR 0x3E0u
#define VAPIC_REGS_END 0x400u

/* ICR (SDM 11.6.1 figure 11-12; APM 16.5 figure 16-18). */
#define VAPIC_ICR_VECTOR 0xFFu
#define VAPIC_ICR_DM_SHIFT 8u /* delivery (message) type, 3 bits */
#define VAPIC_ICR_LOGICAL (1u << 11)
#define VAPIC_ICR_ASSERT (1u << 14) /* level: 0 with INIT = INIT level de-assert */
#define VAPIC_ICR_LEVEL_TRIG (1u << 15)
#define VAPIC_ICR_SH_SHIFT 18u	 /* destination shorthand, 2 bits */
#define VAPIC_ICR_DEST_SHIFT 24u /* ICR_HIGH bits 31:24 */
#define VAPIC_ICR_HIGH_DEST 0xFF000000u

/* Delivery modes (ICR and LVT; SDM 11.5.1, 11.6.1; APM 16.4.1, 16.5). */
#define VAPIC_DM_FIXED 0u
#define VAPIC_DM_LOWEST 1u
#define VAPIC_DM_SMI 2u
#define VAPIC_DM_REMOTE_READ 3u /* reserved on Intel; AMD: remote read */
#define VAPIC_DM_NMI 4u
#define VAPIC_DM_INIT 5u
#define VAPIC_DM_STARTUP 6u
#define VAPIC_DM_EXTINT 7u

/* Destination shorthands (SDM 11.6.1). */
#define VAPIC_SH_NONE 0u
#define VAPIC_SH_SELF 1u
#define VAPIC_SH_ALL 2u /* all including self */
#define VAPIC_SH_ALL_BUT_SELF 3u

/* LVT fields (SDM 11.5.1 figure 11-8). */
#define VAPIC_LVT_MASKED (1u << 16)
#define VAPIC_TIMER_MODE_SHIFT 17u /* 00 one-shot, 01 periodic, 10 TSC-deadline */

/* Vectors 0-15 are illegal for APIC delivery (SDM 11.5.2). */
#define VAPIC_MIN_VECTOR 16u

enum vapic_kind {
	VAPIC_WRITE = 1,
	VAPIC_IPI,
	VAPIC_INIT,
	VAPIC_SIPI,
	VAPIC_STORED,
	VAPIC_DROP,
	VAPIC_REFUSE,
	VAPIC_KIND_COUNT
};

/* Why a write was dropped (D) or refused (R). */
enum vapic_reason {
	VAPIC_OK = 0,
	VAPIC_D_READ_ONLY,     /* version, APR, PPR, RRD, ISR, TMR, IRR, TMCCT */
	VAPIC_D_INIT_DEASSERT, /* INIT with level 0 to the partition's own vCPUs */
	VAPIC_D_NO_TARGET,     /* all-excluding-self with one vCPU */
	VAPIC_R_SIZE,	       /* not a 4-byte store */
	VAPIC_R_UNALIGNED,     /* not at a register's 16-byte boundary */
	VAPIC_R_EXT_SPACE,     /* 0x400 and above: AMD extended APIC space */
	VAPIC_R_RESERVED_REG,  /* a reserved offset below 0x400 */
	VAPIC_R_APIC_ID,       /* the APIC ID register */
	VAPIC_R_LOGICAL,       /* LDR, DFR, or an ICR in logical destination mode */
	VAPIC_R_LVT_MODE,      /* an unmasked LVT with a delivery mode other than fixed */
	VAPIC_R_TIMER_MODE,    /* LVT timer mode 10 (TSC-deadline) or 11 (reserved) */
	VAPIC_R_VECTOR,	       /* vector 0-15 in a fixed IPI or an unmasked LVT */
	VAPIC_R_SMI,	       /* ICR SMI */
	VAPIC_R_NMI,	       /* ICR NMI */
	VAPIC_R_LOWEST,	       /* ICR lowest priority */
	VAPIC_R_ICR_MODE,      /* ICR delivery mode 011 (reserved / AMD remote read) or 111 */
	VAPIC_R_SHORTHAND,     /* self or all-including-self with INIT or SIPI */
	VAPIC_R_BROADCAST,     /* physical destination 0xFF */
	VAPIC_R_FOREIGN,       /* destination APIC ID outside the partition */
	VAPIC_R_INIT_SELF,     /* INIT or SIPI to the writing vCPU itself */
	VAPIC_REASON_COUNT
};

struct vapic_action {
	u8 kind;     /* enum vapic_kind */
	u8 reason;   /* enum vapic_reason: DROP and REFUSE only, else VAPIC_OK */
	u8 vector;   /* IPI: the vector; SIPI: the start page */
	u32 reg;     /* WRITE: the register offset */
	u32 value;   /* WRITE: the value, writable bits only */
	u64 targets; /* IPI, INIT, SIPI: bit i = vCPU i (never empty) */
};

/* Per-vCPU state; written only by that vCPU's own exits. */
struct vapic_vcpu {
	u32 icr_high;			 /* last ICR_HIGH write, bits 31:24 kept */
	u64 kinds[VAPIC_KIND_COUNT];	 /* actions by kind */
	u64 reasons[VAPIC_REASON_COUNT]; /* drops and refusals by reason */
};

struct vapic_part {
	u32 cpu_count;
	u8 apic_id[VAPIC_MAX_CPUS]; /* physical APIC ID of vCPU i */
	struct vapic_vcpu vcpu[VAPIC_MAX_CPUS];
};

/* Sums over a partition's vCPUs (reporting). */
struct vapic_counts {
	u64 kinds[VAPIC_KIND_COUNT];
	u64 reasons[VAPIC_REASON_COUNT];
};

/*
 * Set up a partition's filter: cpu_count vCPUs (1..VAPIC_MAX_CPUS), vCPU i
 * on the core with physical APIC ID apic_ids[i] (distinct, <= 0xFE: the
 * same IDs the guest finds in its MADT, so no translation is needed).
 * PP_ERANGE / PP_EINVAL with a message; *p is untouched on failure.
 */
int vapic_init(struct vapic_part *p, u32 cpu_count, const u32 *apic_ids, struct pp_err *err);

/*
 * The policy for one trapped write by vCPU `vcpu` of `size` bytes of
 * `value` at offset `off` of the APIC page. Fills *out and counts it.
 * PP_ERANGE (nothing counted, *out untouched) only for the hypervisor's
 * own errors: vcpu >= cpu_count or off >= VAPIC_PAGE_SIZE.
 */
int vapic_write(struct vapic_part *p, u32 vcpu, u32 off, u32 value, u32 size,
		struct vapic_action *out, struct pp_err *err);

void vapic_counts(const struct vapic_part *p, struct vapic_counts *out);

/* Short names for logs: "write", "ipi", ...; "foreign-apic-id", ... */
const char *vapic_kind_name(u32 kind);
const char *vapic_reason_name(u32 reason);

#endif
