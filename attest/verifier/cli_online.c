// SPDX-License-Identifier: GPL-2.0-only
/*
 * The subcommands of `parapet attest` that talk to an agent (cli.c adds
 * them after verify): linked when the protocol codec (common/attest/) is
 * in the tree; cli_noagent.c stands in otherwise.
 */
#include "attest/verifier/cli.h"
#include "attest/verifier/cli_common.h"

const struct parapet_cmd av_online_cmds[] = {
    {"enroll", "enroll a host's AKs by credential activation", av_enroll_main},
    {"challenge", "challenge an enrolled host and judge its evidence", av_challenge_main},
    {"serve", "challenge many hosts periodically, keep their verdicts", av_serve_main},
    {"status", "print the last verdict of every host", av_status_main},
};
const unsigned av_online_ncmds = sizeof(av_online_cmds) / sizeof(av_online_cmds[0]);
const char *const av_online_planned = NULL;
