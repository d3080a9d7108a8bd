// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MSR policy of a Linux partition (vmsr.h): the table and the
 * validation of emulated writes. Sources: AMD APM vol. 2 (24593) §15.5
 * (what VMRUN, #VMEXIT, VMLOAD and VMSAVE switch), §3.1.7 (EFER); Intel SDM
 * vol. 3A/4 (section numbers of the 2023 and later editions): §11.4.4
 * (APIC base), §12.11 (MTRRs), §12.12 (PAT), §4.1.2 (paging-mode
 * enabling); the Linux-guest notes (/work/shared/notes/linux-guest.md §4)
 * for which MSRs a booting Linux touches and how. Trust: the guest picks
 * the index and the value; both only select a row and are checked before
 * anything is stored.
 */
#include <parapet/string.h>
#include "vmsr.h"

#define P VMSR_PASSTHROUGH
#define E VMSR_EMULATE
#define F VMSR_FIXED
#define G VMSR_GP

/* VMLOAD/VMSAVE switch FS, GS, TR, LDTR with hidden state, KernelGsBase,
 * STAR, LSTAR, CSTAR, SFMASK and the SYSENTER MSRs (APM vol. 2 §15.5.2). */
#define VMLOADED "VMLOAD/VMSAVE (APM vol. 2 §15.5.2)"
#define GP_PMU "no PMU (CPUID 0xA zero, perfctr_core clear)"
#define GP_MCA "no machine check (CPUID 1.EDX MCE/MCA clear)"
#define GP_SPEC "no speculation controls (CPUID 7.EDX[26,27,31], 0x80000008.EBX clear)"

/* HWCR bit 24 TscFreqSel: the TSC counts at the P0 frequency (AMD BKDG/PPR,
 * MSRC001_0015); Linux checks it before trusting the TSC on AMD. */
#define HWCR_TSC_FREQ_SEL (1ull << 24)
/* NB_CFG bit 46 EnableCf8ExtCfg (AMD BKDG, MSRC001_001F): amd_bus.c reads
 * it with an unchecked accessor on every CPU. */
#define NB_CFG_CF8_EXT_CFG (1ull << 46)
/* DE_CFG bit 1: LFENCE is dispatch serializing (AMD software techniques for
 * managing speculation, 2018): Linux may then use LFENCE before RDTSC. */
#define DE_CFG_LFENCE_SERIALIZE (1ull << 1)

#define ROW(lo, hi, rd, wr, kind, fixed, name, why)                                                \
	{                                                                                          \
		(lo), (hi), (rd), (wr), (kind), (fixed), (name), (why)                             \
	}
#define ONE(i, rd, wr, kind, fixed, name, why) ROW((i), (i), rd, wr, kind, fixed, name, why)

/* Sorted by index, disjoint (tests/unit/test_vmsr.c checks both). */
const struct vmsr_row vmsr_rows[] = {
    ONE(0x10, P, G, VMSR_K_NONE, 0, "TSC",
	"read: the CPU adds the VMCB's TSC_OFFSET (APM vol. 2 ch. 15); a write would move "
	"the host's TSC"),
    ONE(0x1B, E, E, VMSR_K_APIC_BASE, 0, "APIC_BASE", 0),
    ONE(0x3B, G, G, VMSR_K_NONE, 0, "TSC_ADJUST", "no TSC_ADJUST (CPUID 7.EBX[1] clear)"),
    ROW(0x48, 0x49, G, G, VMSR_K_NONE, 0, "SPEC_CTRL/PRED_CMD", GP_SPEC),
    ONE(0x8B, F, F, VMSR_K_NONE, 0, "PATCH_LEVEL/BIOS_SIGN_ID",
	"microcode revision: 0, writes ignored"),
    ROW(0xC1, 0xC8, G, G, VMSR_K_NONE, 0, "IA32_PMCx", GP_PMU),
    ONE(0xFE, F, G, VMSR_K_NONE, VMSR_MTRRCAP_VALUE, "MTRRCAP",
	"read-only (SDM §12.11.1): a write is #GP"),
    ROW(0x174, 0x176, P, P, VMSR_K_NONE, 0, "SYSENTER_CS/ESP/EIP", VMLOADED),
    ROW(0x179, 0x17B, G, G, VMSR_K_NONE, 0, "MCG_CAP/STATUS/CTL", GP_MCA),
    ROW(0x186, 0x18D, G, G, VMSR_K_NONE, 0, "IA32_PERFEVTSELx", GP_PMU),
    ROW(0x200, 0x200 + 2 * VMSR_MTRR_VAR_COUNT - 1, E, E, VMSR_K_MTRR_VAR, 0,
	"MTRR_PHYSBASE/PHYSMASK", 0),
    ONE(0x250, E, E, VMSR_K_MTRR_FIX, 0, "MTRR_FIX64K_00000", 0),
    ROW(0x258, 0x259, E, E, VMSR_K_MTRR_FIX, 0, "MTRR_FIX16K", 0),
    ROW(0x268, 0x26F, E, E, VMSR_K_MTRR_FIX, 0, "MTRR_FIX4K", 0),
    ONE(0x277, E, E, VMSR_K_PAT, 0, "PAT", 0),
    ROW(0x280, 0x29F, G, G, VMSR_K_NONE, 0, "MCi_CTL2", GP_MCA),
    ONE(0x2FF, E, E, VMSR_K_MTRR_DEF, 0, "MTRR_DEF_TYPE", 0),
    ROW(0x309, 0x30B, G, G, VMSR_K_NONE, 0, "IA32_FIXED_CTRx", GP_PMU),
    ONE(0x345, G, G, VMSR_K_NONE, 0, "PERF_CAPABILITIES", GP_PMU),
    ROW(0x38D, 0x390, G, G, VMSR_K_NONE, 0, "IA32_PERF_GLOBAL_*", GP_PMU),
    ROW(0x400, 0x47F, G, G, VMSR_K_NONE, 0, "MCi_CTL/STATUS/ADDR/MISC", GP_MCA),
    ONE(0x6E0, G, G, VMSR_K_NONE, 0, "TSC_DEADLINE",
	"no TSC-deadline timer (CPUID 1.ECX[24] clear)"),
    ROW(0x800, 0x8FF, G, G, VMSR_K_NONE, 0, "x2APIC", "no x2APIC (CPUID 1.ECX[21] clear)"),
    ONE(0xDA0, G, G, VMSR_K_NONE, 0, "XSS", "no XSAVES (CPUID 0xD.1.EAX[3] clear)"),
    ONE(0xC0000080u, E, E, VMSR_K_EFER, 0, "EFER", 0),
    ROW(0xC0000081u, 0xC0000084u, P, P, VMSR_K_NONE, 0, "STAR/LSTAR/CSTAR/SFMASK", VMLOADED),
    ROW(0xC0000100u, 0xC0000102u, P, P, VMSR_K_NONE, 0, "FS_BASE/GS_BASE/KERNEL_GS_BASE", VMLOADED),
    ONE(0xC0000103u, P, P, VMSR_K_NONE, 0, "TSC_AUX",
	"not switched by VMRUN or VMLOAD: the guest's value stays in the core "
	"(exclusive cores only; the hypervisor does not use it)"),
    ROW(0xC0002000u, 0xC0002FFFu, G, G, VMSR_K_NONE, 0, "SMCA banks", GP_MCA),
    ROW(0xC0010000u, 0xC0010007u, G, G, VMSR_K_NONE, 0, "PERF_CTL/PERF_CTR (legacy)", GP_PMU),
    ONE(0xC0010010u, F, F, VMSR_K_NONE, 0, "SYSCFG",
	"0 (no MtrrFixDramModEn, no SME), writes ignored: Linux's MTRR code reads it with an "
	"unchecked accessor (AMD APM vol. 2 7.9.1)"),
    ONE(0xC0010015u, F, F, VMSR_K_NONE, HWCR_TSC_FREQ_SEL, "HWCR",
	"bit 24 TscFreqSel, writes ignored"),
    ONE(0xC001001Fu, F, F, VMSR_K_NONE, NB_CFG_CF8_EXT_CFG, "NB_CFG",
	"bit 46 EnableCf8ExtCfg, writes ignored"),
    ONE(0xC0010114u, G, G, VMSR_K_NONE, 0, "VM_CR", "no SVM (CPUID 0x80000001.ECX[2] clear)"),
    ONE(0xC0010117u, G, G, VMSR_K_NONE, 0, "VM_HSAVE_PA", "no SVM (CPUID 0x80000001.ECX[2] clear)"),
    ROW(0xC0010200u, 0xC001020Bu, G, G, VMSR_K_NONE, 0, "PERF_CTL/PERF_CTR (core)", GP_PMU),
    ROW(0xC0010230u, 0xC001024Fu, G, G, VMSR_K_NONE, 0, "PERF_CTL/PERF_CTR (L3, DF)", GP_PMU),
    ONE(0xC0011020u, F, F, VMSR_K_NONE, 0, "LS_CFG", "0, writes ignored"),
    ONE(0xC0011028u, F, F, VMSR_K_NONE, 0, "FP_CFG", "0, writes ignored"),
    ONE(0xC0011029u, F, F, VMSR_K_NONE, DE_CFG_LFENCE_SERIALIZE, "DE_CFG",
	"bit 1 LFENCE serializing, writes ignored"),
};
const u32 vmsr_row_count = sizeof(vmsr_rows) / sizeof(vmsr_rows[0]);

const struct vmsr_row *vmsr_find(u32 index)
{
	for (u32 i = 0; i < vmsr_row_count; i++)
		if (index >= vmsr_rows[i].lo && index <= vmsr_rows[i].hi)
			return &vmsr_rows[i];
	return NULL;
}

bool vmsr_passthrough(u32 index, bool write)
{
	const struct vmsr_row *r = vmsr_find(index);
	return r && (write ? r->wr : r->rd) == VMSR_PASSTHROUGH;
}

/* Bits at and above MAXPHYADDR (SDM §12.11.2.3: reserved in PHYSBASE,
 * PHYSMASK and, §11.4.4, IA32_APIC_BASE). */
static u64 above_phys(u8 phys_bits)
{
	return ~0ull << phys_bits;
}

/* Memory types an MTRR may hold: UC 0, WC 1, WT 4, WP 5, WB 6 (SDM
 * §12.11.1, "Memory Types That Can Be Encoded in MTRRs"); 2, 3 and 7 and
 * above are reserved and a WRMSR of one is #GP. */
static bool mtrr_type_ok(u8 t)
{
	return t == 0 || t == 1 || t == 4 || t == 5 || t == 6;
}

/* PAT entries add UC- (7). Writing an undefined memory type encoding into
 * the PAT is #GP, and bits 7:3 of each entry are reserved (SDM §12.12.2). */
static bool pat_type_ok(u8 t)
{
	return mtrr_type_ok(t) || t == 7;
}

/* The first of 8 bytes that fails ok(), or -1. */
static int bad_byte(u64 v, bool (*ok)(u8))
{
	for (int i = 0; i < 8; i++)
		if (!ok((u8)(v >> (8 * i))))
			return i;
	return -1;
}

#define MTRR_DEF_TYPE_RSVD (~0xCFFull) /* bits 7:0 type, 10 FE, 11 E (§12.11.2.1) */
#define MTRR_PHYSBASE_RSVD 0xF00ull    /* bits 11:8; type in 7:0 (§12.11.2.3) */
#define MTRR_PHYSMASK_RSVD 0x7FFull    /* bits 10:0; V is bit 11 */
#define APIC_BASE_RSVD_LOW 0x2FFull    /* bits 7:0 and 9 (§11.4.4) */
#define APIC_BASE_ADDR_MASK (~0xFFFull)

/* Fixed-range MTRR index to slot: 0x250 -> 0, 0x258/0x259 -> 1/2,
 * 0x268..0x26F -> 3..10 (SDM §12.11.2.2). */
static u32 mtrr_fix_slot(u32 index)
{
	if (index == 0x250)
		return 0;
	if (index <= 0x259)
		return 1 + (index - 0x258);
	return 3 + (index - 0x268);
}

int vmsr_vcpu_init(struct vmsr_vcpu *s, u32 vcpu_index, u8 phys_bits, struct pp_err *err)
{
	if (phys_bits < 36 || phys_bits > 52)
		return pp_fail(err, PP_ERANGE, "vmsr: MAXPHYADDR %u outside 36..52", phys_bits);
	memset(s, 0, sizeof(*s));
	s->phys_bits = phys_bits;
	s->apic_base =
	    VMSR_APIC_BASE_DEFAULT | VMSR_APIC_BASE_EN | (vcpu_index == 0 ? VMSR_APIC_BASE_BSP : 0);
	s->pat = VMSR_PAT_RESET;
	s->mtrr_def_type = VMSR_MTRR_DEF_TYPE_INIT;
	return 0;
}

bool vmsr_vcpu_consistent(const struct vmsr_vcpu *s)
{
	if (s->phys_bits < 36 || s->phys_bits > 52)
		return false;
	if ((s->apic_base & ~VMSR_APIC_BASE_BSP) != (VMSR_APIC_BASE_DEFAULT | VMSR_APIC_BASE_EN))
		return false;
	if (bad_byte(s->pat, pat_type_ok) >= 0)
		return false;
	if ((s->mtrr_def_type & MTRR_DEF_TYPE_RSVD) || !mtrr_type_ok((u8)s->mtrr_def_type))
		return false;
	for (u32 i = 0; i < VMSR_MTRR_VAR_COUNT; i++) {
		const u64 base = s->mtrr_var[i][0], mask = s->mtrr_var[i][1];
		/* A never-written PHYSBASE is 0 (UC), which is valid. */
		if ((base & (MTRR_PHYSBASE_RSVD | above_phys(s->phys_bits))) ||
		    !mtrr_type_ok((u8)base))
			return false;
		if (mask & (MTRR_PHYSMASK_RSVD | above_phys(s->phys_bits)))
			return false;
	}
	for (u32 i = 0; i < VMSR_MTRR_FIX_COUNT; i++)
		if (bad_byte(s->mtrr_fix[i], mtrr_type_ok) >= 0)
			return false;
	return true;
}

static int refuse(struct vmsr_result *out, struct pp_err *err, const struct vmsr_req *rq,
		  const char *rule)
{
	out->action = VMSR_GP;
	out->value = 0;
	if (rq->write)
		pp_fail(err, PP_EINVAL, "WRMSR 0x%x (%s) value 0x%llx: %s", rq->index, out->name,
			(unsigned long long)rq->value, rule);
	else
		pp_fail(err, PP_EINVAL, "RDMSR 0x%x (%s): %s", rq->index, out->name, rule);
	return VMSR_GP;
}

static int done(struct vmsr_result *out, u8 action, u64 value)
{
	out->action = action;
	out->value = value;
	return action;
}

/*
 * EFER writes (APM vol. 2 §3.1.7): reserved bits are MBZ; SVME is not the
 * guest's (SVM is not offered, and VMRUN needs it set: it is kept); LMA is
 * maintained by the processor, and a write of a value that differs from
 * the processor's is #GP (the APM's rule as remembered, not checked
 * against the current text; the SDM calls LMA read-only, Table 2-1); LME
 * cannot change while paging is on (SDM §4.1.2, #GP(0)).
 */
static int efer_write(const struct vmsr_req *rq, struct vmsr_result *out, struct pp_err *err)
{
	const u64 v = rq->value, cur = rq->efer;

	if (v & ~VMSR_EFER_GUEST)
		return refuse(out, err, rq,
			      (v & VMSR_EFER_SVME) ? "SVME is the hypervisor's (no SVM offered)"
						   : "reserved or unsupported bit (only SCE, LME, "
						     "LMA, NXE)");
	if ((v & VMSR_EFER_LMA) != (cur & VMSR_EFER_LMA))
		return refuse(out, err, rq, "LMA differs from the processor's (APM vol. 2 §3.1.7)");
	if ((rq->cr0 & VMSR_CR0_PG) && (v & VMSR_EFER_LME) != (cur & VMSR_EFER_LME))
		return refuse(out, err, rq, "LME changed while paging is on (SDM §4.1.2)");
	return done(out, VMSR_EMULATE, v | VMSR_EFER_SVME);
}

static int apic_base_write(struct vmsr_vcpu *s, const struct vmsr_req *rq, struct vmsr_result *out,
			   struct pp_err *err)
{
	const u64 v = rq->value;

	if (v & (APIC_BASE_RSVD_LOW | above_phys(s->phys_bits)))
		return refuse(out, err, rq, "reserved bit set");
	if (v & VMSR_APIC_BASE_EXTD)
		return refuse(out, err, rq, "x2APIC mode not offered");
	if ((v & APIC_BASE_ADDR_MASK) != (s->apic_base & APIC_BASE_ADDR_MASK))
		return refuse(out, err, rq, "relocation of the xAPIC page refused");
	if (!(v & VMSR_APIC_BASE_EN))
		return refuse(out, err, rq, "the xAPIC stays enabled");
	if ((v & VMSR_APIC_BASE_BSP) != (s->apic_base & VMSR_APIC_BASE_BSP))
		return refuse(out, err, rq, "the BSP flag is fixed");
	return done(out, VMSR_EMULATE, s->apic_base);
}

static int emulate_write(struct vmsr_vcpu *s, const struct vmsr_row *row, const struct vmsr_req *rq,
			 struct vmsr_result *out, struct pp_err *err)
{
	const u64 v = rq->value;
	int b;

	switch (row->kind) {
	case VMSR_K_EFER: return efer_write(rq, out, err);
	case VMSR_K_APIC_BASE: return apic_base_write(s, rq, out, err);
	case VMSR_K_PAT:
		b = bad_byte(v, pat_type_ok);
		if (b >= 0) {
			pp_fail(err, PP_EINVAL,
				"WRMSR 0x277 (PAT) value 0x%llx: entry %d holds memory type 0x%x "
				"(reserved; SDM §12.12.2)",
				(unsigned long long)v, b, (unsigned)(u8)(v >> (8 * b)));
			return done(out, VMSR_GP, 0);
		}
		s->pat = v;
		return done(out, VMSR_EMULATE, v);
	case VMSR_K_MTRR_DEF:
		if (v & MTRR_DEF_TYPE_RSVD)
			return refuse(out, err, rq, "reserved bit set (SDM §12.11.2.1)");
		if (!mtrr_type_ok((u8)v))
			return refuse(out, err, rq, "reserved memory type (SDM §12.11.2.1)");
		s->mtrr_def_type = v;
		return done(out, VMSR_EMULATE, v);
	case VMSR_K_MTRR_VAR: {
		const u32 n = (rq->index - 0x200) / 2, is_mask = (rq->index - 0x200) % 2;
		if (is_mask) {
			if (v & (MTRR_PHYSMASK_RSVD | above_phys(s->phys_bits)))
				return refuse(out, err, rq, "reserved bit set (SDM §12.11.2.3)");
		} else {
			if (v & (MTRR_PHYSBASE_RSVD | above_phys(s->phys_bits)))
				return refuse(out, err, rq, "reserved bit set (SDM §12.11.2.3)");
			if (!mtrr_type_ok((u8)v))
				return refuse(out, err, rq,
					      "reserved memory type (SDM §12.11.2.3)");
		}
		s->mtrr_var[n][is_mask] = v;
		return done(out, VMSR_EMULATE, v);
	}
	case VMSR_K_MTRR_FIX:
		b = bad_byte(v, mtrr_type_ok);
		if (b >= 0) {
			pp_fail(err, PP_EINVAL,
				"WRMSR 0x%x (%s) value 0x%llx: byte %d holds memory type 0x%x "
				"(reserved; SDM §12.11.2.2)",
				rq->index, row->name, (unsigned long long)v, b,
				(unsigned)(u8)(v >> (8 * b)));
			return done(out, VMSR_GP, 0);
		}
		s->mtrr_fix[mtrr_fix_slot(rq->index)] = v;
		return done(out, VMSR_EMULATE, v);
	default: return refuse(out, err, rq, "no emulation for this row");
	}
}

static u64 emulate_read(const struct vmsr_vcpu *s, const struct vmsr_row *row,
			const struct vmsr_req *rq)
{
	switch (row->kind) {
	case VMSR_K_EFER: return rq->efer & ~VMSR_EFER_SVME; /* as if SVM were absent */
	case VMSR_K_APIC_BASE: return s->apic_base;
	case VMSR_K_PAT: return s->pat;
	case VMSR_K_MTRR_DEF: return s->mtrr_def_type;
	case VMSR_K_MTRR_VAR: return s->mtrr_var[(rq->index - 0x200) / 2][(rq->index - 0x200) % 2];
	case VMSR_K_MTRR_FIX: return s->mtrr_fix[mtrr_fix_slot(rq->index)];
	default: return 0;
	}
}

int vmsr_access(struct vmsr_vcpu *s, const struct vmsr_req *rq, struct vmsr_result *out,
		struct pp_err *err)
{
	const struct vmsr_row *row = vmsr_find(rq->index);
	u8 action;

	out->name = row ? row->name : "unlisted MSR";
	if (!row)
		return refuse(out, err, rq, "not in the Linux partition's allowlist");
	action = rq->write ? row->wr : row->rd;
	switch (action) {
	case VMSR_PASSTHROUGH: return done(out, VMSR_PASSTHROUGH, 0);
	case VMSR_FIXED: return done(out, VMSR_FIXED, row->fixed);
	case VMSR_EMULATE:
		if (rq->write)
			return emulate_write(s, row, rq, out, err);
		return done(out, VMSR_EMULATE, emulate_read(s, row, rq));
	default: return refuse(out, err, rq, row->why ? row->why : "refused");
	}
}
