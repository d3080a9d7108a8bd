/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which MLE/SINIT capabilities a launch uses (HARDWARE-ONLY path; pure
 * decisions, host-tested in tests/unit/test_txt_caps.c).
 *
 * Three inputs meet before GETSEC[SENTER]: the capabilities our MLE header
 * declares (txt_mle.h, MLE_CAP_*), the capabilities SINIT declares in its
 * ACM "Chipset ACM Information Table" (Capabilities, same bit layout), and
 * what OsSinitData.Capabilities (txt_heap.h, C.3) tells SINIT we chose.
 * Intel TXT Software Development Guide / MLE Developer's Guide: section 2.1
 * (MLE header and the MLE/SINIT capabilities table), appendix C.3
 * (OsSinitData.Capabilities), appendix A (ACM information table:
 * OsSinitTblVer, MinMleHeaderVer, Capabilities).
 *
 * Rules (txt_caps_choose):
 *   - RLP wakeup: exactly one mechanism, supported by both the MLE and
 *     SINIT; MONITOR (bit 1: the RLPs wait on SinitMleData.RlpWakeupAddr)
 *     when both support it, else GETSEC[WAKEUP] (bit 0). The preference for
 *     MONITOR is the one tboot applies; the guide requires one common
 *     mechanism and leaves the choice to the MLE as far as we could read it.
 *     No common mechanism: refused.
 *   - TCG event-log format (bit 9): required from both. Parapet logs only
 *     TCG crypto-agile events (docs/eventlog.md); a SINIT without bit 9
 *     writes the older TPM 2.0 log format into our buffer: refused.
 *   - ECX = MLE page table on entry (bit 2): chosen when both support it,
 *     otherwise not; the guide makes it optional (ECX is undefined at the MLE
 *     entry without it) and tboot never selects it, so it is not required:
 *     the MLE finds the page table through OsSinitData in the heap instead.
 *   - Nothing else is chosen: no STM (bit 3), no TPM 1.2 PCR mappings (bits
 *     4, 5), platform type 0 (bits 7:6), no PMR-high-to-MAXPHYADDR (bit 8),
 *     no CBnT (bit 10). Bits SINIT sets that we do not know are ignored.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_CAPS_H
#define PARAPET_LAUNCH_DRTM_TXT_CAPS_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "launch/drtm/txt_mle.h"

/* Every bit txt_caps_choose can return. */
#define TXT_CAPS_CHOSEN_MASK                                                                       \
	(MLE_CAP_RLP_WAKE_GETSEC | MLE_CAP_RLP_WAKE_MONITOR | MLE_CAP_ECX_PGTBL |                  \
	 MLE_CAP_TCG_EVENT_LOG)

/*
 * From our MLE header's capabilities and SINIT's, compute the value for
 * OsSinitData.Capabilities (*out). Refuses (PP_EINVAL) MLE capabilities
 * with reserved bits, without bit 9 or without a wakeup bit; refuses
 * (PP_ENOTSUP) a SINIT without bit 9 or without a wakeup mechanism the MLE
 * supports. *out is written only on success.
 */
int txt_caps_choose(u32 mle_caps, u32 sinit_caps, u32 *out, struct pp_err *err);

/*
 * SINIT's ACM information table must accept what we build: its
 * OsSinitTblVer (the highest OsSinitData version it reads) >= 7, and our
 * MLE header version >= its MinMleHeaderVer. PP_EVERSION otherwise.
 */
int txt_acm_versions_ok(u32 acm_os_sinit_ver, u32 acm_min_mle_hdr_ver, u32 mle_hdr_ver,
			struct pp_err *err);

#endif
