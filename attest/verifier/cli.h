/* SPDX-License-Identifier: GPL-2.0-only */
/* `parapet attest ...` (cli.c), registered in tools/parapet/main.c. */
#ifndef PARAPET_ATTEST_CLI_H
#define PARAPET_ATTEST_CLI_H

int parapet_attest_main(int argc, char **argv);

#endif
