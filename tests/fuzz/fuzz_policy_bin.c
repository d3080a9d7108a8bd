// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the policy binary reader (common/policy/bin_read.c)
 * and the signed framing (common/policy/signed.c) on arbitrary bytes.
 * Invariants: no crash or out-of-bounds read; a refusal carries a negative
 * code and a message and leaves the model untouched; a binary that reads
 * re-writes to the identical bytes; when its model has a source form
 * (dump), compiling that text gives the same bytes but for the key id,
 * which only signing sets; a signed file that splits has exactly one
 * trailer after its body. The body hash would refuse nearly every mutated
 * body, so the input is also read once more with its body hash recomputed
 * (a copy), which lets mutations reach the records and the round trips.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/policy.h>
#include <parapet/policy_signed.h>
#include <parapet/sha2.h>
#include "policy/compiler/compiler.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct pp_policy pol, again;
static u8 bin[1u << 16], bin2[1u << 16], fixed[1u << 16];
static char text[POL_SRC_EMIT_MAX];
static char msg[512];

static void read_one(const u8 *b, u32 n)
{
	struct pp_err err = {0, ""};
	size_t tlen = 0;
	u32 len = 0, len2 = 0;

	memset(&pol, 0x5a, sizeof(pol));
	int rc = pp_policy_read(b, n, &pol, &err);
	if (rc) {
		if (rc > 0 || err.code != rc || !err.msg[0])
			abort();
		for (size_t i = 0; i < sizeof(pol); i++)
			if (((const u8 *)&pol)[i] != 0x5a)
				abort();
		return;
	}
	if (pp_policy_write(&pol, bin, sizeof(bin), &len, &err) || len != n ||
	    memcmp(bin, b, n) != 0)
		abort();
	if (pol_src_emit(&pol, text, sizeof(text), &tlen, msg, sizeof(msg)))
		return; /* no source form: dump refuses it, with a message */
	if (pol_src_parse("dump", text, tlen, &again, msg, sizeof(msg)))
		abort();
	memcpy(again.key_id, pol.key_id, sizeof(pol.key_id));
	if (pp_policy_write(&again, bin2, sizeof(bin2), &len2, &err) || len2 != len ||
	    memcmp(bin, bin2, len) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_polsig_view v;
	struct pp_err err = {0, ""};
	if (size > (1u << 20))
		return 0;
	read_one(data, (u32)size);
	/* the same bytes with a matching body hash (header 0xe0, hash at 0x30) */
	if (size >= 0xe0 && size <= sizeof(fixed)) {
		memcpy(fixed, data, size);
		pp_sha256(fixed + 0xe0, size - 0xe0, fixed + 0x30);
		read_one(fixed, (u32)size);
	}
	if (pp_policy_signed_split(data, (u32)size, &v, &err) == PP_OK) {
		if (v.body != data || (size_t)v.body_len + PP_POLSIG_TRAILER != size ||
		    v.sig != data + v.body_len + 0x20)
			abort();
		read_one(v.body, v.body_len);
	} else if (!err.msg[0]) {
		abort();
	}
	return 0;
}
