// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/refgen: the hypervisor's policy verdict (PP_EV_POLICY_VERDICT, PCR
 * 18), the predicted log's last event: its default data per entry, the
 * --verdict replacement and "none", the data checks; the event's digest in
 * each bank against OpenSSL.
 */
#include <openssl/evp.h>
#include <string.h>
#include "tests/unit/unit.h"
#include "tools/refgen/refgen.h"

static const u8 hv[] = "hypervisor", pol[] = "policy bytes", pd[] = "pd bytes";

/* An entry of a hypervisor, then the given policy modules ("policy a"...), then a pd. */
static void entry(struct rg_entry *e, const char *const *pols, u32 n)
{
	struct pp_err err = {0, ""};
	memset(e, 0, sizeof(*e));
	REQUIRE(rg_module_set(&e->mod[e->nmod++], "hypervisor console=com1", 23, &err) == PP_OK);
	for (u32 i = 0; i < n; i++)
		REQUIRE(rg_module_set(&e->mod[e->nmod++], pols[i], strlen(pols[i]), &err) == PP_OK);
	REQUIRE(rg_module_set(&e->mod[e->nmod++], "pd service", 10, &err) == PP_OK);
	for (u32 i = 0; i < e->nmod; i++) {
		const u8 *d = e->mod[i].role == PP_ROLE_HYPERVISOR ? hv
			      : e->mod[i].role == PP_ROLE_POLICY   ? pol
								   : pd;
		e->mod[i].data = d;
		e->mod[i].len = 8;
	}
}

static u8 buf[1 << 14];

/* Build the static log of e with verdict v; the last event in *last. */
static int build(const struct rg_entry *e, const char *v, struct pp_evlog_event *last,
		 struct pp_evlog_info *info, struct pp_err *err)
{
	static const u16 banks[] = {PP_ALG_SHA1, PP_ALG_SHA256, PP_ALG_SHA384, PP_ALG_SHA512};
	struct rg_input in = {PP_LAUNCH_STATIC, NULL, 0, banks, 4, e, v};
	struct pp_evlog log;
	struct pp_evlog_iter it;
	int rc = rg_build_log(&in, &log, buf, sizeof(buf), err);
	if (rc)
		return rc;
	rc = pp_evlog_check(buf, log.len, log.events, info, err);
	if (rc)
		return rc;
	pp_evlog_iter_init(&it, buf, info);
	while (pp_evlog_iter_next(&it, last))
		;
	return PP_OK;
}

/* The last event is the verdict with data want, its digests OpenSSL's hashes of it. */
static void is_verdict(const struct pp_evlog_event *ev, const struct pp_evlog_info *info,
		       const char *want)
{
	static const char *const mds[] = {"SHA1", "SHA256", "SHA384", "SHA512"};
	CHECK_EQ(ev->pcr, 18);
	CHECK_EQ(ev->type, PP_EV_POLICY_VERDICT);
	CHECK(ev->data_len == strlen(want) && !memcmp(buf + ev->data_off, want, ev->data_len));
	REQUIRE(info->nalgs == 4);
	for (u32 k = 0; k < 4; k++) {
		u8 h[64];
		unsigned int n = 0;
		EVP_Digest(want, strlen(want), h, &n, EVP_get_digestbyname(mds[k]), NULL);
		CHECK(n == info->algs[k].size && !memcmp(buf + ev->digest_off[k], h, n));
	}
}

TEST(refgen_verdict_default)
{
	static struct rg_entry e;
	static const char *const ab[] = {"policy a", "policy b"}, *const ba[] = {"policy b",
										 "policy a"};
	static const char *const b[] = {"policy b"}, *const bare[] = {"policy"};
	struct pp_evlog_event ev;
	struct pp_evlog_info info;
	struct pp_err err = {0, ""};
	char v[PP_EV_VERDICT_MAX + 1];

	entry(&e, ab, 2);
	CHECK(rg_verdict_default(&e, v) && !strcmp(v, "enforced: slot a"));
	REQUIRE(build(&e, NULL, &ev, &info, &err) == PP_OK);
	is_verdict(&ev, &info, "enforced: slot a");
	CHECK_EQ(info.events, 9); /* marker, type, hv, cmdline, 2 policies, pd, manifest, verdict */
	entry(&e, ba, 2);	  /* slot a, wherever it is */
	CHECK(rg_verdict_default(&e, v) && !strcmp(v, "enforced: slot a"));
	entry(&e, b, 1);
	CHECK(rg_verdict_default(&e, v) && !strcmp(v, "enforced: slot b"));
	REQUIRE(build(&e, NULL, &ev, &info, &err) == PP_OK);
	is_verdict(&ev, &info, "enforced: slot b");
	entry(&e, bare, 1);
	CHECK(rg_verdict_default(&e, v) && !strcmp(v, "enforced: policy"));
	REQUIRE(build(&e, NULL, &ev, &info, &err) == PP_OK);
	is_verdict(&ev, &info, "enforced: policy");
	/* no policy: the hypervisor refuses, the refusal is not predicted */
	entry(&e, NULL, 0);
	CHECK(!rg_verdict_default(&e, v));
	REQUIRE(build(&e, NULL, &ev, &info, &err) == PP_OK);
	CHECK_EQ(ev.type, PP_EV_MODULES);
	CHECK_EQ(info.events, 6);
}

TEST(refgen_verdict_option)
{
	static struct rg_entry e;
	static const char *const ab[] = {"policy a", "policy b"};
	struct pp_evlog_event ev;
	struct pp_evlog_info info;
	struct pp_err err = {0, ""};
	entry(&e, ab, 2);
	/* an operator who confirmed slot b */
	REQUIRE(build(&e, "enforced: slot b", &ev, &info, &err) == PP_OK);
	is_verdict(&ev, &info, "enforced: slot b");
	REQUIRE(build(&e, "refused: policy: signature does not verify", &ev, &info, &err) == PP_OK);
	is_verdict(&ev, &info, "refused: policy: signature does not verify");
	REQUIRE(build(&e, RG_VERDICT_NONE, &ev, &info, &err) == PP_OK);
	CHECK_EQ(ev.type, PP_EV_MODULES);
	CHECK_EQ(info.events, 8);
	/* a verdict even without a policy, when asked for */
	entry(&e, NULL, 0);
	REQUIRE(build(&e, "enforced: policy", &ev, &info, &err) == PP_OK);
	is_verdict(&ev, &info, "enforced: policy");
}

TEST(refgen_verdict_check)
{
	static struct rg_entry e;
	static const char *const bare[] = {"policy"};
	static char lng[PP_EV_VERDICT_MAX + 2];
	struct pp_evlog_event ev;
	struct pp_evlog_info info;
	struct pp_err err = {0, ""};
	CHECK(rg_verdict_check("enforced: slot a", &err) == PP_OK);
	CHECK(rg_verdict_check("refused: x", &err) == PP_OK);
	CHECK(rg_verdict_check("enforced slot a", &err) == PP_EINVAL);
	CHECK_MSG(&err,
		  "verdict \"enforced slot a\": must be \"enforced: ...\" or \"refused: ...\"");
	CHECK(rg_verdict_check("enforced: ", &err) == PP_EINVAL); /* says nothing */
	CHECK(rg_verdict_check("", &err) == PP_EINVAL);
	CHECK(rg_verdict_check("refused: a\tb", &err) == PP_EINVAL);
	CHECK_MSG(&err, "verdict: byte 10 (0x09) is not printable ASCII");
	CHECK(rg_verdict_check("enforced: \xc3\xa9", &err) == PP_EINVAL);
	CHECK_MSG(&err, "byte 10 (0xc3)");
	memset(lng, 'x', sizeof(lng) - 1);
	memcpy(lng, "refused: ", 9);
	CHECK(rg_verdict_check(lng, &err) == PP_ERANGE);
	CHECK_MSG(&err, "verdict: 161 bytes, at most 160");
	lng[PP_EV_VERDICT_MAX] = 0;
	CHECK(rg_verdict_check(lng, &err) == PP_OK);
	/* rg_build_log checks it too */
	entry(&e, bare, 1);
	CHECK(build(&e, "accepted: policy", &ev, &info, &err) == PP_EINVAL);
	CHECK_MSG(&err, "must be \"enforced: ...\"");
}
