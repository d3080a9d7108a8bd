// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot-module roles (common/lib/module_role.c): hypervisor, policy,
 * pd <name>, and the module set rules. The secure loader and refgen both
 * classify with this code (test_refgen.c checks refgen reports the same).
 */
#include <string.h>
#include <parapet/module_role.h>
#include "unit.h"

static int role(const char *s, struct pp_module_role_info *r, struct pp_err *e)
{
	return pp_module_role(s, (u32)strlen(s), r, e);
}

TEST(module_role_parse)
{
	struct pp_module_role_info r;
	struct pp_err e;
	const char *s = "hypervisor console=com1 export-logs";
	REQUIRE(role(s, &r, &e) == PP_OK);
	CHECK_EQ(r.role, PP_ROLE_HYPERVISOR);
	CHECK(r.arg_len == strlen("console=com1 export-logs") &&
	      !memcmp(s + r.arg_off, "console", 7));
	REQUIRE(role("hypervisor", &r, &e) == PP_OK);
	CHECK_EQ(r.arg_len, 0);
	REQUIRE(role("policy", &r, &e) == PP_OK);
	CHECK_EQ(r.role, PP_ROLE_POLICY);
	CHECK_EQ(r.slot, 0);
	CHECK_EQ(r.arg_len, 0);
	s = "policy b ";
	REQUIRE(role(s, &r, &e) == PP_OK);
	CHECK_EQ(r.slot, 'b');
	CHECK(r.arg_len == 1 && s[r.arg_off] == 'b');
	REQUIRE(role("policy a", &r, &e) == PP_OK);
	CHECK_EQ(r.slot, 'a');
	s = "pd  service-2 ";
	REQUIRE(role(s, &r, &e) == PP_OK);
	CHECK_EQ(r.role, PP_ROLE_PD);
	CHECK(r.arg_len == 9 && !memcmp(s + r.arg_off, "service-2", 9));
	REQUIRE(role("pd 0123456789abcdef0123456789abcdef", &r, &e) == PP_OK); /* 32 */
}

TEST(module_role_rejects)
{
	struct pp_module_role_info r;
	struct pp_err e;
	CHECK_EQ(role("", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "unknown");
	CHECK_EQ(role("kernel foo", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "\"kernel\" unknown");
	CHECK_EQ(role("hypervisors", &r, &e), PP_EINVAL);
	CHECK_EQ(role("policy x", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "slot must be `a` or `b`");
	CHECK_EQ(role("policy a b", &r, &e), PP_EINVAL);
	CHECK_EQ(role("policy ab", &r, &e), PP_EINVAL);
	CHECK_EQ(role("policy A", &r, &e), PP_EINVAL);
	CHECK_EQ(role("pd", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "name length 0");
	CHECK_EQ(role("pd 0123456789abcdef0123456789abcdefX", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "name length 33");
	CHECK_EQ(role("pd Service", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "not in [a-z0-9-]");
	CHECK_EQ(role("pd a b", &r, &e), PP_EINVAL);
	CHECK_EQ(pp_module_role("pd a\0b", 6, &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "NUL");
}

static int set(const char *const *s, u32 n, u32 *hv, struct pp_err *e)
{
	static struct pp_module_role_info r[PP_MAX_MODULES];
	u32 lens[PP_MAX_MODULES + 1];
	for (u32 i = 0; i < n && i <= PP_MAX_MODULES; i++)
		lens[i] = (u32)strlen(s[i]);
	return pp_module_roles(s, lens, n, r, hv, e);
}

TEST(module_role_set)
{
	struct pp_err e;
	u32 hv = 99;
	const char *ok[] = {"policy", "pd a", "hypervisor console=com1", "pd b"};
	REQUIRE(set(ok, 4, &hv, &e) == PP_OK);
	CHECK_EQ(hv, 2);
	const char *none[] = {"policy", "pd a"};
	CHECK_EQ(set(none, 2, &hv, &e), PP_ENOENT);
	CHECK_MSG(&e, "no `hypervisor`");
	const char *two[] = {"hypervisor", "hypervisor x"};
	CHECK_EQ(set(two, 2, &hv, &e), PP_EINVAL);
	CHECK_MSG(&e, "module 1: a second `hypervisor`");
	const char *pol[] = {"hypervisor", "policy", "policy"};
	CHECK_EQ(set(pol, 3, &hv, &e), PP_EINVAL);
	CHECK_MSG(&e, "second `policy`");
	const char *ab[] = {"hypervisor", "policy a", "policy b"};
	CHECK_EQ(set(ab, 3, &hv, &e), PP_OK);
	const char *aa[] = {"hypervisor", "policy a", "policy a"};
	CHECK_EQ(set(aa, 3, &hv, &e), PP_EINVAL);
	CHECK_MSG(&e, "module 2: a second `policy a`");
	const char *mix[] = {"hypervisor", "policy b", "policy"};
	CHECK_EQ(set(mix, 3, &hv, &e), PP_EINVAL);
	CHECK_MSG(&e, "bare `policy` and a slotted one");
	const char *mix2[] = {"hypervisor", "policy", "policy a"};
	CHECK_EQ(set(mix2, 3, &hv, &e), PP_EINVAL);
	CHECK_MSG(&e, "bare `policy` and a slotted one");
	const char *dup[] = {"hypervisor", "pd a", "pd b", "pd a"};
	CHECK_EQ(set(dup, 4, &hv, &e), PP_EINVAL);
	CHECK_MSG(&e, "module 3: pd name \"a\" also module 1");
	const char *bad[] = {"hypervisor", "foo"};
	CHECK_EQ(set(bad, 2, &hv, &e), PP_EINVAL);
	CHECK_MSG(&e, "module 1: module role");
	const char *many[PP_MAX_MODULES + 1];
	for (u32 i = 0; i <= PP_MAX_MODULES; i++)
		many[i] = "policy";
	CHECK_EQ(set(many, PP_MAX_MODULES + 1, &hv, &e), PP_ENOMEM);
}
