// SPDX-License-Identifier: GPL-2.0-only
/* TXT heap: table offsets (MLE guide appendix C), builders, parsers. */
#include <stdlib.h>
#include "test_txt_fake.h"
#include "unit.h"

#define OFF(t, f) __builtin_offsetof(struct t, f)

TEST(txt_heap_offsets)
{
	static const struct {
		const char *n;
		size_t got, want;
	} t[] = {
	    /* C.1 BiosData */
	    {"bios.version", OFF(txt_bios_data, version), 0x00},
	    {"bios.bios_sinit_size", OFF(txt_bios_data, bios_sinit_size), 0x04},
	    {"bios.lcp_pd_base", OFF(txt_bios_data, lcp_pd_base), 0x08},
	    {"bios.lcp_pd_size", OFF(txt_bios_data, lcp_pd_size), 0x10},
	    {"bios.num_logical_procs", OFF(txt_bios_data, num_logical_procs), 0x18},
	    {"bios.sinit_flags", OFF(txt_bios_data, sinit_flags), 0x1c},
	    {"bios.mle_flags", OFF(txt_bios_data, mle_flags), 0x20},
	    {"bios.size", sizeof(struct txt_bios_data), 0x24},
	    /* C.3 OsSinitData */
	    {"os_sinit.version", OFF(txt_os_sinit_data, version), 0x00},
	    {"os_sinit.flags", OFF(txt_os_sinit_data, flags), 0x04},
	    {"os_sinit.mle_ptab", OFF(txt_os_sinit_data, mle_ptab), 0x08},
	    {"os_sinit.mle_size", OFF(txt_os_sinit_data, mle_size), 0x10},
	    {"os_sinit.mle_hdr_base", OFF(txt_os_sinit_data, mle_hdr_base), 0x18},
	    {"os_sinit.pmr_lo_base", OFF(txt_os_sinit_data, pmr_lo_base), 0x20},
	    {"os_sinit.pmr_lo_size", OFF(txt_os_sinit_data, pmr_lo_size), 0x28},
	    {"os_sinit.pmr_hi_base", OFF(txt_os_sinit_data, pmr_hi_base), 0x30},
	    {"os_sinit.pmr_hi_size", OFF(txt_os_sinit_data, pmr_hi_size), 0x38},
	    {"os_sinit.lcp_po_base", OFF(txt_os_sinit_data, lcp_po_base), 0x40},
	    {"os_sinit.lcp_po_size", OFF(txt_os_sinit_data, lcp_po_size), 0x48},
	    {"os_sinit.capabilities", OFF(txt_os_sinit_data, capabilities), 0x50},
	    {"os_sinit.efi_rsdp", OFF(txt_os_sinit_data, efi_rsdp), 0x54},
	    {"os_sinit.size", sizeof(struct txt_os_sinit_data), 0x5c},
	    /* C.4 SinitMleData */
	    {"sinit.bios_acm_id", OFF(txt_sinit_mle_data, bios_acm_id), 0x04},
	    {"sinit.edx_senter_flags", OFF(txt_sinit_mle_data, edx_senter_flags), 0x18},
	    {"sinit.mseg_valid", OFF(txt_sinit_mle_data, mseg_valid), 0x1c},
	    {"sinit.sinit_hash", OFF(txt_sinit_mle_data, sinit_hash), 0x24},
	    {"sinit.mle_hash", OFF(txt_sinit_mle_data, mle_hash), 0x38},
	    {"sinit.stm_hash", OFF(txt_sinit_mle_data, stm_hash), 0x4c},
	    {"sinit.lcp_policy_hash", OFF(txt_sinit_mle_data, lcp_policy_hash), 0x60},
	    {"sinit.lcp_policy_control", OFF(txt_sinit_mle_data, lcp_policy_control), 0x74},
	    {"sinit.rlp_wakeup_addr", OFF(txt_sinit_mle_data, rlp_wakeup_addr), 0x78},
	    {"sinit.num_mdrs", OFF(txt_sinit_mle_data, num_mdrs), 0x80},
	    {"sinit.mdrs_off", OFF(txt_sinit_mle_data, mdrs_off), 0x84},
	    {"sinit.dmar_size", OFF(txt_sinit_mle_data, dmar_size), 0x88},
	    {"sinit.dmar_off", OFF(txt_sinit_mle_data, dmar_off), 0x8c},
	    {"sinit.proc_scrtm_status", OFF(txt_sinit_mle_data, proc_scrtm_status), 0x90},
	    {"sinit.size", sizeof(struct txt_sinit_mle_data), 0x94},
	    {"mdr.length", OFF(txt_sinit_mdr, length), 0x08},
	    {"mdr.type", OFF(txt_sinit_mdr, type), 0x10},
	    {"mdr.size", sizeof(struct txt_sinit_mdr), 24},
	    /* C.5 elements */
	    {"elt.size", OFF(txt_ext_elt_hdr, size), 4},
	    {"evtlog2_1.allocated", OFF(txt_elt_evtlog2_1, allocated_size), 0x08},
	    {"evtlog2_1.first", OFF(txt_elt_evtlog2_1, first_record_offset), 0x0c},
	    {"evtlog2_1.next", OFF(txt_elt_evtlog2_1, next_record_offset), 0x10},
	    {"evtlog2_1.size", sizeof(struct txt_elt_evtlog2_1), 20},
	    /* Parapet OsMleData v1 */
	    {"os_mle.mtrr", OFF(pp_os_mle_data, mtrr), 0x28},
	    {"os_mle.evtlog_pa", OFF(pp_os_mle_data, evtlog_pa), 0x228},
	    {"os_mle.mle_size", OFF(pp_os_mle_data, mle_size), 0x240},
	    {"os_mle.size", sizeof(struct pp_os_mle_data), 0x248},
	};
	for (size_t i = 0; i < PP_ARRAY_SIZE(t); i++)
		if (t[i].got != t[i].want) {
			char m[96];
			snprintf(m, sizeof(m), "%s at 0x%zx, spec 0x%zx", t[i].n, t[i].got,
				 t[i].want);
			unit_fail(__FILE__, __LINE__, m);
		}
	CHECK_EQ(TXT_ELT_END, 0);
	CHECK_EQ(TXT_ELT_EVENT_LOG_POINTER2_1, 8);
}

TEST(txt_os_sinit_build_bytes)
{
	u8 b[256];
	u64 n = 0;
	struct pp_err e;
	struct txt_os_sinit_params p = fk_os_sinit_params();
	p.pmr_hi_base = 0x100000000ull;
	p.pmr_hi_size = 0x40000000;
	p.lcp_po_base = 0x1234000;
	p.lcp_po_size = 0x200;
	p.flags = TXT_OS_SINIT_FLAG_EXTPOL_PERF;
	memset(b, 0xee, sizeof(b));
	REQUIRE(txt_os_sinit_build(b, sizeof(b), &p, &n, &e) == PP_OK);
	CHECK_EQ(n, 8 + 0x5c + 28 + 8);
	CHECK_EQ(ld_le64(b), n); /* the size counts itself */
	const u8 *d = b + 8;
	CHECK_EQ(ld_le32(d + 0x00), 7);
	CHECK_EQ(ld_le32(d + 0x04), 1);
	CHECK_EQ(ld_le64(d + 0x08), FK_PTAB);
	CHECK_EQ(ld_le64(d + 0x10), FK_MLE_SIZE);
	CHECK_EQ(ld_le64(d + 0x18), 0x100);
	CHECK_EQ(ld_le64(d + 0x20), 0);
	CHECK_EQ(ld_le64(d + 0x28), 0x4000000);
	CHECK_EQ(ld_le64(d + 0x30), 0x100000000ull);
	CHECK_EQ(ld_le64(d + 0x38), 0x40000000);
	CHECK_EQ(ld_le64(d + 0x40), 0x1234000);
	CHECK_EQ(ld_le64(d + 0x48), 0x200);
	CHECK_EQ(ld_le32(d + 0x50), MLE_CAP_RLP_WAKE_MONITOR | MLE_CAP_TCG_EVENT_LOG);
	CHECK_EQ(ld_le64(d + 0x54), 0xe0000);
	const u8 *el = d + 0x5c;
	CHECK_EQ(ld_le32(el), 8);
	CHECK_EQ(ld_le32(el + 4), 28);
	CHECK_EQ(ld_le64(el + 8), FK_LOG);
	CHECK_EQ(ld_le32(el + 16), FK_LOG_SIZE);
	CHECK_EQ(ld_le32(el + 20), 0);
	CHECK_EQ(ld_le32(el + 24), 0);
	CHECK_EQ(ld_le32(el + 28), 0); /* END */
	CHECK_EQ(ld_le32(el + 32), 8);
	CHECK_EQ(b[n], 0xee); /* nothing written past the table */
	/* and it parses back */
	struct txt_os_sinit_info o;
	REQUIRE(txt_os_sinit_parse(b, n, &o, &e) == PP_OK);
	CHECK_EQ(o.pmr_hi_size, 0x40000000);
	CHECK(o.elts.has_evtlog);
	CHECK_EQ(o.elts.evtlog.allocated_size, FK_LOG_SIZE);
}

TEST(txt_os_sinit_build_rules)
{
	u8 b[256];
	struct pp_err e;
	struct txt_os_sinit_params p;
#define TRY(mod, rc, msg)                                                                          \
	do {                                                                                       \
		p = fk_os_sinit_params();                                                          \
		mod;                                                                               \
		CHECK(txt_os_sinit_build(b, sizeof(b), &p, NULL, &e) == (rc));                     \
		if (msg[0])                                                                        \
			CHECK_MSG(&e, msg);                                                        \
	} while (0)
	TRY((void)0, PP_OK, "");
	TRY(p.flags = 1, PP_OK, "");
	TRY(p.flags = 2, PP_EINVAL, "flags 0x2 invalid for version 7");
	TRY(p.capabilities |= 1u << 20, PP_EINVAL, "reserved capability");
	TRY(p.capabilities &= ~MLE_CAP_TCG_EVENT_LOG, PP_EINVAL, "bit 9");
	TRY(p.capabilities = MLE_CAP_TCG_EVENT_LOG, PP_EINVAL, "no RLP wakeup");
	TRY(p.capabilities |= MLE_CAP_RLP_WAKE_GETSEC, PP_EINVAL, "more than one RLP wakeup");
	TRY(p.capabilities = MLE_CAP_TCG_EVENT_LOG | MLE_CAP_RLP_WAKE_GETSEC, PP_OK, "");
	TRY(p.mle_size = 0, PP_EINVAL, "");
	TRY(p.mle_ptab += 8, PP_EINVAL, "");
	TRY(p.mle_hdr_base = FK_MLE_SIZE - 0x10, PP_ERANGE, "MLE header at linear");
	TRY(p.pmr_lo_base = 0x100000, PP_EINVAL, "2 MiB aligned");
	TRY(p.pmr_lo_size = 0x4100000, PP_EINVAL, "2 MiB aligned");
	TRY((p.pmr_lo_base = 0xffe00000ull, p.pmr_lo_size = 0x400000), PP_ERANGE, "crosses 4 GiB");
	TRY((p.pmr_hi_base = 0x80000000ull, p.pmr_hi_size = 0x200000), PP_ERANGE,
	    "not above 4 GiB");
	TRY(p.pmr_lo_size = 0x2000000, PP_ERANGE, "MLE [0x2000000"); /* MLE outside */
	TRY(p.mle_ptab = 0x5000000, PP_ERANGE, "page table");
	TRY(p.evtlog.phys_addr = 0x5000000, PP_ERANGE, "event log");
	TRY(p.evtlog.phys_addr = 0, PP_EINVAL, "event log");
	TRY(p.evtlog.allocated_size = 0, PP_EINVAL, "");
	TRY((p.evtlog.first_record_offset = 8, p.evtlog.next_record_offset = 4), PP_EINVAL, "");
	TRY(p.evtlog.next_record_offset = FK_LOG_SIZE + 1, PP_EINVAL, "");
	/* MLE covered by the high PMR instead */
	TRY((p.mle_base = 0x100000000ull, p.mle_ptab = 0x100000000ull - 0x3000, p.pmr_lo_base = 0,
	     p.pmr_lo_size = 0x4000000, p.pmr_hi_base = 0x100000000ull, p.pmr_hi_size = 0x200000),
	    PP_ERANGE, "page table");
	TRY((p.mle_base = 0x100200000ull, p.mle_ptab = 0x100200000ull - 0x3000,
	     p.pmr_hi_base = 0x100000000ull, p.pmr_hi_size = 0x400000),
	    PP_OK, "");
#undef TRY
	p = fk_os_sinit_params();
	CHECK(txt_os_sinit_build(b, TXT_OS_SINIT_BUILT_SIZE - 1, &p, NULL, &e) == PP_ENOMEM);
}

TEST(txt_os_mle_build_parse)
{
	static u8 b[1024];
	u64 n;
	struct pp_err e;
	struct pp_os_mle_data m = fk_os_mle(), back;
	REQUIRE(txt_os_mle_build(b, sizeof(b), &m, &n, &e) == PP_OK);
	CHECK_EQ(n, 8 + 0x248);
	CHECK_EQ(ld_le64(b), n);
	CHECK_EQ(ld_le32(b + 8), 1);
	CHECK_EQ(ld_le64(b + 8 + 0x08), 0x227000);
	CHECK_EQ(ld_le64(b + 8 + 0x18), 0xc06);
	CHECK_EQ(ld_le32(b + 8 + 0x20), 2);
	CHECK_EQ(ld_le64(b + 8 + 0x28), 0x80000000);
	CHECK_EQ(ld_le64(b + 8 + 0x30), 0xf80000800ull);
	CHECK_EQ(ld_le64(b + 8 + 0x228), FK_LOG);
	CHECK_EQ(ld_le64(b + 8 + 0x240), FK_MLE_SIZE);
	REQUIRE(txt_os_mle_parse(b, n, &back, &e) == PP_OK);
	CHECK(memcmp(&back, &m, sizeof(m)) == 0);
	/* rejects */
	m.mtrr_vcnt = 33;
	CHECK(txt_os_mle_build(b, sizeof(b), &m, &n, &e) == PP_ERANGE);
	m = fk_os_mle();
	m.evtlog_size = 0;
	CHECK(txt_os_mle_build(b, sizeof(b), &m, &n, &e) == PP_EINVAL);
	m = fk_os_mle();
	CHECK(txt_os_mle_build(b, 100, &m, &n, &e) == PP_ENOMEM);
	REQUIRE(txt_os_mle_build(b, sizeof(b), &m, &n, &e) == PP_OK);
	st_le32(b + 8, 2);
	CHECK(txt_os_mle_parse(b, n, NULL, &e) == PP_EVERSION);
	st_le32(b + 8, 1);
	st_le32(b + 8 + 0x24, 1);
	CHECK(txt_os_mle_parse(b, n, NULL, &e) == PP_EINVAL);
	CHECK_MSG(&e, "reserved");
	st_le32(b + 8 + 0x24, 0);
	st_le32(b + 8 + 0x20, 40);
	CHECK(txt_os_mle_parse(b, n, NULL, &e) == PP_ERANGE);
	st_le32(b + 8 + 0x20, 2);
	CHECK(txt_os_mle_parse(b, n - 1, NULL, &e) == PP_EINVAL);
	CHECK_MSG(&e, "disagrees");
}

TEST(txt_heap_layout_sizes)
{
	static struct fake_heap h;
	struct txt_heap_layout l;
	struct pp_err e;
	fk_heap(&h);
	REQUIRE(txt_heap_layout(h.b, h.len, &l, &e) == PP_OK);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(l.off[i], h.off[i]);
	CHECK_EQ(l.used, h.len);
	CHECK(txt_heap_layout(h.b, sizeof(h.b), &l, &e) == PP_OK); /* spare room fine */
	/* truncated heap: the SinitMleData table runs past the end */
	CHECK(txt_heap_layout(h.b, h.len - 1, &l, &e) == PP_ETRUNC);
	CHECK_MSG(&e, "SinitMleData at");
	CHECK(txt_heap_layout(h.b, h.off[3] + 4, &l, &e) == PP_ETRUNC);
	CHECK_MSG(&e, "SinitMleData size field");
	/* a size that does not count itself */
	st_le64(h.b + h.off[1], 7);
	CHECK(txt_heap_layout(h.b, h.len, &l, &e) == PP_EINVAL);
	CHECK_MSG(&e, "OsMleData size 0x7 smaller than its own 8-byte size field");
	/* a huge size (wrap attempt) */
	st_le64(h.b + h.off[1], ~0ull - 4);
	CHECK(txt_heap_layout(h.b, h.len, &l, &e) == PP_ETRUNC);
	CHECK(txt_heap_layout(NULL, 0, &l, &e) == PP_EINVAL);
}

TEST(txt_bios_data_parse_rules)
{
	static u8 b[512];
	struct txt_bios_info bi;
	struct pp_err e;
	u64 n = fk_bios(b, 6);
	REQUIRE(txt_bios_data_parse(b, n, &bi, &e) == PP_OK);
	CHECK_EQ(bi.version, 6);
	CHECK_EQ(bi.num_logical_procs, 4);
	CHECK_EQ(bi.mle_flags, 1);
	CHECK(bi.elts.has_spec_ver);
	CHECK_EQ(bi.elts.spec_ver.major, 2);
	CHECK_EQ(bi.elts.count, 1);
	n = fk_bios(b, 5);
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_OK);
	n = fk_bios(b, 4);
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_EVERSION);
	CHECK_MSG(&e, "version 4 < 5");
	n = fk_bios(b, 6);
	CHECK(txt_bios_data_parse(b, n + 8, &bi, &e) == PP_EINVAL); /* extent != size */
	CHECK(txt_bios_data_parse(b, 11, &bi, &e) == PP_ETRUNC);
	st_le64(b, 8 + 0x20);
	CHECK(txt_bios_data_parse(b, 8 + 0x20, &bi, &e) == PP_ETRUNC);
	CHECK_MSG(&e, "fixed part");
	n = fk_bios(b, 6);
	st_le32(b + 8 + 0x18, 0);
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_ERANGE);
	CHECK_MSG(&e, "0 logical processors");
	/* elements: no END */
	n = fk_bios(b, 6);
	CHECK(txt_bios_data_parse(b, n - 8, &bi, &e) == PP_EINVAL); /* size field disagrees */
	st_le64(b, n - 8);
	CHECK(txt_bios_data_parse(b, n - 8, &bi, &e) == PP_ETRUNC);
	CHECK_MSG(&e, "without an END element");
	/* element of size < 8, beyond the table, END of wrong size */
	n = fk_bios(b, 6);
	st_le32(b + 8 + 0x24 + 4, 4);
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_EINVAL);
	CHECK_MSG(&e, "size 4 < 8");
	st_le32(b + 8 + 0x24 + 4, 0x1000);
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_ETRUNC);
	st_le32(b + 8 + 0x24 + 4, 12); /* BIOS_SPEC_VER too short */
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_ETRUNC);
	n = fk_bios(b, 6);
	st_le32(b + 8 + 0x24 + 16 + 4, 16);
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_ETRUNC);
	/* an ACM element that lies about its count; an event-log pointer in BiosData */
	n = fk_bios(b, 6);
	st_le32(b + 8 + 0x24, TXT_ELT_ACM);
	st_le32(b + 8 + 0x24 + 8, 1); /* 1 address needs 8 bytes, only 4 left */
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_ETRUNC);
	CHECK_MSG(&e, "lists 1 addresses");
	st_le32(b + 8 + 0x24 + 8, 0);
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_OK);
	/* unknown element types are skipped */
	st_le32(b + 8 + 0x24, 0x77);
	CHECK(txt_bios_data_parse(b, n, &bi, &e) == PP_OK);
}

TEST(txt_elts_evtlog_rules)
{
	u8 b[64];
	struct txt_elts el;
	struct pp_err e;
	memset(b, 0, sizeof(b));
	st_le32(b, 8);
	st_le32(b + 4, 28);
	st_le64(b + 8, 0x3000000);
	st_le32(b + 16, 0x1000);
	st_le32(b + 20, 0x40);
	st_le32(b + 24, 0x100);
	st_le32(b + 28, 0);
	st_le32(b + 32, 8);
	REQUIRE(txt_elts_parse(b, 36, "T", &el, &e) == PP_OK);
	CHECK(el.has_evtlog);
	CHECK_EQ(el.evtlog.first_record_offset, 0x40);
	CHECK_EQ(el.evtlog.next_record_offset, 0x100);
	st_le32(b + 24, 0x1001);
	CHECK(txt_elts_parse(b, 36, "T", &el, &e) == PP_ERANGE);
	CHECK_MSG(&e, "out of order");
	st_le32(b + 24, 0x20);
	CHECK(txt_elts_parse(b, 36, "T", &el, &e) == PP_ERANGE);
	st_le32(b + 24, 0x100);
	st_le32(b + 4, 32);
	CHECK(txt_elts_parse(b, 40, "T", &el, &e) == PP_EINVAL);
	CHECK_MSG(&e, "size 32, expected 28");
	/* two pointers */
	st_le32(b + 4, 28);
	memcpy(b + 28, b, 28);
	st_le32(b + 56, 0);
	st_le32(b + 60, 8);
	CHECK(txt_elts_parse(b, 64, "T", &el, &e) == PP_EINVAL);
	CHECK_MSG(&e, "second EVENT_LOG_POINTER2_1");
}

TEST(txt_sinit_mle_parse_rules)
{
	static u8 b[1024];
	struct txt_sinit_mle_info s;
	struct txt_sinit_mdr m;
	struct pp_err e;
	u64 n = fk_sinit_mle(b, 9);
	REQUIRE(txt_sinit_mle_parse(b, n, &s, &e) == PP_OK);
	CHECK_EQ(s.version, 9);
	CHECK_EQ(s.num_mdrs, 3);
	CHECK_EQ(s.rlp_wakeup_addr, 0x9f000);
	txt_sinit_mdr(&s, 1, &m);
	CHECK_EQ(m.base, 0x7f000000);
	CHECK_EQ(m.type, TXT_MDR_SMRAM_NONOVERLAY);
	CHECK(!s.v8_fields); /* version 9: 0x04..0x77 absent */
	CHECK_EQ(s.mle_hash[0], 0);
	/* a v9 table with junk where version 9 has zeroes: still absent */
	memset(b + 8 + 0x04, 0x5a, 0x78 - 0x04);
	REQUIRE(txt_sinit_mle_parse(b, n, &s, &e) == PP_OK);
	CHECK(!s.v8_fields);
	CHECK_EQ(s.mle_hash[0], 0);
	CHECK_EQ(s.edx_senter_flags, 0);
	CHECK_EQ(s.lcp_policy_control, 0);
	CHECK_EQ(s.rlp_wakeup_addr, 0x9f000); /* not in the zeroed range */
	n = fk_sinit_mle(b, 8);		      /* v8: no elements, the hashes present */
	REQUIRE(txt_sinit_mle_parse(b, n, &s, &e) == PP_OK);
	CHECK(s.v8_fields);
	CHECK_EQ(s.mle_hash[0], 0xab);
	n = fk_sinit_mle(b, 7);
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_EVERSION);
	/* MDR count/offset lies */
	u8 *d = b + 8;
	n = fk_sinit_mle(b, 9);
	st_le32(d + 0x80, 0);
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_ERANGE);
	st_le32(d + 0x80, 5); /* fits the table, but over the DMAR copy */
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_EOVERLAP);
	CHECK_MSG(&e, "overlaps the DMAR copy");
	st_le32(d + 0x80, 6);
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_ERANGE);
	CHECK_MSG(&e, "6 MDRs at offset");
	st_le32(d + 0x80, 100000);
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_ERANGE);
	st_le32(d + 0x80, 3);
	st_le32(d + 0x84, 0x10); /* MDRs inside the fixed part */
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_ERANGE);
	st_le32(d + 0x84, 0xfffffff0u);
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_ERANGE);
	/* DMAR copy */
	n = fk_sinit_mle(b, 9);
	st_le32(d + 0x88, 49);
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_ERANGE);
	st_le32(d + 0x88, 48);
	b[ld_le32(d + 0x8c)] = 'X';
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_EMAGIC);
	/* a wrapping MDR */
	n = fk_sinit_mle(b, 9);
	st_le64(b + ld_le32(d + 0x84), ~0ull - 10);
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_ERANGE);
	CHECK_MSG(&e, "wraps");
	/* v9 element list without END before the MDRs */
	n = fk_sinit_mle(b, 9);
	st_le32(b + 8 + 0x94, 3);
	st_le32(b + 8 + 0x94 + 4, 8);
	CHECK(txt_sinit_mle_parse(b, n, &s, &e) == PP_ETRUNC);
	/* size field vs extent */
	n = fk_sinit_mle(b, 9);
	CHECK(txt_sinit_mle_parse(b, n - 1, &s, &e) == PP_EINVAL);
	st_le64(b, 8 + 0x90);
	CHECK(txt_sinit_mle_parse(b, 8 + 0x90, &s, &e) == PP_ETRUNC);
}

TEST(txt_os_sinit_parse_rules)
{
	u8 b[256];
	u64 n;
	struct pp_err e;
	struct txt_os_sinit_params p = fk_os_sinit_params();
	REQUIRE(txt_os_sinit_build(b, sizeof(b), &p, &n, &e) == PP_OK);
	CHECK_EQ(ld_le32(b + 8), 7); /* the builder writes 7 and only 7 */
	REQUIRE(txt_os_sinit_parse(b, n, NULL, &e) == PP_OK);
	/* SDG C.3: 6 is TPM 1.2, 7 TPM 2.0, nothing else */
	st_le32(b + 8, 6);
	CHECK(txt_os_sinit_parse(b, n, NULL, &e) == PP_EVERSION);
	CHECK_MSG(&e, "version 6 is the TPM 1.2 layout");
	st_le32(b + 8, 5);
	CHECK(txt_os_sinit_parse(b, n, NULL, &e) == PP_EVERSION);
	CHECK_MSG(&e, "version 5, expected 7");
	st_le32(b + 8, 8);
	CHECK(txt_os_sinit_parse(b, n, NULL, &e) == PP_EVERSION);
	st_le32(b + 8, 7);
	/* the END element replaced by nothing: drop the pointer element */
	st_le32(b + 8 + 0x5c, TXT_ELT_END);
	st_le32(b + 8 + 0x5c + 4, 8);
	st_le64(b, 8 + 0x5c + 8);
	CHECK(txt_os_sinit_parse(b, 8 + 0x5c + 8, NULL, &e) == PP_ENOENT);
	CHECK_MSG(&e, "no EVENT_LOG_POINTER2_1");
}
