// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DER SubjectPublicKeyInfo (RFC 5280 4.1.2.7) of a TPM public area,
 * for comparing ak.pem with ak.pub byte for byte: DER is canonical, so the
 * PEM must hold exactly this encoding.
 *   RSA (RFC 3279 2.3.1): AlgorithmIdentifier rsaEncryption
 *       1.2.840.113549.1.1.1 with NULL parameters; the BIT STRING holds
 *       RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
 *       (TPM exponent 0 means 65537, TPM 2.0 Part 2 TPMS_RSA_PARMS).
 *   ECC (RFC 5480 2.1.1, 2.2): id-ecPublicKey 1.2.840.10045.2.1 with the
 *       namedCurve OID (P-256 1.2.840.10045.3.1.7, P-384 1.3.132.0.34,
 *       P-521 1.3.132.0.35); the BIT STRING holds the uncompressed point
 *       04 || X || Y, each left-padded to the field size (SEC 1 2.3.3).
 * Lengths in X.690 8.1.3: short form below 128, else 0x8N and N bytes.
 */
#include <string.h>
#include <parapet/bytes.h>
#include "attest/verifier/verifier.h"

#define DER_INTEGER 0x02u
#define DER_BIT_STRING 0x03u
#define DER_NULL 0x05u
#define DER_SEQUENCE 0x30u

static const u8 oid_rsa[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
static const u8 oid_ec[] = {0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
static const u8 oid_p256[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
static const u8 oid_p384[] = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
static const u8 oid_p521[] = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23};

/* A growing DER buffer; ok goes false on overflow. */
struct der {
	u8 *p;
	size_t n, cap;
	bool ok;
};

static void put(struct der *d, const void *p, size_t n)
{
	if (!d->ok || n > d->cap - d->n) {
		d->ok = false;
		return;
	}
	memcpy(d->p + d->n, p, n);
	d->n += n;
}

static void head(struct der *d, u8 tag, size_t len)
{
	u8 h[4] = {tag};
	size_t n = 2;
	if (len < 0x80) {
		h[1] = (u8)len;
	} else if (len < 0x100) {
		h[1] = 0x81;
		h[2] = (u8)len;
		n = 3;
	} else {
		h[1] = 0x82;
		st_be16(h + 2, (u16)len);
		n = 4;
	}
	put(d, h, n);
}

/* Length of the head for a content of len bytes. */
static size_t head_len(size_t len)
{
	return len < 0x80 ? 2 : len < 0x100 ? 3 : 4;
}

/* INTEGER of an unsigned big-endian value: minimal, with a 00 before a high bit. */
static size_t int_len(const u8 *v, size_t n)
{
	while (n > 1 && v[0] == 0)
		v++, n--;
	return n + (v[0] & 0x80 ? 1 : 0);
}

static void integer(struct der *d, const u8 *v, size_t n)
{
	while (n > 1 && v[0] == 0)
		v++, n--;
	head(d, DER_INTEGER, n + (v[0] & 0x80 ? 1 : 0));
	if (v[0] & 0x80)
		put(d, "", 1);
	put(d, v, n);
}

static size_t rsa(const TPMT_PUBLIC *t, struct der *d)
{
	u8 e[4];
	const u8 *n = t->unique.rsa.buffer;
	size_t nn = t->unique.rsa.size;
	st_be32(e, t->parameters.rsaDetail.exponent ? t->parameters.rsaDetail.exponent : 65537u);
	if (!nn)
		return 0;
	size_t ints =
	    head_len(int_len(n, nn)) + int_len(n, nn) + head_len(int_len(e, 4)) + int_len(e, 4);
	size_t key = head_len(ints) + ints; /* RSAPublicKey */
	size_t alg = sizeof(oid_rsa) + 2;   /* + NULL */
	size_t bits = 1 + key;		    /* unused-bits byte */
	size_t all = head_len(alg) + alg + head_len(bits) + bits;
	head(d, DER_SEQUENCE, all);
	head(d, DER_SEQUENCE, alg);
	put(d, oid_rsa, sizeof(oid_rsa));
	put(d, (const u8[]){DER_NULL, 0}, 2);
	head(d, DER_BIT_STRING, bits);
	put(d, "", 1);
	head(d, DER_SEQUENCE, ints);
	integer(d, n, nn);
	integer(d, e, 4);
	return d->ok ? d->n : 0;
}

static size_t ecc(const TPMT_PUBLIC *t, struct der *d)
{
	const u8 *curve;
	size_t clen, fsz;
	switch (t->parameters.eccDetail.curveID) {
	case TPM2_ECC_NIST_P256: curve = oid_p256, clen = sizeof(oid_p256), fsz = 32; break;
	case TPM2_ECC_NIST_P384: curve = oid_p384, clen = sizeof(oid_p384), fsz = 48; break;
	case TPM2_ECC_NIST_P521: curve = oid_p521, clen = sizeof(oid_p521), fsz = 66; break;
	default: return 0;
	}
	const TPM2B_ECC_PARAMETER *x = &t->unique.ecc.x, *y = &t->unique.ecc.y;
	u8 point[1 + 2 * 66];
	if (x->size > fsz || y->size > fsz)
		return 0;
	memset(point, 0, sizeof(point));
	point[0] = 4;
	memcpy(point + 1 + fsz - x->size, x->buffer, x->size);
	memcpy(point + 1 + 2 * fsz - y->size, y->buffer, y->size);
	size_t alg = sizeof(oid_ec) + clen, bits = 1 + 1 + 2 * fsz;
	head(d, DER_SEQUENCE, head_len(alg) + alg + head_len(bits) + bits);
	head(d, DER_SEQUENCE, alg);
	put(d, oid_ec, sizeof(oid_ec));
	put(d, curve, clen);
	head(d, DER_BIT_STRING, bits);
	put(d, "", 1);
	put(d, point, 1 + 2 * fsz);
	return d->ok ? d->n : 0;
}

size_t av_key_spki(const TPM2B_PUBLIC *pub, u8 *out, size_t cap)
{
	struct der d = {out, 0, cap, true};
	if (pub->publicArea.type == TPM2_ALG_RSA)
		return rsa(&pub->publicArea, &d);
	if (pub->publicArea.type == TPM2_ALG_ECC)
		return ecc(&pub->publicArea, &d);
	return 0;
}
