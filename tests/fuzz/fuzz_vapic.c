// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the xAPIC write filter (hypervisor/core/linux/vapic.h)
 * on any partition and any sequence of writes.
 *
 * Input: byte 0: vCPU count (1 + b % 64) and, in bit 7 of byte 1, where the
 * APIC IDs come from (the next bytes as they are, often refused; or
 * distinct IDs from byte 2 on); then 8-byte records: vCPU (0xFF: one past
 * the last), offset (a register slot, or any 12/13-bit offset), size (4
 * unless the byte is 0xF0 or above), value (le32).
 *
 * Invariants, against a model of each vCPU's ICR_HIGH: no crash or
 * undefined behaviour; a refused set-up or call changes nothing; every
 * action is well formed (kind, reason class, targets only for IPI, INIT,
 * SIPI, inside the partition and never empty); a VAPIC_WRITE goes only to
 * EOI, TPR, SVR, ESR, TMICT, TDCR or an LVT, and an unmasked LVT it
 * writes is fixed with a vector >= 16 and not in TSC-deadline mode; an IPI,
 * INIT or SIPI comes only from a 4-byte ICR_LOW write whose delivery mode
 * is fixed, INIT or STARTUP respectively (never SMI, NMI, lowest priority,
 * 011 or 111), never in logical mode without a shorthand, and without a
 * shorthand reaches exactly the vCPU owning ICR_HIGH's destination (so
 * never a foreign APIC ID); INIT and SIPI never reach the writer; the
 * counters add up to the calls made, per vCPU.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include "hypervisor/core/linux/vapic.h"
#include "tests/unit/vapic_eq.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct vapic_part P, SAVED;

static bool lvt_reg(u32 off)
{
	return off == VAPIC_LVT_CMCI || (off >= VAPIC_LVT_TIMER && off <= VAPIC_LVT_ERROR);
}

static void check_write(const struct vapic_action *a)
{
	switch (a->reg) {
	case VAPIC_EOI:
	case VAPIC_ESR:
		if (a->value)
			abort();
		return;
	case VAPIC_TPR:
	case VAPIC_SVR:
	case VAPIC_TMICT:
	case VAPIC_TDCR: return;
	default: break;
	}
	if (!lvt_reg(a->reg))
		abort();
	if (a->reg == VAPIC_LVT_TIMER && (a->value >> VAPIC_TIMER_MODE_SHIFT) >= 2)
		abort();
	if (a->value & VAPIC_LVT_MASKED)
		return;
	if ((a->value & 0xFFu) < VAPIC_MIN_VECTOR)
		abort();
	if (a->reg != VAPIC_LVT_TIMER && a->reg != VAPIC_LVT_ERROR &&
	    ((a->value >> VAPIC_ICR_DM_SHIFT) & 7u) != VAPIC_DM_FIXED)
		abort();
}

static void check_send(const struct vapic_action *a, u32 vcpu, u32 off, u32 value, u32 sz,
		       u32 icr_high)
{
	const u32 dm = (value >> VAPIC_ICR_DM_SHIFT) & 7u;
	const u32 sh = (value >> VAPIC_ICR_SH_SHIFT) & 3u;
	const u64 all = P.cpu_count == 64 ? ~0ull : (1ull << P.cpu_count) - 1u;

	if (off != VAPIC_ICR_LOW || sz != 4 || !a->targets || (a->targets & ~all))
		abort();
	if (a->kind == VAPIC_IPI &&
	    (dm != VAPIC_DM_FIXED || a->vector != (value & 0xFFu) || a->vector < VAPIC_MIN_VECTOR))
		abort();
	if (a->kind == VAPIC_INIT && (dm != VAPIC_DM_INIT || !(value & VAPIC_ICR_ASSERT)))
		abort();
	if (a->kind == VAPIC_SIPI && (dm != VAPIC_DM_STARTUP || a->vector != (value & 0xFFu)))
		abort();
	if (a->kind != VAPIC_IPI && (a->targets & (1ull << vcpu)))
		abort();
	if (sh == VAPIC_SH_SELF && a->targets != 1ull << vcpu)
		abort();
	if (sh == VAPIC_SH_ALL && a->targets != all)
		abort();
	if (sh == VAPIC_SH_ALL_BUT_SELF && a->targets != (all & ~(1ull << vcpu)))
		abort();
	if (sh != VAPIC_SH_NONE)
		return;
	if (value & VAPIC_ICR_LOGICAL)
		abort();
	/* Exactly the vCPU owning the destination. */
	for (u32 i = 0; i < P.cpu_count; i++)
		if (((a->targets >> i) & 1u) != (P.apic_id[i] == icr_high >> 24))
			abort();
}

static void check_action(const struct vapic_action *a, u32 vcpu, u32 off, u32 value, u32 sz,
			 u32 icr_high)
{
	const bool denied = a->kind == VAPIC_DROP || a->kind == VAPIC_REFUSE;

	if (a->kind < VAPIC_WRITE || a->kind >= VAPIC_KIND_COUNT ||
	    a->reason >= VAPIC_REASON_COUNT || denied != (a->reason != VAPIC_OK))
		abort();
	if (a->kind == VAPIC_DROP && a->reason >= VAPIC_R_SIZE)
		abort();
	if (a->kind == VAPIC_REFUSE && a->reason < VAPIC_R_SIZE)
		abort();
	if (a->kind == VAPIC_IPI || a->kind == VAPIC_INIT || a->kind == VAPIC_SIPI) {
		check_send(a, vcpu, off, value, sz, icr_high);
		return;
	}
	if (a->targets)
		abort();
	if (a->kind == VAPIC_WRITE) {
		if (sz != 4)
			abort();
		check_write(a);
	}
	if (a->kind == VAPIC_STORED && (off != VAPIC_ICR_HIGH || sz != 4))
		abort();
}

static void setup(const u8 *data, size_t size, u32 n)
{
	u32 ids[VAPIC_MAX_CPUS];
	struct pp_err err;

	if (size > 1 && (data[1] & 0x80u) && size >= 2 + n) {
		for (u32 i = 0; i < n; i++)
			ids[i] = data[2 + i];
		memcpy(&SAVED, &P, sizeof(P));
		if (vapic_init(&P, n, ids, &err) == PP_OK)
			return;
		if (!part_eq(&SAVED, &P) || !err.msg[0])
			abort();
	}
	const u32 base = size > 2 ? data[2] : 0;
	for (u32 i = 0; i < n; i++)
		ids[i] = (base + i) % (VAPIC_MAX_APIC_ID + 1u);
	if (vapic_init(&P, n, ids, &err) != PP_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u32 model_high[VAPIC_MAX_CPUS] = {0};
	u64 calls[VAPIC_MAX_CPUS] = {0};
	struct vapic_action a, before;
	struct vapic_counts c;
	struct pp_err err;

	if (size < 1)
		return 0;
	const u32 n = 1u + data[0] % VAPIC_MAX_CPUS;
	memset(&P, 0x5A, sizeof(P));
	setup(data, size, n);

	const size_t start = (data[1 % size] & 0x80u) ? 2 + n : 3;
	for (size_t i = start; i + 8 <= size; i += 8) {
		const u8 *r = data + i;
		const u32 vcpu = r[0] == 0xFF ? n : r[0] % n;
		const u32 off = (r[1] & 0x80u) ? ld_le16(r + 1) & 0x1FFFu : (r[1] & 0x3Fu) << 4;
		const u32 sz = r[3] >= 0xF0u ? r[3] & 0xFu : 4u;
		const u32 value = ld_le32(r + 4);

		memset(&a, 0xC3, sizeof(a));
		memcpy(&before, &a, sizeof(a));
		if (vapic_write(&P, vcpu, off, value, sz, &a, &err) != PP_OK) {
			if ((vcpu < n && off < VAPIC_PAGE_SIZE) || !action_eq(&a, &before))
				abort();
			continue;
		}
		if (vcpu >= n || off >= VAPIC_PAGE_SIZE)
			abort();
		calls[vcpu]++;
		check_action(&a, vcpu, off, value, sz, model_high[vcpu]);
		if (a.kind == VAPIC_STORED)
			model_high[vcpu] = value & VAPIC_ICR_HIGH_DEST;
		if (P.vcpu[vcpu].icr_high != model_high[vcpu])
			abort();
	}
	vapic_counts(&P, &c);
	u64 total = 0, want = 0;
	for (u32 v = 0; v < n; v++) {
		u64 mine = 0, reasons = 0;
		for (u32 k = 0; k < VAPIC_KIND_COUNT; k++)
			mine += P.vcpu[v].kinds[k];
		for (u32 k = 0; k < VAPIC_REASON_COUNT; k++)
			reasons += P.vcpu[v].reasons[k];
		if (mine != calls[v] || reasons != calls[v])
			abort();
		want += calls[v];
	}
	for (u32 k = 0; k < VAPIC_KIND_COUNT; k++)
		total += c.kinds[k];
	if (total != want)
		abort();
	return 0;
}
