// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sizes in binary units for `policy diff` and `policy map` (diff.h):
 * "4 KiB", "2 MiB", "1.5 GiB" (one decimal when not a whole unit, rounded
 * down, so the text never claims more than the size). Pure formatting.
 */
#include <stdio.h>
#include "policy/cli/diff.h"

void pol_size_human(u64 size, char *buf, size_t len)
{
	static const char *const unit[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
	u32 u = 0;
	u64 div = 1;
	while (u < 6 && size / div >= 1024) {
		div *= 1024;
		u++;
	}
	u64 whole = size / div, tenth = (size % div) * 10 / div;
	if (tenth)
		snprintf(buf, len, "%llu.%llu %s", (unsigned long long)whole,
			 (unsigned long long)tenth, unit[u]);
	else
		snprintf(buf, len, "%llu %s", (unsigned long long)whole, unit[u]);
}
