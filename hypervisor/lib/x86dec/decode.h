/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A decoder for the one instruction behind a trapped MMIO access (an NPF
 * on the read-only xAPIC page: docs/linux-partition.md, "The MMIO write
 * decoder"). 64-bit mode only (CS.L = 1; the caller checks it), and only
 * the data-moving MOV forms Linux's MMIO accessors compile to:
 *
 *   88 /r, 89 /r       MOV r/m, r          store reg -> mem
 *   8A /r, 8B /r       MOV r, r/m          load mem -> reg
 *   C6 /0 ib, C7 /0 iz MOV r/m, imm        store imm -> mem
 *   A0, A1             MOV AL/rAX, moffs   load  (moffs: 8 bytes, 4 with 67h)
 *   A2, A3             MOV moffs, AL/rAX   store
 *   0F B6 /r, 0F B7 /r MOVZX r, r/m8/16    zero-extending load
 *
 * (Intel SDM vol. 2B, "MOV" and "MOVZX"; AMD APM vol. 3, same mnemonics)
 * with the prefixes 66, 67, REX and the segment overrides (SDM vol. 2A,
 * 2.1.1 and 2.2.1; APM vol. 3, 1.2), ModRM and SIB (SDM vol. 2A, 2.1.3,
 * 2.1.5 tables 2-2 and 2-3, 2.2.1 table 2-5; APM vol. 3, 1.4), disp8,
 * disp32 and RIP-relative addressing (SDM vol. 2A, 2.2.1.6; APM vol. 3,
 * 1.7). Anything else is refused with a message naming the byte, never
 * guessed: LOCK (F0), REP/REPNE (F2/F3), ModRM mod 11 (a register, not
 * memory), another opcode, C6/C7 with reg != 0, or more than 15 bytes.
 *
 * Trust: the bytes are the guest's. x86_decode reads only bytes[0..avail)
 * and at most X86_INSN_MAX of them; on failure it leaves *out untouched.
 */
#ifndef PARAPET_HV_X86DEC_DECODE_H
#define PARAPET_HV_X86DEC_DECODE_H

#include <parapet/types.h>
#include <parapet/err.h>

/* SDM vol. 2A, 2.3.11 / APM vol. 3, 1.1: an instruction is at most 15 bytes. */
#define X86_INSN_MAX 15u

/* Legacy prefixes (SDM vol. 2A, 2.1.1; APM vol. 3, 1.2, table 1-1). */
#define X86_PFX_LOCK 0xf0u
#define X86_PFX_REPNE 0xf2u
#define X86_PFX_REP 0xf3u
#define X86_PFX_ES 0x26u
#define X86_PFX_CS 0x2eu
#define X86_PFX_SS 0x36u
#define X86_PFX_DS 0x3eu
#define X86_PFX_FS 0x64u
#define X86_PFX_GS 0x65u
#define X86_PFX_OPSIZE 0x66u
#define X86_PFX_ADSIZE 0x67u

/* REX 0100WRXB (SDM vol. 2A, 2.2.1.2, table 2-4; APM vol. 3, 1.2.7). */
#define X86_REX_MASK 0xf0u
#define X86_REX_BASE 0x40u
#define X86_REX_W 0x08u
#define X86_REX_R 0x04u
#define X86_REX_X 0x02u
#define X86_REX_B 0x01u

/* ModRM mod(7:6) reg(5:3) rm(2:0); SIB scale(7:6) index(5:3) base(2:0)
 * (SDM vol. 2A, 2.1.3, figure 2-1; APM vol. 3, 1.4.1 and 1.4.2). */
#define X86_MODRM_MOD(b) (((b) >> 6) & 3u)
#define X86_MODRM_REG(b) (((b) >> 3) & 7u)
#define X86_MODRM_RM(b) ((b)&7u)
#define X86_RM_SIB 4u	    /* rm 100: a SIB byte follows (any REX.B) */
#define X86_RM_DISP32 5u    /* mod 00 rm 101: RIP + disp32 in 64-bit mode */
#define X86_SIB_NO_INDEX 4u /* index 100 with REX.X = 0: no index */
#define X86_SIB_NO_BASE 5u  /* base 101 with mod 00: disp32, no base (any REX.B) */

/* General-purpose register numbers (SDM vol. 2A, 2.2.1.2, table 2-4). */
enum x86_gpr {
	X86_RAX = 0,
	X86_RCX,
	X86_RDX,
	X86_RBX,
	X86_RSP,
	X86_RBP,
	X86_RSI,
	X86_RDI,
	X86_R8,
	X86_R9,
	X86_R10,
	X86_R11,
	X86_R12,
	X86_R13,
	X86_R14,
	X86_R15,
	X86_NGPR
};

enum x86_kind {
	X86_STORE_REG = 1, /* 88, 89, A2, A3: memory <- register */
	X86_STORE_IMM,	   /* C6, C7: memory <- immediate */
	X86_LOAD,	   /* 8A, 8B, A0, A1: register <- memory */
	X86_LOAD_ZX,	   /* 0F B6, 0F B7: register <- zero-extended memory */
};

enum x86_seg {
	X86_SEG_NONE = 0,
	X86_SEG_ES,
	X86_SEG_CS,
	X86_SEG_SS,
	X86_SEG_DS,
	X86_SEG_FS,
	X86_SEG_GS
};

/* The memory operand. moffs: disp is the absolute (zero-extended) offset,
 * no base or index. rip_rel: the address is next RIP + disp. */
struct x86_mem {
	bool moffs;
	bool rip_rel;
	bool has_base;
	bool has_index;
	u8 base;      /* 0-15, with REX.B */
	u8 index;     /* 0-15, with REX.X */
	u8 scale;     /* 1, 2, 4, 8 */
	u8 addr_size; /* 8, or 4 with 67h */
	u8 seg;	      /* enum x86_seg: the override (only FS/GS add a base) */
	u64 disp;     /* disp8/disp32 sign-extended to 64 bits, or the moffs value */
};

struct x86_insn {
	u8 kind;     /* enum x86_kind */
	u8 size;     /* memory operand size: 1, 2, 4, 8 */
	u8 reg_size; /* register operand size (MOVZX: 2, 4 or 8; else = size) */
	u8 reg;	     /* register number 0-15 (store source, load destination) */
	bool high8;  /* 8-bit reg 4-7 without any REX: AH, CH, DH, BH */
	u8 len;	     /* bytes, 1..15 */
	u8 opcode;   /* the primary opcode (0x0f for MOVZX, then opcode2) */
	u8 opcode2;
	u64 imm; /* X86_STORE_IMM: the value stored, sign-extended to size */
	struct x86_mem mem;
};

/* Decode one instruction from bytes[0..avail). PP_ETRUNC (and a message
 * saying how many bytes it needs) when avail ends inside it and
 * avail < 15, so a fetcher may read more; PP_ENOTSUP for a form outside
 * the list above; PP_EINVAL for an encoding the CPU would refuse (more
 * than 15 bytes). */
int x86_decode(const u8 *bytes, u32 avail, struct x86_insn *out, struct pp_err *err);

/* The guest state the operands refer to (tests, and the trap handler). */
struct x86_regs {
	u64 gpr[X86_NGPR];
	u64 rip; /* of the instruction itself */
	u64 fs_base, gs_base;
};

/* The memory operand's linear address: base + index * scale + disp (or
 * next RIP + disp), truncated to 32 bits with 67h, plus the FS or GS base
 * when overridden (SDM vol. 1, 3.7.5 and 3.3.7; vol. 3A, 3.4.4). */
u64 x86_linear_addr(const struct x86_insn *in, const struct x86_regs *r);

/* The value a store writes, in the low in->size bytes (register or
 * immediate; AH..BH for high8). */
u64 x86_store_value(const struct x86_insn *in, const struct x86_regs *r);

/* Complete a load with the in->size bytes read: 32-bit destinations
 * zero-extend to 64, 8- and 16-bit ones merge (SDM vol. 1, 3.4.1.1). */
void x86_load_apply(const struct x86_insn *in, struct x86_regs *r, u64 value);

#endif
