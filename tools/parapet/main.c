// SPDX-License-Identifier: GPL-2.0-only
/*
 * parapet: the host command line (docs/attestation.md).
 *
 *   parapet attest verify ...   offline verification of an evidence bundle
 *
 * Planned: `parapet policy ...` (issue 9), `parapet attest enroll |
 * challenge | serve` (issue 12). Exit 2 on a usage error everywhere.
 */
#include "attest/verifier/cli.h"
#include "tools/parapet/dispatch.h"

static const struct parapet_cmd commands[] = {
    {"attest", "remote attestation: verify (enroll, challenge, serve planned)",
     parapet_attest_main},
};

int main(int argc, char **argv)
{
	return parapet_dispatch("parapet", commands, sizeof(commands) / sizeof(commands[0]),
				"planned: policy (issue 9)", argc, argv);
}
