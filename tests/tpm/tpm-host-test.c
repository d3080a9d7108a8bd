// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TPM 2.0 command layer (common/tpm/) against a private swtpm:
 * tests/tpm/run.sh starts swtpm and runs `tpm-host-test DATA_SOCK CTRL_SOCK`.
 * Reference digests come from OpenSSL. One line per check, then
 * "tpm: N passed, N failed"; exit status 0 only when nothing failed.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2.h>
#include "tests/tpm/swtpm_xport.h"

static int passed, failed;
static struct tpm2_dev dev; /* large (buffers): not on the stack */
static struct swtpm_conn conn;

static void check(bool ok, const char *name, const char *detail)
{
	if (ok) {
		passed++;
		printf("ok   %s\n", name);
	} else {
		failed++;
		printf("FAIL %s%s%s\n", name, detail && *detail ? ": " : "", detail ? detail : "");
	}
}

static const char *alg_name(u16 alg)
{
	switch (alg) {
	case PP_ALG_SHA1: return "sha1";
	case PP_ALG_SHA256: return "sha256";
	case PP_ALG_SHA384: return "sha384";
	case PP_ALG_SHA512: return "sha512";
	case PP_ALG_SM3_256: return "sm3";
	default: return NULL;
	}
}

/* OpenSSL digest of a||b for a TPM algorithm; false if OpenSSL lacks it. */
static bool ref_hash2(u16 alg, const u8 *a, size_t alen, const u8 *b, size_t blen, u8 *out)
{
	const EVP_MD *md = alg_name(alg) ? EVP_get_digestbyname(alg_name(alg)) : NULL;
	EVP_MD_CTX *ctx;
	bool ok;

	if (!md)
		return false;
	ctx = EVP_MD_CTX_new();
	ok = ctx && EVP_DigestInit_ex(ctx, md, NULL) && EVP_DigestUpdate(ctx, a, alen) &&
	     EVP_DigestUpdate(ctx, b, blen) && EVP_DigestFinal_ex(ctx, out, NULL);
	EVP_MD_CTX_free(ctx);
	return ok;
}

static bool all_bytes(const u8 *p, size_t n, u8 v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* Digests of `text` for every active bank. */
static bool event_digests(const char *text, struct tpm2_digests *d)
{
	memset(d, 0, sizeof(*d));
	for (u32 i = 0; i < dev.banks.count; i++) {
		const struct tpm2_bank *b = &dev.banks.bank[i];
		if (!b->active)
			continue;
		d->d[d->count].alg = b->alg;
		if (!ref_hash2(b->alg, (const u8 *)text, strlen(text), NULL, 0,
			       d->d[d->count].digest))
			return false;
		d->count++;
	}
	return true;
}

struct pcr_snap {
	u8 v[TPM2_MAX_BANKS][PP_HASH_MAX_DIGEST];
};

static bool read_pcr_all(u32 pcr, struct pcr_snap *s, struct pp_err *err)
{
	memset(s, 0, sizeof(*s));
	for (u32 i = 0; i < dev.banks.count; i++) {
		const struct tpm2_bank *b = &dev.banks.bank[i];
		u32 len = 0;
		if (!b->active)
			continue;
		if (tpm2_pcr_read(&dev, pcr, b->alg, s->v[i], PP_HASH_MAX_DIGEST, &len, err))
			return false;
		if (len != b->digest_size) {
			pp_fail(err, PP_EINVAL, "bank 0x%04x: %u bytes", b->alg, len);
			return false;
		}
	}
	return true;
}

/* Each active bank of `after` == H(before || digest of that bank). */
static bool extended_ok(const struct pcr_snap *before, const struct pcr_snap *after,
			const struct tpm2_digests *d, char *why, size_t whylen)
{
	for (u32 i = 0; i < dev.banks.count; i++) {
		const struct tpm2_bank *b = &dev.banks.bank[i];
		u8 want[PP_HASH_MAX_DIGEST];
		const u8 *dig = NULL;
		if (!b->active)
			continue;
		for (u32 j = 0; j < d->count; j++)
			if (d->d[j].alg == b->alg)
				dig = d->d[j].digest;
		if (!dig ||
		    !ref_hash2(b->alg, before->v[i], b->digest_size, dig, b->digest_size, want)) {
			snprintf(why, whylen, "bank %s: no reference", alg_name(b->alg));
			return false;
		}
		if (memcmp(want, after->v[i], b->digest_size) != 0) {
			snprintf(why, whylen, "bank %s differs from H(old || digest)",
				 alg_name(b->alg));
			return false;
		}
	}
	return true;
}

/*
 * tpm2_pcr_read_set against the same PCRs read one by one: PCR 0-23 of
 * every active bank (96 digests with swtpm's four banks, so the TPM's limit
 * of 8 digests per response makes the reader loop), equal values.
 */
static void test_pcr_set(void)
{
	static struct tpm2_pcr_set set;
	struct pp_err err = {0, ""};
	bool same = true;
	char why[96] = "";

	memset(&set, 0, sizeof(set));
	for (u32 i = 0; i < dev.banks.count && set.nbanks < TPM2_MAX_BANKS; i++)
		if (dev.banks.bank[i].active && dev.banks.bank[i].digest_size)
			set.alg[set.nbanks++] = dev.banks.bank[i].alg;
	set.mask = (1u << TPM2_NUM_PCRS) - 1u;
	int rc = tpm2_pcr_read_set(&dev, &set, &err);
	check(rc == 0, "pcr set: PCR 0-23 of every active bank", err.msg);
	if (rc)
		return;
	for (u32 k = 0; k < set.nbanks && same; k++)
		for (u32 pcr = 0; pcr < TPM2_NUM_PCRS && same; pcr++) {
			u8 one[PP_HASH_MAX_DIGEST];
			u32 len = 0;
			if (set.got[k] != set.mask ||
			    tpm2_pcr_read(&dev, pcr, set.alg[k], one, sizeof(one), &len, &err) ||
			    memcmp(one, set.digest[k][pcr], len) != 0) {
				snprintf(why, sizeof(why), "PCR %u bank %s", pcr,
					 alg_name(set.alg[k]));
				same = false;
			}
		}
	check(same, "pcr set: equals one TPM2_PCR_Read per PCR", why);
}

static void test_startup(void)
{
	struct pp_err err = {0, ""};
	bool already = true;
	int rc = tpm2_startup(&dev, &already, &err);
	check(rc == 0 && !already, "startup: TPM2_Startup(SU_CLEAR) on a fresh TPM", err.msg);
	rc = tpm2_startup(&dev, &already, &err);
	check(rc == 0 && already && dev.last_rc == TPM2_RC_INITIALIZE,
	      "startup: second Startup tolerated (TPM_RC_INITIALIZE)", err.msg);
}

static void test_banks(void)
{
	struct pp_err err = {0, ""};
	bool sha256 = false;
	char line[160];
	size_t used = 0;
	int rc = tpm2_get_banks(&dev, NULL, &err);

	check(rc == 0, "banks: TPM2_GetCapability(TPM_CAP_PCRS)", err.msg);
	line[0] = '\0';
	for (u32 i = 0; i < dev.banks.count; i++) {
		const struct tpm2_bank *b = &dev.banks.bank[i];
		const char *n = alg_name(b->alg);
		used +=
		    (size_t)snprintf(line + used, sizeof(line) - used, "%s%s%s", used ? " " : "",
				     n ? n : "?", b->active ? "" : "(inactive)");
		if (used >= sizeof(line))
			break;
		sha256 |= b->alg == PP_ALG_SHA256 && b->active;
	}
	printf("info banks: %s\n", line);
	check(sha256, "banks: sha256 bank active", NULL);
}

static void test_pcr17(void)
{
	struct pp_err err = {0, ""};
	struct pcr_snap before, after, again;
	struct tpm2_digests d;
	char why[120] = "";
	bool ok = read_pcr_all(17, &before, &err);
	int rc;

	for (u32 i = 0; ok && i < dev.banks.count; i++)
		if (dev.banks.bank[i].active)
			ok = all_bytes(before.v[i], dev.banks.bank[i].digest_size, 0xFF);
	check(ok, "pcr17: reads all 0xFF in every active bank", err.msg);

	check(event_digests("parapet tpm-host-test pcr17", &d), "pcr17: reference digests",
	      "OpenSSL lacks an active bank's algorithm");
	rc = tpm2_request_locality(&dev, 0, &err);
	if (!rc)
		rc = tpm2_pcr_extend(&dev, 17, &d, &err);
	check(rc == PP_EDEVICE && dev.last_rc == TPM2_RC_LOCALITY,
	      "pcr17: extend at locality 0 fails with TPM_RC_LOCALITY (0x907)", err.msg);
	printf("info locality-0 extend: rc %d, last_rc 0x%x, \"%s\"\n", rc, dev.last_rc, err.msg);
	ok = read_pcr_all(17, &again, &err) && !memcmp(&before, &again, sizeof(before));
	check(ok, "pcr17: unchanged after the refused extend", err.msg);

	rc = tpm2_request_locality(&dev, 2, &err);
	check(rc == 0, "pcr17: locality 2 set", err.msg);
	rc = tpm2_pcr_extend(&dev, 17, &d, &err);
	check(rc == 0 && dev.last_rc == 0, "pcr17: extend at locality 2 succeeds", err.msg);
	ok = read_pcr_all(17, &after, &err);
	check(ok && extended_ok(&before, &after, &d, why, sizeof(why)),
	      "pcr17: equals H(old || digest) in every active bank", ok ? why : err.msg);
	rc = tpm2_release_locality(&dev, &err);
	check(rc == 0, "pcr17: locality 2 released", err.msg);
}

static void test_pcr16(void)
{
	struct pp_err err = {0, ""};
	struct pcr_snap before, after;
	struct tpm2_digests d;
	char why[120] = "";
	int rc = tpm2_request_locality(&dev, 0, &err);
	bool ok = !rc && read_pcr_all(16, &before, &err) &&
		  event_digests("parapet tpm-host-test pcr16", &d);

	rc = ok ? tpm2_pcr_extend(&dev, 16, &d, &err) : -1;
	ok = rc == 0 && read_pcr_all(16, &after, &err) &&
	     extended_ok(&before, &after, &d, why, sizeof(why));
	check(ok, "pcr16: extend at locality 0 gives H(old || digest) in every bank",
	      *why ? why : err.msg);
}

/*
 * Which localities may extend PCR 16-23 (PC Client PTP/Platform Firmware
 * Profile PCR attributes, as swtpm implements them): bit n = locality n.
 */
static const u8 extend_mask[8] = {
    0x1F, /* 16: debug, any */
    0x1C, /* 17: 2-4 */
    0x1C, /* 18: 2-4 */
    0x0C, /* 19: 2-3 */
    0x0E, /* 20: 1-3 */
    0x04, /* 21: 2 */
    0x04, /* 22: 2 */
    0x1F, /* 23: application, any */
};

static void test_locality_matrix(void)
{
	struct pp_err err = {0, ""};
	struct tpm2_digests d;
	bool ok = event_digests("parapet tpm-host-test matrix", &d);
	char why[PP_ERR_MSG_MAX + 40] = "";

	printf("info extend allowed (PCR: localities 0-4):");
	for (u32 pcr = 16; ok && pcr <= 23; pcr++) {
		u8 got = 0;
		for (u8 loc = 0; loc <= 4; loc++) {
			int rc = tpm2_request_locality(&dev, loc, &err);
			if (!rc)
				rc = tpm2_pcr_extend(&dev, pcr, &d, &err);
			if (rc == 0)
				got |= (u8)(1u << loc);
			else if (rc != PP_EDEVICE || dev.last_rc != TPM2_RC_LOCALITY) {
				snprintf(why, sizeof(why), "PCR %u locality %u: %s", pcr, loc,
					 err.msg);
				ok = false;
			}
		}
		printf(" %u:", pcr);
		for (u8 loc = 0; loc <= 4; loc++)
			printf("%c", got & (1u << loc) ? (char)('0' + loc) : '-');
		if (ok && got != extend_mask[pcr - 16]) {
			snprintf(why, sizeof(why), "PCR %u: allowed mask 0x%02x, expected 0x%02x",
				 pcr, got, extend_mask[pcr - 16]);
			ok = false;
		}
	}
	printf("\n");
	check(ok, "localities: PCR 16-23 extend rules (others refused with 0x907)", why);
	tpm2_request_locality(&dev, 0, &err);
}

static void test_random(void)
{
	struct pp_err err = {0, ""};
	u8 a[32], b[32], big[100];
	int rc;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	memset(big, 0, sizeof(big));
	rc = tpm2_get_random(&dev, a, sizeof(a), &err);
	check(rc == 0 && !all_bytes(a, sizeof(a), 0), "random: 32 bytes, not all zero", err.msg);
	rc = tpm2_get_random(&dev, b, sizeof(b), &err);
	check(rc == 0 && memcmp(a, b, sizeof(a)) != 0, "random: two 32-byte calls differ", err.msg);
	rc = tpm2_get_random(&dev, big, sizeof(big), &err);
	check(rc == 0 && !all_bytes(big + 64, 36, 0) && !all_bytes(big, 32, 0),
	      "random: 100 bytes (several chunks), no zero tail", err.msg);
}

/* Malformed responses, substituted for the TPM's own (the command still
 * runs on swtpm, so the conversation stays in step). */
static void test_malformed(void)
{
	struct pp_err err = {0, ""};
	u8 out[64];
	u32 len = 0;
	int rc;
	/* Size field says 14 bytes; 12 arrive. */
	static const u8 short_rsp[] = {0x80, 0x01, 0, 0, 0, 14, 0, 0, 0, 0, 0, 1};
	/* GetRandom: 4 bytes returned for the 32 asked, but TPM2B size says 40. */
	static const u8 big_rand[] = {0x80, 0x01, 0, 0, 0, 16, 0, 0, 0, 0, 0, 40, 1, 2, 3, 4};
	/* PCR_Read answering for PCR 0 instead of 17. */
	u8 wrong_pcr[10 + 4 + 4 + 6 + 4 + 2 + 32];
	size_t o = 10;

	conn.fake_rsp = short_rsp;
	conn.fake_rsp_len = sizeof(short_rsp);
	rc = tpm2_get_random(&dev, out, 32, &err);
	check(rc == PP_EINVAL && strstr(err.msg, "size field 14"),
	      "malformed: header size != bytes received is rejected", err.msg);
	/* a malformed header marks the device failed: nothing more is sent */
	conn.fake_rsp = NULL;
	rc = tpm2_get_random(&dev, out, 32, &err);
	check(rc == PP_EDEVICE && dev.failed &&
		  strstr(err.msg, "not used after an earlier failure (TPM response size field 14"),
	      "malformed: the device is not used after a malformed response", err.msg);
	dev.failed = false; /* the next cases start from a working device */

	conn.fake_rsp = big_rand;
	conn.fake_rsp_len = sizeof(big_rand);
	rc = tpm2_get_random(&dev, out, 32, &err);
	check(rc == PP_EINVAL && strstr(err.msg, "more than the 32 asked"),
	      "malformed: GetRandom returning more than asked is rejected", err.msg);

	memset(wrong_pcr, 0, sizeof(wrong_pcr));
	st_be16(wrong_pcr, TPM2_ST_NO_SESSIONS);
	st_be32(wrong_pcr + 2, sizeof(wrong_pcr));
	st_be32(wrong_pcr + o, 7), o += 4; /* pcrUpdateCounter */
	st_be32(wrong_pcr + o, 1), o += 4; /* one selection */
	st_be16(wrong_pcr + o, PP_ALG_SHA256), o += 2;
	wrong_pcr[o++] = 3;
	wrong_pcr[o++] = 0x01; /* PCR 0 */
	o += 2;
	st_be32(wrong_pcr + o, 1), o += 4;
	st_be16(wrong_pcr + o, 32);
	conn.fake_rsp = wrong_pcr;
	conn.fake_rsp_len = sizeof(wrong_pcr);
	rc = tpm2_pcr_read(&dev, 17, PP_ALG_SHA256, out, sizeof(out), &len, &err);
	check(rc != 0 && strstr(err.msg, "selection byte 0"),
	      "malformed: PCR_Read answering another PCR is rejected", err.msg);
	conn.fake_rsp = NULL;

	/* And the real TPM still answers normally afterwards. */
	rc = tpm2_pcr_read(&dev, 17, PP_ALG_SHA256, out, sizeof(out), &len, &err);
	check(rc == 0 && len == 32, "malformed: conversation intact afterwards", err.msg);
}

int main(int argc, char **argv)
{
	struct pp_err err = {0, ""};

	if (argc != 3) {
		fprintf(stderr, "usage: %s DATA_SOCKET CTRL_SOCKET\n", argv[0]);
		return 2;
	}
	if (swtpm_connect(&conn, argv[1], argv[2], &err)) {
		printf("FAIL connect: %s\n", err.msg);
		printf("tpm: 0 passed, 1 failed\n");
		return 1;
	}
	tpm2_init(&dev, &swtpm_transport, &conn);
	check(tpm2_request_locality(&dev, 0, &err) == 0, "locality 0 set", err.msg);
	test_startup();
	test_banks();
	if (dev.banks_known) {
		test_pcr17();
		test_pcr16();
		test_locality_matrix();
		test_pcr_set();
	}
	test_random();
	test_malformed();
	tpm2_release_locality(&dev, &err);
	swtpm_close(&conn);
	printf("tpm: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
