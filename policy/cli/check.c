// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet policy check FILE [--machine DIR]` (docs/policy.md, "parapet
 * policy check"): every model rule of the validator on a policy in any
 * form (source, binary, signed binary), and with --machine the rules that
 * need the target machine. The first violation is printed with its rule
 * class. A signed file's signature is NOT verified here (`verify` does);
 * its framing is, and its body is parsed with the bounded reader.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/cli/cli.h"

static const char usage[] =
    "usage: parapet policy check FILE [--machine DIR]\n"
    "\n"
    "Check a policy against every rule of the validator (docs/policy-invariants.md).\n"
    "FILE is policy source text, a compiled binary or a signed binary. For a signed\n"
    "binary the signature is NOT verified (use parapet policy verify): only its\n"
    "framing and body are read.\n"
    "  --machine DIR   also the rules that need the target machine, from its\n"
    "                  captured ACPI tables and PCI device list (docs/policy.md)\n"
    "Exit status: 0 clean (one summary line), 1 a violation\n"
    "(check: FILE: rule CLASS: MESSAGE) or an unreadable file, 2 usage error.\n";

static const char *kind_name(enum pol_file_kind k)
{
	return k == POL_FILE_SOURCE ? "source" : k == POL_FILE_BINARY ? "binary" : "signed binary";
}

int pol_cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {{"machine", required_argument, NULL, 'm'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	static struct pp_policy pol;
	static struct pp_pol_machine mach;
	const char *dir = NULL;
	char msg[POL_CLI_MSG_MAX];
	enum pol_file_kind kind;
	struct pp_pol_error e;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'm': dir = optarg; break;
		case 'h': fputs(usage, stdout); return POL_EXIT_OK;
		default: return pol_cli_usage_error("check", "unknown option or missing argument");
		}
	}
	if (optind != argc - 1)
		return pol_cli_usage_error("check", "expected exactly one FILE");
	const char *path = argv[optind];
	if (pol_cli_load(path, &pol, &kind, msg, sizeof(msg))) {
		fprintf(stderr, "check: %s\n", msg);
		return POL_EXIT_FAIL;
	}
	if (pp_policy_validate(&pol, &e)) {
		fprintf(stderr, "check: %s: rule %s: %s\n", path, pp_pol_rule_name(e.rule),
			e.err.msg);
		return POL_EXIT_FAIL;
	}
	if (dir) {
		memset(&mach, 0, sizeof(mach));
		if (pol_machine_load_dir(dir, &mach, msg, sizeof(msg))) {
			fprintf(stderr, "check: %s\n", msg);
			return POL_EXIT_FAIL;
		}
		if (pp_policy_validate_machine(&pol, &mach, &e)) {
			fprintf(stderr, "check: %s: rule %s: %s\n", path, pp_pol_rule_name(e.rule),
				e.err.msg);
			return POL_EXIT_FAIL;
		}
	}
	printf("check: %s: ok (%s): policy %s version %u epoch %u, %u partition%s%s%s\n", path,
	       kind_name(kind), pol.name, pol.version, pol.epoch, pol.n_parts,
	       pol.n_parts == 1 ? "" : "s", dir ? ", machine " : "", dir ? dir : "");
	return POL_EXIT_OK;
}
