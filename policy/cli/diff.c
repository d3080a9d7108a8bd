// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet policy diff A B [--json]` (docs/policy-diff-map.md): load two
 * policy files of any form (source, binary, signed: pol_cli_load, no
 * signature check), compare the models (pol_diff) and print what changed
 * in isolation terms. Exit status like diff(1): 0 identical in model
 * terms, 1 different, 2 usage or load error. Reads only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/cli/cli.h"
#include "policy/cli/diff.h"

static const char diff_usage[] =
    "usage: parapet policy diff A B [--json]\n"
    "\n"
    "What changed from policy A (old) to policy B (new) in isolation terms:\n"
    "per partition (matched by name), the memory, MMIO, CPUs, devices, GSIs,\n"
    "I/O ports, capabilities and channels it gained or lost, and the header\n"
    "(version, epoch, platform, minimum hypervisor). A and B may be source,\n"
    "binary or signed files (signatures are not checked: `verify`).\n"
    "Marks: ! widened privilege or isolation (listed first), + gained,\n"
    "- lost, ~ other.\n"
    "  --json   the change records as JSON\n"
    "Exit status: 0 identical, 1 different, 2 usage or load error.\n";

int pol_cmd_diff(int argc, char **argv)
{
	const char *path[2] = {NULL, NULL};
	bool json = false;
	u32 n = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(diff_usage, stdout);
			return POL_EXIT_OK;
		}
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "parapet policy diff: unknown option %s\n%s", argv[i],
				diff_usage);
			return POL_EXIT_USAGE;
		} else if (n < 2) {
			path[n++] = argv[i];
		} else {
			fprintf(stderr, "parapet policy diff: one argument too many: %s\n%s",
				argv[i], diff_usage);
			return POL_EXIT_USAGE;
		}
	}
	if (n != 2) {
		fprintf(stderr, "parapet policy diff: two policy files expected, got %u\n%s", n,
			diff_usage);
		return POL_EXIT_USAGE;
	}
	int rc = POL_EXIT_USAGE;
	struct pp_policy *pol = calloc(2, sizeof(*pol));
	struct pol_diff *d = malloc(sizeof(*d));
	char msg[POL_CLI_MSG_MAX];
	enum pol_file_kind kind;
	if (!pol || !d) {
		fprintf(stderr, "parapet policy diff: out of memory\n");
		goto out;
	}
	for (u32 i = 0; i < 2; i++)
		if (pol_cli_load(path[i], &pol[i], &kind, msg, sizeof(msg))) {
			fprintf(stderr, "parapet policy diff: %s\n", msg);
			goto out;
		}
	if (pol_diff(&pol[0], &pol[1], d)) {
		fprintf(stderr, "parapet policy diff: out of memory comparing %s and %s\n", path[0],
			path[1]);
		goto out;
	}
	if (json)
		pol_diff_json(stdout, d, path[0], path[1]);
	else
		pol_diff_print(stdout, d, path[0], path[1]);
	rc = fflush(stdout) ? POL_EXIT_USAGE : d->n ? POL_EXIT_FAIL : POL_EXIT_OK;
out:
	free(d);
	free(pol);
	return rc;
}
