/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cache partitioning from the policy's `cache-mask` (docs/cache-qos.md):
 * the L3 capacity masks of Intel Cache Allocation Technology (CAT) and
 * AMD PQOS L3 Cache Allocation Enforcement, which share their CPUID leaves
 * and MSR numbers. Each partition with a mask gets a class of service
 * (COS) whose L3 mask MSR holds its mask; a CPU runs the partition with
 * that COS in PQR_ASSOC. COS 0 (all ways) stays the hypervisor's and every
 * maskless partition's.
 *
 * Two halves:
 *   pure     (cache_qos_plan.c, host-tested in tests/unit/test_cache_qos.c)
 *            the capability from captured CPUID values, the mask checks,
 *            the plan (COS per partition, the MSR values to write);
 *   runtime  (cache_qos.c, freestanding only) CPUID, RDMSR/WRMSR.
 * Hardware-only and untested on hardware: QEMU reports neither feature
 * (no CPUID.(7,0):EBX[15], max basic leaf 0xd for -cpu EPYC), so under
 * QEMU detection says "none" and nothing is written.
 *
 * Trust: the policy is verified and validated before it gets here; the
 * plan checks again what would fault (#GP) or weaken isolation, so a
 * validator bug cannot become a hypervisor fault. CPUID is the CPU's own.
 *
 * Sources: Intel SDM vol. 3B "Cache Allocation Technology" (§17.17 in the
 * edition read, whose numbering is cited below; later editions moved the
 * chapter, the section titles stayed); AMD64 APM vol. 2 ch. 19 "Platform
 * Quality of Service (PQOS) Extension".
 */
#ifndef PARAPET_HV_X86_CACHE_QOS_H
#define PARAPET_HV_X86_CACHE_QOS_H

#include <parapet/err.h>
#include <parapet/policy.h>
#include <parapet/types.h>

/* ---- CPUID ---- */
/* CPUID.0: the vendor string in EBX, EDX, ECX. */
#define CACHE_QOS_VENDOR_INTEL_EBX 0x756e6547u /* "Genu" */
#define CACHE_QOS_VENDOR_INTEL_EDX 0x49656e69u /* "ineI" */
#define CACHE_QOS_VENDOR_INTEL_ECX 0x6c65746eu /* "ntel" */
#define CACHE_QOS_VENDOR_AMD_EBX 0x68747541u   /* "Auth" */
#define CACHE_QOS_VENDOR_AMD_EDX 0x69746e65u   /* "enti" */
#define CACHE_QOS_VENDOR_AMD_ECX 0x444d4163u   /* "cAMD" */

/* The allocation leaf: CPUID.(EAX=10h, ECX=0) lists the resources, ECX=1
 * details L3 (SDM §17.17.3.2; APM §19.4.1). */
#define CACHE_QOS_LEAF 0x10u
#define CACHE_QOS_SUBLEAF_L3 1u

/* CPUID.(7,0):EBX[15] PQE: allocation (enforcement) is supported and leaf
 * 10h describes it (SDM §17.17.3.1; APM §19.1.1 Table 19-1). */
#define CACHE_QOS_CPUID_7_EBX_PQE (1u << 15)
/* CPUID.(10h,0):EBX[1]: L3 allocation, ResID 1 (SDM §17.17.3.2 "L3 CAT";
 * APM §19.4.1 "L3Alloc": its prose says EBX, the heading of Table 19-10
 * says EDX; EBX is what both vendors' prose and Intel's figure give). */
#define CACHE_QOS_CPUID_10_0_EBX_L3 (1u << 1)
/* CPUID.(10h,1):EAX[4:0]: capacity mask length minus one (SDM §17.17.3.2;
 * APM §19.4.2 CBM_LEN, "zero based"). */
#define CACHE_QOS_CPUID_10_1_EAX_CBM_LEN 0x1fu
/* CPUID.(10h,1):EBX: the ways other agents (graphics, I/O) may also fill
 * (SDM §17.17.3.2; APM §19.4.2.2 L3ShareAllocMask). */
/* CPUID.(10h,1):ECX[2]: code and data prioritization (SDM §17.17.4; APM
 * §19.4.3.1). */
#define CACHE_QOS_CPUID_10_1_ECX_CDP (1u << 2)
/* CPUID.(10h,1):EDX[15:0]: the highest COS, zero-based (SDM §17.17.3.2;
 * APM §19.4.2 MAX_COS). */
#define CACHE_QOS_CPUID_10_1_EDX_COS_MAX 0xffffu

/* ---- MSRs (the same numbers on both vendors) ---- */
/* IA32_PQR_ASSOC / PQR_ASSOC, per logical processor: COS in bits 63:32
 * (SDM §17.17.3.4, Figure 17-34; APM §19.3.1.1 Figure 19-1, where the COS
 * field is bits 35:32 and 63:36 must be zero), RMID in the low bits
 * (monitoring; Parapet writes 0). A COS above the highest: #GP(0) (APM
 * §19.3.1.1). At reset COS is 0. */
#define CACHE_QOS_MSR_PQR_ASSOC 0xc8fu
#define CACHE_QOS_PQR_COS_SHIFT 32u
/* IA32_L3_QOS_MASK_n / L3_MASK_n: the capacity mask of COS n at 0xc90 + n
 * (SDM §17.17.3.3, 0xc90-0xd0f: at most 128 L3 COS; APM §19.4.2 Figure
 * 19-8: C90h + n). Bits above the mask length are reserved (#GP on write,
 * SDM §17.17.4.1). Scope: the L3's package (Intel) or QOS domain (AMD).
 * At reset every bit is set. */
#define CACHE_QOS_MSR_L3_MASK_BASE 0xc90u
#define CACHE_QOS_MSR_L3_MASK(n) (CACHE_QOS_MSR_L3_MASK_BASE + (u32)(n))
#define CACHE_QOS_L3_MASK_MSRS 128u
/* IA32_L3_QOS_CFG / L3_QOS_CFG1 bit 0: CDP enabled; then the mask MSRs
 * pair up (data at 0xc90 + 2 COS, code at + 1) and half the COS remain
 * (SDM §17.17.4, §17.17.4.1; APM §19.4.3.2 Figure 19-9). Exists only with
 * CDP. */
#define CACHE_QOS_MSR_L3_QOS_CFG 0xc81u
#define CACHE_QOS_L3_QOS_CFG_CDP (1ull << 0)

/* Intel: a mask is contiguous set bits, at least this many ("a length of 1
 * bit or longer"; zero or gaps #GP(0): SDM §17.17.1 and §17.17.4.1). AMD
 * accepts gaps and zero (APM §19.4.2.2); Parapet refuses zero on both: a
 * partition given no L3 at all is a policy error, not a partition. */
#define CACHE_QOS_INTEL_MIN_BITS 1u

_Static_assert(CACHE_QOS_MSR_L3_MASK(CACHE_QOS_L3_MASK_MSRS - 1) == 0xd0fu,
	       "SDM §17.17.3.3: L3 masks end at 0xd0f");
_Static_assert(PP_POL_MAX_PARTS + 1 <= CACHE_QOS_L3_MASK_MSRS,
	       "every partition and COS 0 fit the L3 mask MSRs");

/* ---- Detection ---- */

/* The CPUID values detection reads (0 for a leaf beyond the maximum). */
struct cache_qos_cpuid {
	u32 max_leaf;				/* CPUID.0:EAX */
	u32 vendor_ebx, vendor_edx, vendor_ecx; /* CPUID.0 */
	u32 leaf7_ebx;				/* CPUID.(7,0):EBX */
	u32 leaf10_0_ebx;			/* CPUID.(10h,0):EBX */
	u32 leaf10_1_eax, leaf10_1_ebx;		/* CPUID.(10h,1):EAX, EBX */
	u32 leaf10_1_ecx, leaf10_1_edx;		/* CPUID.(10h,1):ECX, EDX */
};

enum cache_qos_kind {
	CACHE_QOS_NONE = 0,
	CACHE_QOS_INTEL_CAT, /* Intel RDT allocation, L3 CAT */
	CACHE_QOS_AMD_L3,    /* AMD PQOS, L3 Cache Allocation Enforcement */
};

struct cache_qos_caps {
	enum cache_qos_kind kind;
	u32 cbm_len;	 /* bits in a capacity mask, 1-32 */
	u32 cos_max;	 /* highest COS (at most CACHE_QOS_L3_MASK_MSRS - 1) */
	u32 shareable;	 /* ways other agents may fill too (within cbm_len) */
	bool cdp;	 /* CDP exists (then L3_QOS_CFG exists) */
	const char *why; /* kind NONE: the missing bit, as text */
};

/* The capability from captured CPUID values; no CPU access. */
void cache_qos_decide(const struct cache_qos_cpuid *in, struct cache_qos_caps *out);
/* "Intel CAT", "AMD L3 QoS" or "none". */
const char *cache_qos_kind_name(enum cache_qos_kind kind);
/* Every way of a cbm_len-bit mask: COS 0's mask. */
u32 cache_qos_all_ways(const struct cache_qos_caps *caps);

/* ---- The plan ---- */

struct cache_qos_msr {
	u32 msr;
	u64 value;
};

struct cache_qos_part {
	u32 cos;	 /* 0: no mask, all ways */
	u32 mask;	 /* the policy's cache_mask (0: none) */
	u32 shared_ways; /* mask & caps->shareable: ways other agents may fill */
	u64 pqr_assoc;	 /* the PQR_ASSOC value while it runs */
};

struct cache_qos_plan {
	bool active; /* some partition has a mask: MSRs to write */
	u32 n_masks; /* masks[0..n_masks): COS 0 first, then one per masked partition */
	struct cache_qos_msr masks[PP_POL_MAX_PARTS + 1];
	u32 n_parts; /* the policy's */
	/* by policy partition index */
	struct cache_qos_part part[PP_POL_MAX_PARTS];
};

/* One mask against the capability, for partition `name`: PP_EINVAL if
 * empty, below CACHE_QOS_INTEL_MIN_BITS or (Intel) not contiguous;
 * PP_ERANGE if it sets a bit at or above cbm_len; PP_ENOTSUP if caps has
 * no allocation at all. */
int cache_qos_check_mask(const struct cache_qos_caps *caps, const char *name, u32 mask,
			 struct pp_err *err);

/*
 * The plan for policy p on a CPU with caps. COS = 1 + the partition's rank
 * among the partitions with a mask, in policy order; every other
 * partition runs with COS 0. No partition with a mask: PP_OK, inactive
 * (on any CPU, with or without the feature). A mask on a CPU without the
 * feature: PP_ENOTSUP ("not supported by this CPU"); the caller decides
 * what that refuses. Refused (the message names the partition and the
 * value): a mask cache_qos_check_mask refuses, two masks that overlap
 * (PP_EOVERLAP), a COS above caps->cos_max (PP_ERANGE), more than
 * PP_POL_MAX_PARTS partitions. On any error *out is left as it was.
 */
int cache_qos_plan_build(const struct pp_policy *p, const struct cache_qos_caps *caps,
			 struct cache_qos_plan *out, struct pp_err *err);

/* IA32_L3_QOS_CFG as read on a CPU (only when caps->cdp): PP_ENOTSUP when
 * CDP is on, since the plan's MSR numbers assume one mask per COS. */
int cache_qos_check_cfg(const struct cache_qos_caps *caps, u64 l3_qos_cfg, struct pp_err *err);

#ifdef PP_FREESTANDING
/* ---- Runtime (cache_qos.c): hardware-only ---- */
extern struct cache_qos_caps cache_qos_caps;

/* BSP: read CPUID into cache_qos_caps, print one "hv: cache-qos: ..." line. */
void cache_qos_detect(void);
/* BSP, after detect and before any CPU runs a partition: build the plan
 * (cache_qos_plan_build's results and errors) and print it. */
int cache_qos_setup(const struct pp_policy *p, struct pp_err *err);
/* Each CPU that will run a partition, before its first cache_qos_enter:
 * write every mask MSR of the plan (package- or domain-scoped: every CPU
 * writing the same values is harmless). No effect when inactive. */
int cache_qos_program_masks(struct pp_err *err);
/* Before partition `part_index` (policy order) runs on this CPU: its COS
 * into PQR_ASSOC. No effect when inactive. */
void cache_qos_enter(u32 part_index);
/* Back to COS 0 (a partition stopped or its slice ended). No effect when
 * inactive. */
void cache_qos_leave(void);
#endif

#endif
