// SPDX-License-Identifier: GPL-2.0-only
/* ELF64 validation and loading of the hypervisor image (launch/elf.c). */
#include <stdlib.h>
#include <parapet/bytes.h>
#include "launch/elf.h"
#include "unit.h"

#define HV 0x1000000ull
#define TEXT_OFF 0x200u
#define TEXT_SZ 0x180u
#define DATA_OFF (TEXT_OFF + TEXT_SZ)
#define DATA_SZ 0x40u
#define FILE_SZ (DATA_OFF + DATA_SZ) /* the file ends with the last segment byte */

struct img {
	u8 b[4096];
	u64 len;
};

static void eh(struct img *im, u16 phnum, u64 entry)
{
	u8 *b = im->b;
	memset(b, 0, 64);
	b[0] = 0x7f;
	b[1] = 'E';
	b[2] = 'L';
	b[3] = 'F';
	b[4] = 2; /* ELFCLASS64 */
	b[5] = 1; /* little-endian */
	b[6] = 1;
	st_le16(b + 16, 2);  /* ET_EXEC */
	st_le16(b + 18, 62); /* x86_64 */
	st_le32(b + 20, 1);
	st_le64(b + 24, entry);
	st_le64(b + 32, 64); /* phoff */
	st_le16(b + 52, 64);
	st_le16(b + 54, 56);
	st_le16(b + 56, phnum);
}

static void ph(struct img *im, u32 i, u32 type, u32 flags, u64 off, u64 addr, u64 filesz, u64 memsz)
{
	u8 *p = im->b + 64 + (size_t)i * 56;
	memset(p, 0, 56);
	st_le32(p, type);
	st_le32(p + 4, flags);
	st_le64(p + 8, off);
	st_le64(p + 16, addr);
	st_le64(p + 24, addr);
	st_le64(p + 32, filesz);
	st_le64(p + 40, memsz);
	st_le64(p + 48, 0x1000);
}

/* text RX at 16 MiB, a PT_NOTE, data RW at 16 MiB + 8 KiB with 0x3000 of bss. */
static void valid(struct img *im)
{
	memset(im->b, 0, sizeof(im->b));
	eh(im, 3, HV + 0x10);
	ph(im, 0, ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, TEXT_OFF, HV, TEXT_SZ, TEXT_SZ);
	ph(im, 1, 4 /* PT_NOTE */, ELF_PF_R, 0, 0, 0, 0);
	ph(im, 2, ELF_PT_LOAD, ELF_PF_R | ELF_PF_W, DATA_OFF, HV + 0x2000, DATA_SZ, 0x3000);
	for (u32 i = TEXT_OFF; i < FILE_SZ; i++)
		im->b[i] = (u8)(i * 7 + 1);
	im->len = FILE_SZ;
}

static const struct elf_forbidden no_forbid[1] = {{0, 0, NULL}};
static const struct elf_policy pol = {0x100000, 0x100000000ull, no_forbid, 0};

static int check(const struct img *im, const struct elf_policy *p, struct elf_image *out,
		 struct pp_err *e)
{
	return elf_check(im->b, im->len, p, out, e);
}

#define EXPECT(im, want, sub)                                                                      \
	do {                                                                                       \
		struct pp_err e_ = {0, ""};                                                        \
		struct elf_image o_;                                                               \
		CHECK_EQ(check((im), &pol, &o_, &e_), (want));                                     \
		CHECK_EQ(e_.code, (want));                                                         \
		CHECK_MSG(&e_, sub);                                                               \
	} while (0)

TEST(elf_valid)
{
	struct img im;
	struct elf_image o;
	struct pp_err e = {0, ""};
	valid(&im);
	REQUIRE(check(&im, &pol, &o, &e) == PP_OK);
	CHECK_EQ(o.entry, HV + 0x10);
	CHECK_EQ(o.nseg, 2);
	CHECK_EQ(o.seg[0].paddr, HV);
	CHECK_EQ(o.seg[0].offset, TEXT_OFF);
	CHECK_EQ(o.seg[1].phdr_index, 2);
	CHECK_EQ(o.seg[1].memsz, 0x3000);
	CHECK_EQ(o.span_base, HV);
	CHECK_EQ(o.span_size, 0x5000);
	/* an empty PT_LOAD is ignored */
	ph(&im, 1, ELF_PT_LOAD, ELF_PF_R, 0, 0, 0, 0);
	REQUIRE(check(&im, &pol, &o, &e) == PP_OK);
	CHECK_EQ(o.nseg, 2);
	/* a span that is not page aligned is rounded out */
	valid(&im);
	ph(&im, 0, ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, TEXT_OFF, HV + 0x10, TEXT_SZ, TEXT_SZ);
	eh(&im, 3, HV + 0x10);
	REQUIRE(check(&im, &pol, &o, &e) == PP_OK);
	CHECK_EQ(o.span_base, HV);
	CHECK_EQ(o.span_size, 0x5000);
}

/* Fake physical memory [HV, HV + 64 KiB) for the loader. */
static u8 fake_mem[0x10000];
static u32 dest_calls;
static u8 *fake_dest(void *ctx, u64 paddr, u64 len)
{
	(void)ctx;
	dest_calls++;
	if (paddr < HV || len > sizeof(fake_mem) || paddr - HV > sizeof(fake_mem) - len)
		return NULL;
	return fake_mem + (paddr - HV);
}

TEST(elf_load_writes_exactly_the_segments)
{
	struct img im;
	struct elf_image o;
	struct pp_err e = {0, ""};
	valid(&im);
	REQUIRE(check(&im, &pol, &o, &e) == PP_OK);
	memset(fake_mem, 0xaa, sizeof(fake_mem));
	dest_calls = 0;
	REQUIRE(elf_load(im.b, im.len, &o, fake_dest, NULL, &e) == PP_OK);
	CHECK_EQ(dest_calls, 2);
	CHECK(memcmp(fake_mem, im.b + TEXT_OFF, TEXT_SZ) == 0);
	CHECK(memcmp(fake_mem + 0x2000, im.b + DATA_OFF, DATA_SZ) == 0);
	u32 bad = 0;
	for (u32 i = 0; i < sizeof(fake_mem); i++) {
		u8 want;
		if (i < TEXT_SZ)
			want = im.b[TEXT_OFF + i];
		else if (i >= 0x2000 && i < 0x2000 + DATA_SZ)
			want = im.b[DATA_OFF + i - 0x2000];
		else if (i >= 0x2000 + DATA_SZ && i < 0x5000)
			want = 0; /* bss */
		else
			want = 0xaa; /* untouched */
		bad += fake_mem[i] != want;
	}
	CHECK_EQ(bad, 0);

	/* a destination that cannot be written is an error, not a crash */
	o.seg[1].paddr = HV + sizeof(fake_mem);
	CHECK_EQ(elf_load(im.b, im.len, &o, fake_dest, NULL, &e), PP_ERANGE);
	CHECK_MSG(&e, "no writable memory for program header 2 at 0x1010000");
	/* a descriptor that no longer fits the file is refused */
	o.seg[1].paddr = HV + 0x2000;
	o.seg[1].filesz = 0x10000;
	CHECK_EQ(elf_load(im.b, im.len, &o, fake_dest, NULL, &e), PP_EINVAL);
}

TEST(elf_header_errors)
{
	struct img im;
	struct pp_err e = {0, ""};
	struct elf_image o;
	valid(&im);
	CHECK_EQ(elf_check(im.b, 63, &pol, &o, &e), PP_ETRUNC);
	CHECK_MSG(&e, "file is 63 bytes, the header needs 64");
	CHECK_EQ(elf_check(NULL, 1000, &pol, &o, &e), PP_ETRUNC);
	valid(&im);
	im.b[1] = 'e';
	EXPECT(&im, PP_EMAGIC, "bad magic 7f 65 4c 46");
	valid(&im);
	im.b[4] = 1;
	EXPECT(&im, PP_ENOTSUP, "class 1, expected 2");
	valid(&im);
	im.b[5] = 2;
	EXPECT(&im, PP_ENOTSUP, "data encoding 2, expected 1");
	valid(&im);
	im.b[6] = 0;
	EXPECT(&im, PP_EVERSION, "version 0/1");
	valid(&im);
	st_le32(im.b + 20, 2);
	EXPECT(&im, PP_EVERSION, "version 1/2");
	valid(&im);
	st_le16(im.b + 16, 3);
	EXPECT(&im, PP_ENOTSUP, "e_type 3, expected 2 (ET_EXEC)");
	valid(&im);
	st_le16(im.b + 18, 3);
	EXPECT(&im, PP_ENOTSUP, "e_machine 3, expected 62");
	valid(&im);
	st_le16(im.b + 52, 52);
	EXPECT(&im, PP_EINVAL, "e_ehsize 52");
	valid(&im);
	st_le16(im.b + 54, 32);
	EXPECT(&im, PP_EINVAL, "e_phentsize 32, expected 56");
	valid(&im);
	st_le16(im.b + 56, 0);
	EXPECT(&im, PP_ERANGE, "e_phnum 0 outside [1, 64]");
	valid(&im);
	st_le16(im.b + 56, 0xffff);
	EXPECT(&im, PP_ERANGE, "e_phnum 65535");
	valid(&im);
	st_le64(im.b + 32, FILE_SZ - 100);
	EXPECT(&im, PP_ETRUNC, "program headers at 0x35c (3 x 56) beyond file size 0x3c0");
	valid(&im);
	st_le64(im.b + 32, 0xfffffffffffffff0ull); /* phoff + size wraps */
	EXPECT(&im, PP_ETRUNC, "program headers at 0xfffffffffffffff0");
}

TEST(elf_segment_errors)
{
	struct img im;
	valid(&im);
	ph(&im, 2, ELF_PT_LOAD, ELF_PF_R, DATA_OFF, HV + 0x2000, 0x41, 0x40);
	EXPECT(&im, PP_EINVAL, "program header 2 filesz 0x41 > memsz 0x40");
	valid(&im);
	ph(&im, 2, ELF_PT_LOAD, ELF_PF_R, DATA_OFF, HV + 0x2000, DATA_SZ + 1, 0x3000);
	EXPECT(&im, PP_ETRUNC, "program header 2 offset 0x380 + 0x41 beyond file size 0x3c0");
	valid(&im);
	ph(&im, 2, ELF_PT_LOAD, ELF_PF_R, 0xffffffffffffffffull, HV + 0x2000, 2, 0x3000);
	EXPECT(&im, PP_ETRUNC, "offset 0xffffffffffffffff + 0x2");
	valid(&im);
	ph(&im, 2, ELF_PT_LOAD, ELF_PF_R, DATA_OFF, 0xfffffffffffff000ull, DATA_SZ, 0x2000);
	EXPECT(&im, PP_ERANGE, "program header 2 paddr 0xfffffffffffff000 + 0x2000 wraps");
	valid(&im);
	st_le64(im.b + 64 + (size_t)2 * 56 + 16, HV + 0x80000000ull); /* vaddr */
	EXPECT(&im, PP_ENOTSUP, "vaddr 0x81000000 != paddr 0x1002000 (must be identity-linked)");
	valid(&im);
	ph(&im, 2, ELF_PT_LOAD, ELF_PF_R, DATA_OFF, 0xff000, DATA_SZ, 0x2000);
	EXPECT(
	    &im, PP_ERANGE,
	    "program header 2 [0xff000, 0x101000) outside the load window [0x100000, 0x100000000)");
	valid(&im);
	ph(&im, 2, ELF_PT_LOAD, ELF_PF_R, DATA_OFF, 0xfffff000ull, DATA_SZ, 0x2000);
	EXPECT(&im, PP_ERANGE, "[0xfffff000, 0x100001000) outside the load window");
	valid(&im);
	ph(&im, 2, ELF_PT_LOAD, ELF_PF_R, DATA_OFF, HV + 0x100, DATA_SZ, 0x3000);
	EXPECT(&im, PP_EOVERLAP,
	       "program header 2 [0x1000100, 0x1003100) overlaps program header 0");
	valid(&im);
	ph(&im, 2, ELF_PT_INTERP, ELF_PF_R, 0, 0, 0, 0);
	EXPECT(&im, PP_ENOTSUP, "program header 2 is PT_INTERP");
	valid(&im);
	ph(&im, 1, ELF_PT_DYNAMIC, ELF_PF_R, 0, 0, 0, 0);
	EXPECT(&im, PP_ENOTSUP, "program header 1 is PT_DYNAMIC");
	valid(&im);
	ph(&im, 0, 4, 0, 0, 0, 0, 0);
	ph(&im, 2, 4, 0, 0, 0, 0, 0);
	EXPECT(&im, PP_ENOENT, "no non-empty PT_LOAD segment");
	valid(&im);
	eh(&im, 3, HV + TEXT_SZ); /* just past the text segment */
	EXPECT(&im, PP_ERANGE, "entry 0x1000180 not inside an executable PT_LOAD segment");
	valid(&im);
	eh(&im, 3, HV + 0x2000); /* inside data, which is not executable */
	EXPECT(&im, PP_ERANGE, "entry 0x1002000 not inside");
}

TEST(elf_too_many_segments)
{
	struct img im;
	memset(&im, 0, sizeof(im));
	eh(&im, ELF_MAX_LOAD + 1, HV);
	for (u32 i = 0; i <= ELF_MAX_LOAD; i++)
		ph(&im, i, ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, 0, HV + i * 0x1000ull, 0, 0x100);
	im.len = 64 + (ELF_MAX_LOAD + 1) * 56;
	EXPECT(&im, PP_ENOMEM, "more than 16 PT_LOAD segments");
}

TEST(elf_forbidden_ranges)
{
	struct img im;
	struct elf_image o;
	struct pp_err e = {0, ""};
	const struct elf_forbidden f1[] = {
	    {0x200000, 0x56000, "the launch image"},
	    {HV + 0x2100, 0x10, "a boot module"}, /* inside data's bss */
	};
	struct elf_policy p = {0x100000, 0x100000000ull, f1, 2};
	valid(&im);
	CHECK_EQ(check(&im, &p, &o, &e), PP_EOVERLAP);
	CHECK_MSG(&e, "program header 2 pages [0x1002000, 0x1005000) overlap a boot module "
		      "[0x1002100, 0x1002110)");
	/* same page as a segment, but outside its bytes: still refused */
	const struct elf_forbidden f2[] = {{HV + 0x5000 - 1, 1, "the MBI"}};
	p.forbid = f2;
	p.nforbid = 1;
	CHECK_EQ(check(&im, &p, &o, &e), PP_EOVERLAP);
	CHECK_MSG(&e, "overlap the MBI");
	/* between the segments: the load span covers it */
	const struct elf_forbidden f3[] = {{HV + 0x1000, 0x800, "the hypervisor ELF module"}};
	p.forbid = f3;
	CHECK_EQ(check(&im, &p, &o, &e), PP_EOVERLAP);
	CHECK_MSG(&e, "load span [0x1000000, 0x1005000) overlaps the hypervisor ELF module "
		      "[0x1001000, 0x1001800)");
	/* a forbidden range that wraps is treated as reaching the top */
	const struct elf_forbidden f4[] = {{HV + 0x4800, ~0ull, NULL}};
	p.forbid = f4;
	CHECK_EQ(check(&im, &p, &o, &e), PP_EOVERLAP);
	CHECK_MSG(&e, "a forbidden range");
	/* ranges next to the image are fine; empty ones are ignored */
	const struct elf_forbidden f5[] = {
	    {HV - 0x1000, 0x1000, "below"}, {HV + 0x5000, 0x1000, "above"}, {HV, 0, "empty"}};
	p.forbid = f5;
	p.nforbid = 3;
	CHECK_EQ(check(&im, &p, &o, &e), PP_OK);
	/* the span must fit the window after page rounding */
	p.nforbid = 0;
	p.win_lo = HV + 0x10;
	ph(&im, 0, ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, TEXT_OFF, HV + 0x10, TEXT_SZ, TEXT_SZ);
	eh(&im, 3, HV + 0x10);
	CHECK_EQ(check(&im, &p, &o, &e), PP_ERANGE);
	CHECK_MSG(&e, "page-rounded load span [0x1000000, 0x1005000) outside the load window");
}

TEST(elf_truncated_at_every_length)
{
	struct img im;
	struct elf_image o;
	struct pp_err e;
	valid(&im);
	REQUIRE(check(&im, &pol, &o, &e) == PP_OK);
	for (u64 len = 0; len < im.len; len++) {
		u8 *copy = malloc(len ? len : 1);
		REQUIRE(copy);
		memcpy(copy, im.b, len);
		if (elf_check(copy, len, &pol, &o, &e) == PP_OK) {
			char m[64];
			snprintf(m, sizeof(m), "prefix %llu accepted", (unsigned long long)len);
			unit_fail(__FILE__, __LINE__, m);
		}
		free(copy);
	}
}
