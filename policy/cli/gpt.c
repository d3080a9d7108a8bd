// SPDX-License-Identifier: GPL-2.0-only
/*
 * The primary GPT (gpt.h). Every field is read with ld_le* at its offset
 * in UEFI spec 2.10, 5.3.2 "GPT Header" / 5.3.3 "GPT Partition Entry
 * Array"; nothing is cast.
 */
#include <string.h>
#include <parapet/bytes.h>
#include "policy/cli/crc32.h"
#include "policy/cli/gpt.h"

/* 5.3.2 "GPT Header": field offsets. */
#define GPT_H_SIGNATURE 0
#define GPT_H_REVISION 8
#define GPT_H_HEADER_SIZE 12
#define GPT_H_HEADER_CRC 16
#define GPT_H_MY_LBA 24
#define GPT_H_ALTERNATE_LBA 32
#define GPT_H_FIRST_USABLE 40
#define GPT_H_LAST_USABLE 48
#define GPT_H_ENTRIES_LBA 72
#define GPT_H_N_ENTRIES 80
#define GPT_H_ENTRY_SIZE 84
#define GPT_H_ENTRIES_CRC 88
/* 5.3.2: HeaderSize "must be greater than or equal to 92 and must be less
 * than or equal to the logical block size"; Revision 1.0 is 0x00010000. */
#define GPT_HEADER_MIN 92u
#define GPT_REVISION_1_0 0x00010000u
/* 5.3.2: SizeOfPartitionEntry "must be set to a value of 128 x 2^n". */
#define GPT_ENTRY_MIN 128u

/* 5.3.3 "GPT Partition Entry Array": entry field offsets. */
#define GPT_E_TYPE 0
#define GPT_E_FIRST_LBA 32
#define GPT_E_LAST_LBA 40 /* inclusive */
#define GPT_E_NAME 56
#define GPT_E_NAME_UNITS 36 /* UTF-16LE code units */

static const u8 gpt_signature[8] = {'E', 'F', 'I', ' ', 'P', 'A', 'R', 'T'};

/* 922a958b-b19b-446f-9a87-a7989bd6ea46 in its on-disk form (5.3.3: the
 * first three fields little-endian, the last two as bytes). */
static const u8 slot_type[16] = {0x8b, 0x95, 0x2a, 0x92, 0x9b, 0xb1, 0x6f, 0x44,
				 0x9a, 0x87, 0xa7, 0x98, 0x9b, 0xd6, 0xea, 0x46};
#define SLOT_TYPE_STR "922a958b-b19b-446f-9a87-a7989bd6ea46"

static const char *const slot_names[GPT_NSLOTS] = {"parapet-policy-a", "parapet-policy-b"};

const char *gpt_slot_part_name(int slot)
{
	return slot == GPT_SLOT_A ? slot_names[0] : slot == GPT_SLOT_B ? slot_names[1] : "?";
}

int gpt_parse_header(const u8 *s, size_t len, u64 disk_size, struct gpt_header *h,
		     struct pp_err *err)
{
	u64 sectors = disk_size / GPT_SECTOR;
	u8 copy[GPT_SECTOR];

	if (sectors < GPT_HEADER_LBA + 1 || len < GPT_SECTOR)
		return pp_fail(err, PP_ETRUNC, "GPT: the disk (%llu bytes) has no LBA 1",
			       (unsigned long long)disk_size);
	if (memcmp(s + GPT_H_SIGNATURE, gpt_signature, sizeof(gpt_signature)) != 0)
		return pp_fail(err, PP_EMAGIC,
			       "GPT: no \"EFI PART\" signature at LBA 1 (not a GPT disk; "
			       "UEFI 5.3.2)");
	u32 rev = ld_le32(s + GPT_H_REVISION);
	if (rev != GPT_REVISION_1_0)
		return pp_fail(err, PP_EVERSION,
			       "GPT: header revision 0x%08x, expected 0x%08x (UEFI 5.3.2)", rev,
			       GPT_REVISION_1_0);
	u32 hsize = ld_le32(s + GPT_H_HEADER_SIZE);
	if (hsize < GPT_HEADER_MIN || hsize > GPT_SECTOR)
		return pp_fail(err, PP_EINVAL, "GPT: header size %u outside [%u, %u] (UEFI 5.3.2)",
			       hsize, GPT_HEADER_MIN, GPT_SECTOR);
	/* 5.3.2: the CRC32 over HeaderSize bytes with the CRC field zeroed */
	memcpy(copy, s, hsize);
	memset(copy + GPT_H_HEADER_CRC, 0, 4);
	u32 want = ld_le32(s + GPT_H_HEADER_CRC), got = pol_crc32(copy, hsize);
	if (want != got)
		return pp_fail(err, PP_ECHECKSUM,
			       "GPT: header CRC32 0x%08x does not match 0x%08x computed over its "
			       "%u bytes (UEFI 5.3.2)",
			       want, got, hsize);
	u64 my = ld_le64(s + GPT_H_MY_LBA);
	if (my != GPT_HEADER_LBA)
		return pp_fail(err, PP_EINVAL,
			       "GPT: header at LBA 1 says MyLBA %llu (UEFI 5.3.2: the primary "
			       "header's own LBA is 1)",
			       (unsigned long long)my);

	struct gpt_header t;
	t.alternate_lba = ld_le64(s + GPT_H_ALTERNATE_LBA);
	t.first_usable = ld_le64(s + GPT_H_FIRST_USABLE);
	t.last_usable = ld_le64(s + GPT_H_LAST_USABLE);
	t.entries_lba = ld_le64(s + GPT_H_ENTRIES_LBA);
	t.n_entries = ld_le32(s + GPT_H_N_ENTRIES);
	t.entry_size = ld_le32(s + GPT_H_ENTRY_SIZE);
	t.entries_crc = ld_le32(s + GPT_H_ENTRIES_CRC);

	if (t.first_usable > t.last_usable || t.last_usable >= sectors)
		return pp_fail(err, PP_ERANGE,
			       "GPT: usable LBAs [%llu, %llu] not inside the disk's %llu sectors "
			       "(UEFI 5.3.2)",
			       (unsigned long long)t.first_usable,
			       (unsigned long long)t.last_usable, (unsigned long long)sectors);
	if (t.entry_size < GPT_ENTRY_MIN || t.entry_size > GPT_ENTRIES_MAX ||
	    (t.entry_size & (t.entry_size - 1)))
		return pp_fail(err, PP_EINVAL,
			       "GPT: partition entry size %u is not 128 x 2^n (UEFI 5.3.2)",
			       t.entry_size);
	if (t.n_entries == 0 || t.n_entries > GPT_ENTRIES_MAX / t.entry_size)
		return pp_fail(err, PP_ENOTSUP,
			       "GPT: %u partition entries of %u bytes: want 1 to %u bytes",
			       t.n_entries, t.entry_size, GPT_ENTRIES_MAX);
	/* the array: after the header, inside the disk, below the usable space */
	u64 n_sect = ((u64)t.n_entries * t.entry_size + GPT_SECTOR - 1) / GPT_SECTOR;
	if (t.entries_lba <= GPT_HEADER_LBA || t.entries_lba > sectors || n_sect > t.first_usable ||
	    t.entries_lba > t.first_usable - n_sect)
		return pp_fail(err, PP_ERANGE,
			       "GPT: partition entry array at LBA %llu (%llu sectors) not between "
			       "the header and FirstUsableLBA %llu (UEFI 5.3.2)",
			       (unsigned long long)t.entries_lba, (unsigned long long)n_sect,
			       (unsigned long long)t.first_usable);
	*h = t;
	return PP_OK;
}

u64 gpt_entries_offset(const struct gpt_header *h)
{
	return h->entries_lba * GPT_SECTOR;
}

u32 gpt_entries_len(const struct gpt_header *h)
{
	return h->n_entries * h->entry_size; /* <= GPT_ENTRIES_MAX (gpt_parse_header) */
}

/* The entry's name equals name (ASCII) as UTF-16LE, NUL-terminated or full. */
static bool name_is(const u8 *e, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < GPT_E_NAME_UNITS; i++) {
		u16 c = ld_le16(e + GPT_E_NAME + 2 * i);
		if (i == n)
			return c == 0;
		if (c != (u8)name[i])
			return false;
	}
	return n == GPT_E_NAME_UNITS;
}

int gpt_find_slots(const struct gpt_header *h, const u8 *entries, size_t len, u64 disk_size,
		   struct gpt_slots *out, struct pp_err *err)
{
	u32 alen = gpt_entries_len(h);
	struct gpt_slots t;

	if (len < alen)
		return pp_fail(err, PP_ETRUNC,
			       "GPT: partition entry array truncated: %zu of %u bytes", len, alen);
	/* 5.3.2: PartitionEntryArrayCRC32 over NumberOfPartitionEntries x
	 * SizeOfPartitionEntry bytes */
	u32 got = pol_crc32(entries, alen);
	if (got != h->entries_crc)
		return pp_fail(err, PP_ECHECKSUM,
			       "GPT: partition entry array CRC32 0x%08x does not match 0x%08x "
			       "computed over its %u bytes (UEFI 5.3.2)",
			       h->entries_crc, got, alen);
	memset(&t, 0, sizeof(t));
	for (u32 i = 0; i < h->n_entries; i++) {
		const u8 *e = entries + (size_t)i * h->entry_size;
		if (memcmp(e + GPT_E_TYPE, slot_type, sizeof(slot_type)) != 0)
			continue;
		for (int s = 0; s < GPT_NSLOTS; s++) {
			if (!name_is(e, slot_names[s]))
				continue;
			if (t.slot[s].index)
				return pp_fail(err, PP_EINVAL,
					       "GPT: partitions %u and %u are both named %s",
					       t.slot[s].index, i + 1, slot_names[s]);
			u64 first = ld_le64(e + GPT_E_FIRST_LBA),
			    last = ld_le64(e + GPT_E_LAST_LBA);
			/* 5.3.3: StartingLBA <= EndingLBA, both in the usable range */
			if (first > last || first < h->first_usable || last > h->last_usable ||
			    !pp_span_ok(first * GPT_SECTOR, (last - first + 1) * GPT_SECTOR,
					disk_size))
				return pp_fail(err, PP_ERANGE,
					       "GPT: partition %u (%s): LBAs [%llu, %llu] not "
					       "inside the usable [%llu, %llu] of a %llu-byte disk",
					       i + 1, slot_names[s], (unsigned long long)first,
					       (unsigned long long)last,
					       (unsigned long long)h->first_usable,
					       (unsigned long long)h->last_usable,
					       (unsigned long long)disk_size);
			t.slot[s].index = i + 1;
			t.slot[s].first_lba = first;
			t.slot[s].last_lba = last;
			t.slot[s].offset = first * GPT_SECTOR;
			t.slot[s].size = (last - first + 1) * GPT_SECTOR;
		}
	}
	for (int s = 0; s < GPT_NSLOTS; s++) {
		if (!t.slot[s].index)
			return pp_fail(err, PP_ENOENT,
				       "GPT: no partition named %s of type " SLOT_TYPE_STR
				       " among the %u entries",
				       slot_names[s], h->n_entries);
	}
	*out = t;
	return PP_OK;
}

int gpt_parse(const u8 *disk, size_t len, u64 disk_size, struct gpt_slots *out, struct pp_err *err)
{
	struct gpt_header h = {0};
	if (len < (size_t)(GPT_HEADER_LBA + 1) * GPT_SECTOR)
		return pp_fail(err, PP_ETRUNC, "GPT: %zu bytes, no LBA 1", len);
	int rc = gpt_parse_header(disk + (size_t)GPT_HEADER_LBA * GPT_SECTOR, GPT_SECTOR, disk_size,
				  &h, err);
	if (rc)
		return rc;
	u64 off = gpt_entries_offset(&h);
	if (off > len)
		return pp_fail(err, PP_ETRUNC,
			       "GPT: partition entry array at byte %llu, past the %zu bytes read",
			       (unsigned long long)off, len);
	return gpt_find_slots(&h, disk + off, len - (size_t)off, disk_size, out, err);
}
