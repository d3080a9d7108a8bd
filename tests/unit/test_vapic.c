// SPDX-License-Identifier: GPL-2.0-only
/*
 * The xAPIC write filter (hypervisor/core/linux/vapic.h): every offset of
 * the register page, each register's written value, the LVT rules, the
 * ICR matrix (delivery mode x shorthand x destination mode x destination:
 * the partition's other vCPU, the writer, a foreign APIC ID, broadcast)
 * against a table written from SDM 11.6.1, Linux's own AP start sequence,
 * the per-vCPU ICR_HIGH, refused set-ups and the counters.
 */
#include <string.h>
#include "hypervisor/core/linux/vapic.h"
#include "tests/unit/vapic_eq.h"
#include "unit.h"

/* Two vCPUs on physical APIC IDs 0 and 2; 1 and 3 belong to others. */
static const u32 IDS2[2] = {0, 2};
static const u32 IDS3[3] = {4, 5, 7};

static struct vapic_part P;

static void setup(const u32 *ids, u32 n)
{
	struct pp_err err;
	int rc = vapic_init(&P, n, ids, &err);
	CHECK_EQ(rc, PP_OK);
}

static struct vapic_action wr(u32 vcpu, u32 off, u32 v)
{
	struct vapic_action a;
	struct pp_err err;

	memset(&a, 0xA5, sizeof(a));
	int rc = vapic_write(&P, vcpu, off, v, 4, &a, &err);
	CHECK_EQ(rc, PP_OK);
	return a;
}

static struct vapic_action icr(u32 vcpu, u32 dest, u32 lo)
{
	CHECK_EQ(wr(vcpu, VAPIC_ICR_HIGH, dest << 24).kind, VAPIC_STORED);
	return wr(vcpu, VAPIC_ICR_LOW, lo);
}

/* Each evaluates its action once. */
#define CHECK_WRITE(a, r, v)                                                                       \
	do {                                                                                       \
		const struct vapic_action w_ = (a);                                                \
		CHECK_EQ(w_.kind, VAPIC_WRITE);                                                    \
		CHECK_EQ(w_.reg, (r));                                                             \
		CHECK_EQ(w_.value, (v));                                                           \
		CHECK_EQ(w_.reason, VAPIC_OK);                                                     \
	} while (0)

#define CHECK_DENY(a, k, why)                                                                      \
	do {                                                                                       \
		const struct vapic_action d_ = (a);                                                \
		CHECK_EQ(d_.kind, (k));                                                            \
		CHECK_EQ(d_.reason, (why));                                                        \
		CHECK_EQ(d_.targets, 0);                                                           \
	} while (0)

TEST(vapic_init_refuses_bad_tables)
{
	struct vapic_part before;
	struct pp_err err;
	const u32 dup[2] = {3, 3}, big[1] = {0xFF};

	memset(&P, 0x5A, sizeof(P));
	memcpy(&before, &P, sizeof(P));
	CHECK_EQ(vapic_init(&P, 0, IDS2, &err), PP_ERANGE);
	CHECK_MSG(&err, "0 vCPUs");
	CHECK_EQ(vapic_init(&P, VAPIC_MAX_CPUS + 1, IDS2, &err), PP_ERANGE);
	CHECK_EQ(vapic_init(&P, 1, big, &err), PP_ERANGE);
	CHECK_MSG(&err, "APIC ID 0xff");
	CHECK_EQ(vapic_init(&P, 2, dup, &err), PP_EINVAL);
	CHECK_MSG(&err, "vCPUs 0 and 1 share APIC ID 0x3");
	CHECK(part_eq(&before, &P));

	u32 many[VAPIC_MAX_CPUS];
	for (u32 i = 0; i < VAPIC_MAX_CPUS; i++)
		many[i] = 0xFE - i;
	CHECK_EQ(vapic_init(&P, VAPIC_MAX_CPUS, many, &err), PP_OK);
	CHECK_EQ(P.apic_id[63], 0xFE - 63);
	CHECK_EQ(P.vcpu[5].icr_high, 0);
}

TEST(vapic_hypervisor_errors_change_nothing)
{
	struct vapic_action a, before;
	struct vapic_counts c;
	struct pp_err err;

	setup(IDS2, 2);
	memset(&a, 0x11, sizeof(a));
	memcpy(&before, &a, sizeof(a));
	CHECK_EQ(vapic_write(&P, 2, VAPIC_EOI, 0, 4, &a, &err), PP_ERANGE);
	CHECK_MSG(&err, "vCPU 2 of a partition of 2");
	CHECK_EQ(vapic_write(&P, 0, VAPIC_PAGE_SIZE, 0, 4, &a, &err), PP_ERANGE);
	CHECK_MSG(&err, "offset 0x1000");
	CHECK(action_eq(&a, &before));
	vapic_counts(&P, &c);
	for (u32 k = 0; k < VAPIC_KIND_COUNT; k++)
		CHECK_EQ(c.kinds[k], 0);
}

TEST(vapic_size_alignment_and_extended_space)
{
	struct vapic_action a;
	struct pp_err err;

	setup(IDS2, 2);
	for (u32 size = 0; size <= 8; size++) {
		CHECK_EQ(vapic_write(&P, 0, VAPIC_EOI, 0, size, &a, &err), PP_OK);
		if (size == 4)
			CHECK_WRITE(a, VAPIC_EOI, 0);
		else
			CHECK_DENY(a, VAPIC_REFUSE, VAPIC_R_SIZE);
	}
	/* Every offset inside a register slot but its first byte. */
	for (u32 off = 1; off < 16; off++) {
		CHECK_DENY(wr(0, VAPIC_EOI + off, 0), VAPIC_REFUSE, VAPIC_R_UNALIGNED);
		CHECK_DENY(wr(1, VAPIC_ICR_LOW + off, 0x40), VAPIC_REFUSE, VAPIC_R_UNALIGNED);
	}
	for (u32 off = VAPIC_REGS_END; off < VAPIC_PAGE_SIZE; off += 16)
		CHECK_DENY(wr(0, off, 0), VAPIC_REFUSE, VAPIC_R_EXT_SPACE);
	CHECK_DENY(wr(0, 0xFFC, 0), VAPIC_REFUSE, VAPIC_R_UNALIGNED);
}

/* Table 11-1 as the filter should see it, with the value 0xF0 (vector
 * 0xF0, fixed, unmasked): k = kind, r = reason. */
static void expect_reg(u32 off, u8 *k, u8 *r)
{
	*r = VAPIC_OK;
	if (off == VAPIC_VERSION || off == VAPIC_APR || off == VAPIC_PPR || off == VAPIC_RRD ||
	    off == VAPIC_TMCCT || (off >= 0x100 && off <= 0x270)) {
		*k = VAPIC_DROP;
		*r = VAPIC_D_READ_ONLY;
	} else if (off == VAPIC_ID) {
		*k = VAPIC_REFUSE;
		*r = VAPIC_R_APIC_ID;
	} else if (off == VAPIC_LDR || off == VAPIC_DFR) {
		*k = VAPIC_REFUSE;
		*r = VAPIC_R_LOGICAL;
	} else if (off == VAPIC_TPR || off == VAPIC_EOI || off == VAPIC_SVR || off == VAPIC_ESR ||
		   off == VAPIC_LVT_CMCI || (off >= 0x320 && off <= 0x380) || off == VAPIC_TDCR) {
		*k = VAPIC_WRITE;
	} else if (off == VAPIC_ICR_LOW) {
		*k = VAPIC_IPI;
	} else if (off == VAPIC_ICR_HIGH) {
		*k = VAPIC_STORED;
	} else {
		*k = VAPIC_REFUSE;
		*r = VAPIC_R_RESERVED_REG;
	}
}

TEST(vapic_every_register)
{
	u32 nwrite = 0, ndrop = 0, nref = 0;

	setup(IDS2, 2);
	for (u32 off = 0; off < VAPIC_REGS_END; off += 16) {
		u8 k, r;
		expect_reg(off, &k, &r);
		/* ICR_HIGH is 0 (vCPU 0's own ID) unless just written. */
		P.vcpu[0].icr_high = 0;
		struct vapic_action a = wr(0, off, 0xF0);
		if (a.kind != k || a.reason != r) {
			char m[128];
			snprintf(m, sizeof(m), "offset 0x%03x: %s/%s, expected %s/%s", off,
				 vapic_kind_name(a.kind), vapic_reason_name(a.reason),
				 vapic_kind_name(k), vapic_reason_name(r));
			unit_fail(__FILE__, __LINE__, m);
		}
		if (k == VAPIC_WRITE) {
			CHECK_EQ(a.reg, off);
			nwrite++;
		}
		ndrop += k == VAPIC_DROP;
		nref += k == VAPIC_REFUSE;
	}
	/* TPR EOI SVR ESR CMCI, 6 LVTs + TMICT, TDCR; 5 + 24 read-only. */
	CHECK_EQ(nwrite, 13);
	CHECK_EQ(ndrop, 29);
	CHECK_EQ(nref, 64 - 13 - 29 - 2);
}

TEST(vapic_written_values)
{
	setup(IDS2, 2);
	CHECK_WRITE(wr(0, VAPIC_EOI, 0xDEADBEEF), VAPIC_EOI, 0);
	CHECK_WRITE(wr(0, VAPIC_ESR, 0xFFFFFFFF), VAPIC_ESR, 0);
	CHECK_WRITE(wr(0, VAPIC_TPR, 0xFFFFFF20), VAPIC_TPR, 0x20);
	/* Linux: SVR = APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR. */
	CHECK_WRITE(wr(0, VAPIC_SVR, 0x1FF), VAPIC_SVR, 0x1FF);
	CHECK_WRITE(wr(0, VAPIC_SVR, 0xFFFFFFFF), VAPIC_SVR, 0x13FF);
	CHECK_WRITE(wr(1, VAPIC_SVR, 0xFF), VAPIC_SVR, 0xFF); /* software disable */
	CHECK_WRITE(wr(0, VAPIC_TMICT, 0xFFFFFFFF), VAPIC_TMICT, 0xFFFFFFFF);
	CHECK_WRITE(wr(0, VAPIC_TMICT, 0), VAPIC_TMICT, 0);
	CHECK_WRITE(wr(0, VAPIC_TDCR, 0xFFFFFFFF), VAPIC_TDCR, 0xB);
	CHECK_WRITE(wr(0, VAPIC_TDCR, 0x3), VAPIC_TDCR, 0x3);
}

TEST(vapic_lvt_rules)
{
	static const u32 with_dm[5] = {VAPIC_LVT_CMCI, VAPIC_LVT_THERMAL, VAPIC_LVT_PERF,
				       VAPIC_LVT_LINT0, VAPIC_LVT_LINT1};

	setup(IDS2, 2);
	for (u32 i = 0; i < 5; i++) {
		const u32 off = with_dm[i];
		const u32 bits = off >= VAPIC_LVT_LINT0 ? 0x1A7FFu : 0x107FFu;
		for (u32 dm = 0; dm < 8; dm++) {
			const u32 v = dm << 8 | 0x41;
			struct vapic_action a = wr(0, off, v);
			if (dm == VAPIC_DM_FIXED)
				CHECK_WRITE(a, off, v);
			else
				CHECK_DENY(a, VAPIC_REFUSE, VAPIC_R_LVT_MODE);
			/* Masked: anything goes, with its writable bits only. */
			CHECK_WRITE(wr(0, off, v | VAPIC_LVT_MASKED | 0xFFFE0000u), off,
				    (v | VAPIC_LVT_MASKED) & bits);
		}
		CHECK_DENY(wr(0, off, 15), VAPIC_REFUSE, VAPIC_R_VECTOR);
		CHECK_WRITE(wr(0, off, 16), off, 16);
		CHECK_WRITE(wr(0, off, VAPIC_LVT_MASKED), off, VAPIC_LVT_MASKED);
	}
	/* LINT polarity and trigger are writable; delivery status (12) and
	 * remote IRR (14) are read-only. */
	CHECK_WRITE(wr(0, VAPIC_LVT_LINT0, 0xF041), VAPIC_LVT_LINT0, 0xA041);

	/* Timer: one-shot and periodic; TSC-deadline and 11 refused even masked. */
	CHECK_WRITE(wr(0, VAPIC_LVT_TIMER, 0xEC), VAPIC_LVT_TIMER, 0xEC);
	CHECK_WRITE(wr(0, VAPIC_LVT_TIMER, 0x200EC), VAPIC_LVT_TIMER, 0x200EC);
	CHECK_DENY(wr(0, VAPIC_LVT_TIMER, 0x400EC), VAPIC_REFUSE, VAPIC_R_TIMER_MODE);
	CHECK_DENY(wr(0, VAPIC_LVT_TIMER, 0x710EC), VAPIC_REFUSE, VAPIC_R_TIMER_MODE);
	CHECK_DENY(wr(0, VAPIC_LVT_TIMER, 0x0F), VAPIC_REFUSE, VAPIC_R_VECTOR);
	CHECK_WRITE(wr(0, VAPIC_LVT_TIMER, 0x10000), VAPIC_LVT_TIMER, 0x10000);
	/* Timer and error have no delivery-mode field: bits 10:8 are not written. */
	CHECK_WRITE(wr(0, VAPIC_LVT_TIMER, 0x4EC), VAPIC_LVT_TIMER, 0xEC);
	CHECK_WRITE(wr(0, VAPIC_LVT_ERROR, 0x4FE), VAPIC_LVT_ERROR, 0xFE);
	CHECK_WRITE(wr(0, VAPIC_LVT_ERROR, 0xFFFFFFFF), VAPIC_LVT_ERROR, 0x100FF);
	CHECK_DENY(wr(0, VAPIC_LVT_ERROR, 0x3), VAPIC_REFUSE, VAPIC_R_VECTOR);

	/* Linux 6.1 setup_local_APIC on the BSP: LVT0 ExtINT masked passes,
	 * ExtINT unmasked and LVT1 NMI unmasked (apic_extnmi=bsp) do not. */
	CHECK_WRITE(wr(0, VAPIC_LVT_LINT0, 0x10700), VAPIC_LVT_LINT0, 0x10700);
	CHECK_DENY(wr(0, VAPIC_LVT_LINT0, 0x700), VAPIC_REFUSE, VAPIC_R_LVT_MODE);
	CHECK_DENY(wr(0, VAPIC_LVT_LINT1, 0x400), VAPIC_REFUSE, VAPIC_R_LVT_MODE);
	CHECK_WRITE(wr(0, VAPIC_LVT_LINT1, 0x10400), VAPIC_LVT_LINT1, 0x10400);
}

/*
 * SDM 11.6.1 restated as a table for one partition of two vCPUs (IDs 0 and
 * 2), vCPU 0 writing. dest: 0 the other vCPU (ID 2), 1 the writer (ID 0),
 * 2 a foreign ID (1), 3 broadcast (0xFF).
 */
static void expect_icr(u32 dm, u32 sh, bool logical, u32 dest, u8 *k, u8 *r, u64 *t)
{
	static const u8 mode_kind[8] = {VAPIC_IPI, 0, 0, 0, 0, VAPIC_INIT, VAPIC_SIPI, 0};
	static const u8 mode_refusal[8] = {
	    0, VAPIC_R_LOWEST, VAPIC_R_SMI, VAPIC_R_ICR_MODE, VAPIC_R_NMI, 0, 0, VAPIC_R_ICR_MODE};
	*k = VAPIC_REFUSE;
	*t = 0;
	if (mode_refusal[dm]) {
		*r = mode_refusal[dm];
		return;
	}
	*r = VAPIC_OK;
	if (sh == VAPIC_SH_SELF || sh == VAPIC_SH_ALL) {
		if (dm != VAPIC_DM_FIXED) {
			*r = VAPIC_R_SHORTHAND;
			return;
		}
		*k = VAPIC_IPI;
		*t = sh == VAPIC_SH_SELF ? 1 : 3;
		return;
	}
	if (sh == VAPIC_SH_ALL_BUT_SELF) {
		*k = mode_kind[dm];
		*t = 2;
		return;
	}
	if (logical)
		*r = VAPIC_R_LOGICAL;
	else if (dest == 3)
		*r = VAPIC_R_BROADCAST;
	else if (dest == 2)
		*r = VAPIC_R_FOREIGN;
	else if (dest == 1 && dm != VAPIC_DM_FIXED)
		*r = VAPIC_R_INIT_SELF;
	else {
		*k = mode_kind[dm];
		*t = dest == 1 ? 1 : 2;
	}
}

TEST(vapic_icr_matrix)
{
	static const u32 dest_ids[4] = {2, 0, 1, 0xFF};
	u32 n = 0, passed = 0;

	setup(IDS2, 2);
	for (u32 dm = 0; dm < 8; dm++)
		for (u32 sh = 0; sh < 4; sh++)
			for (u32 logical = 0; logical < 2; logical++)
				for (u32 d = 0; d < 4; d++) {
					const u32 lo =
					    0x40 | dm << 8 | logical << 11 | 1u << 14 | sh << 18;
					u8 k, r;
					u64 t;
					expect_icr(dm, sh, logical, d, &k, &r, &t);
					struct vapic_action a = icr(0, dest_ids[d], lo);
					n++;
					if (a.kind == k && a.reason == r && a.targets == t &&
					    (k != VAPIC_IPI || a.vector == 0x40) &&
					    (k != VAPIC_SIPI || a.vector == 0x40)) {
						passed++;
						continue;
					}
					char m[160];
					snprintf(m, sizeof(m),
						 "ICR 0x%05x dest 0x%x: %s/%s targets 0x%llx, "
						 "expected %s/%s 0x%llx",
						 lo, dest_ids[d], vapic_kind_name(a.kind),
						 vapic_reason_name(a.reason),
						 (unsigned long long)a.targets, vapic_kind_name(k),
						 vapic_reason_name(r), (unsigned long long)t);
					unit_fail(__FILE__, __LINE__, m);
				}
	CHECK_EQ(n, 256);
	CHECK_EQ(passed, n);
}

TEST(vapic_icr_fixed)
{
	struct vapic_action a;

	setup(IDS2, 2);
	/* Linux's physflat IPI: fixed, physical, no shorthand. */
	a = icr(0, 2, 0xFB);
	CHECK_EQ(a.kind, VAPIC_IPI);
	CHECK_EQ(a.vector, 0xFB);
	CHECK_EQ(a.targets, 2);
	CHECK_EQ(a.reg, 0);
	a = icr(1, 0, 0xFC);
	CHECK_EQ(a.kind, VAPIC_IPI);
	CHECK_EQ(a.targets, 1);
	/* Vectors 0-15 are illegal (SDM 11.5.2); 16 is the first legal one. */
	for (u32 v = 0; v < 16; v++)
		CHECK_DENY(icr(0, 2, v), VAPIC_REFUSE, VAPIC_R_VECTOR);
	CHECK_EQ(icr(0, 2, 16).kind, VAPIC_IPI);
	CHECK_DENY(icr(0, 2, 0xF | VAPIC_SH_ALL_BUT_SELF << 18), VAPIC_REFUSE, VAPIC_R_VECTOR);
	/* Trigger and level bits do not matter for fixed: always an edge IPI. */
	a = icr(0, 2, 0x8041);
	CHECK_EQ(a.kind, VAPIC_IPI);
	CHECK_EQ(a.vector, 0x41);
	/* Foreign IDs, every one of them. */
	for (u32 id = 0; id < 256; id++) {
		a = icr(0, id, 0x41);
		if (id == 0 || id == 2)
			CHECK_EQ(a.kind, VAPIC_IPI);
		else
			CHECK_DENY(a, VAPIC_REFUSE,
				   id == 0xFF ? VAPIC_R_BROADCAST : VAPIC_R_FOREIGN);
	}
	/* NMI, SMI aimed at the partition itself are refused too. */
	CHECK_DENY(icr(0, 2, 0x400), VAPIC_REFUSE, VAPIC_R_NMI);
	CHECK_DENY(icr(0, 0, 0x400 | VAPIC_SH_SELF << 18), VAPIC_REFUSE, VAPIC_R_NMI);
	CHECK_DENY(icr(0, 2, 0x200), VAPIC_REFUSE, VAPIC_R_SMI);
	CHECK_DENY(icr(0, 2, 0x141), VAPIC_REFUSE, VAPIC_R_LOWEST);
}

TEST(vapic_icr_shorthands_expand)
{
	struct vapic_action a;

	setup(IDS3, 3);
	/* The destination field is ignored with a shorthand; so is logical. */
	a = icr(1, 0xFF, 0x41 | VAPIC_SH_ALL_BUT_SELF << 18 | VAPIC_ICR_LOGICAL);
	CHECK_EQ(a.kind, VAPIC_IPI);
	CHECK_EQ(a.targets, 5); /* vCPUs 0 and 2 */
	a = icr(2, 1, 0x41 | VAPIC_SH_ALL << 18);
	CHECK_EQ(a.kind, VAPIC_IPI);
	CHECK_EQ(a.targets, 7);
	a = icr(2, 1, 0x41 | VAPIC_SH_SELF << 18);
	CHECK_EQ(a.kind, VAPIC_IPI);
	CHECK_EQ(a.targets, 4);
	/* INIT and SIPI to all others: emulated for each sibling. */
	a = icr(0, 0, 0x4500 | VAPIC_SH_ALL_BUT_SELF << 18);
	CHECK_EQ(a.kind, VAPIC_INIT);
	CHECK_EQ(a.targets, 6);
	a = icr(0, 0, 0x4610 | VAPIC_SH_ALL_BUT_SELF << 18);
	CHECK_EQ(a.kind, VAPIC_SIPI);
	CHECK_EQ(a.vector, 0x10);
	CHECK_EQ(a.targets, 6);
	CHECK_DENY(icr(0, 0, 0x4500 | VAPIC_SH_ALL << 18), VAPIC_REFUSE, VAPIC_R_SHORTHAND);
	CHECK_DENY(icr(0, 0, 0x4610 | VAPIC_SH_SELF << 18), VAPIC_REFUSE, VAPIC_R_SHORTHAND);

	/* One vCPU: nobody else to send to. */
	static const u32 one[1] = {9};
	setup(one, 1);
	CHECK_DENY(icr(0, 0, 0x41 | VAPIC_SH_ALL_BUT_SELF << 18), VAPIC_DROP, VAPIC_D_NO_TARGET);
	CHECK_DENY(icr(0, 0, 0x4500 | VAPIC_SH_ALL_BUT_SELF << 18), VAPIC_DROP, VAPIC_D_NO_TARGET);
	a = icr(0, 0, 0x41 | VAPIC_SH_ALL << 18);
	CHECK_EQ(a.kind, VAPIC_IPI);
	CHECK_EQ(a.targets, 1);

	/* 64 vCPUs: all-including-self is every bit. */
	u32 ids[VAPIC_MAX_CPUS];
	for (u32 i = 0; i < VAPIC_MAX_CPUS; i++)
		ids[i] = i;
	setup(ids, VAPIC_MAX_CPUS);
	a = icr(63, 0, 0x41 | VAPIC_SH_ALL << 18);
	CHECK_EQ(a.targets, ~0ull);
	a = icr(63, 0, 0x41 | VAPIC_SH_ALL_BUT_SELF << 18);
	CHECK_EQ(a.targets, ~0ull >> 1);
	a = icr(5, 63, 0x41);
	CHECK_EQ(a.targets, 1ull << 63);
}

TEST(vapic_init_sipi_between_own_vcpus)
{
	struct vapic_action a;

	setup(IDS3, 3);
	/* Linux 6.1 wakeup_secondary_cpu_via_init: INIT assert (level
	 * trigger, assert), INIT de-assert, then two STARTUPs. */
	a = icr(0, 7, 0xC500);
	CHECK_EQ(a.kind, VAPIC_INIT);
	CHECK_EQ(a.targets, 4);
	CHECK_EQ(a.vector, 0);
	CHECK_DENY(icr(0, 7, 0x8500), VAPIC_DROP, VAPIC_D_INIT_DEASSERT);
	for (int i = 0; i < 2; i++) {
		a = icr(0, 7, 0x0600 | 0x9A);
		CHECK_EQ(a.kind, VAPIC_SIPI);
		CHECK_EQ(a.vector, 0x9A);
		CHECK_EQ(a.targets, 4);
	}
	/* An AP starts another AP. */
	a = icr(2, 5, 0x4500);
	CHECK_EQ(a.kind, VAPIC_INIT);
	CHECK_EQ(a.targets, 2);
	/* Not to itself, not outside: assert, de-assert and STARTUP alike. */
	CHECK_DENY(icr(1, 5, 0xC500), VAPIC_REFUSE, VAPIC_R_INIT_SELF);
	CHECK_DENY(icr(1, 5, 0x0608), VAPIC_REFUSE, VAPIC_R_INIT_SELF);
	CHECK_DENY(icr(1, 5, 0x8500), VAPIC_REFUSE, VAPIC_R_INIT_SELF);
	for (u32 id = 0; id < 256; id++) {
		if (id == 4 || id == 5 || id == 7)
			continue;
		CHECK_EQ(icr(0, id, 0xC500).kind, VAPIC_REFUSE);
		CHECK_EQ(icr(0, id, 0x8500).kind, VAPIC_REFUSE);
		CHECK_EQ(icr(0, id, 0x069A).kind, VAPIC_REFUSE);
	}
	CHECK_DENY(icr(0, 7, 0xC500 | VAPIC_ICR_LOGICAL), VAPIC_REFUSE, VAPIC_R_LOGICAL);
}

TEST(vapic_icr_high_per_vcpu)
{
	struct vapic_action a;

	setup(IDS2, 2);
	/* Fresh: destination 0, vCPU 0's own ID. */
	a = wr(1, VAPIC_ICR_LOW, 0x41);
	CHECK_EQ(a.targets, 1);
	/* Each vCPU keeps its own ICR_HIGH; bits 23:0 are ignored. */
	CHECK_EQ(wr(0, VAPIC_ICR_HIGH, 0x02FFFFFF).kind, VAPIC_STORED);
	CHECK_EQ(wr(1, VAPIC_ICR_HIGH, 0x01000000).kind, VAPIC_STORED);
	CHECK_EQ(P.vcpu[0].icr_high, 0x02000000);
	a = wr(0, VAPIC_ICR_LOW, 0x41);
	CHECK_EQ(a.kind, VAPIC_IPI);
	CHECK_EQ(a.targets, 2);
	CHECK_DENY(wr(1, VAPIC_ICR_LOW, 0x41), VAPIC_REFUSE, VAPIC_R_FOREIGN);
	/* The stored value stays for later writes (Linux writes both halves
	 * each time, a guest need not). */
	a = wr(0, VAPIC_ICR_LOW, 0x42);
	CHECK_EQ(a.targets, 2);
	/* A refused ICR_HIGH write (wrong size) keeps the old value. */
	struct pp_err err;
	CHECK_EQ(vapic_write(&P, 0, VAPIC_ICR_HIGH, 0x01000000, 1, &a, &err), PP_OK);
	CHECK_DENY(a, VAPIC_REFUSE, VAPIC_R_SIZE);
	CHECK_EQ(P.vcpu[0].icr_high, 0x02000000);
}

TEST(vapic_counters)
{
	struct vapic_counts c;
	struct vapic_action a;
	struct pp_err err;

	setup(IDS2, 2);
	wr(0, VAPIC_EOI, 0);
	wr(1, VAPIC_EOI, 0);
	wr(1, VAPIC_TMICT, 1000);
	icr(0, 2, 0x41);	 /* stored + ipi */
	icr(0, 1, 0x41);	 /* stored + foreign */
	icr(1, 3, 0x41);	 /* stored + foreign */
	icr(1, 0, 0x400);	 /* stored + nmi */
	wr(0, VAPIC_VERSION, 1); /* read-only */
	vapic_write(&P, 0, VAPIC_EOI, 0, 2, &a, &err);
	vapic_write(&P, 2, VAPIC_EOI, 0, 4, &a, &err); /* not counted */

	CHECK_EQ(P.vcpu[0].reasons[VAPIC_R_FOREIGN], 1);
	CHECK_EQ(P.vcpu[1].reasons[VAPIC_R_FOREIGN], 1);
	CHECK_EQ(P.vcpu[1].kinds[VAPIC_WRITE], 2);
	vapic_counts(&P, &c);
	CHECK_EQ(c.kinds[VAPIC_WRITE], 3);
	CHECK_EQ(c.kinds[VAPIC_STORED], 4);
	CHECK_EQ(c.kinds[VAPIC_IPI], 1);
	CHECK_EQ(c.kinds[VAPIC_DROP], 1);
	CHECK_EQ(c.kinds[VAPIC_REFUSE], 4);
	CHECK_EQ(c.reasons[VAPIC_R_FOREIGN], 2);
	CHECK_EQ(c.reasons[VAPIC_R_NMI], 1);
	CHECK_EQ(c.reasons[VAPIC_R_SIZE], 1);
	CHECK_EQ(c.reasons[VAPIC_D_READ_ONLY], 1);
	CHECK_EQ(c.reasons[VAPIC_OK], 3 + 4 + 1);
	u64 all = 0;
	for (u32 k = 0; k < VAPIC_KIND_COUNT; k++)
		all += c.kinds[k];
	CHECK_EQ(all, 13);
}

TEST(vapic_names)
{
	for (u32 k = VAPIC_WRITE; k < VAPIC_KIND_COUNT; k++) {
		CHECK(strcmp(vapic_kind_name(k), "?") != 0);
		for (u32 j = VAPIC_WRITE; j < k; j++)
			CHECK(strcmp(vapic_kind_name(j), vapic_kind_name(k)) != 0);
	}
	for (u32 r = 0; r < VAPIC_REASON_COUNT; r++) {
		CHECK(vapic_reason_name(r) != NULL);
		for (u32 j = 0; j < r; j++)
			CHECK(strcmp(vapic_reason_name(j), vapic_reason_name(r)) != 0);
	}
	CHECK(strcmp(vapic_kind_name(0), "?") == 0);
	CHECK(strcmp(vapic_kind_name(VAPIC_KIND_COUNT), "?") == 0);
	CHECK(strcmp(vapic_reason_name(VAPIC_REASON_COUNT), "?") == 0);
	CHECK(strcmp(vapic_reason_name(VAPIC_R_FOREIGN), "foreign-apic-id") == 0);
}
