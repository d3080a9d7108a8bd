/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The primary GPT of a disk image or block device, read far enough to find
 * the two policy slots (docs/policy-update.md, "parapet policy install").
 * Checks follow the UEFI spec 2.10, chapter 5.3 "GUID Partition Table (GPT)
 * Disk Layout": the header (5.3.2 "GPT Header": signature, revision, header
 * size, header CRC32, MyLBA, the entry array's location, count, entry size
 * and CRC32) and the entries (5.3.3 "GPT Partition Entry Array"). Logical
 * blocks are 512 bytes. A slot is the partition whose type GUID is
 * 922a958b-b19b-446f-9a87-a7989bd6ea46 ("Parapet policy slot") and whose
 * name is `parapet-policy-a` or `parapet-policy-b`; each must appear
 * exactly once and lie inside the disk.
 *
 * Parsers over buffers (the fuzz target and unit tests drive them);
 * gpt_read_file() feeds them from a file or device.
 */
#ifndef PARAPET_POLICY_CLI_GPT_H
#define PARAPET_POLICY_CLI_GPT_H

#include <stddef.h>
#include <parapet/err.h>
#include <parapet/types.h>

#define GPT_SECTOR 512u
/* The primary header lives at LBA 1 (5.3.1 "GPT overview"). */
#define GPT_HEADER_LBA 1u
/* Refuse entry arrays above this (sgdisk writes 128 x 128 = 16 KiB). */
#define GPT_ENTRIES_MAX (1u << 20)

struct gpt_header {
	u64 alternate_lba;
	u64 first_usable, last_usable;
	u64 entries_lba;
	u32 n_entries, entry_size, entries_crc;
};

enum { GPT_SLOT_A = 0, GPT_SLOT_B = 1, GPT_NSLOTS = 2 };

struct gpt_part {
	u32 index; /* entry number, 1-based (as sgdisk and Linux number them) */
	u64 first_lba, last_lba;
	u64 offset, size; /* bytes from the start of the disk */
};

struct gpt_slots {
	struct gpt_part slot[GPT_NSLOTS];
};

/* "parapet-policy-a" / "parapet-policy-b" */
const char *gpt_slot_part_name(int slot);

/*
 * The header: sector = the len bytes read at LBA 1 (at least 512);
 * disk_size = the whole disk's size in bytes. On success *h describes the
 * entry array, which lies inside the disk below FirstUsableLBA.
 */
int gpt_parse_header(const u8 *sector, size_t len, u64 disk_size, struct gpt_header *h,
		     struct pp_err *err);
/* The entry array's byte offset and length (after gpt_parse_header). */
u64 gpt_entries_offset(const struct gpt_header *h);
u32 gpt_entries_len(const struct gpt_header *h);

/* The entry array (len bytes at gpt_entries_offset): its CRC32, the slots. */
int gpt_find_slots(const struct gpt_header *h, const u8 *entries, size_t len, u64 disk_size,
		   struct gpt_slots *out, struct pp_err *err);

/* Both over the first len bytes of a disk of disk_size bytes. */
int gpt_parse(const u8 *disk, size_t len, u64 disk_size, struct gpt_slots *out, struct pp_err *err);

/* Read path (a file or a block device) and find its slots; *disk_size is set.
 * Messages do not repeat the path (the caller names it). */
int gpt_read_file(const char *path, struct gpt_slots *out, u64 *disk_size, struct pp_err *err);

#endif
