// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsers for the TXT heap tables (txt_heap.h). Every byte here comes from
 * memory BIOS or SINIT wrote: sizes are checked before use, all arithmetic
 * is checked, loops are bounded by the (checked) sizes.
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "launch/drtm/txt_heap.h"

static const char *const tbl_name[4] = {"BiosData", "OsMleData", "OsSinitData", "SinitMleData"};

int txt_heap_layout(const u8 *heap, u64 heap_size, struct txt_heap_layout *out, struct pp_err *err)
{
	struct txt_heap_layout l;
	u64 off = 0;
	if (!heap)
		return pp_fail(err, PP_EINVAL, "TXT heap: no heap");
	for (int i = 0; i < 4; i++) {
		if (!pp_span_ok(off, TXT_HEAP_SIZE_FIELD, heap_size))
			return pp_fail(err, PP_ETRUNC,
				       "TXT heap: %s size field at 0x%llx beyond heap size 0x%llx",
				       tbl_name[i], (unsigned long long)off,
				       (unsigned long long)heap_size);
		u64 sz = ld_le64(heap + off);
		if (sz < TXT_HEAP_SIZE_FIELD)
			return pp_fail(
			    err, PP_EINVAL,
			    "TXT heap: %s size 0x%llx smaller than its own 8-byte size field",
			    tbl_name[i], (unsigned long long)sz);
		if (!pp_span_ok(off, sz, heap_size))
			return pp_fail(err, PP_ETRUNC,
				       "TXT heap: %s at 0x%llx size 0x%llx beyond heap size 0x%llx",
				       tbl_name[i], (unsigned long long)off, (unsigned long long)sz,
				       (unsigned long long)heap_size);
		l.off[i] = off;
		l.size[i] = sz;
		off += sz;
	}
	l.used = off;
	if (out)
		*out = l;
	return PP_OK;
}

int txt_elts_parse(const u8 *p, u64 len, const char *table, struct txt_elts *out,
		   struct pp_err *err)
{
	struct txt_elts e;
	u64 off = 0;
	memset(&e, 0, sizeof(e));
	for (;;) {
		if (!pp_span_ok(off, 8, len))
			return pp_fail(
			    err, PP_ETRUNC,
			    "%s: extended elements end at +0x%llx without an END element", table,
			    (unsigned long long)off);
		u32 type = ld_le32(p + off);
		u32 size = ld_le32(p + off + 4);
		if (size < 8)
			return pp_fail(err, PP_EINVAL,
				       "%s: element type %u at +0x%llx has size %u < 8", table,
				       type, (unsigned long long)off, size);
		if (!pp_span_ok(off, size, len))
			return pp_fail(
			    err, PP_ETRUNC,
			    "%s: element type %u at +0x%llx size %u beyond the table (0x%llx)",
			    table, type, (unsigned long long)off, size, (unsigned long long)len);
		const u8 *d = p + off + 8;
		u32 dlen = size - 8;
		switch (type) {
		case TXT_ELT_END:
			if (size != 8)
				return pp_fail(err, PP_EINVAL,
					       "%s: END element at +0x%llx has size %u, not 8",
					       table, (unsigned long long)off, size);
			if (out)
				*out = e;
			return PP_OK;
		case TXT_ELT_BIOS_SPEC_VER:
			if (dlen < 6)
				return pp_fail(err, PP_ETRUNC,
					       "%s: BIOS_SPEC_VER element of %u bytes < 14", table,
					       size);
			e.has_spec_ver = true;
			e.spec_ver.major = ld_le16(d);
			e.spec_ver.minor = ld_le16(d + 2);
			e.spec_ver.revision = ld_le16(d + 4);
			break;
		case TXT_ELT_ACM: {
			if (dlen < 4)
				return pp_fail(err, PP_ETRUNC, "%s: ACM element of %u bytes < 12",
					       table, size);
			u32 n = ld_le32(d);
			if (n > (dlen - 4) / 8)
				return pp_fail(err, PP_ETRUNC,
					       "%s: ACM element lists %u addresses, room for %u",
					       table, n, (dlen - 4) / 8);
			e.num_acms = n;
			break;
		}
		case TXT_ELT_CUSTOM:
			if (dlen < 16)
				return pp_fail(err, PP_ETRUNC,
					       "%s: CUSTOM element of %u bytes lacks its UUID",
					       table, size);
			break;
		case TXT_ELT_EVENT_LOG_POINTER2_1:
			if (size != TXT_ELT_EVTLOG2_1_SIZE)
				return pp_fail(
				    err, PP_EINVAL,
				    "%s: EVENT_LOG_POINTER2_1 element size %u, expected %u", table,
				    size, TXT_ELT_EVTLOG2_1_SIZE);
			if (e.has_evtlog)
				return pp_fail(err, PP_EINVAL,
					       "%s: second EVENT_LOG_POINTER2_1 element at +0x%llx",
					       table, (unsigned long long)off);
			e.has_evtlog = true;
			e.evtlog.phys_addr = ld_le64(d);
			e.evtlog.allocated_size = ld_le32(d + 8);
			e.evtlog.first_record_offset = ld_le32(d + 12);
			e.evtlog.next_record_offset = ld_le32(d + 16);
			if (e.evtlog.first_record_offset > e.evtlog.next_record_offset ||
			    e.evtlog.next_record_offset > e.evtlog.allocated_size)
				return pp_fail(err, PP_ERANGE,
					       "%s: event log offsets first 0x%x next 0x%x "
					       "allocated 0x%x out of order",
					       table, e.evtlog.first_record_offset,
					       e.evtlog.next_record_offset,
					       e.evtlog.allocated_size);
			break;
		default: break; /* other known (STM, MADT, MCFG, ...) and unknown types: skipped */
		}
		e.count++;
		off += size;
	}
}

/* Common prologue: the size field must agree with the table's extent. */
static int tbl_check(const u8 *tbl, u64 tbl_size, u64 fixed, const char *name, struct pp_err *err)
{
	if (!tbl || tbl_size < TXT_HEAP_SIZE_FIELD + 4) {
		pp_fail(err, PP_ETRUNC, "%s: %llu bytes, no room for size and version", name,
			(unsigned long long)tbl_size);
		return PP_ETRUNC; /* spelled out: callers rely on non-zero here */
	}
	u64 sz = ld_le64(tbl);
	if (sz != tbl_size)
		return pp_fail(err, PP_EINVAL,
			       "%s: size field 0x%llx disagrees with table extent 0x%llx", name,
			       (unsigned long long)sz, (unsigned long long)tbl_size);
	if (tbl_size < TXT_HEAP_SIZE_FIELD + fixed)
		return pp_fail(err, PP_ETRUNC, "%s: size 0x%llx smaller than its fixed part 0x%llx",
			       name, (unsigned long long)tbl_size,
			       (unsigned long long)(TXT_HEAP_SIZE_FIELD + fixed));
	return PP_OK;
}

int txt_bios_data_parse(const u8 *tbl, u64 tbl_size, struct txt_bios_info *out, struct pp_err *err)
{
	struct txt_bios_info b;
	int rc;
	if (tbl && tbl_size >= TXT_HEAP_SIZE_FIELD + 4) {
		u32 v = ld_le32(tbl + 8);
		if (v < TXT_BIOS_DATA_MIN_VERSION)
			return pp_fail(err, PP_EVERSION,
				       "BiosData: version %u < %u (no extended elements)", v,
				       TXT_BIOS_DATA_MIN_VERSION);
	}
	rc = tbl_check(tbl, tbl_size, sizeof(struct txt_bios_data), "BiosData", err);
	if (rc)
		return rc;
	const u8 *d = tbl + TXT_HEAP_SIZE_FIELD;
	memset(&b, 0, sizeof(b));
	b.version = ld_le32(d + 0x00);
	b.bios_sinit_size = ld_le32(d + 0x04);
	b.lcp_pd_base = ld_le64(d + 0x08);
	b.lcp_pd_size = ld_le64(d + 0x10);
	b.num_logical_procs = ld_le32(d + 0x18);
	b.sinit_flags = ld_le32(d + 0x1c);
	b.mle_flags = ld_le32(d + 0x20);
	if (b.num_logical_procs == 0 || b.num_logical_procs > 4096)
		return pp_fail(err, PP_ERANGE, "BiosData: %u logical processors (expected 1..4096)",
			       b.num_logical_procs);
	u64 eoff = TXT_HEAP_SIZE_FIELD + sizeof(struct txt_bios_data);
	rc = txt_elts_parse(tbl + eoff, tbl_size - eoff, "BiosData", &b.elts, err);
	if (rc)
		return rc;
	if (b.elts.has_evtlog)
		return pp_fail(err, PP_EINVAL, "BiosData: carries an event-log pointer element");
	if (out)
		*out = b;
	return PP_OK;
}

int txt_sinit_mle_parse(const u8 *tbl, u64 tbl_size, struct txt_sinit_mle_info *out,
			struct pp_err *err)
{
	struct txt_sinit_mle_info s;
	int rc;
	if (tbl && tbl_size >= TXT_HEAP_SIZE_FIELD + 4) {
		u32 v = ld_le32(tbl + 8);
		if (v < TXT_SINIT_MLE_MIN_VERSION)
			return pp_fail(err, PP_EVERSION, "SinitMleData: version %u < %u", v,
				       TXT_SINIT_MLE_MIN_VERSION);
	}
	rc = tbl_check(tbl, tbl_size, sizeof(struct txt_sinit_mle_data), "SinitMleData", err);
	if (rc)
		return rc;
	const u8 *d = tbl + TXT_HEAP_SIZE_FIELD;
	memset(&s, 0, sizeof(s));
	s.version = ld_le32(d + 0x00);
	/* Version 9 zeroes 0x04..0x77 (txt_heap.h): absent, never read. */
	s.v8_fields = s.version < TXT_SINIT_MLE_ELTS_VERSION;
	if (s.v8_fields) {
		s.edx_senter_flags = ld_le32(d + 0x18);
		memcpy(s.mle_hash, d + 0x38, sizeof(s.mle_hash));
		s.lcp_policy_control = ld_le32(d + 0x74);
	}
	s.rlp_wakeup_addr = ld_le32(d + 0x78);
	s.num_mdrs = ld_le32(d + 0x80);
	s.mdrs_off = ld_le32(d + 0x84);
	s.dmar_size = ld_le32(d + 0x88);
	s.dmar_off = ld_le32(d + 0x8c);
	s.proc_scrtm_status = ld_le32(d + 0x90);
	s.table = tbl;
	s.table_size = tbl_size;

	u64 fixed_end = TXT_HEAP_SIZE_FIELD + sizeof(struct txt_sinit_mle_data);
	if (s.num_mdrs == 0 || s.num_mdrs > TXT_MAX_MDRS)
		return pp_fail(err, PP_ERANGE, "SinitMleData: %u memory descriptor records (1..%u)",
			       s.num_mdrs, TXT_MAX_MDRS);
	if (s.mdrs_off < fixed_end ||
	    !pp_span_ok(s.mdrs_off, (u64)s.num_mdrs * sizeof(struct txt_sinit_mdr), tbl_size))
		return pp_fail(err, PP_ERANGE,
			       "SinitMleData: %u MDRs at offset 0x%x outside [0x%llx, 0x%llx)",
			       s.num_mdrs, s.mdrs_off, (unsigned long long)fixed_end,
			       (unsigned long long)tbl_size);
	if (s.dmar_size) {
		if (s.dmar_off < fixed_end || !pp_span_ok(s.dmar_off, s.dmar_size, tbl_size))
			return pp_fail(
			    err, PP_ERANGE,
			    "SinitMleData: DMAR copy [0x%x, +0x%x) outside [0x%llx, 0x%llx)",
			    s.dmar_off, s.dmar_size, (unsigned long long)fixed_end,
			    (unsigned long long)tbl_size);
		if (pp_ranges_overlap(s.mdrs_off, (u64)s.num_mdrs * sizeof(struct txt_sinit_mdr),
				      s.dmar_off, s.dmar_size))
			return pp_fail(
			    err, PP_EOVERLAP,
			    "SinitMleData: MDR table at 0x%x overlaps the DMAR copy at 0x%x",
			    s.mdrs_off, s.dmar_off);
		if (s.dmar_size < 48 || memcmp(tbl + s.dmar_off, "DMAR", 4) != 0)
			return pp_fail(
			    err, PP_EMAGIC,
			    "SinitMleData: DMAR copy at 0x%x (%u bytes) is not a DMAR table",
			    s.dmar_off, s.dmar_size);
	}
	for (u32 i = 0; i < s.num_mdrs; i++) {
		struct txt_sinit_mdr m;
		u64 end;
		txt_sinit_mdr(&s, i, &m);
		if (!pp_add_ok(m.base, m.length, &end))
			return pp_fail(err, PP_ERANGE,
				       "SinitMleData: MDR %u base 0x%llx length 0x%llx wraps", i,
				       (unsigned long long)m.base, (unsigned long long)m.length);
	}
	if (s.version >= TXT_SINIT_MLE_ELTS_VERSION) {
		/* Elements start after the fixed part and end before the first
		 * of the MDR table and the DMAR copy that follows it. */
		u64 lim = s.mdrs_off;
		if (s.dmar_size && s.dmar_off < lim)
			lim = s.dmar_off;
		rc = txt_elts_parse(tbl + fixed_end, lim - fixed_end, "SinitMleData", &s.elts, err);
		if (rc)
			return rc;
	}
	if (out)
		*out = s;
	return PP_OK;
}

void txt_sinit_mdr(const struct txt_sinit_mle_info *s, u32 i, struct txt_sinit_mdr *out)
{
	const u8 *r = s->table + s->mdrs_off + (u64)i * sizeof(struct txt_sinit_mdr);
	out->base = ld_le64(r);
	out->length = ld_le64(r + 8);
	out->type = r[16];
	memcpy(out->reserved, r + 17, sizeof(out->reserved));
}

int txt_os_sinit_parse(const u8 *tbl, u64 tbl_size, struct txt_os_sinit_info *out,
		       struct pp_err *err)
{
	struct txt_os_sinit_info o;
	int rc;
	if (tbl && tbl_size >= TXT_HEAP_SIZE_FIELD + 4) {
		u32 v = ld_le32(tbl + 8);
		if (v == TXT_OS_SINIT_VERSION_TPM12)
			return pp_fail(
			    err, PP_EVERSION,
			    "OsSinitData: version 6 is the TPM 1.2 layout; TPM 2.0 needs %u",
			    TXT_OS_SINIT_VERSION);
		if (v != TXT_OS_SINIT_VERSION)
			return pp_fail(err, PP_EVERSION, "OsSinitData: version %u, expected %u", v,
				       TXT_OS_SINIT_VERSION);
	}
	rc = tbl_check(tbl, tbl_size, sizeof(struct txt_os_sinit_data), "OsSinitData", err);
	if (rc)
		return rc;
	const u8 *d = tbl + TXT_HEAP_SIZE_FIELD;
	memset(&o, 0, sizeof(o));
	o.version = ld_le32(d + 0x00);
	o.flags = ld_le32(d + 0x04);
	o.mle_ptab = ld_le64(d + 0x08);
	o.mle_size = ld_le64(d + 0x10);
	o.mle_hdr_base = ld_le64(d + 0x18);
	o.pmr_lo_base = ld_le64(d + 0x20);
	o.pmr_lo_size = ld_le64(d + 0x28);
	o.pmr_hi_base = ld_le64(d + 0x30);
	o.pmr_hi_size = ld_le64(d + 0x38);
	o.lcp_po_base = ld_le64(d + 0x40);
	o.lcp_po_size = ld_le64(d + 0x48);
	o.capabilities = ld_le32(d + 0x50);
	o.efi_rsdp = ld_le64(d + 0x54);
	u64 eoff = TXT_HEAP_SIZE_FIELD + sizeof(struct txt_os_sinit_data);
	rc = txt_elts_parse(tbl + eoff, tbl_size - eoff, "OsSinitData", &o.elts, err);
	if (rc)
		return rc;
	if (!o.elts.has_evtlog)
		return pp_fail(err, PP_ENOENT, "OsSinitData: no EVENT_LOG_POINTER2_1 element");
	if (out)
		*out = o;
	return PP_OK;
}

int txt_os_mle_parse(const u8 *tbl, u64 tbl_size, struct pp_os_mle_data *out, struct pp_err *err)
{
	struct pp_os_mle_data m;
	int rc = tbl_check(tbl, tbl_size, sizeof(struct pp_os_mle_data), "OsMleData", err);
	if (rc)
		return rc;
	const u8 *d = tbl + TXT_HEAP_SIZE_FIELD;
	memset(&m, 0, sizeof(m));
	m.version = ld_le32(d + 0x000);
	if (m.version != PP_OS_MLE_VERSION)
		return pp_fail(err, PP_EVERSION, "OsMleData: version %u, expected %u", m.version,
			       PP_OS_MLE_VERSION);
	if (tbl_size != TXT_OS_MLE_BUILT_SIZE)
		return pp_fail(err, PP_EINVAL, "OsMleData: size 0x%llx, expected 0x%x",
			       (unsigned long long)tbl_size, TXT_OS_MLE_BUILT_SIZE);
	m.flags = ld_le32(d + 0x004);
	m.handoff_pa = ld_le64(d + 0x008);
	m.misc_enable = ld_le64(d + 0x010);
	m.mtrr_def_type = ld_le64(d + 0x018);
	m.mtrr_vcnt = ld_le32(d + 0x020);
	m.reserved0 = ld_le32(d + 0x024);
	for (u32 i = 0; i < PP_OS_MLE_MAX_MTRRS; i++) {
		m.mtrr[i].base = ld_le64(d + 0x028 + 16 * (size_t)i);
		m.mtrr[i].mask = ld_le64(d + 0x030 + 16 * (size_t)i);
	}
	m.evtlog_pa = ld_le64(d + 0x228);
	m.evtlog_size = ld_le32(d + 0x230);
	m.reserved1 = ld_le32(d + 0x234);
	m.mle_base = ld_le64(d + 0x238);
	m.mle_size = ld_le64(d + 0x240);
	if (m.flags || m.reserved0 || m.reserved1)
		return pp_fail(err, PP_EINVAL, "OsMleData: reserved fields not zero");
	if (m.mtrr_vcnt > PP_OS_MLE_MAX_MTRRS)
		return pp_fail(err, PP_ERANGE, "OsMleData: %u saved MTRRs > %u", m.mtrr_vcnt,
			       PP_OS_MLE_MAX_MTRRS);
	if (out)
		*out = m;
	return PP_OK;
}
