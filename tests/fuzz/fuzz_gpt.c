// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the GPT reader of `parapet policy install`
 * (policy/cli/gpt.c) on arbitrary bytes taken as the start of a disk.
 * Invariants: no crash or out-of-bounds read; a refusal carries a negative
 * code and a message and leaves the result untouched; found slots lie
 * inside the disk and do not start before LBA 3. Two CRCs would refuse
 * nearly every mutated table, so the input is also parsed once more with
 * the entry array's and the header's CRC32 recomputed (a copy), which lets
 * mutations reach the range checks and the entry walk.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include "policy/cli/crc32.h"
#include "policy/cli/gpt.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static u8 fixed[1u << 16];

static void parse_one(const u8 *b, size_t n)
{
	struct gpt_slots s;
	struct pp_err err = {0, ""};
	memset(&s, 0x5a, sizeof(s));
	int rc = gpt_parse(b, n, n, &s, &err);
	if (rc) {
		if (rc > 0 || err.code != rc || !err.msg[0])
			abort();
		for (size_t i = 0; i < sizeof(s); i++)
			if (((const u8 *)&s)[i] != 0x5a)
				abort();
		return;
	}
	for (int i = 0; i < GPT_NSLOTS; i++) {
		const struct gpt_part *p = &s.slot[i];
		if (!p->index || p->offset < (u64)3 * GPT_SECTOR || p->size == 0 ||
		    !pp_span_ok(p->offset, p->size, n))
			abort();
	}
	if (s.slot[0].index == s.slot[1].index)
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	parse_one(data, size);
	/* the same with both CRCs made to match (header at LBA 1) */
	if (size < (size_t)2 * GPT_SECTOR || size > sizeof(fixed))
		return 0;
	memcpy(fixed, data, size);
	u8 *h = fixed + GPT_SECTOR;
	u64 lba = ld_le64(h + 72);
	u64 alen = (u64)ld_le32(h + 80) * ld_le32(h + 84);
	if (lba < size / GPT_SECTOR && pp_span_ok(lba * GPT_SECTOR, alen, size))
		st_le32(h + 88, pol_crc32(fixed + lba * GPT_SECTOR, (size_t)alen));
	u32 hsize = ld_le32(h + 12);
	if (hsize >= 16 + 4 && hsize <= GPT_SECTOR) {
		st_le32(h + 16, 0);
		st_le32(h + 16, pol_crc32(h, hsize));
	}
	parse_one(fixed, size);
	return 0;
}
