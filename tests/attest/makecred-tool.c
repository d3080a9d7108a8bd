// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper for tests/attest/host-check.sh: our software MakeCredential
 * (attest/verifier/makecred.c) in the file format tpm2_activatecredential
 * reads (tpm2-tools 5.4, the one tpm2_makecredential writes: u32 BE magic
 * 0xbadcc0de, u32 BE version 1, TPM2B_ID_OBJECT, TPM2B_ENCRYPTED_SECRET),
 * so a real TPM can show that it recovers what we wrapped.
 *
 *   makecred-tool EK.pub AK.name CRED OUT
 *     EK.pub   TPM2B_PUBLIC of the EK (tpm2_createek -u)
 *     AK.name  the AK's name, raw (tpm2_createak -n)
 *     CRED     the credential, 1 to 32 raw bytes
 *
 * Exit 0 on success, 2 on any error (message on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <parapet/bytes.h>
#include "attest/verifier/online.h"

static int fail(const char *what, const char *why)
{
	fprintf(stderr, "makecred-tool: %s: %s\n", what, why);
	return 2;
}

int main(int argc, char **argv)
{
	struct av_buf ek, name, cred;
	TPM2B_PUBLIC pub;
	u8 blob[AV_ID_OBJECT_MAX], secret[AV_ENC_SECRET_MAX], hdr[8];
	size_t blen = 0, slen = 0;
	char err[AV_MSG_MAX];
	if (argc != 5)
		return fail("usage", "makecred-tool EK.pub AK.name CRED OUT");
	if (av_read_file(argv[1], &ek, err, sizeof(err)) ||
	    av_read_file(argv[2], &name, err, sizeof(err)) ||
	    av_read_file(argv[3], &cred, err, sizeof(err)))
		return fail("input", err);
	if (av_key_parse(ek.p, ek.n, &pub, err, sizeof(err)))
		return fail(argv[1], err);
	if (av_makecred(&pub, name.p, name.n, cred.p, cred.n, blob, sizeof(blob), &blen, secret,
			sizeof(secret), &slen, err, sizeof(err)))
		return fail("MakeCredential", err);
	st_be32(hdr, 0xbadcc0deu);
	st_be32(hdr + 4, 1);
	FILE *f = fopen(argv[4], "wb");
	if (!f || fwrite(hdr, 1, 8, f) != 8 || fwrite(blob, 1, blen, f) != blen ||
	    fwrite(secret, 1, slen, f) != slen || fclose(f))
		return fail(argv[4], "cannot write");
	free(ek.p);
	free(name.p);
	free(cred.p);
	return 0;
}
