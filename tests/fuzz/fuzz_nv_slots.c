// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the policy slot record (common/tpm/nv_slots.c,
 * parapet/nv_slots.h) and the slot rule fed with what it parsed
 * (common/policy/slots.c).
 *
 * Input: byte 0 selects slot versions/epochs for the rule; then responses,
 * each a big-endian u16 length and that many bytes. (1) The whole input
 * after byte 0 goes as an exact-size heap copy to nvslots_parse (ASan
 * flags reads past its end); a record it accepts must serialize back to the
 * same bytes, and the rule run on it must choose a usable slot and write a
 * trial count of at most PP_POLICY_MAX_TRIALS. (2) A transport answers the
 * n-th command with the n-th response for nvslots_read, nvslots_write and
 * nvslots_undefine.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/nv_slots.h>

#include "tests/fuzz/fuzz_tpm_script.h"

/* The rule on a parsed record: the choice is usable, the update bounded. */
static void rule(const struct pp_slot_record *rec, u8 sel)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;

	memset(&in, 0, sizeof(in));
	in.drtm = (sel & 0x80) == 0;
	in.rec = *rec;
	in.floor = sel & 3;
	for (u32 s = 0; s < PP_SLOTS; s++) {
		in.slot[s].present = (sel >> (2 + s)) & 1;
		in.slot[s].usable = in.slot[s].present;
		/* a's file is the confirmed one or the tried one, by bit 4 */
		memcpy(in.slot[s].digest, (sel & 0x10) ? rec->confirmed : rec->trial[s].prefix,
		       (sel & 0x10) ? PP_SLOT_DIGEST : PP_SLOT_PREFIX);
		in.slot[s].version = (sel >> (5 + s)) & 1;
		in.slot[s].epoch = s + 1;
	}
	pp_slot_choose(&in, &d);
	if (d.chosen >= 0 && (!in.slot[d.chosen].usable || d.kind == PP_SLOT_NONE))
		__builtin_trap();
	if (d.chosen < 0 && (d.kind != PP_SLOT_NONE || d.write))
		__builtin_trap();
	if (d.write && (d.update.trial[d.chosen].count > PP_POLICY_MAX_TRIALS ||
			d.update.trial[d.chosen].count != d.trial))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_slot_record rec;
	struct pp_err err;
	u8 back[NVSLOTS_SIZE];

	if (size < 1)
		return 0;
	u8 *copy = malloc(size - 1 ? size - 1 : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	if (nvslots_parse(copy, size - 1, &rec, &err) == 0) {
		nvslots_serialize(&rec, back);
		if (memcmp(back, copy, NVSLOTS_SIZE) != 0)
			__builtin_trap();
		rule(&rec, data[0]);
	}
	free(copy);

	fz_split(data, size, 1);
	fz_fresh();
	if (nvslots_read(&fz_dev, NVSLOTS_INDEX, &rec, &err) == 0)
		rule(&rec, data[0]);
	memset(&rec, 0, sizeof(rec));
	fz_fresh();
	nvslots_write(&fz_dev, NVSLOTS_INDEX, &rec, &err);
	fz_fresh();
	nvslots_undefine(&fz_dev, NVSLOTS_INDEX, &err);
	return 0;
}
