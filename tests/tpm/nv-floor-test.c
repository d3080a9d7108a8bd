// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NV rollback floor (common/tpm/nv_floor.c, docs/tpm-nv-floor.md)
 * against a private swtpm: tests/tpm/nv-run.sh starts a fresh swtpm, lets
 * tpm2-tools compute the two policy digests with trial sessions, and runs
 *   nv-floor-test DATA_SOCK CTRL_SOCK [COUNTER_POLICY_HEX BASELINE_POLICY_HEX]
 * Localities are switched over swtpm's control channel, as QEMU's TIS does.
 * Every refusal asserts the TPM's response code and that the floor did not
 * move. One line per check, then "nv: N passed, N failed"; exit status 0
 * only when nothing failed. Trust: none needed (a test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/nv_slots.h>
#include <parapet/tpm2_nv.h>
#include "tests/tpm/swtpm_xport.h"

static int passed, failed;
static struct tpm2_dev dev; /* large (buffers): not on the stack */
static struct swtpm_conn conn;
static const struct nvfloor_layout *L = &nvfloor_default_layout;

static void check(bool ok, const char *name, const char *detail)
{
	if (ok) {
		passed++;
		printf("ok   %s\n", name);
	} else {
		failed++;
		printf("FAIL %s%s%s\n", name, detail && *detail ? ": " : "", detail ? detail : "");
	}
}

/* tpm2_rc_describe, plus the NV codes tpm2_rc.c does not name. */
static const char *rcs(u32 rc)
{
	static char buf[80];
	static const struct {
		u32 rc;
		const char *name;
	} nv[] = {
	    {TPM2_RC_ATTRIBUTES, "TPM_RC_ATTRIBUTES"},
	    {TPM2_RC_POLICY_FAIL, "TPM_RC_POLICY_FAIL"},
	    {TPM2_RC_POLICY_CC, "TPM_RC_POLICY_CC"},
	    {TPM2_RC_AUTH_UNAVAILABLE, "TPM_RC_AUTH_UNAVAILABLE"},
	    {TPM2_RC_NV_LOCKED, "TPM_RC_NV_LOCKED"},
	    {TPM2_RC_NV_AUTHORIZATION, "TPM_RC_NV_AUTHORIZATION"},
	    {TPM2_RC_NV_DEFINED, "TPM_RC_NV_DEFINED"},
	};
	for (size_t i = 0; i < PP_ARRAY_SIZE(nv); i++)
		if (TPM2_RC_BASE(rc) == nv[i].rc) {
			snprintf(buf, sizeof(buf), "0x%x %s", rc, nv[i].name);
			return buf;
		}
	return tpm2_rc_describe(rc, buf, sizeof(buf));
}

static bool at(u8 loc)
{
	struct pp_err err = {0, ""};
	int rc = tpm2_request_locality(&dev, loc, &err);
	if (rc)
		printf("info locality %u: %s\n", loc, err.msg);
	return rc == 0;
}

/* The floor as the hypervisor sees it; ~0 when it cannot be read. */
static u32 floor_now(void)
{
	struct pp_err err = {0, ""};
	struct nvfloor_state st;
	u8 loc = dev.locality;

	at(0);
	if (nvfloor_read(&dev, L, &st, &err)) {
		printf("info floor unreadable: %s\n", err.msg);
		st.floor = ~0u;
	}
	at(loc);
	return st.floor;
}

/* rc was a TPM refusal whose code (without handle/parameter number) is one of want[]. */
static bool refused(int rc, const u32 *want, size_t n)
{
	if (rc != PP_EDEVICE)
		return false;
	for (size_t i = 0; i < n; i++)
		if (TPM2_RC_BASE(dev.last_rc) == want[i])
			return true;
	return false;
}

static void check_refused(int rc, const u32 *want, size_t n, u32 floor_before, const char *name,
			  const struct pp_err *err)
{
	char d[PP_ERR_MSG_MAX + 80];
	u32 last = dev.last_rc;
	bool ok = refused(rc, want, n);
	u32 f = floor_now();

	snprintf(d, sizeof(d), "rc %d last_rc %s floor %u->%u: %s", rc, rcs(last), floor_before, f,
		 err->msg);
	check(ok && f == floor_before, name, d);
	printf("info   -> %s\n", rc ? rcs(last) : "accepted");
}

static bool parse_hex32(const char *s, u8 out[32])
{
	if (!s || strlen(s) != 64)
		return false;
	for (size_t i = 0; i < 32; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return false;
		out[i] = (u8)v;
	}
	return true;
}

/* Our software digests == a TPM trial session's == tpm2-tools' (if given). */
static void test_policy_digests(const char *tools_counter, const char *tools_baseline)
{
	struct pp_err err = {0, ""};
	u8 ours[32], tpm[32], tools[32], nonce[16];
	u32 s = 0;
	int rc;

	memset(nonce, 0x5A, sizeof(nonce));
	for (int which = 0; which < 3; which++) {
		static const char *const names[] = {"counter", "baseline",
						    "delete branch (counter)"};
		char label[96];
		bool counter = which != 1;
		enum nvfloor_branch br = which == 0   ? NVFLOOR_BR_INCREMENT
					 : which == 1 ? NVFLOOR_BR_WRITE
						      : NVFLOOR_BR_DELETE;
		if (counter)
			nvfloor_counter_policy(ours);
		else
			nvfloor_baseline_policy(ours);
		s = 0;
		rc = tpm2_start_policy_session(&dev, true, nonce, sizeof(nonce), &s, &err);
		if (!rc)
			rc = nvfloor_policy_satisfy(&dev, s, counter, br, &err);
		if (!rc)
			rc = tpm2_policy_get_digest(&dev, s, tpm, &err);
		if (s)
			tpm2_flush_context(&dev, s, &err);
		snprintf(label, sizeof(label), "policy: %s digest computed = TPM trial session's",
			 names[which]);
		check(rc == 0 && !memcmp(ours, tpm, 32), label, err.msg);
		if (which < 2 && parse_hex32(which ? tools_baseline : tools_counter, tools)) {
			snprintf(label, sizeof(label),
				 "policy: %s digest = tpm2-tools trial digest", names[which]);
			check(!memcmp(ours, tools, 32), label, NULL);
		}
	}
}

static void test_define(void)
{
	struct pp_err err = {0, ""};
	struct tpm2_nv_public pub;
	struct nvfloor_state st;
	int rc;
	static const u32 attr_rc[] = {TPM2_RC_ATTRIBUTES};
	static const u32 defined_rc[] = {TPM2_RC_NV_DEFINED};

	/* The owner cannot create a look-alike: PLATFORMCREATE needs the platform. */
	nvfloor_expected_public(L, true, &pub);
	rc = tpm2_nv_define(&dev, TPM2_RH_OWNER, &pub, &err);
	check(refused(rc, attr_rc, 1), "define: owner cannot define the platform-created counter",
	      rcs(dev.last_rc));
	rc = nvfloor_define(&dev, L, &err);
	check(rc == 0, "define: both indices with platform authorization", err.msg);
	rc = nvfloor_read(&dev, L, &st, &err);
	check(rc == PP_ENOENT && strstr(err.msg, "never written"),
	      "define: unprovisioned floor is refused (never written)", err.msg);
	rc = tpm2_nv_define(&dev, TPM2_RH_PLATFORM, &pub, &err);
	check(refused(rc, defined_rc, 1), "define: redefining the counter's handle refused",
	      rcs(dev.last_rc));
}

static void test_provision(void)
{
	struct pp_err err = {0, ""};
	struct nvfloor_state st;
	static const u32 loc_rc[] = {TPM2_RC_LOCALITY};
	char d[PP_ERR_MSG_MAX + 40];

	for (u8 loc = 0; loc <= 3; loc++) {
		if (loc == 2 || !at(loc))
			continue;
		int rc = nvfloor_provision(&dev, L, &st, &err);
		char name[64];
		snprintf(d, sizeof(d), "%s", err.msg);
		snprintf(name, sizeof(name), "provision: at locality %u refused (TPM_RC_LOCALITY)",
			 loc);
		check(refused(rc, loc_rc, 1), name, d);
	}
	at(2);
	int rc = nvfloor_provision(&dev, L, &st, &err);
	check(rc == 0 && st.floor == 0, "provision: at locality 2, floor 0", err.msg);
	printf("info counter 0x%llx baseline 0x%llx\n", (unsigned long long)st.counter,
	       (unsigned long long)st.baseline);
	rc = nvfloor_provision(&dev, L, &st, &err);
	check(rc == PP_EINVAL && strstr(err.msg, "already locked"),
	      "provision: a second provisioning refused", err.msg);
}

static void test_read_everywhere(void)
{
	struct pp_err err = {0, ""};
	struct nvfloor_state st;
	char d[PP_ERR_MSG_MAX + 40] = "";
	bool ok = true;

	for (u8 loc = 0; loc <= 4; loc++) {
		if (!at(loc)) {
			printf("info read at locality %u: locality not granted\n", loc);
			continue;
		}
		if (nvfloor_read(&dev, L, &st, &err) || st.floor != 0) {
			snprintf(d, sizeof(d), "locality %u: %s", loc, err.msg);
			ok = false;
		}
	}
	check(ok, "read: floor 0 at every locality", d);
}

static void test_raise(void)
{
	struct pp_err err = {0, ""};
	struct nvfloor_state st;
	static const u32 loc_rc[] = {TPM2_RC_LOCALITY};
	char name[80];
	int rc;

	at(2);
	rc = nvfloor_raise(&dev, L, 3, &st, &err);
	check(rc == 0 && st.floor == 3, "raise: to 3 at locality 2", err.msg);
	rc = nvfloor_raise(&dev, L, 2, &st, &err);
	check(rc == 0 && st.floor == 3, "raise: to 2 (below) changes nothing", err.msg);
	at(0);
	rc = nvfloor_check_epoch(&dev, L, 2, &st, &err);
	check(rc == PP_ERANGE && strstr(err.msg, "policy epoch 2 is below the TPM floor 3"),
	      "check: epoch 2 refused against floor 3 (at locality 0)", err.msg);
	rc = nvfloor_check_epoch(&dev, L, 3, &st, &err);
	check(rc == 0, "check: epoch 3 accepted", err.msg);
	at(2);
	for (u8 loc = 0; loc <= 4; loc++) {
		if (loc == 2)
			continue;
		if (!at(loc)) {
			printf("info raise at locality %u: locality not granted\n", loc);
			continue;
		}
		rc = nvfloor_raise(&dev, L, 5, &st, &err);
		snprintf(name, sizeof(name), "raise: at locality %u refused (TPM_RC_LOCALITY)",
			 loc);
		check_refused(rc, loc_rc, 1, 3, name, &err);
	}
	at(2);
	rc = nvfloor_raise(&dev, L, 3 + NVFLOOR_MAX_STEP + 1, &st, &err);
	check(rc == PP_ERANGE && floor_now() == 3, "raise: a jump above the maximum is refused",
	      err.msg);
	rc = nvfloor_raise(&dev, L, 3 + NVFLOOR_MAX_STEP, &st, &err);
	check(rc == 0 && st.floor == 3 + NVFLOOR_MAX_STEP, "raise: the maximum jump works",
	      err.msg);
}

/* A fresh policy session in *s (the old one flushed): a refused command
 * leaves its session's policy state as it was, so each attempt starts anew. */
static int fresh(u32 *s, const u8 *nonce, struct pp_err *err)
{
	if (*s)
		tpm2_flush_context(&dev, *s, err);
	*s = 0;
	return tpm2_start_policy_session(&dev, false, nonce, 16, s, err);
}

/* Every way to lower or reset it without locality 2 + platform authority. */
static void test_reset(void)
{
	struct pp_err err = {0, ""};
	u32 f = floor_now(), s = 0;
	u8 big[8] = {0x7F, 0, 0, 0, 0, 0, 0, 0}, nonce[16];
	static const u32 undef_rc[] = {TPM2_RC_ATTRIBUTES, TPM2_RC_NV_AUTHORIZATION};
	/* owner/platform authorization of an index without OWNERWRITE/PPWRITE;
	 * the index password without AUTHWRITE; a locked index */
	static const u32 hier_rc[] = {TPM2_RC_NV_AUTHORIZATION, TPM2_RC_NV_LOCKED};
	static const u32 pw_rc[] = {TPM2_RC_AUTH_UNAVAILABLE};
	static const u32 lock_rc[] = {TPM2_RC_NV_LOCKED, TPM2_RC_LOCALITY};
	static const u32 pol_rc[] = {TPM2_RC_POLICY_FAIL, TPM2_RC_POLICY_CC, TPM2_RC_LOCALITY};
	static const u32 loc_rc[] = {TPM2_RC_LOCALITY};
	int rc;

	memset(nonce, 0xA5, sizeof(nonce));
	for (u8 loc = 0; loc <= 3; loc++) {
		char name[96];
		if (!at(loc))
			continue;
		printf("info reset attempts at locality %u\n", loc);
		snprintf(name, sizeof(name), "reset@%u: NV_UndefineSpace(owner, counter) refused",
			 loc);
		rc = tpm2_nv_undefine(&dev, TPM2_RH_OWNER, L->counter, &err);
		check_refused(rc, undef_rc, 2, f, name, &err);
		snprintf(name, sizeof(name),
			 "reset@%u: NV_UndefineSpace(platform, counter) refused", loc);
		rc = tpm2_nv_undefine(&dev, TPM2_RH_PLATFORM, L->counter, &err);
		check_refused(rc, undef_rc, 2, f, name, &err);
		snprintf(name, sizeof(name),
			 "reset@%u: NV_UndefineSpace(platform, baseline) refused", loc);
		rc = tpm2_nv_undefine(&dev, TPM2_RH_PLATFORM, L->baseline, &err);
		check_refused(rc, undef_rc, 2, f, name, &err);
		snprintf(name, sizeof(name), "reset@%u: NV_Write(owner) of the baseline refused",
			 loc);
		rc = tpm2_nv_write_as(&dev, TPM2_RH_OWNER, L->baseline, 0, big, 8, &err);
		check_refused(rc, hier_rc, 2, f, name, &err);
		snprintf(name, sizeof(name),
			 "reset@%u: NV_Write(index password) of the baseline refused", loc);
		rc = tpm2_nv_write(&dev, L->baseline, TPM2_RS_PW, 0, big, 8, &err);
		check_refused(rc, pw_rc, 1, f, name, &err);
		snprintf(name, sizeof(name), "reset@%u: NV_Increment(platform) refused", loc);
		rc = tpm2_nv_increment_as(&dev, TPM2_RH_PLATFORM, L->counter, &err);
		check_refused(rc, hier_rc, 1, f, name, &err);
		snprintf(name, sizeof(name), "reset@%u: NV_Increment(owner) refused", loc);
		rc = tpm2_nv_increment_as(&dev, TPM2_RH_OWNER, L->counter, &err);
		check_refused(rc, hier_rc, 1, f, name, &err);
		snprintf(name, sizeof(name), "reset@%u: NV_Increment(index password) refused", loc);
		rc = tpm2_nv_increment(&dev, L->counter, TPM2_RS_PW, &err);
		check_refused(rc, pw_rc, 1, f, name, &err);

		/* the baseline's own policy (WRITE branch), satisfied or not */
		s = 0;
		rc = fresh(&s, nonce, &err);
		if (!rc)
			rc = nvfloor_policy_satisfy(&dev, s, false, NVFLOOR_BR_WRITE, &err);
		if (!rc)
			rc = tpm2_nv_write(&dev, L->baseline, s, 0, big, 8, &err);
		snprintf(name, sizeof(name),
			 "reset@%u: NV_Write(baseline policy) refused (locked/locality)", loc);
		check_refused(rc, lock_rc, 2, f, name, &err);
		/* the counter under the baseline's policy: another digest */
		rc = fresh(&s, nonce, &err);
		if (!rc)
			rc = nvfloor_policy_satisfy(&dev, s, false, NVFLOOR_BR_WRITE, &err);
		if (!rc)
			rc = tpm2_nv_increment(&dev, L->counter, s, &err);
		snprintf(name, sizeof(name),
			 "reset@%u: NV_Increment under the baseline's policy refused", loc);
		check_refused(rc, pol_rc, 3, f, name, &err);
		/* UndefineSpaceSpecial through the INCREMENT branch: commandCode differs */
		rc = fresh(&s, nonce, &err);
		if (!rc)
			rc = nvfloor_policy_satisfy(&dev, s, true, NVFLOOR_BR_INCREMENT, &err);
		if (!rc)
			rc = tpm2_nv_undefine_special(&dev, L->counter, s, &err);
		snprintf(name, sizeof(name),
			 "reset@%u: NV_UndefineSpaceSpecial(counter) via its INCREMENT branch "
			 "refused",
			 loc);
		check_refused(rc, pol_rc, 3, f, name, &err);
		if (loc != 2) {
			/* and through its DELETE branch, with platform auth: locality */
			rc = fresh(&s, nonce, &err);
			if (!rc)
				rc = nvfloor_policy_satisfy(&dev, s, true, NVFLOOR_BR_DELETE, &err);
			if (!rc)
				rc = tpm2_nv_undefine_special(&dev, L->counter, s, &err);
			snprintf(name, sizeof(name),
				 "reset@%u: NV_UndefineSpaceSpecial(counter) via DELETE + platform "
				 "auth refused (TPM_RC_LOCALITY)",
				 loc);
			check_refused(rc, loc_rc, 1, f, name, &err);
		}
		if (s)
			tpm2_flush_context(&dev, s, &err);
	}
	at(0);
}

/* TPM2_Clear (Part 3, 24.6) with the lockout hierarchy's (empty) password:
 * what "clear the TPM" in an OS does. It removes owner-created indices only. */
static void test_clear(void)
{
	struct pp_err err = {0, ""};
	u8 c[27];
	u32 f = floor_now();
	int rc;

	st_be16(c, TPM2_ST_SESSIONS);
	st_be32(c + 2, sizeof(c));
	st_be32(c + 6, 0x00000126u);  /* TPM_CC_Clear */
	st_be32(c + 10, 0x4000000Au); /* TPM_RH_LOCKOUT */
	st_be32(c + 14, 9);
	st_be32(c + 18, TPM2_RS_PW);
	memset(c + 22, 0, 5);
	at(0);
	rc = tpm2_exchange(&dev, c, sizeof(c), "TPM2_Clear(lockout)", &err);
	check(rc == 0, "clear: TPM2_Clear at locality 0 succeeds", err.msg);
	check(floor_now() == f, "clear: the floor survives TPM2_Clear", NULL);
}

/* Other indices at other handles: each differing public area is named. */
static void test_detect(void)
{
	struct pp_err err = {0, ""};
	struct nvfloor_state st;
	struct tpm2_nv_public pub;
	struct {
		const char *name;
		u32 auth, clear, set;
		const char *expect;
	} v[] = {
	    {"owner-created look-alike (no PLATFORMCREATE/POLICY_DELETE)", TPM2_RH_OWNER,
	     TPMA_NV_PLATFORMCREATE | TPMA_NV_POLICY_DELETE, 0, "bit 10 clear"},
	    {"writable with the index password (AUTHWRITE)", TPM2_RH_PLATFORM, 0, TPMA_NV_AUTHWRITE,
	     "bit 2 set"},
	    {"owner-writable (OWNERWRITE)", TPM2_RH_PLATFORM, 0, TPMA_NV_OWNERWRITE, "bit 1 set"},
	    {"ordinary index instead of a counter", TPM2_RH_PLATFORM,
	     TPM2_NT_COUNTER << TPMA_NV_TPM_NT_SHIFT, 0, "bit 4 clear"},
	    {"another policy (any locality)", TPM2_RH_PLATFORM, 0, 0, "authPolicy"},
	};
	u32 base = 0x01500B00u;
	int rc;

	for (size_t i = 0; i < PP_ARRAY_SIZE(v); i++) {
		struct nvfloor_layout l = {base + 2 * (u32)i, base + 2 * (u32)i + 1};
		char name[120];
		nvfloor_expected_public(&l, true, &pub);
		pub.attributes = (pub.attributes & ~v[i].clear) | v[i].set;
		if (i == 4) {
			memset(pub.policy, 0, 32);
			tpm2_policy_extend_locality(pub.policy, 0x1F);
		}
		rc = tpm2_nv_define(&dev, v[i].auth, &pub, &err);
		snprintf(name, sizeof(name), "detect: defined %s", v[i].name);
		check(rc == 0, name, err.msg);
		rc = nvfloor_read(&dev, &l, &st, &err);
		snprintf(name, sizeof(name), "detect: %s refused", v[i].name);
		check(rc == PP_EINVAL && strstr(err.msg, v[i].expect), name, err.msg);
		printf("info   -> %s\n", err.msg);
	}
	struct nvfloor_layout none = {0x01500BF0u, 0x01500BF1u};
	rc = nvfloor_read(&dev, &none, &st, &err);
	check(rc == PP_ENOENT && strstr(err.msg, "not defined"), "detect: absent index refused",
	      err.msg);
}

/* TPM2_HierarchyChangeAuth(TPM_RH_PLATFORM) (Part 3, 24.8), authorized by the
 * password `old`, setting `neu`: firmware on a real machine sets a random
 * platform password before the OS runs; here the test does. */
static int platform_auth(const char *old, const char *neu)
{
	u8 c[128];
	size_t o = 0, ol = strlen(old), nl = strlen(neu);
	struct pp_err err = {0, ""};

	st_be16(c, TPM2_ST_SESSIONS), o = 10;
	st_be32(c + 6, 0x00000129u); /* TPM_CC_HierarchyChangeAuth */
	st_be32(c + o, TPM2_RH_PLATFORM), o += 4;
	st_be32(c + o, (u32)(9 + ol)), o += 4;
	st_be32(c + o, TPM2_RS_PW), o += 4;
	st_be16(c + o, 0), o += 2;
	c[o++] = 0;
	st_be16(c + o, (u16)ol), o += 2;
	memcpy(c + o, old, ol), o += ol;
	st_be16(c + o, (u16)nl), o += 2;
	memcpy(c + o, neu, nl), o += nl;
	st_be32(c + 2, (u32)o);
	return tpm2_exchange(&dev, c, o, "TPM2_HierarchyChangeAuth(platform)", &err);
}

/*
 * Last: deletion needs platform authorization AND locality 2 (the DELETE
 * branch). Without the platform password: refused. With it at locality 2:
 * both go, and a counter defined again at the handle resumes above the old
 * value (NV counters never go back), while the floor starts again at 0:
 * the documented reset path (docs/tpm-nv-floor.md).
 */
static void test_delete_rules(void)
{
	struct pp_err err = {0, ""};
	static const u32 bad_rc[] = {TPM2_RC_BAD_AUTH, TPM2_RC_AUTH_FAIL};
	static const u32 loc_rc[] = {TPM2_RC_LOCALITY};
	struct nvfloor_state before, st;
	u32 f = floor_now();
	int rc;

	at(0);
	check(nvfloor_read(&dev, L, &before, &err) == 0, "delete: floor read", err.msg);
	check(platform_auth("", "parapet-test") == 0, "delete: platform password set", NULL);
	at(2);
	rc = nvfloor_undefine(&dev, L, &err);
	check_refused(rc, bad_rc, 2, f,
		      "delete: at locality 2 without the platform password refused", &err);
	check(platform_auth("parapet-test", "") == 0, "delete: platform password cleared", NULL);
	for (u8 loc = 0; loc <= 3; loc++) {
		char name[96];
		if (loc == 2 || !at(loc))
			continue;
		rc = nvfloor_undefine(&dev, L, &err);
		snprintf(name, sizeof(name),
			 "delete: at locality %u with platform auth refused (TPM_RC_LOCALITY)",
			 loc);
		check_refused(rc, loc_rc, 1, f, name, &err);
	}
	at(2);
	rc = nvfloor_undefine(&dev, L, &err);
	check(rc == 0, "delete: platform auth + locality 2 deletes both", err.msg);
	rc = nvfloor_read(&dev, L, &st, &err);
	check(rc == PP_ENOENT, "delete: floor absent afterwards", err.msg);
	rc = nvfloor_define(&dev, L, &err);
	if (!rc)
		rc = nvfloor_provision(&dev, L, &st, &err);
	check(rc == 0 && st.floor == 0 && st.counter > before.counter,
	      "delete: redefined counter resumes above the old value; floor 0 again", err.msg);
	printf("info counter before 0x%llx, after redefinition 0x%llx\n",
	       (unsigned long long)before.counter, (unsigned long long)st.counter);
	at(0);
}

/* The slot record as it is now (0: read and parsed). */
static int slots_now(struct pp_slot_record *r, struct pp_err *err)
{
	u8 loc = dev.locality;
	int rc;

	at(0);
	rc = nvslots_read(&dev, NVSLOTS_INDEX, r, err);
	at(loc);
	return rc;
}

/* A refusal by the TPM with code want, and the record still equals *before. */
static void check_slots_refused(int rc, u32 want, const struct pp_slot_record *before,
				const char *name, const struct pp_err *err)
{
	struct pp_slot_record now;
	struct pp_err e2 = {0, ""};
	char d[2 * PP_ERR_MSG_MAX + 80];
	u32 last = dev.last_rc;
	int rrc = slots_now(&now, &e2);
	bool same = rrc == 0 && !memcmp(&now, before, sizeof(now));

	snprintf(d, sizeof(d), "rc %d last_rc %s, record %s: %s", rc, rcs(last),
		 same ? "unchanged" : "CHANGED/unreadable", rrc ? e2.msg : err->msg);
	check(rc == PP_EDEVICE && TPM2_RC_BASE(last) == want && same, name, d);
	printf("info   -> %s\n", rc ? rcs(last) : "accepted");
}

/*
 * The slot record (common/tpm/nv_slots.c): defined by the platform only,
 * written at locality 2 only (0, 1, 3, 4 refused with TPM_RC_LOCALITY), by
 * no hierarchy or password, deleted only with platform auth at locality 2.
 */
static void test_slots(void)
{
	struct pp_err err = {0, ""};
	struct tpm2_nv_public pub;
	struct pp_slot_record rec, got, zero;
	static const u32 attr_rc[] = {TPM2_RC_ATTRIBUTES};
	static const u32 undef_rc[] = {TPM2_RC_ATTRIBUTES, TPM2_RC_NV_AUTHORIZATION};
	char name[112];
	int rc;

	memset(&zero, 0, sizeof(zero));
	at(0);
	nvslots_expected_public(NVSLOTS_INDEX, &pub);
	rc = tpm2_nv_define(&dev, TPM2_RH_OWNER, &pub, &err);
	check(refused(rc, attr_rc, 1), "slots: owner cannot define the slot record",
	      rcs(dev.last_rc));
	rc = nvslots_define(&dev, NVSLOTS_INDEX, &err);
	check(rc == 0, "slots: defined with platform authorization", err.msg);
	rc = nvslots_read(&dev, NVSLOTS_INDEX, &got, &err);
	check(rc == PP_ENOENT && strstr(err.msg, "never written"),
	      "slots: an unwritten record is refused (never written)", err.msg);
	for (u8 loc = 0; loc <= 4; loc++) {
		if (loc == 2)
			continue;
		if (!at(loc)) {
			printf("info slots write at locality %u: locality not granted\n", loc);
			continue;
		}
		rc = nvslots_write(&dev, NVSLOTS_INDEX, &zero, &err);
		snprintf(name, sizeof(name),
			 "slots: first write at locality %u refused (TPM_RC_LOCALITY)", loc);
		check(refused(rc, (const u32[]){TPM2_RC_LOCALITY}, 1), name, rcs(dev.last_rc));
	}
	at(2);
	rc = nvslots_write(&dev, NVSLOTS_INDEX, &zero, &err);
	check(rc == 0, "slots: all-zero record written at locality 2", err.msg);
	rc = slots_now(&got, &err);
	check(rc == 0 && !memcmp(&got, &zero, sizeof(got)), "slots: reads back all zero", err.msg);

	memset(&rec, 0, sizeof(rec));
	for (u32 i = 0; i < PP_SLOT_DIGEST; i++)
		rec.confirmed[i] = (u8)(0xC0 + i);
	memset(rec.trial[1].prefix, 0xB2, PP_SLOT_PREFIX);
	rec.trial[1].count = 2;
	at(2);
	rc = nvslots_write(&dev, NVSLOTS_INDEX, &rec, &err);
	check(rc == 0, "slots: a trial record written at locality 2", err.msg);
	rc = slots_now(&got, &err);
	check(rc == 0 && !memcmp(&got, &rec, sizeof(got)), "slots: reads back what was written",
	      err.msg);
	for (u8 loc = 0; loc <= 4; loc++) {
		if (loc == 2)
			continue;
		if (!at(loc)) {
			printf("info slots rewrite at locality %u: locality not granted\n", loc);
			continue;
		}
		rc = nvslots_write(&dev, NVSLOTS_INDEX, &zero, &err);
		snprintf(name, sizeof(name),
			 "slots: write at locality %u refused (TPM_RC_LOCALITY), record unchanged",
			 loc);
		check_slots_refused(rc, TPM2_RC_LOCALITY, &rec, name, &err);
		u8 b[NVSLOTS_SIZE];
		memset(b, 0, sizeof(b));
		rc = tpm2_nv_write_as(&dev, TPM2_RH_OWNER, NVSLOTS_INDEX, 0, b, sizeof(b), &err);
		snprintf(name, sizeof(name), "slots: NV_Write(owner) at locality %u refused", loc);
		check_slots_refused(rc, TPM2_RC_NV_AUTHORIZATION, &rec, name, &err);
		rc = tpm2_nv_write_as(&dev, TPM2_RH_PLATFORM, NVSLOTS_INDEX, 0, b, sizeof(b), &err);
		snprintf(name, sizeof(name), "slots: NV_Write(platform) at locality %u refused",
			 loc);
		check_slots_refused(rc, TPM2_RC_NV_AUTHORIZATION, &rec, name, &err);
		rc = tpm2_nv_write(&dev, NVSLOTS_INDEX, TPM2_RS_PW, 0, b, sizeof(b), &err);
		snprintf(name, sizeof(name),
			 "slots: NV_Write(index password) at locality %u refused", loc);
		check_slots_refused(rc, TPM2_RC_AUTH_UNAVAILABLE, &rec, name, &err);
		rc = nvslots_undefine(&dev, NVSLOTS_INDEX, &err);
		snprintf(name, sizeof(name),
			 "slots: delete (DELETE branch + platform) at locality %u refused "
			 "(TPM_RC_LOCALITY)",
			 loc);
		check_slots_refused(rc, TPM2_RC_LOCALITY, &rec, name, &err);
	}
	at(0);
	rc = tpm2_nv_undefine(&dev, TPM2_RH_PLATFORM, NVSLOTS_INDEX, &err);
	check(refused(rc, undef_rc, 2) && slots_now(&got, &err) == 0,
	      "slots: NV_UndefineSpace(platform) refused (POLICY_DELETE)", rcs(dev.last_rc));
	rc = tpm2_nv_undefine(&dev, TPM2_RH_OWNER, NVSLOTS_INDEX, &err);
	check(refused(rc, undef_rc, 2) && slots_now(&got, &err) == 0,
	      "slots: NV_UndefineSpace(owner) refused", rcs(dev.last_rc));

	/* a record that is not ours: wrong size, foreign attributes */
	struct tpm2_nv_public odd;
	nvslots_expected_public(0x01500B80u, &odd);
	odd.attributes |= TPMA_NV_AUTHWRITE;
	rc = tpm2_nv_define(&dev, TPM2_RH_PLATFORM, &odd, &err);
	if (!rc)
		rc = nvslots_read(&dev, 0x01500B80u, &got, &err);
	check(rc == PP_EINVAL && strstr(err.msg, "bit 2 set"),
	      "slots: an AUTHWRITE look-alike is refused", err.msg);

	/* the reset path: platform auth + locality 2 deletes it; define again */
	at(2);
	rc = nvslots_undefine(&dev, NVSLOTS_INDEX, &err);
	check(rc == 0, "slots: platform auth + locality 2 deletes the record", err.msg);
	rc = slots_now(&got, &err);
	check(rc == PP_ENOENT && strstr(err.msg, "not defined"), "slots: absent afterwards",
	      err.msg);
	rc = nvslots_define(&dev, NVSLOTS_INDEX, &err);
	if (!rc)
		rc = nvslots_write(&dev, NVSLOTS_INDEX, &zero, &err);
	if (!rc)
		rc = slots_now(&got, &err);
	check(rc == 0 && !memcmp(&got, &zero, sizeof(got)), "slots: defined and zeroed again",
	      err.msg);
	at(0);
}

int main(int argc, char **argv)
{
	struct pp_err err = {0, ""};

	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: %s DATA_SOCKET CTRL_SOCKET [COUNTER_HEX BASELINE_HEX]\n",
			argv[0]);
		return 2;
	}
	if (swtpm_connect(&conn, argv[1], argv[2], &err)) {
		printf("FAIL connect: %s\nnv: 0 passed, 1 failed\n", err.msg);
		return 1;
	}
	tpm2_init(&dev, &swtpm_transport, &conn);
	check(at(0) && tpm2_startup(&dev, NULL, &err) == 0, "startup", err.msg);
	test_policy_digests(argc == 5 ? argv[3] : NULL, argc == 5 ? argv[4] : NULL);
	test_define();
	test_provision();
	test_read_everywhere();
	test_raise();
	test_reset();
	test_clear();
	test_detect();
	test_slots();
	test_delete_rules();
	tpm2_release_locality(&dev, &err);
	swtpm_close(&conn);
	printf("nv: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
