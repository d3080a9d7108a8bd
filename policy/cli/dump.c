// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet policy dump FILE [-o OUT]` (docs/policy.md, "parapet policy
 * dump"): the canonical source text of a policy (signed, binary, or source
 * in any layout). Compiling the text gives the same binary back (the
 * signing key id aside, which only signing sets). The signature is not
 * verified; a model that breaks a rule is still printed, with a warning on
 * stderr naming the rule (compile would refuse the text). A value with no
 * source form is refused: nothing is guessed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/cli/cli.h"
#include "policy/compiler/compiler.h"

static const char usage[] =
    "usage: parapet policy dump FILE [-o OUT]\n"
    "\n"
    "Print the canonical source text of a policy (docs/policy.md): FILE is a signed\n"
    "binary, a compiled binary, or source text. Compiling the output gives the same\n"
    "binary. The signature is not verified (use parapet policy verify).\n"
    "  -o, --output OUT   write the text to OUT (atomically) instead of stdout\n"
    "Exit status: 0 printed (a rule violation only warns), 1 unreadable or a value\n"
    "with no source form, 2 usage error.\n";

int pol_cmd_dump(int argc, char **argv)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	static struct pp_policy pol;
	static char text[POL_SRC_EMIT_MAX];
	const char *out = NULL;
	char msg[POL_CLI_MSG_MAX];
	enum pol_file_kind kind;
	struct pp_pol_error e;
	size_t len = 0;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'h': fputs(usage, stdout); return POL_EXIT_OK;
		default: return pol_cli_usage_error("dump", "unknown option or missing argument");
		}
	}
	if (optind != argc - 1)
		return pol_cli_usage_error("dump", "expected exactly one FILE");
	const char *path = argv[optind];
	if (pol_cli_load(path, &pol, &kind, msg, sizeof(msg))) {
		fprintf(stderr, "dump: %s\n", msg);
		return POL_EXIT_FAIL;
	}
	if (pol_src_emit(&pol, text, sizeof(text), &len, msg, sizeof(msg))) {
		fprintf(stderr, "dump: %s: no source form: %s\n", path, msg);
		return POL_EXIT_FAIL;
	}
	if (pp_policy_validate(&pol, &e))
		fprintf(stderr, "dump: %s: warning: rule %s: %s (compile would refuse it)\n", path,
			pp_pol_rule_name(e.rule), e.err.msg);
	if (out) {
		if (pol_cli_write_file(out, text, len, msg, sizeof(msg))) {
			fprintf(stderr, "dump: %s\n", msg);
			return POL_EXIT_FAIL;
		}
		return POL_EXIT_OK;
	}
	if (fwrite(text, 1, len, stdout) != len || fflush(stdout)) {
		fprintf(stderr, "dump: writing stdout failed\n");
		return POL_EXIT_FAIL;
	}
	return POL_EXIT_OK;
}
