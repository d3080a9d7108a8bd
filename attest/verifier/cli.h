/* SPDX-License-Identifier: GPL-2.0-only */
/* `parapet attest ...` (cli.c), registered in tools/parapet/main.c. */
#ifndef PARAPET_ATTEST_CLI_H
#define PARAPET_ATTEST_CLI_H

#include "tools/parapet/dispatch.h"

int parapet_attest_main(int argc, char **argv);

/* enroll, challenge, serve, status (cli_online.c), or none (cli_noagent.c) */
extern const struct parapet_cmd av_online_cmds[];
extern const unsigned av_online_ncmds;
extern const char *const av_online_planned; /* NULL when they are there */

#endif
