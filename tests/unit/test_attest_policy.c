// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy in force (attest/verifier/policy.c, docs/attestation.md
 * "Policy"): the fixture measures a real signed policy into PCR 18 and puts
 * it into the bundle as policy.bin; the honest bundle affirms and reports
 * the policy, and each policy failure id comes from one change.
 */
#include <string.h>
#include <parapet/measure_plan.h>
#include "tests/unit/attest_fixture.h"
#include "tests/unit/unit.h"

static struct fx_bundle fx;
static struct av_result res;
static struct av_policy_opts pol;

static enum av_status run(const struct av_policy_opts *o)
{
	char err[AV_MSG_MAX];
	struct av_ref *ref = NULL;
	if (av_ref_from_bytes(fx.ref_json, fx.ref_json_n, &ref, err, sizeof(err))) {
		printf("reference: %s\n", err);
		return AV_CONTRAINDICATED;
	}
	struct av_inputs in = {&fx.b, &fx.ak, 1, ref, NULL, AV_ACCEPT_DEFAULT, o};
	av_verify(&in, &res);
	av_ref_free(ref);
	return av_status_of(&res);
}

static bool only(enum av_fail id, const char *sub)
{
	bool seen = false;
	for (u32 i = 0; i < res.nfail; i++) {
		if (res.fail[i].id != id) {
			printf("  unexpected %s: %s\n", av_fail_name(res.fail[i].id),
			       res.fail[i].msg);
			return false;
		}
		seen |= strstr(res.fail[i].msg, sub) != NULL;
	}
	if (!seen)
		for (u32 i = 0; i < res.nfail; i++)
			printf("  %s: %s (wanted '%s')\n", av_fail_name(res.fail[i].id),
			       res.fail[i].msg, sub);
	return seen;
}

/* Trust fixture policy key `which` only. */
static void trust(u32 which)
{
	memset(&pol, 0, sizeof(pol));
	REQUIRE(fx_policy_key(which, &pol.keys[0]) == 0);
	pol.source[0] = which ? "test key 1" : "test key 0";
	pol.nkeys = 1;
}

#define BUILD(...)                                                                                 \
	do {                                                                                       \
		struct fx_opts o_ = {__VA_ARGS__};                                                 \
		fx_free(&fx);                                                                      \
		REQUIRE(fx_build(&o_, &fx) == 0);                                                  \
	} while (0)

TEST(attest_policy_affirming)
{
	BUILD(.policy_bin = true);
	trust(0);
	CHECK_EQ(run(&pol), AV_AFFIRMING);
	CHECK_EQ(res.nfail, 0);
	CHECK(res.have_policy);
	CHECK_EQ(res.policy.version, 3);
	CHECK(!strcmp(res.policy.key, "test key 0"));
	CHECK(!strcmp(res.policy.slot, "none"));
	CHECK_EQ(res.nnote, 0);
	/* a slot verdict names the slot's event */
	BUILD(.policy_bin = true, .policy_data = "policy b", .verdict = "enforced: slot b");
	CHECK_EQ(run(&pol), AV_AFFIRMING);
	CHECK(!strcmp(res.policy.slot, "b"));
	/* without policy.bin and without the options: a note, still affirming */
	BUILD(.launch = PP_LAUNCH_SKINIT);
	CHECK_EQ(run(NULL), AV_AFFIRMING);
	CHECK(!res.have_policy);
	CHECK_EQ(res.nnote, 1);
	CHECK(strstr(res.note[0].msg, "signer and version are unchecked") != NULL);
	fx_free(&fx);
}

TEST(attest_policy_mismatch)
{
	BUILD(.policy_bin = true);
	trust(0);
	fx.b.policy.p[100] ^= 1; /* not the measured file any more */
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_MISMATCH, "PCR 18"));
	CHECK(!res.have_policy);
	/* the verdict names slot a, the log measured only "policy" */
	BUILD(.policy_bin = true, .verdict = "enforced: slot a");
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_MISMATCH, "\"policy a\""));
	fx_free(&fx);
}

TEST(attest_policy_signer_untrusted)
{
	BUILD(.policy_bin = true, .policy_other_key = true);
	trust(0);
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_SIGNER_UNTRUSTED, "not a trusted policy key"));
	/* no trusted key at all */
	CHECK_EQ(run(NULL), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_SIGNER_UNTRUSTED, "(none)"));
	/* the right key id, a signature that does not verify under it */
	BUILD(.policy_bin = true);
	trust(0);
	memcpy(pol.keys[0].pub, "another key of 32 bytes, really.", 32);
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_SIGNER_UNTRUSTED, "does not verify"));
	fx_free(&fx);
}

TEST(attest_policy_version_too_old)
{
	BUILD(.policy_bin = true, .policy_version = 4);
	trust(0);
	pol.min_version = 5;
	pol.min_version_given = true;
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_VERSION_TOO_OLD, "version 4, the minimum is 5"));
	CHECK(res.have_policy); /* still said what it was */
	pol.min_version = 4;
	CHECK_EQ(run(&pol), AV_AFFIRMING);
	pol.min_epoch = res.policy.epoch + 1;
	pol.min_epoch_given = true;
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_VERSION_TOO_OLD, "epoch"));
	fx_free(&fx);
}

TEST(attest_policy_missing)
{
	BUILD(.launch = PP_LAUNCH_SKINIT);
	trust(0);
	pol.keys_given = true; /* as --policy-key does */
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_MISSING, "not in the bundle"));
	trust(0);
	pol.min_version = 2;
	pol.min_version_given = true;
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_MISSING, "--min-policy-version"));
	fx_free(&fx);
}

TEST(attest_policy_malformed_file)
{
	static const u8 junk[] = "not a signed policy file at all";
	BUILD(.policy_bin = true);
	trust(0);
	/* bytes the log did not measure are a mismatch first, whatever they are */
	fx_set(&fx.b.policy, junk, sizeof(junk));
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_MISMATCH, "digest"));
	fx_set(&fx.b.policy, junk, 0);
	CHECK_EQ(run(&pol), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_MISMATCH, "digest"));
	fx_free(&fx);
}
