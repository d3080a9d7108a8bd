// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MMIO instruction decoder (hypervisor/lib/x86dec/decode.c, modrm.c,
 * operands.c): every case of tests/x86dec/cases.h (hand-encoded from the
 * SDM; the same table is checked against objdump by `make x86dec-check`)
 * decodes to its expected view and length, reads no byte past its end and
 * reports every shorter buffer as truncated; every refusal has its code
 * and message and leaves the output untouched; operands against a
 * register file. The fetcher (fetch.c, walk.c) over a small guest memory
 * image: 4 KiB, 2 MiB and 1 GiB pages, a fetch across a page boundary
 * (two walks), non-present and reserved-bit entries at each level, and a
 * read callback that counts any access outside the image or across a page.
 */
#include <stdlib.h>
#include "unit.h"
#include "hypervisor/lib/x86dec/fetch.h"
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
		if (strcmp(got, c->expect) != 0 || in.len != c->len) {
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
			CHECK(x86r_filled(&in, sizeof(in), 0xa5));
			free(h);
		}
		u8 full[X86_INSN_MAX];
		memset(full, 0x89, sizeof(full));
		memcpy(full, b, (size_t)n);
		struct x86_insn a, z;
		struct pp_err err = {0};
		CHECK_EQ(x86_decode(b, (u32)n, &a, &err), PP_OK);
		CHECK_EQ(x86_decode(full, sizeof(full), &z, &err), PP_OK);
		CHECK(x86r_same(&a, &z));
	}
}

TEST(x86dec_refusals)
{
	for (size_t i = 0; i < PP_ARRAY_SIZE(x86dec_refusals); i++) {
		const struct x86dec_refusal *r = &x86dec_refusals[i];
		u8 b[32];
		const int n = hex(r->hex, b);
		REQUIRE(n >= 0);
		struct x86_insn in;
		memset(&in, 0x5a, sizeof(in));
		struct pp_err err = {0};
		const int rc = x86_decode(b, (u32)n, &in, &err);
		if (rc != r->code || !strstr(err.msg, r->msg)) {
			char m[400];
			snprintf(m, sizeof(m), "%s: rc %d \"%s\", want %d \"%s\"", r->hex, rc,
				 err.msg, r->code, r->msg);
			unit_fail(__FILE__, __LINE__, m);
		}
		CHECK(x86r_filled(&in, sizeof(in), 0x5a));
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
		r.gpr[i] = 0x1111111100000000ull * (i + 1) + 0x1000ull * i; /* distinct */
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

/* The guest-physical memory: 64 pages at gpa 0; anything else is refused. */
#define GMEM_PAGES 64u
struct gmem {
	u8 *b;
	u32 reads, bad; /* bad: outside the image or across a 4 KiB page */
};

static int gmem_read(void *ctx, u64 gpa, u8 *buf, u32 len)
{
	struct gmem *g = ctx;
	g->reads++;
	if (len == 0 || len > PP_PAGE_SIZE || (gpa & (PP_PAGE_SIZE - 1)) + len > PP_PAGE_SIZE) {
		g->bad++;
		return PP_EINVAL;
	}
	if (gpa >= GMEM_PAGES * PP_PAGE_SIZE)
		return PP_ERANGE; /* outside the partition: refused, not a test bug */
	memcpy(buf, g->b + gpa, len);
	return PP_OK;
}

static void put64(struct gmem *g, u64 gpa, u64 v)
{
	for (u32 i = 0; i < 8; i++)
		g->b[gpa + i] = (u8)(v >> (8 * i));
}

#define PG(n) ((u64)(n)*PP_PAGE_SIZE)
#define ENT(page, i) (PG(page) + 8ull * (i)) /* entry i of the table in a page */
#define PTE_P X86_PTE_P
#define PTE_PS X86_PTE_PS
enum { G_PML4 = 1, G_PDPT = 2, G_PD = 3, G_PT = 4, G_CODE0 = 10, G_CODE1 = 12 };

/* Page tables (CR3 = page 1):
 *   0x400000 -> page 10, 0x401000 -> page 12 (4 KiB; not contiguous),
 *   0x402000 not present (PTE 2);
 *   0x600000 2 MiB leaf -> gpa 0; 0x40000000 1 GiB leaf -> gpa 0;
 *   PML4E 1 (0x8000000000) not present; PDE 5 (0xa00000) not present. */
static void gmem_init(struct gmem *g, struct x86_paging *pg, struct x86_mem_ops *ops)
{
	g->b = calloc(GMEM_PAGES, PP_PAGE_SIZE);
	g->reads = g->bad = 0;
	put64(g, ENT(G_PML4, 0), PG(G_PDPT) | PTE_P | 2);
	put64(g, ENT(G_PDPT, 0), PG(G_PD) | PTE_P | 2);
	put64(g, ENT(G_PDPT, 1), 0 | PTE_P | PTE_PS);
	put64(g, ENT(G_PD, 2), PG(G_PT) | PTE_P);
	put64(g, ENT(G_PD, 3), 0 | PTE_P | PTE_PS);
	put64(g, ENT(G_PT, 0), PG(G_CODE0) | PTE_P | X86_PTE_NX);
	put64(g, ENT(G_PT, 1), PG(G_CODE1) | PTE_P);
	*pg = (struct x86_paging){.cr0 = X86_CR0_PE | X86_CR0_PG,
				  .cr3 = PG(G_PML4),
				  .cr4 = X86_CR4_PAE,
				  .efer = X86_EFER_LME | X86_EFER_LMA | X86_EFER_NXE,
				  .maxphyaddr = 40,
				  .page1gb = true};
	*ops = (struct x86_mem_ops){.ctx = g, .read = gmem_read};
}

static void put_hex(struct gmem *g, u64 gpa, const char *h)
{
	u8 b[32];
	const int n = hex(h, b);
	memcpy(g->b + gpa, b, (size_t)n);
}

TEST(x86dec_walk_sizes)
{
	struct gmem g;
	struct x86_paging pg;
	struct x86_mem_ops ops;
	gmem_init(&g, &pg, &ops);
	REQUIRE(g.b);
	struct pp_err err = {0};
	u64 gpa = 0;
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x400123, &gpa, &err), PP_OK);
	CHECK_EQ(gpa, PG(G_CODE0) + 0x123);
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x401ffe, &gpa, &err), PP_OK);
	CHECK_EQ(gpa, PG(G_CODE1) + 0xffe);
	CHECK_EQ(g.reads, 8u); /* four entries per walk */
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x6abcde, &gpa, &err), PP_OK); /* 2 MiB */
	CHECK_EQ(gpa, 0xabcdeull);
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x40012345, &gpa, &err), PP_OK); /* 1 GiB */
	CHECK_EQ(gpa, 0x12345ull);
	/* Without 1 GiB pages, PS in a PDPTE is reserved. */
	pg.page1gb = false;
	gpa = 0x5a5a;
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x40012345, &gpa, &err), PP_EINVAL);
	CHECK_MSG(&err, "PDPTE 1 at gpa 0x2008");
	CHECK_MSG(&err, "reserved bits 0x80");
	CHECK_EQ(gpa, 0x5a5aull);
	pg.page1gb = true;
	/* Bits 29:13 of a 1 GiB leaf and 20:13 of a 2 MiB leaf are reserved. */
	put64(&g, PG(G_PDPT) + 8, 0x2000 | PTE_P | PTE_PS);
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x40000000, &gpa, &err), PP_EINVAL);
	CHECK_MSG(&err, "PDPTE 1");
	put64(&g, ENT(G_PD, 3), 0x100000 | PTE_P | PTE_PS);
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x600000, &gpa, &err), PP_EINVAL);
	CHECK_MSG(&err, "PDE 3 at gpa 0x3018 for 0x600000: reserved bits 0x100000");
	/* Bit 12 of a 2 MiB leaf is PAT, not an address or reserved bit. */
	put64(&g, ENT(G_PD, 3), 0x1000 | PTE_P | PTE_PS);
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x600010, &gpa, &err), PP_OK);
	CHECK_EQ(gpa, 0x10ull);
	CHECK_EQ(g.bad, 0u);
	free(g.b);
}

TEST(x86dec_walk_faults)
{
	struct gmem g;
	struct x86_paging pg;
	struct x86_mem_ops ops;
	gmem_init(&g, &pg, &ops);
	REQUIRE(g.b);
	struct pp_err err = {0};
	u64 gpa = 0x5a5a;
	/* Not present at each level, named with its index and gpa. */
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x8000000000ull, &gpa, &err), PP_ENOENT);
	CHECK_MSG(&err, "PML4E 1 at gpa 0x1008 for 0x8000000000 not present");
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x80000000ull, &gpa, &err), PP_ENOENT);
	CHECK_MSG(&err, "PDPTE 2 at gpa 0x2010");
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0xa00000, &gpa, &err), PP_ENOENT);
	CHECK_MSG(&err, "PDE 5 at gpa 0x3028");
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x402000, &gpa, &err), PP_ENOENT);
	CHECK_MSG(&err, "PTE 2 at gpa 0x4010 for 0x402000 not present");
	/* Non-canonical. */
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x0000800000000000ull, &gpa, &err), PP_EINVAL);
	CHECK_MSG(&err, "not canonical");
	/* An address bit at or above MAXPHYADDR; NX without EFER.NXE. */
	put64(&g, ENT(G_PT, 3), (1ull << 40) | PTE_P);
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x403000, &gpa, &err), PP_EINVAL);
	CHECK_MSG(&err, "PTE 3 at gpa 0x4018 for 0x403000: reserved bits 0x10000000000");
	pg.maxphyaddr = 48;
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x403000, &gpa, &err), PP_OK);
	CHECK_EQ(gpa, 1ull << 40);
	pg.efer &= ~X86_EFER_NXE;
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x400000, &gpa, &err), PP_EINVAL);
	CHECK_MSG(&err, "PTE 0");
	CHECK_MSG(&err, "reserved bits 0x8000000000000000");
	pg.efer |= X86_EFER_NXE;
	/* PS in a PML4E is reserved. */
	put64(&g, ENT(G_PML4, 2), PTE_P | PTE_PS);
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x10000000000ull, &gpa, &err), PP_EINVAL);
	CHECK_MSG(&err, "PML4E 2");
	/* A table outside what the callback allows: its error, named. */
	put64(&g, ENT(G_PD, 6), PG(1000) | PTE_P);
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0xc00000, &gpa, &err), PP_ERANGE);
	CHECK_MSG(&err, "reading PTE 0 at gpa 0x3e8000 for 0xc00000 failed");
	/* Modes the walker does not handle. */
	pg.cr4 |= X86_CR4_LA57;
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x400000, &gpa, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "LA57");
	pg.cr4 &= ~X86_CR4_LA57;
	pg.cr0 &= ~X86_CR0_PG;
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x400000, &gpa, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "paging off");
	pg.cr0 |= X86_CR0_PG;
	pg.efer &= ~X86_EFER_LMA;
	CHECK_EQ(x86_gva_to_gpa(&pg, &ops, 0x400000, &gpa, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "not long mode");
	CHECK_EQ(gpa, 1ull << 40); /* untouched since the last success */
	CHECK_EQ(g.bad, 0u);
	free(g.b);
}

TEST(x86dec_fetch_decode)
{
	struct gmem g;
	struct x86_paging pg;
	struct x86_mem_ops ops;
	gmem_init(&g, &pg, &ops);
	REQUIRE(g.b);
	struct pp_err err = {0};
	struct x86_insn in;
	char got[160];
	/* Inside a page: one walk, the bytes up to 15. */
	put_hex(&g, PG(G_CODE0) + 0x100, "c7 04 25 b0 b0 5f ff 00 00 00 00");
	CHECK_EQ(x86_fetch_decode(&pg, &ops, 0x400100, &in, &err), PP_OK);
	CHECK_EQ(in.len, 11);
	x86r_insn(&in, got, sizeof(got));
	CHECK(!strcmp(got, "sti 4 0x0 [0xffffffffff5fb0b0]"));
	/* Across a page boundary: 6 bytes on page 10, 5 on page 12. */
	put_hex(&g, PG(G_CODE0) + 0xffa, "c7 04 25 b0 b0");
	put_hex(&g, PG(G_CODE0) + 0xfff, "5f");
	put_hex(&g, PG(G_CODE1), "ff 01 00 00 00");
	g.reads = 0;
	CHECK_EQ(x86_fetch_decode(&pg, &ops, 0x400ffa, &in, &err), PP_OK);
	CHECK_EQ(in.len, 11);
	CHECK_EQ(in.imm, 1);
	CHECK_EQ(in.mem.disp, 0xffffffffff5fb0b0ull);
	u8 raw[X86_INSN_MAX];
	CHECK_EQ(x86_fetch(&pg, &ops, 0x400ffa, 11, raw, &err), PP_OK);
	CHECK(raw[5] == 0x5f && raw[6] == 0xff && raw[7] == 0x01);
	/* Ending on the last byte of a page before an unmapped one: decodes
	 * without walking the next page. */
	put_hex(&g, PG(G_CODE1) + 0xffe, "89 08");
	CHECK_EQ(x86_fetch_decode(&pg, &ops, 0x401ffe, &in, &err), PP_OK);
	CHECK_EQ(in.len, 2);
	/* Continuing into the unmapped page: the walk's fault. */
	put_hex(&g, PG(G_CODE1) + 0xffc, "c7 00 78 56");
	memset(&in, 0xa5, sizeof(in));
	CHECK_EQ(x86_fetch_decode(&pg, &ops, 0x401ffc, &in, &err), PP_ENOENT);
	CHECK_MSG(&err, "PTE 2 at gpa 0x4010 for 0x402000 not present");
	CHECK(x86r_filled(&in, sizeof(in), 0xa5));
	memset(raw, 0xa5, sizeof(raw));
	CHECK_EQ(x86_fetch(&pg, &ops, 0x401ffc, 6, raw, &err), PP_ENOENT);
	CHECK_EQ(raw[0], 0xa5);
	/* A refused instruction is the decoder's refusal. */
	put_hex(&g, PG(G_CODE0) + 0x200, "f0 89 08");
	CHECK_EQ(x86_fetch_decode(&pg, &ops, 0x400200, &in, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "LOCK");
	/* Through a 2 MiB and a 1 GiB page (both map gpa 0). */
	put_hex(&g, 0x9ff0, "48 89 08");
	CHECK_EQ(x86_fetch_decode(&pg, &ops, 0x609ff0, &in, &err), PP_OK);
	CHECK_EQ(in.len, 3);
	CHECK_EQ(x86_fetch_decode(&pg, &ops, 0x40009ff0, &in, &err), PP_OK);
	CHECK_EQ(in.size, 8);
	/* Lengths outside 1..15; a fetch wrapping past 2^64. */
	CHECK_EQ(x86_fetch(&pg, &ops, 0x400000, 0, raw, &err), PP_EINVAL);
	CHECK_EQ(x86_fetch(&pg, &ops, 0x400000, 16, raw, &err), PP_EINVAL);
	put64(&g, ENT(G_PML4, 511), PG(G_PDPT) | PTE_P);
	put64(&g, ENT(G_PDPT, 511), PG(G_PD) | PTE_P);
	put64(&g, ENT(G_PD, 511), PG(G_PT) | PTE_P);
	put64(&g, ENT(G_PT, 511), PG(G_CODE0) | PTE_P);
	CHECK_EQ(x86_fetch(&pg, &ops, 0xfffffffffffffffcull, 8, raw, &err), PP_EINVAL);
	CHECK_MSG(&err, "wraps");
	CHECK_EQ(g.bad, 0u);
	free(g.b);
}
