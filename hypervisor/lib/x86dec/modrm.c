// SPDX-License-Identifier: GPL-2.0-only
/*
 * ModRM, SIB and displacement in 64-bit mode (decode_int.h): the 32/64-bit
 * addressing forms of SDM vol. 2A, 2.1.5 tables 2-2 (ModRM) and 2-3 (SIB),
 * extended by REX.R/X/B with the special cases of table 2-5 (2.2.1.2) and
 * RIP-relative addressing (2.2.1.6); AMD APM vol. 3, 1.4 and 1.7. 67h
 * changes the address size to 32 bits, not the encoding.
 */
#include <parapet/bytes.h>
#include "decode_int.h"

int x86_take(struct x86_cursor *c, u32 n, const char *what, u64 *v, struct pp_err *err)
{
	if (c->pos + n > X86_INSN_MAX)
		return pp_fail(err, PP_EINVAL,
			       "%s at byte %u would end the instruction past %u bytes", what,
			       c->pos, X86_INSN_MAX);
	if (c->pos + n > c->avail)
		return pp_fail(err, PP_ETRUNC, "%s at byte %u needs %u bytes, %u available", what,
			       c->pos, c->pos + n, c->avail);
	const u8 *p = c->b + c->pos;
	switch (n) {
	case 1: *v = p[0]; break;
	case 2: *v = ld_le16(p); break;
	case 4: *v = ld_le32(p); break;
	default: *v = ld_le64(p); break;
	}
	c->pos += n;
	return PP_OK;
}

/* disp8 and disp32 are sign-extended to the address size (2.1.5 note 1). */
static int take_disp(struct x86_cursor *c, u32 n, struct x86_mem *m, struct pp_err *err)
{
	u64 v = 0;
	int rc = x86_take(c, n, n == 1 ? "disp8" : "disp32", &v, err);
	if (rc)
		return rc;
	m->disp = n == 1 ? (u64)(s64)(int8_t)v : (u64)(s64)(s32)(u32)v;
	return PP_OK;
}

int x86_modrm(struct x86_cursor *c, u8 rex, bool adsize, struct x86_mem *m, u8 *reg, u8 *reg_raw,
	      struct pp_err *err)
{
	const u32 at = c->pos;
	u64 v = 0;
	int rc = x86_take(c, 1, "ModRM", &v, err);
	if (rc)
		return rc;
	const u8 modrm = (u8)v, mod = X86_MODRM_MOD(modrm), rm = X86_MODRM_RM(modrm);
	if (mod == 3)
		return pp_fail(err, PP_ENOTSUP,
			       "ModRM 0x%02x at byte %u: mod 11 is a register operand, not memory",
			       modrm, at);
	*reg_raw = X86_MODRM_REG(modrm);
	*reg = (u8)(*reg_raw | ((rex & X86_REX_R) ? 8u : 0u));
	*m = (struct x86_mem){.addr_size = adsize ? 4 : 8, .scale = 1};
	u32 disp = mod == 1 ? 1u : mod == 2 ? 4u : 0u;
	if (rm == X86_RM_SIB) {
		/* Table 2-5: rm 100 means SIB whatever REX.B says. */
		rc = x86_take(c, 1, "SIB", &v, err);
		if (rc)
			return rc;
		const u8 sib = (u8)v;
		const u8 index = (u8)(X86_MODRM_REG(sib) | ((rex & X86_REX_X) ? 8u : 0u));
		m->scale = (u8)(1u << X86_MODRM_MOD(sib));
		if (index != X86_SIB_NO_INDEX) { /* REX.X=1 makes 100 r12 (table 2-5) */
			m->has_index = true;
			m->index = index;
		}
		if (mod == 0 && X86_MODRM_RM(sib) == X86_SIB_NO_BASE) {
			disp = 4; /* [scaled index] + disp32, also for REX.B=1 (table 2-5) */
		} else {
			m->has_base = true;
			m->base = (u8)(X86_MODRM_RM(sib) | ((rex & X86_REX_B) ? 8u : 0u));
		}
	} else if (mod == 0 && rm == X86_RM_DISP32) {
		m->rip_rel = true; /* 2.2.1.6: RIP + disp32, also for REX.B=1 */
		disp = 4;
	} else {
		m->has_base = true;
		m->base = (u8)(rm | ((rex & X86_REX_B) ? 8u : 0u));
	}
	return disp ? take_disp(c, disp, m, err) : PP_OK;
}
