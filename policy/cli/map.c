// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet policy map X -o FILE.svg` (docs/policy-diff-map.md): load a
 * policy of any form (pol_cli_load; a signature is not checked), refuse
 * one that fails the validator (the picture must not drop records), draw
 * it (pol_map_svg) and write the SVG atomically (pol_cli_write_file):
 * nothing is written on any failure. Exit 0 written, 1 invalid policy or
 * write failure, 2 usage or load error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/cli/cli.h"
#include "policy/cli/map.h"

static const char map_usage[] =
    "usage: parapet policy map POLICY -o FILE.svg\n"
    "\n"
    "Draw the partition map of POLICY (source, binary or signed; the\n"
    "signature is not checked: `verify`) as a self-contained SVG: the CPU\n"
    "cores each partition owns or shares, one column per partition with its\n"
    "guest-physical memory, devices (BDF and IOMMU unit), GSIs, I/O ports and\n"
    "capabilities, the channels between partitions, the host-physical ranges\n"
    "the policy fixes, a legend. The same policy gives the same bytes.\n"
    "A policy that fails `parapet policy check` is refused.\n"
    "Exit status: 0 written, 1 invalid policy or write error, 2 usage or load error.\n";

int pol_cmd_map(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(map_usage, stdout);
			return POL_EXIT_OK;
		}
		if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
			if (i + 1 >= argc || out) {
				fprintf(stderr, "parapet policy map: %s needs one file name\n%s",
					argv[i], map_usage);
				return POL_EXIT_USAGE;
			}
			out = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "parapet policy map: unknown option %s\n%s", argv[i],
				map_usage);
			return POL_EXIT_USAGE;
		} else if (!in) {
			in = argv[i];
		} else {
			fprintf(stderr, "parapet policy map: one argument too many: %s\n%s",
				argv[i], map_usage);
			return POL_EXIT_USAGE;
		}
	}
	if (!in || !out) {
		fprintf(stderr, "parapet policy map: %s\n%s",
			!in ? "a policy file expected" : "-o FILE.svg expected", map_usage);
		return POL_EXIT_USAGE;
	}
	int rc = POL_EXIT_USAGE;
	char msg[POL_CLI_MSG_MAX];
	enum pol_file_kind kind;
	struct pp_pol_error perr;
	struct svg s;
	struct pp_policy *p = malloc(sizeof(*p));
	svg_init(&s);
	if (!p) {
		fprintf(stderr, "parapet policy map: out of memory\n");
		goto out;
	}
	if (pol_cli_load(in, p, &kind, msg, sizeof(msg))) {
		fprintf(stderr, "parapet policy map: %s\n", msg);
		goto out;
	}
	rc = POL_EXIT_FAIL;
	if (pp_policy_validate(p, &perr)) {
		fprintf(stderr,
			"parapet policy map: %s: not drawn, the policy is invalid: %s: %s\n", in,
			pp_pol_rule_name(perr.rule), perr.err.msg);
		goto out;
	}
	if (pol_map_svg(p, &s)) {
		fprintf(stderr, "parapet policy map: out of memory drawing %s\n", in);
		goto out;
	}
	if (pol_cli_write_file(out, s.buf, s.len, msg, sizeof(msg))) {
		fprintf(stderr, "parapet policy map: %s\n", msg);
		goto out;
	}
	rc = POL_EXIT_OK;
out:
	svg_free(&s);
	free(p);
	return rc;
}
