// SPDX-License-Identifier: GPL-2.0-only
/*
 * The EK checks of enrollment (attest/verifier/ekcert.c) on a certificate
 * swtpm_setup made (tests/data/attest/: ek-swtpm.der from NV 0x01c00002,
 * ek-swtpm.pub the EK public area tpm2_createek made on the same TPM,
 * ek-ca-swtpm.pem swtpm-localca's intermediate and root; ek-ca-other.pem
 * an unrelated CA): accepted with its CA, refused with a wrong CA, with
 * the root alone, for another key, for a key of another template, for
 * bytes that are not one certificate. ek-critsda.der / ek-critother.der
 * (signed by ek-ca-crit.pem with openssl x509 -force_pubkey, for the same
 * EK) carry a critical subjectDirectoryAttributes, which stock OpenSSL
 * refuses as an unhandled critical extension and ekcert.c's rule accepts,
 * and a critical private extension, which the rule refuses.
 */
#include <stdlib.h>
#include <string.h>
#include "attest/verifier/online.h"
#include "tests/unit/unit.h"

#define DATA "tests/data/attest/"

static struct av_buf der, pubbuf;
static TPM2B_PUBLIC ek;

static bool load(void)
{
	char err[AV_MSG_MAX];
	free(der.p);
	free(pubbuf.p);
	if (av_read_file(DATA "ek-swtpm.der", &der, err, sizeof(err)) ||
	    av_read_file(DATA "ek-swtpm.pub", &pubbuf, err, sizeof(err))) {
		printf("%s\n", err);
		return false;
	}
	return !av_key_parse(pubbuf.p, pubbuf.n, &ek, err, sizeof(err));
}

static int check(const char *ca, char *why, size_t n)
{
	char subj[256];
	return av_ekcert_check(der.p, der.n, ca, &ek, subj, sizeof(subj), why, n);
}

TEST(attest_ekcert_swtpm_accepted)
{
	char why[AV_MSG_MAX] = "", subj[256];
	REQUIRE(load());
	CHECK(!av_ek_check_template(&ek, why, sizeof(why)));
	CHECK(!av_ekcert_check(der.p, der.n, DATA "ek-ca-swtpm.pem", &ek, subj, sizeof(subj), why,
			       sizeof(why)));
	if (why[0])
		printf("%s\n", why);
	CHECK(strstr(subj, "2.23.133.2.2 = swtpm") || strstr(subj, "swtpm"));
}

TEST(attest_ekcert_wrong_ca_refused)
{
	char why[AV_MSG_MAX] = "";
	REQUIRE(load());
	CHECK(check(DATA "ek-ca-other.pem", why, sizeof(why)) == -1);
	CHECK(strstr(why, "not vouched for by") != NULL);
	CHECK(check(DATA "ek-ca-swtpm-root.pem", why, sizeof(why)) == -1); /* no intermediate */
	CHECK(strstr(why, "unable to get local issuer") != NULL);
	CHECK(check(DATA "nope.pem", why, sizeof(why)) == -1);
	CHECK(strstr(why, "cannot open") != NULL);
	CHECK(check(DATA "ek-swtpm.pub", why, sizeof(why)) == -1);
	CHECK(strstr(why, "no PEM certificate") != NULL);
}

TEST(attest_ekcert_other_key_refused)
{
	char why[AV_MSG_MAX] = "";
	REQUIRE(load());
	ek.publicArea.unique.rsa.buffer[100] ^= 1; /* another TPM's EK */
	CHECK(check(DATA "ek-ca-swtpm.pem", why, sizeof(why)) == -1);
	CHECK(strstr(why, "certifies another key") != NULL);
}

TEST(attest_ekcert_template_enforced)
{
	char why[AV_MSG_MAX] = "";
	REQUIRE(load());
	ek.publicArea.objectAttributes |= TPMA_OBJECT_USERWITHAUTH; /* usable by password */
	CHECK(check(DATA "ek-ca-swtpm.pem", why, sizeof(why)) == -1);
	CHECK(strstr(why, "objectAttributes") != NULL);
	REQUIRE(load());
	ek.publicArea.authPolicy.buffer[0] ^= 1;
	CHECK(av_ek_check_template(&ek, why, sizeof(why)) == -1);
	CHECK(strstr(why, "authPolicy") != NULL);
	REQUIRE(load());
	ek.publicArea.parameters.rsaDetail.exponent = 3;
	CHECK(av_ek_check_template(&ek, why, sizeof(why)) == -1);
	CHECK(strstr(why, "exponent") != NULL);
}

TEST(attest_ekcert_not_a_certificate)
{
	char why[AV_MSG_MAX] = "", subj[64];
	REQUIRE(load());
	CHECK(av_ekcert_check(der.p, der.n - 1, DATA "ek-ca-swtpm.pem", &ek, subj, sizeof(subj),
			      why, sizeof(why)) == -1);
	CHECK(strstr(why, "not one DER X.509 certificate") != NULL);
	u8 *two = malloc(der.n + 1);
	REQUIRE(two);
	memcpy(two, der.p, der.n);
	two[der.n] = 0; /* a trailing byte */
	CHECK(av_ekcert_check(two, der.n + 1, DATA "ek-ca-swtpm.pem", &ek, subj, sizeof(subj), why,
			      sizeof(why)) == -1);
	CHECK(av_ekcert_check(two, 0, DATA "ek-ca-swtpm.pem", &ek, subj, sizeof(subj), why,
			      sizeof(why)) == -1);
	free(two);
	free(der.p);
	free(pubbuf.p);
	der.p = pubbuf.p = NULL;
}

static int check_cert(const char *file, const char *ca, char *why, size_t n)
{
	struct av_buf c;
	char subj[256];
	if (av_read_file(file, &c, why, n))
		return -2;
	int rc = av_ekcert_check(c.p, c.n, ca, &ek, subj, sizeof(subj), why, n);
	free(c.p);
	return rc;
}

TEST(attest_ekcert_critical_extension_rule)
{
	char why[AV_MSG_MAX] = "";
	REQUIRE(load());
	CHECK_EQ(check_cert(DATA "ek-critsda.der", DATA "ek-ca-crit.pem", why, sizeof(why)), 0);
	if (why[0])
		printf("%s\n", why);
	CHECK_EQ(check_cert(DATA "ek-critother.der", DATA "ek-ca-crit.pem", why, sizeof(why)), -1);
	CHECK(strstr(why, "unhandled critical extension") != NULL);
	free(der.p);
	free(pubbuf.p);
	der.p = pubbuf.p = NULL;
}
