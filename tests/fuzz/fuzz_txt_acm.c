// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the SINIT ACM parser (launch/drtm/txt_acm.c). The input
 * is the module region; an accepted module's size and information table
 * must lie inside it.
 */
#include <stdlib.h>
#include <string.h>
#include "launch/drtm/txt_acm.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_err err;
	struct txt_acm_info a;
	/* Copy into an exact-size heap allocation so ASan sees any overread. */
	u8 *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (txt_acm_parse(buf, size, 0x7ffd0000ull, &a, &err) == PP_OK &&
	    (a.size > size || a.size < ACM_FIXED_HDR || (a.size & 63u) || a.info_version < 3))
		abort();
	free(buf);
	return 0;
}
