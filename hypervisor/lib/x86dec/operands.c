// SPDX-License-Identifier: GPL-2.0-only
/*
 * A decoded MMIO instruction's operands against a register file
 * (decode.h): the linear address of its memory operand (SDM vol. 1, 3.7.5
 * "Specifying an Offset", 3.3.7 "Address Calculations in 64-Bit Mode";
 * vol. 3A, 3.4.4 FS/GS bases in 64-bit mode), the value a store writes and
 * the register update of a load (SDM vol. 1, 3.4.1.1: a 32-bit result
 * zero-extends to 64 bits, 8- and 16-bit results leave the rest).
 *
 * Trust: the instruction must come from x86_decode (register numbers
 * below 16, sizes 1/2/4/8); the register values are the guest's, used as
 * numbers only.
 */
#include "decode.h"

static u64 mask_of(u32 size)
{
	return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

u64 x86_linear_addr(const struct x86_insn *in, const struct x86_regs *r)
{
	const struct x86_mem *m = &in->mem;
	u64 ea = m->disp;
	if (m->rip_rel)
		ea += r->rip + in->len;
	if (m->has_base)
		ea += r->gpr[m->base & 15u];
	if (m->has_index)
		ea += r->gpr[m->index & 15u] * m->scale;
	if (m->addr_size == 4)
		ea &= 0xffffffffull;
	if (m->seg == X86_SEG_FS)
		ea += r->fs_base;
	else if (m->seg == X86_SEG_GS)
		ea += r->gs_base;
	return ea;
}

u64 x86_store_value(const struct x86_insn *in, const struct x86_regs *r)
{
	if (in->kind == X86_STORE_IMM)
		return in->imm & mask_of(in->size);
	if (in->high8) /* AH, CH, DH, BH: bits 15:8 of RAX, RCX, RDX, RBX */
		return (r->gpr[(in->reg - 4u) & 3u] >> 8) & 0xffu;
	return r->gpr[in->reg & 15u] & mask_of(in->size);
}

void x86_load_apply(const struct x86_insn *in, struct x86_regs *r, u64 value)
{
	value &= mask_of(in->size); /* MOVZX: the zero extension */
	if (in->high8) {
		u64 *g = &r->gpr[(in->reg - 4u) & 3u];
		*g = (*g & ~0xff00ull) | (value << 8);
		return;
	}
	u64 *g = &r->gpr[in->reg & 15u];
	if (in->reg_size >= 4)
		*g = value; /* 32-bit results zero-extend, 64-bit replace */
	else
		*g = (*g & ~mask_of(in->reg_size)) | value;
}
