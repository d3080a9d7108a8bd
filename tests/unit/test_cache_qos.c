// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cache partitioning, the pure half (hypervisor/arch/x86_64/cache_qos.h):
 * detection from CPUID values, the mask checks, the plan's COS and MSR
 * values, every refusal. The Intel and AMD CPUID values below are written
 * out to resemble a Xeon Scalable part and an EPYC 7002 part (neither is a
 * dump of a real CPU); the QEMU one is what QEMU 7.2's `-cpu EPYC` model
 * reports (query-cpu-model-expansion: level 0xd, leaf 7 EBX 0x209c01a9).
 */
#include <string.h>
#include "hypervisor/arch/x86_64/cache_qos.h"
#include "policy_fixture.h"
#include "unit.h"

/* GenuineIntel, max leaf 0x16; leaf 7 EBX with PQM (12) and PQE (15);
 * leaf 10h: L3 CAT and MBA (EBX bits 1, 3); 11-bit masks whose top two
 * ways other agents share, CDP, COS 0-15. */
static struct cache_qos_cpuid intel_cat(void)
{
	struct cache_qos_cpuid in = {0};
	in.max_leaf = 0x16;
	in.vendor_ebx = CACHE_QOS_VENDOR_INTEL_EBX;
	in.vendor_edx = CACHE_QOS_VENDOR_INTEL_EDX;
	in.vendor_ecx = CACHE_QOS_VENDOR_INTEL_ECX;
	in.leaf7_ebx = 0xd39ffffbu;
	in.leaf10_0_ebx = 0xa;
	in.leaf10_1_eax = 10;
	in.leaf10_1_ebx = 0x600;
	in.leaf10_1_ecx = 4;
	in.leaf10_1_edx = 15;
	return in;
}

/* AuthenticAMD, max leaf 0x10; leaf 7 EBX with PQM and PQE; leaf 10h: L3
 * allocation only; 16-bit masks, no shared ways (APM §19.4.2.2), CDP,
 * COS 0-15. */
static struct cache_qos_cpuid amd_l3(void)
{
	struct cache_qos_cpuid in = {0};
	in.max_leaf = 0x10;
	in.vendor_ebx = CACHE_QOS_VENDOR_AMD_EBX;
	in.vendor_edx = CACHE_QOS_VENDOR_AMD_EDX;
	in.vendor_ecx = CACHE_QOS_VENDOR_AMD_ECX;
	in.leaf7_ebx = 0x219c91a9u;
	in.leaf10_0_ebx = 0x2;
	in.leaf10_1_eax = 15;
	in.leaf10_1_ebx = 0;
	in.leaf10_1_ecx = 4;
	in.leaf10_1_edx = 15;
	return in;
}

/* QEMU 7.2 -cpu EPYC (TCG): max basic leaf 0xd, no PQE; leaf 10h is
 * beyond the maximum, so it is never read (0 here). */
static struct cache_qos_cpuid qemu_epyc(void)
{
	struct cache_qos_cpuid in = {0};
	in.max_leaf = 0xd;
	in.vendor_ebx = CACHE_QOS_VENDOR_AMD_EBX;
	in.vendor_edx = CACHE_QOS_VENDOR_AMD_EDX;
	in.vendor_ecx = CACHE_QOS_VENDOR_AMD_ECX;
	in.leaf7_ebx = 0x209c01a9u;
	return in;
}

static struct cache_qos_caps caps_of(struct cache_qos_cpuid in)
{
	struct cache_qos_caps c;
	cache_qos_decide(&in, &c);
	return c;
}

/* A policy model with only what the plan reads: names and masks. */
static void policy_masks(struct pp_policy *p, u32 n, const u32 *masks)
{
	static const char *const names[] = {"service", "work-a", "work-b", "spare"};
	memset(p, 0, sizeof(*p));
	p->n_parts = n;
	for (u32 i = 0; i < n; i++) {
		p->parts[i].id = i + 1;
		strcpy(p->parts[i].name, names[i % 4]);
		p->parts[i].cache_mask = masks[i];
	}
}

TEST(cache_qos_register_numbers)
{
	/* SDM §17.17.3.3-4, vol. 4 IA32_L3_QOS_MASK_n; APM §19.3.1, §19.4.2, §19.4.3.2 */
	CHECK_EQ(CACHE_QOS_MSR_PQR_ASSOC, 0xc8f);
	CHECK_EQ(CACHE_QOS_MSR_L3_MASK(0), 0xc90);
	CHECK_EQ(CACHE_QOS_MSR_L3_MASK(15), 0xc9f);
	CHECK_EQ(CACHE_QOS_MSR_L3_QOS_CFG, 0xc81);
	CHECK_EQ(CACHE_QOS_CPUID_7_EBX_PQE, 0x8000);
	CHECK_EQ(CACHE_QOS_CPUID_10_0_EBX_L3, 0x2);
	CHECK_EQ(CACHE_QOS_CPUID_10_1_ECX_CDP, 0x4);
}

TEST(cache_qos_detect_intel_cat)
{
	struct cache_qos_caps c = caps_of(intel_cat());
	CHECK_EQ(c.kind, CACHE_QOS_INTEL_CAT);
	CHECK_EQ(c.cbm_len, 11);
	CHECK_EQ(c.cos_max, 15);
	CHECK_EQ(c.shareable, 0x600);
	CHECK(c.cdp);
	CHECK(c.why == NULL);
	CHECK_EQ(cache_qos_all_ways(&c), 0x7ff);
	CHECK(strcmp(cache_qos_kind_name(c.kind), "Intel CAT") == 0);
}

TEST(cache_qos_detect_amd_l3)
{
	struct cache_qos_caps c = caps_of(amd_l3());
	CHECK_EQ(c.kind, CACHE_QOS_AMD_L3);
	CHECK_EQ(c.cbm_len, 16);
	CHECK_EQ(c.cos_max, 15);
	CHECK_EQ(c.shareable, 0);
	CHECK(c.cdp);
	CHECK_EQ(cache_qos_all_ways(&c), 0xffff);
	CHECK(strcmp(cache_qos_kind_name(c.kind), "AMD L3 QoS") == 0);
}

TEST(cache_qos_detect_qemu_epyc_none)
{
	struct cache_qos_caps c = caps_of(qemu_epyc());
	CHECK_EQ(c.kind, CACHE_QOS_NONE);
	CHECK_EQ(c.cbm_len, 0);
	CHECK_EQ(cache_qos_all_ways(&c), 0);
	REQUIRE(c.why != NULL);
	CHECK(strstr(c.why, "EBX[15] (PQE) is 0") != NULL);
	CHECK(strcmp(cache_qos_kind_name(c.kind), "none") == 0);
}

/* Each bit detection needs, missing in turn, named in `why`. */
TEST(cache_qos_detect_each_missing_bit)
{
	struct cache_qos_cpuid in = amd_l3();
	struct cache_qos_caps c;

	in.vendor_ecx = 0x656e6975u; /* neither vendor (here ECX changed) */
	cache_qos_decide(&in, &c);
	CHECK_EQ(c.kind, CACHE_QOS_NONE);
	CHECK(c.why && strstr(c.why, "vendor"));

	in = intel_cat();
	in.max_leaf = 6;
	cache_qos_decide(&in, &c);
	CHECK_EQ(c.kind, CACHE_QOS_NONE);
	CHECK(c.why && strstr(c.why, "below 7"));

	in = intel_cat();
	in.leaf7_ebx &= ~CACHE_QOS_CPUID_7_EBX_PQE;
	cache_qos_decide(&in, &c);
	CHECK_EQ(c.kind, CACHE_QOS_NONE);
	CHECK(c.why && strstr(c.why, "PQE"));

	/* PQE but the allocation leaf beyond the maximum: leaf 10h not trusted. */
	in = amd_l3();
	in.max_leaf = 0xf;
	cache_qos_decide(&in, &c);
	CHECK_EQ(c.kind, CACHE_QOS_NONE);
	CHECK(c.why && strstr(c.why, "below 0x10"));

	/* Memory bandwidth allocation only (EBX bit 3), no L3. */
	in = intel_cat();
	in.leaf10_0_ebx = 0x8;
	cache_qos_decide(&in, &c);
	CHECK_EQ(c.kind, CACHE_QOS_NONE);
	CHECK(c.why && strstr(c.why, "EBX[1]"));
}

TEST(cache_qos_detect_field_limits)
{
	struct cache_qos_cpuid in = intel_cat();
	struct cache_qos_caps c;
	/* EAX[4:0] = 31: a 32-bit mask; bits above 4 are reserved, ignored. */
	in.leaf10_1_eax = 0xffffffe0u | 31u;
	/* EDX[15:0] 0xffff, above the 128 mask MSRs: clamped; 31:16 reserved. */
	in.leaf10_1_edx = 0xabcdffffu;
	/* shareable bits beyond the mask length are reserved: dropped. */
	in.leaf10_1_ebx = 0xffffffffu;
	in.leaf10_1_ecx = 0;
	cache_qos_decide(&in, &c);
	CHECK_EQ(c.cbm_len, 32);
	CHECK_EQ(cache_qos_all_ways(&c), 0xffffffffu);
	CHECK_EQ(c.cos_max, 127);
	CHECK_EQ(c.shareable, 0xffffffffu);
	CHECK(!c.cdp);

	in = intel_cat();
	in.leaf10_1_eax = 0; /* a 1-bit mask */
	in.leaf10_1_ebx = 0x6;
	cache_qos_decide(&in, &c);
	CHECK_EQ(c.cbm_len, 1);
	CHECK_EQ(c.shareable, 0);
}

/* Intel: the masks, COS 0 all ways, the maskless partition on COS 0. */
TEST(cache_qos_plan_intel_values)
{
	struct cache_qos_caps c = caps_of(intel_cat());
	struct pp_policy p;
	struct cache_qos_plan pl;
	struct pp_err err = {0, ""};
	const u32 masks[] = {0x00f, 0, 0x7f0};
	policy_masks(&p, 3, masks);
	REQUIRE(cache_qos_plan_build(&p, &c, &pl, &err) == PP_OK);
	CHECK(pl.active);
	CHECK_EQ(pl.n_parts, 3);
	REQUIRE(pl.n_masks == 3);
	CHECK_EQ(pl.masks[0].msr, 0xc90);
	CHECK_EQ(pl.masks[0].value, 0x7ff);
	CHECK_EQ(pl.masks[1].msr, 0xc91);
	CHECK_EQ(pl.masks[1].value, 0x00f);
	CHECK_EQ(pl.masks[2].msr, 0xc92);
	CHECK_EQ(pl.masks[2].value, 0x7f0);
	CHECK_EQ(pl.part[0].cos, 1);
	CHECK_EQ(pl.part[0].pqr_assoc, 0x100000000ull);
	CHECK_EQ(pl.part[0].shared_ways, 0);
	CHECK_EQ(pl.part[1].cos, 0);
	CHECK_EQ(pl.part[1].mask, 0);
	CHECK_EQ(pl.part[1].pqr_assoc, 0);
	CHECK_EQ(pl.part[2].cos, 2);
	CHECK_EQ(pl.part[2].mask, 0x7f0);
	CHECK_EQ(pl.part[2].pqr_assoc, 0x200000000ull);
	/* The top two ways are the ones other agents share. */
	CHECK_EQ(pl.part[2].shared_ways, 0x600);
}

/* AMD: the whole 16-bit mask split three ways; a mask with a gap is
 * accepted there (APM §19.4.2.2) and refused on Intel (SDM §17.17.1). */
TEST(cache_qos_plan_amd_values_and_gaps)
{
	struct cache_qos_caps amd = caps_of(amd_l3()), intel = caps_of(intel_cat());
	struct pp_policy p;
	struct cache_qos_plan pl;
	struct pp_err err = {0, ""};
	const u32 masks[] = {0x000f, 0x0ff0, 0xf000};
	policy_masks(&p, 3, masks);
	REQUIRE(cache_qos_plan_build(&p, &amd, &pl, &err) == PP_OK);
	REQUIRE(pl.n_masks == 4);
	CHECK_EQ(pl.masks[0].value, 0xffff);
	CHECK_EQ(pl.masks[3].msr, 0xc93);
	CHECK_EQ(pl.masks[3].value, 0xf000);
	CHECK_EQ(pl.part[2].pqr_assoc, 3ull << 32);

	CHECK_EQ(cache_qos_check_mask(&amd, "work-a", 0x0f3, &err), PP_OK);
	CHECK_EQ(cache_qos_check_mask(&intel, "work-a", 0x0f3, &err), PP_EINVAL);
	CHECK_MSG(&err, "partition \"work-a\": cache mask 0xf3 is not contiguous");
	CHECK_EQ(cache_qos_check_mask(&intel, "work-a", 0x0f0, &err), PP_OK);
}

/* No partition with a mask: nothing to do, on any CPU. */
TEST(cache_qos_plan_no_masks_inactive)
{
	const struct cache_qos_cpuid cpus[] = {intel_cat(), amd_l3(), qemu_epyc()};
	struct pp_policy p;
	const u32 masks[] = {0, 0, 0};
	policy_masks(&p, 3, masks);
	for (unsigned i = 0; i < 3; i++) {
		struct cache_qos_caps c = caps_of(cpus[i]);
		struct cache_qos_plan pl;
		struct pp_err err = {0, ""};
		memset(&pl, 0xa5, sizeof(pl));
		REQUIRE(cache_qos_plan_build(&p, &c, &pl, &err) == PP_OK);
		CHECK(!pl.active);
		CHECK_EQ(pl.n_masks, 0);
		CHECK_EQ(pl.n_parts, 3);
		for (unsigned k = 0; k < 3; k++)
			CHECK_EQ(pl.part[k].pqr_assoc, 0);
	}
}

/* Run one refused build; the plan must be untouched (every byte as set). */
static int refused(const struct pp_policy *p, const struct cache_qos_caps *c, struct pp_err *err)
{
	struct cache_qos_plan pl;
	size_t changed = 0;
	memset(&pl, 0x5a, sizeof(pl));
	int rc = cache_qos_plan_build(p, c, &pl, err);
	CHECK(rc != PP_OK);
	const unsigned char *b = (const unsigned char *)&pl;
	for (size_t i = 0; i < sizeof(pl); i++)
		changed += b[i] != 0x5a;
	CHECK_EQ(changed, 0);
	return rc;
}

TEST(cache_qos_plan_not_supported_by_this_cpu)
{
	struct cache_qos_caps c = caps_of(qemu_epyc());
	struct pp_policy p;
	struct pp_err err = {0, ""};
	const u32 masks[] = {0, 0x0f};
	policy_masks(&p, 2, masks);
	CHECK_EQ(refused(&p, &c, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "partition \"work-a\": cache mask 0xf is not supported by this CPU: "
			"CPUID.(7,0):EBX[15] (PQE) is 0");
}

TEST(cache_qos_plan_mask_wider_than_cbm)
{
	struct cache_qos_caps c = caps_of(intel_cat()); /* 11 bits */
	struct pp_policy p;
	struct pp_err err = {0, ""};
	const u32 masks[] = {0x00f, 0xff0};
	policy_masks(&p, 2, masks);
	CHECK_EQ(refused(&p, &c, &err), PP_ERANGE);
	CHECK_MSG(&err, "partition \"work-a\": cache mask 0xff0 sets bit 11, this CPU's L3 "
			"capacity mask has 11 bits (CPUID.(10h,1):EAX[4:0] = 10)");
	/* The highest stray bit is named. */
	p.parts[1].cache_mask = 0x80000000u;
	CHECK_EQ(refused(&p, &c, &err), PP_ERANGE);
	CHECK_MSG(&err, "sets bit 31");
}

TEST(cache_qos_plan_cos_beyond_highest)
{
	struct cache_qos_cpuid in = amd_l3();
	struct cache_qos_caps c;
	struct pp_policy p;
	struct pp_err err = {0, ""};
	struct cache_qos_plan pl;
	const u32 masks[] = {0x000f, 0x00f0, 0x0f00};
	in.leaf10_1_edx = 2; /* COS 0-2: two partitions fit, not three */
	cache_qos_decide(&in, &c);
	policy_masks(&p, 3, masks);
	CHECK_EQ(refused(&p, &c, &err), PP_ERANGE);
	CHECK_MSG(&err, "partition \"work-b\": needs COS 3, this CPU's highest is 2 "
			"(CPUID.(10h,1):EDX[15:0])");
	p.n_parts = 2;
	CHECK_EQ(cache_qos_plan_build(&p, &c, &pl, &err), PP_OK);
	CHECK_EQ(pl.n_masks, 3);
	/* Only COS 0: no partition can have a mask. */
	in.leaf10_1_edx = 0;
	cache_qos_decide(&in, &c);
	CHECK_EQ(refused(&p, &c, &err), PP_ERANGE);
	CHECK_MSG(&err, "partition \"service\": needs COS 1, this CPU's highest is 0");
}

/* A mask of 0 is "none" in the policy, so the empty mask is the direct
 * check's: refused on both vendors (Intel: #GP; AMD: a COS that fills
 * nothing). */
TEST(cache_qos_check_empty_mask)
{
	struct cache_qos_caps intel = caps_of(intel_cat()), amd = caps_of(amd_l3());
	struct pp_err err = {0, ""};
	CHECK_EQ(cache_qos_check_mask(&intel, "work-b", 0, &err), PP_EINVAL);
	CHECK_MSG(&err, "partition \"work-b\": cache mask 0 is empty");
	CHECK_EQ(cache_qos_check_mask(&amd, "work-b", 0, &err), PP_EINVAL);
	CHECK_MSG(&err, "at least 1 bit");
	/* The smallest mask Intel allows: one bit. */
	CHECK_EQ(cache_qos_check_mask(&intel, "work-b", 0x400, &err), PP_OK);
}

TEST(cache_qos_plan_intel_gap_refused)
{
	struct cache_qos_caps c = caps_of(intel_cat());
	struct pp_policy p;
	struct pp_err err = {0, ""};
	const u32 masks[] = {0x0f, 0x500};
	policy_masks(&p, 2, masks);
	CHECK_EQ(refused(&p, &c, &err), PP_EINVAL);
	CHECK_MSG(&err, "cache mask 0x500 is not contiguous (Intel CAT: #GP");
}

/* The validator refuses overlaps; the plan refuses them again. */
TEST(cache_qos_plan_overlap_refused)
{
	struct cache_qos_caps c = caps_of(amd_l3());
	struct pp_policy p;
	struct pp_err err = {0, ""};
	const u32 masks[] = {0x00ff, 0x0f00, 0x0180};
	policy_masks(&p, 3, masks);
	CHECK_EQ(refused(&p, &c, &err), PP_EOVERLAP);
	CHECK_MSG(&err, "cache masks of \"service\" (0xff) and \"work-b\" (0x180) overlap");
}

TEST(cache_qos_plan_too_many_partitions)
{
	struct cache_qos_caps c = caps_of(amd_l3());
	struct pp_policy p;
	struct pp_err err = {0, ""};
	const u32 masks[] = {0x1};
	policy_masks(&p, 1, masks);
	p.n_parts = PP_POL_MAX_PARTS + 1;
	CHECK_EQ(refused(&p, &c, &err), PP_ERANGE);
	CHECK_MSG(&err, "17 partitions, at most 16");
}

/* Sixteen partitions of one way each: COS 1-16 need a COS_MAX of 16. */
TEST(cache_qos_plan_sixteen_partitions)
{
	struct cache_qos_cpuid in = amd_l3();
	struct cache_qos_caps c;
	struct pp_policy p;
	struct cache_qos_plan pl;
	struct pp_err err = {0, ""};
	u32 masks[PP_POL_MAX_PARTS];
	for (u32 i = 0; i < PP_POL_MAX_PARTS; i++)
		masks[i] = 1u << i;
	policy_masks(&p, PP_POL_MAX_PARTS, masks);
	cache_qos_decide(&in, &c);
	CHECK_EQ(refused(&p, &c, &err), PP_ERANGE); /* COS_MAX 15 */
	in.leaf10_1_edx = 16;
	cache_qos_decide(&in, &c);
	REQUIRE(cache_qos_plan_build(&p, &c, &pl, &err) == PP_OK);
	REQUIRE(pl.n_masks == PP_POL_MAX_PARTS + 1);
	CHECK_EQ(pl.masks[16].msr, 0xca0);
	CHECK_EQ(pl.masks[16].value, 0x8000);
	CHECK_EQ(pl.part[15].pqr_assoc, 16ull << 32);
}

/* What the validator accepts (contiguous, disjoint, all or none), the plan
 * accepts on a CPU wide enough. */
TEST(cache_qos_plan_of_validated_policy)
{
	struct cache_qos_caps c = caps_of(intel_cat());
	struct pp_policy p;
	struct pp_pol_error perr;
	struct cache_qos_plan pl;
	struct pp_err err = {0, ""};
	policy_fixture(&p);
	p.parts[0].cache_mask = 0x0f;
	p.parts[1].cache_mask = 0xf0;
	REQUIRE(pp_policy_validate(&p, &perr) == PP_OK);
	REQUIRE(cache_qos_plan_build(&p, &c, &pl, &err) == PP_OK);
	CHECK_EQ(pl.n_masks, 3);
	CHECK_EQ(pl.part[0].cos, 1);
	CHECK_EQ(pl.part[1].cos, 2);
}

TEST(cache_qos_check_cfg_cdp)
{
	struct cache_qos_caps c = caps_of(intel_cat());
	struct pp_err err = {0, ""};
	CHECK_EQ(cache_qos_check_cfg(&c, 0, &err), PP_OK);
	CHECK_EQ(cache_qos_check_cfg(&c, CACHE_QOS_L3_QOS_CFG_CDP, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "CDP is on (MSR 0xc81 = 0x1)");
	/* Without CDP the register does not exist; whatever was read is ignored. */
	c.cdp = false;
	CHECK_EQ(cache_qos_check_cfg(&c, CACHE_QOS_L3_QOS_CFG_CDP, &err), PP_OK);
}
