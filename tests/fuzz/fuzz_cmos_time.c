// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host CMOS clock's decoder (hypervisor/drivers/rtc/cmos_time.c) on any
 * register values the chip or firmware could present: it either refuses
 * them or returns a second inside 2000-2099 that the calendar maps back to
 * the same registers' fields.
 */
#include <stdlib.h>
#include <string.h>
#include "hypervisor/drivers/rtc/cmos_time.h"
#include "hypervisor/lib/civil.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct cmos_time_regs r;
	struct pp_err err;
	u64 s = 0;

	if (size < sizeof(r))
		return 0;
	memcpy(&r, data, sizeof(r));
	if (cmos_time_decode(&r, &s, &err) == PP_OK) {
		struct civil_tm tm;
		u64 back = 0;
		if (s < CIVIL_UNIX_2000 || s >= CIVIL_UNIX_2100)
			abort();
		civil_from_unix(s, &tm);
		if (civil_to_unix(&tm, &back, &err) != PP_OK || back != s)
			abort();
	}
	return 0;
}
