// SPDX-License-Identifier: GPL-2.0-only
/*
 * parapet: the host command line (docs/attestation.md).
 *
 *   parapet attest verify ...   offline verification of an evidence bundle
 *   parapet attest enroll | challenge | serve | status ...
 *                               enrollment and challenges of agents
 *   parapet policy ...          partition policies (docs/policy.md)
 *
 * Exit 2 on a usage error everywhere.
 */
#include "attest/verifier/cli.h"
#include "policy/cli/cli.h"
#include "tools/parapet/dispatch.h"

static const struct parapet_cmd commands[] = {
    {"attest", "remote attestation: verify, enroll, challenge, serve, status", parapet_attest_main},
    {"policy", "partition policies: compile, check, dump, sign, verify, diff, map, install",
     parapet_policy_main},
};

int main(int argc, char **argv)
{
	return parapet_dispatch("parapet", commands, sizeof(commands) / sizeof(commands[0]), NULL,
				argc, argv);
}
