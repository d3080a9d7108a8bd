/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CPUID a Linux partition sees (docs/linux-partition.md, "CPUID and
 * MSRs"): the host's answer for (leaf, subleaf), filtered by a table of
 * rules, one row per rule (vcpuid.c). The result tells Linux it runs under
 * a hypervisor (1.ECX[31], the Parapet signature leaf 0x40000000, the TSC
 * frequency in 0x40000010), that its local APIC timer and TSC keep running
 * (ARAT, invariant TSC), and hides what the partition does not offer:
 * MONITOR (idle uses HLT), x2APIC and TSC-deadline (the xAPIC page is
 * trapped instead), machine check, 5-level paging, TSC_ADJUST, TSX, VMX,
 * SVM, the PMU, SME/SEV, cache QoS, and every feature whose MSRs the MSR
 * policy (vmsr.h) answers with #GP.
 *
 * Leaf ranges: a basic leaf above the host's maximum (0.EAX) and an
 * extended leaf above the host's extended maximum (0x80000000.EAX) read as
 * zeros, as AMD processors answer a function beyond the largest they
 * support (APM vol. 3 App. E; from memory, not checked against the text).
 * Intel returns the highest basic leaf's values there instead (SDM vol.
 * 2A, CPUID). Zeros are chosen for both vendors, so that no host leaf
 * appears under another number; Linux reads no leaf above the maximum it
 * was given. The hypervisor range 0x40000000-0x400000FF (reserved for
 * hypervisor use by both vendors) is Parapet's, as for small partitions
 * (exit.c, docs/svm.md); every other leaf (0x40000100-0x7FFFFFFF,
 * 0xC0000000 and up) reads as zeros. Rules apply only to leaves in range
 * (an absent leaf stays zero).
 *
 * Trust: the host callback and the parameters come from the hypervisor;
 * leaf and subleaf come from the guest (RAX, RCX) and may be anything.
 * Pure code, no allocation; host tested (tests/unit/test_vcpuid.c).
 */
#ifndef PARAPET_HV_LINUX_VCPUID_H
#define PARAPET_HV_LINUX_VCPUID_H

#include <parapet/err.h>
#include <parapet/types.h>

struct vcpuid_regs {
	u32 eax, ebx, ecx, edx;
};

/* The host's CPUID for (leaf, subleaf): the CPUID instruction in the
 * hypervisor, a table in the tests. */
typedef void (*vcpuid_host_fn)(void *ctx, u32 leaf, u32 subleaf, struct vcpuid_regs *out);

/* The xAPIC ID of CPUID 1.EBX[31:24] has 8 bits; 0xFF is the broadcast ID. */
#define VCPUID_MAX_APIC_ID 0xFEu

struct vcpuid {
	vcpuid_host_fn host;
	void *ctx;
	u32 apic_id;   /* the vCPU's physical APIC ID (the partition owns the core) */
	u32 tsc_khz;   /* the hypervisor's TSC calibration (0x40000010 EAX) */
	u32 basic_max; /* the host's 0.EAX, read once by vcpuid_init */
	u32 ext_max;   /* the host's 0x80000000.EAX */
};

/* The registers a rule acts on. */
enum vcpuid_reg { VCPUID_EAX, VCPUID_EBX, VCPUID_ECX, VCPUID_EDX };

enum vcpuid_op {
	VCPUID_CLEAR,	/* reg &= ~mask */
	VCPUID_SET,	/* reg |= mask */
	VCPUID_ZERO,	/* the whole leaf (every subleaf) reads as zeros */
	VCPUID_VALUE,	/* reg = value */
	VCPUID_APIC_ID, /* reg = (reg & ~mask) | (apic_id << shift) & mask */
	VCPUID_TSC_KHZ, /* reg = tsc_khz */
};

#define VCPUID_ANY_SUB 0xFFFFFFFFu /* the rule applies to every subleaf */

struct vcpuid_rule {
	u32 leaf;
	u32 subleaf; /* or VCPUID_ANY_SUB */
	u8 reg;	     /* enum vcpuid_reg */
	u8 op;	     /* enum vcpuid_op */
	u8 shift;    /* VCPUID_APIC_ID only */
	u32 mask;    /* CLEAR, SET, APIC_ID: the bits; VALUE: the value */
	const char *what;
};

/* The table, in the order it is applied (exported for the tests and docs). */
extern const struct vcpuid_rule vcpuid_rules[];
extern const u32 vcpuid_rule_count;

/* The hypervisor range (APM vol. 3 App. E: 0x40000000-0x400000FF reserved
 * for hypervisor use; SDM vol. 2A CPUID: "invalid" on hardware, used by
 * hypervisors). Same layout as small partitions (arch/x86_64/svm/exit.c). */
#define VCPUID_HV_BASE 0x40000000u
#define VCPUID_HV_TIMING 0x40000010u
#define VCPUID_HV_LAST 0x400000FFu
#define VCPUID_HV_SIG_EBX 0x61726150u /* "Para" */
#define VCPUID_HV_SIG_ECX 0x48746570u /* "petH" */
#define VCPUID_HV_SIG_EDX 0x00000056u /* "V\0\0\0" */

#define VCPUID_EXT_BASE 0x80000000u
/* Leaves from here on (0xC0000000: another vendor's range) read as zeros. */
#define VCPUID_EXT_END 0xC0000000u

/* Check the parameters and fill *v (two host calls: leaves 0 and
 * 0x80000000 for the maxima). PP_EINVAL without a host callback,
 * PP_ERANGE for an APIC ID above VCPUID_MAX_APIC_ID or a zero TSC
 * frequency; *v is not written on failure. */
int vcpuid_init(struct vcpuid *v, vcpuid_host_fn host, void *ctx, u32 apic_id, u32 tsc_khz,
		struct pp_err *err);

/* The guest's answer for (leaf, subleaf). */
void vcpuid_answer(const struct vcpuid *v, u32 leaf, u32 subleaf, struct vcpuid_regs *out);

#endif
