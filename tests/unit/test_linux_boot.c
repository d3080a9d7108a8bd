// SPDX-License-Identifier: GPL-2.0-only
/* A Linux partition's boot protocol (hypervisor/core/linux/): the bzImage
 * parser on a synthetic image shaped like Debian's (protocol 2.15,
 * xloadflags 0x7f, 2 MiB alignment, pref_address 16 MiB) and each of its
 * refusals; the e820 map and the zero page at boot.rst's and
 * zero-page.rst's offsets; the layout and its refusals. */
#include <stdlib.h>
#include "hypervisor/core/linux/bzimage.h"
#include "hypervisor/core/linux/layout.h"
#include "hypervisor/core/linux/zeropage.h"
#include "unit.h"

#define MB (1024ull * 1024)
#define SETUP_SECTS 4u
#define SYSSIZE 0x100u					      /* 4 KiB of protected-mode code */
#define IMG_LEN ((SETUP_SECTS + 1) * 512 + SYSSIZE * 16 + 64) /* + a trailing "signature" */

static u8 img[IMG_LEN];

static void put16(u32 off, u16 v)
{
	img[off] = (u8)v;
	img[off + 1] = (u8)(v >> 8);
}
static void put32(u32 off, u32 v)
{
	put16(off, (u16)v);
	put16(off + 2, (u16)(v >> 16));
}
static void put64(u32 off, u64 v)
{
	put32(off, (u32)v);
	put32(off + 4, (u32)(v >> 32));
}
static u32 get32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}
static u64 get64(const u8 *p)
{
	return get32(p) | (u64)get32(p + 4) << 32;
}

/* A synthetic bzImage with Debian's header values (linux-guest.md 1.2). */
static void mkimg(void)
{
	memset(img, 0x90, sizeof(img));
	memset(img + 0x1F1, 0, 0x290 - 0x1F1);
	img[0x1F1] = SETUP_SECTS;
	put32(0x1F4, SYSSIZE);
	put16(0x1FE, 0xAA55);
	img[0x200] = 0xEB;
	img[0x201] = 0x6A; /* header ends at 0x26C */
	put32(0x202, 0x53726448);
	put16(0x206, 0x020F);
	img[0x211] = 0x01; /* LOADED_HIGH */
	put32(0x22C, 0x7fffffff);
	put32(0x230, 2 * MB);
	img[0x234] = 1;
	img[0x235] = 21;
	put16(0x236, 0x7f);
	put32(0x238, 2047);
	put64(0x250, 0xdeadbeef000ull); /* setup_data: the loader must clear it */
	put64(0x258, 16 * MB);
	put32(0x260, 51 * MB);
}

static int parse(struct lnx_bzimage *b, struct pp_err *err)
{
	return lnx_bzimage_parse(img, sizeof(img), b, err);
}

TEST(linux_bzimage_accepts_debian_shape)
{
	struct lnx_bzimage b;
	struct pp_err err;
	mkimg();
	REQUIRE(parse(&b, &err) == PP_OK);
	CHECK_EQ(b.version, 0x020F);
	CHECK_EQ(b.setup_sects, 4);
	CHECK_EQ(b.kernel_off, 5 * 512);
	CHECK_EQ(b.kernel_len, SYSSIZE * 16);
	CHECK_EQ(b.hdr_end, 0x26C);
	CHECK_EQ(b.xloadflags, 0x7f);
	CHECK_EQ(b.kernel_alignment, 2 * MB);
	CHECK_EQ(b.pref_address, 16 * MB);
	CHECK_EQ(b.init_size, 51 * MB);
	CHECK_EQ(b.cmdline_size, 2047);
	CHECK_EQ(b.initrd_addr_max, 0x7fffffff);
	/* setup_sects 0 reads as 4 */
	img[0x1F1] = 0;
	REQUIRE(parse(&b, &err) == PP_OK);
	CHECK_EQ(b.setup_sects, 4);
	/* the file may end right after syssize's bytes */
	CHECK_EQ(lnx_bzimage_parse(img, 5 * 512 + SYSSIZE * 16, &b, &err), PP_OK);
}

struct refusal {
	u32 off, width;
	u64 val;
	int rc;
	const char *msg;
};

TEST(linux_bzimage_refusals)
{
	static const struct refusal r[] = {
	    {0x1FE, 2, 0x55AA, PP_EMAGIC, "boot flag at 0x1FE is 0x55aa"},
	    {0x202, 4, 0x53726449, PP_EMAGIC, "header magic at 0x202"},
	    {0x206, 2, 0x020B, PP_EVERSION, "boot protocol 2.11"},
	    {0x200, 1, 0xE9, PP_EINVAL, "0xe9 at 0x200 is not a short jump"},
	    {0x201, 1, 0x61, PP_EINVAL, "setup header ends at 0x263"},
	    {0x201, 1, 0x8F, PP_EINVAL, "setup header ends at 0x291"},
	    {0x1F4, 4, 0, PP_EINVAL, "syssize at 0x1F4 is 0"},
	    {0x1F4, 4, SYSSIZE + 5, PP_ETRUNC, "the file has"},
	    {0x1F1, 1, 60, PP_ETRUNC, "setup (60 sectors"},
	    {0x1F4, 4, 0xffffffff, PP_ETRUNC, "syssize 0xffffffff"},
	    {0x211, 1, 0x80, PP_ENOTSUP, "lack LOADED_HIGH"},
	    {0x236, 2, 0x7e, PP_ENOTSUP, "lack XLF_KERNEL_64"},
	    {0x234, 1, 0, PP_ENOTSUP, "not relocatable"},
	    {0x230, 4, 3 * MB, PP_EINVAL, "kernel_alignment 0x300000"},
	    {0x230, 4, 0x800, PP_EINVAL, "kernel_alignment 0x800"},
	    {0x230, 4, 0, PP_EINVAL, "kernel_alignment 0x0"},
	    {0x230, 4, 0x80000000, PP_EINVAL, "kernel_alignment 0x80000000"},
	    {0x235, 1, 22, PP_EINVAL, "min_alignment 22"},
	    {0x235, 1, 200, PP_EINVAL, "min_alignment 200"},
	    {0x260, 4, SYSSIZE * 16 - 1, PP_EINVAL, "init_size 0xfff at 0x260"},
	    {0x258, 8, 1ull << 48, PP_ERANGE, "pref_address 0x1000000000000"},
	    {0x258, 8, (1ull << 48) - 4096, PP_ERANGE, "leave the 48-bit address space"},
	    {0x238, 4, 0, PP_EINVAL, "cmdline_size at 0x238 is 0"},
	};
	for (u32 i = 0; i < PP_ARRAY_SIZE(r); i++) {
		struct lnx_bzimage b = {.version = 0x1234};
		struct pp_err err = {0};
		mkimg();
		if (r[i].width == 1)
			img[r[i].off] = (u8)r[i].val;
		else if (r[i].width == 2)
			put16(r[i].off, (u16)r[i].val);
		else if (r[i].width == 4)
			put32(r[i].off, (u32)r[i].val);
		else
			put64(r[i].off, r[i].val);
		CHECK_EQ(parse(&b, &err), r[i].rc);
		CHECK_MSG(&err, r[i].msg);
		CHECK_EQ(b.version, 0x1234); /* *out untouched */
	}
}

TEST(linux_bzimage_truncated)
{
	struct lnx_bzimage b;
	struct pp_err err;
	mkimg();
	CHECK_EQ(lnx_bzimage_parse(img, 0x1FF, &b, &err), PP_ETRUNC);
	CHECK_MSG(&err, "boot flag at 0x1FE");
	CHECK_EQ(lnx_bzimage_parse(img, 0x207, &b, &err), PP_ETRUNC);
	CHECK_MSG(&err, "protocol version at 0x206");
	CHECK_EQ(lnx_bzimage_parse(img, 0x26B, &b, &err), PP_ETRUNC);
	CHECK_MSG(&err, "end of its setup header");
	CHECK_EQ(lnx_bzimage_parse(img, 5 * 512 + SYSSIZE * 16 - 1, &b, &err), PP_ETRUNC);
	CHECK_EQ(lnx_bzimage_parse(NULL, 0, &b, &err), PP_EINVAL);
	/* every prefix is refused, never read beyond */
	for (u64 n = 0; n < 5 * 512 + SYSSIZE * 16; n += 7) {
		u8 *copy = malloc(n ? n : 1);
		memcpy(copy, img, n);
		CHECK(lnx_bzimage_parse(copy, n, &b, &err) != PP_OK);
		free(copy);
	}
}

/* The partition description of a 256 MiB Linux partition. */
static const struct lnx_mem_range desc[] = {
    {0x100000, 255 * MB - 0x4000, LNX_MEM_RAM},
    {0xFEE00000, 0x1000, LNX_MEM_MMIO},
    {0, 0xA0000, LNX_MEM_RAM},
    {256 * MB - 0x4000, 0x4000, LNX_MEM_EVLOG},
    {0xFED40000, 0x1000, LNX_MEM_MMIO},
    {0xE0000, 0x20000, LNX_MEM_ACPI},
};

TEST(linux_e820_sorted_checked)
{
	struct lnx_e820 e[LNX_E820_MAX];
	u32 n = 0;
	struct pp_err err;
	REQUIRE(lnx_e820_build(desc, PP_ARRAY_SIZE(desc), e, &n, &err) == PP_OK);
	REQUIRE(n == 4);
	CHECK_EQ(e[0].addr, 0);
	CHECK_EQ(e[0].size, 0xA0000);
	CHECK_EQ(e[0].type, LNX_E820_RAM);
	CHECK_EQ(e[1].addr, 0xE0000);
	CHECK_EQ(e[1].type, LNX_E820_RESERVED);
	CHECK_EQ(e[2].addr, 0x100000);
	CHECK_EQ(e[2].type, LNX_E820_RAM);
	CHECK_EQ(e[3].addr, 256 * MB - 0x4000);
	CHECK_EQ(e[3].type, LNX_E820_RESERVED);
}

TEST(linux_e820_refusals)
{
	struct lnx_e820 e[LNX_E820_MAX];
	struct lnx_mem_range r[LNX_MEM_MAX + 1];
	struct pp_err err;
	u32 n = 77;
	memcpy(r, desc, sizeof(desc));
	r[3].kind = 9;
	CHECK_EQ(lnx_e820_build(r, 6, e, &n, &err), PP_EINVAL);
	CHECK_MSG(&err, "unknown kind 9");
	memcpy(r, desc, sizeof(desc));
	r[5].size = 0;
	CHECK_EQ(lnx_e820_build(r, 6, e, &n, &err), PP_EINVAL);
	CHECK_MSG(&err, "ACPI range 5");
	r[5].size = 0x20000;
	r[1].gpa = 0xFEE00800;
	CHECK_EQ(lnx_e820_build(r, 6, e, &n, &err), PP_EINVAL);
	CHECK_MSG(&err, "not 4 KiB aligned");
	r[1].gpa = (1ull << 48) - 0x1000;
	r[1].size = 0x2000;
	CHECK_EQ(lnx_e820_build(r, 6, e, &n, &err), PP_ERANGE);
	CHECK_MSG(&err, "MMIO range 1");
	r[1].gpa = 0xFFFFFFFFFFFFF000ull;
	CHECK_EQ(lnx_e820_build(r, 6, e, &n, &err), PP_ERANGE);
	memcpy(r, desc, sizeof(desc));
	r[5].gpa = 0x9F000; /* ACPI over the low RAM */
	CHECK_EQ(lnx_e820_build(r, 6, e, &n, &err), PP_EOVERLAP);
	CHECK_MSG(&err, "RAM [0x0, 0xa0000) overlaps ACPI [0x9f000, 0xbf000)");
	memcpy(r, desc, sizeof(desc));
	r[4].gpa = 0xFEE00000; /* two MMIO pages on one another */
	CHECK_EQ(lnx_e820_build(r, 6, e, &n, &err), PP_EOVERLAP);
	memcpy(r, desc, sizeof(desc));
	r[2].kind = LNX_MEM_ACPI; /* nothing usable below 1 MiB */
	r[5].gpa = 0xC0000;
	CHECK_EQ(lnx_e820_build(r, 6, e, &n, &err), PP_ENOENT);
	CHECK_MSG(&err, "no RAM below 1 MiB");
	CHECK_EQ(lnx_e820_build(r, 0, e, &n, &err), PP_ERANGE);
	CHECK_EQ(lnx_e820_build(r, LNX_MEM_MAX + 1, e, &n, &err), PP_ERANGE);
	CHECK_EQ(n, 77); /* untouched */
}

static struct lnx_bzimage parsed(void)
{
	struct lnx_bzimage b = {0};
	struct pp_err err;
	mkimg();
	if (parse(&b, &err))
		unit_fail(__FILE__, __LINE__, err.msg);
	return b;
}

TEST(linux_zeropage_fields)
{
	struct lnx_bzimage b = parsed();
	struct lnx_e820 e[LNX_E820_MAX];
	u32 n;
	struct pp_err err;
	REQUIRE(lnx_e820_build(desc, PP_ARRAY_SIZE(desc), e, &n, &err) == PP_OK);
	u8 *zp = malloc(LNX_ZP_SIZE);
	memset(zp, 0xCC, LNX_ZP_SIZE);
	struct lnx_zp_args a = {.cmdline_gpa = 0x20000,
				.initrd_gpa = 0x100000000ull + 0x5000,
				.initrd_size = 0x123000,
				.rsdp_gpa = 0xE0000,
				.e820 = e,
				.n_e820 = n};
	REQUIRE(lnx_zeropage_build(zp, img, sizeof(img), &b, &a, &err) == PP_OK);
	/* the image's header, copied */
	CHECK(!memcmp(zp + 0x1F1, img + 0x1F1, 0x210 - 0x1F1));
	CHECK_EQ(get32(zp + 0x202), 0x53726448);
	CHECK_EQ(get32(zp + 0x260), 51 * MB);
	CHECK_EQ(zp[0x236], 0x7f);
	/* the loader's fields */
	CHECK_EQ(zp[0x210], 0xFF);
	CHECK_EQ(zp[0x211], 0x01);
	CHECK_EQ(get32(zp + 0x228), 0x20000);
	CHECK_EQ(get32(zp + 0x0C8), 0);
	CHECK_EQ(get32(zp + 0x218), 0x5000);
	CHECK_EQ(get32(zp + 0x0C0), 1);
	CHECK_EQ(get32(zp + 0x21C), 0x123000);
	CHECK_EQ(get32(zp + 0x0C4), 0);
	CHECK_EQ(get64(zp + 0x070), 0xE0000);
	CHECK_EQ(get64(zp + 0x250), 0); /* the image's setup_data is not followed */
	CHECK_EQ(zp[0x1EF], 0);		/* sentinel */
	CHECK_EQ(zp[0x1E8], 4);
	for (u32 i = 0; i < 4; i++) {
		CHECK_EQ(get64(zp + 0x2D0 + 20 * (size_t)i), e[i].addr);
		CHECK_EQ(get64(zp + 0x2D0 + 20 * (size_t)i + 8), e[i].size);
		CHECK_EQ(get32(zp + 0x2D0 + 20 * (size_t)i + 16), e[i].type);
	}
	/* everything else zero: screen_info, after the header, after the table */
	for (u32 i = 0; i < 0x40; i++)
		CHECK_EQ(zp[i], 0);
	for (u32 i = 0x26C; i < 0x2D0; i++)
		CHECK_EQ(zp[i], 0);
	for (u32 i = 0x2D0 + 4 * 20; i < LNX_ZP_SIZE; i++)
		CHECK_EQ(zp[i], 0);
	free(zp);
}

TEST(linux_zeropage_loader_fields_not_the_images)
{
	struct lnx_bzimage b = parsed();
	struct lnx_e820 e[1] = {{0, 0xA0000, 1}};
	struct lnx_zp_args a = {.cmdline_gpa = 0x20000, .e820 = e, .n_e820 = 1};
	struct pp_err err;
	u8 *zp = malloc(LNX_ZP_SIZE);
	img[0x211] = 0xE3; /* CAN_USE_HEAP, KEEP_SEGMENTS, QUIET, KASLR, LOADED_HIGH */
	put16(0x224, 0x1234);
	img[0x226] = 0x55;
	img[0x227] = 0x66;
	REQUIRE(lnx_zeropage_build(zp, img, sizeof(img), &b, &a, &err) == PP_OK);
	CHECK_EQ(zp[0x211], 0x01);
	CHECK_EQ(get32(zp + 0x224), 0);
	CHECK_EQ(zp[0x212], img[0x212]); /* the rest of the header is the image's */
	free(zp);
}

TEST(linux_zeropage_refusals)
{
	struct lnx_bzimage b = parsed();
	struct lnx_e820 e[2] = {{0, 0xA0000, 1}, {0x100000, 0x100000, 1}};
	struct pp_err err;
	u8 *zp = malloc(LNX_ZP_SIZE);
	memset(zp, 0xCC, LNX_ZP_SIZE);
	struct lnx_zp_args ok = {.cmdline_gpa = 0x20000, .e820 = e, .n_e820 = 2};
	struct lnx_zp_args a = ok;
	a.cmdline_gpa = 0;
	CHECK_EQ(lnx_zeropage_build(zp, img, sizeof(img), &b, &a, &err), PP_EINVAL);
	CHECK_MSG(&err, "no command line");
	a = ok;
	a.initrd_gpa = ~0ull - 10;
	a.initrd_size = 0x1000;
	CHECK_EQ(lnx_zeropage_build(zp, img, sizeof(img), &b, &a, &err), PP_ERANGE);
	a = ok;
	a.initrd_size = 0x1000;
	CHECK_EQ(lnx_zeropage_build(zp, img, sizeof(img), &b, &a, &err), PP_ERANGE);
	a = ok;
	a.n_e820 = 0;
	CHECK_EQ(lnx_zeropage_build(zp, img, sizeof(img), &b, &a, &err), PP_EINVAL);
	a.n_e820 = LNX_E820_MAX + 1;
	CHECK_EQ(lnx_zeropage_build(zp, img, sizeof(img), &b, &a, &err), PP_EINVAL);
	e[1].addr = 0x9F000; /* out of order */
	a = ok;
	CHECK_EQ(lnx_zeropage_build(zp, img, sizeof(img), &b, &a, &err), PP_EINVAL);
	CHECK_MSG(&err, "e820 entry 1");
	e[1].addr = 0x100000;
	CHECK_EQ(lnx_zeropage_build(zp, img, 0x26B, &b, &a, &err), PP_EINVAL);
	b.hdr_end = 0x1000;
	CHECK_EQ(lnx_zeropage_build(zp, img, sizeof(img), &b, &a, &err), PP_EINVAL);
	for (u32 i = 0; i < LNX_ZP_SIZE; i++)
		if (zp[i] != 0xCC) {
			CHECK(!"the zero page was written on a refusal");
			break;
		}
	free(zp);
}

static struct lnx_layout planned(const struct lnx_layout_req *req)
{
	struct lnx_bzimage b = parsed();
	struct lnx_layout l = {0};
	struct pp_err err;
	if (lnx_layout_plan(&b, req, &l, &err))
		unit_fail(__FILE__, __LINE__, err.msg);
	return l;
}

TEST(linux_layout_256m)
{
	struct lnx_layout_req req = {.ram_size = 256 * MB,
				     .cmdline_len = 200,
				     .initrd_size = 0x1234567,
				     .evlog_size = 0x3001};
	struct lnx_layout l = planned(&req);
	CHECK_EQ(l.kernel_load, 16 * MB);
	CHECK_EQ(l.kernel_end, 67 * MB);
	CHECK_EQ(l.rip, 16 * MB + 0x200);
	CHECK_EQ(l.rsi, 0x7000);
	CHECK_EQ(l.zero_page, 0x7000);
	CHECK_EQ(l.cmdline, 0x20000);
	CHECK_EQ(l.cmdline_max, 2048);
	CHECK_EQ(l.kernel_off, 5 * 512);
	CHECK_EQ(l.kernel_len, SYSSIZE * 16);
	CHECK_EQ(l.evlog_size, 0x4000);
	CHECK_EQ(l.evlog, 256 * MB - 0x4000);
	/* the initrd: page aligned, as high as possible, below the event logs */
	CHECK_EQ(l.initrd % 4096, 0);
	CHECK(l.initrd >= l.kernel_end);
	CHECK(l.initrd + l.initrd_size <= l.evlog);
	CHECK(l.evlog - (l.initrd + l.initrd_size) < 4096);
	CHECK_EQ(l.pt_pages, 3);
	CHECK_EQ(l.map_end, 256 * MB);
	/* the description is the e820 map of test linux_e820_sorted_checked */
	struct lnx_e820 e[LNX_E820_MAX];
	u32 n;
	struct pp_err err;
	REQUIRE(lnx_e820_build(l.mem, l.nmem, e, &n, &err) == PP_OK);
	REQUIRE(n == 4);
	CHECK_EQ(e[2].addr, 0x100000);
	CHECK_EQ(e[2].size, 256 * MB - 0x4000 - 0x100000);
	CHECK_EQ(e[3].type, LNX_E820_RESERVED);
	CHECK_EQ(e[1].addr, 0xE0000);
}

TEST(linux_layout_initrd_placement)
{
	/* 3 GiB: the initrd stays below 0x80000000 (initrd_addr_max 0x7fffffff) */
	struct lnx_layout_req req = {.ram_size = 3ull << 30, .initrd_size = 64 * MB};
	struct lnx_layout l = planned(&req);
	CHECK_EQ(l.initrd, 0x80000000ull - 64 * MB);
	CHECK_EQ(l.pt_pages, 5);
	/* a lower initrd_addr_max in the image moves it down */
	mkimg();
	put32(0x22C, 0x0FFFFFFF);
	struct lnx_bzimage b;
	struct pp_err err;
	REQUIRE(parse(&b, &err) == PP_OK);
	REQUIRE(lnx_layout_plan(&b, &req, &l, &err) == PP_OK);
	CHECK_EQ(l.initrd + l.initrd_size, 0x10000000);
	/* no room above the kernel: below it, inside [1 MiB, load) */
	put32(0x22C, 0x04000000); /* 64 MiB, inside the kernel's 16..67 MiB */
	REQUIRE(parse(&b, &err) == PP_OK);
	req.initrd_size = 8 * MB;
	REQUIRE(lnx_layout_plan(&b, &req, &l, &err) == PP_OK);
	CHECK_EQ(l.initrd, 8 * MB);
	CHECK(l.initrd + l.initrd_size <= l.kernel_load);
}

TEST(linux_layout_refusals)
{
	struct lnx_bzimage b = parsed();
	struct lnx_layout l = {.rip = 77};
	struct pp_err err;
	struct lnx_layout_req req = {.ram_size = 256 * MB + 4096};
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_EINVAL);
	CHECK_MSG(&err, "RAM size 0x10001000 is not 2 MiB aligned");
	req.ram_size = 14 * MB;
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_ERANGE);
	req.ram_size = 4ull << 30;
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_ERANGE);
	CHECK_MSG(&err, "RAM size 0x100000000 outside");
	req.ram_size = 64 * MB; /* the kernel needs 16 + 51 MiB */
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_ERANGE);
	CHECK_MSG(&err, "kernel [0x1000000, +init_size 0x3300000) does not fit below 0x4000000");
	req.ram_size = 68 * MB;
	req.evlog_size = 2 * MB;
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_ERANGE);
	req.evlog_size = 68 * MB;
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_ERANGE);
	CHECK_MSG(&err, "event logs of 0x4400000 bytes");
	req = (struct lnx_layout_req){.ram_size = 256 * MB, .cmdline_len = 2048};
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_ERANGE);
	CHECK_MSG(&err, "command line of 2048 bytes, the kernel takes at most 2047");
	req.cmdline_len = 2047; /* cmdline_size counts no NUL */
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_OK);
	l.rip = 77;
	req.initrd_size = 256 * MB;
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_ERANGE);
	CHECK_MSG(&err, "initrd of 0x10000000 bytes fits neither");
	req.initrd_size = ~0ull;
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_ERANGE);
	/* an image-chosen pref_address high enough to leave no room */
	mkimg();
	put64(0x258, 250 * MB);
	REQUIRE(parse(&b, &err) == PP_OK);
	req.initrd_size = 0;
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_ERANGE);
	b.kernel_alignment = 3;
	CHECK_EQ(lnx_layout_plan(&b, &req, &l, &err), PP_EINVAL);
	CHECK_EQ(l.rip, 77); /* untouched */
}

struct ram {
	u8 *mem;
	u64 size;
};

static u8 *ram_ptr(void *ctx, u64 g, u64 len)
{
	struct ram *r = ctx;
	return g < r->size && len <= r->size - g ? r->mem + g : NULL;
}

TEST(linux_layout_tables)
{
	struct lnx_layout_req req = {.ram_size = 1536 * MB};
	struct lnx_layout l = planned(&req);
	struct ram r = {calloc(1, 0x100000), 0x100000};
	struct pp_err err;
	memset(r.mem, 0xA5, r.size);
	REQUIRE(lnx_layout_write_tables(&l, ram_ptr, &r, &err) == PP_OK);
	/* GDT: CS 0x10 long-mode code (L=1, D=0), DS 0x18 data */
	CHECK_EQ(get64(r.mem + 0x1000), 0);
	CHECK_EQ(get64(r.mem + 0x1008), 0);
	CHECK_EQ(get64(r.mem + 0x1010), 0x00af9b000000ffffull);
	CHECK_EQ(get64(r.mem + 0x1018), 0x00cf93000000ffffull);
	CHECK_EQ(r.mem[0x1020], 0xA5); /* nothing after the GDT */
	CHECK_EQ(get64(r.mem + 0x8000), 0);
	/* the guest's own walk: every 2 MiB page of RAM maps to itself */
	u64 cr3 = l.cr3;
	for (u64 g = 0; g < 1536 * MB; g += 2 * MB) {
		u64 e4 = get64(r.mem + cr3 + 8 * ((g >> 39) & 511));
		REQUIRE((e4 & 3) == 3);
		u64 e3 = get64(r.mem + (e4 & ~0xfffull) + 8 * ((g >> 30) & 511));
		REQUIRE((e3 & 3) == 3 && !(e3 & 0x80));
		u64 e2 = get64(r.mem + (e3 & ~0xfffull) + 8 * ((g >> 21) & 511));
		REQUIRE(e2 == (g | 0x83));
	}
	/* and nothing above it */
	u64 e3 = get64(r.mem + 0xA000 + (size_t)8 * 1);
	CHECK_EQ(get64(r.mem + (e3 & ~0xfffull) + (size_t)8 * 256), 0);
	CHECK_EQ(get64(r.mem + 0xA000 + (size_t)8 * 2), 0);
	CHECK_EQ(l.pt_pages, 4);
	CHECK_EQ(r.mem[0x9000 + 4 * 4096], 0xA5); /* 4 table pages only */
	/* refusals: memory the callback refuses, a forged layout */
	r.size = 0xA000;
	CHECK_EQ(lnx_layout_write_tables(&l, ram_ptr, &r, &err), PP_ERANGE);
	r.size = 0x100000;
	l.map_end = 4ull << 30;
	CHECK_EQ(lnx_layout_write_tables(&l, ram_ptr, &r, &err), PP_ERANGE);
	l.map_end = 1536 * MB;
	l.pt_pages = 9;
	CHECK_EQ(lnx_layout_write_tables(&l, ram_ptr, &r, &err), PP_ERANGE);
	free(r.mem);
}
