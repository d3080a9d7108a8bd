// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stands in for cli_online.c while the protocol codec (common/attest/,
 * issue 12 item 1) is not in the tree: `parapet attest` then has verify
 * only, and its help says why.
 */
#include "attest/verifier/cli.h"

const struct parapet_cmd av_online_cmds[1] = {{0, 0, 0}};
const unsigned av_online_ncmds = 0;
const char *const av_online_planned =
    "not built (the protocol codec common/attest/ is missing): enroll, challenge, serve, status";
