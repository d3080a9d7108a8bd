// SPDX-License-Identifier: GPL-2.0-only
/* Builders for the heap tables we write before GETSEC[SENTER] (txt_heap.h). */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "launch/drtm/txt_heap.h"
#include "launch/drtm/txt_mle.h"

#define LIMIT_4G 0x100000000ull

static bool inside(u64 base, u64 size, u64 rbase, u64 rsize)
{
	u64 end, rend;
	if (!pp_add_ok(base, size, &end) || !pp_add_ok(rbase, rsize, &rend))
		return false;
	return rsize && base >= rbase && end <= rend;
}

static bool pmr_cover(const struct txt_os_sinit_params *p, u64 base, u64 size)
{
	return inside(base, size, p->pmr_lo_base, p->pmr_lo_size) ||
	       inside(base, size, p->pmr_hi_base, p->pmr_hi_size);
}

static int check_pmrs(const struct txt_os_sinit_params *p, struct pp_err *err)
{
	u64 end;
	if (!PP_IS_ALIGNED(p->pmr_lo_base, TXT_PMR_ALIGN) ||
	    !PP_IS_ALIGNED(p->pmr_lo_size, TXT_PMR_ALIGN) ||
	    !PP_IS_ALIGNED(p->pmr_hi_base, TXT_PMR_ALIGN) ||
	    !PP_IS_ALIGNED(p->pmr_hi_size, TXT_PMR_ALIGN))
		return pp_fail(
		    err, PP_EINVAL,
		    "OsSinitData: PMR lo 0x%llx+0x%llx / hi 0x%llx+0x%llx not 2 MiB aligned",
		    (unsigned long long)p->pmr_lo_base, (unsigned long long)p->pmr_lo_size,
		    (unsigned long long)p->pmr_hi_base, (unsigned long long)p->pmr_hi_size);
	if (!pp_add_ok(p->pmr_lo_base, p->pmr_lo_size, &end) || end > LIMIT_4G)
		return pp_fail(err, PP_ERANGE, "OsSinitData: low PMR 0x%llx+0x%llx crosses 4 GiB",
			       (unsigned long long)p->pmr_lo_base,
			       (unsigned long long)p->pmr_lo_size);
	if (p->pmr_hi_size &&
	    (p->pmr_hi_base < LIMIT_4G || !pp_add_ok(p->pmr_hi_base, p->pmr_hi_size, &end)))
		return pp_fail(
		    err, PP_ERANGE, "OsSinitData: high PMR 0x%llx+0x%llx not above 4 GiB",
		    (unsigned long long)p->pmr_hi_base, (unsigned long long)p->pmr_hi_size);
	return PP_OK;
}

int txt_os_sinit_build(u8 *out, u64 cap, const struct txt_os_sinit_params *p, u64 *len,
		       struct pp_err *err)
{
	int rc;
	if (!out || !p)
		return pp_fail(err, PP_EINVAL, "OsSinitData: no buffer");
	if (p->flags & ~TXT_OS_SINIT_FLAG_EXTPOL_PERF)
		return pp_fail(err, PP_EINVAL, "OsSinitData: flags 0x%x invalid for version %u",
			       p->flags, TXT_OS_SINIT_VERSION);
	if (p->capabilities & MLE_CAP_RESERVED_MASK)
		return pp_fail(err, PP_EINVAL, "OsSinitData: reserved capability bits 0x%x",
			       p->capabilities & MLE_CAP_RESERVED_MASK);
	if (!(p->capabilities & MLE_CAP_TCG_EVENT_LOG))
		return pp_fail(err, PP_EINVAL,
			       "OsSinitData: TCG event log format (bit 9) not selected");
	u32 wake = p->capabilities & (MLE_CAP_RLP_WAKE_GETSEC | MLE_CAP_RLP_WAKE_MONITOR);
	if (wake != MLE_CAP_RLP_WAKE_GETSEC && wake != MLE_CAP_RLP_WAKE_MONITOR)
		return pp_fail(err, PP_EINVAL,
			       "OsSinitData: capabilities 0x%x select %s RLP wakeup mechanism, "
			       "need exactly one",
			       p->capabilities, wake ? "more than one" : "no");
	if (p->mle_size == 0 || !PP_IS_ALIGNED(p->mle_ptab, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL,
			       "OsSinitData: MLE size 0x%llx / page table 0x%llx invalid",
			       (unsigned long long)p->mle_size, (unsigned long long)p->mle_ptab);
	if (p->mle_hdr_base + MLE_HDR_LEN < p->mle_hdr_base ||
	    p->mle_hdr_base + MLE_HDR_LEN > p->mle_size)
		return pp_fail(err, PP_ERANGE,
			       "OsSinitData: MLE header at linear 0x%llx outside the MLE",
			       (unsigned long long)p->mle_hdr_base);
	rc = check_pmrs(p, err);
	if (rc)
		return rc;
	const struct txt_elt_evtlog2_1 *ev = &p->evtlog;
	if (ev->phys_addr == 0 || ev->allocated_size == 0 ||
	    ev->first_record_offset > ev->next_record_offset ||
	    ev->next_record_offset > ev->allocated_size)
		return pp_fail(
		    err, PP_EINVAL,
		    "OsSinitData: event log 0x%llx alloc 0x%x first 0x%x next 0x%x invalid",
		    (unsigned long long)ev->phys_addr, ev->allocated_size, ev->first_record_offset,
		    ev->next_record_offset);
	/* The MLE, its page table and the log must be DMA-protected by a PMR. */
	u64 pt_size = mle_pt_size(p->mle_size);
	if (!pmr_cover(p, p->mle_ptab, pt_size))
		return pp_fail(err, PP_ERANGE,
			       "OsSinitData: MLE page table [0x%llx, +0x%llx) not inside a PMR",
			       (unsigned long long)p->mle_ptab, (unsigned long long)pt_size);
	if (!pmr_cover(p, p->mle_base, p->mle_size))
		return pp_fail(err, PP_ERANGE,
			       "OsSinitData: MLE [0x%llx, +0x%llx) not inside a PMR",
			       (unsigned long long)p->mle_base, (unsigned long long)p->mle_size);
	if (!pmr_cover(p, ev->phys_addr, ev->allocated_size))
		return pp_fail(err, PP_ERANGE,
			       "OsSinitData: event log [0x%llx, +0x%x) not inside a PMR",
			       (unsigned long long)ev->phys_addr, ev->allocated_size);
	if (cap < TXT_OS_SINIT_BUILT_SIZE)
		return pp_fail(err, PP_ENOMEM, "OsSinitData: needs %u bytes, buffer %llu",
			       TXT_OS_SINIT_BUILT_SIZE, (unsigned long long)cap);

	u8 *d = out + TXT_HEAP_SIZE_FIELD;
	memset(out, 0, TXT_OS_SINIT_BUILT_SIZE);
	st_le64(out, TXT_OS_SINIT_BUILT_SIZE);
	st_le32(d + 0x00, TXT_OS_SINIT_VERSION);
	st_le32(d + 0x04, p->flags);
	st_le64(d + 0x08, p->mle_ptab);
	st_le64(d + 0x10, p->mle_size);
	st_le64(d + 0x18, p->mle_hdr_base);
	st_le64(d + 0x20, p->pmr_lo_base);
	st_le64(d + 0x28, p->pmr_lo_size);
	st_le64(d + 0x30, p->pmr_hi_base);
	st_le64(d + 0x38, p->pmr_hi_size);
	st_le64(d + 0x40, p->lcp_po_base);
	st_le64(d + 0x48, p->lcp_po_size);
	st_le32(d + 0x50, p->capabilities);
	st_le64(d + 0x54, p->efi_rsdp);
	u8 *e = d + sizeof(struct txt_os_sinit_data);
	st_le32(e + 0, TXT_ELT_EVENT_LOG_POINTER2_1);
	st_le32(e + 4, TXT_ELT_EVTLOG2_1_SIZE);
	st_le64(e + 8, ev->phys_addr);
	st_le32(e + 16, ev->allocated_size);
	st_le32(e + 20, ev->first_record_offset);
	st_le32(e + 24, ev->next_record_offset);
	e += TXT_ELT_EVTLOG2_1_SIZE;
	st_le32(e + 0, TXT_ELT_END);
	st_le32(e + 4, 8);
	if (len)
		*len = TXT_OS_SINIT_BUILT_SIZE;
	return PP_OK;
}

int txt_os_mle_build(u8 *out, u64 cap, const struct pp_os_mle_data *m, u64 *len, struct pp_err *err)
{
	if (!out || !m)
		return pp_fail(err, PP_EINVAL, "OsMleData: no buffer");
	if (m->mtrr_vcnt > PP_OS_MLE_MAX_MTRRS)
		return pp_fail(err, PP_ERANGE, "OsMleData: %u variable MTRRs > %u", m->mtrr_vcnt,
			       PP_OS_MLE_MAX_MTRRS);
	if (m->mle_size == 0 || m->evtlog_pa == 0 || m->evtlog_size == 0)
		return pp_fail(err, PP_EINVAL, "OsMleData: MLE size or event log missing");
	if (cap < TXT_OS_MLE_BUILT_SIZE)
		return pp_fail(err, PP_ENOMEM, "OsMleData: needs %u bytes, buffer %llu",
			       TXT_OS_MLE_BUILT_SIZE, (unsigned long long)cap);
	u8 *d = out + TXT_HEAP_SIZE_FIELD;
	memset(out, 0, TXT_OS_MLE_BUILT_SIZE);
	st_le64(out, TXT_OS_MLE_BUILT_SIZE);
	st_le32(d + 0x000, PP_OS_MLE_VERSION);
	st_le32(d + 0x004, 0);
	st_le64(d + 0x008, m->handoff_pa);
	st_le64(d + 0x010, m->misc_enable);
	st_le64(d + 0x018, m->mtrr_def_type);
	st_le32(d + 0x020, m->mtrr_vcnt);
	for (u32 i = 0; i < m->mtrr_vcnt; i++) {
		st_le64(d + 0x028 + 16 * (size_t)i, m->mtrr[i].base);
		st_le64(d + 0x030 + 16 * (size_t)i, m->mtrr[i].mask);
	}
	st_le64(d + 0x228, m->evtlog_pa);
	st_le32(d + 0x230, m->evtlog_size);
	st_le64(d + 0x238, m->mle_base);
	st_le64(d + 0x240, m->mle_size);
	if (len)
		*len = TXT_OS_MLE_BUILT_SIZE;
	return PP_OK;
}
