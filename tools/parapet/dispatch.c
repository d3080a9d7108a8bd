// SPDX-License-Identifier: GPL-2.0-only
/* Subcommand tables of the `parapet` command (dispatch.h). */
#include <stdio.h>
#include <string.h>
#include "tools/parapet/dispatch.h"

static void list(FILE *f, const char *prog, const struct parapet_cmd *cmds, unsigned n,
		 const char *planned)
{
	fprintf(f, "usage: %s COMMAND [ARGS...]   (%s COMMAND --help for each)\n", prog, prog);
	for (unsigned i = 0; i < n; i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	if (planned)
		fprintf(f, "%s\n", planned);
}

int parapet_dispatch(const char *prog, const struct parapet_cmd *cmds, unsigned n,
		     const char *planned, int argc, char **argv)
{
	if (argc < 2) {
		list(stderr, prog, cmds, n, planned);
		return PARAPET_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		list(stdout, prog, cmds, n, planned);
		return 0;
	}
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(name, cmds[i].name))
			return cmds[i].main(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command '%s'\n", prog, name);
	list(stderr, prog, cmds, n, planned);
	return PARAPET_EXIT_USAGE;
}
