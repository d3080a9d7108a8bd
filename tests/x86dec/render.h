/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host-only rendering of a decoded MMIO instruction (hypervisor/lib/x86dec/
 * decode.h) as one line, for the unit tests (tests/unit/test_x86dec.c) and
 * the objdump cross-check's printer (x86dec-print.c), with the comparisons
 * the tests and the fuzz target (tests/fuzz/fuzz_x86dec.c) share:
 *
 *   <kind> <size> <register or immediate> <memory operand>
 *   st 4 ecx [rax+r12*4-0x8]     ldzx 1 r9d fs:[rip+0x10]
 *   sti 8 0xffffffff80000000 [eax]   ld 4 eax [moffs 0xfee000b0]
 *
 * size is the memory operand's; the register is named at its own size
 * (Intel names, as objdump -M intel prints them). Header-only: both
 * programs include it once.
 */
#ifndef PARAPET_TESTS_X86DEC_RENDER_H
#define PARAPET_TESTS_X86DEC_RENDER_H

#include <stdio.h>
#include <string.h>
#include "hypervisor/lib/x86dec/decode.h"

static const char *const x86r_64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
					"r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const x86r_32[16] = {"eax",	"ecx",	"edx",	"ebx", "esp",  "ebp",
					"esi",	"edi",	"r8d",	"r9d", "r10d", "r11d",
					"r12d", "r13d", "r14d", "r15d"};
static const char *const x86r_16[16] = {"ax",	"cx",	"dx",	"bx",  "sp",   "bp",
					"si",	"di",	"r8w",	"r9w", "r10w", "r11w",
					"r12w", "r13w", "r14w", "r15w"};
static const char *const x86r_8[16] = {"al",   "cl",   "dl",   "bl",  "spl",  "bpl",
				       "sil",  "dil",  "r8b",  "r9b", "r10b", "r11b",
				       "r12b", "r13b", "r14b", "r15b"};
static const char *const x86r_8h[4] = {"ah", "ch", "dh", "bh"};

static inline const char *x86r_name(unsigned reg, unsigned size, int high8)
{
	if (high8)
		return x86r_8h[(reg - 4) & 3];
	switch (size) {
	case 8: return x86r_64[reg & 15];
	case 4: return x86r_32[reg & 15];
	case 2: return x86r_16[reg & 15];
	default: return x86r_8[reg & 15];
	}
}

static inline const char *x86r_kind(unsigned kind)
{
	switch (kind) {
	case X86_STORE_REG: return "st";
	case X86_STORE_IMM: return "sti";
	case X86_LOAD: return "ld";
	case X86_LOAD_ZX: return "ldzx";
	default: return "?";
	}
}

/* The memory operand: seg:[base+index*scale+disp], [rip+disp], [moffs X]. */
static inline void x86r_mem(const struct x86_mem *m, char *out, size_t n)
{
	static const char *const seg[] = {"", "es:", "cs:", "ss:", "ds:", "fs:", "gs:"};
	size_t at = (size_t)snprintf(out, n, "%s[", seg[m->seg < 7 ? m->seg : 0]);
	if (m->moffs) {
		snprintf(out + at, n - at, "moffs 0x%llx]", (unsigned long long)m->disp);
		return;
	}
	const char *sep = "";
	if (m->rip_rel) {
		at += (size_t)snprintf(out + at, n - at, "%s", m->addr_size == 4 ? "eip" : "rip");
		sep = "+";
	}
	if (m->has_base) {
		at += (size_t)snprintf(out + at, n - at, "%s", x86r_name(m->base, m->addr_size, 0));
		sep = "+";
	}
	if (m->has_index) {
		at += (size_t)snprintf(out + at, n - at, "%s%s*%u", sep,
				       x86r_name(m->index, m->addr_size, 0), m->scale);
		sep = "+";
	}
	const long long d = (long long)m->disp;
	if (!*sep)
		snprintf(out + at, n - at, "0x%llx]", (unsigned long long)m->disp);
	else if (d < 0)
		snprintf(out + at, n - at, "-0x%llx]", (unsigned long long)(0 - m->disp));
	else if (d > 0)
		snprintf(out + at, n - at, "+0x%llx]", (unsigned long long)d);
	else
		snprintf(out + at, n - at, "]");
}

static inline void x86r_insn(const struct x86_insn *in, char *out, size_t n)
{
	char mem[96], op[32];
	x86r_mem(&in->mem, mem, sizeof(mem));
	if (in->kind == X86_STORE_IMM)
		snprintf(op, sizeof(op), "0x%llx", (unsigned long long)in->imm);
	else
		snprintf(op, sizeof(op), "%s", x86r_name(in->reg, in->reg_size, in->high8));
	snprintf(out, n, "%s %u %s %s", x86r_kind(in->kind), in->size, op, mem);
}

/* Two decodes are the same instruction (field by field: the struct has
 * padding). */
static inline int x86r_same(const struct x86_insn *a, const struct x86_insn *b)
{
	const struct x86_mem *m = &a->mem, *n = &b->mem;
	return a->kind == b->kind && a->size == b->size && a->reg_size == b->reg_size &&
	       a->reg == b->reg && a->high8 == b->high8 && a->len == b->len &&
	       a->opcode == b->opcode && a->opcode2 == b->opcode2 && a->imm == b->imm &&
	       m->moffs == n->moffs && m->rip_rel == n->rip_rel && m->has_base == n->has_base &&
	       m->has_index == n->has_index && m->base == n->base && m->index == n->index &&
	       m->scale == n->scale && m->addr_size == n->addr_size && m->seg == n->seg &&
	       m->disp == n->disp;
}

/* Every byte of an object still holds the fill (an output left untouched). */
static inline int x86r_filled(const void *p, size_t n, unsigned char fill)
{
	for (size_t i = 0; i < n; i++)
		if (((const unsigned char *)p)[i] != fill)
			return 0;
	return 1;
}

/* Hex text ("48 89 08") to bytes; returns the count, or -1 on bad text. */
static inline int x86r_hex(const char *s, unsigned char *b, int max)
{
	int n = 0;
	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		unsigned v;
		if (n >= max || sscanf(s, "%2x", &v) != 1 || !s[1])
			return -1;
		b[n++] = (unsigned char)v;
		s += 2;
	}
	return n;
}

#endif
