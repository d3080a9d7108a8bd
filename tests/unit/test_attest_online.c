// SPDX-License-Identifier: GPL-2.0-only
/*
 * The codec-independent parts of enroll / challenge / serve: the QUOTE
 * reply's PCR values rewritten as the tpm2-tools PCR file verify parses
 * back to the same selection and values (and every malformed item
 * refused); the enrollment and status tables of the SQLite database.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <parapet/bytes.h>
#include "attest/verifier/online.h"
#include "tests/unit/unit.h"

/* n values: PCR 0..k-1 of SHA-256, then PCR 17..19 of SHA-384 */
static size_t make_item(u8 *p, u32 k)
{
	size_t o = 4;
	u32 n = 0;
	for (u32 i = 0; i < k + 3; i++, n++) {
		bool b384 = i >= k;
		u8 size = b384 ? 48 : 32;
		st_le16(p + o, b384 ? 0x000c : 0x000b);
		p[o + 2] = (u8)(b384 ? 17 + (i - k) : i);
		p[o + 3] = size;
		memset(p + o + 4, (int)(i + 1), size);
		o += 4u + size;
	}
	st_le32(p, n);
	return o;
}

TEST(attest_pcrs_item_to_file_round_trip)
{
	static u8 item[8192], file[AV_PCRFILE_MAX];
	static struct av_pcr_values pv;
	char why[AV_MSG_MAX] = "";
	size_t n = make_item(item, 10), len = 0;
	REQUIRE(!av_pcrs_to_file(item, n, file, sizeof(file), &len, why, sizeof(why)));
	CHECK_EQ(len, 132 + 4 + 2 * 532); /* 13 values: two lists */
	REQUIRE(!av_pcrs_parse(file, len, &pv, why, sizeof(why)));
	CHECK_EQ(pv.sel.count, 2);
	CHECK_EQ(pv.n, 13);
	CHECK(av_pcr_selected(&pv.sel, 0x000b, 9) && !av_pcr_selected(&pv.sel, 0x000b, 10));
	CHECK(av_pcr_selected(&pv.sel, 0x000c, 19) && !av_pcr_selected(&pv.sel, 0x000c, 0));
	CHECK(pv.v[12].alg == 0x000c && pv.v[12].pcr == 19 && pv.v[12].size == 48 &&
	      pv.v[12].v[47] == 13);
}

TEST(attest_pcrs_item_refused)
{
	static u8 item[8192], file[AV_PCRFILE_MAX];
	char why[AV_MSG_MAX] = "";
	size_t n = make_item(item, 3), len = 0;
	CHECK(av_pcrs_to_file(item, n - 1, file, sizeof(file), &len, why, sizeof(why)) == -1);
	CHECK(strstr(why, "truncated") != NULL);
	item[n] = 0;
	CHECK(av_pcrs_to_file(item, n + 1, file, sizeof(file), &len, why, sizeof(why)) == -1);
	CHECK(strstr(why, "1 bytes after 6 values") != NULL);
	item[4 + 2] = 24; /* PCR 24 */
	CHECK(av_pcrs_to_file(item, n, file, sizeof(file), &len, why, sizeof(why)) == -1);
	item[4 + 2] = 0;
	item[4 + 3] = 65; /* digest above 64 bytes */
	CHECK(av_pcrs_to_file(item, n, file, sizeof(file), &len, why, sizeof(why)) == -1);
	CHECK(av_pcrs_to_file(item, 3, file, sizeof(file), &len, why, sizeof(why)) == -1);
	st_le32(item, 100000);
	CHECK(av_pcrs_to_file(item, n, file, sizeof(file), &len, why, sizeof(why)) == -1);
	CHECK(strstr(why, "count 100000") != NULL);
	n = make_item(item, 3);
	item[4 + 2] = 1; /* PCR 1 twice */
	CHECK(av_pcrs_to_file(item, n, file, sizeof(file), &len, why, sizeof(why)) == -1);
	CHECK(strstr(why, "value 1 (bank 0x000b PCR 1) out of the selection's order") != NULL);
	n = make_item(item, 3);
	memcpy(item + n, item + 4, 36); /* a SHA-256 value after the SHA-384 bank */
	item[n + 2] = 5;
	st_le32(item, 7);
	CHECK(av_pcrs_to_file(item, n + 36, file, sizeof(file), &len, why, sizeof(why)) == -1);
	CHECK(strstr(why, "value 6 (bank 0x000b PCR 5) out of") != NULL);
	n = make_item(item, 3);
	CHECK(av_pcrs_to_file(item, n, file, 200, &len, why, sizeof(why)) == -1);
	CHECK(strstr(why, "do not fit") != NULL);
}

TEST(attest_hosts_table)
{
	static struct av_host h, back;
	char db[] = "/tmp/parapet-unit-hosts.XXXXXX", why[AV_MSG_MAX] = "";
	int fd = mkstemp(db);
	REQUIRE(fd >= 0);
	close(fd);
	CHECK(av_hosts_get(db, "a", &back, why, sizeof(why)) == 0);
	memset(&h, 0, sizeof(h));
	snprintf(h.host, sizeof(h.host), "a");
	h.ek_len = 10;
	memset(h.ek_pub, 7, 10);
	snprintf(h.ek_cert, sizeof(h.ek_cert), "EK not certified");
	h.ak[AV_AK_ECC].len = 5;
	memset(h.ak[AV_AK_ECC].pub, 9, 5);
	h.ak[AV_AK_ECC].name_len = 34;
	h.enrolled = 1234;
	REQUIRE(!av_hosts_put(db, &h, why, sizeof(why)));
	REQUIRE(av_hosts_get(db, "a", &back, why, sizeof(why)) == 1);
	CHECK(back.ek_len == 10 && back.ek_pub[9] == 7);
	CHECK(!strcmp(back.ek_cert, "EK not certified"));
	CHECK(back.ak[AV_AK_RSA].len == 0 && back.ak[AV_AK_ECC].len == 5);
	CHECK_EQ(back.enrolled, 1234);
	CHECK(av_hosts_get(db, "b", &back, why, sizeof(why)) == 0);

	static struct av_result r;
	av_result_init(&r);
	r.have_clock = true;
	r.clock.resetCount = 3;
	r.clock.restartCount = 4;
	r.clock.clock = 5000;
	REQUIRE(!av_status_put(db, "a", "warning", 1700000000, "", &r, why, sizeof(why)));
	REQUIRE(!av_status_put(db, "c", "no-evidence", 1700000000, "agent unix:/x: refused", NULL,
			       why, sizeof(why)));
	char *text = NULL;
	size_t tlen = 0;
	u32 nbad = 0;
	FILE *f = open_memstream(&text, &tlen);
	REQUIRE(f);
	CHECK(!av_status_print(db, f, &nbad, why, sizeof(why)));
	fclose(f);
	CHECK_EQ(nbad, 2);
	CHECK(text && strstr(text, "3/4/5000") && strstr(text, "2023-11-14 22:13:20"));
	CHECK(text && strstr(text, "no-evidence") && strstr(text, "agent unix:/x: refused"));
	free(text);
	CHECK(av_hosts_get("/nonexistent/dir/db", "a", &back, why, sizeof(why)) == -1);
	CHECK(strstr(why, "/nonexistent/dir/db") != NULL);
	unlink(db);
}
