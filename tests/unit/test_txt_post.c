// SPDX-License-Identifier: GPL-2.0-only
/* Post-SENTER heap checks over a synthetic heap (PMR coverage, MDRs, matches). */
#include "launch/drtm/txt_post.h"
#include "test_txt_fake.h"
#include "unit.h"

static struct txt_expect fk_expect(void)
{
	struct txt_expect x = {FK_MLE_BASE, FK_MLE_SIZE, FK_PTAB, FK_LOG, FK_LOG_SIZE};
	return x;
}

TEST(txt_post_ok)
{
	static struct fake_heap h;
	static struct txt_post_result r;
	struct txt_expect x = fk_expect();
	struct pp_err e;
	fk_heap(&h);
	REQUIRE(txt_post_launch_check(h.b, h.len, &x, &r, &e) == PP_OK);
	CHECK_EQ(r.bios.num_logical_procs, 4);
	CHECK_EQ(r.os_sinit.version, 7);
	CHECK_EQ(r.sinit_mle.num_mdrs, 3);
	CHECK_EQ(r.os_mle.mtrr_vcnt, 2);
	CHECK(r.os_sinit.elts.has_evtlog);
}

TEST(txt_post_pmr_and_mdr_functions)
{
	struct txt_os_sinit_info o;
	memset(&o, 0, sizeof(o));
	o.pmr_lo_base = 0x200000;
	o.pmr_lo_size = 0x1000000;
	o.pmr_hi_base = 0x100000000ull;
	o.pmr_hi_size = 0x200000;
	CHECK(txt_pmr_covers(&o, 0x200000, 0x1000000));
	CHECK(!txt_pmr_covers(&o, 0x1ff000, 0x2000));	 /* starts below */
	CHECK(!txt_pmr_covers(&o, 0x1100000, 0x200000)); /* ends above */
	CHECK(txt_pmr_covers(&o, 0x100100000ull, 0x100000));
	CHECK(!txt_pmr_covers(&o, 0x100100000ull, 0x100001));
	CHECK(!txt_pmr_covers(&o, 0x1000000, 0x100000000ull)); /* straddles both: no */
	CHECK(!txt_pmr_covers(&o, 0x300000, 0));
	CHECK(!txt_pmr_covers(&o, ~0ull - 10, 100));

	static u8 b[1024];
	struct txt_sinit_mle_info s;
	struct pp_err e;
	u64 n = fk_sinit_mle(b, 9);
	REQUIRE(txt_sinit_mle_parse(b, n, &s, &e) == PP_OK);
	CHECK(txt_mdrs_cover_good(&s, 0x1000, 0x1000));
	CHECK(txt_mdrs_cover_good(&s, 0, 0x40000000));
	CHECK(!txt_mdrs_cover_good(&s, 0x3ffff000, 0x2000)); /* runs past good memory */
	CHECK(!txt_mdrs_cover_good(&s, 0x7f000000, 0x1000)); /* SMRAM */
	CHECK(txt_mdrs_cover_good(&s, 0x100000000ull, 0x1000));
	/* make MDR 1 GOOD and adjacent: a range spanning MDR 0 and 1 is covered */
	u8 *m1 = b + s.mdrs_off + 24;
	st_le64(m1, 0x40000000);
	m1[16] = TXT_MDR_GOOD;
	REQUIRE(txt_sinit_mle_parse(b, n, &s, &e) == PP_OK);
	CHECK(txt_mdrs_cover_good(&s, 0x3ffff000, 0x2000));
	/* a bad-type MDR overlapping good memory wins */
	m1[16] = TXT_MDR_PCIE_CONFIG;
	st_le64(m1, 0x1000);
	st_le64(m1 + 8, 0x1000);
	REQUIRE(txt_sinit_mle_parse(b, n, &s, &e) == PP_OK);
	CHECK(!txt_mdrs_cover_good(&s, 0, 0x3000));
}

TEST(txt_post_detects_tampering)
{
	static struct fake_heap h;
	struct txt_expect x;
	struct pp_err e;
	u8 *os = NULL;
#define POST(setup, rc, msg)                                                                       \
	do {                                                                                       \
		fk_heap(&h);                                                                       \
		x = fk_expect();                                                                   \
		os = h.b + h.off[2] + 8;                                                           \
		(void)os;                                                                          \
		setup;                                                                             \
		CHECK(txt_post_launch_check(h.b, h.len, &x, NULL, &e) == (rc));                    \
		CHECK_MSG(&e, msg);                                                                \
	} while (0)
	POST(x.mle_size = 0x200000, PP_EINVAL, "OsMleData MLE");
	POST(st_le64(h.b + h.off[1] + 8 + 0x238, 0x3000000), PP_EINVAL, "OsMleData MLE 0x3000000");
	POST(st_le64(os + 0x08, FK_PTAB - 0x1000), PP_EINVAL, "page table");
	POST(st_le64(os + 0x5c + 8, 0x3800000), PP_EINVAL, "event log");
	POST(st_le64(os + 0x28, 0x2000000), PP_ERANGE, "MLE 0x2000000+0x100000 not covered");
	POST((st_le64(os + 0x20, 0x2000000), st_le64(os + 0x28, 0x2000000)), PP_ERANGE,
	     "page table");
	POST(st_le64(os + 0x28, 0x3000000), PP_ERANGE, "event log");
	POST(st_le32(h.b + h.off[3] + 8 + 0x80, 7), PP_ERANGE, "7 MDRs");
	POST(st_le64(h.b + h.off[3] + 8 + 0x94 + 8 + 8, 0x1000000), PP_ERANGE,
	     "not entirely in SINIT's GOOD memory");
	POST(st_le32(h.b + 8, 3), PP_EVERSION, "BiosData");
	POST(st_le64(h.b + h.off[3], 0x10000), PP_ETRUNC, "TXT heap: SinitMleData");
	POST(st_le32(os, 4), PP_EVERSION, "OsSinitData");
#undef POST
}
