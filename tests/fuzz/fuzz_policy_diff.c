// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: `policy diff` and `policy map` (policy/cli/diff.h,
 * map.h) on models a parser could never produce. The input is laid over
 * the fixture (tests/unit/policy_fixture.h) at the offset its first two
 * bytes name, giving B; A is the fixture. Invariants: no crash or
 * out-of-bounds access comparing, describing and printing A against B and
 * back, whatever B's counts, ids, names and keys; a model compared with
 * itself has no change; and when B passes the validator, its map is drawn,
 * the same bytes twice, with no two labels overlapping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <parapet/bytes.h>
#include "policy/cli/diff.h"
#include "policy/cli/map.h"
#include "../unit/policy_fixture.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct pp_policy A, B;
static struct pol_diff D;

static void overlay(void *obj, size_t objsize, const u8 *d, size_t n)
{
	size_t off;
	if (n < 2)
		return;
	off = ld_le16(d) % objsize;
	d += 2;
	n -= 2;
	if (n > objsize - off)
		n = objsize - off;
	memcpy((u8 *)obj + off, d, n);
}

static void describe(FILE *f)
{
	char line[512];
	for (u32 i = 0; i < D.n; i++) {
		pol_change_text(&D.c[i], line, sizeof(line));
		pol_change_summary(&D.c[i], line, sizeof(line));
	}
	pol_diff_print(f, &D, "a", "b");
	pol_diff_json(f, &D, "a", "b");
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_pol_error e;
	static FILE *null;
	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	policy_fixture(&A);
	policy_fixture(&B);
	overlay(&B, sizeof(B), data, size);
	/* Strings as the reader gives them: NUL-terminated within their fields. */
	B.name[PP_POL_NAME_MAX] = B.platform[PP_POL_PLATFORM_MAX] = 0;
	for (u32 i = 0; i < PP_POL_MAX_PARTS; i++) {
		B.parts[i].name[PP_POL_NAME_MAX] = 0;
		B.parts[i].image[PP_POL_IMAGE_MAX] = 0;
	}
	for (u32 i = 0; i < PP_POL_MAX_CHANS; i++)
		B.chans[i].name[PP_POL_NAME_MAX] = 0;

	if (pol_diff(&A, &B, &D) || D.n > POL_DIFF_MAX)
		abort();
	describe(null);
	if (pol_diff(&B, &A, &D))
		abort();
	describe(null);
	if (pol_diff(&B, &B, &D) || D.n != 0)
		abort();

	if (pp_policy_validate(&B, &e) == PP_OK) {
		struct svg s, t;
		struct svg_box x, y;
		svg_init(&s);
		svg_init(&t);
		if (pol_map_svg(&B, &s) || pol_map_svg(&B, &t) || s.len != t.len ||
		    memcmp(s.buf, t.buf, s.len) != 0 || svg_overlaps(&s, &x, &y) != 0)
			abort();
		svg_free(&s);
		svg_free(&t);
	}
	return 0;
}
