// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMIO instruction decoder's prefixes and opcodes (decode.h). Prefix
 * rules: SDM vol. 2A, 2.1.1 (groups; at most 15 bytes in all, 2.3.11) and
 * 2.2.1 (REX takes effect only directly before the opcode: a REX followed
 * by a legacy prefix is ignored, and of several REX bytes in a row the
 * last one is the one before the opcode); AMD APM vol. 3, 1.2 and 1.2.7.
 * Operand size in 64-bit mode: 32 bits, 16 with 66h, 64 with REX.W, which
 * wins over 66h (SDM vol. 2A, 2.2.1.2 and table 2-4 note; APM vol. 3,
 * table 1-3). Segment overrides CS/DS/ES/SS are no-ops in 64-bit mode;
 * FS/GS are recorded (x86_linear_addr adds their base).
 */
#include "decode_int.h"

struct prefixes {
	u8 rex; /* the REX byte directly before the opcode, 0 if none */
	bool opsize, adsize;
	u8 seg, seg_byte;
};

static u8 seg_of(u8 b)
{
	switch (b) {
	case X86_PFX_ES: return X86_SEG_ES;
	case X86_PFX_CS: return X86_SEG_CS;
	case X86_PFX_SS: return X86_SEG_SS;
	case X86_PFX_DS: return X86_SEG_DS;
	case X86_PFX_FS: return X86_SEG_FS;
	case X86_PFX_GS: return X86_SEG_GS;
	default: return X86_SEG_NONE;
	}
}

/* Consume prefixes up to the opcode byte, which is left at the cursor. */
static int take_prefixes(struct x86_cursor *c, struct prefixes *p, struct pp_err *err)
{
	for (;;) {
		if (c->pos >= X86_INSN_MAX)
			return pp_fail(err, PP_EINVAL,
				       "%u prefix bytes and no opcode: over %u bytes", c->pos,
				       X86_INSN_MAX);
		if (c->pos >= c->avail)
			return pp_fail(err, PP_ETRUNC,
				       "prefix or opcode at byte %u needs %u bytes, %u available",
				       c->pos, c->pos + 1, c->avail);
		const u8 b = c->b[c->pos];
		if ((b & X86_REX_MASK) == X86_REX_BASE) {
			p->rex = b; /* the last REX before the opcode wins */
		} else if (b == X86_PFX_LOCK) {
			return pp_fail(err, PP_ENOTSUP, "LOCK prefix 0xf0 at byte %u refused",
				       c->pos);
		} else if (b == X86_PFX_REPNE || b == X86_PFX_REP) {
			return pp_fail(err, PP_ENOTSUP, "%s prefix 0x%02x at byte %u refused",
				       b == X86_PFX_REP ? "REP" : "REPNE", b, c->pos);
		} else if (b == X86_PFX_OPSIZE || b == X86_PFX_ADSIZE || seg_of(b)) {
			if (b == X86_PFX_OPSIZE) {
				p->opsize = true;
			} else if (b == X86_PFX_ADSIZE) {
				p->adsize = true;
			} else {
				if (p->seg && p->seg_byte != b)
					return pp_fail(
					    err, PP_ENOTSUP,
					    "segment overrides 0x%02x and 0x%02x at byte "
					    "%u: two of group 2 refused",
					    p->seg_byte, b, c->pos);
				p->seg = seg_of(b);
				p->seg_byte = b;
			}
			p->rex = 0; /* a REX not directly before the opcode is ignored */
		} else {
			return PP_OK;
		}
		c->pos++;
	}
}

static u8 opsize_of(const struct prefixes *p)
{
	if (p->rex & X86_REX_W)
		return 8;
	return p->opsize ? 2 : 4;
}

/* The immediate of C6 (imm8) and C7 (imm16 with 66h, else imm32,
 * sign-extended to 64 bits under REX.W). */
static int take_imm(struct x86_cursor *c, struct x86_insn *in, struct pp_err *err)
{
	const u32 n = in->size == 8 ? 4u : in->size;
	u64 v = 0;
	int rc = x86_take(c, n, n == 1 ? "imm8" : n == 2 ? "imm16" : "imm32", &v, err);
	if (rc)
		return rc;
	in->imm = in->size == 8 ? (u64)(s64)(s32)(u32)v : v;
	return PP_OK;
}

/* 88/89/8A/8B/C6/C7 and 0F B6/B7: everything after the opcode. */
static int modrm_form(struct x86_cursor *c, const struct prefixes *p, struct x86_insn *in,
		      struct pp_err *err)
{
	u8 reg, reg_raw;
	const u32 op_at = c->pos - (in->opcode == 0x0f ? 2u : 1u);
	int rc = x86_modrm(c, p->rex, p->adsize, &in->mem, &reg, &reg_raw, err);
	if (rc)
		return rc;
	in->mem.seg = p->seg;
	const bool byte_op = in->opcode == 0x88 || in->opcode == 0x8a || in->opcode == 0xc6;
	in->size = byte_op ? 1 : opsize_of(p);
	in->reg_size = in->size;
	switch (in->opcode) {
	case 0x88:
	case 0x89: in->kind = X86_STORE_REG; break;
	case 0x8a:
	case 0x8b: in->kind = X86_LOAD; break;
	case 0xc6:
	case 0xc7:
		if (reg_raw != 0)
			return pp_fail(err, PP_ENOTSUP,
				       "opcode 0x%02x /%u at byte %u not decoded (only /0 is MOV)",
				       in->opcode, reg_raw, op_at);
		in->kind = X86_STORE_IMM;
		return take_imm(c, in, err);
	default: /* 0F B6, 0F B7: reg_size stays the operand size */
		in->kind = X86_LOAD_ZX;
		in->size = in->opcode2 == 0xb6 ? 1 : 2;
		break;
	}
	in->reg = reg;
	/* Without any REX, byte registers 4-7 are AH, CH, DH, BH (table 2-4 note). */
	in->high8 = in->reg_size == 1 && !p->rex && reg >= 4;
	return PP_OK;
}

/* A0-A3: MOV between AL/rAX and an absolute offset, 8 bytes or 4 with 67h
 * (SDM vol. 2B, "MOV", note on moffs; APM vol. 3, "MOV"). */
static int moffs_form(struct x86_cursor *c, const struct prefixes *p, struct x86_insn *in,
		      struct pp_err *err)
{
	const u32 n = p->adsize ? 4u : 8u;
	u64 v = 0;
	int rc = x86_take(c, n, n == 4 ? "moffs32" : "moffs64", &v, err);
	if (rc)
		return rc;
	in->mem = (struct x86_mem){
	    .moffs = true, .scale = 1, .addr_size = (u8)n, .seg = p->seg, .disp = v};
	in->kind = in->opcode >= 0xa2 ? X86_STORE_REG : X86_LOAD;
	in->size = (in->opcode & 1) ? opsize_of(p) : 1;
	in->reg_size = in->size;
	in->reg = X86_RAX; /* REX.B does not apply */
	return PP_OK;
}

int x86_decode(const u8 *bytes, u32 avail, struct x86_insn *out, struct pp_err *err)
{
	struct x86_cursor c = {.b = bytes, .avail = avail < X86_INSN_MAX ? avail : X86_INSN_MAX};
	struct prefixes p = {0};
	struct x86_insn in = {0};
	int rc = take_prefixes(&c, &p, err);
	if (rc)
		return rc;
	const u32 op_at = c.pos;
	u64 v = 0;
	rc = x86_take(&c, 1, "opcode", &v, err);
	if (rc)
		return rc;
	in.opcode = (u8)v;
	switch (in.opcode) {
	case 0x88:
	case 0x89:
	case 0x8a:
	case 0x8b:
	case 0xc6:
	case 0xc7: rc = modrm_form(&c, &p, &in, err); break;
	case 0xa0:
	case 0xa1:
	case 0xa2:
	case 0xa3: rc = moffs_form(&c, &p, &in, err); break;
	case 0x0f:
		rc = x86_take(&c, 1, "opcode byte 2", &v, err);
		if (rc)
			return rc;
		in.opcode2 = (u8)v;
		if (in.opcode2 != 0xb6 && in.opcode2 != 0xb7)
			return pp_fail(err, PP_ENOTSUP, "opcode 0x0f 0x%02x at byte %u not decoded",
				       in.opcode2, op_at);
		rc = modrm_form(&c, &p, &in, err);
		break;
	default:
		return pp_fail(err, PP_ENOTSUP, "opcode 0x%02x at byte %u not decoded", in.opcode,
			       op_at);
	}
	if (rc)
		return rc;
	in.len = (u8)c.pos;
	*out = in;
	return PP_OK;
}
