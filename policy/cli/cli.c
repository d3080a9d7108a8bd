// SPDX-License-Identifier: GPL-2.0-only
/* `parapet policy`: the subcommand table (cli.h). */
#include <stdio.h>
#include "policy/cli/cli.h"
#include "tools/parapet/dispatch.h"

static const struct parapet_cmd policy_cmds[] = {
    {"compile", "compile SRC -o BIN: source text to the canonical binary", pol_cmd_compile},
    {"check", "check SRC|BIN|SIGNED [--machine DIR]: every validator rule", pol_cmd_check},
    {"dump", "dump SIGNED|BIN: the canonical source text back", pol_cmd_dump},
    {"sign", "sign BIN --key KEY -o SIGNED: Ed25519 signature", pol_cmd_sign},
    {"verify", "verify SIGNED [--pubkey PUB]: signature, header, body hash, rules", pol_cmd_verify},
    {"diff", "diff A B: what changed in isolation terms", pol_cmd_diff},
    {"map", "map SIGNED|BIN|SRC -o FILE.svg: a picture of the partition map", pol_cmd_map},
    {"install", "install IMAGE SIGNED: into the inactive slot, pending", pol_cmd_install},
};

int parapet_policy_main(int argc, char **argv)
{
	return parapet_dispatch("parapet policy", policy_cmds,
				sizeof(policy_cmds) / sizeof(policy_cmds[0]), NULL, argc, argv);
}

int pol_cli_usage_error(const char *cmd, const char *what)
{
	fprintf(stderr, "parapet policy %s: %s\n(see parapet policy %s --help)\n", cmd, what, cmd);
	return POL_EXIT_USAGE;
}
