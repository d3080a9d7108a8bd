// SPDX-License-Identifier: GPL-2.0-only
/* Post-launch checks over the TXT heap (txt_post.h). */
#include <parapet/string.h>
#include "launch/drtm/txt_mle.h"
#include "launch/drtm/txt_post.h"

bool txt_mdrs_cover_good(const struct txt_sinit_mle_info *s, u64 base, u64 size)
{
	u64 end;
	if (!size || !pp_add_ok(base, size, &end))
		return false;
	/* No byte of the range in a non-GOOD MDR. */
	for (u32 i = 0; i < s->num_mdrs; i++) {
		struct txt_sinit_mdr m;
		txt_sinit_mdr(s, i, &m);
		if (m.type != TXT_MDR_GOOD && m.length &&
		    pp_ranges_overlap(base, size, m.base, m.length))
			return false;
	}
	/* Every byte in some GOOD MDR: advance a cursor through them; each
	 * round either advances or fails, so at most num_mdrs rounds. */
	u64 cur = base;
	for (u32 round = 0; round <= s->num_mdrs && cur < end; round++) {
		bool moved = false;
		for (u32 i = 0; i < s->num_mdrs; i++) {
			struct txt_sinit_mdr m;
			txt_sinit_mdr(s, i, &m);
			if (m.type == TXT_MDR_GOOD && m.length && cur >= m.base &&
			    cur - m.base < m.length) {
				cur = m.base + m.length; /* no wrap: checked by the parser */
				moved = true;
				break;
			}
		}
		if (!moved)
			return false;
	}
	return cur >= end;
}

int txt_post_launch_check(const u8 *heap, u64 heap_size, const struct txt_expect *exp,
			  struct txt_post_result *out, struct pp_err *err)
{
	struct txt_post_result r;
	int rc;
	memset(&r, 0, sizeof(r));
	rc = txt_heap_layout(heap, heap_size, &r.layout, err);
	if (rc)
		return rc;
	const struct txt_heap_layout *l = &r.layout;
	rc = txt_bios_data_parse(heap + l->off[TXT_TBL_BIOS], l->size[TXT_TBL_BIOS], &r.bios, err);
	if (rc)
		return rc;
	rc = txt_os_mle_parse(heap + l->off[TXT_TBL_OS_MLE], l->size[TXT_TBL_OS_MLE], &r.os_mle,
			      err);
	if (rc)
		return rc;
	rc = txt_os_sinit_parse(heap + l->off[TXT_TBL_OS_SINIT], l->size[TXT_TBL_OS_SINIT],
				&r.os_sinit, err);
	if (rc)
		return rc;
	rc = txt_sinit_mle_parse(heap + l->off[TXT_TBL_SINIT_MLE], l->size[TXT_TBL_SINIT_MLE],
				 &r.sinit_mle, err);
	if (rc)
		return rc;

	const struct pp_os_mle_data *m = &r.os_mle;
	const struct txt_os_sinit_info *o = &r.os_sinit;
	if (m->mle_base != exp->mle_base || m->mle_size != exp->mle_size)
		return pp_fail(err, PP_EINVAL,
			       "post-launch: OsMleData MLE 0x%llx+0x%llx, expected 0x%llx+0x%llx",
			       (unsigned long long)m->mle_base, (unsigned long long)m->mle_size,
			       (unsigned long long)exp->mle_base,
			       (unsigned long long)exp->mle_size);
	if (o->mle_size != exp->mle_size || o->mle_ptab != exp->mle_ptab)
		return pp_fail(err, PP_EINVAL,
			       "post-launch: OsSinitData MLE size 0x%llx page table 0x%llx, "
			       "expected 0x%llx / 0x%llx",
			       (unsigned long long)o->mle_size, (unsigned long long)o->mle_ptab,
			       (unsigned long long)exp->mle_size,
			       (unsigned long long)exp->mle_ptab);
	if (o->elts.evtlog.phys_addr != exp->evtlog_pa ||
	    o->elts.evtlog.allocated_size != exp->evtlog_size || m->evtlog_pa != exp->evtlog_pa ||
	    m->evtlog_size != exp->evtlog_size)
		return pp_fail(
		    err, PP_EINVAL,
		    "post-launch: event log 0x%llx+0x%x in the heap, expected 0x%llx+0x%x",
		    (unsigned long long)o->elts.evtlog.phys_addr, o->elts.evtlog.allocated_size,
		    (unsigned long long)exp->evtlog_pa, exp->evtlog_size);
	if (!txt_pmr_covers(o, exp->mle_base, exp->mle_size))
		return pp_fail(
		    err, PP_ERANGE, "post-launch: MLE 0x%llx+0x%llx not covered by a PMR",
		    (unsigned long long)exp->mle_base, (unsigned long long)exp->mle_size);
	if (!txt_pmr_covers(o, exp->mle_ptab, mle_pt_size(exp->mle_size)))
		return pp_fail(err, PP_ERANGE,
			       "post-launch: MLE page table 0x%llx not covered by a PMR",
			       (unsigned long long)exp->mle_ptab);
	if (!txt_pmr_covers(o, exp->evtlog_pa, exp->evtlog_size))
		return pp_fail(err, PP_ERANGE,
			       "post-launch: event log 0x%llx+0x%x not covered by a PMR",
			       (unsigned long long)exp->evtlog_pa, exp->evtlog_size);
	if (!txt_mdrs_cover_good(&r.sinit_mle, exp->mle_base, exp->mle_size))
		return pp_fail(
		    err, PP_ERANGE,
		    "post-launch: MLE 0x%llx+0x%llx not entirely in SINIT's GOOD memory (MDRs)",
		    (unsigned long long)exp->mle_base, (unsigned long long)exp->mle_size);
	if (out)
		*out = r;
	return PP_OK;
}
