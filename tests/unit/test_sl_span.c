// SPDX-License-Identifier: GPL-2.0-only
/* The secure loader's usable-memory span check (launch/sl/span.c). */
#include <parapet/handoff.h>
#include "launch/sl/span.h"
#include "unit.h"

TEST(sl_span_usable)
{
	const struct pp_mem_range m[] = {
	    {0x0, 0x9f000, PP_MEM_USABLE, 0},	    {0x100000, 0x700000, PP_MEM_USABLE, 0},
	    {0x800000, 0x100000, PP_MEM_USABLE, 0}, /* adjacent: joins */
	    {0x900000, 0x1000, PP_MEM_ACPI_NVS, 0}, {0xa00000, 0x100000, PP_MEM_USABLE, 0},
	};
	CHECK(sl_span_usable(m, 5, 0x100000, 0x800000));
	CHECK(sl_span_usable(m, 5, 0x200000, 0x1000));
	CHECK(!sl_span_usable(m, 5, 0x800000, 0x101000)); /* into NVS */
	CHECK(!sl_span_usable(m, 5, 0x9f000, 0x2000));	  /* hole */
	CHECK(!sl_span_usable(m, 5, 0xa80000, 0x100000)); /* past the end */
	CHECK(!sl_span_usable(m, 5, 0x100000, 0));
	CHECK(!sl_span_usable(m, 5, ~0ull - 10, 100)); /* wraps */
	CHECK(!sl_span_usable(m, 0, 0x100000, 0x1000));
}
