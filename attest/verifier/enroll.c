// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet attest enroll --agent ADDR --host NAME --db DB (--ek-ca CA.pem |
 * --no-ek-cert) [--ak-alg rsa|ecc] [--replace]` (docs/attestation.md,
 * "Enrollment"):
 *   1. INFO: the agent's EK public area, EK certificate and AK public areas;
 *   2. the EK: the default EK template, and (unless --no-ek-cert, said so
 *      in the table) a certificate chaining to CA.pem for exactly that key;
 *      a host already enrolled with another EK is refused unless --replace;
 *   3. every AK asked for (both by default): a restricted signing key
 *      (restricted, sign, fixedTPM, fixedParent, sensitiveDataOrigin, not
 *      decrypt, nameAlg SHA-256); a fresh random 32-byte credential wrapped
 *      for its name under the EK (makecred.c); ACTIVATE; the credential the
 *      agent returns must equal it (constant-time compare): only the TPM
 *      that holds the EK's private key, with an object of that name loaded,
 *      can unwrap it;
 *   4. the host row stored (hosts.c).
 * Nothing is stored unless every step passed. Exit 0 enrolled, 1 refused
 * (the reason on stderr), 2 usage error.
 */
#include <getopt.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <parapet/bytes.h>
#include "attest/verifier/cli_common.h"
#include "attest/verifier/online.h"
#include "tools/parapet/dispatch.h"

static const char enroll_usage[] =
    "usage: parapet attest enroll --agent ADDR --host NAME --db DB\n"
    "                             (--ek-ca CA.pem | --no-ek-cert) [--ak-alg rsa|ecc]\n"
    "                             [--replace]\n"
    "\n"
    "Enroll a host's attestation keys by credential activation (docs/attestation.md).\n"
    "  --agent ADDR     unix:PATH or tcp:HOST:PORT of the host's agent\n"
    "  --host NAME      the name the host is enrolled under\n"
    "  --db DB          SQLite database (enrolled hosts, clock state, verdicts)\n"
    "  --ek-ca CA.pem   CA bundle the EK certificate must chain to\n"
    "  --no-ek-cert     enroll without an EK certificate (the status says so)\n"
    "  --ak-alg ALG     enroll only the rsa or the ecc AK (default: every AK offered)\n"
    "  --replace        a host enrolled before with another EK may be replaced\n"
    "Exit status: 0 enrolled, 1 refused, 2 usage error.\n";

#define REFUSED 1

static int refuse(const char *host, const char *why)
{
	fprintf(stderr, "parapet attest enroll: %s refused: %s\n", host, why);
	return REFUSED;
}

/* The attributes an AK must have (tpm2_attest.h); why names the first
 * missing or extra one. */
static int ak_check(const TPM2B_PUBLIC *ak, char *why, size_t whylen)
{
	static const struct {
		TPMA_OBJECT bit;
		bool want;
		const char *name;
	} rules[] = {{TPMA_OBJECT_RESTRICTED, true, "restricted"},
		     {TPMA_OBJECT_SIGN_ENCRYPT, true, "sign"},
		     {TPMA_OBJECT_FIXEDTPM, true, "fixedTPM"},
		     {TPMA_OBJECT_FIXEDPARENT, true, "fixedParent"},
		     {TPMA_OBJECT_SENSITIVEDATAORIGIN, true, "sensitiveDataOrigin"},
		     {TPMA_OBJECT_DECRYPT, false, "decrypt"}};
	TPMA_OBJECT a = ak->publicArea.objectAttributes;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (!!(a & rules[i].bit) != rules[i].want) {
			snprintf(why, whylen, "AK attributes 0x%08x: %s %s", a,
				 rules[i].want ? "lacks" : "has", rules[i].name);
			return -1;
		}
	if (ak->publicArea.nameAlg != TPM2_ALG_SHA256) {
		snprintf(why, whylen, "AK nameAlg 0x%04x, not SHA-256", ak->publicArea.nameAlg);
		return -1;
	}
	return 0;
}

struct enroll {
	const char *agent, *host, *db, *ca;
	bool no_cert, replace;
	int only; /* -1 both, AV_AK_RSA, AV_AK_ECC */
	int fd;
	u8 req[4096];
	u8 *rsp;
	struct pp_at_msg msg;
	TPM2B_PUBLIC ek;
	struct av_host h;
};

static int request(struct enroll *e, u16 type, const struct pp_at_item *items, u32 n, char *why,
		   size_t whylen)
{
	struct pp_at_wr w;
	struct pp_err err = {0, ""};
	size_t len = 0;
	pp_at_wr_begin(&w, e->req, sizeof(e->req), type);
	for (u32 i = 0; i < n; i++)
		pp_at_wr_item(&w, items[i].tag, items[i].data, items[i].len);
	if (pp_at_wr_finish(&w, &len, &err)) {
		snprintf(why, whylen, "%s request: %s", pp_at_type_name(type), err.msg);
		return -1;
	}
	return av_agent_call(e->fd, e->req, len, AV_AGENT_TIMEOUT_MS, e->rsp, PP_AT_MAX_FRAME,
			     &e->msg, why, whylen);
}

/* Step 2: the EK. */
static int check_ek(struct enroll *e, char *why, size_t whylen)
{
	const struct pp_at_item *ekp, *cert = pp_at_find(&e->msg, PP_AT_T_EK_CERT);
	struct pp_err err = {0, ""};
	char r[AV_MSG_MAX];
	if (pp_at_need(&e->msg, PP_AT_T_EK_PUB, &ekp, &err)) {
		snprintf(why, whylen, "INFO reply: %s", err.msg);
		return -1;
	}
	if (ekp->len > sizeof(e->h.ek_pub) ||
	    av_key_parse(ekp->data, ekp->len, &e->ek, r, sizeof(r))) {
		snprintf(why, whylen, "EK_PUB: %s",
			 ekp->len > sizeof(e->h.ek_pub) ? "too long" : r);
		return -1;
	}
	memcpy(e->h.ek_pub, ekp->data, ekp->len);
	e->h.ek_len = ekp->len;
	if (e->no_cert) {
		snprintf(e->h.ek_cert, sizeof(e->h.ek_cert), "EK not certified");
		return av_ek_check_template(&e->ek, why, whylen);
	}
	if (!cert) {
		snprintf(why, whylen,
			 "the agent sent no EK certificate (--no-ek-cert to enroll "
			 "without one)");
		return -1;
	}
	return av_ekcert_check(cert->data, cert->len, e->ca, &e->ek, e->h.ek_cert,
			       sizeof(e->h.ek_cert), why, whylen);
}

/* Step 2, last part: an enrolled host keeps its EK unless --replace. */
static int check_known(struct enroll *e, char *why, size_t whylen)
{
	static struct av_host old;
	int found = av_hosts_get(e->db, e->host, &old, why, whylen);
	if (found < 0)
		return -1;
	if (found &&
	    (old.ek_len != e->h.ek_len || memcmp(old.ek_pub, e->h.ek_pub, e->h.ek_len) != 0) &&
	    !e->replace) {
		snprintf(why, whylen,
			 "%s is enrolled with another EK (since %lld): another TPM answers at "
			 "this address (--replace to enroll it anyway)",
			 e->host, old.enrolled);
		return -1;
	}
	return 0;
}

/* Step 3 for one AK: its public area from the INFO reply (copied, since
 * the next reply reuses the buffer). */
static int activate(struct enroll *e, int kind, const u8 *pubp, size_t publen, char *why,
		    size_t whylen)
{
	TPM2B_PUBLIC ak;
	TPM2B_NAME name;
	u8 cred[32], blob[AV_ID_OBJECT_MAX], secret[AV_ENC_SECRET_MAX], alg[2];
	size_t blen = 0, slen = 0;
	char r[AV_MSG_MAX];
	const char *kn = kind == AV_AK_RSA ? "rsa" : "ecc";
	int rc = -1;
	if (av_key_parse(pubp, publen, &ak, r, sizeof(r)) || publen > AV_PUB_MAX) {
		snprintf(why, whylen, "%s AK_PUB: %s", kn, publen > AV_PUB_MAX ? "too long" : r);
		return -1;
	}
	if (ak_check(&ak, r, sizeof(r))) {
		snprintf(why, whylen, "%s AK is not a restricted signing key: %s", kn, r);
		return -1;
	}
	if (av_key_name(&ak, &name) || name.size != AV_NAME_MAX) {
		snprintf(why, whylen, "%s AK: no SHA-256 name", kn);
		return -1;
	}
	if (RAND_bytes(cred, sizeof(cred)) != 1) {
		snprintf(why, whylen, "no random credential (OpenSSL)");
		return -1;
	}
	if (av_makecred(&e->ek, name.name, name.size, cred, sizeof(cred), blob, sizeof(blob), &blen,
			secret, sizeof(secret), &slen, r, sizeof(r))) {
		snprintf(why, whylen, "MakeCredential for the %s AK: %s", kn, r);
		goto out;
	}
	st_le16(alg, kind == AV_AK_RSA ? TPM2_ALG_RSA : TPM2_ALG_ECC);
	const struct pp_at_item items[] = {{PP_AT_T_AK_ALG, 2, alg},
					   {PP_AT_T_CRED_BLOB, (u32)blen, blob},
					   {PP_AT_T_SECRET, (u32)slen, secret}};
	memcpy(e->h.ak[kind].pub, pubp, publen); /* pubp points into e->rsp */
	e->h.ak[kind].len = publen;
	memcpy(e->h.ak[kind].name, name.name, name.size);
	e->h.ak[kind].name_len = name.size;
	if (request(e, PP_AT_REQ_ACTIVATE, items, 3, why, whylen))
		goto out;
	const struct pp_at_item *got = pp_at_find(&e->msg, PP_AT_T_CERT_INFO);
	if (!got || got->len != sizeof(cred) || CRYPTO_memcmp(got->data, cred, sizeof(cred))) {
		snprintf(why, whylen,
			 "the %s AK's credential came back %s: the AK is not in the TPM of this "
			 "EK",
			 kn, got ? "different" : "missing");
		goto out;
	}
	rc = 0;
out:
	OPENSSL_cleanse(cred, sizeof(cred));
	if (rc)
		e->h.ak[kind].len = 0;
	return rc;
}

/* Step 3: the AK_PUB items of the INFO reply, at most one per kind. */
static int activate_all(struct enroll *e, char *why, size_t whylen)
{
	static u8 pubs[2][AV_PUB_MAX];
	size_t lens[2] = {0, 0};
	for (u32 i = 0; i < e->msg.n; i++) {
		const struct pp_at_item *it = &e->msg.item[i];
		if (it->tag != PP_AT_T_AK_PUB)
			continue;
		int kind =
		    it->len >= 4 && ld_be16(it->data + 2) == TPM2_ALG_ECC ? AV_AK_ECC : AV_AK_RSA;
		if (it->len > AV_PUB_MAX || lens[kind]) {
			snprintf(why, whylen, "INFO reply: AK_PUB %s",
				 lens[kind] ? "twice of one kind" : "too long");
			return -1;
		}
		memcpy(pubs[kind], it->data, it->len);
		lens[kind] = it->len;
	}
	u32 done = 0;
	for (int k = 0; k < 2; k++) {
		if (e->only >= 0 && e->only != k)
			continue;
		if (!lens[k]) {
			if (e->only == k) {
				snprintf(why, whylen, "the agent offers no %s AK",
					 k ? "ecc" : "rsa");
				return -1;
			}
			continue;
		}
		if (activate(e, k, pubs[k], lens[k], why, whylen))
			return -1;
		done++;
	}
	if (!done) {
		snprintf(why, whylen, "the agent offers no AK");
		return -1;
	}
	return 0;
}

int av_enroll_main(int argc, char **argv)
{
	static const struct option opts[] = {{"agent", required_argument, NULL, 'a'},
					     {"host", required_argument, NULL, 'H'},
					     {"db", required_argument, NULL, 'd'},
					     {"ek-ca", required_argument, NULL, 'c'},
					     {"no-ek-cert", no_argument, NULL, 'n'},
					     {"ak-alg", required_argument, NULL, 'g'},
					     {"replace", no_argument, NULL, 'r'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	static struct enroll e;
	char why[AV_MSG_MAX * 2];
	int c, rc = REFUSED;
	memset(&e, 0, sizeof(e));
	e.only = -1;
	e.fd = -1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a': e.agent = optarg; break;
		case 'H': e.host = optarg; break;
		case 'd': e.db = optarg; break;
		case 'c': e.ca = optarg; break;
		case 'n': e.no_cert = true; break;
		case 'r': e.replace = true; break;
		case 'g':
			if ((e.only = av_cli_ak_alg(optarg)) < 0)
				return av_cli_usage("enroll", "--ak-alg: not rsa or ecc: ", optarg);
			break;
		case 'h': fputs(enroll_usage, stdout); return 0;
		default:
			return av_cli_usage(
			    "enroll", "unknown option or missing argument: ", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return av_cli_usage("enroll", "unexpected argument ", argv[optind]);
	if (!e.agent || !e.host || !e.db)
		return av_cli_usage("enroll", "--agent, --host and --db are required", "");
	if (!e.ca == !e.no_cert)
		return av_cli_usage("enroll", "exactly one of --ek-ca CA.pem and --no-ek-cert", "");
	if (strlen(e.host) >= sizeof(e.h.host))
		return av_cli_usage("enroll", "--host: name too long: ", e.host);
	if (e.ca && access(e.ca, R_OK))
		return av_cli_usage("enroll", "--ek-ca: cannot read ", e.ca);
	snprintf(e.h.host, sizeof(e.h.host), "%s", e.host);
	e.rsp = malloc(PP_AT_MAX_FRAME);
	if (!e.rsp)
		return refuse(e.host, "out of memory");
	if ((e.fd = av_agent_open(e.agent, AV_AGENT_TIMEOUT_MS, why, sizeof(why))) < 0 ||
	    request(&e, PP_AT_REQ_INFO, NULL, 0, why, sizeof(why)) ||
	    check_ek(&e, why, sizeof(why)) || check_known(&e, why, sizeof(why)) ||
	    activate_all(&e, why, sizeof(why))) {
		rc = refuse(e.host, why);
		goto out;
	}
	e.h.enrolled = (long long)time(NULL);
	if (av_hosts_put(e.db, &e.h, why, sizeof(why))) {
		rc = refuse(e.host, why);
		goto out;
	}
	printf("enrolled %s: EK %s\n", e.host, e.h.ek_cert);
	for (int k = 0; k < 2; k++) {
		char hex[2 * AV_NAME_MAX + 1];
		if (!e.h.ak[k].len)
			continue;
		av_hex(hex, e.h.ak[k].name, e.h.ak[k].name_len);
		printf("  %s AK %s (credential activated)\n", k ? "ecc" : "rsa", hex);
	}
	rc = 0;
out:
	if (e.fd >= 0)
		close(e.fd);
	free(e.rsp);
	return rc;
}
