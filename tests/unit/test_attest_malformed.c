// SPDX-License-Identifier: GPL-2.0-only
/*
 * Malformed evidence is a verdict with a reason, never a crash (issue 12
 * item 4): every file of an honest bundle emptied, truncated, replaced by
 * random bytes, or with single bytes flipped, gives a verdict that does
 * not affirm, with a reason (evidence-malformed or a more precise id),
 * under ASan and UBSan.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <parapet/measure_plan.h>
#include "tests/unit/attest_fixture.h"
#include "tests/unit/unit.h"

static struct fx_bundle fx;
static struct av_result res;
static struct av_ref *ref;

static struct av_buf *file(u32 i)
{
	struct av_buf *v[7] = {&fx.b.msg,   &fx.b.sig,	 &fx.b.pcrs, &fx.b.log,
			       &fx.b.nonce, &fx.b.akpub, &fx.b.akpem};
	return v[i];
}

/*
 * Verify with file i replaced by p[0, n) (the original is restored): not
 * affirming, with a reason (a failure, or a warning where the change made
 * an event uncheckable).
 */
static bool refused(u32 i, const u8 *p, size_t n)
{
	struct av_buf *f = file(i), keep = *f;
	f->p = malloc(n + 1);
	memcpy(f->p, p, n);
	f->n = n;
	struct av_inputs in = {&fx.b, &fx.ak, 1, ref, NULL, AV_ACCEPT_DEFAULT, NULL};
	av_verify(&in, &res);
	free(f->p);
	*f = keep;
	bool ok = av_status_of(&res) != AV_AFFIRMING &&
		  ((res.nfail > 0 && res.fail[0].msg[0]) || (res.nwarn > 0 && res.warn[0].msg[0]));
	if (!ok)
		printf("  %s: %zu bytes not refused\n", av_bundle_files[i], n);
	return ok;
}

static bool setup(void)
{
	char err[AV_MSG_MAX];
	struct fx_opts o = {.launch = 1};
	fx_free(&fx);
	return fx_build(&o, &fx) == 0 &&
	       av_ref_from_bytes(fx.ref_json, fx.ref_json_n, &ref, err, sizeof(err)) == 0;
}

static void teardown(void)
{
	av_ref_free(ref);
	ref = NULL;
	fx_free(&fx);
}

TEST(attest_malformed_empty_truncated)
{
	REQUIRE(setup());
	for (u32 i = 0; i < 7; i++) {
		struct av_buf *f = file(i);
		u8 *copy = malloc(f->n);
		memcpy(copy, f->p, f->n);
		CHECK(refused(i, copy, 0));
		CHECK(refused(i, copy, 1));
		CHECK(refused(i, copy, f->n / 2));
		if (i != 6) /* the PEM without its last newline is the same key */
			CHECK(refused(i, copy, f->n - 1));
		free(copy);
	}
	/* the log's failures name it */
	refused(3, fx.b.log.p, 0);
	CHECK(av_has(&res, AV_EVENTLOG_MALFORMED));
	teardown();
}

TEST(attest_malformed_random)
{
	u8 buf[4096];
	u32 seed = 12345;
	REQUIRE(setup());
	for (u32 i = 0; i < 7; i++)
		for (u32 round = 0; round < 20; round++) {
			size_t n = round < 10 ? file(i)->n : 1 + seed % sizeof(buf);
			if (n > sizeof(buf))
				n = sizeof(buf);
			for (size_t k = 0; k < n; k++) {
				seed = seed * 1103515245u + 12345u;
				buf[k] = (u8)(seed >> 16);
			}
			CHECK(refused(i, buf, n));
		}
	teardown();
}

/*
 * Bytes of the log nothing binds, so no verifier can tell them changed
 * (docs/attestation.md, "What the log binds"): the Spec ID header's
 * specErrata (informational, docs/eventlog.md); the data of PCR 9's EV_IPL
 * events (GRUB's file names: the digest is over the file); the data of the
 * ACPI RSDP event on PCR 20 (refgen predicts no PCR 20: only a known-good
 * log binds it); the high byte of a firmware event's type (0x00000004 and
 * 0x80000004 are both PC Client types; which goes on which firmware PCR is
 * bound only by a reference covering PCR 0-9). Every other flip must be
 * refused.
 */
static bool unbound(u32 i, size_t k)
{
	struct pp_evlog_info info;
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	struct pp_err err;
	if (i != 3)
		return false;
	if (k == 54)
		return true;
	if (pp_evlog_check(fx.b.log.p, fx.b.log.n, PP_EVLOG_COUNT_ANY, &info, &err))
		return false;
	pp_evlog_iter_init(&it, fx.b.log.p, &info);
	while (pp_evlog_iter_next(&it, &ev)) {
		bool data = k >= ev.data_off && k < ev.data_off + ev.data_len;
		if (ev.pcr < 10 && k == ev.off + 7)
			return true;
		if (data && (ev.pcr == 9 || ev.type == PP_EV_ACPI_RSDP))
			return true;
	}
	return false;
}

TEST(attest_malformed_byte_flips)
{
	REQUIRE(setup());
	for (u32 i = 0; i < 7; i++) {
		struct av_buf *f = file(i);
		u8 *copy = malloc(f->n);
		size_t stride = f->n > 600 ? f->n / 300 : 1;
		memcpy(copy, f->p, f->n);
		for (size_t k = 0; k < f->n; k += stride) {
			copy[k] ^= 0x80;
			/* a flipped bit in the PEM's base64 may still decode to the key */
			if (i != 6 && !unbound(i, k) && !refused(i, copy, f->n)) {
				printf("  flipped byte %zu accepted\n", k);
				CHECK(!"flip accepted");
			}
			copy[k] ^= 0x80;
		}
		free(copy);
	}
	teardown();
}
