// SPDX-License-Identifier: GPL-2.0-only
/* Boot-module roles (hypervisor, policy, pd <name>) and the module set rules. */
#include <string.h>
#include "launch/sl/roles.h"
#include "launch/sl/span.h"
#include "unit.h"

static int role(const char *s, struct sl_role_info *r, struct pp_err *e)
{
	return sl_module_role(s, (u32)strlen(s), r, e);
}

TEST(sl_role_parse)
{
	struct sl_role_info r;
	struct pp_err e;
	const char *s = "hypervisor console=com1 export-logs";
	REQUIRE(role(s, &r, &e) == PP_OK);
	CHECK_EQ(r.role, SL_ROLE_HYPERVISOR);
	CHECK(r.arg_len == strlen("console=com1 export-logs") &&
	      !memcmp(s + r.arg_off, "console", 7));
	REQUIRE(role("hypervisor", &r, &e) == PP_OK);
	CHECK_EQ(r.arg_len, 0);
	REQUIRE(role("policy", &r, &e) == PP_OK);
	CHECK_EQ(r.role, SL_ROLE_POLICY);
	s = "pd  service-2 ";
	REQUIRE(role(s, &r, &e) == PP_OK);
	CHECK_EQ(r.role, SL_ROLE_PD);
	CHECK(r.arg_len == 9 && !memcmp(s + r.arg_off, "service-2", 9));
	REQUIRE(role("pd 0123456789abcdef0123456789abcdef", &r, &e) == PP_OK); /* 32 */
}

TEST(sl_role_rejects)
{
	struct sl_role_info r;
	struct pp_err e;
	CHECK_EQ(role("", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "unknown");
	CHECK_EQ(role("kernel foo", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "\"kernel\" unknown");
	CHECK_EQ(role("hypervisors", &r, &e), PP_EINVAL);
	CHECK_EQ(role("policy x", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "no arguments");
	CHECK_EQ(role("pd", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "name length 0");
	CHECK_EQ(role("pd 0123456789abcdef0123456789abcdefX", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "name length 33");
	CHECK_EQ(role("pd Service", &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "not in [a-z0-9-]");
	CHECK_EQ(role("pd a b", &r, &e), PP_EINVAL);
	CHECK_EQ(sl_module_role("pd a\0b", 6, &r, &e), PP_EINVAL);
	CHECK_MSG(&e, "NUL");
}

static int set(const char *const *s, u32 n, u32 *hv, struct pp_err *e)
{
	static struct sl_role_info r[SL_MAX_MODULES];
	u32 lens[SL_MAX_MODULES + 1];
	for (u32 i = 0; i < n && i <= SL_MAX_MODULES; i++)
		lens[i] = (u32)strlen(s[i]);
	return sl_module_roles(s, lens, n, r, hv, e);
}

TEST(sl_role_set)
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
	const char *dup[] = {"hypervisor", "pd a", "pd b", "pd a"};
	CHECK_EQ(set(dup, 4, &hv, &e), PP_EINVAL);
	CHECK_MSG(&e, "module 3: pd name \"a\" also module 1");
	const char *bad[] = {"hypervisor", "foo"};
	CHECK_EQ(set(bad, 2, &hv, &e), PP_EINVAL);
	CHECK_MSG(&e, "module 1: module role");
	const char *many[SL_MAX_MODULES + 1];
	for (u32 i = 0; i <= SL_MAX_MODULES; i++)
		many[i] = "policy";
	CHECK_EQ(set(many, SL_MAX_MODULES + 1, &hv, &e), PP_ENOMEM);
}

TEST(sl_span_usable)
{
	const struct pp_mem_range m[] = {
	    {0x0, 0x9f000, PP_MEM_USABLE, 0},	    {0x100000, 0x700000, PP_MEM_USABLE, 0},
	    {0x800000, 0x100000, PP_MEM_USABLE, 0}, /* adjacent: joins */
	    {0x900000, 0x1000, PP_MEM_ACPI_NVS, 0}, {0xa00000, 0x100000, PP_MEM_USABLE, 0},
	};
	CHECK(sl_span_usable(m, 5, 0x100000, 0x800000));
	CHECK(sl_span_usable(m, 5, 0x200000, 0x1000));
	CHECK(!sl_span_usable(m, 5, 0x800000, 0x101000)); /* into NVS */
	CHECK(!sl_span_usable(m, 5, 0x9f000, 0x2000));	  /* hole */
	CHECK(!sl_span_usable(m, 5, 0xa80000, 0x100000)); /* past the end */
	CHECK(!sl_span_usable(m, 5, 0x100000, 0));
	CHECK(!sl_span_usable(m, 5, ~0ull - 10, 100)); /* wraps */
	CHECK(!sl_span_usable(m, 0, 0x100000, 0x1000));
}
