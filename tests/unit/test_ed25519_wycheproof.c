// SPDX-License-Identifier: GPL-2.0-only
/*
 * The freestanding Ed25519 verifier against all 151 Wycheproof cases
 * (../shared/testdata/wycheproof/ed25519_test.json, read in place with
 * json-c; docs/testing.md): each case's result ("valid" or "invalid") must
 * be ours, and OpenSSL's too for the 64-byte signatures. A signature of any
 * other length is refused before the verifier (its interface takes exactly
 * 64 bytes, as the signed policy's trailer holds exactly 64), so those
 * cases must be "invalid". The test fails unless exactly 151 cases ran.
 * The file is looked up at $PP_WYCHEPROOF (a path), then
 * ../shared/testdata/wycheproof/ and ../../shared/testdata/wycheproof/
 * from the repository root (the unit tests run from there), then at the
 * workplace's own /work/shared/testdata/wycheproof/ (a clean clone in
 * another directory, as CI makes, still reads it in place).
 */
#include <stdlib.h>
#include <json-c/json.h>
#include <parapet/ed25519.h>
#include "test_ed25519_util.h"
#include "unit.h"

#define WP_FILE "shared/testdata/wycheproof/ed25519_test.json"
#define WP_CASES 151

static const char *str(json_object *o, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *load(void)
{
	const char *env = getenv("PP_WYCHEPROOF");
	const char *paths[] = {env, "../" WP_FILE, "../../" WP_FILE, "/work/" WP_FILE};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (!paths[i])
			continue;
		json_object *root = json_object_from_file(paths[i]);
		if (root)
			return root;
	}
	return NULL;
}

/* One case: 1 when our verdict matches the expected one, else 0. */
static int run_case(const char *pk_hex, json_object *t)
{
	const char *msg_hex = str(t, "msg"), *sig_hex = str(t, "sig"), *res = str(t, "result");
	u8 pub[32], sig[200];
	static u8 msg[4096];
	if (!msg_hex || !sig_hex || !res || ed_unhex(pk_hex, pub, 32) != 32)
		return 0;
	long ml = ed_unhex(msg_hex, msg, sizeof(msg));
	long sl = ed_unhex(sig_hex, sig, sizeof(sig));
	if (ml < 0 || sl < 0)
		return 0;
	bool want = !strcmp(res, "valid");
	if (!want && strcmp(res, "invalid") != 0)
		return 0; /* no "acceptable" case expected in this file */
	bool ours = sl == 64 && pp_ed25519_verify(sig, msg, (size_t)ml, pub);
	if (sl == 64 && ed_ossl_verify(sig, msg, (size_t)ml, pub) != want)
		return 0;
	return ours == want;
}

TEST(ed25519_wycheproof)
{
	json_object *root = load(), *groups;
	if (!root) {
		unit_fail(__FILE__, __LINE__,
			  "cannot read shared/testdata/wycheproof/ed25519_test.json in ../, "
			  "../../ or /work/ (set PP_WYCHEPROOF=PATH)");
		return;
	}
	REQUIRE(json_object_object_get_ex(root, "testGroups", &groups));
	int run = 0;
	for (size_t g = 0; g < json_object_array_length(groups); g++) {
		json_object *grp = json_object_array_get_idx(groups, g), *key, *tests;
		const char *pk;
		if (!json_object_object_get_ex(grp, "publicKey", &key) || !(pk = str(key, "pk")) ||
		    !json_object_object_get_ex(grp, "tests", &tests)) {
			unit_fail(__FILE__, __LINE__, "group without publicKey.pk or tests");
			continue;
		}
		for (size_t i = 0; i < json_object_array_length(tests); i++) {
			json_object *t = json_object_array_get_idx(tests, i), *id;
			run++;
			if (!run_case(pk, t)) {
				char m[64];
				json_object_object_get_ex(t, "tcId", &id);
				snprintf(m, sizeof(m), "wycheproof tcId %d",
					 json_object_get_int(id));
				unit_fail(__FILE__, __LINE__, m);
			}
		}
	}
	CHECK_EQ(run, WP_CASES);
	json_object_put(root);
}
