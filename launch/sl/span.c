// SPDX-License-Identifier: GPL-2.0-only
#include "span.h"

bool sl_span_usable(const struct pp_mem_range *m, u32 n, u64 base, u64 size)
{
	u64 at = base, end;
	if (!size || base + size < base)
		return false;
	end = base + size;
	for (u32 i = 0; i < n && at < end; i++) {
		u64 rb = m[i].base, re = m[i].base + m[i].length;
		if (re <= at)
			continue;
		if (rb > at || m[i].type != PP_MEM_USABLE)
			return false;
		at = re;
	}
	return at >= end;
}
