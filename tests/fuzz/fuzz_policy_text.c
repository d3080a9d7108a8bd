// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the policy source parser (policy/compiler/) on
 * arbitrary text. Invariants: no crash or out-of-bounds read; a refusal
 * says FILE:LINE:COL (or the size bound) and leaves the output untouched;
 * every parsed model has a source form, and parsing that text gives the
 * same model (the same text again); a parsed model that validates round-trips through write,
 * read, dump and parse to the same bytes.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/policy.h>
#include "policy/compiler/compiler.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct pp_policy pol, again, back;
static u8 bin[1u << 16], bin2[1u << 16];
static char text[POL_SRC_EMIT_MAX], text2[POL_SRC_EMIT_MAX];
static char msg[512];

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_pol_error e;
	struct pp_err err;
	size_t tlen = 0, tlen2 = 0;
	u32 len = 0, len2 = 0;

	memset(&pol, 0x5a, sizeof(pol));
	if (pol_src_parse("f.pol", (const char *)data, size, &pol, msg, sizeof(msg))) {
		if (strncmp(msg, "f.pol:", 6) != 0)
			abort();
		for (size_t i = 0; i < sizeof(pol); i++)
			if (((const u8 *)&pol)[i] != 0x5a)
				abort(); /* a failed parse changed its output */
		return 0;
	}
	/*
	 * the parsed model's text parses back to the same model: compared
	 * through the text, which spells every field (struct padding is not
	 * part of a model)
	 */
	if (pol_src_emit(&pol, text, sizeof(text), &tlen, msg, sizeof(msg)))
		abort();
	if (pol_src_parse("dump", text, tlen, &again, msg, sizeof(msg)))
		abort();
	if (pol_src_emit(&again, text2, sizeof(text2), &tlen2, msg, sizeof(msg)) || tlen2 != tlen ||
	    memcmp(text, text2, tlen) != 0)
		abort();
	if (pp_policy_validate(&pol, &e))
		return 0;
	/* valid: binary, back, text, model, binary: the same bytes */
	if (pp_policy_write(&pol, bin, sizeof(bin), &len, &err) ||
	    pp_policy_read(bin, len, &back, &err) ||
	    pol_src_emit(&back, text, sizeof(text), &tlen, msg, sizeof(msg)) ||
	    pol_src_parse("dump", text, tlen, &again, msg, sizeof(msg)) ||
	    pp_policy_write(&again, bin2, sizeof(bin2), &len2, &err) || len != len2 ||
	    memcmp(bin, bin2, len) != 0)
		abort();
	return 0;
}
