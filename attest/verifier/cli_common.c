// SPDX-License-Identifier: GPL-2.0-only
/*
 * The judging options and the judging call shared by `parapet attest
 * verify` and `challenge` (cli_common.h): one option parser, one path from
 * a bundle directory to a printed verdict, so the two commands cannot
 * judge differently. Usage errors (exit 2) name the option and the value.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "attest/verifier/cli_common.h"
#include "tools/parapet/dispatch.h"

int av_cli_usage(const char *cmd, const char *what, const char *arg)
{
	fprintf(stderr, "parapet attest %s: %s%s\n(see parapet attest %s --help)\n", cmd, what, arg,
		cmd);
	return PARAPET_EXIT_USAGE;
}

int av_cli_ak_alg(const char *s)
{
	return !strcmp(s, "rsa") ? 0 : !strcmp(s, "ecc") ? 1 : -1;
}

void av_judge_init(struct av_judge *j)
{
	memset(j, 0, sizeof(*j));
	j->accept = AV_ACCEPT_DEFAULT;
}

int av_judge_add_ak(struct av_judge *j, const u8 *pub, size_t n, const char *label, const char *cmd)
{
	char err[AV_MSG_MAX];
	if (j->naks == AV_MAX_AKS)
		return av_cli_usage(cmd, "more than 16 AKs", "");
	struct av_key *k = &j->aks[j->naks];
	memset(k, 0, sizeof(*k));
	if (av_key_parse(pub, n, &k->pub, err, sizeof(err)) || av_key_name(&k->pub, &k->name))
		return av_cli_usage(cmd, "not an AK public area: ", label);
	snprintf(k->label, sizeof(k->label), "%s", label);
	j->naks++;
	return 0;
}

static int load_ak(struct av_judge *j, const char *path, const char *cmd)
{
	struct av_buf b;
	char err[AV_MSG_MAX];
	if (av_read_file(path, &b, err, sizeof(err)))
		return av_cli_usage(cmd, "--ak ", err);
	int rc = av_judge_add_ak(j, b.p, b.n, path, cmd);
	free(b.p);
	return rc;
}

/* A decimal u32: digits only, no sign, no overflow; 0 or -1. */
static int parse_u32(const char *s, u32 *out)
{
	u64 v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (u64)(*s - '0');
		if (v > 0xffffffffu)
			return -1;
	}
	*out = (u32)v;
	return 0;
}

static int policy_opt(struct av_judge *j, int c, const char *arg, const char *cmd)
{
	char err[AV_MSG_MAX];
	switch (c) {
	case AV_OPT_POLICY_KEY:
		if (av_policy_add_key_pem(&j->pol, arg, err, sizeof(err)))
			return av_cli_usage(cmd, "--policy-key ", err);
		return 0;
	case AV_OPT_MIN_VERSION:
		if (parse_u32(arg, &j->pol.min_version))
			return av_cli_usage(cmd,
					    "--min-policy-version: not a decimal number: ", arg);
		j->pol.min_version_given = true;
		return 0;
	default:
		if (parse_u32(arg, &j->pol.min_epoch))
			return av_cli_usage(cmd, "--min-policy-epoch: not a decimal number: ", arg);
		j->pol.min_epoch_given = true;
		return 0;
	}
}

int av_judge_opt(struct av_judge *j, int c, const char *arg, const char *cmd)
{
	switch (c) {
	case AV_OPT_POLICY_KEY:
	case AV_OPT_MIN_VERSION:
	case AV_OPT_MIN_EPOCH: return policy_opt(j, c, arg, cmd);
	case AV_OPT_AK: return load_ak(j, arg, cmd);
	case AV_OPT_REFERENCE: j->refpath = arg; return 0;
	case AV_OPT_STATE: j->state = arg; return 0;
	case AV_OPT_JSON: j->json = true; return 0;
	case AV_OPT_ACCEPT:
		if (av_accept_parse(arg, &j->accept))
			return av_cli_usage(cmd,
					    "--accept-launch: not a list of "
					    "skinit,txt,emulated,static: ",
					    arg);
		return 0;
	default: return 1;
	}
}

int av_judge_run(const struct av_judge *j, const char *dir, FILE *out, struct av_result *res,
		 const char *cmd)
{
	struct av_bundle b;
	struct av_ref *ref = NULL;
	char err[AV_MSG_MAX * 2];
	if (av_bundle_load(dir, &b, err, sizeof(err)))
		return av_cli_usage(cmd, "bundle: ", err);
	if (j->refpath && av_ref_load(j->refpath, &ref, err, sizeof(err))) {
		av_bundle_free(&b);
		return av_cli_usage(cmd, "--reference ", err);
	}
	struct av_inputs in = {&b, j->aks, j->naks, ref, j->state, j->accept, &j->pol};
	av_verify(&in, res);
	if (j->json)
		av_report_json(out, res);
	else
		av_report_table(out, res);
	av_ref_free(ref);
	av_bundle_free(&b);
	return av_status_of(res) == AV_AFFIRMING ? 0 : 1;
}
