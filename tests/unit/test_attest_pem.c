// SPDX-License-Identifier: GPL-2.0-only
/*
 * ak.pem against ak.pub (attest/verifier/tpm_key.c, av_key_pem_equal): the
 * text OpenSSL writes is recognised without decoding, and every other
 * encoding of the same key still decodes to it; another key, a changed
 * character, a second block or trailing text never compare equal.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/unit/attest_fixture.h"
#include "tests/unit/unit.h"

/* pem with every "\n" turned into "\r\n". */
static size_t crlf(const u8 *pem, size_t n, char *out)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (pem[i] == '\n')
			out[m++] = '\r';
		out[m++] = (char)pem[i];
	}
	return m;
}

static void check_key(u32 which)
{
	struct fx_bundle f;
	struct fx_opts o = {.launch = 1, .ecc = which == 2};
	struct av_key other;
	char buf[4096];
	REQUIRE(fx_build(&o, &f) == 0);
	const u8 *pem = f.b.akpem.p;
	size_t n = f.b.akpem.n;
	REQUIRE(n > 64 && n + 16 < sizeof(buf) / 2);
	CHECK_EQ(av_key_pem_equal(&f.ak.pub, pem, n), 1);
	/* another line ending, trailing blank lines: the same key */
	CHECK_EQ(av_key_pem_equal(&f.ak.pub, (const u8 *)buf, crlf(pem, n, buf)), 1);
	memcpy(buf, pem, n);
	buf[n] = buf[n + 1] = '\n';
	CHECK_EQ(av_key_pem_equal(&f.ak.pub, (const u8 *)buf, n + 2), 1);
	/* another key */
	REQUIRE(fx_key(which == 2 ? 0 : 2, true, &other) == 0);
	CHECK_EQ(av_key_pem_equal(&other.pub, pem, n), 0);
	/* one base64 character changed: another key or not a key */
	memcpy(buf, pem, n);
	buf[40] = buf[40] == 'A' ? 'B' : 'A';
	CHECK(av_key_pem_equal(&f.ak.pub, (const u8 *)buf, n) != 1);
	/* text after the block, or the block twice */
	memcpy(buf, pem, n);
	buf[n] = 'x';
	buf[n + 1] = '\n';
	CHECK_EQ(av_key_pem_equal(&f.ak.pub, (const u8 *)buf, n + 2), -1);
	memcpy(buf + n, pem, n);
	CHECK_EQ(av_key_pem_equal(&f.ak.pub, (const u8 *)buf, 2 * n), -1);
	/* truncated */
	CHECK_EQ(av_key_pem_equal(&f.ak.pub, pem, n - 2), -1);
	fx_free(&f);
}

TEST(attest_pem_rsa)
{
	check_key(0);
}

TEST(attest_pem_ecc)
{
	check_key(2);
}
