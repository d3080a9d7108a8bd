/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Post-GETSEC[SENTER] checks, pure functions over the heap bytes
 * (HARDWARE-ONLY path; host-tested). The MLE runs these before trusting
 * anything it finds in the heap: the tables SINIT used must describe the
 * MLE we built, its DMA protection must cover it, and the memory SINIT
 * vouched for (MDRs) must contain it.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_POST_H
#define PARAPET_LAUNCH_DRTM_TXT_POST_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "launch/drtm/txt_heap.h"
#include "launch/drtm/txt_pmr.h" /* txt_pmr_covers */

/* True when every byte of [base, base + size) is inside a GOOD (type 0)
 * MDR and none is inside an MDR of another type. */
bool txt_mdrs_cover_good(const struct txt_sinit_mle_info *s, u64 base, u64 size);

/* What the pre-launch code built and now expects to find. */
struct txt_expect {
	u64 mle_base, mle_size;
	u64 mle_ptab; /* page table base (physical) */
	u64 evtlog_pa;
	u32 evtlog_size;
};

struct txt_post_result {
	struct txt_heap_layout layout;
	struct txt_bios_info bios;
	struct pp_os_mle_data os_mle;
	struct txt_os_sinit_info os_sinit;
	struct txt_sinit_mle_info sinit_mle; /* .table points into the heap */
};

/*
 * The whole post-launch heap check: layout; BiosData, OsMleData,
 * OsSinitData, SinitMleData each valid; OsMleData and OsSinitData describe
 * exp (MLE base/size, page table, event log); the PMRs cover the MLE, its
 * page table and the event log; the MLE lies in GOOD MDRs only. The first
 * failure is returned with a precise message.
 */
int txt_post_launch_check(const u8 *heap, u64 heap_size, const struct txt_expect *exp,
			  struct txt_post_result *out, struct pp_err *err);

#endif
