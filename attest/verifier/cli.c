// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet attest SUBCOMMAND` (docs/attestation.md): only `verify` exists;
 * enroll, challenge and serve are planned (issue 12). Exit statuses of
 * verify: 0 affirming, 1 warning or contraindicated, 2 usage error (an
 * unknown option, a missing file, an unreadable AK or reference): never
 * an accept-all default.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "attest/verifier/cli.h"
#include "attest/verifier/verifier.h"
#include "tools/parapet/dispatch.h"

static const char verify_usage[] =
    "usage: parapet attest verify --bundle DIR --ak AK.pub [--ak AK.pub ...]\n"
    "                             [--reference FILE] [--state DB] [--json]\n"
    "                             [--accept-launch LIST]\n"
    "\n"
    "Judge an evidence bundle offline (docs/attestation.md).\n"
    "  --bundle DIR          quote.msg quote.sig quote.pcrs eventlog.bin nonce.hex\n"
    "                        ak.pub ak.pem (tpm2-tools file formats)\n"
    "  --ak AK.pub           an enrolled AK's TPM2B_PUBLIC; the signer must be one\n"
    "  --reference FILE      reference.json (refgen) or a known-good binary event log\n"
    "  --state DB            SQLite database of each AK's last clockInfo (updated)\n"
    "  --json                an EAR-style JSON result instead of the table\n"
    "  --accept-launch LIST  launch types accepted, comma-separated from\n"
    "                        skinit,txt,emulated,static (default skinit,txt)\n"
    "Exit status: 0 affirming, 1 warning or contraindicated, 2 usage error.\n";

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "parapet attest verify: %s%s\n(see parapet attest verify --help)\n", what,
		arg);
	return PARAPET_EXIT_USAGE;
}

static int load_ak(const char *path, struct av_key *k)
{
	struct av_buf b;
	char err[AV_MSG_MAX];
	int rc = -1;
	memset(k, 0, sizeof(*k));
	if (av_read_file(path, &b, err, sizeof(err)))
		return usage_error("--ak ", err);
	if (av_key_parse(b.p, b.n, &k->pub, err, sizeof(err)) || av_key_name(&k->pub, &k->name))
		usage_error("--ak: not an AK public area: ", path);
	else
		rc = 0;
	snprintf(k->label, sizeof(k->label), "%s", path);
	free(b.p);
	return rc ? PARAPET_EXIT_USAGE : 0;
}

static int verify_main(int argc, char **argv)
{
	static const struct option opts[] = {{"bundle", required_argument, NULL, 'b'},
					     {"ak", required_argument, NULL, 'a'},
					     {"reference", required_argument, NULL, 'r'},
					     {"state", required_argument, NULL, 's'},
					     {"json", no_argument, NULL, 'j'},
					     {"accept-launch", required_argument, NULL, 'l'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	static struct av_key aks[AV_MAX_AKS];
	static struct av_result res;
	const char *bundle = NULL, *refpath = NULL, *state = NULL;
	bool json = false;
	u32 naks = 0, accept = AV_ACCEPT_DEFAULT;
	int c, rc;
	char err[AV_MSG_MAX * 2];

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b': bundle = optarg; break;
		case 'a':
			if (naks == AV_MAX_AKS)
				return usage_error("more than 16 --ak", "");
			rc = load_ak(optarg, &aks[naks]);
			if (rc)
				return rc;
			naks++;
			break;
		case 'r': refpath = optarg; break;
		case 's': state = optarg; break;
		case 'j': json = true; break;
		case 'l':
			if (av_accept_parse(optarg, &accept))
				return usage_error("--accept-launch: not a list of "
						   "skinit,txt,emulated,static: ",
						   optarg);
			break;
		case 'h': fputs(verify_usage, stdout); return 0;
		default:
			return usage_error("unknown option or missing argument: ",
					   argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument ", argv[optind]);
	if (!bundle)
		return usage_error("--bundle DIR is required", "");
	if (!naks)
		return usage_error("at least one --ak AK.pub is required", "");

	struct av_bundle b;
	struct av_ref *ref = NULL;
	if (av_bundle_load(bundle, &b, err, sizeof(err)))
		return usage_error("bundle: ", err);
	if (refpath && av_ref_load(refpath, &ref, err, sizeof(err))) {
		av_bundle_free(&b);
		return usage_error("--reference ", err);
	}
	struct av_inputs in = {&b, aks, naks, ref, state, accept};
	av_verify(&in, &res);
	if (json)
		av_report_json(stdout, &res);
	else
		av_report_table(stdout, &res);
	av_ref_free(ref);
	av_bundle_free(&b);
	return av_status_of(&res) == AV_AFFIRMING ? 0 : 1;
}

static const struct parapet_cmd attest_cmds[] = {
    {"verify", "judge an evidence bundle offline", verify_main},
};

int parapet_attest_main(int argc, char **argv)
{
	/* bad evidence is reported by the verdict; libtss2-mu's logging would repeat it */
	setenv("TSS2_LOG", "all+NONE", 0);
	return parapet_dispatch("parapet attest", attest_cmds,
				sizeof(attest_cmds) / sizeof(attest_cmds[0]),
				"planned (issue 12): enroll, challenge, serve", argc, argv);
}
