/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the MMIO instruction decoder (decode.h): a bounded cursor
 * over the guest's instruction bytes, and the ModRM/SIB/displacement
 * parser shared by the opcode forms.
 *
 * Trust: every byte is taken through x86_take, which refuses a read past
 * avail (PP_ETRUNC) or past the 15-byte limit (PP_EINVAL) first.
 */
#ifndef PARAPET_HV_X86DEC_DECODE_INT_H
#define PARAPET_HV_X86DEC_DECODE_INT_H

#include "decode.h"

struct x86_cursor {
	const u8 *b;
	u32 avail; /* bytes readable at b (clamped to X86_INSN_MAX by the caller) */
	u32 pos;   /* next byte */
};

/* Take n (1, 2, 4 or 8) little-endian bytes as an unsigned value. */
int x86_take(struct x86_cursor *c, u32 n, const char *what, u64 *v, struct pp_err *err);

/* Parse ModRM (and SIB and displacement) at the cursor into *m (addressing
 * with the prefixes' REX byte, 0 if none, and 67h) and *reg (the reg field
 * with REX.R) and *reg_raw (the reg field's 3 bits, for /digit opcodes).
 * Refuses mod 11. */
int x86_modrm(struct x86_cursor *c, u8 rex, bool adsize, struct x86_mem *m, u8 *reg, u8 *reg_raw,
	      struct pp_err *err);

#endif
