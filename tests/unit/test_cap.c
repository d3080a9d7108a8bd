// SPDX-License-Identifier: GPL-2.0-only
/*
 * Capability tables from the policy (hypervisor/core/cap.c,
 * docs/hypercalls.md): selectors in the policy's order, channel ends after
 * the capabilities, and the one check every capability-taking hypercall
 * makes, refusing a missing selector, another type and a missing right.
 */
#include <parapet/policy.h>
#include "hypervisor/core/cap.h"
#include "policy_fixture.h"
#include "unit.h"

static struct pp_policy pol;
static struct hv_cap_table tab;

TEST(cap_table_from_policy)
{
	struct pp_err e = {0, ""};
	policy_fixture(&pol);
	pol.caps[pol.n_caps++] =
	    (struct pp_pol_cap_ent){.part = 1, .cap = PP_POL_CAP_CONTROL, .target = 2};
	REQUIRE(hv_cap_build(&pol, 1, &tab, &e) == PP_OK);
	CHECK_EQ(tab.part, 1);
	REQUIRE(tab.n == 5); /* tpm, console, eventlog-read, control(2), channel ctl */
	CHECK_EQ(tab.cap[0].type, PP_HC_CAP_TPM);
	CHECK_EQ(tab.cap[1].type, PP_HC_CAP_CONSOLE);
	CHECK_EQ(tab.cap[1].rights, PP_HC_RIGHT_USE);
	CHECK_EQ(tab.cap[3].type, PP_HC_CAP_CONTROL);
	CHECK_EQ(tab.cap[3].target, 2);
	CHECK_EQ(tab.cap[4].type, PP_HC_CAP_CHANNEL);
	CHECK_EQ(tab.cap[4].target, 2);
	CHECK_EQ(tab.cap[4].index, 0);
	CHECK_EQ(tab.cap[4].rights, PP_HC_RIGHT_READ | PP_HC_RIGHT_WRITE | PP_HC_RIGHT_SIGNAL);
	/* the other partition: its console and its read-only end of ctl */
	REQUIRE(hv_cap_build(&pol, 2, &tab, &e) == PP_OK);
	REQUIRE(tab.n == 2);
	CHECK_EQ(tab.cap[0].type, PP_HC_CAP_CONSOLE);
	CHECK_EQ(tab.cap[1].rights, PP_HC_RIGHT_READ | PP_HC_RIGHT_SIGNAL);
	CHECK_EQ(tab.cap[1].index, 1);
	CHECK_EQ(hv_cap_build(&pol, 7, &tab, &e), PP_ENOENT);
	CHECK_MSG(&e, "no partition 7");
	CHECK_EQ(tab.n, 0);
	pol.caps[0].cap = 99;
	CHECK_EQ(hv_cap_build(&pol, 1, &tab, &e), PP_EINVAL);
	CHECK_MSG(&e, "kind 99 unknown");
}

TEST(cap_check_refuses)
{
	struct pp_err e = {0, ""};
	long st = 1;
	policy_fixture(&pol);
	REQUIRE(hv_cap_build(&pol, 2, &tab, &e) == PP_OK);
	const struct hv_cap *c = hv_cap_check(&tab, 0, PP_HC_CAP_CONSOLE, PP_HC_RIGHT_USE, &st);
	CHECK(c == &tab.cap[0] && st == PP_HC_OK);
	/* another type at a valid selector */
	CHECK(!hv_cap_check(&tab, 0, PP_HC_CAP_TPM, PP_HC_RIGHT_USE, &st) && st == PP_HC_EPERM);
	/* a right the end lacks: app's end of ctl is read-only */
	CHECK(hv_cap_check(&tab, 1, PP_HC_CAP_CHANNEL, PP_HC_RIGHT_SIGNAL, &st) && st == PP_HC_OK);
	CHECK(!hv_cap_check(&tab, 1, PP_HC_CAP_CHANNEL, PP_HC_RIGHT_WRITE, &st) &&
	      st == PP_HC_EPERM);
	/* selectors past the table, including ones that truncate to a valid u32 */
	CHECK(!hv_cap_check(&tab, 2, PP_HC_CAP_CONSOLE, 0, &st) && st == PP_HC_EPERM);
	CHECK(!hv_cap_check(&tab, 0x100000000ull, PP_HC_CAP_CONSOLE, 0, &st) && st == PP_HC_EPERM);
	CHECK(!hv_cap_check(&tab, ~0ull, PP_HC_CAP_CONSOLE, 0, &st) && st == PP_HC_EPERM);
}
