// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the MMIO instruction decoder and the guest fetcher
 * (hypervisor/lib/x86dec/). The input's first 15 bytes (fewer if it is
 * shorter) are decoded from a heap buffer of exactly that size, so ASan
 * catches any read past it. Invariants: a success has length 1..avail,
 * a known kind, size 1/2/4/8 and registers below 16, and decodes the same
 * from exactly its own bytes and from a 15-byte buffer; one byte fewer is
 * PP_ETRUNC; a refusal is PP_ETRUNC (only below 15 bytes), PP_ENOTSUP or
 * PP_EINVAL with a message, and leaves the output untouched.
 *
 * From byte 15 on, a header (rip, paging flags, MAXPHYADDR) and overlay
 * records [offset:2][length:1][bytes] change a 16-page guest memory image
 * whose page tables map 4 KiB, 2 MiB and 1 GiB pages; the 15 bytes are
 * placed at rip first. The read callback aborts on a read across a 4 KiB
 * page or longer than 15 bytes, and refuses any gpa outside the image.
 * Invariants: a fetch+decode success is 1..15 bytes that x86_fetch reads
 * back and x86_decode decodes to the same instruction; a refusal leaves
 * the output untouched and has a message; a translation stays below
 * 2^MAXPHYADDR.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include "hypervisor/lib/x86dec/fetch.h"
#include "tests/x86dec/render.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define IMG_PAGES 16u
#define IMG_SIZE (IMG_PAGES * PP_PAGE_SIZE)
#define HDR 13u

static u8 img[IMG_SIZE];

static int img_read(void *ctx, u64 gpa, u8 *buf, u32 len)
{
	(void)ctx;
	if (len == 0 || len > X86_INSN_MAX || (gpa & (PP_PAGE_SIZE - 1)) + len > PP_PAGE_SIZE)
		abort();
	if (gpa >= IMG_SIZE)
		return PP_ERANGE;
	memcpy(buf, img + gpa, len);
	return PP_OK;
}

static void put64(u64 gpa, u64 v)
{
	for (u32 i = 0; i < 8; i++)
		img[gpa + i] = (u8)(v >> (8 * i));
}

#define PG(n) ((u64)(n)*PP_PAGE_SIZE)
#define ENT(page, i) (PG(page) + 8ull * (i)) /* entry i of the table in a page */

/* 0x400000 -> page 10, 0x401000 -> page 12, 0x402000 not present;
 * 0x600000 2 MiB -> 0; 0x40000000 1 GiB -> 0; 0xffffffff80000000 ->
 * pages 13, 14 (PML4E 511 -> PDPT page 5 -> PD page 6 -> PT page 7). */
static void base_image(void)
{
	memset(img, 0, sizeof(img));
	put64(PG(1), PG(2) | X86_PTE_P);
	put64(ENT(1, 511), PG(5) | X86_PTE_P);
	put64(PG(2), PG(3) | X86_PTE_P);
	put64(PG(2) + 8, X86_PTE_P | X86_PTE_PS);
	put64(ENT(3, 2), PG(4) | X86_PTE_P);
	put64(ENT(3, 3), X86_PTE_P | X86_PTE_PS);
	put64(PG(4), PG(10) | X86_PTE_P);
	put64(PG(4) + 8, PG(12) | X86_PTE_P | X86_PTE_NX);
	put64(ENT(5, 510), PG(6) | X86_PTE_P);
	put64(PG(6), PG(7) | X86_PTE_P);
	put64(PG(7), PG(13) | X86_PTE_P);
	put64(PG(7) + 8, PG(14) | X86_PTE_P);
}

static void same(const struct x86_insn *a, const struct x86_insn *b)
{
	if (!x86r_same(a, b))
		abort();
}

static void check_refusal(int rc, const struct pp_err *err, const void *out, size_t n)
{
	if (rc != PP_ETRUNC && rc != PP_ENOTSUP && rc != PP_EINVAL && rc != PP_ENOENT &&
	    rc != PP_ERANGE)
		abort();
	if (!err->msg[0])
		abort();
	if (!x86r_filled(out, n, 0xa5))
		abort();
}

static void decode_part(const u8 *data, u32 n)
{
	u8 *b = malloc(n ? n : 1);
	if (!b)
		abort();
	memcpy(b, data, n);
	struct x86_insn in;
	struct pp_err err = {0};
	memset(&in, 0xa5, sizeof(in));
	int rc = x86_decode(b, n, &in, &err);
	if (rc) {
		check_refusal(rc, &err, &in, sizeof(in));
		if ((rc == PP_ETRUNC && n >= X86_INSN_MAX) || rc == PP_ENOENT || rc == PP_ERANGE)
			abort();
		free(b);
		return;
	}
	if (in.len < 1 || in.len > n || in.kind < X86_STORE_REG || in.kind > X86_LOAD_ZX)
		abort();
	if ((in.size != 1 && in.size != 2 && in.size != 4 && in.size != 8) || in.reg >= X86_NGPR ||
	    in.mem.base >= X86_NGPR || in.mem.index >= X86_NGPR)
		abort();
	if (in.high8 && (in.reg < 4 || in.reg > 7 || in.reg_size != 1))
		abort();
	struct x86_insn again;
	u8 full[X86_INSN_MAX];
	memset(full, 0xcc, sizeof(full));
	memcpy(full, b, in.len);
	if (x86_decode(full, in.len, &again, &err))
		abort();
	same(&in, &again);
	if (x86_decode(full, X86_INSN_MAX, &again, &err))
		abort();
	same(&in, &again);
	if (x86_decode(full, in.len - 1u, &again, &err) != PP_ETRUNC)
		abort();
	/* The operand helpers on any register file. */
	struct x86_regs r;
	memset(&r, 0x3c, sizeof(r));
	(void)x86_linear_addr(&in, &r);
	(void)x86_store_value(&in, &r);
	x86_load_apply(&in, &r, ~0ull);
	free(b);
}

static void overlay(const u8 *d, size_t n)
{
	while (n >= 3) {
		const u32 off = ld_le16(d) % IMG_SIZE;
		size_t len = d[2];
		d += 3;
		n -= 3;
		if (len > n)
			len = n;
		if (len > IMG_SIZE - off)
			len = IMG_SIZE - off;
		memcpy(img + off, d, len);
		d += len;
		n -= len;
	}
}

static void fetch_part(const u8 *insn, const u8 *h, const u8 *rest, size_t n)
{
	static const u64 bases[4] = {0x400000, 0x600000, 0x40000000, 0xffffffff80000000ull};
	struct x86_paging pg = {.cr0 = X86_CR0_PE | X86_CR0_PG,
				.cr3 = PG(1),
				.cr4 = X86_CR4_PAE,
				.efer = X86_EFER_LME | X86_EFER_LMA | X86_EFER_NXE,
				.maxphyaddr = (u8)(32 + h[4] % 21),
				.page1gb = h[3] & 1};
	u64 rip = bases[h[0] & 3] + (ld_le16(h + 1) & 0x1fffu);
	if (h[0] & 4)
		rip = ld_le64(h + 5);
	const struct x86_mem_ops ops = {.ctx = NULL, .read = img_read};
	struct pp_err err = {0};

	base_image();
	for (u32 i = 0; i < X86_INSN_MAX; i++) {
		u64 gpa;
		if (x86_gva_to_gpa(&pg, &ops, rip + i, &gpa, &err) == PP_OK && gpa < IMG_SIZE)
			img[gpa] = insn[i];
	}
	overlay(rest, n);
	if (h[3] & 2)
		pg.efer &= ~X86_EFER_NXE;
	if (h[3] & 4)
		pg.cr4 |= X86_CR4_LA57;
	if (h[3] & 8)
		pg.efer &= ~X86_EFER_LMA;
	if (h[3] & 16)
		pg.maxphyaddr = h[4];
	if (h[3] & 32)
		pg.cr3 = ld_le64(h + 5);

	u64 gpa = 0xa5a5a5a5a5a5a5a5ull;
	int rc = x86_gva_to_gpa(&pg, &ops, rip, &gpa, &err);
	if (rc)
		check_refusal(rc, &err, &gpa, sizeof(gpa));
	else if (gpa >> pg.maxphyaddr)
		abort();

	struct x86_insn in, again;
	memset(&in, 0xa5, sizeof(in));
	rc = x86_fetch_decode(&pg, &ops, rip, &in, &err);
	if (rc) {
		check_refusal(rc, &err, &in, sizeof(in));
		return;
	}
	if (in.len < 1 || in.len > X86_INSN_MAX)
		abort();
	u8 b[X86_INSN_MAX];
	if (x86_fetch(&pg, &ops, rip, in.len, b, &err) || x86_decode(b, in.len, &again, &err))
		abort();
	same(&in, &again);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const u32 n = size < X86_INSN_MAX ? (u32)size : X86_INSN_MAX;
	decode_part(data, n);
	if (size < X86_INSN_MAX + HDR)
		return 0;
	fetch_part(data, data + X86_INSN_MAX, data + X86_INSN_MAX + HDR, size - X86_INSN_MAX - HDR);
	return 0;
}
