// SPDX-License-Identifier: GPL-2.0-only
/* pol_machine_load_dir (cli.h): planned (issue 9). */
#include <stdio.h>
#include "policy/cli/cli.h"

int pol_machine_load_dir(const char *dir, struct pp_pol_machine *m, char *msg, size_t msglen)
{
	(void)m;
	snprintf(msg, msglen, "%s: machine descriptions are planned (issue 9)", dir);
	return -1;
}
