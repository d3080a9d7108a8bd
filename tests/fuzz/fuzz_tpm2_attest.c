// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the attestation agent's TPM responses
 * (common/tpm/attest_*.c, docs/attest-agent.md).
 *
 * Input: byte 0 picks the key kind (bits 0-1) and the AK kind of the quote
 * (bit 2); then responses, each a big-endian u16 length and that many bytes.
 * (1) The first response goes as an exact-size heap copy to every parser,
 * so ASan flags any read past its end. (2) A transport answers the n-th
 * command with the n-th response (then times out) for CreatePrimary,
 * ActivateCredential, Quote and the NV read of a whole index, each from the
 * first response again. Checked: an accepted key has a transient handle, a
 * public area that passes the template check and the Name recomputed from
 * it; an accepted quote starts with TPM_GENERATED_VALUE and stays within
 * its bounds; an accepted credential fits its buffer; an NV read returns no
 * more than the buffer holds.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2_attest.h>
#include <parapet/tpm2_nv.h>

#include "tests/fuzz/fuzz_tpm_script.h"

static struct tpm2_key key, ak, ek;
static u8 attest[TPM2_ATTEST_MAX], sig[TPM2_SIGNATURE_MAX], cert[TPM2_EK_CERT_MAX];

static void check_key(enum tpm2_key_kind kind, const struct tpm2_key *k)
{
	u8 name[TPM2_NAME_SIZE];
	struct pp_err err;

	if (k->handle >> 24 != TPM2_HT_TRANSIENT || k->pub_len > TPM2_PUBLIC_MAX ||
	    tpm2_check_public(kind, k->pub, k->pub_len, NULL, &err) != 0 ||
	    tpm2_public_name(k->pub, k->pub_len, name, &err) != 0 ||
	    memcmp(name, k->name, sizeof(name)) != 0)
		__builtin_trap();
}

static void check_quote(size_t alen, size_t slen)
{
	if (alen < 6 || alen > TPM2_ATTEST_MAX || ld_be32(attest) != TPM2_GENERATED_VALUE ||
	    slen > TPM2_SIGNATURE_MAX)
		__builtin_trap();
}

static void parsers(const u8 *p, size_t n, enum tpm2_key_kind kind, u16 qtype)
{
	struct pp_err err;
	u8 out[PP_HASH_MAX_DIGEST], name[TPM2_NAME_SIZE];
	size_t a, s, o;
	u8 *copy = malloc(n ? n : 1);

	if (!copy)
		return;
	memcpy(copy, p, n);
	if (tpm2_parse_create_primary(copy, n, kind, &key, &err) == 0)
		check_key(kind, &key);
	if (tpm2_parse_quote(copy, n, qtype, attest, sizeof(attest), &a, sig, sizeof(sig), &s,
			     &err) == 0)
		check_quote(a, s);
	if (tpm2_parse_activate_credential(copy, n, out, sizeof(out), &o, &err) == 0 &&
	    o > sizeof(out))
		__builtin_trap();
	tpm2_parse_policy_secret(copy, n, &err);
	tpm2_check_public(kind, copy, n, NULL, &err);
	tpm2_public_name(copy, n, name, &err);
	free(copy);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const u8 blob[4] = {0, 2, 1, 2}, secret[4] = {0, 2, 3, 4};
	const u16 alg = PP_ALG_SHA256;
	enum tpm2_key_kind kind;
	struct pp_err err;
	u8 out[PP_HASH_MAX_DIGEST], nonce[16] = {0};
	size_t a, s, o;
	u16 qtype;

	if (size < 1)
		return 0;
	kind = (enum tpm2_key_kind)((data[0] & 3) % 3);
	qtype = data[0] & 4 ? TPM2_ALG_ECC : TPM2_ALG_RSA;
	fz_split(data, size, 1);
	if (fz_n)
		parsers(fz_part[0], fz_plen[0], kind, qtype);

	fz_fresh();
	if (kind == TPM2_KEY_EK
		? tpm2_ek_create(&fz_dev, &key, &err) == 0
		: tpm2_ak_create(&fz_dev,
				 kind == TPM2_KEY_AK_RSA ? TPM2_AK_RSA2048 : TPM2_AK_ECCP256, &key,
				 &err) == 0)
		check_key(kind, &key);
	fz_fresh();
	ak.handle = 0x80000001u;
	ak.pub_len = 4;
	st_be16(ak.pub, 2);
	st_be16(ak.pub + 2, qtype);
	ek.handle = 0x80000002u;
	if (tpm2_activate_credential(&fz_dev, &ak, &ek, blob, sizeof(blob), secret, sizeof(secret),
				     out, sizeof(out), &o, &err) == 0 &&
	    o > sizeof(out))
		__builtin_trap();
	fz_fresh();
	if (tpm2_quote(&fz_dev, &ak, nonce, sizeof(nonce), &alg, 1, 0x1e03ffu, attest,
		       sizeof(attest), &a, sig, sizeof(sig), &s, &err) == 0)
		check_quote(a, s);
	fz_fresh();
	if (tpm2_nv_read_all(&fz_dev, TPM2_EK_CERT_NV_RSA, cert, sizeof(cert), &o, &err) == 0 &&
	    o > sizeof(cert))
		__builtin_trap();
	return 0;
}
