// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CPUID filter of a Linux partition (hypervisor/core/linux/vcpuid.h),
 * against a fake host whose feature leaves read all ones or all zeros, so
 * that every rule is seen both ways. The named checks spell the bits as
 * literal numbers from the SDM/APM, not through vcpuid.c's defines; the
 * table walk checks every bit of every row. Out-of-range leaves, the
 * hypervisor range and parameter refusals are covered too. Last, the
 * filter over this machine's own CPUID (pinned to one CPU, as a vCPU's
 * exits are handled on its own core): every bit no rule touches is the
 * host's, whatever the host is (under QEMU/KVM its hypervisor leaves
 * must not show).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>
#include "hypervisor/core/linux/vcpuid.h"
#include "unit.h"

struct fake_host {
	u32 basic_max, ext_max;
	u32 fill; /* every feature register: 0 or 0xFFFFFFFF */
	unsigned calls;
};

static void fake_cpuid(void *ctx, u32 leaf, u32 subleaf, struct vcpuid_regs *out)
{
	struct fake_host *h = ctx;

	(void)subleaf;
	h->calls++;
	out->eax = out->ebx = out->ecx = out->edx = h->fill;
	if (leaf == 0) {
		out->eax = h->basic_max;
		out->ebx = 0x68747541u; /* "AuthenticAMD" */
		out->edx = 0x69746e65u;
		out->ecx = 0x444d4163u;
	} else if (leaf == 0x80000000u) {
		out->eax = h->ext_max;
	} else if (leaf == 0x40000000u) { /* an outer hypervisor's: never shown */
		out->eax = 0x40000001u;
		out->ebx = 0x4b4d564bu; /* "KVMK" */
		out->ecx = 0x564b4d56u;
		out->edx = 0x4du;
	}
}

#define TSC_KHZ 2994000u

/* A failed bit check names the rule and the bit. */
#define CHECK_MSG_BIT(cond, ru, b)                                                                 \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			char m_[200];                                                              \
			snprintf(m_, sizeof(m_), "rule \"%s\" (leaf 0x%x) bit %u", (ru)->what,     \
				 (unsigned)(ru)->leaf, (unsigned)(b));                             \
			unit_fail(__FILE__, __LINE__, m_);                                         \
		}                                                                                  \
	} while (0)

static struct vcpuid mk(struct fake_host *h, u32 fill, u32 apic_id)
{
	struct vcpuid v;
	struct pp_err err = {0, ""};

	h->basic_max = 0x1F;
	h->ext_max = 0x80000022u;
	h->fill = fill;
	h->calls = 0;
	memset(&v, 0, sizeof(v));
	CHECK_EQ(vcpuid_init(&v, fake_cpuid, h, apic_id, TSC_KHZ, &err), 0);
	return v;
}

static struct vcpuid_regs q(const struct vcpuid *v, u32 leaf, u32 sub)
{
	struct vcpuid_regs r;
	memset(&r, 0xA5, sizeof(r));
	vcpuid_answer(v, leaf, sub, &r);
	return r;
}

static u32 reg(const struct vcpuid_regs *r, u8 which)
{
	switch (which) {
	case VCPUID_EAX: return r->eax;
	case VCPUID_EBX: return r->ebx;
	case VCPUID_ECX: return r->ecx;
	default: return r->edx;
	}
}

TEST(vcpuid_init_refusals)
{
	struct fake_host h = {0x1F, 0x80000022u, 0, 0};
	struct pp_err err = {0, ""};
	struct vcpuid v, before;

	memset(&v, 0x5A, sizeof(v));
	before = v;
	CHECK_EQ(vcpuid_init(&v, NULL, &h, 0, TSC_KHZ, &err), PP_EINVAL);
	CHECK_MSG(&err, "no host CPUID callback");
	CHECK_EQ(vcpuid_init(&v, fake_cpuid, &h, 0xFF, TSC_KHZ, &err), PP_ERANGE);
	CHECK_MSG(&err, "APIC ID 0xff");
	CHECK_EQ(vcpuid_init(&v, fake_cpuid, &h, 0, 0, &err), PP_ERANGE);
	CHECK_MSG(&err, "TSC frequency 0");
	CHECK(memcmp(&v, &before, sizeof(v)) == 0);
	CHECK_EQ(h.calls, 0);
	CHECK_EQ(vcpuid_init(&v, fake_cpuid, &h, 0xFE, 1, &err), 0);
	CHECK_EQ(v.basic_max, 0x1F);
	CHECK_EQ(v.ext_max, 0x80000022u);
}

/* The bits the issue and the platform notes name, host all ones. */
TEST(vcpuid_named_bits_host_ones)
{
	struct fake_host h;
	struct vcpuid v = mk(&h, 0xFFFFFFFFu, 0);
	struct vcpuid_regs r;

	r = q(&v, 1, 0);
	CHECK(r.ecx & (1u << 31));    /* hypervisor */
	CHECK(!(r.ecx & (1u << 3)));  /* MONITOR */
	CHECK(!(r.ecx & (1u << 21))); /* x2APIC */
	CHECK(!(r.ecx & (1u << 24))); /* TSC-deadline */
	CHECK(!(r.edx & (1u << 7)));  /* MCE */
	CHECK(!(r.edx & (1u << 14))); /* MCA */
	/* Every other leaf-1 ECX bit is the host's. */
	CHECK_EQ(r.ecx, 0xFFFFFFFFu & ~((1u << 3) | (1u << 5) | (1u << 6) | (1u << 7) | (1u << 8) |
					(1u << 15) | (1u << 21) | (1u << 24)));
	CHECK_EQ(r.edx, 0xFFFFFFFFu & ~((1u << 7) | (1u << 14) | (1u << 22) | (1u << 29)));
	CHECK_EQ(r.eax, 0xFFFFFFFFu); /* family/model/stepping untouched */

	r = q(&v, 6, 0);
	CHECK_EQ(r.eax, 1u << 2); /* ARAT only */
	CHECK_EQ(r.ebx, 0);
	CHECK_EQ(r.ecx, 0);
	CHECK_EQ(r.edx, 0);

	r = q(&v, 7, 0);
	CHECK(!(r.ecx & (1u << 16))); /* LA57 */
	CHECK(!(r.ebx & (1u << 1)));  /* TSC_ADJUST */
	CHECK(!(r.ebx & (1u << 4)));  /* HLE */
	CHECK(!(r.ebx & (1u << 11))); /* RTM */
	CHECK(r.ebx & (1u << 0));     /* FSGSBASE: the host's */
	CHECK(r.ebx & (1u << 7));     /* SMEP: the host's */

	r = q(&v, 0x80000001u, 0);
	CHECK(!(r.ecx & (1u << 2)));  /* SVM */
	CHECK(!(r.ecx & (1u << 3)));  /* ExtApicSpace */
	CHECK(!(r.ecx & (1u << 9)));  /* OSVW */
	CHECK(!(r.ecx & (1u << 10))); /* IBS */
	CHECK(!(r.ecx & (1u << 23))); /* perfctr_core */
	CHECK(!(r.ecx & (1u << 19))); /* NodeId: its MSR is #GP */
	CHECK(!(r.ecx & (1u << 12))); /* SKINIT */
	CHECK(r.ecx & (1u << 22));    /* TopologyExtensions: the host's */
	CHECK(r.ecx & (1u << 0));     /* LAHF/SAHF: the host's */
	CHECK(r.edx & (1u << 29));    /* long mode: the host's */

	r = q(&v, 0x80000007u, 0);
	CHECK_EQ(r.edx, 1u << 8); /* invariant TSC only */
	CHECK_EQ(r.eax | r.ebx | r.ecx, 0);

	r = q(&v, 0x8000000Au, 0);
	CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
	r = q(&v, 0x8000001Fu, 0);
	CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
	r = q(&v, 0xA, 0);
	CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
}

/* The same with a host that has none of the features: the set bits appear,
 * nothing else does. */
TEST(vcpuid_named_bits_host_zeros)
{
	struct fake_host h;
	struct vcpuid v = mk(&h, 0, 0);
	struct vcpuid_regs r;

	r = q(&v, 1, 0);
	CHECK_EQ(r.ecx, 1u << 31);
	CHECK_EQ(r.edx, 1u << 9); /* APIC */
	r = q(&v, 6, 0);
	CHECK_EQ(r.eax, 1u << 2);
	r = q(&v, 0x80000007u, 0);
	CHECK_EQ(r.edx, 1u << 8);
	r = q(&v, 7, 0);
	CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
}

/* Every bit of every CLEAR/SET row, with the host's bit 0 and 1; every
 * VALUE row with both hosts; every ZERO row: all four registers. */
TEST(vcpuid_every_rule_both_ways)
{
	struct fake_host h;
	u32 checked = 0;

	for (int pass = 0; pass < 2; pass++) {
		const u32 fill = pass ? 0xFFFFFFFFu : 0;
		struct vcpuid v = mk(&h, fill, 0);
		for (u32 i = 0; i < vcpuid_rule_count; i++) {
			const struct vcpuid_rule *ru = &vcpuid_rules[i];
			const u32 sub = ru->subleaf == VCPUID_ANY_SUB ? 3 : ru->subleaf;
			struct vcpuid_regs r = q(&v, ru->leaf, sub);
			const u32 x = reg(&r, ru->reg);

			switch (ru->op) {
			case VCPUID_CLEAR:
				for (u32 b = 0; b < 32; b++)
					if (ru->mask & (1u << b)) {
						CHECK_MSG_BIT(!(x & (1u << b)), ru, b);
						checked++;
					}
				break;
			case VCPUID_SET:
				for (u32 b = 0; b < 32; b++)
					if (ru->mask & (1u << b)) {
						CHECK_MSG_BIT(x & (1u << b), ru, b);
						checked++;
					}
				break;
			case VCPUID_VALUE:
				CHECK_EQ(x, ru->mask);
				checked++;
				break;
			case VCPUID_ZERO:
				CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
				checked++;
				break;
			case VCPUID_APIC_ID:
				CHECK_EQ(x & ru->mask, 0);
				checked++;
				break;
			case VCPUID_TSC_KHZ:
				CHECK_EQ(x, TSC_KHZ);
				checked++;
				break;
			default: CHECK(!"unknown rule op"); break;
			}
		}
	}
	CHECK(checked > 2 * 60);
}

TEST(vcpuid_subleaf_rules)
{
	struct fake_host h;
	struct vcpuid v = mk(&h, 0xFFFFFFFFu, 0);
	struct vcpuid_regs r;

	r = q(&v, 7, 1); /* subleaf 1 is not subleaf 0's bits */
	CHECK_EQ(r.ebx, 0xFFFFFFFFu);
	CHECK_EQ(r.ecx, 0xFFFFFFFFu);
	CHECK_EQ(r.edx, 0xFFFFFFFFu);
	r = q(&v, 0xD, 0);
	CHECK_EQ(r.eax, 0xFFFFFFFFu);
	r = q(&v, 0xD, 1);
	CHECK(!(r.eax & (1u << 3))); /* XSAVES */
	CHECK(r.eax & (1u << 0));    /* XSAVEOPT: the host's */
}

TEST(vcpuid_apic_id)
{
	struct fake_host h;
	struct vcpuid v = mk(&h, 0x00ABCDEFu, 0x2A);
	struct vcpuid_regs r;

	r = q(&v, 1, 0);
	CHECK_EQ(r.ebx, 0x2AABCDEFu); /* [31:24] ours, [23:0] the host's */
	r = q(&v, 0xB, 0);
	CHECK_EQ(r.edx, 0x2A);
	r = q(&v, 0xB, 1);
	CHECK_EQ(r.edx, 0x2A);
	r = q(&v, 0x1F, 2);
	CHECK_EQ(r.edx, 0x2A);
	r = q(&v, 0x8000001Eu, 0);
	CHECK_EQ(r.eax, 0x2A);
	CHECK_EQ(r.ebx, 0x00ABCDEFu);
}

TEST(vcpuid_hypervisor_range)
{
	struct fake_host h;
	struct vcpuid v = mk(&h, 0xFFFFFFFFu, 0);
	struct vcpuid_regs r;
	char sig[13];
	unsigned calls;

	r = q(&v, 0x40000000u, 0);
	CHECK_EQ(r.eax, 0x40000010u);
	memcpy(sig, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	sig[12] = 'X';
	CHECK(memcmp(sig, "ParapetHV\0\0\0X", 13) == 0);
	r = q(&v, 0x40000010u, 0);
	CHECK_EQ(r.eax, TSC_KHZ);
	CHECK_EQ(r.ebx | r.ecx | r.edx, 0);
	calls = h.calls;
	for (u32 leaf = 0x40000001u; leaf <= 0x40000100u; leaf++) {
		if (leaf == 0x40000010u)
			continue;
		r = q(&v, leaf, 0);
		CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
	}
	CHECK_EQ(h.calls, calls); /* the host's range is never asked */
}

TEST(vcpuid_leaf_ranges)
{
	struct fake_host h;
	struct vcpuid v = mk(&h, 0xFFFFFFFFu, 0);
	struct vcpuid_regs r;
	static const u32 zero_leaves[] = {0x20,	       0x21,	    0x3FFFFFFFu, 0x40000100u,
					  0x7FFFFFFFu, 0x80000023u, 0x8FFFFFFFu, 0xC0000000u,
					  0xC0000001u, 0xFFFFFFFFu};

	r = q(&v, 0, 0);
	CHECK_EQ(r.eax, 0x1F);
	CHECK_EQ(r.ebx, 0x68747541u);
	r = q(&v, 0x1F, 0);
	CHECK_EQ(r.eax, 0xFFFFFFFFu);
	r = q(&v, 0x80000000u, 0);
	CHECK_EQ(r.eax, 0x80000022u);
	r = q(&v, 0x80000022u, 0); /* in range, and a ZERO row */
	CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
	r = q(&v, 0x80000005u, 0); /* in range, no row: the host's */
	CHECK_EQ(r.ecx, 0xFFFFFFFFu);
	for (u32 i = 0; i < sizeof(zero_leaves) / sizeof(zero_leaves[0]); i++) {
		r = q(&v, zero_leaves[i], 0);
		CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
	}

	/* Lower maxima: a rule's leaf above them stays zero, SET bits too. */
	h.basic_max = 5;
	h.ext_max = 0x80000006u;
	CHECK_EQ(vcpuid_init(&v, fake_cpuid, &h, 7, TSC_KHZ, NULL), 0);
	r = q(&v, 5, 0);
	CHECK_EQ(r.eax, 0xFFFFFFFFu);
	for (u32 leaf = 6; leaf <= 0x1F; leaf++) {
		r = q(&v, leaf, 0);
		CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
	}
	r = q(&v, 0x80000006u, 0);
	CHECK_EQ(r.eax, 0xFFFFFFFFu);
	r = q(&v, 0x80000007u, 0); /* no invariant-TSC leaf on this host */
	CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
	r = q(&v, 1, 0);
	CHECK_EQ(r.ebx >> 24, 7);
	r = q(&v, 0x40000000u, 0); /* the hypervisor range is always there */
	CHECK_EQ(r.eax, 0x40000010u);

	/* A host without extended leaves: 0x80000000 itself still answers. */
	h.ext_max = 0;
	CHECK_EQ(vcpuid_init(&v, fake_cpuid, &h, 7, TSC_KHZ, NULL), 0);
	r = q(&v, 0x80000000u, 0);
	CHECK_EQ(r.eax, 0);
	CHECK_EQ(r.ebx, 0xFFFFFFFFu);
	r = q(&v, 0x80000001u, 0);
	CHECK_EQ(r.eax | r.ebx | r.ecx | r.edx, 0);
}

#if defined(__x86_64__)
#include <cpuid.h>

static void real_cpuid(void *ctx, u32 leaf, u32 subleaf, struct vcpuid_regs *out)
{
	(void)ctx;
	__cpuid_count(leaf, subleaf, out->eax, out->ebx, out->ecx, out->edx);
}

/* The bits of (leaf, subleaf, reg) some rule decides. */
static u32 touched(u32 leaf, u32 sub, u8 which)
{
	u32 m = 0;
	for (u32 i = 0; i < vcpuid_rule_count; i++) {
		const struct vcpuid_rule *ru = &vcpuid_rules[i];
		if (ru->leaf != leaf || (ru->subleaf != VCPUID_ANY_SUB && ru->subleaf != sub))
			continue;
		if (ru->op == VCPUID_ZERO || ru->op == VCPUID_VALUE || ru->op == VCPUID_TSC_KHZ)
			m |= ru->op == VCPUID_ZERO || ru->reg == which ? 0xFFFFFFFFu : 0;
		else if (ru->reg == which)
			m |= ru->mask;
	}
	return m;
}

static void check_leaf(const struct vcpuid *v, u32 leaf, u32 sub)
{
	struct vcpuid_regs h, g;
	real_cpuid(NULL, leaf, sub, &h);
	g = q(v, leaf, sub);
	for (u32 i = VCPUID_EAX; i <= VCPUID_EDX; i++) {
		const u8 r = (u8)i;
		const u32 m = ~touched(leaf, sub, r);
		if ((reg(&g, r) & m) != (reg(&h, r) & m)) {
			char msg[160];
			snprintf(msg, sizeof(msg),
				 "leaf 0x%x.%u reg %u: guest 0x%x host 0x%x (free 0x%x)", leaf, sub,
				 r, reg(&g, r), reg(&h, r), m);
			unit_fail(__FILE__, __LINE__, msg);
		}
	}
}

TEST(vcpuid_real_host)
{
	struct vcpuid v;
	struct vcpuid_regs h, g;
	cpu_set_t old, one;
	int cpu = sched_getcpu();
	char sig[12];

	/* Per-CPU leaves (APIC and core IDs) need one CPU throughout; where
	 * pinning is not allowed, say so and skip. */
	CPU_ZERO(&one);
	if (cpu >= 0)
		CPU_SET(cpu, &one);
	if (cpu < 0 || sched_getaffinity(0, sizeof(old), &old) != 0 ||
	    sched_setaffinity(0, sizeof(one), &one) != 0) {
		fprintf(stderr, "vcpuid_real_host: skipped, cannot pin to one CPU\n");
		return;
	}
	REQUIRE(vcpuid_init(&v, real_cpuid, NULL, 3, 2994000, NULL) == 0);

	real_cpuid(NULL, 0, 0, &h);
	g = q(&v, 0, 0);
	CHECK(memcmp(&g, &h, sizeof(g)) == 0); /* max leaf and vendor */
	g = q(&v, 1, 0);
	CHECK(g.ecx & (1u << 31));
	CHECK_EQ(g.ecx & ((1u << 3) | (1u << 21) | (1u << 24)), 0);
	CHECK_EQ(g.ebx >> 24, 3);
	g = q(&v, 0x40000000u, 0);
	memcpy(sig, &g.ebx, 4);
	memcpy(sig + 4, &g.ecx, 4);
	memcpy(sig + 8, &g.edx, 4);
	CHECK(memcmp(sig, "ParapetHV\0\0\0", 12) == 0);
	for (u32 leaf = 0; leaf <= v.basic_max && leaf <= 0x20; leaf++)
		for (u32 sub = 0; sub < 4; sub++)
			check_leaf(&v, leaf, sub);
	for (u32 leaf = VCPUID_EXT_BASE; leaf <= v.ext_max && leaf <= 0x80000028u; leaf++)
		check_leaf(&v, leaf, 0);
	if (v.ext_max >= 0x80000007u)
		CHECK_EQ(q(&v, 0x80000007u, 0).edx, 1u << 8);
	CHECK(sched_setaffinity(0, sizeof(old), &old) == 0);
}
#endif
