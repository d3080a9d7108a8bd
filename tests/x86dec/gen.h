/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Generated encodings for the objdump cross-check (x86dec-print --gen,
 * crosscheck.sh): every decoded opcode (88, 89, 8A, 8B, C6 /0, C7 /0,
 * 0F B6, 0F B7) with each ModRM/SIB/displacement form below, under each
 * legacy prefix set and each REX byte, then A0-A3 with each prefix set
 * and REX; every combination up to 15 bytes. No expected values: objdump
 * is the reference for each one's length, operand size, register or
 * immediate and direction (SDM vol. 2A, chapter 2; APM vol. 3, 1.2-1.7).
 * Host-only, included once by x86dec-print.c.
 */
#ifndef PARAPET_TESTS_X86DEC_GEN_H
#define PARAPET_TESTS_X86DEC_GEN_H

#include <stdio.h>
#include <string.h>

struct x86g_bytes {
	unsigned char n;
	unsigned char b[8];
};

/* Legacy prefix sets (SDM vol. 2A, 2.1.1): operand size, address size,
 * segment overrides, and pairs. */
static const struct x86g_bytes x86g_legacy[] = {
    {0, {0}},	 {1, {0x66}}, {1, {0x67}},	 {2, {0x66, 0x67}}, {1, {0x64}},
    {1, {0x65}}, {1, {0x2e}}, {2, {0x3e, 0x66}}, {2, {0x67, 0x65}}, {2, {0x66, 0x66}},
};

/* REX bytes directly before the opcode (0: none): W, R, X, B alone and
 * together (SDM vol. 2A, 2.2.1.2, table 2-4). */
static const unsigned char x86g_rex[] = {0,    0x40, 0x41, 0x42, 0x44, 0x48,
					 0x49, 0x4a, 0x4c, 0x4b, 0x4d, 0x4f};

/* ModRM (reg field 001; forced to 000 for C6/C7), SIB and displacement
 * (SDM vol. 2A, tables 2-2, 2-3, 2-5; 2.2.1.6). */
static const struct x86g_bytes x86g_modrm[] = {
    {1, {0x08}},			       /* [rax] */
    {2, {0x48, 0x10}},			       /* [rax+disp8] */
    {2, {0x48, 0x80}},			       /* [rax-0x80] */
    {5, {0x88, 0x00, 0x01, 0x00, 0x00}},       /* [rax+disp32] */
    {2, {0x0c, 0x24}},			       /* [rsp] via SIB */
    {3, {0x4c, 0x24, 0x08}},		       /* [rsp+disp8] */
    {2, {0x0c, 0x98}},			       /* [rax+rbx*4] */
    {3, {0x4c, 0xd8, 0xf0}},		       /* [rax+rbx*8-0x10] */
    {2, {0x0c, 0x20}},			       /* index 100: none (r12 with REX.X) */
    {6, {0x0c, 0x25, 0x10, 0x00, 0x00, 0x00}}, /* SIB no base, no index: disp32 */
    {6, {0x0c, 0x8d, 0x10, 0x00, 0x00, 0x00}}, /* [rcx*4+disp32] */
    {5, {0x0d, 0x10, 0x00, 0x00, 0x00}},       /* RIP-relative */
    {2, {0x4d, 0x00}},			       /* [rbp+0] (r13 with REX.B) */
    {6, {0x8c, 0x88, 0x78, 0x56, 0x34, 0x12}}, /* [rax+rcx*4+disp32] */
};

static const struct x86g_bytes x86g_op[] = {
    {1, {0x88}}, {1, {0x89}}, {1, {0x8a}},	 {1, {0x8b}},
    {1, {0xc6}}, {1, {0xc7}}, {2, {0x0f, 0xb6}}, {2, {0x0f, 0xb7}},
};

/* Print one encoding as hex if it fits in 15 bytes. */
static inline void x86g_emit(const unsigned char *b, unsigned n)
{
	if (n > 15)
		return;
	for (unsigned i = 0; i < n; i++)
		printf(i ? " %02x" : "%02x", b[i]);
	printf("\n");
}

static inline unsigned x86g_put(unsigned char *b, unsigned n, const struct x86g_bytes *p)
{
	memcpy(b + n, p->b, p->n);
	return n + p->n;
}

static inline void x86g_all(void)
{
	unsigned char b[32];
	for (size_t l = 0; l < sizeof(x86g_legacy) / sizeof(x86g_legacy[0]); l++) {
		const int opsize = memchr(x86g_legacy[l].b, 0x66, x86g_legacy[l].n) != NULL;
		const int adsize = memchr(x86g_legacy[l].b, 0x67, x86g_legacy[l].n) != NULL;
		for (size_t r = 0; r < sizeof(x86g_rex); r++) {
			unsigned n0 = x86g_put(b, 0, &x86g_legacy[l]);
			if (x86g_rex[r])
				b[n0++] = x86g_rex[r];
			for (size_t o = 0; o < sizeof(x86g_op) / sizeof(x86g_op[0]); o++) {
				for (size_t m = 0; m < sizeof(x86g_modrm) / sizeof(x86g_modrm[0]);
				     m++) {
					unsigned n = x86g_put(b, n0, &x86g_op[o]);
					const unsigned at = n;
					n = x86g_put(b, n, &x86g_modrm[m]);
					const unsigned char op = x86g_op[o].b[0];
					if (op == 0xc6 || op == 0xc7) {
						b[at] &= 0xc7; /* /0 */
						unsigned imm = op == 0xc6 ? 1 : 4;
						if (op == 0xc7 && opsize && !(x86g_rex[r] & 8))
							imm = 2;
						for (unsigned i = 0; i < imm; i++)
							b[n++] = (unsigned char)(0x81 + i);
					}
					x86g_emit(b, n);
				}
			}
			/* A0-A3: moffs64, or moffs32 with 67h. */
			for (unsigned char op = 0xa0; op <= 0xa3; op++) {
				unsigned n = n0;
				b[n++] = op;
				const unsigned len = adsize ? 4 : 8;
				for (unsigned i = 0; i < len; i++)
					b[n++] = (unsigned char)(0xb0 + i);
				x86g_emit(b, n);
			}
		}
	}
}

#endif
