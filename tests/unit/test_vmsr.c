// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MSR policy of a Linux partition (hypervisor/core/linux/vmsr.h): the
 * table's shape, each row's read and write action (expected actions
 * written out here by index, not taken from the table), the default #GP
 * with its message, the emulated state (APIC base, PAT, MTRRs, EFER) with
 * every refusal leaving the state untouched, and the fixed values.
 */
#include <string.h>
#include "hypervisor/core/linux/vmsr.h"
#include "unit.h"

#define PHYS 48u

/* Member by member: the struct has padding after phys_bits. */
static bool same_state(const struct vmsr_vcpu *a, const struct vmsr_vcpu *b)
{
	return a->apic_base == b->apic_base && a->pat == b->pat &&
	       a->mtrr_def_type == b->mtrr_def_type && a->phys_bits == b->phys_bits &&
	       memcmp(a->mtrr_var, b->mtrr_var, sizeof(a->mtrr_var)) == 0 &&
	       memcmp(a->mtrr_fix, b->mtrr_fix, sizeof(a->mtrr_fix)) == 0;
}

static struct vmsr_vcpu fresh(u32 vcpu)
{
	struct vmsr_vcpu s;
	memset(&s, 0xEE, sizeof(s));
	CHECK_EQ(vmsr_vcpu_init(&s, vcpu, PHYS, NULL), 0);
	return s;
}

/* Long mode with paging on: what a running Linux has. */
#define EFER_LM (VMSR_EFER_SCE | VMSR_EFER_LME | VMSR_EFER_LMA | VMSR_EFER_NXE | VMSR_EFER_SVME)
#define CR0_LM 0x80050033ull

static int rd(struct vmsr_vcpu *s, u32 index, u64 *val, struct pp_err *err)
{
	struct vmsr_req rq = {index, false, 0, EFER_LM, CR0_LM};
	struct vmsr_result out = {0xFF, 0xDEAD, NULL};
	int a = vmsr_access(s, &rq, &out, err);
	CHECK_EQ(a, out.action);
	CHECK(out.name != NULL);
	if (val)
		*val = out.value;
	return a;
}

static int wr(struct vmsr_vcpu *s, u32 index, u64 v, u64 *val, struct pp_err *err)
{
	struct vmsr_req rq = {index, true, v, EFER_LM, CR0_LM};
	struct vmsr_result out = {0xFF, 0xDEAD, NULL};
	struct vmsr_vcpu before = *s;
	int a = vmsr_access(s, &rq, &out, err);
	CHECK_EQ(a, out.action);
	if (a == VMSR_GP) {
		CHECK_EQ(out.value, 0);
		CHECK(same_state(&before, s)); /* a refusal changes nothing */
	}
	if (val)
		*val = out.value;
	return a;
}

TEST(vmsr_table_shape)
{
	for (u32 i = 0; i < vmsr_row_count; i++) {
		const struct vmsr_row *r = &vmsr_rows[i];
		CHECK(r->lo <= r->hi);
		CHECK(r->name && r->name[0]);
		if (i)
			CHECK(vmsr_rows[i - 1].hi < r->lo); /* sorted, disjoint */
		if (r->rd == VMSR_GP || r->wr == VMSR_GP || r->rd == VMSR_PASSTHROUGH ||
		    r->wr == VMSR_PASSTHROUGH || r->rd == VMSR_FIXED)
			CHECK(r->why && r->why[0]);
		CHECK((r->rd == VMSR_EMULATE || r->wr == VMSR_EMULATE) == (r->kind != VMSR_K_NONE));
		CHECK(vmsr_find(r->lo) == r);
		CHECK(vmsr_find(r->hi) == r);
	}
}

/* Every row, its first and last index, both directions. */
TEST(vmsr_each_row_action)
{
	static const struct {
		u32 index;
		u8 rd, wr;
	} want[] = {
	    {0x10, VMSR_PASSTHROUGH, VMSR_GP},
	    {0x1B, VMSR_EMULATE, VMSR_EMULATE},
	    {0x3B, VMSR_GP, VMSR_GP},
	    {0x48, VMSR_GP, VMSR_GP},
	    {0x49, VMSR_GP, VMSR_GP},
	    {0x8B, VMSR_FIXED, VMSR_FIXED},
	    {0xC1, VMSR_GP, VMSR_GP},
	    {0xC8, VMSR_GP, VMSR_GP},
	    {0xFE, VMSR_FIXED, VMSR_GP},
	    {0x174, VMSR_PASSTHROUGH, VMSR_PASSTHROUGH},
	    {0x176, VMSR_PASSTHROUGH, VMSR_PASSTHROUGH},
	    {0x179, VMSR_GP, VMSR_GP},
	    {0x17B, VMSR_GP, VMSR_GP},
	    {0x186, VMSR_GP, VMSR_GP},
	    {0x18D, VMSR_GP, VMSR_GP},
	    {0x200, VMSR_EMULATE, VMSR_EMULATE},
	    {0x20F, VMSR_EMULATE, VMSR_EMULATE},
	    {0x250, VMSR_EMULATE, VMSR_EMULATE},
	    {0x258, VMSR_EMULATE, VMSR_EMULATE},
	    {0x259, VMSR_EMULATE, VMSR_EMULATE},
	    {0x268, VMSR_EMULATE, VMSR_EMULATE},
	    {0x26F, VMSR_EMULATE, VMSR_EMULATE},
	    {0x277, VMSR_EMULATE, VMSR_EMULATE},
	    {0x280, VMSR_GP, VMSR_GP},
	    {0x29F, VMSR_GP, VMSR_GP},
	    {0x2FF, VMSR_EMULATE, VMSR_EMULATE},
	    {0x309, VMSR_GP, VMSR_GP},
	    {0x30B, VMSR_GP, VMSR_GP},
	    {0x345, VMSR_GP, VMSR_GP},
	    {0x38D, VMSR_GP, VMSR_GP},
	    {0x390, VMSR_GP, VMSR_GP},
	    {0x400, VMSR_GP, VMSR_GP},
	    {0x47F, VMSR_GP, VMSR_GP},
	    {0x6E0, VMSR_GP, VMSR_GP},
	    {0x800, VMSR_GP, VMSR_GP},
	    {0x8FF, VMSR_GP, VMSR_GP},
	    {0xDA0, VMSR_GP, VMSR_GP},
	    {0xC0000080u, VMSR_EMULATE, VMSR_EMULATE},
	    {0xC0000081u, VMSR_PASSTHROUGH, VMSR_PASSTHROUGH},
	    {0xC0000084u, VMSR_PASSTHROUGH, VMSR_PASSTHROUGH},
	    {0xC0000100u, VMSR_PASSTHROUGH, VMSR_PASSTHROUGH},
	    {0xC0000102u, VMSR_PASSTHROUGH, VMSR_PASSTHROUGH},
	    {0xC0000103u, VMSR_PASSTHROUGH, VMSR_PASSTHROUGH},
	    {0xC0002000u, VMSR_GP, VMSR_GP},
	    {0xC0002FFFu, VMSR_GP, VMSR_GP},
	    {0xC0010000u, VMSR_GP, VMSR_GP},
	    {0xC0010007u, VMSR_GP, VMSR_GP},
	    {0xC0010010u, VMSR_FIXED, VMSR_FIXED},
	    {0xC0010015u, VMSR_FIXED, VMSR_FIXED},
	    {0xC001001Fu, VMSR_FIXED, VMSR_FIXED},
	    {0xC0010114u, VMSR_GP, VMSR_GP},
	    {0xC0010117u, VMSR_GP, VMSR_GP},
	    {0xC0010200u, VMSR_GP, VMSR_GP},
	    {0xC001020Bu, VMSR_GP, VMSR_GP},
	    {0xC0010230u, VMSR_GP, VMSR_GP},
	    {0xC001024Fu, VMSR_GP, VMSR_GP},
	    {0xC0011020u, VMSR_FIXED, VMSR_FIXED},
	    {0xC0011028u, VMSR_FIXED, VMSR_FIXED},
	    {0xC0011029u, VMSR_FIXED, VMSR_FIXED},
	};
	u32 rows_seen = 0;

	for (u32 i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct vmsr_vcpu s = fresh(0);
		struct pp_err err = {0, ""};
		u64 cur;
		const struct vmsr_row *row = vmsr_find(want[i].index);

		REQUIRE(row != NULL);
		CHECK_EQ(rd(&s, want[i].index, &cur, &err), want[i].rd);
		/* Writing back what was read is a valid value for every emulated row. */
		CHECK_EQ(wr(&s, want[i].index, cur, NULL, &err), want[i].wr);
		CHECK_EQ(vmsr_passthrough(want[i].index, false), want[i].rd == VMSR_PASSTHROUGH);
		CHECK_EQ(vmsr_passthrough(want[i].index, true), want[i].wr == VMSR_PASSTHROUGH);
		if (row->lo == want[i].index)
			rows_seen++;
	}
	CHECK_EQ(rows_seen, vmsr_row_count); /* every row's first index is in the list */
}

TEST(vmsr_default_gp)
{
	static const u32 unlisted[] = {0,	    0x11,	 0x1A,	      0x3A,
				       0x47,	    0x4A,	 0xFD,	      0x1A0,
				       0x1FF,	    0x210,	 0x6E1,	      0x7FF,
				       0x900,	    0xC0000085u, 0xC0000104u, 0xC0010011u,
				       0xC0010016u, 0xC0010140u, 0x40000000u, 0xFFFFFFFFu};
	struct vmsr_vcpu s = fresh(0);

	for (u32 i = 0; i < sizeof(unlisted) / sizeof(unlisted[0]); i++) {
		struct pp_err err = {0, ""};
		CHECK(vmsr_find(unlisted[i]) == NULL);
		CHECK_EQ(rd(&s, unlisted[i], NULL, &err), VMSR_GP);
		CHECK_MSG(&err, "not in the Linux partition's allowlist");
		CHECK_EQ(wr(&s, unlisted[i], 0, NULL, &err), VMSR_GP);
		CHECK_MSG(&err, "WRMSR");
		CHECK(!vmsr_passthrough(unlisted[i], false));
		CHECK(!vmsr_passthrough(unlisted[i], true));
	}
	{
		struct pp_err err = {0, ""};
		CHECK_EQ(wr(&s, 0x1A0, 0x1234, NULL, &err), VMSR_GP);
		CHECK_MSG(&err, "WRMSR 0x1a0 (unlisted MSR) value 0x1234");
	}
}

TEST(vmsr_gp_reasons)
{
	static const struct {
		u32 index;
		const char *sub;
	} why[] = {
	    {0x48, "speculation"},
	    {0x49, "speculation"},
	    {0x6E0, "TSC-deadline"},
	    {0x830, "x2APIC"},
	    {0x401, "machine check"},
	    {0x179, "machine check"},
	    {0xC0002010u, "machine check"},
	    {0xDA0, "XSAVES"},
	    {0xC0010004u, "PMU"},
	    {0xC0010201u, "PMU"},
	    {0xC1, "PMU"},
	    {0x38F, "PMU"},
	    {0x3B, "TSC_ADJUST"},
	    {0xC0010114u, "SVM"},
	    {0xC0010117u, "SVM"},
	};
	struct vmsr_vcpu s = fresh(0);

	for (u32 i = 0; i < sizeof(why) / sizeof(why[0]); i++) {
		struct pp_err err = {0, ""};
		CHECK_EQ(rd(&s, why[i].index, NULL, &err), VMSR_GP);
		CHECK_MSG(&err, why[i].sub);
		CHECK_EQ(wr(&s, why[i].index, 1, NULL, &err), VMSR_GP);
		CHECK_MSG(&err, why[i].sub);
	}
	{
		struct pp_err err = {0, ""};
		CHECK_EQ(wr(&s, 0xFE, 0x508, NULL, &err), VMSR_GP);
		CHECK_MSG(&err, "read-only");
		CHECK_EQ(wr(&s, 0x10, 0, NULL, &err), VMSR_GP);
		CHECK_MSG(&err, "TSC");
	}
}

TEST(vmsr_init)
{
	struct vmsr_vcpu s0 = fresh(0), s1 = fresh(3), bad;
	struct pp_err err = {0, ""};
	u64 v;

	CHECK_EQ(s0.apic_base, 0xFEE00900ull); /* EN | BSP */
	CHECK_EQ(s1.apic_base, 0xFEE00800ull); /* EN */
	CHECK_EQ(rd(&s1, 0x1B, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0xFEE00800ull);
	CHECK_EQ(rd(&s0, 0x277, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0x0007040600070406ull);
	CHECK_EQ(rd(&s0, 0x2FF, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0x806);
	CHECK_EQ(rd(&s0, 0xFE, &v, NULL), VMSR_FIXED);
	CHECK_EQ(v, 0x508); /* VCNT 8, FIX, WC */
	for (u32 i = 0x200; i <= 0x20F; i++) {
		CHECK_EQ(rd(&s0, i, &v, NULL), VMSR_EMULATE);
		CHECK_EQ(v, 0);
	}
	CHECK(vmsr_vcpu_consistent(&s0));
	CHECK(vmsr_vcpu_consistent(&s1));

	memset(&bad, 0x77, sizeof(bad));
	CHECK_EQ(vmsr_vcpu_init(&bad, 0, 35, &err), PP_ERANGE);
	CHECK_MSG(&err, "MAXPHYADDR 35");
	CHECK_EQ(vmsr_vcpu_init(&bad, 0, 53, &err), PP_ERANGE);
	for (u32 i = 0; i < sizeof(bad); i++)
		CHECK_EQ(((const u8 *)&bad)[i], 0x77);
	CHECK_EQ(vmsr_vcpu_init(&bad, 0, 36, &err), 0);
	CHECK_EQ(vmsr_vcpu_init(&bad, 0, 52, &err), 0);
}

TEST(vmsr_fixed_values)
{
	static const struct {
		u32 index;
		u64 value;
	} fixed[] = {{0x8B, 0},
		     {0xC0010010u, 0},
		     {0xC0010015u, 1ull << 24},
		     {0xC001001Fu, 1ull << 46},
		     {0xC0011020u, 0},
		     {0xC0011028u, 0},
		     {0xC0011029u, 1ull << 1}};
	struct vmsr_vcpu s = fresh(0);

	for (u32 i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		struct vmsr_vcpu before;
		u64 v = 0xDEAD;
		CHECK_EQ(rd(&s, fixed[i].index, &v, NULL), VMSR_FIXED);
		CHECK_EQ(v, fixed[i].value);
		before = s;
		CHECK_EQ(wr(&s, fixed[i].index, ~0ull, &v, NULL), VMSR_FIXED); /* ignored */
		CHECK(same_state(&before, &s));
		CHECK_EQ(rd(&s, fixed[i].index, &v, NULL), VMSR_FIXED);
		CHECK_EQ(v, fixed[i].value);
	}
}

/* Eight valid MTRR types (UC, WC, WT, WP, WB), a different mix per i. */
static u64 fix_pattern(u32 i)
{
	static const u8 types[5] = {0, 1, 4, 5, 6};
	u64 v = 0;
	for (u32 b = 0; b < 8; b++)
		v |= (u64)types[(i + b * 2) % 5] << (8 * b);
	return v;
}

TEST(vmsr_mtrr_round_trip)
{
	struct vmsr_vcpu s = fresh(1);
	u64 v;

	for (u32 n = 0; n < 8; n++) {
		const u64 base = (0x100000000ull * (n + 1)) | (n % 2 ? 6 : 0); /* WB / UC */
		const u64 mask = 0xFFFF00000000ull | (1ull << 11);	       /* 4 GiB, V */
		CHECK_EQ(wr(&s, 0x200 + 2 * n, base, &v, NULL), VMSR_EMULATE);
		CHECK_EQ(v, base);
		CHECK_EQ(wr(&s, 0x201 + 2 * n, mask, NULL, NULL), VMSR_EMULATE);
	}
	for (u32 n = 0; n < 8; n++) {
		CHECK_EQ(rd(&s, 0x200 + 2 * n, &v, NULL), VMSR_EMULATE);
		CHECK_EQ(v, (0x100000000ull * (n + 1)) | (n % 2 ? 6 : 0));
		CHECK_EQ(rd(&s, 0x201 + 2 * n, &v, NULL), VMSR_EMULATE);
		CHECK_EQ(v, 0xFFFF00000000ull | (1ull << 11));
	}
	{
		static const u32 fix[11] = {0x250, 0x258, 0x259, 0x268, 0x269, 0x26A,
					    0x26B, 0x26C, 0x26D, 0x26E, 0x26F};
		for (u32 i = 0; i < 11; i++) /* a different pattern per MSR */
			CHECK_EQ(wr(&s, fix[i], fix_pattern(i), NULL, NULL), VMSR_EMULATE);
		for (u32 i = 0; i < 11; i++) {
			CHECK_EQ(rd(&s, fix[i], &v, NULL), VMSR_EMULATE);
			CHECK_EQ(v, fix_pattern(i));
		}
	}
	/* The Linux cache_disable/enable dance: E cleared, then restored. */
	CHECK_EQ(wr(&s, 0x2FF, 0x006, NULL, NULL), VMSR_EMULATE);
	CHECK_EQ(rd(&s, 0x2FF, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0x006);
	CHECK_EQ(wr(&s, 0x2FF, 0xC06, NULL, NULL), VMSR_EMULATE); /* E | FE | WB */
	CHECK_EQ(rd(&s, 0x2FF, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0xC06);
	CHECK(vmsr_vcpu_consistent(&s));
}

TEST(vmsr_mtrr_refusals)
{
	struct vmsr_vcpu s = fresh(0);
	struct pp_err err = {0, ""};
	static const u8 bad_types[] = {2, 3, 7, 8, 0x40, 0xFF};

	for (u32 i = 0; i < sizeof(bad_types); i++) {
		CHECK_EQ(wr(&s, 0x2FF, 0x800 | bad_types[i], NULL, &err), VMSR_GP);
		CHECK_EQ(wr(&s, 0x200, 0x100000000ull | bad_types[i], NULL, &err), VMSR_GP);
		for (u32 b = 0; b < 8; b++) { /* each byte of a fixed MTRR */
			const u64 v = 0x0606060606060606ull & ~(0xFFull << (8 * b));
			CHECK_EQ(wr(&s, 0x268, v | (u64)bad_types[i] << (8 * b), NULL, &err),
				 VMSR_GP);
		}
	}
	CHECK_EQ(wr(&s, 0x26F, 0x0606060606060607ull, NULL, &err), VMSR_GP);
	CHECK_MSG(&err, "byte 0 holds memory type 0x7");
	CHECK_EQ(wr(&s, 0x2FF, 0x1806, NULL, &err), VMSR_GP); /* bit 12 */
	CHECK_MSG(&err, "reserved bit");
	CHECK_EQ(wr(&s, 0x2FF, 0x906, NULL, &err), VMSR_GP);		  /* bit 8 */
	CHECK_EQ(wr(&s, 0x200, 0x100000106ull, NULL, &err), VMSR_GP);	  /* bit 8 of PHYSBASE */
	CHECK_EQ(wr(&s, 0x200, (1ull << PHYS) | 6, NULL, &err), VMSR_GP); /* above MAXPHYADDR */
	CHECK_EQ(wr(&s, 0x201, (1ull << 11) | 1, NULL, &err), VMSR_GP);	  /* mask bit 0 */
	CHECK_EQ(wr(&s, 0x201, (1ull << PHYS) | (1ull << 11), NULL, &err), VMSR_GP);
	CHECK_EQ(wr(&s, 0x201, ((1ull << PHYS) - 1) & ~0x7FFull, NULL, &err), VMSR_EMULATE);
	CHECK(vmsr_vcpu_consistent(&s));
}

TEST(vmsr_pat)
{
	struct vmsr_vcpu s = fresh(0);
	struct pp_err err = {0, ""};
	u64 v;

	/* Linux's PAT: WB, WC, UC-, UC, WB, WP, UC-, WT. */
	CHECK_EQ(wr(&s, 0x277, 0x0407050600070106ull, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0x0407050600070106ull);
	CHECK_EQ(rd(&s, 0x277, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0x0407050600070106ull);
	for (u32 b = 0; b < 8; b++) {
		static const u8 bad[] = {2, 3, 8, 0x86};
		for (u32 k = 0; k < sizeof(bad); k++) {
			const u64 val = (0x0606060606060606ull & ~(0xFFull << (8 * b))) |
					(u64)bad[k] << (8 * b);
			char sub[32];
			CHECK_EQ(wr(&s, 0x277, val, NULL, &err), VMSR_GP);
			snprintf(sub, sizeof(sub), "entry %u holds memory type 0x%x", b, bad[k]);
			CHECK_MSG(&err, sub);
		}
	}
	CHECK_EQ(rd(&s, 0x277, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0x0407050600070106ull); /* unchanged by the refusals */
}

TEST(vmsr_apic_base)
{
	struct vmsr_vcpu s = fresh(0);
	struct pp_err err = {0, ""};
	u64 v;

	CHECK_EQ(wr(&s, 0x1B, 0xFEE00900ull, &v, NULL), VMSR_EMULATE); /* unchanged */
	CHECK_EQ(v, 0xFEE00900ull);
	CHECK_EQ(wr(&s, 0x1B, 0xFEC00900ull, NULL, &err), VMSR_GP);
	CHECK_MSG(&err, "relocation");
	CHECK_EQ(wr(&s, 0x1B, 0x1FEE00900ull, NULL, &err), VMSR_GP);
	CHECK_MSG(&err, "relocation");
	CHECK_EQ(wr(&s, 0x1B, 0xFEE00D00ull, NULL, &err), VMSR_GP); /* EXTD */
	CHECK_MSG(&err, "x2APIC");
	CHECK_EQ(wr(&s, 0x1B, 0xFEE00100ull, NULL, &err), VMSR_GP); /* EN clear */
	CHECK_MSG(&err, "stays enabled");
	CHECK_EQ(wr(&s, 0x1B, 0xFEE00800ull, NULL, &err), VMSR_GP); /* BSP clear */
	CHECK_MSG(&err, "BSP");
	CHECK_EQ(wr(&s, 0x1B, 0xFEE00901ull, NULL, &err), VMSR_GP);
	CHECK_MSG(&err, "reserved");
	CHECK_EQ(wr(&s, 0x1B, 0xFEE00B00ull, NULL, &err), VMSR_GP); /* bit 9 */
	CHECK_EQ(wr(&s, 0x1B, (1ull << PHYS) | 0xFEE00900ull, NULL, &err), VMSR_GP);
	CHECK_EQ(rd(&s, 0x1B, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0xFEE00900ull);
	{
		struct vmsr_vcpu ap = fresh(1);
		CHECK_EQ(wr(&ap, 0x1B, 0xFEE00900ull, NULL, &err), VMSR_GP); /* BSP set */
		CHECK_EQ(wr(&ap, 0x1B, 0xFEE00800ull, NULL, NULL), VMSR_EMULATE);
	}
}

static int efer(u64 cur, u64 cr0, u64 val, u64 *out_val, struct pp_err *err)
{
	struct vmsr_vcpu s = fresh(0);
	struct vmsr_req rq = {0xC0000080u, true, val, cur, cr0};
	struct vmsr_result out = {0xFF, 0xDEAD, NULL};
	int a = vmsr_access(&s, &rq, &out, err);
	*out_val = out.value;
	return a;
}

TEST(vmsr_efer)
{
	struct vmsr_vcpu s = fresh(0);
	struct pp_err err = {0, ""};
	u64 v;

	/* Read: the guest's EFER without SVME. */
	CHECK_EQ(rd(&s, 0xC0000080u, &v, NULL), VMSR_EMULATE);
	CHECK_EQ(v, 0xD01);
	/* Write back the view: accepted, SVME kept in the VMCB's value. */
	CHECK_EQ(efer(EFER_LM, CR0_LM, 0xD01, &v, &err), VMSR_EMULATE);
	CHECK_EQ(v, 0x1D01);
	CHECK_EQ(efer(EFER_LM, CR0_LM, 0x501, &v, &err), VMSR_EMULATE); /* NXE off */
	CHECK_EQ(v, 0x1501);
	/* SVME in the written value. */
	CHECK_EQ(efer(EFER_LM, CR0_LM, 0x1D01, &v, &err), VMSR_GP);
	CHECK_MSG(&err, "SVME");
	/* Reserved and unsupported bits: 1, 9, LMSLE 13, FFXSR 14, TCE 15, 21, 63. */
	{
		static const u32 bits[] = {1, 7, 9, 13, 14, 15, 21, 63};
		for (u32 i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
			CHECK_EQ(efer(EFER_LM, CR0_LM, 0xD01 | 1ull << bits[i], &v, &err), VMSR_GP);
			CHECK_MSG(&err, "reserved or unsupported");
		}
	}
	/* LMA differing from the processor's. */
	CHECK_EQ(efer(EFER_LM, CR0_LM, 0x901, &v, &err), VMSR_GP);
	CHECK_MSG(&err, "LMA");
	CHECK_EQ(efer(VMSR_EFER_SVME, 0x11, 0x400, &v, &err), VMSR_GP);
	CHECK_MSG(&err, "LMA");
	/* LME with paging off: the boot path's order (LME, then CR0.PG). */
	CHECK_EQ(efer(VMSR_EFER_SVME, 0x11, 0x100, &v, &err), VMSR_EMULATE);
	CHECK_EQ(v, 0x1100);
	/* LME changed with paging on: set (32-bit paging) or cleared (long mode). */
	CHECK_EQ(efer(VMSR_EFER_SVME, 0x80000011ull, 0x100, &v, &err), VMSR_GP);
	CHECK_MSG(&err, "paging");
	CHECK_EQ(efer(EFER_LM, CR0_LM, 0x401, &v, &err), VMSR_GP);
	CHECK_MSG(&err, "paging");
	CHECK_EQ(efer(VMSR_EFER_SVME | VMSR_EFER_LME, 0x80000011ull, 0x000, &v, &err), VMSR_GP);
	CHECK_MSG(&err, "paging");
}
