// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the secure loader's DMA guard view of the IVRS and
 * DMAR (launch/sl/dma_guard.c, sl_dma_parse), on firmware bytes it cannot
 * trust. The first input byte picks the signature (IVRS or DMAR), the rest
 * is the table from offset 4. Invariants: no read outside the table; on
 * success every unit is non-zero, 4 KiB aligned, below 4 GiB, of a known
 * type, at most SL_DMA_MAX_UNITS and no base twice; a refusal has a
 * negative code and a message; parsing the same bytes again into the
 * same list adds nothing (a unit counts once).
 */
#include <stdlib.h>
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "launch/sl/dma_guard.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct sl_dma_list l = {0};
	struct pp_err err = {0, ""};
	if (size < 1 || size > 4096)
		return 0;
	u32 len = (u32)size + 3;
	u8 *t = malloc(len); /* exactly the table: ASan catches any overread */
	if (!t)
		return 0;
	st_le32(t, data[0] & 1 ? 0x53525649u : 0x52414d44u); /* "IVRS" / "DMAR" */
	memcpy(t + 4, data + 1, size - 1);
	int rc = sl_dma_parse(t, len, &l, &err);
	if (rc && (rc >= 0 || !err.msg[0]))
		abort();
	if (l.count > SL_DMA_MAX_UNITS)
		abort();
	for (u32 i = 0; i < l.count; i++) {
		const struct pp_dma_guard_unit *u = &l.u[i];
		if (!u->base || (u->base & 0xfff) || u->base >= 0x100000000ull ||
		    (u->type != PP_DMA_GUARD_TYPE_AMDVI && u->type != PP_DMA_GUARD_TYPE_VTD))
			abort();
		for (u32 k = 0; k < i; k++)
			if (l.u[k].base == u->base)
				abort();
	}
	if (!rc) {
		u32 before = l.count;
		if (sl_dma_parse(t, len, &l, &err) || l.count != before)
			abort();
	}
	free(t);
	return 0;
}
