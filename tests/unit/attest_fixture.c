// SPDX-License-Identifier: GPL-2.0-only
/*
 * Evidence bundles for the verifier's tests (attest_fixture.h). Every file
 * is produced the way its real producer would: the log by the secure
 * loader's writer, the PCR values by replaying it, quote.msg by libtss2-mu
 * from a TPMS_ATTEST, quote.sig as a TPMT_SIGNATURE over those bytes made
 * by OpenSSL with the AK's private key, quote.pcrs in tpm2-tools 5.4's
 * serialized layout (attest/verifier/pcrfile.c), ak.pem by OpenSSL.
 */
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tss2/tss2_mu.h>
#include <parapet/bytes.h>
#include <parapet/hash.h>
#include <parapet/measure_plan.h>
#include <parapet/module_role.h>
#include <parapet/policy_signed.h>
#include "tests/unit/attest_fixture.h"
#include "tests/unit/policy_fixture.h"
#include "tools/refgen/refgen.h"

#define FX_LOG_CAP (64u << 10)
#define FX_ATTRS                                                                                   \
	(TPMA_OBJECT_FIXEDTPM | TPMA_OBJECT_FIXEDPARENT | TPMA_OBJECT_SENSITIVEDATAORIGIN |        \
	 TPMA_OBJECT_USERWITHAUTH | TPMA_OBJECT_RESTRICTED | TPMA_OBJECT_SIGN_ENCRYPT)

static EVP_PKEY *keys[3];
static const u16 banks[] = {PP_ALG_SHA1, PP_ALG_SHA256};

static EVP_PKEY *key(u32 which)
{
	if (!keys[which])
		keys[which] = which == 2 ? EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")
					 : EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	return keys[which];
}

int fx_key(u32 which, bool restricted, struct av_key *k)
{
	EVP_PKEY *p = key(which);
	TPMT_PUBLIC *t = &k->pub.publicArea;
	memset(k, 0, sizeof(*k));
	if (!p)
		return -1;
	t->nameAlg = TPM2_ALG_SHA256;
	t->objectAttributes = FX_ATTRS & ~(restricted ? 0u : TPMA_OBJECT_RESTRICTED);
	if (which == 2) {
		u8 pt[65];
		size_t n = 0;
		t->type = TPM2_ALG_ECC;
		t->parameters.eccDetail.symmetric.algorithm = TPM2_ALG_NULL;
		t->parameters.eccDetail.scheme.scheme = TPM2_ALG_ECDSA;
		t->parameters.eccDetail.scheme.details.ecdsa.hashAlg = TPM2_ALG_SHA256;
		t->parameters.eccDetail.curveID = TPM2_ECC_NIST_P256;
		t->parameters.eccDetail.kdf.scheme = TPM2_ALG_NULL;
		if (!EVP_PKEY_get_octet_string_param(p, OSSL_PKEY_PARAM_PUB_KEY, pt, sizeof(pt),
						     &n) ||
		    n != 65)
			return -1;
		t->unique.ecc.x.size = t->unique.ecc.y.size = 32;
		memcpy(t->unique.ecc.x.buffer, pt + 1, 32);
		memcpy(t->unique.ecc.y.buffer, pt + 33, 32);
	} else {
		BIGNUM *n = NULL;
		t->type = TPM2_ALG_RSA;
		t->parameters.rsaDetail.symmetric.algorithm = TPM2_ALG_NULL;
		t->parameters.rsaDetail.scheme.scheme = TPM2_ALG_RSASSA;
		t->parameters.rsaDetail.scheme.details.rsassa.hashAlg = TPM2_ALG_SHA256;
		t->parameters.rsaDetail.keyBits = 2048;
		if (!EVP_PKEY_get_bn_param(p, OSSL_PKEY_PARAM_RSA_N, &n))
			return -1;
		t->unique.rsa.size = 256;
		BN_bn2binpad(n, t->unique.rsa.buffer, 256);
		BN_free(n);
	}
	snprintf(k->label, sizeof(k->label), "fixture key %u", which);
	return av_key_name(&k->pub, &k->name);
}

void fx_set(struct av_buf *b, const void *p, size_t n)
{
	free(b->p);
	b->p = malloc(n + 1);
	memcpy(b->p, p, n);
	b->p[n] = 0;
	b->n = n;
}

static void firmware_events(struct pp_evlog *log, u32 extra)
{
	static const char name[] = "/boot/parapet/module-with-a-64-byte-name-for-the-benchmark.bin";
	static const u8 sep[4];
	static const char ver[] = "fixture firmware 1.0";
	static const char cmd[] = "grub_cmd: multiboot2 /boot/parapet/launch.elf"; /* + NUL */
	static const char file[] = "/boot/parapet/launch.elf";
	u8 uvd[32 + 20 + 1];
	memset(uvd, 0x5a, 16); /* the variable's vendor GUID */
	st_le64(uvd + 16, 10);
	st_le64(uvd + 24, 1);
	for (u32 i = 0; i < 10; i++)
		st_le16(uvd + 32 + 2 * (size_t)i, (u16) "SecureBoot"[i]);
	uvd[52] = 1;
	pp_evlog_measure(log, 0, 0x8, ver, sizeof(ver), ver, sizeof(ver), NULL);
	pp_evlog_measure(log, 7, 0x80000001u, uvd, sizeof(uvd), uvd, sizeof(uvd), NULL);
	for (u32 pcr = 0; pcr < 8; pcr++)
		pp_evlog_measure(log, pcr, PP_EV_SEPARATOR, sep, 4, sep, 4, NULL);
	/* GRUB: the digest over the command alone, the data with prefix and NUL */
	pp_evlog_measure(log, 8, PP_EV_IPL, cmd + 10, strlen(cmd) - 10, cmd, sizeof(cmd), NULL);
	pp_evlog_measure(log, 9, PP_EV_IPL, "launch.elf bytes", 16, file, strlen(file), NULL);
	for (u32 i = 0; i < extra; i++)
		pp_evlog_measure(log, 9, PP_EV_IPL, &i, sizeof(i), name, sizeof(name), NULL);
}

int fx_firmware_log(struct av_buf *out)
{
	static u8 buf[FX_LOG_CAP];
	struct pp_evlog log;
	pp_evlog_init(&log, buf, sizeof(buf), banks, 2, NULL, 0);
	firmware_events(&log, 0);
	if (log.status)
		return -1;
	fx_set(out, buf, log.len);
	return 0;
}

/* The signed policy of this build (signed_policy()). */
static u8 pol_buf[16384];
static u32 pol_len;
static const u8 pol_seeds[2][32] = {{0x70, 1, 2, 3}, {0x71, 4, 5, 6}};

int fx_policy_key(u32 which, struct pp_pol_key *k)
{
	u8 h[32];
	size_t len = PP_ED25519_PUB_LEN;
	EVP_PKEY *pk = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, pol_seeds[which], 32);
	memset(k, 0, sizeof(*k));
	int ok = pk && EVP_PKEY_get_raw_public_key(pk, k->pub, &len) && len == PP_ED25519_PUB_LEN;
	EVP_PKEY_free(pk);
	if (!ok)
		return -1;
	pp_hash(PP_ALG_SHA256, k->pub, PP_ED25519_PUB_LEN, h);
	memcpy(k->id, h, PP_POL_KEY_ID_LEN);
	k->role = which ? "backup" : "policy";
	return 0;
}

/* The fixture policy, written and signed as `parapet policy sign` does. */
static int signed_policy(const struct fx_opts *o)
{
	static struct pp_policy pol;
	struct pp_pol_key k;
	struct pp_err err = {0, ""};
	u32 which = o->policy_other_key ? 1 : 0, len = 0;
	size_t sl = PP_ED25519_SIG_LEN;
	policy_fixture(&pol);
	if (o->policy_version)
		pol.version = o->policy_version;
	if (fx_policy_key(which, &k))
		return -1;
	memcpy(pol.key_id, k.id, PP_POL_KEY_ID_LEN);
	if (pp_policy_write(&pol, pol_buf, sizeof(pol_buf) - PP_POLSIG_TRAILER, &len, &err))
		return -1;
	u8 *t = pol_buf + len;
	memset(t, 0, PP_POLSIG_TRAILER);
	memcpy(t, PP_POLSIG_MAGIC, 8);
	st_le32(t + 8, PP_POLSIG_FORMAT);
	memcpy(t + 0x10, k.id, PP_POL_KEY_ID_LEN);
	EVP_PKEY *pk = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, pol_seeds[which], 32);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = pk && c && EVP_DigestSignInit(c, NULL, NULL, NULL, pk) == 1 &&
		 EVP_DigestSign(c, t + 0x20, &sl, pol_buf, len) == 1 && sl == PP_ED25519_SIG_LEN;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(pk);
	pol_len = ok ? len + PP_POLSIG_TRAILER : 0;
	return ok ? 0 : -1;
}

static void drtm_events(struct pp_evlog *log, const struct fx_opts *o)
{
	static const char slb[] = "the secure loader block";
	static const char pd[] = "service domain image";
	static const u8 mmap[48] = {1, 2, 3}, rsdp[20] = {'R', 'S', 'D', ' ', 'P', 'T', 'R', ' '};
	const char *hv = o->hypervisor ? o->hypervisor : "hypervisor image";
	const char *lt = pp_launch_type_name(o->launch);
	u8 ev[PP_EV_DRTM_START_LEN], man[PP_MANIFEST_SIZE(1)], h[32];
	pp_evlog_launch_marker(log, o->launch);
	if (o->launch != PP_LAUNCH_STATIC) {
		pp_ev_drtm_start(ev, sizeof(slb));
		pp_evlog_drtm_start(log, slb, sizeof(slb), ev, sizeof(ev), NULL);
	}
	pp_evlog_measure(log, 17, PP_EV_LAUNCH_TYPE, lt, strlen(lt), lt, (u32)strlen(lt), NULL);
	pp_evlog_measure(log, 17, PP_EV_HYPERVISOR, hv, strlen(hv), PP_EV_HV_NAME, 14, NULL);
	pp_evlog_measure(log, 17, PP_EV_CMDLINE, "console=com1", 12, "console=com1", 12, NULL);
	const char *pd_ = o->policy_data ? o->policy_data : "policy";
	pp_evlog_measure(log, 18, PP_EV_POLICY, pol_buf, pol_len, pd_, (u32)strlen(pd_), NULL);
	pp_evlog_measure(log, 20, PP_EV_MEMORY_MAP, mmap, sizeof(mmap), "memory-map", 10, NULL);
	pp_evlog_measure(log, 20, PP_EV_ACPI_RSDP, rsdp, sizeof(rsdp), "rsdp", 4, NULL);
	pp_evlog_measure(log, 19, PP_EV_PD_IMAGE, pd, sizeof(pd), "service", 7, NULL);
	pp_hash(PP_ALG_SHA256, pd, sizeof(pd), h);
	pp_manifest_header(man, 1);
	pp_manifest_record(man, 0, PP_ROLE_PD, "service", 7, sizeof(pd), h);
	pp_evlog_measure(log, 19, PP_EV_MODULES, man, sizeof(man), man, sizeof(man), NULL);
	/* the hypervisor's policy verdict, the DRTM log's last event */
	const char *v = o->verdict ? o->verdict : "enforced: policy";
	if (!o->no_verdict)
		pp_evlog_measure(log, 18, PP_EV_POLICY_VERDICT, v, strlen(v), v, (u32)strlen(v),
				 NULL);
}

/* The selection: PCR 0-9 and 17-20 in sha1 and sha256. */
/* The plan's selection in both banks, or (one) in SHA-256 alone. */
static void selection(TPML_PCR_SELECTION *s, bool relabel, bool one)
{
	memset(s, 0, sizeof(*s));
	s->count = one ? 1 : 2;
	for (u32 i = 0; i < s->count; i++) {
		s->pcrSelections[i].hash = banks[i + (one ? 1 : 0)];
		s->pcrSelections[i].sizeofSelect = 3;
		s->pcrSelections[i].pcrSelect[0] = 0xFF;
		s->pcrSelections[i].pcrSelect[1] = 0x03;
		s->pcrSelections[i].pcrSelect[2] = 0x1E;
	}
	if (relabel) /* claim PCR 16's value as PCR 17's: 16, 18-20 signed */
		s->pcrSelections[s->count - 1].pcrSelect[2] = 0x1D;
}

/* quote.pcrs (pcrfile.c's layout) for values v[0, n) under sel. */
static void write_pcrs(struct av_buf *out, const TPML_PCR_SELECTION *sel, const u8 (*v)[32],
		       const u16 *sz, u32 n)
{
	u32 lists = (n + 7) / 8;
	size_t len = 136 + (size_t)lists * 532;
	u8 *p = calloc(1, len);
	st_le32(p, sel->count);
	for (u32 i = 0; i < sel->count; i++) {
		st_le16(p + 4 + 8 * (size_t)i, sel->pcrSelections[i].hash);
		p[4 + 8 * i + 2] = sel->pcrSelections[i].sizeofSelect;
		memcpy(p + 4 + 8 * (size_t)i + 3, sel->pcrSelections[i].pcrSelect, 4);
	}
	st_le32(p + 132, lists);
	for (u32 i = 0; i < n; i++) {
		u8 *l = p + 136 + (size_t)(i / 8) * 532;
		st_le32(l, ld_le32(l) + 1);
		st_le16(l + 4 + (size_t)(i % 8) * 66, sz[i]);
		memcpy(l + 4 + (size_t)(i % 8) * 66 + 2, v[i], sz[i]);
	}
	fx_set(out, p, len);
	free(p);
}

static int sign(u32 which, const u8 *msg, size_t n, struct av_buf *out)
{
	u8 der[512], buf[sizeof(TPMT_SIGNATURE)];
	size_t dlen = sizeof(der), off = 0;
	TPMT_SIGNATURE sig;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	memset(&sig, 0, sizeof(sig));
	if (!ctx || EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, key(which)) <= 0 ||
	    EVP_DigestSign(ctx, der, &dlen, msg, n) <= 0) {
		EVP_MD_CTX_free(ctx);
		return -1;
	}
	EVP_MD_CTX_free(ctx);
	if (which == 2) {
		const u8 *q = der;
		ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &q, (long)dlen);
		if (!es)
			return -1;
		sig.sigAlg = TPM2_ALG_ECDSA;
		sig.signature.ecdsa.hash = TPM2_ALG_SHA256;
		sig.signature.ecdsa.signatureR.size = sig.signature.ecdsa.signatureS.size = 32;
		BN_bn2binpad(ECDSA_SIG_get0_r(es), sig.signature.ecdsa.signatureR.buffer, 32);
		BN_bn2binpad(ECDSA_SIG_get0_s(es), sig.signature.ecdsa.signatureS.buffer, 32);
		ECDSA_SIG_free(es);
	} else {
		sig.sigAlg = TPM2_ALG_RSASSA;
		sig.signature.rsassa.hash = TPM2_ALG_SHA256;
		sig.signature.rsassa.sig.size = (u16)dlen;
		memcpy(sig.signature.rsassa.sig.buffer, der, dlen);
	}
	if (Tss2_MU_TPMT_SIGNATURE_Marshal(&sig, buf, sizeof(buf), &off))
		return -1;
	fx_set(out, buf, off);
	return 0;
}

static int files_of_key(const struct av_key *k, u32 which, struct fx_bundle *f)
{
	u8 buf[sizeof(TPM2B_PUBLIC)];
	size_t off = 0;
	char *pem = NULL;
	BIO *bio = BIO_new(BIO_s_mem());
	if (!bio || Tss2_MU_TPM2B_PUBLIC_Marshal(&k->pub, buf, sizeof(buf), &off) ||
	    !PEM_write_bio_PUBKEY(bio, key(which))) {
		BIO_free(bio);
		return -1;
	}
	fx_set(&f->b.akpub, buf, off);
	long n = BIO_get_mem_data(bio, &pem);
	fx_set(&f->b.akpem, pem, (size_t)n);
	BIO_free(bio);
	return 0;
}

static int reference(struct fx_bundle *f, const struct fx_opts *o)
{
	static u8 buf[FX_LOG_CAP];
	struct pp_evlog log;
	struct pp_err err = {0, ""};
	char *json = NULL;
	size_t n = 0;
	pp_evlog_init(&log, buf, sizeof(buf), banks, 2, NULL, 0);
	drtm_events(&log, o);
	if (log.status)
		return -1;
	FILE *m = open_memstream(&json, &n);
	if (!m)
		return -1;
	int rc = rg_write_json(m, buf, log.len, "fixture", &err);
	fclose(m);
	f->ref_json = (u8 *)json;
	f->ref_json_n = n;
	f->drtm_log = malloc(log.len);
	memcpy(f->drtm_log, buf, log.len);
	f->drtm_log_n = log.len;
	return rc;
}

/* The log (one or two) and its replay; PCR 17-22 from the DRTM log. */
static int write_log(struct fx_bundle *f, const struct fx_opts *o, struct pp_evlog_pcrs *pcrs)
{
	static u8 buf[3 * FX_LOG_CAP];
	static struct pp_evlog_pcrs drtm;
	struct pp_evlog log, log2;
	struct pp_evlog_info info;
	struct pp_err err = {0, ""};
	pp_evlog_init(&log, buf, FX_LOG_CAP, banks, 2, NULL, 0);
	firmware_events(&log, o->extra_events);
	if (!o->two_logs && !o->drtm_log)
		drtm_events(&log, o);
	u32 len = log.len;
	if (log.status || pp_evlog_check(buf, len, PP_EVLOG_COUNT_ANY, &info, &err) ||
	    pp_evlog_replay(buf, &info, pcrs, &err))
		return -1;
	if (o->two_logs || o->drtm_log) {
		u32 n2 = o->drtm_log_n;
		if (o->drtm_log) { /* someone else's DRTM log, e.g. refgen's */
			if (n2 > 2 * FX_LOG_CAP)
				return -1;
			memcpy(buf + len, o->drtm_log, n2);
		} else {
			pp_evlog_init(&log2, buf + len, FX_LOG_CAP, banks, 2, NULL, 0);
			drtm_events(&log2, o);
			n2 = log2.status ? 0 : log2.len;
		}
		if (!n2 || pp_evlog_check(buf + len, n2, PP_EVLOG_COUNT_ANY, &info, &err) ||
		    pp_evlog_replay(buf + len, &info, &drtm, &err))
			return -1;
		for (u32 k = 0; k < 2; k++)
			for (u32 j = 0; j < drtm.nbanks; j++)
				if (drtm.bank[j].alg == banks[k])
					for (u32 p = 17; p <= 22; p++)
						memcpy(pcrs->bank[k].pcr[p], drtm.bank[j].pcr[p],
						       PP_HASH_MAX_DIGEST);
		len += n2;
	}
	memset(buf + len, 0, o->zero_pad);
	fx_set(&f->b.log, buf, len + o->zero_pad);
	return 0;
}

int fx_build(const struct fx_opts *o_in, struct fx_bundle *f)
{
	static struct pp_evlog_pcrs pcrs;
	static u8 vals[48][32], cat[48 * 32], msg[sizeof(TPMS_ATTEST)];
	static TPMS_ATTEST a;
	struct fx_opts o = *o_in;
	u16 sz[48];
	u32 n = 0, which = o.ecc ? 2 : o.other_key ? 1 : 0;
	size_t off = 0;
	char hex[66];
	memset(f, 0, sizeof(*f));
	setenv("TSS2_LOG", "all+NONE", 1); /* libtss2-mu's own messages on bad input */
	if (!o.launch)
		o.launch = PP_LAUNCH_SKINIT;
	if (signed_policy(&o) || fx_key(which, !o.not_restricted, &f->ak) ||
	    files_of_key(&f->ak, which, f) || write_log(f, &o, &pcrs) || reference(f, &o))
		return -1;
	if (o.policy_bin)
		fx_set(&f->b.policy, pol_buf, pol_len);
	memset(&a, 0, sizeof(a));
	selection(&a.attested.quote.pcrSelect, false, o.sha256_only);
	for (u32 k = 0; k < 2; k++)
		for (u32 p = 0; p < 24; p++)
			if (av_pcr_selected(&a.attested.quote.pcrSelect, banks[k], p)) {
				sz[n] = (u16)pp_hash_digest_size(banks[k]);
				memcpy(vals[n], pcrs.bank[k].pcr[p], sz[n]);
				memcpy(cat + off, vals[n], sz[n]);
				off += sz[n++];
			}
	/* the quote signs the selection it names; quote.pcrs claims the plan's */
	TPML_PCR_SELECTION claimed = a.attested.quote.pcrSelect;
	selection(&a.attested.quote.pcrSelect, o.relabel, o.sha256_only);
	a.attested.quote.pcrDigest.size = 32;
	pp_hash(PP_ALG_SHA256, cat, off, a.attested.quote.pcrDigest.buffer);
	write_pcrs(&f->b.pcrs, &claimed, (const u8(*)[32])vals, sz, n);
	a.magic = o.magic ? o.magic : TPM2_GENERATED_VALUE;
	a.type = o.type ? o.type : TPM2_ST_ATTEST_QUOTE;
	if (a.type == TPM2_ST_ATTEST_CERTIFY) {
		memset(&a.attested, 0, sizeof(a.attested));
		a.attested.certify.name = f->ak.name;
		a.attested.certify.qualifiedName = f->ak.name;
	}
	a.qualifiedSigner = f->ak.name;
	a.extraData.size = 32;
	for (u32 i = 0; i < 32; i++)
		a.extraData.buffer[i] = (u8)(0xa0 + i);
	av_hex(hex, a.extraData.buffer, 32);
	hex[64] = '\n';
	fx_set(&f->b.nonce, hex, 65);
	a.clockInfo.clock = o.clock ? o.clock : 1000000;
	a.clockInfo.resetCount = o.reset;
	a.clockInfo.restartCount = o.restart;
	a.clockInfo.safe = 1;
	a.firmwareVersion = 0x2024;
	off = 0;
	if (Tss2_MU_TPMS_ATTEST_Marshal(&a, msg, sizeof(msg), &off))
		return -1;
	fx_set(&f->b.msg, msg, off);
	return sign(which, msg, off, &f->b.sig);
}

void fx_free(struct fx_bundle *f)
{
	av_bundle_free(&f->b);
	free(f->ref_json);
	free(f->drtm_log);
	memset(f, 0, sizeof(*f));
}
