/* SPDX-License-Identifier: GPL-2.0-only */
/* Is [base, base + size) usable RAM in a handoff memory map? Pure; host-tested. */
#ifndef PARAPET_LAUNCH_SL_SPAN_H
#define PARAPET_LAUNCH_SL_SPAN_H

#include <parapet/handoff.h>

/* True when every byte of [base, base + size) lies in PP_MEM_USABLE ranges
 * of the sorted, disjoint map m[0, n) (as pp_handoff_check guarantees). */
bool sl_span_usable(const struct pp_mem_range *m, u32 n, u64 base, u64 size);

#endif
