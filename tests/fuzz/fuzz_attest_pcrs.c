// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the PCR values of an agent's QUOTE reply (the PCRS
 * item, attest_proto.h) rewritten by the verifier as a tpm2-tools PCR file
 * (attest/verifier/pcrs_write.c) and parsed back by verify's own parser
 * (pcrfile.c). Invariants: no crash or out-of-bounds access on any item; a
 * refusal carries a message; an accepted item gives a file of the size it
 * claims whose values, when verify's parser accepts them, are the item's
 * values in order.
 */
#include <string.h>
#include <parapet/bytes.h>
#include "attest/verifier/online.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static u8 file[AV_PCRFILE_MAX];
static struct av_pcr_values pv;

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	char why[AV_MSG_MAX] = "";
	size_t len = 0;
	if (av_pcrs_to_file(data, size, file, sizeof(file), &len, why, sizeof(why))) {
		if (!why[0])
			__builtin_trap();
		return 0;
	}
	if (len < 136 || len > sizeof(file) || (len - 136) % 532)
		__builtin_trap();
	if (av_pcrs_parse(file, len, &pv, why, sizeof(why)))
		return 0; /* e.g. a PCR given twice: verify refuses the file */
	if (pv.n != ld_le32(data))
		__builtin_trap();
	size_t off = 4;
	for (u32 i = 0; i < pv.n; i++) {
		if (pv.v[i].alg != ld_le16(data + off) || pv.v[i].pcr != data[off + 2] ||
		    pv.v[i].size != data[off + 3] ||
		    memcmp(pv.v[i].v, data + off + 4, data[off + 3]) != 0)
			__builtin_trap();
		off += 4u + data[off + 3];
	}
	return 0;
}
