/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The `parapet` command's dispatch: a command is a table of named
 * subcommands, each a main-like function taking the arguments from its
 * own name on. `parapet attest ...` is attest/verifier/cli.c; a later
 * `parapet policy ...` (issue 9) adds its own table and one line to
 * tools/parapet/main.c.
 */
#ifndef PARAPET_TOOLS_DISPATCH_H
#define PARAPET_TOOLS_DISPATCH_H

#define PARAPET_EXIT_USAGE 2

struct parapet_cmd {
	const char *name;
	const char *summary;
	int (*main)(int argc, char **argv); /* argv[0] is the subcommand's name */
};

/*
 * Run subcommand argv[1] of prog from cmds[0, n): `--help`, `-h` and
 * `help` list them (and planned, when not NULL: what is not there yet);
 * no subcommand or an unknown one is a usage error (exit 2).
 */
int parapet_dispatch(const char *prog, const struct parapet_cmd *cmds, unsigned n,
		     const char *planned, int argc, char **argv);

#endif
