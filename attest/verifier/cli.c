// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet attest SUBCOMMAND` (docs/attestation.md): `verify` here, the
 * commands that talk to an agent in enroll.c, challenge.c, serve.c. Exit
 * statuses of verify: 0 affirming, 1 warning or contraindicated, 2 usage
 * error (an unknown option, a missing file, an unreadable AK or
 * reference): never an accept-all default.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "attest/verifier/cli.h"
#include "attest/verifier/cli_common.h"
#include "tools/parapet/dispatch.h"

static const char verify_usage[] =
    "usage: parapet attest verify --bundle DIR --ak AK.pub [--ak AK.pub ...]\n"
    "                             [--reference FILE] [--state DB] [--json]\n"
    "                             [--accept-launch LIST] [--policy-key PUB.pem ...]\n"
    "                             [--min-policy-version N] [--min-policy-epoch N]\n"
    "\n"
    "Judge an evidence bundle offline (docs/attestation.md).\n"
    "  --bundle DIR          quote.msg quote.sig quote.pcrs eventlog.bin nonce.hex\n"
    "                        ak.pub ak.pem (tpm2-tools file formats), policy.bin\n"
    "                        (optional: the enforced policy's signed file)\n"
    "  --ak AK.pub           an enrolled AK's TPM2B_PUBLIC; the signer must be one\n"
    "  --reference FILE      reference.json (refgen) or a known-good binary event log\n"
    "  --state DB            SQLite database of each AK's last clockInfo (updated)\n"
    "  --json                an EAR-style JSON result instead of the table\n"
    "  --accept-launch LIST  launch types accepted, comma-separated from\n"
    "                        skinit,txt,emulated,static (default skinit,txt)\n"
    "  --policy-key PUB.pem  a trusted policy key (Ed25519 PEM), repeatable; default:\n"
    "                        the keys built into this build (keys/README.md)\n"
    "  --min-policy-version N  policy.bin's version must be >= N (default 1)\n"
    "  --min-policy-epoch N  policy.bin's epoch must be >= N\n"
    "Exit status: 0 affirming, 1 warning or contraindicated, 2 usage error.\n";

static int verify_main(int argc, char **argv)
{
	static const struct option opts[] = {{"bundle", required_argument, NULL, 'b'},
					     {"ak", required_argument, NULL, AV_OPT_AK},
					     {"state", required_argument, NULL, AV_OPT_STATE},
					     AV_JUDGE_OPTIONS,
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	static struct av_judge j;
	static struct av_result res;
	const char *bundle = NULL;
	int c, rc;

	av_judge_init(&j);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'b') {
			bundle = optarg;
			continue;
		}
		if (c == 'h') {
			fputs(verify_usage, stdout);
			return 0;
		}
		rc = av_judge_opt(&j, c, optarg, "verify");
		if (rc == 1)
			return av_cli_usage(
			    "verify", "unknown option or missing argument: ", argv[optind - 1]);
		if (rc)
			return rc;
	}
	if (optind < argc)
		return av_cli_usage("verify", "unexpected argument ", argv[optind]);
	if (!bundle)
		return av_cli_usage("verify", "--bundle DIR is required", "");
	if (!j.naks)
		return av_cli_usage("verify", "at least one --ak AK.pub is required", "");
	av_judge_default_policy_keys(&j);
	return av_judge_run(&j, bundle, stdout, &res, "verify");
}

static const struct parapet_cmd attest_cmds[] = {
    {"verify", "judge an evidence bundle offline", verify_main},
    {"enroll", "enroll a host's AKs by credential activation", av_enroll_main},
    {"challenge", "challenge an enrolled host and judge its evidence", av_challenge_main},
    {"serve", "challenge many hosts periodically, keep their verdicts", av_serve_main},
    {"status", "print the last verdict of every host", av_status_main},
};

int parapet_attest_main(int argc, char **argv)
{
	/* bad evidence is reported by the verdict; libtss2-mu's logging would repeat it */
	setenv("TSS2_LOG", "all+NONE", 0);
	return parapet_dispatch("parapet attest", attest_cmds,
				sizeof(attest_cmds) / sizeof(attest_cmds[0]), NULL, argc, argv);
}
