// SPDX-License-Identifier: GPL-2.0-only
/* `parapet policy compile` (planned, issue 9). */
#include <stdio.h>
#include "policy/cli/cli.h"

int pol_cmd_compile(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "parapet policy compile: not implemented yet (planned, issue 9)\n");
	return POL_EXIT_FAIL;
}
