// SPDX-License-Identifier: GPL-2.0-only
/* MLE/SINIT capability choice for OsSinitData (txt_caps.h). */
#include "launch/drtm/txt_heap.h"
#include "launch/drtm/txt_caps.h"

#define WAKE_MASK (MLE_CAP_RLP_WAKE_GETSEC | MLE_CAP_RLP_WAKE_MONITOR)

int txt_caps_choose(u32 mle_caps, u32 sinit_caps, u32 *out, struct pp_err *err)
{
	if (mle_caps & MLE_CAP_RESERVED_MASK)
		return pp_fail(err, PP_EINVAL, "TXT caps: MLE capabilities 0x%x have reserved bits",
			       mle_caps);
	if (!(mle_caps & MLE_CAP_TCG_EVENT_LOG))
		return pp_fail(err, PP_EINVAL,
			       "TXT caps: MLE capabilities 0x%x lack bit 9 (TCG event log)",
			       mle_caps);
	if (!(mle_caps & WAKE_MASK))
		return pp_fail(err, PP_EINVAL,
			       "TXT caps: MLE capabilities 0x%x offer no RLP wakeup mechanism",
			       mle_caps);
	if (!(sinit_caps & MLE_CAP_TCG_EVENT_LOG))
		return pp_fail(
		    err, PP_ENOTSUP,
		    "TXT caps: SINIT capabilities 0x%x lack bit 9 (TCG event-log format)",
		    sinit_caps);
	u32 common = mle_caps & sinit_caps;
	u32 c = MLE_CAP_TCG_EVENT_LOG;
	if (common & MLE_CAP_RLP_WAKE_MONITOR)
		c |= MLE_CAP_RLP_WAKE_MONITOR;
	else if (common & MLE_CAP_RLP_WAKE_GETSEC)
		c |= MLE_CAP_RLP_WAKE_GETSEC;
	else
		return pp_fail(err, PP_ENOTSUP,
			       "TXT caps: no common RLP wakeup mechanism (MLE 0x%x, SINIT 0x%x)",
			       mle_caps & WAKE_MASK, sinit_caps & WAKE_MASK);
	if (common & MLE_CAP_ECX_PGTBL)
		c |= MLE_CAP_ECX_PGTBL;
	if (out)
		*out = c;
	return PP_OK;
}

int txt_acm_versions_ok(u32 acm_os_sinit_ver, u32 acm_min_mle_hdr_ver, u32 mle_hdr_ver,
			struct pp_err *err)
{
	if (acm_os_sinit_ver < TXT_OS_SINIT_VERSION)
		return pp_fail(err, PP_EVERSION,
			       "TXT ACM: SINIT reads OsSinitData up to version %u, we build %u",
			       acm_os_sinit_ver, TXT_OS_SINIT_VERSION);
	if (mle_hdr_ver < acm_min_mle_hdr_ver)
		return pp_fail(err, PP_EVERSION,
			       "TXT ACM: SINIT needs MLE header version >= 0x%08x, ours is 0x%08x",
			       acm_min_mle_hdr_ver, mle_hdr_ver);
	return PP_OK;
}
