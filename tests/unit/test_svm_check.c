// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VMRUN consistency checks (hypervisor/arch/x86_64/svm/check.h): the
 * first guest's VMCB (vmcb_init.h) passes; then one VMCB per rule, each
 * breaking exactly that rule, must be refused with that rule's message.
 * A real-mode partition's VMCB (part/boot.c's real16 state through
 * vmcb_part.c) passes too, and the rules that apply outside long mode
 * still refuse it when broken.
 */
#include <stdlib.h>
#include "hypervisor/arch/x86_64/svm/check.h"
#include "hypervisor/arch/x86_64/svm/vmcb_init.h"
#include "hypervisor/arch/x86_64/svm/vmcb_part.h"
#include "unit.h"

static const struct svm_check_env epyc = {40, true};

static struct svm_vmcb *good(void)
{
	struct svm_vmcb *v = aligned_alloc(4096, sizeof(*v));
	struct svm_guest_setup s = {
	    .rip = 0x4000,
	    .rsp = 0x8000,
	    .cr3 = 0,
	    .n_cr3 = hpa(0x200000),
	    .iopm = hpa(0x300000),
	    .msrpm = hpa(0x303000),
	    .asid = 1,
	};
	if (v)
		svm_vmcb_init_flat64(v, &s);
	return v;
}

/* v must be refused with the message of the rule whose name is `rule`. */
static void expect_rule(struct svm_vmcb *v, const char *rule, const struct svm_check_env *env)
{
	const char *m = svm_check_vmcb(v, env);
	char want[64];
	snprintf(want, sizeof(want), "%s: ", rule);
	if (!m || strncmp(m, want, strlen(want)) != 0) {
		char f[256];
		snprintf(f, sizeof(f), "rule %s: got \"%s\"", rule, m ? m : "(passes)");
		unit_fail(__FILE__, __LINE__, f);
	}
	free(v);
}

TEST(svm_check_first_guest_vmcb_passes)
{
	struct svm_vmcb *v = good();
	REQUIRE(v);
	CHECK(svm_check_vmcb(v, &epyc) == NULL);
	/* what the first VMRUN depends on */
	CHECK(v->control.intercept2 & SVM_INTERCEPT2_VMRUN);
	CHECK(v->control.intercept1 & SVM_INTERCEPT1_CPUID);
	CHECK(v->control.intercept1 & SVM_INTERCEPT1_HLT);
	CHECK(v->control.intercept1 & SVM_INTERCEPT1_SHUTDOWN);
	CHECK(v->control.intercept2 & SVM_INTERCEPT2_VMMCALL);
	CHECK_EQ(v->control.tlb_control, SVM_TLB_CONTROL_FLUSH_ALL);
	CHECK_EQ(v->control.np_enable, SVM_NP_ENABLE);
	CHECK_EQ(v->save.cs.attrib, 0x29b); /* P S type 0xb L */
	/* a legal injection passes too: #GP with an error code, an NMI, an INTR */
	v->control.eventinj = SVM_EVENTINJ_V | SVM_EVENTINJ_TYPE_EXCEPTION | SVM_EVENTINJ_EV | 13;
	CHECK(svm_check_vmcb(v, &epyc) == NULL);
	v->control.eventinj = SVM_EVENTINJ_V | SVM_EVENTINJ_TYPE_NMI | 2;
	CHECK(svm_check_vmcb(v, &epyc) == NULL);
	v->control.eventinj = SVM_EVENTINJ_V | SVM_EVENTINJ_TYPE_INTR | 0x40;
	CHECK(svm_check_vmcb(v, &epyc) == NULL);
	/* an invalid EVENTINJ (V clear) is never looked at */
	v->control.eventinj = SVM_EVENTINJ_TYPE_MASK | 0xff;
	CHECK(svm_check_vmcb(v, &epyc) == NULL);
	/* CR0.CD and NW both set is legal */
	v->save.cr0 |= SVM_CR0_CD | SVM_CR0_NW;
	CHECK(svm_check_vmcb(v, &epyc) == NULL);
	free(v);
}

TEST(svm_check_one_vmcb_per_rule)
{
	struct svm_vmcb *v;
	const struct svm_check_env no_lm = {40, false}, narrow = {32, true};

	REQUIRE((v = good()));
	v->save.efer &= ~SVM_EFER_SVME;
	expect_rule(v, "efer-svme", &epyc);
	REQUIRE((v = good()));
	v->save.cr0 |= SVM_CR0_NW;
	expect_rule(v, "cr0-cd-nw", &epyc);
	REQUIRE((v = good()));
	v->save.cr0 |= 1ull << 32;
	expect_rule(v, "cr0-high", &epyc);
	REQUIRE((v = good()));
	v->save.cr3 = 1ull << 52;
	expect_rule(v, "cr3-mbz", &epyc);
	REQUIRE((v = good())); /* outside long mode CR3 is 32 bits */
	v->save.efer &= ~(SVM_EFER_LME | SVM_EFER_LMA);
	v->save.cr3 = 1ull << 32;
	expect_rule(v, "cr3-mbz", &epyc);
	REQUIRE((v = good()));
	v->save.cr4 |= 1ull << 13; /* VMXE on Intel: reserved on AMD */
	expect_rule(v, "cr4-mbz", &epyc);
	REQUIRE((v = good()));
	v->save.cr4 |= 1ull << 32;
	expect_rule(v, "cr4-mbz", &epyc);
	REQUIRE((v = good()));
	v->save.dr6 |= 1ull << 40;
	expect_rule(v, "dr6-high", &epyc);
	REQUIRE((v = good()));
	v->save.dr7 |= 1ull << 63;
	expect_rule(v, "dr7-high", &epyc);
	REQUIRE((v = good()));
	v->save.efer |= 1ull << 9;
	expect_rule(v, "efer-mbz", &epyc);
	REQUIRE((v = good()));
	v->save.efer |= 1ull << 40;
	expect_rule(v, "efer-mbz", &epyc);
	REQUIRE((v = good()));
	expect_rule(v, "efer-lm-unsupported", &no_lm);
	REQUIRE((v = good()));
	v->save.cr4 &= ~SVM_CR4_PAE;
	expect_rule(v, "lme-pg-no-pae", &epyc);
	REQUIRE((v = good()));
	v->save.cr0 &= ~SVM_CR0_PE;
	expect_rule(v, "lme-pg-no-pe", &epyc);
	REQUIRE((v = good()));
	v->save.cs.attrib |= SVM_SEG_DB;
	expect_rule(v, "cs-l-and-d", &epyc);
	REQUIRE((v = good()));
	v->control.intercept2 &= ~SVM_INTERCEPT2_VMRUN;
	expect_rule(v, "vmrun-intercept", &epyc);
	REQUIRE((v = good()));
	v->control.msrpm_base_pa = (1ull << 40) - 0x1000; /* its second page is past 2^40 */
	expect_rule(v, "msrpm-base", &epyc);
	REQUIRE((v = good()));
	v->control.msrpm_base_pa = ~0ull; /* wraps */
	expect_rule(v, "msrpm-base", &epyc);
	REQUIRE((v = good()));
	v->control.iopm_base_pa = 0xfffff000ull; /* 12 KiB from 4 GiB - 4 KiB, 32-bit CPU */
	expect_rule(v, "iopm-base", &narrow);
	REQUIRE((v = good()));
	v->control.guest_asid = 0;
	expect_rule(v, "asid-zero", &epyc);
	for (u64 t = 1; t < 8; t++) {
		if (t == 2 || t == 3 || t == 4)
			continue;
		REQUIRE((v = good()));
		v->control.eventinj = SVM_EVENTINJ_V | (t << SVM_EVENTINJ_TYPE_SHIFT) | 0x20;
		expect_rule(v, "eventinj-type", &epyc);
	}
	REQUIRE((v = good()));
	v->control.eventinj = SVM_EVENTINJ_V | SVM_EVENTINJ_TYPE_EXCEPTION | 2;
	expect_rule(v, "eventinj-vector", &epyc);
	REQUIRE((v = good()));
	v->control.eventinj = SVM_EVENTINJ_V | SVM_EVENTINJ_TYPE_EXCEPTION | 32;
	expect_rule(v, "eventinj-vector", &epyc);
	REQUIRE((v = good()));
	v->control.eventinj = SVM_EVENTINJ_V | SVM_EVENTINJ_TYPE_INTR | (1ull << 20) | 0x30;
	expect_rule(v, "eventinj-reserved", &epyc);
}

TEST(svm_check_rule_names_distinct)
{
	/* every rule has its own name (the text before ": ") */
	for (unsigned i = 0; i < SVM_CHECK_RULES; i++) {
		const char *a = svm_check_rule_name(i);
		REQUIRE(a && strstr(a, ": ") && strstr(a, "APM vol. 2"));
		for (unsigned j = 0; j < i; j++) {
			const char *b = svm_check_rule_name(j);
			size_t la = (size_t)(strstr(a, ": ") - a),
			       lb = (size_t)(strstr(b, ": ") - b);
			CHECK(la != lb || strncmp(a, b, la) != 0);
		}
	}
	CHECK(svm_check_rule_name(SVM_CHECK_RULES) == NULL);
}

/* The VMCB of a `boot real16` partition with this entry, as the partition
 * builder makes it (part_boot_build, then svm_vmcb_init_part). */
static struct svm_vmcb *real_mode(u64 entry)
{
	struct svm_vmcb *v = aligned_alloc(4096, sizeof(*v));
	struct part_plan *plan = calloc(1, sizeof(*plan));
	struct pp_pol_part pp = {
	    .id = 4, .name = "probe", .entry = entry, .mode = PP_POL_BOOT_REAL16};
	struct part_boot_state st;
	struct pp_err err;
	struct svm_guest_setup s = {
	    .n_cr3 = hpa(0x200000), .iopm = hpa(0x300000), .msrpm = hpa(0x303000), .asid = 5};
	if (v && plan) {
		plan->part = 4; /* a real16 plan: no boot area */
		if (part_boot_build(plan, &pp, NULL, NULL, &st, &err) == PP_OK) {
			svm_vmcb_init_part(v, &s, &st);
		} else {
			unit_fail(__FILE__, __LINE__, err.msg);
			free(v);
			v = NULL;
		}
	}
	free(plan);
	return v;
}

TEST(svm_check_real_mode_vmcb_passes)
{
	static const u64 entries[] = {0x0, 0x7c00, 0x12345, 0xffff0};
	static const struct svm_check_env no_lm = {36, false};
	for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		struct svm_vmcb *v = real_mode(entries[i]);
		REQUIRE(v);
		CHECK(svm_check_vmcb(v, &epyc) == NULL);
		CHECK(svm_check_vmcb(v, &no_lm) == NULL); /* no long mode needed */
		/* real mode: PE and PG clear, LME and LMA clear, a 16-bit CS */
		CHECK(!(v->save.cr0 & (SVM_CR0_PE | SVM_CR0_PG)));
		CHECK(!(v->save.efer & (SVM_EFER_LME | SVM_EFER_LMA)));
		CHECK_EQ(v->save.efer, SVM_EFER_SVME);
		CHECK(!(v->save.cs.attrib & (SVM_SEG_L | SVM_SEG_DB)));
		CHECK_EQ(v->save.cs.base + v->save.rip, entries[i]);
		CHECK_EQ(v->save.cpl, 0);
		/* caches off as at reset: CD and NW both set is legal (15.5.1) */
		CHECK_EQ(v->save.cr0 & (SVM_CR0_CD | SVM_CR0_NW), SVM_CR0_CD | SVM_CR0_NW);
		/* the partition's own intercepts, nested paging and ASID */
		CHECK(v->control.intercept2 & SVM_INTERCEPT2_VMMCALL);
		CHECK(v->control.intercept1 & SVM_INTERCEPT1_HLT);
		CHECK_EQ(v->control.np_enable, SVM_NP_ENABLE);
		CHECK_EQ(v->control.guest_asid, 5);
		/* EFER.LME alone (paging off) is still legal */
		v->save.efer |= SVM_EFER_LME;
		CHECK(svm_check_vmcb(v, &epyc) == NULL);
		free(v);
	}
}

TEST(svm_check_real_mode_rules)
{
	struct svm_vmcb *v;
	const struct svm_check_env no_lm = {36, false};
	REQUIRE((v = real_mode(0x7c00)));
	v->save.efer &= ~SVM_EFER_SVME;
	expect_rule(v, "efer-svme", &epyc);
	REQUIRE((v = real_mode(0x7c00)));
	v->save.cr0 &= ~SVM_CR0_CD; /* NW without CD */
	expect_rule(v, "cr0-cd-nw", &epyc);
	REQUIRE((v = real_mode(0x7c00)));
	v->save.cr3 = 1ull << 32; /* outside long mode CR3 is 32 bits */
	expect_rule(v, "cr3-mbz", &epyc);
	REQUIRE((v = real_mode(0x7c00)));
	v->save.efer |= SVM_EFER_LME;
	expect_rule(v, "efer-lm-unsupported", &no_lm);
	REQUIRE((v = real_mode(0x7c00)));
	v->save.efer |= SVM_EFER_LME;
	v->save.cr0 |= SVM_CR0_PG; /* paging on without PE, without PAE */
	expect_rule(v, "lme-pg-no-pae", &epyc);
	REQUIRE((v = real_mode(0x7c00)));
	v->save.efer |= SVM_EFER_LME;
	v->save.cr0 |= SVM_CR0_PG;
	v->save.cr4 |= SVM_CR4_PAE;
	expect_rule(v, "lme-pg-no-pe", &epyc);
	REQUIRE((v = real_mode(0x7c00)));
	v->save.dr7 |= 1ull << 32;
	expect_rule(v, "dr7-high", &epyc);
}
