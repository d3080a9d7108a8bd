// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CPUID filter of a Linux partition (vcpuid.h): one table row per rule,
 * every bit a named mask with its source. SDM = Intel SDM vol. 2A, CPUID
 * (Table 3-8 "Information Returned by CPUID", Table 3-10 leaf 1 ECX, Table
 * 3-11 leaf 1 EDX); APM = AMD APM vol. 3 (24594), Appendix E, by function
 * (Fn8000_0001_ECX etc.). Bits one vendor leaves reserved read as zero
 * there, so clearing them is harmless on the other. Trust: leaf and
 * subleaf are the guest's and select rows only; nothing indexes by them.
 */
#include <parapet/string.h>
#include "vcpuid.h"

/* Leaf 1 EBX[31:24]: initial (x)APIC ID (SDM Table 3-8; APM Fn0000_0001_EBX LocalApicId). */
#define CPUID_1_EBX_APIC_ID 0xFF000000u
#define CPUID_1_EBX_APIC_ID_SHIFT 24u
/* Leaf 1 ECX (SDM Table 3-10; APM Fn0000_0001_ECX). */
#define CPUID_1_ECX_MONITOR (1u << 3)	    /* MONITOR/MWAIT: idle must use HLT */
#define CPUID_1_ECX_VMX (1u << 5)	    /* VMX (Intel): no nested virtualization */
#define CPUID_1_ECX_SMX (1u << 6)	    /* SMX, GETSEC (Intel): the DRTM is the host's */
#define CPUID_1_ECX_EST (1u << 7)	    /* Enhanced SpeedStep: MSRs 0x198/0x199 are #GP */
#define CPUID_1_ECX_TM2 (1u << 8)	    /* Thermal Monitor 2: thermal MSRs are #GP */
#define CPUID_1_ECX_PDCM (1u << 15)	    /* IA32_PERF_CAPABILITIES (0x345): no PMU */
#define CPUID_1_ECX_X2APIC (1u << 21)	    /* x2APIC: the xAPIC page is trapped instead */
#define CPUID_1_ECX_TSC_DEADLINE (1u << 24) /* TSC-deadline timer: MSR 0x6E0 is #GP */
#define CPUID_1_ECX_HYPERVISOR (1u << 31)   /* APM: reserved for hypervisor use; SDM: 0 */
/* Leaf 1 EDX (SDM Table 3-11; APM Fn0000_0001_EDX). */
#define CPUID_1_EDX_MCE (1u << 7)   /* machine check exception */
#define CPUID_1_EDX_APIC (1u << 9)  /* on-chip APIC, enabled */
#define CPUID_1_EDX_ACPI (1u << 22) /* thermal monitor and clock control MSRs (Intel) */
#define CPUID_1_EDX_MCA (1u << 14)  /* machine check architecture: MCG/MCi MSRs are #GP */
#define CPUID_1_EDX_TM (1u << 29)   /* thermal monitor (Intel) */
/* Leaf 6 EAX[2]: ARAT, the local APIC timer runs in deep C-states (SDM
 * Table 3-8 leaf 06H; APM Fn0000_0006_EAX). Leaf 6 reports nothing else:
 * its other bits announce thermal, HWP and APERF/MPERF MSRs, all #GP. */
#define CPUID_6_EAX_ARAT (1u << 2)
/* Leaf 7 subleaf 0 EBX (SDM Table 3-8 leaf 07H; APM Fn0000_0007_EBX_x0). */
#define CPUID_7_EBX_TSC_ADJUST (1u << 1) /* IA32_TSC_ADJUST (0x3B) */
#define CPUID_7_EBX_SGX (1u << 2)	 /* SGX (Intel) */
#define CPUID_7_EBX_HLE (1u << 4)	 /* TSX HLE */
#define CPUID_7_EBX_RTM (1u << 11)	 /* TSX RTM */
#define CPUID_7_EBX_PQM (1u << 12)	 /* RDT monitoring / AMD PQOS: the host's cache QoS */
#define CPUID_7_EBX_PQE (1u << 15)	 /* RDT allocation / AMD PQE: the host's cache QoS */
#define CPUID_7_EBX_PT (1u << 25)	 /* Intel Processor Trace */
/* Leaf 7 subleaf 0 ECX. */
#define CPUID_7_ECX_WAITPKG (1u << 5) /* UMONITOR/UMWAIT, IA32_UMWAIT_CONTROL (0xE1) */
#define CPUID_7_ECX_CET_SS (1u << 7)  /* CET shadow stacks: CET MSRs and XSS are #GP */
#define CPUID_7_ECX_LA57 (1u << 16)   /* 5-level paging: the guest walker has 4 levels */
#define CPUID_7_ECX_SGX_LC (1u << 30) /* SGX launch control (Intel) */
/* Leaf 7 subleaf 0 EDX (Intel; APM: reserved). */
#define CPUID_7_EDX_CET_IBT (1u << 20)	 /* CET indirect branch tracking (S_CET, 0x6A2) */
#define CPUID_7_EDX_IBRS_IBPB (1u << 26) /* IA32_SPEC_CTRL (0x48), IA32_PRED_CMD (0x49) */
#define CPUID_7_EDX_STIBP (1u << 27)	 /* IA32_SPEC_CTRL.STIBP */
#define CPUID_7_EDX_L1D_FLUSH (1u << 28) /* IA32_FLUSH_CMD (0x10B) */
#define CPUID_7_EDX_ARCH_CAP (1u << 29)	 /* IA32_ARCH_CAPABILITIES (0x10A) */
#define CPUID_7_EDX_CORE_CAP (1u << 30)	 /* IA32_CORE_CAPABILITIES (0xCF) */
#define CPUID_7_EDX_SSBD (1u << 31)	 /* IA32_SPEC_CTRL.SSBD */
/* Leaf 0xB and 0x1F EDX: x2APIC ID of this logical processor (SDM Table 3-8). */
#define CPUID_TOPO_EDX_APIC_ID 0xFFFFFFFFu
/* Leaf 0xD subleaf 1 EAX[3]: XSAVES/XRSTORS and IA32_XSS (0xDA0), which is
 * #GP (SDM Table 3-8 leaf 0DH; APM Fn0000_000D_EAX_x1). */
#define CPUID_D1_EAX_XSAVES (1u << 3)
/* Fn8000_0001 ECX (APM Fn8000_0001_ECX; SDM: bits 0, 5, 8 only). */
#define CPUID_81_ECX_SVM (1u << 2)	     /* SVM: no nested virtualization */
#define CPUID_81_ECX_EXTAPIC (1u << 3)	     /* ExtApicSpace: APIC registers 0x400+ */
#define CPUID_81_ECX_OSVW (1u << 9)	     /* OS-visible workarounds (MSRs 0xC0010140/1) */
#define CPUID_81_ECX_IBS (1u << 10)	     /* instruction-based sampling */
#define CPUID_81_ECX_SKINIT (1u << 12)	     /* SKINIT, STGI: the DRTM is the host's */
#define CPUID_81_ECX_TCE (1u << 17)	     /* EFER.TCE, which the MSR policy refuses */
#define CPUID_81_ECX_NODEID (1u << 19)	     /* NodeId: MSR 0xC001100C, which is #GP */
#define CPUID_81_ECX_PERFCTR_CORE (1u << 23) /* PerfCtrExtCore (0xC0010200-0x20B) */
#define CPUID_81_ECX_PERFCTR_NB (1u << 24)   /* PerfCtrExtNB/DF (0xC0010240-0x247) */
#define CPUID_81_ECX_BPEXT (1u << 26) /* breakpoint address masks (0xC0011027, 0xC001101B-D) */
#define CPUID_81_ECX_PERFCTR_LLC (1u << 28) /* PerfCtrExtLLC (0xC0010230-0x23B) */
#define CPUID_81_ECX_MONITORX (1u << 29)    /* MONITORX/MWAITX: as MONITOR */
/* Fn8000_0001 EDX[25]: FFXSR, EFER.FFXSR, which the MSR policy refuses (APM). */
#define CPUID_81_EDX_FFXSR (1u << 25)
/* Fn8000_0007 EDX[8]: invariant TSC (APM Fn8000_0007_EDX TscInvariant; SDM
 * Table 3-8 leaf 80000007H). The leaf reports nothing else: its other bits
 * announce P-state, boost and MCA-recovery features. */
#define CPUID_87_EDX_INVTSC (1u << 8)
/* Fn8000_0008 EBX (APM Fn8000_0008_EBX): speculation controls through
 * SPEC_CTRL (0x48), PRED_CMD (0x49), VIRT_SPEC_CTRL (0xC001011F), all #GP. */
#define CPUID_88_EBX_IBPB (1u << 12)
#define CPUID_88_EBX_IBRS (1u << 14)
#define CPUID_88_EBX_STIBP (1u << 15)
#define CPUID_88_EBX_SSBD (1u << 24)
#define CPUID_88_EBX_VIRT_SSBD (1u << 25)
/* Fn8000_001E EAX: extended APIC ID (APM Fn8000_001E_EAX). */
#define CPUID_81E_EAX_APIC_ID 0xFFFFFFFFu
/* Fn8000_0021 EAX[8]: automatic IBRS, enabled through EFER.AIBRSE (bit 21),
 * which the MSR policy refuses (APM Fn8000_0021_EAX). */
#define CPUID_821_EAX_AUTO_IBRS (1u << 8)

#define R(l, s, r, o, m, w)                                                                        \
	{                                                                                          \
		(l), (s), VCPUID_##r, VCPUID_##o, 0, (m), (w)                                      \
	}
#define ANY VCPUID_ANY_SUB
/* A whole leaf read as zeros (one row; the register is not used). */
#define ZERO_LEAF(l, w) R((l), ANY, EAX, ZERO, 0, (w))

const struct vcpuid_rule vcpuid_rules[] = {
    /* Leaf 1: features. */
    R(1, ANY, ECX, SET, CPUID_1_ECX_HYPERVISOR, "hypervisor present"),
    R(1, ANY, ECX, CLEAR, CPUID_1_ECX_MONITOR, "MONITOR/MWAIT"),
    R(1, ANY, ECX, CLEAR, CPUID_1_ECX_VMX, "VMX"),
    R(1, ANY, ECX, CLEAR, CPUID_1_ECX_SMX, "SMX"),
    R(1, ANY, ECX, CLEAR, CPUID_1_ECX_EST, "Enhanced SpeedStep"),
    R(1, ANY, ECX, CLEAR, CPUID_1_ECX_TM2, "Thermal Monitor 2"),
    R(1, ANY, ECX, CLEAR, CPUID_1_ECX_PDCM, "PERF_CAPABILITIES"),
    R(1, ANY, ECX, CLEAR, CPUID_1_ECX_X2APIC, "x2APIC"),
    R(1, ANY, ECX, CLEAR, CPUID_1_ECX_TSC_DEADLINE, "TSC-deadline timer"),
    R(1, ANY, EDX, SET, CPUID_1_EDX_APIC,
      "local APIC: the partition owns its core's enabled xAPIC (QEMU clears the host's bit "
      "once an APIC was globally disabled)"),
    R(1, ANY, EDX, CLEAR, CPUID_1_EDX_MCE, "MCE"),
    R(1, ANY, EDX, CLEAR, CPUID_1_EDX_MCA, "MCA"),
    R(1, ANY, EDX, CLEAR, CPUID_1_EDX_ACPI, "thermal MSRs (ACPI)"),
    R(1, ANY, EDX, CLEAR, CPUID_1_EDX_TM, "Thermal Monitor"),
    {1, ANY, VCPUID_EBX, VCPUID_APIC_ID, CPUID_1_EBX_APIC_ID_SHIFT, CPUID_1_EBX_APIC_ID,
     "initial APIC ID"},
    /* Leaf 6: ARAT only. */
    R(6, ANY, EAX, VALUE, CPUID_6_EAX_ARAT, "power management: ARAT only"),
    R(6, ANY, EBX, VALUE, 0, "power management: no thermal interrupt thresholds"),
    R(6, ANY, ECX, VALUE, 0, "power management: no APERF/MPERF, no energy bias"),
    R(6, ANY, EDX, VALUE, 0, "power management: no hardware feedback"),
    /* Leaf 7 subleaf 0: structured extended features. */
    R(7, 0, EBX, CLEAR, CPUID_7_EBX_TSC_ADJUST, "TSC_ADJUST"),
    R(7, 0, EBX, CLEAR, CPUID_7_EBX_SGX, "SGX"),
    R(7, 0, EBX, CLEAR, CPUID_7_EBX_HLE, "HLE"),
    R(7, 0, EBX, CLEAR, CPUID_7_EBX_RTM, "RTM"),
    R(7, 0, EBX, CLEAR, CPUID_7_EBX_PQM, "cache QoS monitoring"),
    R(7, 0, EBX, CLEAR, CPUID_7_EBX_PQE, "cache QoS allocation"),
    R(7, 0, EBX, CLEAR, CPUID_7_EBX_PT, "Processor Trace"),
    R(7, 0, ECX, CLEAR, CPUID_7_ECX_WAITPKG, "WAITPKG"),
    R(7, 0, ECX, CLEAR, CPUID_7_ECX_CET_SS, "CET shadow stacks"),
    R(7, 0, ECX, CLEAR, CPUID_7_ECX_LA57, "LA57"),
    R(7, 0, ECX, CLEAR, CPUID_7_ECX_SGX_LC, "SGX launch control"),
    R(7, 0, EDX, CLEAR, CPUID_7_EDX_CET_IBT, "CET IBT"),
    R(7, 0, EDX, CLEAR, CPUID_7_EDX_IBRS_IBPB, "IBRS/IBPB"),
    R(7, 0, EDX, CLEAR, CPUID_7_EDX_STIBP, "STIBP"),
    R(7, 0, EDX, CLEAR, CPUID_7_EDX_L1D_FLUSH, "L1D_FLUSH"),
    R(7, 0, EDX, CLEAR, CPUID_7_EDX_ARCH_CAP, "ARCH_CAPABILITIES"),
    R(7, 0, EDX, CLEAR, CPUID_7_EDX_CORE_CAP, "CORE_CAPABILITIES"),
    R(7, 0, EDX, CLEAR, CPUID_7_EDX_SSBD, "SSBD"),
    /* Whole leaves the partition does not offer. */
    ZERO_LEAF(0xA, "architectural PMU (SDM leaf 0AH)"),
    ZERO_LEAF(0xF, "cache QoS monitoring (SDM leaf 0FH; APM Fn0000_000F)"),
    ZERO_LEAF(0x10, "cache QoS allocation (SDM leaf 10H; APM Fn0000_0010)"),
    ZERO_LEAF(0x12, "SGX (SDM leaf 12H)"),
    ZERO_LEAF(0x14, "Processor Trace (SDM leaf 14H)"),
    /* Topology: the vCPU's own APIC ID. */
    {0xB, ANY, VCPUID_EDX, VCPUID_APIC_ID, 0, CPUID_TOPO_EDX_APIC_ID, "x2APIC ID (leaf 0xB)"},
    {0x1F, ANY, VCPUID_EDX, VCPUID_APIC_ID, 0, CPUID_TOPO_EDX_APIC_ID, "x2APIC ID (leaf 0x1F)"},
    R(0xD, 1, EAX, CLEAR, CPUID_D1_EAX_XSAVES, "XSAVES (IA32_XSS)"),
    /* The hypervisor range (the base is zeros; vcpuid.h). */
    R(VCPUID_HV_BASE, ANY, EAX, VALUE, VCPUID_HV_TIMING, "highest hypervisor leaf"),
    R(VCPUID_HV_BASE, ANY, EBX, VALUE, VCPUID_HV_SIG_EBX, "signature \"Para\""),
    R(VCPUID_HV_BASE, ANY, ECX, VALUE, VCPUID_HV_SIG_ECX, "signature \"petH\""),
    R(VCPUID_HV_BASE, ANY, EDX, VALUE, VCPUID_HV_SIG_EDX, "signature \"V\\0\\0\\0\""),
    R(VCPUID_HV_TIMING, ANY, EAX, TSC_KHZ, 0, "TSC frequency in kHz"),
    /* Extended leaves. */
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_SVM, "SVM"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_EXTAPIC, "ExtApicSpace"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_OSVW, "OSVW"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_IBS, "IBS"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_SKINIT, "SKINIT"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_TCE, "TCE"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_NODEID, "NodeId MSR"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_PERFCTR_CORE, "perfctr_core"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_PERFCTR_NB, "perfctr_nb"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_BPEXT, "breakpoint extension"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_PERFCTR_LLC, "perfctr_llc"),
    R(0x80000001u, ANY, ECX, CLEAR, CPUID_81_ECX_MONITORX, "MONITORX"),
    R(0x80000001u, ANY, EDX, CLEAR, CPUID_81_EDX_FFXSR, "FFXSR"),
    R(0x80000007u, ANY, EAX, VALUE, 0, "no RAS capabilities"),
    R(0x80000007u, ANY, EBX, VALUE, 0, "no MCA recovery features"),
    R(0x80000007u, ANY, ECX, VALUE, 0, "no power sample time ratio"),
    R(0x80000007u, ANY, EDX, VALUE, CPUID_87_EDX_INVTSC, "invariant TSC only"),
    R(0x80000008u, ANY, EBX, CLEAR, CPUID_88_EBX_IBPB, "IBPB"),
    R(0x80000008u, ANY, EBX, CLEAR, CPUID_88_EBX_IBRS, "IBRS"),
    R(0x80000008u, ANY, EBX, CLEAR, CPUID_88_EBX_STIBP, "STIBP"),
    R(0x80000008u, ANY, EBX, CLEAR, CPUID_88_EBX_SSBD, "SSBD"),
    R(0x80000008u, ANY, EBX, CLEAR, CPUID_88_EBX_VIRT_SSBD, "VIRT_SSBD"),
    ZERO_LEAF(0x8000000Au, "SVM features (APM Fn8000_000A)"),
    ZERO_LEAF(0x8000001Bu, "IBS features (APM Fn8000_001B)"),
    {0x8000001Eu, ANY, VCPUID_EAX, VCPUID_APIC_ID, 0, CPUID_81E_EAX_APIC_ID, "extended APIC ID"},
    ZERO_LEAF(0x8000001Fu, "SME/SEV (APM Fn8000_001F)"),
    ZERO_LEAF(0x80000020u, "PQOS extensions (APM Fn8000_0020)"),
    R(0x80000021u, ANY, EAX, CLEAR, CPUID_821_EAX_AUTO_IBRS, "automatic IBRS"),
    ZERO_LEAF(0x80000022u, "PerfMonV2 (APM Fn8000_0022)"),
};
const u32 vcpuid_rule_count = sizeof(vcpuid_rules) / sizeof(vcpuid_rules[0]);

int vcpuid_init(struct vcpuid *v, vcpuid_host_fn host, void *ctx, u32 apic_id, u32 tsc_khz,
		struct pp_err *err)
{
	struct vcpuid_regs r;

	if (!host)
		return pp_fail(err, PP_EINVAL, "vcpuid: no host CPUID callback");
	if (apic_id > VCPUID_MAX_APIC_ID)
		return pp_fail(err, PP_ERANGE,
			       "vcpuid: APIC ID 0x%x does not fit CPUID 1.EBX[31:24] (max 0x%x)",
			       apic_id, VCPUID_MAX_APIC_ID);
	if (!tsc_khz)
		return pp_fail(err, PP_ERANGE, "vcpuid: TSC frequency 0 kHz");
	v->host = host;
	v->ctx = ctx;
	v->apic_id = apic_id;
	v->tsc_khz = tsc_khz;
	host(ctx, 0, 0, &r);
	v->basic_max = r.eax;
	host(ctx, VCPUID_EXT_BASE, 0, &r);
	v->ext_max = r.eax;
	return 0;
}

static u32 *reg_of(struct vcpuid_regs *r, u8 reg)
{
	switch (reg) {
	case VCPUID_EAX: return &r->eax;
	case VCPUID_EBX: return &r->ebx;
	case VCPUID_ECX: return &r->ecx;
	default: return &r->edx;
	}
}

/* Where the guest's answer starts from: the host's, zeros, or (false) a
 * leaf outside every range, which stays zero. */
static bool in_range(const struct vcpuid *v, u32 leaf, bool *from_host)
{
	*from_host = false;
	if (leaf >= VCPUID_HV_BASE && leaf <= VCPUID_HV_LAST)
		return true;
	*from_host = true;
	if (leaf < VCPUID_HV_BASE)
		return leaf <= v->basic_max;
	if (leaf >= VCPUID_EXT_BASE && leaf < VCPUID_EXT_END)
		return leaf == VCPUID_EXT_BASE || leaf <= v->ext_max;
	return false;
}

static void apply(const struct vcpuid *v, const struct vcpuid_rule *rule, struct vcpuid_regs *r)
{
	u32 *x = reg_of(r, rule->reg);

	switch (rule->op) {
	case VCPUID_CLEAR: *x &= ~rule->mask; break;
	case VCPUID_SET: *x |= rule->mask; break;
	case VCPUID_ZERO: memset(r, 0, sizeof(*r)); break;
	case VCPUID_VALUE: *x = rule->mask; break;
	case VCPUID_APIC_ID:
		*x = (*x & ~rule->mask) | ((v->apic_id << rule->shift) & rule->mask);
		break;
	case VCPUID_TSC_KHZ: *x = v->tsc_khz; break;
	default: break;
	}
}

void vcpuid_answer(const struct vcpuid *v, u32 leaf, u32 subleaf, struct vcpuid_regs *out)
{
	struct vcpuid_regs r = {0, 0, 0, 0};
	bool from_host;

	if (in_range(v, leaf, &from_host)) {
		if (from_host)
			v->host(v->ctx, leaf, subleaf, &r);
		for (u32 i = 0; i < vcpuid_rule_count; i++) {
			const struct vcpuid_rule *rule = &vcpuid_rules[i];
			if (rule->leaf == leaf &&
			    (rule->subleaf == VCPUID_ANY_SUB || rule->subleaf == subleaf))
				apply(v, rule, &r);
		}
	}
	*out = r;
}
