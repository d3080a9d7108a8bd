// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the TPM 2.0 response parsers (common/tpm/).
 *
 * Input: byte 0 = parameters (PCR index, bank, GetRandom size), the rest =
 * a TPM response. The response goes (1) as an exact-size heap copy to each
 * parser directly, so ASan flags any read past its end, and (2) through a
 * transport that answers every command with it, into each full command
 * (Startup, GetCapability, PCR_Read of one PCR and of a PCR set, PCR_Extend,
 * GetRandom), covering the header checks, the TPM_RC handling and the RETRY
 * loop. The PCR set asks for two banks (from byte 0) and PCR 0-9 or 17-19.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/tpm2.h>

static const u8 *fz_rsp;
static size_t fz_len;

static int fz_loc(void *ctx, u8 loc, struct pp_err *err)
{
	(void)ctx;
	(void)loc;
	(void)err;
	return 0;
}

static int fz_tx(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp, size_t cap, size_t *rsp_len,
		 struct pp_err *err)
{
	(void)ctx;
	(void)cmd;
	(void)cmd_len;
	if (fz_len > cap)
		return pp_fail(err, PP_ERANGE, "too big");
	memcpy(rsp, fz_rsp, fz_len);
	*rsp_len = fz_len;
	return 0;
}

static const struct tpm2_transport_ops fz_ops = {fz_loc, fz_loc, fz_tx};
static const u16 algs[] = {PP_ALG_SHA1, PP_ALG_SHA256, PP_ALG_SHA384, PP_ALG_SHA512};
static struct tpm2_dev dev;
static struct tpm2_pcr_set pset;

static void pset_init(u8 p)
{
	memset(&pset, 0, sizeof(pset));
	pset.nbanks = 2;
	pset.alg[0] = algs[(p >> 5) & 3];
	pset.alg[1] = algs[((p >> 5) + 1) & 3];
	pset.mask = (p & 0x80) ? 0xE0000u : 0x3FFu;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_err err;
	struct tpm2_banks banks;
	struct tpm2_digests d;
	u8 out[PP_HASH_MAX_DIGEST + 100];
	u8 *copy;
	u32 olen, got;
	u16 tag;
	u32 rc;
	u8 p;
	u32 pcr;
	u16 alg;

	if (size < 1)
		return 0;
	p = data[0];
	pcr = p % TPM2_NUM_PCRS;
	alg = algs[(p >> 5) & 3];
	fz_rsp = data + 1;
	fz_len = size - 1;

	copy = malloc(fz_len ? fz_len : 1);
	memcpy(copy, fz_rsp, fz_len);
	tpm2_parse_header(copy, fz_len, &tag, &rc, &err);
	tpm2_parse_get_banks(copy, fz_len, &banks, &err);
	tpm2_parse_pcr_read(copy, fz_len, pcr, alg, out, sizeof(out), &olen, &err);
	tpm2_parse_get_random(copy, fz_len, 1 + p % 64, out, &got, &err);
	tpm2_parse_pcr_extend(copy, fz_len, &err);
	pset_init(p);
	tpm2_parse_pcr_read_set(copy, fz_len, &pset, &got, &err);
	free(copy);

	/* A malformed response marks the device failed (tpm2.h); each command
	 * below starts from a working device so that every parser path runs. */
	tpm2_init(&dev, &fz_ops, NULL);
	tpm2_request_locality(&dev, (u8)(p & 3), &err);
	tpm2_startup(&dev, NULL, &err);
	dev.failed = false;
	tpm2_get_random(&dev, out, 1 + p % 100, &err);
	dev.failed = false;
	tpm2_pcr_read(&dev, pcr, alg, out, sizeof(out), &olen, &err);
	dev.failed = false;
	pset_init(p);
	tpm2_pcr_read_set(&dev, &pset, &err);
	dev.failed = false;
	if (tpm2_get_banks(&dev, NULL, &err) == 0) {
		memset(&d, 0, sizeof(d));
		for (u32 i = 0; i < dev.banks.count; i++)
			if (dev.banks.bank[i].active && d.count < TPM2_MAX_BANKS)
				d.d[d.count++].alg = dev.banks.bank[i].alg;
		tpm2_pcr_extend(&dev, pcr, &d, &err);
	}
	dev.banks_known = true;
	dev.banks.count = 1;
	dev.banks.bank[0] = (struct tpm2_bank){
	    .alg = alg, .active = true, .digest_size = (u16)pp_hash_digest_size(alg)};
	memset(&d, 0, sizeof(d));
	d.count = 1;
	d.d[0].alg = alg;
	dev.failed = false;
	tpm2_pcr_extend(&dev, pcr, &d, &err);
	return 0;
}
