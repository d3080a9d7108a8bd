// SPDX-License-Identifier: GPL-2.0-only
/*
 * The xAPIC write filter (vapic.h): the rule for each register of the
 * local APIC page (Intel SDM vol. 3A Table 11-1; AMD APM vol. 2 Table
 * 16-2), the per-vCPU ICR_HIGH copy and the counters. The ICR_LOW rules
 * are in vapic_icr.c.
 *
 * What is written through, with only the register's writable bits (a
 * read-only or reserved bit is never passed to the hardware):
 *   EOI, ESR        0 (SDM 11.8.5: the EOI value is ignored, 0 asked for;
 *                   11.5.3: the value written to ESR does not matter)
 *   TPR             bits 7:0 (11.8.3.1)
 *   SVR             vector, APIC enable, focus check, EOI-broadcast
 *                   suppression: bits 12, 9:0 (11.9; APM 16.4.7). A
 *                   software-disabled APIC still takes NMI and INIT (11.4.7.2),
 *                   so the hypervisor keeps its way into the core.
 *   TMICT           all 32 bits; TDCR bits 3, 1:0 (11.5.4)
 *   LVTs            (11.5.1) masked: any value; unmasked: delivery mode
 *                   fixed and vector 16-255. SMI, NMI, INIT and ExtINT in an
 *                   unmasked LVT are refused: the LINT pins and the PIC are
 *                   the platform's, "only one processor in the system should
 *                   have an LVT entry configured to use the ExtINT delivery
 *                   mode" (11.5.1), and the hypervisor owns NMI. The timer's
 *                   TSC-deadline mode (hidden by CPUID) is refused.
 * Refused: the APIC ID (writable on some models only, 11.4.6; a moved ID
 * would take IPIs meant for another core), LDR and
 * DFR (logical destinations are refused: Linux runs physflat, FADT bit 19,
 * and its physflat driver writes neither), reserved offsets, offsets not on
 * a register boundary, AMD's extended space, any size but 4 (11.4.1: 32-bit
 * accesses only). Dropped: writes to read-only registers.
 */
#include <parapet/string.h>
#include "hypervisor/core/linux/vapic_int.h"

/* Writable bits (SDM 11.5.1, 11.5.4, 11.8.3.1, 11.9; APM 16.4). */
#define TPR_BITS 0x000000FFu
#define SVR_BITS 0x000013FFu
#define TDCR_BITS 0x0000000Bu
#define LVT_TIMER_BITS 0x000700FFu /* vector, mask, timer mode */
#define LVT_DM_BITS 0x000107FFu	   /* vector, delivery mode, mask */
#define LVT_LINT_BITS 0x0001A7FFu  /* + polarity (13), trigger (15) */
#define LVT_ERROR_BITS 0x000100FFu /* vector, mask */
#define TIMER_MODE_TSC_DEADLINE 2u

void vapic_deny(struct vapic_action *out, enum vapic_reason reason)
{
	out->kind = reason < VAPIC_R_SIZE ? VAPIC_DROP : VAPIC_REFUSE;
	out->reason = (u8)reason;
	out->vector = 0;
	out->reg = 0;
	out->value = 0;
	out->targets = 0;
}

static void write_through(struct vapic_action *out, u32 reg, u32 value)
{
	out->kind = VAPIC_WRITE;
	out->reason = VAPIC_OK;
	out->vector = 0;
	out->reg = reg;
	out->value = value;
	out->targets = 0;
}

/*
 * An LVT entry: bits = its writable bits; has_dm: it has a delivery-mode
 * field (CMCI, thermal, perf, LINT0, LINT1; not timer or error).
 */
static void lvt(struct vapic_action *out, u32 reg, u32 v, u32 bits, bool has_dm)
{
	v &= bits;
	if (reg == VAPIC_LVT_TIMER && (v >> VAPIC_TIMER_MODE_SHIFT) >= TIMER_MODE_TSC_DEADLINE) {
		vapic_deny(out, VAPIC_R_TIMER_MODE);
		return;
	}
	if (!(v & VAPIC_LVT_MASKED)) {
		if (has_dm && ((v >> VAPIC_ICR_DM_SHIFT) & 7u) != VAPIC_DM_FIXED) {
			vapic_deny(out, VAPIC_R_LVT_MODE);
			return;
		}
		if ((v & 0xFFu) < VAPIC_MIN_VECTOR) {
			vapic_deny(out, VAPIC_R_VECTOR);
			return;
		}
	}
	write_through(out, reg, v);
}

static bool read_only(u32 off)
{
	switch (off) {
	case VAPIC_VERSION:
	case VAPIC_APR:
	case VAPIC_PPR:
	case VAPIC_RRD:
	case VAPIC_TMCCT: return true;
	default: return off >= VAPIC_ISR && off < VAPIC_ESR; /* ISR, TMR, IRR */
	}
}

/* The rule for a 4-byte write at a register boundary below 0x400. */
static void reg_rule(struct vapic_part *p, u32 vcpu, u32 off, u32 v, struct vapic_action *out)
{
	switch (off) {
	case VAPIC_EOI:
	case VAPIC_ESR: write_through(out, off, 0); return;
	case VAPIC_TPR: write_through(out, off, v & TPR_BITS); return;
	case VAPIC_SVR: write_through(out, off, v & SVR_BITS); return;
	case VAPIC_TMICT: write_through(out, off, v); return;
	case VAPIC_TDCR: write_through(out, off, v & TDCR_BITS); return;
	case VAPIC_LVT_TIMER: lvt(out, off, v, LVT_TIMER_BITS, false); return;
	case VAPIC_LVT_ERROR: lvt(out, off, v, LVT_ERROR_BITS, false); return;
	case VAPIC_LVT_CMCI:
	case VAPIC_LVT_THERMAL:
	case VAPIC_LVT_PERF: lvt(out, off, v, LVT_DM_BITS, true); return;
	case VAPIC_LVT_LINT0:
	case VAPIC_LVT_LINT1: lvt(out, off, v, LVT_LINT_BITS, true); return;
	case VAPIC_ICR_HIGH:
		/* Kept, not written: the hypervisor's own IPIs use the real
		 * ICR_HIGH between the guest's two writes. */
		p->vcpu[vcpu].icr_high = v & VAPIC_ICR_HIGH_DEST;
		write_through(out, 0, 0);
		out->kind = VAPIC_STORED;
		return;
	case VAPIC_ICR_LOW: vapic_icr(p, vcpu, p->vcpu[vcpu].icr_high, v, out); return;
	case VAPIC_ID: vapic_deny(out, VAPIC_R_APIC_ID); return;
	case VAPIC_LDR:
	case VAPIC_DFR: vapic_deny(out, VAPIC_R_LOGICAL); return;
	default: vapic_deny(out, read_only(off) ? VAPIC_D_READ_ONLY : VAPIC_R_RESERVED_REG); return;
	}
}

int vapic_write(struct vapic_part *p, u32 vcpu, u32 off, u32 value, u32 size,
		struct vapic_action *out, struct pp_err *err)
{
	struct vapic_action a;

	if (vcpu >= p->cpu_count)
		return pp_fail(err, PP_ERANGE, "vapic: vCPU %u of a partition of %u", vcpu,
			       p->cpu_count);
	if (off >= VAPIC_PAGE_SIZE)
		return pp_fail(err, PP_ERANGE, "vapic: offset 0x%x outside the APIC page", off);
	if (size != 4u)
		vapic_deny(&a, VAPIC_R_SIZE);
	else if (off & 0xFu)
		vapic_deny(&a, VAPIC_R_UNALIGNED);
	else if (off >= VAPIC_REGS_END)
		vapic_deny(&a, VAPIC_R_EXT_SPACE);
	else
		reg_rule(p, vcpu, off, value, &a);
	p->vcpu[vcpu].kinds[a.kind]++;
	p->vcpu[vcpu].reasons[a.reason]++;
	*out = a;
	return PP_OK;
}

int vapic_init(struct vapic_part *p, u32 cpu_count, const u32 *apic_ids, struct pp_err *err)
{
	if (cpu_count == 0 || cpu_count > VAPIC_MAX_CPUS)
		return pp_fail(err, PP_ERANGE, "vapic: %u vCPUs (1..%u)", cpu_count,
			       VAPIC_MAX_CPUS);
	for (u32 i = 0; i < cpu_count; i++) {
		if (apic_ids[i] > VAPIC_MAX_APIC_ID)
			return pp_fail(err, PP_ERANGE,
				       "vapic: vCPU %u: APIC ID 0x%x above 0x%x (xAPIC)", i,
				       apic_ids[i], VAPIC_MAX_APIC_ID);
		for (u32 j = 0; j < i; j++)
			if (apic_ids[j] == apic_ids[i])
				return pp_fail(err, PP_EINVAL,
					       "vapic: vCPUs %u and %u share APIC ID 0x%x", j, i,
					       apic_ids[i]);
	}
	memset(p, 0, sizeof(*p));
	p->cpu_count = cpu_count;
	for (u32 i = 0; i < cpu_count; i++)
		p->apic_id[i] = (u8)apic_ids[i];
	return PP_OK;
}

void vapic_counts(const struct vapic_part *p, struct vapic_counts *out)
{
	memset(out, 0, sizeof(*out));
	for (u32 i = 0; i < p->cpu_count && i < VAPIC_MAX_CPUS; i++) {
		for (u32 k = 0; k < VAPIC_KIND_COUNT; k++)
			out->kinds[k] += p->vcpu[i].kinds[k];
		for (u32 r = 0; r < VAPIC_REASON_COUNT; r++)
			out->reasons[r] += p->vcpu[i].reasons[r];
	}
}

static const char *const kind_names[VAPIC_KIND_COUNT] = {
    [VAPIC_WRITE] = "write",   [VAPIC_IPI] = "ipi",	  [VAPIC_INIT] = "init",
    [VAPIC_SIPI] = "sipi",     [VAPIC_STORED] = "stored", [VAPIC_DROP] = "drop",
    [VAPIC_REFUSE] = "refuse",
};

static const char *const reason_names[VAPIC_REASON_COUNT] = {
    [VAPIC_OK] = "ok",
    [VAPIC_D_READ_ONLY] = "read-only-register",
    [VAPIC_D_INIT_DEASSERT] = "init-deassert",
    [VAPIC_D_NO_TARGET] = "no-other-vcpu",
    [VAPIC_R_SIZE] = "not-4-bytes",
    [VAPIC_R_UNALIGNED] = "not-register-aligned",
    [VAPIC_R_EXT_SPACE] = "extended-apic-space",
    [VAPIC_R_RESERVED_REG] = "reserved-register",
    [VAPIC_R_APIC_ID] = "apic-id-register",
    [VAPIC_R_LOGICAL] = "logical-destination",
    [VAPIC_R_LVT_MODE] = "lvt-delivery-mode",
    [VAPIC_R_TIMER_MODE] = "timer-mode",
    [VAPIC_R_VECTOR] = "illegal-vector",
    [VAPIC_R_SMI] = "smi",
    [VAPIC_R_NMI] = "nmi",
    [VAPIC_R_LOWEST] = "lowest-priority",
    [VAPIC_R_ICR_MODE] = "icr-delivery-mode",
    [VAPIC_R_SHORTHAND] = "shorthand-mode",
    [VAPIC_R_BROADCAST] = "broadcast",
    [VAPIC_R_FOREIGN] = "foreign-apic-id",
    [VAPIC_R_INIT_SELF] = "init-sipi-to-self",
};

const char *vapic_kind_name(u32 kind)
{
	return kind < VAPIC_KIND_COUNT && kind_names[kind] ? kind_names[kind] : "?";
}

const char *vapic_reason_name(u32 reason)
{
	return reason < VAPIC_REASON_COUNT ? reason_names[reason] : "?";
}
