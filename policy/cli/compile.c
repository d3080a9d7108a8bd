// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet policy compile SRC -o BIN` (docs/policy.md, "parapet policy
 * compile"): source text to the canonical binary. The source is parsed
 * (policy/compiler/), every model rule of the validator must pass, then
 * the binary is written atomically: on any failure BIN is not created or
 * changed. The same source always gives the same bytes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/cli/cli.h"

static const char usage[] =
    "usage: parapet policy compile SRC -o BIN\n"
    "\n"
    "Compile policy source text SRC (docs/policy.md) to the canonical binary BIN.\n"
    "Every rule of the validator must pass (docs/policy-invariants.md); BIN is\n"
    "written to a temporary file and renamed, so nothing is written on failure.\n"
    "The same source always gives the same bytes.\n"
    "  -o, --output BIN   the binary to write (required)\n"
    "Exit status: 0 compiled, 1 a source error or a rule violated, 2 usage error.\n";

int pol_cmd_compile(int argc, char **argv)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	static struct pp_policy pol;
	static u8 bin[1u << 16];
	const char *out = NULL;
	char msg[POL_CLI_MSG_MAX];
	enum pol_file_kind kind;
	struct pp_pol_error e;
	struct pp_err err;
	u32 len = 0;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'h': fputs(usage, stdout); return POL_EXIT_OK;
		default:
			return pol_cli_usage_error("compile", "unknown option or missing argument");
		}
	}
	if (optind != argc - 1)
		return pol_cli_usage_error("compile", "expected exactly one SRC");
	if (!out)
		return pol_cli_usage_error("compile", "-o BIN is required");
	const char *src = argv[optind];
	if (pol_cli_load(src, &pol, &kind, msg, sizeof(msg))) {
		fprintf(stderr, "compile: %s\n", msg);
		return POL_EXIT_FAIL;
	}
	if (kind != POL_FILE_SOURCE) {
		fprintf(stderr, "compile: %s: a compiled policy, not source text (see dump)\n",
			src);
		return POL_EXIT_FAIL;
	}
	if (pp_policy_validate(&pol, &e)) {
		fprintf(stderr, "compile: %s: rule %s: %s\n", src, pp_pol_rule_name(e.rule),
			e.err.msg);
		return POL_EXIT_FAIL;
	}
	if (pp_policy_write(&pol, bin, sizeof(bin), &len, &err)) {
		fprintf(stderr, "compile: %s: %s\n", src, err.msg);
		return POL_EXIT_FAIL;
	}
	if (pol_cli_write_file(out, bin, len, msg, sizeof(msg))) {
		fprintf(stderr, "compile: %s\n", msg);
		return POL_EXIT_FAIL;
	}
	return POL_EXIT_OK;
}
