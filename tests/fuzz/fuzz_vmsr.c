// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the MSR policy of a Linux partition
 * (hypervisor/core/linux/vmsr.c) on any sequence of RDMSR/WRMSR. Input:
 * one byte of set-up (bit 0: vCPU 0 or 1; the rest picks MAXPHYADDR
 * 36..52), then 13-byte records: flags (bit 0 write, bit 1 CR0.PG, bit 2
 * the index is raw, else a row's first index plus -2..17), index (4, LE),
 * value (8, LE). Invariants after every access: no crash; a refusal
 * changes nothing and has a message; an unlisted index is refused; the
 * action is the row's (an EMULATE write may be refused); PASSTHROUGH and
 * FIXED change nothing, FIXED reads the row's constant; an accepted
 * EMULATE write changes exactly its own field, to the written value (the
 * APIC base: to nothing new), and a read gives it back; EFER keeps SVME,
 * never changes LMA and never changes LME with paging on; the state stays
 * consistent (vmsr_vcpu_consistent).
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include "hypervisor/core/linux/vmsr.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define REC 13u

static const u32 fix_index[VMSR_MTRR_FIX_COUNT] = {0x250, 0x258, 0x259, 0x268, 0x269, 0x26A,
						   0x26B, 0x26C, 0x26D, 0x26E, 0x26F};

/* Member by member: the struct has padding after phys_bits. */
static bool same_state(const struct vmsr_vcpu *a, const struct vmsr_vcpu *b)
{
	return a->apic_base == b->apic_base && a->pat == b->pat &&
	       a->mtrr_def_type == b->mtrr_def_type && a->phys_bits == b->phys_bits &&
	       memcmp(a->mtrr_var, b->mtrr_var, sizeof(a->mtrr_var)) == 0 &&
	       memcmp(a->mtrr_fix, b->mtrr_fix, sizeof(a->mtrr_fix)) == 0;
}

/* The field an index names, independently of vmsr.c; NULL for none. */
static u64 *field(struct vmsr_vcpu *s, u32 index)
{
	if (index == 0x1B)
		return &s->apic_base;
	if (index == 0x277)
		return &s->pat;
	if (index == 0x2FF)
		return &s->mtrr_def_type;
	if (index >= 0x200 && index < 0x200 + 2 * VMSR_MTRR_VAR_COUNT)
		return &s->mtrr_var[(index - 0x200) >> 1][index & 1];
	for (u32 i = 0; i < VMSR_MTRR_FIX_COUNT; i++)
		if (fix_index[i] == index)
			return &s->mtrr_fix[i];
	return NULL;
}

static void check_write(struct vmsr_vcpu *s, const struct vmsr_vcpu *before,
			const struct vmsr_req *rq, const struct vmsr_result *out, u64 *efer)
{
	struct vmsr_vcpu want = *before;
	u64 *f;

	if (rq->index == 0xC0000080u) {
		if (!(out->value & VMSR_EFER_SVME) || (out->value & ~VMSR_EFER_SVME) != rq->value)
			abort();
		if ((out->value & VMSR_EFER_LMA) != (rq->efer & VMSR_EFER_LMA))
			abort();
		if ((rq->cr0 & VMSR_CR0_PG) &&
		    (out->value & VMSR_EFER_LME) != (rq->efer & VMSR_EFER_LME))
			abort();
		if (!same_state(&want, s))
			abort();
		*efer = out->value;
		return;
	}
	f = field(&want, rq->index);
	if (!f)
		abort(); /* an EMULATE row this target does not know */
	if (rq->index == 0x1B) {
		if (rq->value != before->apic_base || out->value != before->apic_base)
			abort();
	} else {
		*f = rq->value;
		if (out->value != rq->value)
			abort();
	}
	if (!same_state(&want, s))
		abort();
	{ /* and a read gives it back */
		struct vmsr_req r2 = *rq;
		struct vmsr_result o2;
		r2.write = false;
		if (vmsr_access(s, &r2, &o2, NULL) != VMSR_EMULATE || o2.value != *f)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct vmsr_vcpu s;
	u64 efer = VMSR_EFER_SVME;

	if (size < 1)
		return 0;
	if (vmsr_vcpu_init(&s, data[0] & 1, (u8)(36 + (data[0] >> 1) % 17), NULL))
		abort();
	for (size_t off = 1; off + REC <= size; off += REC) {
		const u8 flags = data[off];
		u32 index = ld_le32(data + off + 1);
		const bool pg = flags & 2;
		struct vmsr_req rq;
		struct vmsr_result out;
		struct vmsr_vcpu before = s;
		struct pp_err err = {0, ""};
		const struct vmsr_row *row;
		int a;

		if (!(flags & 4))
			index = vmsr_rows[index % vmsr_row_count].lo + (index >> 16) % 20 - 2;
		/* The processor keeps LMA = LME && PG. */
		efer =
		    (efer & ~VMSR_EFER_LMA) | ((pg && (efer & VMSR_EFER_LME)) ? VMSR_EFER_LMA : 0);
		rq.index = index;
		rq.write = flags & 1;
		rq.value = ld_le64(data + off + 5);
		rq.efer = efer;
		rq.cr0 = pg ? 0x80000011ull : 0x11ull;
		a = vmsr_access(&s, &rq, &out, &err);
		if (a != out.action || !out.name)
			abort();
		row = vmsr_find(index);
		if (a == VMSR_GP) {
			if (out.value || !err.msg[0] || !same_state(&before, &s))
				abort();
		} else {
			if (!row || a != (rq.write ? row->wr : row->rd))
				abort();
			if (a == VMSR_FIXED && out.value != row->fixed)
				abort();
			if (a != VMSR_EMULATE && !same_state(&before, &s))
				abort();
			if (a == VMSR_EMULATE && rq.write)
				check_write(&s, &before, &rq, &out, &efer);
			if (a == VMSR_EMULATE && !rq.write && index == 0xC0000080u &&
			    out.value != (efer & ~VMSR_EFER_SVME))
				abort();
		}
		if (!vmsr_vcpu_consistent(&s))
			abort();
	}
	return 0;
}
