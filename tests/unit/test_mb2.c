// SPDX-License-Identifier: GPL-2.0-only
/* Multiboot2 information parser and firmware memory-map conversion (launch/). */
#include <stdlib.h>
#include <parapet/bytes.h>
#include <parapet/handoff.h>
#include "launch/mb2.h"
#include "launch/memmap.h"
#include "unit.h"

/* ---- MBI builder ---- */

struct mbi {
	_Alignas(8) u8 b[8192];
	u32 len;
};

static void mb_init(struct mbi *m)
{
	memset(m, 0, sizeof(*m));
	m->len = 8;
}

static u32 mb_tag(struct mbi *m, u32 type, const void *payload, u32 plen)
{
	u32 off = m->len;
	st_le32(m->b + off, type);
	st_le32(m->b + off + 4, 8 + plen);
	if (plen)
		memcpy(m->b + off + 8, payload, plen);
	m->len = (u32)PP_ALIGN_UP(off + 8 + plen, 8);
	return off;
}

static void mb_end(struct mbi *m)
{
	mb_tag(m, MB2_TAG_END, NULL, 0);
	st_le32(m->b, m->len);
}

static u32 mb_module(struct mbi *m, u32 start, u32 end, const char *cmd)
{
	u8 p[256];
	st_le32(p, start);
	st_le32(p + 4, end);
	size_t n = strlen(cmd) + 1;
	memcpy(p + 8, cmd, n);
	return mb_tag(m, MB2_TAG_MODULE, p, (u32)(8 + n));
}

static u32 mb_str(struct mbi *m, u32 type, const char *s)
{
	return mb_tag(m, type, s, (u32)strlen(s) + 1);
}

struct e820 {
	u64 base, len;
	u32 type;
};

static u32 mb_mmap(struct mbi *m, const struct e820 *e, u32 n, u32 esize, u32 ever)
{
	u8 p[4096];
	memset(p, 0, sizeof(p));
	st_le32(p, esize);
	st_le32(p + 4, ever);
	for (u32 i = 0; i < n; i++) {
		u8 *d = p + 8 + (size_t)i * esize;
		st_le64(d, e[i].base);
		st_le64(d + 8, e[i].len);
		st_le32(d + 16, e[i].type);
	}
	return mb_tag(m, MB2_TAG_MMAP, p, 8 + n * esize);
}

static u32 mb_u64(struct mbi *m, u32 type, u64 v)
{
	u8 p[8];
	st_le64(p, v);
	return mb_tag(m, type, p, 8);
}

static void rsdp_bytes(u8 *p, u8 rev, u32 len)
{
	memset(p, 0, len);
	static const u8 sig[8] = {'R', 'S', 'D', ' ', 'P', 'T', 'R', ' '};
	memcpy(p, sig, sizeof(sig));
	p[15] = rev;
	if (len >= 36)
		st_le32(p + 20, 36);
}

static void efi_desc(u8 *d, u32 type, u64 base, u64 pages)
{
	memset(d, 0, 48);
	st_le32(d + EFI_MD_TYPE, type);
	st_le64(d + EFI_MD_PHYS_START, base);
	st_le64(d + EFI_MD_NUM_PAGES, pages);
}

static const struct e820 std_map[] = {
    {0, 0x9fc00, 1},
    {0x9fc00, 0x400, 2},
    {0x100000, 0x3fe00000, 1},
    {0xfffc0000, 0x40000, 2},
};

/* A complete, valid MBI as GRUB EFI with boot services alive would pass. */
static void mb_full(struct mbi *m)
{
	u8 r1[20], r2[36], em[8 + 2 * 48];
	mb_init(m);
	mb_str(m, MB2_TAG_CMDLINE, "launch.debug=1");
	mb_str(m, MB2_TAG_LOADER_NAME, "GRUB 2.06");
	mb_module(m, 0x300000, 0x340000, "hypervisor console=com1");
	mb_module(m, 0x400000, 0x400100, "policy slot=a");
	mb_mmap(m, std_map, 4, 24, 0);
	mb_u64(m, MB2_TAG_EFI64_ST, 0x3f5eb018);
	mb_u64(m, MB2_TAG_EFI64_IH, 0x3e000000);
	rsdp_bytes(r1, 0, 20);
	mb_tag(m, MB2_TAG_ACPI_OLD, r1, 20);
	rsdp_bytes(r2, 2, 36);
	mb_tag(m, MB2_TAG_ACPI_NEW, r2, 36);
	st_le32(em, 48);
	st_le32(em + 4, 1);
	efi_desc(em + 8, EFI_CONVENTIONAL_MEMORY, 0x100000, 0x100);
	efi_desc(em + 56, EFI_RUNTIME_SERVICES_DATA, 0x3f000000, 0x10);
	mb_tag(m, MB2_TAG_EFI_MMAP, em, sizeof(em));
	mb_tag(m, MB2_TAG_EFI_BS_ALIVE, NULL, 0);
	u8 lb[4];
	st_le32(lb, 0x200000);
	mb_tag(m, MB2_TAG_LOAD_BASE, lb, 4);
	mb_tag(m, 99, "unknown!", 8); /* unknown tags are skipped */
	mb_end(m);
}

static int parse(const struct mbi *m, struct mb2_info *mi, struct pp_err *e)
{
	return mb2_parse(m->b, m->len, mi, e);
}

static struct mb2_info mi; /* large: keep off the stack */

TEST(mb2_valid_full)
{
	struct mbi m;
	struct pp_err e = {0, ""};
	mb_full(&m);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	CHECK_EQ(mi.total_size, m.len);
	CHECK(mi.has_cmdline);
	CHECK_EQ(mi.cmdline_len, 14);
	CHECK(memcmp(m.b + mi.cmdline_off, "launch.debug=1", 15) == 0);
	CHECK_EQ(mi.mod_count, 2);
	CHECK_EQ(mi.mod[0].start, 0x300000);
	CHECK_EQ(mi.mod[0].end, 0x340000);
	CHECK(strcmp((const char *)m.b + mi.mod[1].cmdline_off, "policy slot=a") == 0);
	CHECK_EQ(mi.mod[1].cmdline_len, 13);
	REQUIRE(mi.has_mmap);
	CHECK_EQ(mi.mmap_count, 4);
	CHECK_EQ(mi.mmap[2].base, 0x100000);
	CHECK_EQ(mi.mmap[2].length, 0x3fe00000);
	CHECK_EQ(mi.mmap[1].type, 2);
	CHECK(mi.has_efi64_st && mi.efi64_st == 0x3f5eb018);
	CHECK(mi.has_efi64_ih && mi.efi64_ih == 0x3e000000);
	CHECK(mi.has_rsdp_v1 && mi.has_rsdp_v2);
	CHECK_EQ(mi.rsdp_v2[15], 2);
	CHECK(mi.has_efi_mmap);
	CHECK_EQ(mi.efi_desc_size, 48);
	CHECK_EQ(mi.efi_desc_version, 1);
	CHECK_EQ(mi.efi_mmap_size, 96);
	CHECK(mi.efi_bs_alive);
	CHECK(mi.has_load_base && mi.load_base == 0x200000);
}

TEST(mb2_minimal_and_wide_entries)
{
	struct mbi m;
	struct pp_err e;
	mb_init(&m);
	mb_end(&m);
	CHECK_EQ(m.len, 16);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	CHECK_EQ(mi.mod_count, 0);
	CHECK(!mi.has_mmap);
	/* entry_size 32: the extra bytes of each entry are ignored */
	mb_init(&m);
	mb_mmap(&m, std_map, 4, 32, 0);
	mb_end(&m);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	CHECK_EQ(mi.mmap_count, 4);
	CHECK_EQ(mi.mmap[3].base, 0xfffc0000);
	/* the buffer may be longer than total_size */
	CHECK(mb2_parse(m.b, sizeof(m.b), &mi, &e) == PP_OK);
}

#define EXPECT(m, want, sub)                                                                       \
	do {                                                                                       \
		struct pp_err e_ = {0, ""};                                                        \
		CHECK_EQ(parse((m), &mi, &e_), (want));                                            \
		CHECK_EQ(e_.code, (want));                                                         \
		CHECK_MSG(&e_, sub);                                                               \
	} while (0)

TEST(mb2_header_errors)
{
	struct mbi m;
	struct pp_err e = {0, ""};
	mb_init(&m);
	CHECK_EQ(mb2_parse(m.b, 4, &mi, &e), PP_ETRUNC);
	CHECK_MSG(&e, "header needs 8");
	CHECK_EQ(mb2_parse(NULL, 100, &mi, &e), PP_ETRUNC);
	mb_init(&m);
	mb_end(&m);
	st_le32(m.b, 8);
	EXPECT(&m, PP_ERANGE, "total_size 8 < 16");
	st_le32(m.b, 24);
	CHECK_EQ(mb2_parse(m.b, 16, &mi, &e), PP_ETRUNC);
	CHECK_MSG(&e, "total_size 24 exceeds the 16 readable bytes");
	st_le32(m.b, 20);
	CHECK_EQ(mb2_parse(m.b, sizeof(m.b), &mi, &e), PP_EINVAL);
	CHECK_MSG(&e, "not a multiple of 8");
	/* a huge total_size is refused even if "readable" */
	st_le32(m.b, 0x7ffffff8);
	CHECK_EQ(mb2_parse(m.b, 0x80000000u, &mi, &e), PP_ERANGE);
	CHECK_MSG(&e, "above the 1048576 limit");
}

TEST(mb2_tag_structure_errors)
{
	struct mbi m;
	/* tag size < 8 */
	mb_init(&m);
	u32 off = mb_str(&m, MB2_TAG_CMDLINE, "x");
	mb_end(&m);
	st_le32(m.b + off + 4, 4);
	EXPECT(&m, PP_EINVAL, "tag 1 at offset 8: size 4 < 8");
	/* tag running past total_size */
	st_le32(m.b + off + 4, 0x1000);
	EXPECT(&m, PP_ERANGE, "size 4096 runs past total_size");
	st_le32(m.b + off + 4, 0xfffffff8); /* no 32-bit wrap */
	EXPECT(&m, PP_ERANGE, "runs past total_size");
	/* missing end tag: total_size ends right after the last tag */
	mb_init(&m);
	mb_str(&m, MB2_TAG_CMDLINE, "x");
	st_le32(m.b, m.len);
	EXPECT(&m, PP_ETRUNC, "no end tag");
	/* end tag with the wrong size */
	mb_init(&m);
	mb_end(&m);
	st_le32(m.b + 12, 16);
	st_le32(m.b, 24);
	m.len = 24;
	EXPECT(&m, PP_EINVAL, "end tag at offset 8: size 16, expected 8");
	/* data after the end tag */
	mb_init(&m);
	mb_end(&m);
	st_le32(m.b, 32);
	m.len = 32;
	EXPECT(&m, PP_EINVAL, "16 bytes after the end tag at offset 8");
	/* duplicate singletons */
	mb_init(&m);
	mb_str(&m, MB2_TAG_CMDLINE, "a");
	mb_str(&m, MB2_TAG_CMDLINE, "b");
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "duplicate tag 1 at offset 24");
	mb_init(&m);
	mb_mmap(&m, std_map, 1, 24, 0);
	mb_mmap(&m, std_map, 1, 24, 0);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "duplicate tag 6");
	mb_init(&m);
	mb_tag(&m, MB2_TAG_EFI_BS_ALIVE, NULL, 0);
	mb_tag(&m, MB2_TAG_EFI_BS_ALIVE, NULL, 0);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "duplicate tag 18");
	/* unknown tags may repeat */
	mb_init(&m);
	mb_tag(&m, 77, "abc", 3);
	mb_tag(&m, 77, "abc", 3);
	mb_tag(&m, 0xffffffff, NULL, 0);
	mb_end(&m);
	EXPECT(&m, PP_OK, "");
}

TEST(mb2_string_errors)
{
	struct mbi m;
	mb_init(&m);
	u32 off = mb_str(&m, MB2_TAG_CMDLINE, "abc");
	mb_end(&m);
	m.b[off + 11] = 'd'; /* overwrite the NUL: "abcd" then padding */
	st_le32(m.b + off + 4, 12);
	EXPECT(&m, PP_EINVAL, "tag 1 at offset 8: string not NUL-terminated inside the tag");
	/* the padding after the tag holds a 0, but it is outside the tag */
	mb_init(&m);
	off = mb_str(&m, MB2_TAG_LOADER_NAME, "GRUB");
	mb_end(&m);
	m.b[off + 12] = 'X';
	st_le32(m.b + off + 4, 13);
	EXPECT(&m, PP_EINVAL, "tag 2 at offset 8: string not NUL-terminated");
	/* empty tag body: no room for the NUL */
	mb_init(&m);
	mb_tag(&m, MB2_TAG_CMDLINE, NULL, 0);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "not NUL-terminated");
	/* module string */
	mb_init(&m);
	off = mb_module(&m, 0x1000, 0x2000, "hv");
	mb_end(&m);
	m.b[off + 18] = '!';
	EXPECT(&m, PP_EINVAL, "tag 3 at offset 8: string not NUL-terminated");
}

TEST(mb2_module_errors)
{
	struct mbi m;
	mb_init(&m);
	mb_module(&m, 0x2000, 0x2000, "hypervisor");
	mb_end(&m);
	EXPECT(&m, PP_ERANGE, "module 0: start 0x2000 not below end 0x2000");
	mb_init(&m);
	mb_module(&m, 0x3000, 0x2000, "x");
	mb_end(&m);
	EXPECT(&m, PP_ERANGE, "start 0x3000 not below end 0x2000");
	mb_init(&m);
	u8 p[8] = {0};
	mb_tag(&m, MB2_TAG_MODULE, p, 8);
	mb_end(&m);
	EXPECT(&m, PP_ETRUNC, "module tag at offset 8: size 16 < 17");
	mb_init(&m);
	for (u32 i = 0; i <= MB2_MAX_MODULES; i++)
		mb_module(&m, 0x1000 * (i + 1), 0x1000 * (i + 1) + 1, "m");
	mb_end(&m);
	EXPECT(&m, PP_ENOMEM, "more than 32 modules");
}

TEST(mb2_mmap_errors)
{
	struct mbi m;
	mb_init(&m);
	mb_mmap(&m, std_map, 2, 20, 0);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "entry_size 20 not a multiple of 8 >= 24");
	mb_init(&m);
	mb_mmap(&m, std_map, 2, 28, 0);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "entry_size 28");
	mb_init(&m);
	mb_mmap(&m, std_map, 2, 24, 1);
	mb_end(&m);
	EXPECT(&m, PP_EVERSION, "entry_version 1, expected 0");
	/* a partial trailing entry */
	mb_init(&m);
	u32 off = mb_mmap(&m, std_map, 2, 24, 0);
	st_le32(m.b + off + 4, 8 + 8 + 24 + 8);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "32 bytes of entries not a multiple of entry_size 24");
	/* tag too small for its own header */
	mb_init(&m);
	mb_tag(&m, MB2_TAG_MMAP, "\x18\0\0\0", 4);
	mb_end(&m);
	EXPECT(&m, PP_ETRUNC, "mmap tag at offset 8: size 12 < 16");
	/* wrapping entry */
	const struct e820 wrap[] = {{0xfffffffffffff000ull, 0x2000, 1}};
	mb_init(&m);
	mb_mmap(&m, wrap, 1, 24, 0);
	mb_end(&m);
	EXPECT(&m, PP_ERANGE, "mmap entry 0: 0xfffffffffffff000+0x2000 wraps");
	/* too many entries */
	static struct e820 many[MB2_MAX_MMAP + 1];
	for (u32 i = 0; i <= MB2_MAX_MMAP; i++)
		many[i] = (struct e820){i * 0x1000ull, 0x1000, 1};
	struct mbi *big = calloc(1, sizeof(*big) + 0); /* 8 KiB is enough for 257 x 24 */
	REQUIRE(big);
	mb_init(big);
	u8 *p = malloc(8 + (MB2_MAX_MMAP + 1) * 24);
	REQUIRE(p);
	st_le32(p, 24);
	st_le32(p + 4, 0);
	for (u32 i = 0; i <= MB2_MAX_MMAP; i++) {
		u8 *d = p + 8 + (size_t)i * 24;
		st_le64(d, many[i].base);
		st_le64(d + 8, many[i].len);
		st_le32(d + 16, 1);
		st_le32(d + 20, 0);
	}
	mb_tag(big, MB2_TAG_MMAP, p, 8 + (MB2_MAX_MMAP + 1) * 24);
	mb_end(big);
	EXPECT(big, PP_ENOMEM, "mmap has 257 entries, at most 256");
	free(p);
	free(big);
}

TEST(mb2_efi_and_acpi_errors)
{
	struct mbi m;
	mb_init(&m);
	mb_tag(&m, MB2_TAG_EFI64_ST, "\1\0\0\0", 4);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "tag 12 at offset 8: size 12, expected 16");
	mb_init(&m);
	mb_u64(&m, MB2_TAG_EFI64_IH, 0);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "tag 20 at offset 8: EFI pointer is 0");
	u8 r[36];
	rsdp_bytes(r, 0, 20);
	mb_init(&m);
	mb_tag(&m, MB2_TAG_ACPI_OLD, r, 19);
	mb_end(&m);
	EXPECT(&m, PP_ETRUNC, "ACPI RSDP tag 14 at offset 8: size 27 < 28");
	rsdp_bytes(r, 2, 36);
	mb_init(&m);
	mb_tag(&m, MB2_TAG_ACPI_NEW, r, 20);
	mb_end(&m);
	EXPECT(&m, PP_ETRUNC, "ACPI RSDP tag 15 at offset 8: size 28 < 44");
	r[0] = 'X';
	mb_init(&m);
	mb_tag(&m, MB2_TAG_ACPI_NEW, r, 36);
	mb_end(&m);
	EXPECT(&m, PP_EMAGIC, "tag 15 at offset 8: bad signature");
	u8 em[8 + 48];
	memset(em, 0, sizeof(em));
	st_le32(em, 36);
	mb_init(&m);
	mb_tag(&m, MB2_TAG_EFI_MMAP, em, 8 + 36);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "EFI mmap descriptor size 36 not a multiple of 8 in [40, 4096]");
	st_le32(em, 48);
	mb_init(&m);
	mb_tag(&m, MB2_TAG_EFI_MMAP, em, 8 + 40);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "EFI mmap: 40 bytes not a multiple of descriptor size 48");
	mb_init(&m);
	mb_tag(&m, MB2_TAG_EFI_BS_ALIVE, "abcd", 4);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "tag 18 at offset 8: size 12, expected 8");
	mb_init(&m);
	mb_tag(&m, MB2_TAG_LOAD_BASE, "abcdefgh", 8);
	mb_end(&m);
	EXPECT(&m, PP_EINVAL, "tag 21 at offset 8: size 16, expected 12");
}

/* Every prefix of a valid MBI, with total_size rewritten to the prefix length. */
TEST(mb2_truncated_at_every_length)
{
	struct mbi m;
	struct pp_err e;
	mb_full(&m);
	for (u32 len = 0; len < m.len; len++) {
		u8 *copy = malloc(len ? len : 1);
		REQUIRE(copy);
		memcpy(copy, m.b, len);
		CHECK(mb2_parse(copy, len, &mi, &e) < 0); /* total_size > len */
		if (len >= 8) {
			st_le32(copy, len);
			if (mb2_parse(copy, len, &mi, &e) == PP_OK) {
				char msg[64];
				snprintf(msg, sizeof(msg), "prefix %u accepted", len);
				unit_fail(__FILE__, __LINE__, msg);
			}
		}
		free(copy);
	}
}

TEST(mb2_find_hypervisor)
{
	struct mbi m;
	struct pp_err e = {0, ""};
	u32 off, len;
	mb_full(&m);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	CHECK_EQ(mb2_find_hypervisor(m.b, &mi, &off, &len, &e), 0);
	CHECK_EQ(len, 12);
	CHECK(strcmp((const char *)m.b + off, "console=com1") == 0);

	mb_init(&m);
	mb_module(&m, 0x1000, 0x2000, "hypervisor2 x");
	mb_module(&m, 0x2000, 0x3000, "initrd hypervisor");
	mb_module(&m, 0x3000, 0x4000, "hypervisor");
	mb_end(&m);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	CHECK_EQ(mb2_find_hypervisor(m.b, &mi, &off, &len, &e), 2);
	CHECK_EQ(len, 0);
	CHECK_EQ(m.b[off], 0);

	mb_init(&m);
	mb_module(&m, 0x1000, 0x2000, "hypervisor \t a=b  c");
	mb_end(&m);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	CHECK_EQ(mb2_find_hypervisor(m.b, &mi, &off, &len, &e), 0);
	CHECK(strcmp((const char *)m.b + off, "a=b  c") == 0);
	CHECK_EQ(len, 6);

	mb_init(&m);
	mb_module(&m, 0x1000, 0x2000, "other");
	mb_end(&m);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	CHECK_EQ(mb2_find_hypervisor(m.b, &mi, &off, &len, &e), PP_ENOENT);
	CHECK_MSG(&e, "no module command line starts with \"hypervisor\" (1 modules)");

	mb_init(&m);
	mb_module(&m, 0x1000, 0x2000, "hypervisor a");
	mb_module(&m, 0x2000, 0x3000, "hypervisor b");
	mb_end(&m);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	CHECK_EQ(mb2_find_hypervisor(m.b, &mi, &off, &len, &e), PP_EINVAL);
	CHECK_MSG(&e, "modules 0 and 1 both say \"hypervisor\"");
}

TEST(mb2_range_available)
{
	struct mbi m;
	struct pp_err e;
	const struct e820 map[] = {
	    {0x100000, 0x100000, 1}, /* adjacent available ranges, out of order */
	    {0x300000, 0x100000, 2}, {0x000000, 0x100000, 1},
	    {0x200000, 0x100000, 1}, {0x500000, 0x100000, 1},
	};
	mb_init(&m);
	mb_mmap(&m, map, 5, 24, 0);
	mb_end(&m);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	CHECK(mb2_range_available(&mi, 0x0, 0x300000));
	CHECK(mb2_range_available(&mi, 0x1ff000, 0x2000));
	CHECK(!mb2_range_available(&mi, 0x2ff000, 0x2000));   /* into reserved */
	CHECK(!mb2_range_available(&mi, 0x480000, 0x100000)); /* hole */
	CHECK(mb2_range_available(&mi, 0x500000, 0x100000));
	CHECK(!mb2_range_available(&mi, 0x500000, 0x100001));
	CHECK(!mb2_range_available(&mi, 0x1000, 0));
	CHECK(!mb2_range_available(&mi, ~0ull, 2));
}

/* ---- memory-map conversion (launch/memmap.c) ---- */

static struct pp_handoff_builder hb;
static _Alignas(8) u8 blob[PP_HANDOFF_MAX_SIZE];

TEST(memmap_type_conversion)
{
	CHECK_EQ(pp_mem_type_from_e820(1), PP_MEM_USABLE);
	CHECK_EQ(pp_mem_type_from_e820(2), PP_MEM_RESERVED);
	CHECK_EQ(pp_mem_type_from_e820(3), PP_MEM_ACPI_RECLAIM);
	CHECK_EQ(pp_mem_type_from_e820(4), PP_MEM_ACPI_NVS);
	CHECK_EQ(pp_mem_type_from_e820(5), PP_MEM_UNUSABLE);
	CHECK_EQ(pp_mem_type_from_e820(7), PP_MEM_PERSISTENT);
	CHECK_EQ(pp_mem_type_from_e820(12), PP_MEM_RESERVED);
	CHECK_EQ(pp_mem_type_from_e820(0), PP_MEM_RESERVED);
	static const u32 efi_expect[] = {
	    PP_MEM_RESERVED, PP_MEM_USABLE,	  PP_MEM_USABLE,     PP_MEM_USABLE,
	    PP_MEM_USABLE,   PP_MEM_FW_RUNTIME,	  PP_MEM_FW_RUNTIME, PP_MEM_USABLE,
	    PP_MEM_UNUSABLE, PP_MEM_ACPI_RECLAIM, PP_MEM_ACPI_NVS,   PP_MEM_RESERVED,
	    PP_MEM_RESERVED, PP_MEM_RESERVED,	  PP_MEM_PERSISTENT, PP_MEM_RESERVED,
	};
	for (u32 t = 0; t < PP_ARRAY_SIZE(efi_expect); t++)
		CHECK_EQ(pp_mem_type_from_efi(t), efi_expect[t]);
	CHECK_EQ(pp_mem_type_from_efi(0x70000000), PP_MEM_RESERVED);
}

TEST(memmap_mb2_into_handoff)
{
	struct mbi m;
	struct pp_err e;
	mb_full(&m);
	REQUIRE(parse(&m, &mi, &e) == PP_OK);
	pp_hb_init(&hb);
	memmap_add_mb2(&hb, &mi);
	const struct pp_handoff *h = (const struct pp_handoff *)blob;
	REQUIRE(pp_hb_finish(&hb, blob, sizeof(blob)) > 0);
	CHECK_EQ(h->mmap_count, 4);
	CHECK_EQ(pp_handoff_mmap(h)[1].type, PP_MEM_RESERVED);
	CHECK_EQ(pp_handoff_mmap(h)[2].base, 0x100000);
}

TEST(memmap_efi_into_handoff)
{
	u8 map[4 * 56];
	struct pp_err e = {0, ""};
	memset(map, 0, sizeof(map));
	/* descriptor size 56 (larger than the 40-byte struct) */
	efi_desc(map, EFI_BOOT_SERVICES_DATA, 0x100000, 0x10);
	efi_desc(map + 56, EFI_CONVENTIONAL_MEMORY, 0x110000, 0x10);
	efi_desc(map + 112, EFI_RUNTIME_SERVICES_CODE, 0x120000, 0x1);
	efi_desc(map + 168, EFI_MEMORY_MAPPED_IO, 0xfec00000, 0x1);
	pp_hb_init(&hb);
	CHECK_EQ(memmap_add_efi(&hb, map, sizeof(map), 56, &e), 4);
	const struct pp_handoff *h = (const struct pp_handoff *)blob;
	REQUIRE(pp_hb_finish(&hb, blob, sizeof(blob)) > 0);
	REQUIRE(h->mmap_count == 3); /* the two usable ranges merged */
	CHECK_EQ(pp_handoff_mmap(h)[0].length, 0x20000);
	CHECK_EQ(pp_handoff_mmap(h)[1].type, PP_MEM_FW_RUNTIME);
	CHECK_EQ(pp_handoff_mmap(h)[2].type, PP_MEM_RESERVED);

	pp_hb_init(&hb);
	CHECK_EQ(memmap_add_efi(&hb, map, sizeof(map), 36, &e), PP_EINVAL);
	CHECK_MSG(&e, "descriptor size 36 invalid");
	CHECK_EQ(memmap_add_efi(&hb, map, 100, 48, &e), PP_EINVAL);
	CHECK_MSG(&e, "size 100 not a multiple of descriptor size 48");
	efi_desc(map, EFI_CONVENTIONAL_MEMORY, 0xfffffffffff00000ull, 0x1000);
	CHECK_EQ(memmap_add_efi(&hb, map, 56, 56, &e), PP_ERANGE);
	CHECK_MSG(&e, "descriptor 0 at 0xfffffffffff00000 with 0x1000 pages wraps");
	efi_desc(map, EFI_CONVENTIONAL_MEMORY, 0, 1ull << 60);
	CHECK_EQ(memmap_add_efi(&hb, map, 56, 56, &e), PP_ERANGE);
	CHECK_EQ(memmap_add_efi(&hb, map, 56ull * 600, 56, &e), PP_ENOMEM);
	CHECK_MSG(&e, "600 descriptors, at most 512");
}

TEST(memmap_efi_range_covered)
{
	u8 map[3 * 48];
	struct pp_err e = {0, ""};
	efi_desc(map, EFI_BOOT_SERVICES_DATA, 0x900000, 0xc00);	       /* 9-21 MiB */
	efi_desc(map + 48, EFI_CONVENTIONAL_MEMORY, 0x1500000, 0x100); /* 21-22 MiB */
	efi_desc(map + 96, EFI_RUNTIME_SERVICES_DATA, 0x1700000, 0x10);
	u32 ok = EFI_TYPE_BIT(EFI_BOOT_SERVICES_DATA) | EFI_TYPE_BIT(EFI_CONVENTIONAL_MEMORY);
	CHECK_EQ(memmap_efi_range_covered(map, sizeof(map), 48, 0x1000000, 0x1600000, ok, &e),
		 PP_OK);
	CHECK_EQ(memmap_efi_range_covered(map, sizeof(map), 48, 0x1000000, 0x1601000, ok, &e),
		 PP_ENOENT);
	CHECK_MSG(&e, "0x1000 bytes are not in the EFI memory map");
	CHECK_EQ(memmap_efi_range_covered(map, sizeof(map), 48, 0x1000000, 0x1600000,
					  EFI_TYPE_BIT(EFI_CONVENTIONAL_MEMORY), &e),
		 PP_EOVERLAP);
	CHECK_MSG(&e, "overlaps EFI memory type 4 at [0x900000, 0x1500000)");
	CHECK_EQ(memmap_efi_range_covered(map, sizeof(map), 48, 0x16ff000, 0x1701000, ok, &e),
		 PP_EOVERLAP);
	CHECK_MSG(&e, "type 6");
	CHECK_EQ(memmap_efi_range_covered(map, sizeof(map), 24, 0, 1, ok, &e), PP_EINVAL);
}
