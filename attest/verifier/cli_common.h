/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What `parapet attest verify` and `challenge` share (cli_common.c): the
 * judging options (--ak, --reference, --state, --json, --accept-launch,
 * --policy-key, --min-policy-version, --min-policy-epoch),
 * loading what they name, and the one call that judges a bundle directory
 * and prints the verdict; and the usage-error convention of every attest
 * subcommand (exit 2, never an accept-all default).
 */
#ifndef PARAPET_ATTEST_CLI_COMMON_H
#define PARAPET_ATTEST_CLI_COMMON_H

#include "attest/verifier/verifier.h"

/* getopt_long values of the judging options */
enum {
	AV_OPT_AK = 0x100,
	AV_OPT_REFERENCE,
	AV_OPT_STATE,
	AV_OPT_JSON,
	AV_OPT_ACCEPT,
	AV_OPT_POLICY_KEY,
	AV_OPT_MIN_VERSION,
	AV_OPT_MIN_EPOCH
};
#define AV_JUDGE_OPTIONS                                                                           \
	{"reference", required_argument, NULL, AV_OPT_REFERENCE},                                  \
	    {"json", no_argument, NULL, AV_OPT_JSON},                                              \
	    {"accept-launch", required_argument, NULL, AV_OPT_ACCEPT},                             \
	    {"policy-key", required_argument, NULL, AV_OPT_POLICY_KEY},                            \
	    {"min-policy-version", required_argument, NULL, AV_OPT_MIN_VERSION},                   \
	{                                                                                          \
		"min-policy-epoch", required_argument, NULL, AV_OPT_MIN_EPOCH                      \
	}

struct av_judge {
	const char *refpath; /* may be NULL */
	const char *state;   /* may be NULL */
	bool json;
	u32 accept;
	u32 naks;
	struct av_key aks[AV_MAX_AKS];
	struct av_policy_opts pol; /* --policy-key etc.; no key: the built-in ones */
};

void av_judge_init(struct av_judge *j);
/* One judging option c with its argument: 0 taken, 1 not a judging
 * option, PARAPET_EXIT_USAGE after a message naming cmd. */
int av_judge_opt(struct av_judge *j, int c, const char *arg, const char *cmd);
/* Add an enrolled AK's TPM2B_PUBLIC (label: where it came from). */
int av_judge_add_ak(struct av_judge *j, const u8 *pub, size_t n, const char *label,
		    const char *cmd);
/*
 * Judge the bundle directory dir with j: the verdict printed to out (table
 * or JSON) and left in res. Exit status: 0 affirming, 1 warning or
 * contraindicated, 2 usage error (missing file, unreadable reference).
 */
int av_judge_run(const struct av_judge *j, const char *dir, FILE *out, struct av_result *res,
		 const char *cmd);

/*
 * Without --policy-key, trust this build's built-in policy keys
 * (build/gen/policy_keys.c, keys/README.md; builtin_keys.c, linked into
 * parapet only). Called by each command after its options.
 */
void av_judge_default_policy_keys(struct av_judge *j);

/* Print "parapet attest CMD: WHAT ARG" and the help pointer; returns 2. */
int av_cli_usage(const char *cmd, const char *what, const char *arg);
/* "rsa" -> 0 (AV_AK_RSA), "ecc" -> 1 (AV_AK_ECC), else -1. */
int av_cli_ak_alg(const char *s);

/* The subcommands (enroll.c, challenge.c, serve.c). */
int av_enroll_main(int argc, char **argv);
int av_challenge_main(int argc, char **argv);
int av_serve_main(int argc, char **argv);
int av_status_main(int argc, char **argv);

#endif
