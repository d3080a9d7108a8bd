// SPDX-License-Identifier: GPL-2.0-only
/* Loading a partition's image (hypervisor/core/part/image.h): the flat
 * placement rule, ELF64 segments and bss, and the refusals of malicious
 * images, with nothing written outside the loaded ranges. */
#include <stdlib.h>
#include "hypervisor/core/part/image.h"
#include "part_fixture.h"
#include "policy_fixture.h"
#include "unit.h"

#define MB (1024ull * 1024)

struct fix {
	struct pp_policy p;
	struct part_host_alloc h;
	struct part_alloc a;
	struct part_chans ch;
	struct part_plan plan;
	u8 *ram; /* host view of the service's 16 MiB at gpa 0 */
};

/* The service partition; entry as the appliance's (flat image at 1 MiB). */
static struct fix *service(u64 entry)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct pp_err err;
	policy_fixture(&f->p);
	f->p.parts[1].entry = entry;
	part_host_alloc_init(&f->h, &f->a);
	part_chans_init(&f->ch);
	if (part_plan_build(&f->p, 1, &f->a, &f->ch, &f->plan, &err)) {
		unit_fail(__FILE__, __LINE__, err.msg);
		return f;
	}
	f->ram = part_host_gpa_ptr(&f->plan, gpa(0), 16 * MB);
	memset(f->ram, 0xa5, 16 * MB);
	return f;
}

static void fix_free(struct fix *f)
{
	part_plan_release(&f->plan, &f->a);
	part_chans_release(&f->ch, &f->a);
	CHECK_EQ(f->h.live, 0);
	free(f);
}

static int load(struct fix *f, const u8 *img, u64 len, struct part_image_info *info,
		struct pp_err *err)
{
	return part_image_load(&f->plan, pp_policy_part(&f->p, 1), img, len, part_host_gpa_ptr,
			       &f->plan, info, err);
}

/* Bytes of the RAM outside [lo, hi) still hold the fill pattern. */
static u64 touched_outside(const struct fix *f, u64 lo, u64 hi)
{
	u64 n = 0;
	for (u64 i = 0; i < 16 * MB; i++)
		if ((i < lo || i >= hi) && f->ram[i] != 0xa5)
			n++;
	return n;
}

TEST(part_image_flat_at_the_mib_below_entry)
{
	struct fix *f = service(0x100040);
	REQUIRE(f->ram);
	u8 img[0x300];
	for (u32 i = 0; i < sizeof(img); i++)
		img[i] = (u8)i;
	struct part_image_info info;
	struct pp_err err;
	REQUIRE(load(f, img, sizeof(img), &info, &err) == PP_OK);
	CHECK_EQ(info.kind, PART_IMAGE_FLAT);
	CHECK_EQ(gpa_val(info.lo), 0x100000);
	CHECK_EQ(info.span, sizeof(img));
	CHECK(!memcmp(f->ram + 0x100000, img, sizeof(img)));
	CHECK_EQ(touched_outside(f, 0x100000, 0x100000 + sizeof(img)), 0);
	fix_free(f);
}

TEST(part_image_flat_at_region_start_when_higher)
{
	/* the entry in a second RAM range that starts above its MiB boundary */
	struct fix *f = calloc(1, sizeof(*f));
	struct pp_err err;
	policy_fixture(&f->p);
	f->p.ram[f->p.n_ram++] =
	    (struct pp_pol_ram){.part = 1, .perm = 7, .gpa = 0x2080000, .size = 4 * MB};
	f->p.parts[1].entry = 0x2080010;
	part_host_alloc_init(&f->h, &f->a);
	part_chans_init(&f->ch);
	REQUIRE(part_plan_build(&f->p, 1, &f->a, &f->ch, &f->plan, &err) == PP_OK);
	u8 img[64] = {1, 2, 3};
	struct part_image_info info;
	REQUIRE(load(f, img, sizeof(img), &info, &err) == PP_OK);
	CHECK_EQ(gpa_val(info.lo), 0x2080000); /* max(0x2080000, 0x2000000) */
	u8 *d = part_host_gpa_ptr(&f->plan, gpa(0x2080000), 64);
	REQUIRE(d);
	CHECK(!memcmp(d, img, 64));
	fix_free(f);
}

TEST(part_image_flat_refusals)
{
	struct fix *f = service(0x100040);
	REQUIRE(f->ram);
	struct part_image_info info;
	struct pp_err err;
	u8 *big = calloc(1, 16 * MB);
	CHECK_EQ(load(f, big, 0x40, &info, &err), PP_ERANGE); /* ends before the entry */
	CHECK_MSG(&err, "does not hold the entry 0x100040");
	CHECK_EQ(load(f, big, 0, &info, &err), PP_ENOENT);
	CHECK_MSG(&err, "is empty");
	/* into the boot area at the top of the 16 MiB */
	CHECK_EQ(load(f, big, 15 * MB, &info, &err), PP_EOVERLAP);
	CHECK_MSG(&err, "overlaps the boot area");
	/* beyond the RAM region */
	CHECK_EQ(load(f, big, 16 * MB, &info, &err), PP_ERANGE);
	CHECK_MSG(&err, "is not inside one RAM region");
	CHECK_EQ(touched_outside(f, 0, 0), 0);
	free(big);
	fix_free(f);
}

/* ---- ELF64 images ---- */

struct phdr {
	u32 type, flags;
	u64 offset, vaddr, paddr, filesz, memsz;
};

static void put(u8 *p, u64 v, u32 n)
{
	for (u32 i = 0; i < n; i++)
		p[i] = (u8)(v >> (8 * i));
}

/* An ET_EXEC x86_64 ELF64 with the program headers at 64 and the file
 * bytes of every segment filled with 0x10 + its index. */
static u64 mkelf(u8 *out, u64 cap, u64 entry, const struct phdr *ph, u32 n)
{
	memset(out, 0, cap);
	out[0] = 0x7f, out[1] = 'E', out[2] = 'L', out[3] = 'F';
	out[4] = 2, out[5] = 1, out[6] = 1;
	put(out + 16, 2, 2);
	put(out + 18, 62, 2);
	put(out + 20, 1, 4);
	put(out + 24, entry, 8);
	put(out + 32, 64, 8);
	put(out + 52, 64, 2);
	put(out + 54, 56, 2);
	put(out + 56, n, 2);
	u64 len = 64 + 56ull * n;
	for (u32 i = 0; i < n; i++) {
		u8 *h = out + 64 + 56ull * i;
		put(h, ph[i].type, 4);
		put(h + 4, ph[i].flags, 4);
		put(h + 8, ph[i].offset, 8);
		put(h + 16, ph[i].vaddr, 8);
		put(h + 24, ph[i].paddr, 8);
		put(h + 32, ph[i].filesz, 8);
		put(h + 40, ph[i].memsz, 8);
		if (ph[i].offset < cap && ph[i].filesz <= cap - ph[i].offset) {
			memset(out + ph[i].offset, 0x10 + (int)i, ph[i].filesz);
			len = PP_MAX(len, ph[i].offset + ph[i].filesz);
		}
	}
	return len;
}

#define PT_LOAD 1
#define RX 5
#define RW 6

TEST(part_image_elf_segments_and_bss)
{
	struct fix *f = service(0x100000);
	REQUIRE(f->ram);
	u8 *img = malloc(0x4000);
	struct phdr ph[2] = {
	    {PT_LOAD, RX, 0x1000, 0x100000, 0x100000, 0x800, 0x800},
	    {PT_LOAD, RW, 0x2000, 0x300000, 0x300000, 0x100, 0x3000},
	};
	u64 len = mkelf(img, 0x4000, 0x100000, ph, 2);
	struct part_image_info info;
	struct pp_err err;
	REQUIRE(load(f, img, len, &info, &err) == PP_OK);
	CHECK_EQ(info.kind, PART_IMAGE_ELF);
	CHECK_EQ(info.nseg, 2);
	CHECK_EQ(gpa_val(info.lo), 0x100000);
	CHECK_EQ(info.span, 0x203000);
	CHECK_EQ(f->ram[0x100000], 0x10);
	CHECK_EQ(f->ram[0x1007ff], 0x10);
	CHECK_EQ(f->ram[0x300000], 0x11);
	CHECK_EQ(f->ram[0x3000ff], 0x11);
	u64 zero = 0;
	for (u64 i = 0x300100; i < 0x303000; i++)
		zero += f->ram[i] == 0;
	CHECK_EQ(zero, 0x2f00); /* bss zeroed */
	u64 out = 0;
	for (u64 i = 0; i < 16 * MB; i++) {
		bool in = (i >= 0x100000 && i < 0x100800) || (i >= 0x300000 && i < 0x303000);
		out += !in && f->ram[i] != 0xa5;
	}
	CHECK_EQ(out, 0);
	free(img);
	fix_free(f);
}

/* One malicious ELF: refused with code and message, the RAM untouched. */
static void elf_refused(struct fix *f, u64 entry, const struct phdr *ph, u32 n, int code,
			const char *msg)
{
	u8 *img = malloc(0x4000);
	u64 len = mkelf(img, 0x4000, entry, ph, n);
	struct part_image_info info;
	struct pp_err err = {0};
	CHECK_EQ(load(f, img, len, &info, &err), code);
	CHECK_MSG(&err, msg);
	CHECK_EQ(touched_outside(f, 0, 0), 0);
	free(img);
}

TEST(part_image_elf_refusals)
{
	struct fix *f = service(0x100000);
	REQUIRE(f->ram);
	struct phdr text = {PT_LOAD, RX, 0x1000, 0x100000, 0x100000, 0x800, 0x800};
	struct phdr ph[2] = {text, text};

	elf_refused(f, 0x100008, ph, 1, PP_ERANGE, "ELF entry 0x100008 is not the policy's");
	ph[0].flags = RW;
	elf_refused(f, 0x100000, ph, 1, PP_ERANGE, "not inside an executable PT_LOAD");
	ph[0] = text;
	ph[1] = (struct phdr){PT_LOAD, RW, 0x2000, 0xffff00, 0xffff00, 0x10, 0x200};
	elf_refused(f, 0x100000, ph, 2, PP_ERANGE, "is not inside one RAM region"); /* straddles */
	ph[1].paddr = ph[1].vaddr = 0x1100000; /* between the RAM regions */
	elf_refused(f, 0x100000, ph, 2, PP_ERANGE,
		    "ELF program header 1 [0x1100000, 0x1100200) is not inside one RAM");
	ph[1].paddr = ph[1].vaddr = 0xfff000; /* the boot area at the top */
	elf_refused(f, 0x100000, ph, 2, PP_EOVERLAP, "the boot area");
	ph[1].paddr = ph[1].vaddr = 0x80000000; /* channel memory */
	elf_refused(f, 0x100000, ph, 2, PP_ERANGE, "not inside one RAM region");
	ph[1].paddr = ph[1].vaddr = 0xfed40000; /* MMIO */
	elf_refused(f, 0x100000, ph, 2, PP_ERANGE, "not inside one RAM region");
	ph[1] = (struct phdr){PT_LOAD, RW, 0x2000, 0x200000, 0x200000, 0x20, 0x10};
	elf_refused(f, 0x100000, ph, 2, PP_EINVAL, "filesz 0x20 > memsz 0x10");
	ph[1] = (struct phdr){PT_LOAD, RW, 0x3ff0, 0x200000, 0x200000, 0x20, 0x20};
	elf_refused(f, 0x100000, ph, 2, PP_ETRUNC, "beyond file size");
	ph[1] = (struct phdr){PT_LOAD, RW, 0x2000, 0x200000, 0x300000, 0x20, 0x20};
	elf_refused(f, 0x100000, ph, 2, PP_ENOTSUP, "must be identity-linked");
	ph[1] = (struct phdr){PT_LOAD, RW,    0x2000, 0xfffffffffffff000ull, 0xfffffffffffff000ull,
			      0x20,    0x2000};
	elf_refused(f, 0x100000, ph, 2, PP_ERANGE, "wraps");
	ph[1] = (struct phdr){PT_LOAD, RW, 0x2000, 0x100400, 0x100400, 0x20, 0x20};
	elf_refused(f, 0x100000, ph, 2, PP_EOVERLAP, "overlaps program header 0");
	ph[1] = (struct phdr){3 /* PT_INTERP */, 4, 0x2000, 0, 0, 0x20, 0x20};
	elf_refused(f, 0x100000, ph, 2, PP_ENOTSUP, "dynamic images are refused");
	/* the fixed RAM is RAM, but has no host view here: the loader asks
	 * and gets nothing, after checking */
	ph[1] = (struct phdr){PT_LOAD, RW, 0x2000, 0x40000000, 0x40000000, 0x20, 0x20};
	u8 *img = malloc(0x4000);
	u64 len = mkelf(img, 0x4000, 0x100000, ph, 2);
	struct part_image_info info;
	struct pp_err err;
	CHECK_EQ(load(f, img, len, &info, &err), PP_ERANGE);
	CHECK_MSG(&err, "no writable memory for program header 1");
	/* a truncated header */
	CHECK_EQ(load(f, img, 40, &info, &err), PP_ETRUNC);
	CHECK_MSG(&err, "part service: ELF: file is 40 bytes");
	free(img);
	fix_free(f);
}
