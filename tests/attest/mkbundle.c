// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper for tests/attest/check.sh (tests/unit/attest_fixture.c on
 * disk):
 *
 *   mkbundle bundle DIR [LAUNCH]   an honest bundle in DIR (the seven files
 *                                  of docs/attestation.md) plus
 *                                  DIR/enrolled.pub (the AK to enroll),
 *                                  DIR/reference.json, DIR/drtm.log
 *   mkbundle bundle-drtm DIR LOG   the same with LOG (e.g. refgen's predicted
 *                                  DRTM log) as the DRTM log after the
 *                                  fixture's firmware log
 *   mkbundle fwlog OUT             the fixture's firmware events as a log;
 *                                  prints "PCR sha256-hex" per extend, for
 *                                  tpm2_pcrextend on a real (sw)TPM
 *
 * Exit 0 on success, 2 on usage or I/O errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tss2/tss2_mu.h>
#include <parapet/measure_plan.h>
#include "tests/unit/attest_fixture.h"

static void put(const char *dir, const char *name, const void *p, size_t n)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		fprintf(stderr, "mkbundle: cannot write %s\n", path);
		exit(2);
	}
}

static int bundle(const char *dir, const char *launch, const char *drtm_log)
{
	static struct fx_bundle fx;
	struct fx_opts o = {.launch = PP_LAUNCH_SKINIT};
	struct av_buf drtm = {NULL, 0};
	char err[AV_MSG_MAX];
	u8 pub[sizeof(TPM2B_PUBLIC)];
	size_t n = 0;
	if (launch && pp_launch_type_parse(launch, &o.launch) != PP_OK)
		return 2;
	if (drtm_log) {
		if (av_read_file(drtm_log, &drtm, err, sizeof(err))) {
			fprintf(stderr, "mkbundle: %s\n", err);
			return 2;
		}
		o.drtm_log = drtm.p;
		o.drtm_log_n = (u32)drtm.n;
	}
	if (fx_build(&o, &fx) ||
	    Tss2_MU_TPM2B_PUBLIC_Marshal(&fx.ak.pub, pub, sizeof(pub), &n) != TSS2_RC_SUCCESS)
		return 2;
	const struct av_buf *files[7] = {&fx.b.msg,   &fx.b.sig,   &fx.b.pcrs, &fx.b.log,
					 &fx.b.nonce, &fx.b.akpub, &fx.b.akpem};
	for (u32 i = 0; i < 7; i++)
		put(dir, av_bundle_files[i], files[i]->p, files[i]->n);
	put(dir, "enrolled.pub", pub, n);
	put(dir, "reference.json", fx.ref_json, fx.ref_json_n);
	put(dir, "drtm.log", fx.drtm_log, fx.drtm_log_n);
	fx_free(&fx);
	free(drtm.p);
	return 0;
}

static int fwlog(const char *out)
{
	struct av_buf b = {NULL, 0};
	struct pp_evlog_info info;
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	struct pp_err err = {0, ""};
	char hex[2 * PP_HASH_MAX_DIGEST + 1];
	if (fx_firmware_log(&b) || pp_evlog_check(b.p, b.n, PP_EVLOG_COUNT_ANY, &info, &err))
		return 2;
	put(".", out, b.p, b.n);
	pp_evlog_iter_init(&it, b.p, &info);
	while (pp_evlog_iter_next(&it, &ev))
		for (u32 k = 0; k < info.nalgs; k++)
			if (ev.type != PP_EV_NO_ACTION && info.algs[k].alg == PP_ALG_SHA256) {
				av_hex(hex, b.p + ev.digest_off[k], info.algs[k].size);
				printf("%u %s\n", ev.pcr, hex);
			}
	free(b.p);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "bundle"))
		return bundle(argv[2], argc > 3 ? argv[3] : NULL, NULL);
	if (argc == 4 && !strcmp(argv[1], "bundle-drtm"))
		return bundle(argv[2], NULL, argv[3]);
	if (argc == 3 && !strcmp(argv[1], "fwlog"))
		return fwlog(argv[2]);
	fprintf(stderr, "usage: mkbundle bundle DIR [LAUNCH] | bundle-drtm DIR LOG | fwlog OUT\n");
	return 2;
}
