// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AKs' OpenSSL verification contexts, made once per process: building
 * the EVP_PKEY from a public area and an EVP_PKEY_CTX set up for its
 * signature scheme cost about half as much again as the RSA verification
 * itself, and `parapet attest serve` appraises many bundles per process
 * with the same enrolled AKs. Each signature check gets its own copy
 * (EVP_PKEY_CTX_dup) of the context kept here, which is never used itself.
 *
 * A context is kept under exactly what it is made from: the signature
 * algorithm and hash, and the key's type, RSA exponent and modulus or ECC
 * curve and point (what av_key_evp reads), byte for byte; so a context
 * found here is the very one signature.c would make. Only keys and their
 * settings are kept, never a signature's or a bundle's verdict. At most
 * AV_KEY_CACHE_MAX contexts (the oldest is replaced when full), guarded by
 * a mutex; they live until the process exits.
 */
#include <openssl/evp.h>
#include <pthread.h>
#include <string.h>
#include <parapet/bytes.h>
#include "attest/verifier/verifier.h"

#define AV_KEY_CACHE_MAX 64u
/* sigAlg, hash, type, exponent or curve, then the modulus or X and Y with their sizes */
#define AV_KEY_ID_MAX                                                                              \
	(2u + 2u + 2u + 4u + 2u + sizeof(TPM2B_PUBLIC_KEY_RSA) + 2u * sizeof(TPM2B_ECC_PARAMETER))

struct entry {
	size_t n; /* 0: free */
	u8 id[AV_KEY_ID_MAX];
	EVP_PKEY_CTX *ctx;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry cache[AV_KEY_CACHE_MAX];
static u32 next_victim;

static void put16(u8 *id, size_t *n, u16 v)
{
	st_be16(id + *n, v);
	*n += 2;
}

static void put32(u8 *id, size_t *n, u32 v)
{
	st_be32(id + *n, v);
	*n += 4;
}

static void put(u8 *id, size_t *n, const u8 *p, u16 len)
{
	put16(id, n, len);
	memcpy(id + *n, p, len);
	*n += len;
}

/* What the context is made from, in a fixed layout; 0 for another key type. */
static size_t ctx_id(const TPMT_PUBLIC *t, u16 sig_alg, u16 hash, u8 *id)
{
	size_t n = 0;
	put16(id, &n, sig_alg);
	put16(id, &n, hash);
	put16(id, &n, t->type);
	if (t->type == TPM2_ALG_RSA) {
		const TPM2B_PUBLIC_KEY_RSA *m = &t->unique.rsa;
		if (m->size > sizeof(m->buffer))
			return 0;
		put32(id, &n, t->parameters.rsaDetail.exponent);
		put(id, &n, m->buffer, m->size);
		return n;
	}
	if (t->type == TPM2_ALG_ECC) {
		const TPM2B_ECC_PARAMETER *x = &t->unique.ecc.x, *y = &t->unique.ecc.y;
		if (x->size > sizeof(x->buffer) || y->size > sizeof(y->buffer))
			return 0;
		put32(id, &n, t->parameters.eccDetail.curveID);
		put(id, &n, x->buffer, x->size);
		put(id, &n, y->buffer, y->size);
		return n;
	}
	return 0;
}

void *av_key_ctx_get(const TPM2B_PUBLIC *pub, u16 sig_alg, u16 hash)
{
	u8 id[AV_KEY_ID_MAX];
	size_t n = ctx_id(&pub->publicArea, sig_alg, hash, id);
	EVP_PKEY_CTX *ctx = NULL;
	if (!n)
		return NULL;
	pthread_mutex_lock(&lock);
	for (u32 i = 0; i < AV_KEY_CACHE_MAX; i++)
		if (cache[i].n == n && !memcmp(cache[i].id, id, n)) {
			ctx = EVP_PKEY_CTX_dup(cache[i].ctx);
			break;
		}
	pthread_mutex_unlock(&lock);
	return ctx;
}

void av_key_ctx_put(const TPM2B_PUBLIC *pub, u16 sig_alg, u16 hash, void *ctx)
{
	u8 id[AV_KEY_ID_MAX];
	size_t n = ctx_id(&pub->publicArea, sig_alg, hash, id);
	EVP_PKEY_CTX *copy = n ? EVP_PKEY_CTX_dup(ctx) : NULL;
	if (!copy)
		return; /* not kept: the next check makes its own again */
	pthread_mutex_lock(&lock);
	struct entry *e = &cache[next_victim];
	next_victim = (next_victim + 1) % AV_KEY_CACHE_MAX;
	EVP_PKEY_CTX_free(e->ctx);
	e->ctx = copy;
	e->n = n;
	memcpy(e->id, id, n);
	pthread_mutex_unlock(&lock);
}
