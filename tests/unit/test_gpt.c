// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GPT reader of `parapet policy install` (policy/cli/gpt.c): the CRC-32
 * check value; a good table (an ESP and the two slots) found with their
 * byte ranges, from a buffer and from a file; then each check broken once,
 * with the CRCs recomputed so that only the broken check can refuse it
 * (except the CRC cases themselves).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <parapet/bytes.h>
#include "policy/cli/crc32.h"
#include "policy/cli/gpt.h"
#include "unit.h"

#define DISK_SECTORS 64u
#define N_ENTRIES 4u

static u8 disk[DISK_SECTORS * GPT_SECTOR];

static const u8 slot_guid[16] = {0x8b, 0x95, 0x2a, 0x92, 0x9b, 0xb1, 0x6f, 0x44,
				 0x9a, 0x87, 0xa7, 0x98, 0x9b, 0xd6, 0xea, 0x46};
static const u8 esp_guid[16] = {0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8, 0xd2, 0x11,
				0xba, 0x4b, 0x00, 0xa0, 0xc9, 0x3e, 0xc9, 0x3b};

static u8 *hdr(void)
{
	return disk + GPT_SECTOR;
}
static u8 *entry(u32 i)
{
	return disk + (size_t)2 * GPT_SECTOR + (size_t)i * 128;
}

static void set_entry(u32 i, const u8 *type, u64 first, u64 last, const char *name)
{
	u8 *e = entry(i);
	memset(e, 0, 128);
	memcpy(e, type, 16);
	e[16] = (u8)(i + 1); /* a unique GUID */
	st_le64(e + 32, first);
	st_le64(e + 40, last);
	for (size_t k = 0; name[k]; k++)
		st_le16(e + 56 + 2 * k, (u8)name[k]);
}

/* Recompute both CRCs (the entry array's first: the header covers it). */
static void fix_crcs(void)
{
	u8 *h = hdr();
	st_le32(h + 88, pol_crc32(entry(0), (size_t)N_ENTRIES * 128));
	st_le32(h + 16, 0);
	st_le32(h + 16, pol_crc32(h, ld_le32(h + 12)));
}

static void build(void)
{
	static const char sig[] = "EFI PART";
	u8 *h = hdr();
	memset(disk, 0, sizeof(disk));
	memcpy(h, sig, sizeof(sig) - 1);
	st_le32(h + 8, 0x00010000);
	st_le32(h + 12, 92);
	st_le64(h + 24, 1);
	st_le64(h + 32, DISK_SECTORS - 1);
	st_le64(h + 40, 3);
	st_le64(h + 48, DISK_SECTORS - 2);
	st_le64(h + 72, 2);
	st_le32(h + 80, N_ENTRIES);
	st_le32(h + 84, 128);
	set_entry(0, esp_guid, 4, 9, "EFI system");
	set_entry(1, slot_guid, 10, 19, "parapet-policy-a");
	set_entry(2, slot_guid, 20, 39, "parapet-policy-b");
	fix_crcs();
}

static int parse(struct gpt_slots *s, struct pp_err *e)
{
	return gpt_parse(disk, sizeof(disk), sizeof(disk), s, e);
}

TEST(gpt_crc32_check_value)
{
	CHECK_EQ(pol_crc32((const u8 *)"123456789", 9), 0xCBF43926u);
	CHECK_EQ(pol_crc32((const u8 *)"", 0), 0);
}

TEST(gpt_good_table)
{
	struct gpt_slots s;
	struct pp_err e = {0, ""};
	build();
	REQUIRE(parse(&s, &e) == PP_OK);
	CHECK_EQ(s.slot[GPT_SLOT_A].index, 2);
	CHECK_EQ(s.slot[GPT_SLOT_A].offset, 10 * 512);
	CHECK_EQ(s.slot[GPT_SLOT_A].size, 10 * 512);
	CHECK_EQ(s.slot[GPT_SLOT_B].index, 3);
	CHECK_EQ(s.slot[GPT_SLOT_B].offset, 20 * 512);
	CHECK_EQ(s.slot[GPT_SLOT_B].size, 20 * 512);
	/* the slots found by name, whatever their order */
	set_entry(1, slot_guid, 20, 39, "parapet-policy-b");
	set_entry(2, slot_guid, 10, 19, "parapet-policy-a");
	fix_crcs();
	REQUIRE(parse(&s, &e) == PP_OK);
	CHECK_EQ(s.slot[GPT_SLOT_A].index, 3);
	CHECK_EQ(s.slot[GPT_SLOT_B].offset, 20 * 512);
}

TEST(gpt_from_file)
{
	char path[] = "/tmp/parapet-test-gpt.XXXXXX";
	struct gpt_slots s;
	struct pp_err e = {0, ""};
	u64 size = 0;
	build();
	int fd = mkstemp(path);
	REQUIRE(fd >= 0);
	CHECK(write(fd, disk, sizeof(disk)) == (ssize_t)sizeof(disk));
	close(fd);
	CHECK(gpt_read_file(path, &s, &size, &e) == PP_OK);
	CHECK_EQ(size, sizeof(disk));
	CHECK_EQ(s.slot[GPT_SLOT_B].offset, 20 * 512);
	/* cut inside slot b: out of the usable range of a shorter disk */
	CHECK(truncate(path, (off_t)30 * 512) == 0);
	CHECK(gpt_read_file(path, &s, &size, &e) == PP_ERANGE);
	unlink(path);
	CHECK(gpt_read_file(path, &s, &size, &e) == PP_ENOENT);
}

/* Break the table with fn after build(); expect code and a message part. */
static void refused(void (*fn)(void), bool fix, int code, const char *sub)
{
	struct gpt_slots s;
	struct pp_err e = {0, ""};
	build();
	fn();
	if (fix)
		fix_crcs();
	memset(&s, 0x5a, sizeof(s));
	CHECK_EQ(parse(&s, &e), code);
	CHECK_MSG(&e, sub);
	CHECK_EQ(s.slot[0].index, 0x5a5a5a5a); /* untouched */
}

static void bad_signature(void)
{
	hdr()[4] = 'p';
}
static void bad_revision(void)
{
	st_le32(hdr() + 8, 0x00020000);
}
static void small_header(void)
{
	st_le32(hdr() + 12, 91);
}
static void big_header(void)
{
	st_le32(hdr() + 12, 513);
}
static void bad_header_crc(void)
{
	hdr()[16] ^= 1;
}
static void header_byte_changed(void)
{
	hdr()[60] ^= 1; /* the disk GUID, covered by the header CRC */
}
static void bad_my_lba(void)
{
	st_le64(hdr() + 24, 63);
}
static void usable_past_disk(void)
{
	st_le64(hdr() + 48, DISK_SECTORS);
}
static void bad_entry_size(void)
{
	st_le32(hdr() + 84, 192);
}
static void no_entries(void)
{
	st_le32(hdr() + 80, 0);
}
static void huge_array(void)
{
	st_le32(hdr() + 80, 0x10000);
}
static void array_at_header(void)
{
	st_le64(hdr() + 72, 1);
}
static void array_in_usable_space(void)
{
	st_le64(hdr() + 72, 3);
}
static void bad_array_crc(void)
{
	entry(3)[0] = 1; /* an unused entry, covered by the array CRC */
}
static void no_slot_b(void)
{
	set_entry(2, slot_guid, 20, 39, "parapet-policy-c");
}
static void slot_b_wrong_type(void)
{
	set_entry(2, esp_guid, 20, 39, "parapet-policy-b");
}
static void slot_a_name_prefix(void)
{
	set_entry(1, slot_guid, 10, 19, "parapet-policy-a2");
}
static void two_slot_a(void)
{
	set_entry(3, slot_guid, 40, 49, "parapet-policy-a");
}
static void slot_reversed(void)
{
	set_entry(1, slot_guid, 19, 10, "parapet-policy-a");
}
static void slot_past_usable(void)
{
	set_entry(2, slot_guid, 20, DISK_SECTORS - 1, "parapet-policy-b");
}

TEST(gpt_header_checks)
{
	refused(bad_signature, true, PP_EMAGIC, "no \"EFI PART\" signature");
	refused(bad_revision, true, PP_EVERSION, "revision 0x00020000");
	refused(small_header, true, PP_EINVAL, "header size 91");
	refused(big_header, false, PP_EINVAL, "header size 513");
	refused(bad_header_crc, false, PP_ECHECKSUM, "GPT: header CRC32 0x");
	refused(header_byte_changed, false, PP_ECHECKSUM, "does not match");
	refused(bad_my_lba, true, PP_EINVAL, "MyLBA 63");
	refused(usable_past_disk, true, PP_ERANGE, "usable LBAs [3, 64]");
	refused(bad_entry_size, true, PP_EINVAL, "entry size 192");
	refused(no_entries, true, PP_ENOTSUP, "0 partition entries");
	refused(huge_array, true, PP_ENOTSUP, "65536 partition entries");
	refused(array_at_header, true, PP_ERANGE, "entry array at LBA 1");
	refused(array_in_usable_space, true, PP_ERANGE, "entry array at LBA 3");
}

TEST(gpt_entry_checks)
{
	refused(bad_array_crc, false, PP_ECHECKSUM, "entry array CRC32 0x");
	refused(no_slot_b, true, PP_ENOENT, "no partition named parapet-policy-b");
	refused(slot_b_wrong_type, true, PP_ENOENT, "no partition named parapet-policy-b");
	refused(slot_a_name_prefix, true, PP_ENOENT, "no partition named parapet-policy-a");
	refused(two_slot_a, true, PP_EINVAL, "partitions 2 and 4 are both named");
	refused(slot_reversed, true, PP_ERANGE, "LBAs [19, 10]");
	refused(slot_past_usable, true, PP_ERANGE, "partition 3 (parapet-policy-b)");
}

TEST(gpt_truncated)
{
	struct gpt_slots s;
	struct pp_err e = {0, ""};
	build();
	CHECK_EQ(gpt_parse(disk, 1000, sizeof(disk), &s, &e), PP_ETRUNC);
	CHECK_EQ(gpt_parse(disk, 2 * 512 + 100, sizeof(disk), &s, &e), PP_ETRUNC);
	CHECK_MSG(&e, "truncated: 100 of 512 bytes");
	/* the disk is smaller than the table says */
	CHECK_EQ(gpt_parse(disk, sizeof(disk), (u64)40 * 512, &s, &e), PP_ERANGE);
}
