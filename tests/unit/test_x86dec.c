// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMIO instruction decoder (hypervisor/lib/x86dec/decode.c, modrm.c,
 * operands.c): every case of tests/x86dec/cases.h (hand-encoded from the
 * SDM; the same table is checked against objdump by `make x86dec-check`)
 * decodes to its expected view and length, reads no byte past its end and
 * reports every shorter buffer as truncated; every refusal has its code
 * and message and leaves the output untouched; operands against a
 * register file.
 */
#include <stdlib.h>
#include "unit.h"
#include "tests/x86dec/cases.h"
#include "tests/x86dec/render.h"

static int hex(const char *s, u8 *b)
{
	return x86r_hex(s, b, 32);
}

TEST(x86dec_table)
{
	for (size_t i = 0; i < PP_ARRAY_SIZE(x86dec_cases); i++) {
		const struct x86dec_case *c = &x86dec_cases[i];
		u8 b[32];
		const int n = hex(c->hex, b);
		CHECK_EQ(n, (int)c->len);
		struct x86_insn in;
		struct pp_err err = {0};
		const int rc = x86_decode(b, (u32)n, &in, &err);
		if (rc) {
			char m[300];
			snprintf(m, sizeof(m), "%s: %s", c->hex, err.msg);
			unit_fail(__FILE__, __LINE__, m);
			continue;
		}
		char got[160];
		x86r_insn(&in, got, sizeof(got));
		if (strcmp(got, c->expect) || in.len != c->len) {
			char m[400];
			snprintf(m, sizeof(m), "%s: got \"%s\" len %u, want \"%s\" len %u", c->hex,
				 got, in.len, c->expect, c->len);
			unit_fail(__FILE__, __LINE__, m);
		}
	}
}

/* Every case: a shorter buffer is PP_ETRUNC (never a read past it, which
 * ASan would catch in the heap copy), and trailing bytes are not used. */
TEST(x86dec_truncation_and_trailing)
{
	for (size_t i = 0; i < PP_ARRAY_SIZE(x86dec_cases); i++) {
		const struct x86dec_case *c = &x86dec_cases[i];
		u8 b[32];
		const int n = hex(c->hex, b);
		REQUIRE(n > 0);
		for (int k = 0; k < n; k++) {
			u8 *h = malloc((size_t)k + 1);
			REQUIRE(h);
			memcpy(h, b, (size_t)k);
			struct x86_insn in;
			memset(&in, 0xa5, sizeof(in));
			struct pp_err err = {0};
			CHECK_EQ(x86_decode(h, (u32)k, &in, &err), PP_ETRUNC);
			CHECK_EQ(((u8 *)&in)[0], 0xa5);
			free(h);
		}
		u8 full[X86_INSN_MAX];
		memset(full, 0x89, sizeof(full));
		memcpy(full, b, (size_t)n);
		struct x86_insn a, z;
		struct pp_err err = {0};
		CHECK_EQ(x86_decode(b, (u32)n, &a, &err), PP_OK);
		CHECK_EQ(x86_decode(full, sizeof(full), &z, &err), PP_OK);
		CHECK(memcmp(&a, &z, sizeof(a)) == 0);
	}
}

TEST(x86dec_refusals)
{
	for (size_t i = 0; i < PP_ARRAY_SIZE(x86dec_refusals); i++) {
		const struct x86dec_refusal *r = &x86dec_refusals[i];
		u8 b[32];
		const int n = hex(r->hex, b);
		REQUIRE(n >= 0);
		struct x86_insn in, before;
		memset(&in, 0x5a, sizeof(in));
		before = in;
		struct pp_err err = {0};
		const int rc = x86_decode(b, (u32)n, &in, &err);
		if (rc != r->code || !strstr(err.msg, r->msg)) {
			char m[400];
			snprintf(m, sizeof(m), "%s: rc %d \"%s\", want %d \"%s\"", r->hex, rc,
				 err.msg, r->code, r->msg);
			unit_fail(__FILE__, __LINE__, m);
		}
		CHECK(memcmp(&in, &before, sizeof(in)) == 0);
	}
}

static struct x86_insn dec(const char *h)
{
	u8 b[32];
	struct x86_insn in;
	memset(&in, 0, sizeof(in));
	struct pp_err err = {0};
	const int n = hex(h, b);
	if (n < 0 || x86_decode(b, (u32)n, &in, &err))
		unit_fail(__FILE__, __LINE__, h);
	return in;
}

static struct x86_regs regs(void)
{
	struct x86_regs r;
	memset(&r, 0, sizeof(r));
	for (u32 i = 0; i < X86_NGPR; i++)
		r.gpr[i] = 0x1111111100000000ull * (i + 1) + 0x1000u * i; /* distinct */
	r.rip = 0xffffffff81000000ull;
	r.fs_base = 0x7f0000000000ull;
	r.gs_base = 0xffff888000000000ull;
	return r;
}

TEST(x86dec_linear_addr)
{
	struct x86_regs r = regs();
	r.gpr[X86_RAX] = 0xfee00000;
	r.gpr[X86_RBX] = 0x10;
	struct x86_insn in = dec("89 4c d8 f0"); /* [rax+rbx*8-0x10] */
	CHECK_EQ(x86_linear_addr(&in, &r), 0xfee00000ull + 0x80 - 0x10);
	in = dec("89 0d 10 00 00 00"); /* [rip+0x10]: next RIP, 6 bytes on */
	CHECK_EQ(x86_linear_addr(&in, &r), 0xffffffff81000000ull + 6 + 0x10);
	in = dec("89 0d f0 ff ff ff");
	CHECK_EQ(x86_linear_addr(&in, &r), 0xffffffff81000000ull + 6 - 0x10);
	in = dec("c7 05 10 00 00 00 01 00 00 00"); /* the immediate counts too */
	CHECK_EQ(x86_linear_addr(&in, &r), 0xffffffff81000000ull + 10 + 0x10);
	in = dec("c7 04 25 b0 b0 5f ff 00 00 00 00");
	CHECK_EQ(x86_linear_addr(&in, &r), 0xffffffffff5fb0b0ull);
	in = dec("43 89 4c a5 08"); /* [r13+r12*4+0x8] */
	CHECK_EQ(x86_linear_addr(&in, &r), r.gpr[13] + r.gpr[12] * 4 + 8);
	in = dec("67 89 08"); /* [eax]: the high half of RAX drops */
	r.gpr[X86_RAX] = 0x12345678fee000b0ull;
	CHECK_EQ(x86_linear_addr(&in, &r), 0xfee000b0ull);
	in = dec("67 42 89 4c a0 04"); /* wraps at 4 GiB */
	r.gpr[X86_RAX] = 0xfffffff0u;
	r.gpr[12] = 8;
	CHECK_EQ(x86_linear_addr(&in, &r), 0x14ull); /* 0xfffffff0 + 8 * 4 + 4 */
	in = dec("64 89 08");
	r.gpr[X86_RAX] = 0x40;
	CHECK_EQ(x86_linear_addr(&in, &r), 0x7f0000000040ull);
	in = dec("65 48 89 08");
	CHECK_EQ(x86_linear_addr(&in, &r), 0xffff888000000040ull);
	in = dec("2e 89 08"); /* CS override: no base in 64-bit mode */
	CHECK_EQ(x86_linear_addr(&in, &r), 0x40ull);
	in = dec("48 a3 b0 00 e0 fe 00 00 00 00");
	CHECK_EQ(x86_linear_addr(&in, &r), 0xfee000b0ull);
	in = dec("89 0c 8d 10 00 00 00"); /* [rcx*4+0x10] */
	CHECK_EQ(x86_linear_addr(&in, &r), r.gpr[X86_RCX] * 4 + 0x10);
}

TEST(x86dec_store_value)
{
	struct x86_regs r = regs();
	r.gpr[X86_RCX] = 0x8877665544332211ull;
	r.gpr[X86_RBX] = 0xaabbccddeeff1234ull;
	struct x86_insn in = dec("89 08");
	CHECK_EQ(x86_store_value(&in, &r), 0x44332211ull);
	in = dec("48 89 08");
	CHECK_EQ(x86_store_value(&in, &r), 0x8877665544332211ull);
	in = dec("66 89 08");
	CHECK_EQ(x86_store_value(&in, &r), 0x2211ull);
	in = dec("88 08"); /* cl */
	CHECK_EQ(x86_store_value(&in, &r), 0x11ull);
	in = dec("88 3b"); /* bh */
	CHECK_EQ(x86_store_value(&in, &r), 0x12ull);
	in = dec("40 88 3b"); /* dil */
	CHECK_EQ(x86_store_value(&in, &r), r.gpr[X86_RDI] & 0xff);
	in = dec("4d 89 3f");
	CHECK_EQ(x86_store_value(&in, &r), r.gpr[15]);
	in = dec("48 c7 00 00 00 00 80");
	CHECK_EQ(x86_store_value(&in, &r), 0xffffffff80000000ull);
	in = dec("66 c7 00 34 12");
	CHECK_EQ(x86_store_value(&in, &r), 0x1234ull);
	in = dec("48 a3 b0 00 e0 fe 00 00 00 00");
	CHECK_EQ(x86_store_value(&in, &r), r.gpr[X86_RAX]);
}

TEST(x86dec_load_apply)
{
	struct x86_regs r = regs();
	r.gpr[X86_RCX] = 0x8877665544332211ull;
	struct x86_insn in = dec("8b 08"); /* 32-bit: zero-extends */
	x86_load_apply(&in, &r, 0xdeadbeefcafef00dull);
	CHECK_EQ(r.gpr[X86_RCX], 0xcafef00dull);
	r.gpr[X86_RCX] = 0x8877665544332211ull;
	in = dec("66 8b 08"); /* 16-bit: merges */
	x86_load_apply(&in, &r, 0xbeef);
	CHECK_EQ(r.gpr[X86_RCX], 0x887766554433beefull);
	in = dec("8a 08"); /* cl */
	x86_load_apply(&in, &r, 0x7f);
	CHECK_EQ(r.gpr[X86_RCX], 0x887766554433be7full);
	r.gpr[X86_RSP] = 0x0102030405060708ull;
	in = dec("8a 24 24"); /* ah */
	x86_load_apply(&in, &r, 0x99);
	CHECK_EQ(r.gpr[X86_RAX] & 0xffff, (0x99u << 8) | (regs().gpr[X86_RAX] & 0xff));
	CHECK_EQ(r.gpr[X86_RSP], 0x0102030405060708ull);
	in = dec("4c 0f b7 08"); /* movzx r9, word */
	r.gpr[9] = ~0ull;
	x86_load_apply(&in, &r, 0xffffffffffff8001ull);
	CHECK_EQ(r.gpr[9], 0x8001ull);
	in = dec("66 0f b6 08"); /* movzx cx, byte: bits 63:16 kept */
	r.gpr[X86_RCX] = 0x1122334455667788ull;
	x86_load_apply(&in, &r, 0x1ff);
	CHECK_EQ(r.gpr[X86_RCX], 0x11223344556600ffull);
	in = dec("48 a1 10 00 00 00 00 00 00 00");
	x86_load_apply(&in, &r, 0x0123456789abcdefull);
	CHECK_EQ(r.gpr[X86_RAX], 0x0123456789abcdefull);
}
