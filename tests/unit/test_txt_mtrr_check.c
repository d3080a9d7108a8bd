// SPDX-License-Identifier: GPL-2.0-only
/*
 * Post-launch MTRR checks (launch/drtm/txt_mtrr_check.c): undefined
 * overlaps, MMIO that must stay UC, live MSRs equal to the saved ones.
 */
#include "launch/drtm/txt_mtrr_check.h"
#include "unit.h"

#define MPA 39u
#define AM 0x7ffffff000ull /* address bits for MAXPHYADDR 39 */
#define V MTRR_MASK_VALID

/* A variable MTRR for [base, base + size), size a power of two. */
static struct mtrr_var var(u64 base, u64 size, u64 type)
{
	struct mtrr_var v = {base | type, (~(size - 1) & AM) | V};
	return v;
}

/* A BIOS-like state: default UC, RAM WB in [0, 3 GiB) and [4, 8 GiB). */
static struct mtrr_state bios_state(void)
{
	struct mtrr_state s;
	memset(&s, 0, sizeof(s));
	s.def_type = MTRR_DEF_E | MTRR_DEF_FE | MTRR_TYPE_UC;
	s.vcnt = 10;
	s.var[0] = var(0, 0x80000000ull, MTRR_TYPE_WB);
	s.var[1] = var(0x80000000ull, 0x40000000ull, MTRR_TYPE_WB);
	s.var[2] = var(0x100000000ull, 0x100000000ull, MTRR_TYPE_WB);
	return s;
}

static int mmio_list(struct mtrr_range *r, u32 cap)
{
	static const u64 ioapic[2] = {0xfec00000ull, 0xfec01000ull};
	static const struct mtrr_range mcfg[1] = {{0xe0000000ull, 0x10000000ull}};
	struct txt_mmio_in in = {0xfee00000ull, ioapic, 2, mcfg, 1};
	return txt_mmio_ranges(&in, r, cap, NULL);
}

TEST(txt_mmio_ranges_list)
{
	struct mtrr_range r[8];
	struct pp_err e;
	int n = mmio_list(r, 8);
	REQUIRE(n == 6);
	CHECK_EQ(r[0].base, 0xfed20000ull); /* TXT private + public */
	CHECK_EQ(r[0].size, 0x20000);
	CHECK_EQ(r[1].base, 0xfed40000ull); /* TPM localities 0..4 */
	CHECK_EQ(r[1].size, 0x5000);
	CHECK_EQ(r[2].base, 0xfee00000ull);
	CHECK_EQ(r[3].base, 0xfec00000ull);
	CHECK_EQ(r[4].base, 0xfec01000ull);
	CHECK_EQ(r[5].size, 0x10000000ull);
	CHECK(mmio_list(r, 5) == PP_ENOMEM);
	/* x2APIC: no LAPIC MMIO; a bad MCFG window */
	struct mtrr_range bad[1] = {{0xe0000000ull, 0}};
	struct txt_mmio_in in = {0, NULL, 0, bad, 1};
	CHECK(txt_mmio_ranges(&in, r, 8, &e) == PP_EINVAL);
	CHECK_MSG(&e, "MCFG window 0");
	in.n_mcfg = 0;
	CHECK(txt_mmio_ranges(&in, r, 8, &e) == 2);
	CHECK(txt_mmio_ranges(NULL, r, 8, &e) == PP_EINVAL);
}

TEST(txt_mtrr_overlaps)
{
	struct mtrr_state s = bios_state();
	struct pp_err e;
	REQUIRE(mtrr_check_overlaps(&s, MPA, &e) == PP_OK);
	/* UC inside WB: UC wins (defined) */
	s.var[3] = var(0x7f000000ull, 0x1000000ull, MTRR_TYPE_UC);
	CHECK(mtrr_check_overlaps(&s, MPA, &e) == PP_OK);
	/* WT inside WB: WT (defined) */
	s.var[4] = var(0x10000000ull, 0x1000000ull, MTRR_TYPE_WT);
	CHECK(mtrr_check_overlaps(&s, MPA, &e) == PP_OK);
	/* the same type twice */
	s.var[5] = var(0x20000000ull, 0x1000000ull, MTRR_TYPE_WB);
	CHECK(mtrr_check_overlaps(&s, MPA, &e) == PP_OK);
	/* WC next to, not over, WB: no overlap */
	s.var[6] = var(0xd0000000ull, 0x10000000ull, MTRR_TYPE_WC);
	CHECK(mtrr_check_overlaps(&s, MPA, &e) == PP_OK);
	/* WC over WB: undefined -> refused */
	struct mtrr_state t = s;
	t.var[7] = var(0x30000000ull, 0x1000000ull, MTRR_TYPE_WC);
	CHECK(mtrr_check_overlaps(&t, MPA, &e) == PP_EOVERLAP);
	CHECK_MSG(&e, "variable MTRRs 0 (WB) and 7 (WC) overlap");
	/* WP over WT: undefined */
	t = s;
	t.var[7] = var(0x10000000ull, 0x1000ull, MTRR_TYPE_WP);
	CHECK(mtrr_check_overlaps(&t, MPA, &e) == PP_EOVERLAP);
	CHECK_MSG(&e, "0 (WB) and 7 (WP)"); /* WP under WB (and WT) */
	/* an invalid pair (V clear) never counts */
	t.var[7].mask &= ~V;
	CHECK(mtrr_check_overlaps(&t, MPA, &e) == PP_OK);
	/* a non-contiguous mask (bit 12 only: every odd 4 KiB page) still
	 * overlaps the WB RAM at 0x1000 */
	t = s;
	t.var[7].base = 0x1000 | MTRR_TYPE_WC;
	t.var[7].mask = 0x1000 | V;
	CHECK(mtrr_check_overlaps(&t, MPA, &e) == PP_EOVERLAP);
	CHECK(mtrr_check_overlaps(NULL, MPA, &e) == PP_EINVAL);
}

TEST(txt_mtrr_mmio_uc)
{
	struct mtrr_range r[8];
	struct pp_err e;
	int n = mmio_list(r, 8);
	REQUIRE(n == 6);
	struct mtrr_state s = bios_state();
	CHECK(mtrr_check_mmio_uc(&s, MPA, r, (u32)n, &e) == PP_OK);
	/* default WB with a UC MTRR over [3 GiB, 4 GiB): still UC */
	struct mtrr_state t = s;
	t.def_type = MTRR_DEF_E | MTRR_TYPE_WB;
	t.var[3] = var(0xc0000000ull, 0x40000000ull, MTRR_TYPE_UC);
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_OK);
	/* default WB, UC only over [0xfe000000, 0xff000000): the MCFG window is WB */
	t.var[3] = var(0xfe000000ull, 0x1000000ull, MTRR_TYPE_UC);
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "MMIO range 5 [0xe0000000, 0xf0000000) is WB at 0xe0000000");
	/* the WB RAM MTRR grown to cover all 4 GiB: TXT space cached */
	t = s;
	t.var[1] = var(0x80000000ull, 0x80000000ull, MTRR_TYPE_WB);
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "MMIO range 0 [0xfed20000, 0xfed40000) is WB");
	/* ...and a UC hole that misses the TPM's last locality page */
	t.var[3] = var(0xfe000000ull, 0x1000000ull, MTRR_TYPE_UC);
	t.var[4] = var(0xe0000000ull, 0x10000000ull, MTRR_TYPE_UC);
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_OK);
	t.var[3] = var(0xfed00000ull, 0x40000ull, MTRR_TYPE_UC); /* ends at 0xfed40000 */
	t.var[5] = var(0xfec00000ull, 0x2000ull, MTRR_TYPE_UC);
	t.var[6] = var(0xfee00000ull, 0x1000ull, MTRR_TYPE_UC);
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "MMIO range 1 [0xfed40000, 0xfed45000) is WB at 0xfed40000");
	t.var[7] = var(0xfed40000ull, 0x4000ull, MTRR_TYPE_UC); /* 4 of 5 pages */
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "is WB at 0xfed44000");
	t.var[8] = var(0xfed44000ull, 0x1000ull, MTRR_TYPE_UC);
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_OK);
	/* WT over the LAPIC page: cacheable */
	t = s;
	t.var[3] = var(0xfee00000ull, 0x1000ull, MTRR_TYPE_WT);
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "MMIO range 2 [0xfee00000, 0xfee01000) is WT");
	/* WC and WB over an IOAPIC: undefined, refused */
	t.var[3] = var(0xfec00000ull, 0x1000ull, MTRR_TYPE_WC);
	t.var[4] = var(0xfec00000ull, 0x2000ull, MTRR_TYPE_WB);
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "is undefined at 0xfec00000");
	/* MTRRs disabled: everything UC */
	t.def_type = MTRR_TYPE_WB; /* E = 0 */
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_OK);
	/* range rules */
	struct mtrr_range low = {0xa0000, 0x20000};
	CHECK(mtrr_check_mmio_uc(&s, MPA, &low, 1, &e) == PP_ERANGE);
	CHECK_MSG(&e, "below 1 MiB");
	struct mtrr_range high = {0x7ffffff000ull, 0x2000};
	CHECK(mtrr_check_mmio_uc(&s, MPA, &high, 1, &e) == PP_ERANGE);
	t = s;
	t.var[3].base = 0xfec00000ull;
	t.var[3].mask = 0x7fff001000ull | V; /* not contiguous */
	CHECK(mtrr_check_mmio_uc(&t, MPA, r, (u32)n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "not contiguous");
}

TEST(txt_mtrr_check_restore_order)
{
	struct mtrr_range r[8];
	struct pp_err e;
	int n = mmio_list(r, 8);
	REQUIRE(n == 6);
	struct mtrr_state s = bios_state();
	CHECK(mtrr_check_restore(&s, 10, MPA, r, (u32)n, &e) == PP_OK);
	struct mtrr_state t = s;
	t.var[3] = var(0x1000000ull, 0x1000000ull, 3); /* type 3 undefined */
	CHECK(mtrr_check_restore(&t, 10, MPA, r, (u32)n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "type 3 undefined");
	t.var[3] = var(0x1000000ull, 0x1000000ull, MTRR_TYPE_WP);
	CHECK(mtrr_check_restore(&t, 10, MPA, r, (u32)n, &e) == PP_EOVERLAP);
	t.var[3] = var(0xfed00000ull, 0x100000ull, MTRR_TYPE_WP);
	CHECK(mtrr_check_restore(&t, 10, MPA, r, (u32)n, &e) == PP_EINVAL);
	CHECK_MSG(&e, "is WP");
	CHECK(mtrr_check_restore(&s, 2, MPA, r, (u32)n, &e) == PP_ERANGE); /* vcnt > CPU's */
}

TEST(txt_mtrr_check_live)
{
	struct mtrr_state s = bios_state(), l = bios_state();
	struct pp_err e;
	CHECK(mtrr_check_live(&s, 0x850089, &l, 0x850089, &e) == PP_OK);
	CHECK(mtrr_check_live(&s, 0x850089, &l, 0x850088, &e) == PP_EINVAL);
	CHECK_MSG(&e, "IA32_MISC_ENABLE 0x850088, saved 0x850089");
	l.def_type &= ~MTRR_DEF_FE;
	CHECK(mtrr_check_live(&s, 1, &l, 1, &e) == PP_EINVAL);
	CHECK_MSG(&e, "IA32_MTRR_DEF_TYPE 0x800, saved 0xc00");
	l = bios_state();
	l.var[9].mask = V; /* a pair the saved state has clear */
	CHECK(mtrr_check_live(&s, 1, &l, 1, &e) == PP_EINVAL);
	CHECK_MSG(&e, "pair 9");
	l = bios_state();
	l.vcnt = 8;
	CHECK(mtrr_check_live(&s, 1, &l, 1, &e) == PP_EINVAL);
	CHECK_MSG(&e, "10 saved pairs, the CPU has 8");
	CHECK(mtrr_check_live(NULL, 1, &l, 1, &e) == PP_EINVAL);
	/* OsMleData -> state */
	struct pp_os_mle_data m;
	memset(&m, 0, sizeof(m));
	m.mtrr_def_type = 0xc00;
	m.mtrr_vcnt = 2;
	m.mtrr[1].base = 0x80000006ull;
	m.mtrr[1].mask = 0x7fc0000800ull;
	struct mtrr_state o;
	mtrr_state_from_os_mle(&m, &o);
	CHECK_EQ(o.vcnt, 2);
	CHECK_EQ(o.def_type, 0xc00);
	CHECK_EQ(o.var[1].base, 0x80000006ull);
	CHECK_EQ(o.var[1].mask, 0x7fc0000800ull);
}
