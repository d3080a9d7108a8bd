// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet attest challenge --agent ADDR --host NAME --db DB [--reference
 * FILE] [--accept-launch LIST] [--json] [--out DIR] [--ak-alg rsa|ecc]`
 * (docs/attestation.md, "Challenges"): a fresh 32-byte nonce, QUOTE, the
 * reply written as an evidence bundle (DIR, or a private mktemp directory
 * removed afterwards) in exactly the files `parapet attest verify` reads
 * (eventlog.bin: the firmware log then the DRTM log, either possibly
 * absent, in which case verify judges what is there; policy.bin when the
 * reply has POLICY_BIN),
 * then the same judging call as verify (cli_common.c) with the host's
 * enrolled AKs as --ak and DB as --state. Also printed: the agent's policy
 * verdict and the DMA fault summary's counts (reported, not judged).
 *
 * Trust: the reply is agent bytes and becomes only bundle files; the
 * verdict comes from verify's checks alone. ak.pub and ak.pem are the
 * enrolled AK's (from DB), never something the agent sent. Exit statuses as
 * verify; an unenrolled host or an unreachable agent is 2 (no verdict).
 */
#include <getopt.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <parapet/bytes.h>
#include <parapet/faultlog.h>
#include "attest/verifier/challenge.h"
#include "attest/verifier/cli_common.h"
#include "attest/verifier/online.h"
#include "tools/parapet/dispatch.h"

static const char challenge_usage[] =
    "usage: parapet attest challenge --agent ADDR --host NAME --db DB\n"
    "                                [--reference FILE] [--accept-launch LIST] [--json]\n"
    "                                [--out DIR] [--ak-alg rsa|ecc]\n"
    "\n"
    "Challenge an enrolled host and judge its evidence (docs/attestation.md).\n"
    "  --agent ADDR          unix:PATH or tcp:HOST:PORT of the host's agent\n"
    "  --host NAME           the enrolled host (parapet attest enroll)\n"
    "  --db DB               the enrollment database; also verify's --state\n"
    "  --reference FILE      as verify: reference.json or a known-good binary log\n"
    "  --accept-launch LIST  as verify (default skinit,txt)\n"
    "  --policy-key PUB.pem, --min-policy-version N, --min-policy-epoch N\n"
    "                        as verify: policy.bin's signer and minimum version\n"
    "  --json                an EAR-style JSON result instead of the table\n"
    "  --out DIR             keep the evidence bundle in DIR (else a removed temp dir)\n"
    "  --ak-alg ALG          quote with the rsa or the ecc AK (default rsa if enrolled)\n"
    "Exit status: 0 affirming, 1 warning or contraindicated, 2 usage error or no\n"
    "evidence (host not enrolled, agent unreachable or refusing).\n";

static int put(const char *dir, const char *name, const u8 *a, size_t an, const u8 *b, size_t bn,
	       char *why, size_t whylen)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	bool ok = f && (!an || fwrite(a, 1, an, f) == an) && (!bn || fwrite(b, 1, bn, f) == bn);
	if (f && fclose(f))
		ok = false;
	if (!ok) {
		snprintf(why, whylen, "cannot write %s", path);
		return -1;
	}
	return 0;
}

static int write_pem(const char *dir, const TPM2B_PUBLIC *pub, char *why, size_t whylen)
{
	u8 der[AV_SPKI_MAX];
	char path[4096];
	size_t n = av_key_spki(pub, der, sizeof(der));
	snprintf(path, sizeof(path), "%s/ak.pem", dir);
	FILE *f = fopen(path, "w");
	int ok = f && n && PEM_write(f, "PUBLIC KEY", "", der, (long)n) > 0;
	if (f && fclose(f))
		ok = 0;
	if (!ok)
		snprintf(why, whylen, "cannot write %s", path);
	return ok ? 0 : -1;
}

/* The reply's items as the bundle files of docs/attestation.md. */
static int write_bundle(const char *dir, const struct pp_at_msg *m, const u8 nonce[32],
			const struct av_host *h, int kind, char *why, size_t whylen)
{
	static u8 pcrs[AV_PCRFILE_MAX];
	const struct pp_at_item *msg, *sig, *pv, *fw = pp_at_find(m, PP_AT_T_FW_LOG);
	const struct pp_at_item *drtm = pp_at_find(m, PP_AT_T_DRTM_LOG);
	const struct pp_at_item *pol = pp_at_find(m, PP_AT_T_POLICY_BIN);
	struct pp_err err = {0, ""};
	char hex[2 * 32 + 2];
	size_t plen = 0;
	TPM2B_PUBLIC ak;
	if (pp_at_need(m, PP_AT_T_QUOTE_MSG, &msg, &err) ||
	    pp_at_need(m, PP_AT_T_QUOTE_SIG, &sig, &err) ||
	    pp_at_need(m, PP_AT_T_PCRS, &pv, &err)) {
		snprintf(why, whylen, "%s", err.msg);
		return -1;
	}
	if (av_pcrs_to_file(pv->data, pv->len, pcrs, sizeof(pcrs), &plen, why, whylen) ||
	    av_key_parse(h->ak[kind].pub, h->ak[kind].len, &ak, why, whylen))
		return -1;
	av_hex(hex, nonce, 32);
	strcat(hex, "\n");
	return put(dir, "quote.msg", msg->data, msg->len, NULL, 0, why, whylen) ||
		       put(dir, "quote.sig", sig->data, sig->len, NULL, 0, why, whylen) ||
		       put(dir, "quote.pcrs", pcrs, plen, NULL, 0, why, whylen) ||
		       put(dir, "eventlog.bin", fw ? fw->data : NULL, fw ? fw->len : 0,
			   drtm ? drtm->data : NULL, drtm ? drtm->len : 0, why, whylen) ||
		       put(dir, "nonce.hex", (const u8 *)hex, 65, NULL, 0, why, whylen) ||
		       put(dir, "ak.pub", h->ak[kind].pub, h->ak[kind].len, NULL, 0, why, whylen) ||
		       write_pem(dir, &ak, why, whylen) ||
		       (pol &&
			put(dir, AV_BUNDLE_POLICY, pol->data, pol->len, NULL, 0, why, whylen))
		   ? -1
		   : 0;
}

/* The agent's policy verdict and the fault summary's counts. */
static void print_extras(FILE *f, const struct pp_at_msg *m)
{
	const struct pp_at_item *pol = pp_at_find(m, PP_AT_T_POLICY);
	const struct pp_at_item *fl = pp_at_find(m, PP_AT_T_FAULTS);
	char text[161];
	size_t o = 0;
	for (u32 i = 0; pol && i < pol->len && o + 1 < sizeof(text); i++)
		text[o++] = pol->data[i] >= 0x20 && pol->data[i] < 0x7f ? (char)pol->data[i] : '?';
	text[o] = 0;
	fprintf(f, "agent policy: %s\n", pol ? text : "(not sent)");
	if (!fl)
		fprintf(f, "DMA faults: (no summary sent)\n");
	else if (fl->len < FL_HDR_SIZE || memcmp(fl->data, FL_MAGIC_SUMMARY, 4) != 0)
		fprintf(f, "DMA faults: summary malformed (%u bytes)\n", fl->len);
	else
		fprintf(f, "DMA faults: %llu recorded, %u distinct, %llu dropped\n",
			(unsigned long long)ld_le64(fl->data + FL_OFF_TOTAL),
			ld_le32(fl->data + FL_OFF_COUNT),
			(unsigned long long)ld_le64(fl->data + FL_OFF_DROPPED));
}

static void remove_bundle(const char *dir)
{
	char path[4096];
	for (u32 i = 0; i < 7; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, av_bundle_files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/%s", dir, AV_BUNDLE_POLICY);
	unlink(path);
	rmdir(dir);
}

int av_challenge_run(const struct av_challenge *c, struct av_result *res, FILE *out, char *why,
		     size_t whylen)
{
	static struct av_host h;
	static struct av_judge j;
	static u8 rsp[PP_AT_MAX_FRAME];
	u8 req[256], nonce[32], alg[2];
	struct pp_at_msg m;
	struct pp_at_wr w;
	struct pp_err err = {0, ""};
	size_t len = 0;
	char tmp[] = "/tmp/parapet-challenge.XXXXXX";
	const char *dir = c->out;
	int fd = -1, rc = PARAPET_EXIT_USAGE, found = av_hosts_get(c->db, c->host, &h, why, whylen);
	if (found <= 0) {
		if (!found)
			snprintf(why, whylen, "%s is not enrolled in %s", c->host, c->db);
		return PARAPET_EXIT_USAGE;
	}
	int kind = c->ak_alg >= 0 ? c->ak_alg : h.ak[AV_AK_RSA].len ? AV_AK_RSA : AV_AK_ECC;
	if (!h.ak[kind].len) {
		snprintf(why, whylen, "%s has no enrolled %s AK", c->host, kind ? "ecc" : "rsa");
		return PARAPET_EXIT_USAGE;
	}
	av_judge_init(&j);
	j.refpath = c->refpath;
	j.state = c->db;
	j.json = c->json;
	j.accept = c->accept;
	if (c->pol)
		j.pol = *c->pol;
	for (int k = 0; k < 2; k++)
		if (h.ak[k].len &&
		    av_judge_add_ak(&j, h.ak[k].pub, h.ak[k].len,
				    k ? "enrolled ecc AK" : "enrolled rsa AK", "challenge")) {
			snprintf(why, whylen, "%s: the enrolled AK in %s does not parse", c->host,
				 c->db);
			return PARAPET_EXIT_USAGE;
		}
	if (RAND_bytes(nonce, sizeof(nonce)) != 1) {
		snprintf(why, whylen, "no random nonce (OpenSSL)");
		return PARAPET_EXIT_USAGE;
	}
	st_le16(alg, kind == AV_AK_RSA ? TPM2_ALG_RSA : TPM2_ALG_ECC);
	pp_at_wr_begin(&w, req, sizeof(req), PP_AT_REQ_QUOTE);
	pp_at_wr_item(&w, PP_AT_T_AK_ALG, alg, 2);
	pp_at_wr_item(&w, PP_AT_T_NONCE, nonce, sizeof(nonce));
	if (pp_at_wr_finish(&w, &len, &err)) {
		snprintf(why, whylen, "QUOTE request: %s", err.msg);
		return PARAPET_EXIT_USAGE;
	}
	if ((fd = av_agent_open(c->agent, AV_AGENT_TIMEOUT_MS, why, whylen)) < 0 ||
	    av_agent_call(fd, req, len, AV_AGENT_TIMEOUT_MS, rsp, sizeof(rsp), &m, why, whylen))
		goto out;
	if (!dir && !(dir = mkdtemp(tmp))) {
		snprintf(why, whylen, "cannot make a temporary bundle directory");
		goto out;
	}
	if (write_bundle(dir, &m, nonce, &h, kind, why, whylen))
		goto out;
	if (!c->json)
		print_extras(out, &m);
	rc = av_judge_run(&j, dir, out, res, "challenge");
	if (c->json)
		print_extras(stderr, &m);
	why[0] = 0;
out:
	if (fd >= 0)
		close(fd);
	if (!c->out && dir)
		remove_bundle(dir);
	return rc;
}

int av_challenge_main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"agent", required_argument, NULL, 'a'},  {"host", required_argument, NULL, 'H'},
	    {"db", required_argument, NULL, 'd'},     {"out", required_argument, NULL, 'o'},
	    {"ak-alg", required_argument, NULL, 'g'}, AV_JUDGE_OPTIONS,
	    {"help", no_argument, NULL, 'h'},	      {NULL, 0, NULL, 0}};
	static struct av_judge j;
	static struct av_result res;
	struct av_challenge c = {.ak_alg = -1};
	char why[AV_MSG_MAX * 2] = "";
	int o, rc;
	av_judge_init(&j);
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'a': c.agent = optarg; break;
		case 'H': c.host = optarg; break;
		case 'd': c.db = optarg; break;
		case 'o': c.out = optarg; break;
		case 'g':
			if ((c.ak_alg = av_cli_ak_alg(optarg)) < 0)
				return av_cli_usage("challenge",
						    "--ak-alg: not rsa or ecc: ", optarg);
			break;
		case 'h': fputs(challenge_usage, stdout); return 0;
		default:
			rc = av_judge_opt(&j, o, optarg, "challenge");
			if (rc == 1)
				return av_cli_usage(
				    "challenge",
				    "unknown option or missing argument: ", argv[optind - 1]);
			if (rc)
				return rc;
		}
	}
	if (optind < argc)
		return av_cli_usage("challenge", "unexpected argument ", argv[optind]);
	if (!c.agent || !c.host || !c.db)
		return av_cli_usage("challenge", "--agent, --host and --db are required", "");
	if (c.out && access(c.out, W_OK))
		return av_cli_usage("challenge", "--out: not a writable directory: ", c.out);
	c.refpath = j.refpath;
	c.json = j.json;
	c.accept = j.accept;
	av_judge_default_policy_keys(&j);
	c.pol = &j.pol;
	rc = av_challenge_run(&c, &res, stdout, why, sizeof(why));
	if (why[0])
		fprintf(stderr, "parapet attest challenge: %s: %s\n", c.host, why);
	return rc;
}
