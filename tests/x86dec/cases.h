/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decoder's test table: instruction bytes written by hand from the
 * encodings of Intel SDM vol. 2A chapter 2 (tables 2-2, 2-3, 2-4, 2-5)
 * and vol. 2B "MOV"/"MOVZX" (AMD APM vol. 3, 1.2-1.7), each with the
 * decoder's expected view (render.h) and length. The unit tests
 * (tests/unit/test_x86dec.c) check the decoder against it; the
 * cross-check (crosscheck.sh, `make x86dec-check`) checks the table's
 * lengths, sizes, registers and immediates against objdump's disassembly
 * of the same bytes, so a wrong hand encoding cannot hide in both.
 */
#ifndef PARAPET_TESTS_X86DEC_CASES_H
#define PARAPET_TESTS_X86DEC_CASES_H

#include <parapet/err.h>

struct x86dec_case {
	const char *hex;    /* the bytes */
	unsigned len;	    /* expected length */
	const char *expect; /* render.h line */
};

static const struct x86dec_case x86dec_cases[] = {
    /* 89 /r: MOV r/m, r; operand size 32, 66h 16, REX.W 64 (W beats 66h). */
    {"89 08", 2, "st 4 ecx [rax]"},
    {"48 89 08", 3, "st 8 rcx [rax]"},
    {"66 89 08", 3, "st 2 cx [rax]"},
    {"66 48 89 08", 4, "st 8 rcx [rax]"},
    /* A REX followed by a legacy prefix is ignored (2.2.1). */
    {"48 66 89 08", 4, "st 2 cx [rax]"},
    {"41 66 89 08", 4, "st 2 cx [rax]"},
    /* Two REX bytes: the one before the opcode counts. */
    {"41 48 89 08", 4, "st 8 rcx [rax]"},
    {"48 41 89 08", 4, "st 4 ecx [r8]"},
    {"41 89 00", 3, "st 4 eax [r8]"},
    {"4c 89 08", 3, "st 8 r9 [rax]"},
    {"4d 89 3f", 3, "st 8 r15 [r15]"},
    /* 88 /r: byte registers; 4-7 are AH..BH without REX, SPL..DIL with. */
    {"88 08", 2, "st 1 cl [rax]"},
    {"88 20", 2, "st 1 ah [rax]"},
    {"88 3b", 2, "st 1 bh [rbx]"},
    {"40 88 20", 3, "st 1 spl [rax]"},
    {"40 88 3e", 3, "st 1 dil [rsi]"},
    {"44 88 20", 3, "st 1 r12b [rax]"},
    {"66 88 08", 3, "st 1 cl [rax]"},
    {"48 88 08", 3, "st 1 cl [rax]"},
    /* ModRM mod 00/01/10 (table 2-2); disp8 and disp32 sign-extended. */
    {"89 48 10", 3, "st 4 ecx [rax+0x10]"},
    {"89 48 80", 3, "st 4 ecx [rax-0x80]"},
    {"89 88 00 01 00 00", 6, "st 4 ecx [rax+0x100]"},
    {"89 88 00 00 00 80", 6, "st 4 ecx [rax-0x80000000]"},
    {"89 4d 00", 3, "st 4 ecx [rbp]"},
    {"89 4d f8", 3, "st 4 ecx [rbp-0x8]"},
    {"41 89 4d 00", 4, "st 4 ecx [r13]"},
    /* mod 00 rm 101: RIP + disp32, also with REX.B (table 2-5, 2.2.1.6). */
    {"89 0d 10 00 00 00", 6, "st 4 ecx [rip+0x10]"},
    {"89 0d f0 ff ff ff", 6, "st 4 ecx [rip-0x10]"},
    {"41 89 0d 78 56 34 12", 7, "st 4 ecx [rip+0x12345678]"},
    {"4c 8b 3d 10 00 00 00", 7, "ld 8 r15 [rip+0x10]"},
    /* SIB (table 2-3): every scale; index 100 none unless REX.X. */
    {"89 0c 20", 3, "st 4 ecx [rax]"},
    {"89 0c 24", 3, "st 4 ecx [rsp]"},
    {"89 4c 24 08", 4, "st 4 ecx [rsp+0x8]"},
    {"89 8c 24 00 01 00 00", 7, "st 4 ecx [rsp+0x100]"},
    {"41 89 0c 24", 4, "st 4 ecx [r12]"},
    {"89 0c 18", 3, "st 4 ecx [rax+rbx*1]"},
    {"89 0c 58", 3, "st 4 ecx [rax+rbx*2]"},
    {"89 0c 98", 3, "st 4 ecx [rax+rbx*4]"},
    {"89 0c d8", 3, "st 4 ecx [rax+rbx*8]"},
    {"89 4c d8 f0", 4, "st 4 ecx [rax+rbx*8-0x10]"},
    {"89 8c d8 00 10 00 00", 7, "st 4 ecx [rax+rbx*8+0x1000]"},
    {"42 89 0c 20", 4, "st 4 ecx [rax+r12*1]"},
    {"43 89 4c a5 08", 5, "st 4 ecx [r13+r12*4+0x8]"},
    {"4b 89 0c fe", 4, "st 8 rcx [r14+r15*8]"},
    /* SIB base 101 with mod 00: disp32, no base (any REX.B). */
    {"89 0c 8d 10 00 00 00", 7, "st 4 ecx [rcx*4+0x10]"},
    {"89 0c 25 f0 00 e0 fe", 7, "st 4 ecx [0xfffffffffee000f0]"},
    {"41 89 0c 25 10 00 00 00", 8, "st 4 ecx [0x10]"},
    {"89 04 25 b0 b0 5f ff", 7, "st 4 eax [0xffffffffff5fb0b0]"},
    {"89 4c 25 08", 4, "st 4 ecx [rbp+0x8]"},
    /* 67h: 32-bit addressing, same encodings. */
    {"67 89 08", 3, "st 4 ecx [eax]"},
    {"67 89 05 10 00 00 00", 7, "st 4 eax [eip+0x10]"},
    {"67 42 89 4c a0 04", 6, "st 4 ecx [eax+r12d*4+0x4]"},
    /* Segment overrides: recorded, FS/GS add their base. */
    {"64 89 08", 3, "st 4 ecx fs:[rax]"},
    {"65 48 89 08", 4, "st 8 rcx gs:[rax]"},
    {"2e 89 08", 3, "st 4 ecx cs:[rax]"},
    {"3e 3e 89 08", 4, "st 4 ecx ds:[rax]"},
    /* 8A/8B: loads. */
    {"8b 08", 2, "ld 4 ecx [rax]"},
    {"48 8b 08", 3, "ld 8 rcx [rax]"},
    {"66 8b 08", 3, "ld 2 cx [rax]"},
    {"8a 08", 2, "ld 1 cl [rax]"},
    {"8a 24 24", 3, "ld 1 ah [rsp]"},
    {"45 8a 7f 01", 4, "ld 1 r15b [r15+0x1]"},
    {"8b 87 f0 00 00 00", 6, "ld 4 eax [rdi+0xf0]"},
    /* C6 /0 ib, C7 /0 iw/id (sign-extended under REX.W). */
    {"c6 00 7f", 3, "sti 1 0x7f [rax]"},
    {"c6 40 10 ff", 4, "sti 1 0xff [rax+0x10]"},
    {"66 c7 00 34 12", 5, "sti 2 0x1234 [rax]"},
    {"c7 00 78 56 34 12", 6, "sti 4 0x12345678 [rax]"},
    {"48 c7 00 ff ff ff ff", 7, "sti 8 0xffffffffffffffff [rax]"},
    {"48 c7 00 00 00 00 80", 7, "sti 8 0xffffffff80000000 [rax]"},
    {"48 c7 00 ff ff ff 7f", 7, "sti 8 0x7fffffff [rax]"},
    {"c7 80 b0 00 00 00 00 00 00 00", 10, "sti 4 0x0 [rax+0xb0]"},
    {"c7 05 10 00 00 00 01 00 00 00", 10, "sti 4 0x1 [rip+0x10]"},
    /* Linux's apic_write(EOI, 0): C7 /0 imm32, absolute disp32 via SIB. */
    {"c7 04 25 b0 b0 5f ff 00 00 00 00", 11, "sti 4 0x0 [0xffffffffff5fb0b0]"},
    /* A0-A3: moffs64, moffs32 with 67h; REX.B does not apply. */
    {"a1 88 77 66 55 44 33 22 11", 9, "ld 4 eax [moffs 0x1122334455667788]"},
    {"48 a3 b0 00 e0 fe 00 00 00 00", 10, "st 8 rax [moffs 0xfee000b0]"},
    {"66 a3 b0 00 e0 fe 00 00 00 00", 10, "st 2 ax [moffs 0xfee000b0]"},
    {"a2 b0 00 e0 fe 00 00 00 00", 9, "st 1 al [moffs 0xfee000b0]"},
    {"a0 b0 00 e0 fe 00 00 00 00", 9, "ld 1 al [moffs 0xfee000b0]"},
    {"67 a1 78 56 34 12", 6, "ld 4 eax [moffs 0x12345678]"},
    {"67 a3 b0 00 e0 fe", 6, "st 4 eax [moffs 0xfee000b0]"},
    {"41 a1 88 77 66 55 44 33 22 11", 10, "ld 4 eax [moffs 0x1122334455667788]"},
    {"64 a3 10 00 00 00 00 00 00 00", 10, "st 4 eax fs:[moffs 0x10]"},
    /* 0F B6/B7: MOVZX; size is the memory operand's. */
    {"0f b6 08", 3, "ldzx 1 ecx [rax]"},
    {"48 0f b6 08", 4, "ldzx 1 rcx [rax]"},
    {"66 0f b6 08", 4, "ldzx 1 cx [rax]"},
    {"0f b7 08", 3, "ldzx 2 ecx [rax]"},
    {"4c 0f b7 08", 4, "ldzx 2 r9 [rax]"},
    {"66 0f b7 08", 4, "ldzx 2 cx [rax]"},
    {"44 0f b6 48 10", 5, "ldzx 1 r9d [rax+0x10]"},
    {"0f b6 24 24", 4, "ldzx 1 esp [rsp]"},
    /* 15 bytes, the limit: 66 67 64 REX.W C7 ModRM SIB disp32 imm32. */
    {"66 67 64 48 c7 84 88 78 56 34 12 78 56 34 12", 15,
     "sti 8 0x12345678 fs:[eax+ecx*4+0x12345678]"},
};

/* Refusals: the error code and a piece of the message. */
struct x86dec_refusal {
	const char *hex;
	int code;
	const char *msg;
};

static const struct x86dec_refusal x86dec_refusals[] = {
    {"f0 89 08", PP_ENOTSUP, "LOCK prefix 0xf0 at byte 0"},
    {"66 f0 89 08", PP_ENOTSUP, "LOCK prefix 0xf0 at byte 1"},
    {"f3 89 08", PP_ENOTSUP, "REP prefix 0xf3"},
    {"f2 89 08", PP_ENOTSUP, "REPNE prefix 0xf2"},
    {"89 c8", PP_ENOTSUP, "ModRM 0xc8 at byte 1: mod 11"},
    {"48 8b c1", PP_ENOTSUP, "mod 11 is a register operand"},
    {"c7 c0 01 00 00 00", PP_ENOTSUP, "ModRM 0xc0"},
    {"0f 11 08", PP_ENOTSUP, "opcode 0x0f 0x11 at byte 0 not decoded"},
    {"66 0f be 08", PP_ENOTSUP, "opcode 0x0f 0xbe at byte 1 not decoded"},
    {"c6 08 00", PP_ENOTSUP, "opcode 0xc6 /1 at byte 0 not decoded"},
    {"44 c7 08 00 00 00 00", PP_ENOTSUP, "opcode 0xc7 /1"},
    {"90", PP_ENOTSUP, "opcode 0x90 at byte 0 not decoded"},
    {"8d 08", PP_ENOTSUP, "opcode 0x8d at byte 0"},
    {"c4 e1 78 11 08", PP_ENOTSUP, "opcode 0xc4 at byte 0"},
    {"48 a5", PP_ENOTSUP, "opcode 0xa5 at byte 1"},
    {"64 65 89 08", PP_ENOTSUP, "segment overrides 0x64 and 0x65 at byte 1"},
    /* Truncated: PP_ETRUNC, with how many bytes it needs. */
    {"", PP_ETRUNC, "prefix or opcode at byte 0 needs 1 bytes, 0 available"},
    {"48", PP_ETRUNC, "prefix or opcode at byte 1"},
    {"89", PP_ETRUNC, "ModRM at byte 1 needs 2 bytes, 1 available"},
    {"89 0c", PP_ETRUNC, "SIB at byte 2"},
    {"89 48", PP_ETRUNC, "disp8 at byte 2"},
    {"89 0d 10 00", PP_ETRUNC, "disp32 at byte 2 needs 6 bytes, 4 available"},
    {"c7 00 78 56", PP_ETRUNC, "imm32 at byte 2"},
    {"66 c7 00 34", PP_ETRUNC, "imm16 at byte 3"},
    {"a1 88 77 66 55", PP_ETRUNC, "moffs64 at byte 1"},
    {"67 a1 88 77", PP_ETRUNC, "moffs32 at byte 2"},
    {"0f", PP_ETRUNC, "opcode byte 2 at byte 1"},
    /* Over 15 bytes: PP_EINVAL. */
    {"66 66 67 64 48 c7 84 88 78 56 34 12 78 56 34 12", PP_EINVAL,
     "imm32 at byte 12 would end the instruction past 15 bytes"},
    {"66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 89 08", PP_EINVAL,
     "15 prefix bytes and no opcode"},
};

#endif
