// SPDX-License-Identifier: GPL-2.0-only
/*
 * The offline verifier (attest/verifier, docs/attestation.md): an honest
 * bundle (tests/unit/attest_fixture.c) affirms; each failure id comes from
 * one corruption of it, and the verdict names the PCR or event at fault.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <parapet/measure_plan.h>
#include "tests/unit/attest_fixture.h"
#include "tests/unit/unit.h"

static struct fx_bundle fx;
static struct av_result res;
static struct av_ref *ref;

/* Verify fx against its own reference.json (or none), enrolled key k. */
static enum av_status run_with(const struct av_key *k, bool use_ref, u32 accept, const char *state)
{
	char err[AV_MSG_MAX];
	ref = NULL;
	if (use_ref && av_ref_from_bytes(fx.ref_json, fx.ref_json_n, &ref, err, sizeof(err))) {
		printf("reference: %s\n", err);
		return AV_CONTRAINDICATED;
	}
	struct av_inputs in = {&fx.b, k, 1, ref, state, accept, NULL};
	av_verify(&in, &res);
	av_ref_free(ref);
	return av_status_of(&res);
}

static enum av_status run(void)
{
	return run_with(&fx.ak, true, AV_ACCEPT_DEFAULT, NULL);
}

static bool only(enum av_fail id)
{
	for (u32 i = 0; i < res.nfail; i++)
		if (res.fail[i].id != id)
			return false;
	return res.nfail > 0;
}

static bool says(enum av_fail id, const char *sub)
{
	for (u32 i = 0; i < res.nfail; i++)
		if (res.fail[i].id == id && strstr(res.fail[i].msg, sub))
			return true;
	return false;
}

static void dump(void)
{
	for (u32 i = 0; i < res.nfail; i++)
		printf("  %s: %s\n", av_fail_name(res.fail[i].id), res.fail[i].msg);
	for (u32 i = 0; i < res.nwarn; i++)
		printf("  warning: %s\n", res.warn[i].msg);
}

#define BUILD(...)                                                                                 \
	do {                                                                                       \
		struct fx_opts o_ = {__VA_ARGS__};                                                 \
		fx_free(&fx);                                                                      \
		REQUIRE(fx_build(&o_, &fx) == 0);                                                  \
	} while (0)

TEST(attest_affirming)
{
	BUILD(.launch = PP_LAUNCH_SKINIT);
	CHECK_EQ(run(), AV_AFFIRMING);
	if (res.nfail || res.nwarn)
		dump();
	CHECK(!strcmp(res.launch, "skinit") && res.launch_accepted);
	CHECK_EQ(res.secure_boot, 1);
	CHECK_EQ(res.grub_cmds, 1);
	CHECK(res.reference_drtm);
	/* ECDSA P-256, two logs back to back, a zero tail: all affirm */
	BUILD(.ecc = true);
	CHECK_EQ(run(), AV_AFFIRMING);
	/* a quote of the SHA-256 bank alone: only that bank is replayed */
	BUILD(.sha256_only = true);
	CHECK_EQ(run(), AV_AFFIRMING);
	BUILD(.sha256_only = true, .relabel = true);
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(av_has(&res, AV_PCR_SELECTION_MISMATCH));
	BUILD(.two_logs = true, .zero_pad = 4096);
	CHECK_EQ(run(), AV_AFFIRMING);
	if (res.nfail)
		dump();
	/* the known-good DRTM log as the reference */
	char err[AV_MSG_MAX];
	REQUIRE(av_ref_from_bytes(fx.drtm_log, fx.drtm_log_n, &ref, err, sizeof(err)) == 0);
	struct av_inputs in = {&fx.b, &fx.ak, 1, ref, NULL, AV_ACCEPT_DEFAULT, NULL};
	av_verify(&in, &res);
	av_ref_free(ref);
	CHECK_EQ(av_status_of(&res), AV_AFFIRMING);
	fx_free(&fx);
}

TEST(attest_no_reference_never_affirms)
{
	BUILD(.launch = PP_LAUNCH_TXT);
	CHECK_EQ(run_with(&fx.ak, false, AV_ACCEPT_DEFAULT, NULL), AV_WARNING);
	CHECK_EQ(res.nfail, 0);
	CHECK(!res.reference_drtm);
	fx_free(&fx);
}

TEST(attest_launch_type_refused)
{
	BUILD(.launch = PP_LAUNCH_EMULATED);
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_LAUNCH_TYPE_REFUSED) && says(AV_LAUNCH_TYPE_REFUSED, "emulated"));
	u32 accept;
	REQUIRE(av_accept_parse("emulated", &accept) == 0);
	CHECK_EQ(run_with(&fx.ak, true, accept, NULL), AV_AFFIRMING);
	BUILD(.launch = PP_LAUNCH_STATIC);
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_LAUNCH_TYPE_REFUSED));
	CHECK(av_accept_parse("skinit,", &accept) != 0);
	CHECK(av_accept_parse("", &accept) != 0);
	CHECK(av_accept_parse("qemu", &accept) != 0);
	fx_free(&fx);
}

TEST(attest_signature_invalid)
{
	BUILD(.launch = PP_LAUNCH_SKINIT);
	fx.b.sig.p[fx.b.sig.n - 5] ^= 1;
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_SIGNATURE_INVALID));
	/* one signed byte of quote.msg changed (firmwareVersion) */
	BUILD(.launch = PP_LAUNCH_SKINIT);
	fx.b.msg.p[fx.b.msg.n - 70] ^= 1;
	run();
	CHECK(av_has(&res, AV_SIGNATURE_INVALID));
	fx_free(&fx);
}

/* CVE-2024-29038: a quote-like structure the AK signed (as TPM2_Sign would). */
TEST(attest_magic_invalid)
{
	BUILD(.magic = 0xff544348u);
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_ATTEST_MAGIC_INVALID));
	fx_free(&fx);
}

TEST(attest_type_invalid)
{
	BUILD(.type = TPM2_ST_ATTEST_CERTIFY);
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(av_has(&res, AV_ATTEST_TYPE_INVALID));
	CHECK(!av_has(&res, AV_SIGNATURE_INVALID));
	fx_free(&fx);
}

TEST(attest_nonce_mismatch)
{
	BUILD(.launch = PP_LAUNCH_SKINIT);
	fx.b.nonce.p[10] = fx.b.nonce.p[10] == 'a' ? 'b' : 'a';
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_NONCE_MISMATCH));
	fx_free(&fx);
}

/* The AK files of a bundle signed by fixture key which. */
static void ak_files_of(u32 which, struct av_buf *pub, struct av_buf *pem)
{
	struct fx_bundle other;
	struct fx_opts o = {.other_key = which == 1};
	if (fx_build(&o, &other) == 0) {
		fx_set(pub, other.b.akpub.p, other.b.akpub.n);
		fx_set(pem, other.b.akpem.p, other.b.akpem.n);
	}
	fx_free(&other);
}

TEST(attest_ak_ids)
{
	struct av_key key0, key1;
	REQUIRE(fx_key(0, true, &key0) == 0 && fx_key(1, true, &key1) == 0);
	/* the bundle's AK is not the enrolled one, and nothing enrolled verifies it */
	BUILD(.launch = PP_LAUNCH_SKINIT);
	run_with(&key1, true, AV_ACCEPT_DEFAULT, NULL);
	CHECK(av_has(&res, AV_AK_NOT_ENROLLED) && av_has(&res, AV_SIGNATURE_INVALID));
	/* ak.pub and ak.pem claim the enrolled key; another key signed */
	BUILD(.other_key = true);
	ak_files_of(0, &fx.b.akpub, &fx.b.akpem);
	run_with(&key0, true, AV_ACCEPT_DEFAULT, NULL);
	CHECK(only(AV_SIGNATURE_INVALID));
	/* ak.pem is another key than ak.pub */
	BUILD(.launch = PP_LAUNCH_SKINIT);
	struct av_buf pub = {NULL, 0};
	ak_files_of(1, &pub, &fx.b.akpem);
	free(pub.p);
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_AK_MISMATCH));
	/* an unrestricted key signed, and was enrolled anyway */
	BUILD(.not_restricted = true);
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_AK_NOT_RESTRICTED));
	fx_free(&fx);
}

/* CVE-2024-29039: the values relabelled to other PCRs than the quote signed. */
TEST(attest_pcr_selection_mismatch)
{
	BUILD(.relabel = true);
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_PCR_SELECTION_MISMATCH));
	fx_free(&fx);
}

TEST(attest_pcr_digest_mismatch)
{
	BUILD(.launch = PP_LAUNCH_SKINIT);
	fx.b.pcrs.p[fx.b.pcrs.n - 532 + 4 + 2] ^= 1; /* a value in the last digest list */
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(av_has(&res, AV_PCR_DIGEST_MISMATCH));
	fx_free(&fx);
}

TEST(attest_eventlog_ids)
{
	BUILD(.launch = PP_LAUNCH_SKINIT);
	/* the command line's data changed, its digest not: the digest check names it */
	u8 *cmd = memmem(fx.b.log.p, fx.b.log.n, "console=com1", 12);
	REQUIRE(cmd);
	cmd[0] = 'C';
	run();
	CHECK(says(AV_EVENTLOG_DIGEST_MISMATCH, "PCR 17 (type 0x603)"));
	CHECK(!av_has(&res, AV_EVENTLOG_REPLAY_MISMATCH));
	/* the hypervisor's digest changed: replay differs on PCR 17 only */
	BUILD(.launch = PP_LAUNCH_SKINIT);
	u8 *hv = memmem(fx.b.log.p, fx.b.log.n, PP_EV_HV_NAME, 14);
	REQUIRE(hv);
	hv[-5] ^= 1; /* last byte of the sha256 digest before eventSize */
	run();
	CHECK(says(AV_EVENTLOG_REPLAY_MISMATCH, "PCR 17 (sha256)"));
	CHECK(!says(AV_EVENTLOG_REPLAY_MISMATCH, "PCR 18"));
	/* truncated in the middle of an event */
	BUILD(.launch = PP_LAUNCH_SKINIT);
	fx.b.log.n -= 3;
	run();
	CHECK(av_has(&res, AV_EVENTLOG_MALFORMED));
	/* a relabelled type replays correctly but leaves the plan */
	BUILD(.launch = PP_LAUNCH_SKINIT);
	u8 *pol = memmem(fx.b.log.p, fx.b.log.n, "policy", 6);
	REQUIRE(pol);
	st_le32(pol - 4 - 32 - 2 - 20 - 2 - 4 - 4, PP_EV_PD_IMAGE); /* its eventType */
	run();
	CHECK(says(AV_EVENTLOG_MALFORMED, "PCR 18 (type 0x605)"));
	fx_free(&fx);
}

/* A policy event names its slot: "policy", "policy a", "policy b" and nothing else. */
TEST(attest_policy_slot_data)
{
	BUILD(.launch = PP_LAUNCH_SKINIT, .policy_data = "policy b");
	CHECK_EQ(run(), AV_AFFIRMING);
	BUILD(.launch = PP_LAUNCH_SKINIT, .policy_data = "policy a");
	CHECK_EQ(run(), AV_AFFIRMING);
	static const char *const bad[] = {"policy c", "policy ", "policyb", "policy a b", "Policy"};
	for (u32 i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		BUILD(.launch = PP_LAUNCH_SKINIT, .policy_data = bad[i]);
		CHECK(run() != AV_AFFIRMING);
		CHECK(says(AV_EVENTLOG_MALFORMED, "\"policy\", \"policy a\" or \"policy b\""));
	}
	fx_free(&fx);
}

/*
 * The hypervisor's policy verdict (0x60A, PCR 18, last): the fixture's
 * default "enforced: policy" affirms (attest_affirming), so do the slots and
 * a log from before the event; a refusal is policy-refused; anything else
 * is malformed, and says why.
 */
TEST(attest_policy_verdict)
{
	static const char *const ok[] = {"enforced: slot a", "enforced: slot b",
					 "enforced: policy"};
	for (u32 i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		BUILD(.launch = PP_LAUNCH_SKINIT, .verdict = ok[i]);
		CHECK_EQ(run(), AV_AFFIRMING);
		if (res.nfail)
			dump();
	}
	BUILD(.launch = PP_LAUNCH_SKINIT, .no_verdict = true);
	CHECK_EQ(run(), AV_AFFIRMING);
	BUILD(.launch = PP_LAUNCH_SKINIT, .two_logs = true, .verdict = "enforced: slot b");
	CHECK_EQ(run(), AV_AFFIRMING);
	/* a refusal: the log and the reference agree, and still not affirming */
	BUILD(.launch = PP_LAUNCH_SKINIT, .verdict = "refused: policy: signature does not verify");
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_POLICY_REFUSED));
	CHECK(says(AV_POLICY_REFUSED, "PCR 18 (type 0x60a)"));
	CHECK(says(AV_POLICY_REFUSED,
		   "the hypervisor refused the policy: \"refused: policy: signature does not "
		   "verify\""));
	CHECK(!strcmp(av_fail_name(AV_POLICY_REFUSED), "policy-refused"));
	fx_free(&fx);
}

TEST(attest_policy_verdict_malformed)
{
	static const struct {
		const char *data, *msg;
	} bad[] = {
	    {"enforced slot a",
	     "must be \"enforced: ...\" or \"refused: ...\", not \"enforced slot a\""},
	    {"enforced: ", "must be \"enforced: ...\" or \"refused: ...\""},
	    {"refused:", "must be \"enforced: ...\" or \"refused: ...\""},
	    {"Enforced: slot a", "must be \"enforced: ...\""},
	    {"enforced: slot\ta", "the policy verdict's byte 14 (0x09) is not printable ASCII"},
	    {"refused: \xc3\xa9", "byte 9 (0xc3) is not printable ASCII"},
	};
	static char lng[PP_EV_VERDICT_MAX + 2];
	static const char refused[] = "refused: ";
	for (u32 i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		BUILD(.launch = PP_LAUNCH_SKINIT, .verdict = bad[i].data);
		CHECK_EQ(run(), AV_CONTRAINDICATED);
		CHECK(only(AV_EVENTLOG_MALFORMED));
		CHECK(says(AV_EVENTLOG_MALFORMED, bad[i].msg));
		if (!says(AV_EVENTLOG_MALFORMED, bad[i].msg))
			dump();
	}
	memset(lng, 'x', sizeof(lng) - 1);
	memcpy(lng, refused, sizeof(refused) - 1);
	BUILD(.launch = PP_LAUNCH_SKINIT, .verdict = lng);
	CHECK(only(AV_EVENTLOG_MALFORMED) && run() == AV_CONTRAINDICATED);
	CHECK(says(AV_EVENTLOG_MALFORMED, "the policy verdict has 161 bytes, at most 160"));
	fx_free(&fx);
}

/* The verdict on another PCR is not the plan's; a relabelled one neither. */
TEST(attest_policy_verdict_placement)
{
	BUILD(.launch = PP_LAUNCH_SKINIT, .policy_data = "policy a");
	/* relabel the verdict (the log's last event) as a policy event: bad data */
	u8 *p = memmem(fx.b.log.p, fx.b.log.n, "enforced: policy", 16);
	REQUIRE(p);
	/* PCR index u32, type u32 precede the digests: find the type by value */
	u8 *t = NULL;
	for (u8 *q = fx.b.log.p; q + 4 <= p; q++)
		if (q[0] == 0x0a && q[1] == 0x06 && q[2] == 0 && q[3] == 0)
			t = q;
	REQUIRE(t);
	t[0] = 0x04; /* 0x604: a policy event after ... */
	CHECK(run() != AV_AFFIRMING);
	CHECK(says(AV_EVENTLOG_MALFORMED, "the event data must be \"policy\""));
	t[0] = 0x0a;
	t[-4] = 19; /* on PCR 19 */
	CHECK(run() != AV_AFFIRMING);
	CHECK(says(AV_EVENTLOG_MALFORMED, "neither the PCR plan nor the PC Client PFP has such an "
					  "event on PCR 19"));
	fx_free(&fx);
}

TEST(attest_reference_mismatch)
{
	BUILD(.hypervisor = "another hypervisor");
	u8 *json = fx.ref_json;
	size_t n = fx.ref_json_n;
	fx.ref_json = NULL;
	BUILD(.launch = PP_LAUNCH_SKINIT);
	free(fx.ref_json);
	fx.ref_json = json;
	fx.ref_json_n = n;
	CHECK_EQ(run(), AV_CONTRAINDICATED);
	CHECK(only(AV_REFERENCE_MISMATCH));
	CHECK(says(AV_REFERENCE_MISMATCH, "PCR 17 (sha1)"));
	CHECK(says(AV_REFERENCE_MISMATCH, "PCR 17") && !says(AV_REFERENCE_MISMATCH, "PCR 18"));
	CHECK(!res.reference_drtm || res.nfail);
	fx_free(&fx);
}

TEST(attest_state_regressions)
{
	char path[] = "/tmp/parapet-attest-state-XXXXXX";
	int fd = mkstemp(path);
	REQUIRE(fd >= 0);
	close(fd);
	unlink(path);
	BUILD(.reset = 5, .restart = 2, .clock = 5000);
	CHECK_EQ(run_with(&fx.ak, true, AV_ACCEPT_DEFAULT, path), AV_AFFIRMING);
	CHECK(res.state_checked);
	/* the same quote again: a replay */
	run_with(&fx.ak, true, AV_ACCEPT_DEFAULT, path);
	CHECK(only(AV_CLOCKINFO_REGRESSED));
	BUILD(.reset = 5, .restart = 2, .clock = 4000);
	run_with(&fx.ak, true, AV_ACCEPT_DEFAULT, path);
	CHECK(only(AV_CLOCKINFO_REGRESSED));
	BUILD(.reset = 5, .restart = 1, .clock = 9000);
	run_with(&fx.ak, true, AV_ACCEPT_DEFAULT, path);
	CHECK(only(AV_RESTART_COUNT_REGRESSED));
	BUILD(.reset = 4, .restart = 9, .clock = 9000);
	run_with(&fx.ak, true, AV_ACCEPT_DEFAULT, path);
	CHECK(only(AV_RESET_COUNT_REGRESSED));
	/* newer: accepted and remembered */
	BUILD(.reset = 6, .restart = 0, .clock = 100);
	CHECK_EQ(run_with(&fx.ak, true, AV_ACCEPT_DEFAULT, path), AV_AFFIRMING);
	unlink(path);
	fx_free(&fx);
}

/* A real OVMF + GRUB firmware log (tests/fuzz/corpus/fwlog/ovmf-log, after
 * the fuzz input's 4-byte length): every digest the verifier checks holds,
 * so the rules raise no false alarm on real firmware. */
TEST(attest_real_firmware_log_digests)
{
	static struct av_log log;
	struct av_buf b;
	struct pp_err err = {0, ""};
	char why[AV_MSG_MAX];
	REQUIRE(av_read_file("tests/fuzz/corpus/fwlog/ovmf-log", &b, why, sizeof(why)) == 0);
	REQUIRE(b.n > 4);
	int rc = av_log_load(b.p + 4, b.n - 4, PP_EVLOG_ALL_BANKS, &log, "ovmf-log", &err);
	if (rc)
		printf("  %s\n", err.msg);
	CHECK_EQ(rc, PP_OK);
	av_result_init(&res);
	av_log_check_digests(&log, &res);
	av_plan_firmware(&log, &res);
	CHECK_EQ(res.nfail, 0);
	if (res.nfail)
		dump();
	CHECK_EQ(res.grub_cmds, 22);
	CHECK_EQ(res.secure_boot, 0);
	/* one changed GRUB command is named */
	u8 *cmd = memmem(b.p, b.n, "grub_cmd: set timeout=0", 23);
	REQUIRE(cmd);
	cmd[22] = '5';
	REQUIRE(av_log_load(b.p + 4, b.n - 4, PP_EVLOG_ALL_BANKS, &log, "ovmf-log", &err) == PP_OK);
	av_result_init(&res);
	av_log_check_digests(&log, &res);
	CHECK(says(AV_EVENTLOG_DIGEST_MISMATCH, "on PCR 8 (type 0xd)"));
	free(b.p);
}
