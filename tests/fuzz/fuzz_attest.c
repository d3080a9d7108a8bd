// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the offline verifier's evidence parsers
 * (attest/verifier: TPM2B_PUBLIC, PEM, TPMT_SIGNATURE, TPMS_ATTEST,
 * quote.pcrs, nonce.hex, the event log, and every check after them). An
 * honest bundle (tests/unit/attest_fixture.c) is built once; each input
 * then replaces one of its files, so the other six stay valid and every
 * check downstream of the fuzzed one runs:
 *   byte 0 % 9 = 0-6: the file with that index (av_bundle_files) := the rest
 *   7: the event log with the rest applied as (u16 LE offset, byte) XORs
 *   8: policy.bin (the signed policy PCR 18 measured, trusted key) := the rest
 * Invariants: every verdict that does not affirm carries a reason; an
 * affirming verdict carries nothing; the real inputs never affirm when
 * changed (mode 7 flips and file replacements are checked only for a reason,
 * since some bytes are not bound by any digest: docs/attestation.md).
 */
#include <stdlib.h>
#include <string.h>
#include "tests/unit/attest_fixture.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct fx_bundle fx;
static struct av_ref *ref;
static struct av_result res;
static struct av_policy_opts pol;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[AV_MSG_MAX];
	struct fx_opts o = {.launch = 1, .policy_bin = true};
	(void)argc;
	(void)argv;
	pol.nkeys = 1;
	if (fx_policy_key(0, &pol.keys[0]) || fx_build(&o, &fx) ||
	    av_ref_from_bytes(fx.ref_json, fx.ref_json_n, &ref, err, sizeof(err)))
		abort();
	return 0;
}

static struct av_buf *file(u32 i)
{
	struct av_buf *v[8] = {&fx.b.msg,   &fx.b.sig,	 &fx.b.pcrs,  &fx.b.log,
			       &fx.b.nonce, &fx.b.akpub, &fx.b.akpem, &fx.b.policy};
	return v[i];
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size == 0 || size > (1u << 16))
		return 0;
	u32 mode = data[0] % 9, i = mode == 7 ? 3 : mode == 8 ? 7 : mode;
	struct av_buf *f = file(i), keep = *f;
	size_t n = mode == 7 ? keep.n : size - 1;
	f->p = malloc(n + 1);
	if (!f->p) {
		*f = keep;
		return 0;
	}
	f->n = n;
	if (mode == 7) {
		memcpy(f->p, keep.p, n);
		for (size_t k = 1; k + 3 <= size; k += 3)
			f->p[(data[k] | (size_t)data[k + 1] << 8) % n] ^= data[k + 2];
	} else {
		memcpy(f->p, data + 1, n); /* exactly n bytes: ASan sees any overread */
	}
	struct av_inputs in = {&fx.b, &fx.ak, 1, ref, NULL, AV_ACCEPT_DEFAULT, &pol};
	av_verify(&in, &res);
	enum av_status st = av_status_of(&res);
	bool reason = (res.nfail && res.fail[0].msg[0]) || (res.nwarn && res.warn[0].msg[0]);
	if ((st == AV_AFFIRMING) == reason)
		abort();
	free(f->p);
	*f = keep;
	return 0;
}
