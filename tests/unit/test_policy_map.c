// SPDX-License-Identifier: GPL-2.0-only
/*
 * pol_map_svg (policy/cli/map.h): the same model gives the same bytes (in
 * any table order); the picture names every partition, device and channel;
 * no two labels overlap, for the two-partition fixture and the
 * four-partition one; no scripts or external references; text escaped.
 * (Well-formed XML is checked by tests/policy/view.sh with a real parser.)
 */
#include <stdlib.h>
#include "policy/cli/map.h"
#include "policy_view_fixture.h"
#include "unit.h"

static struct pp_policy P, Q;

static bool has(const struct svg *s, const char *needle)
{
	return s->buf && strstr(s->buf, needle) != NULL;
}

static void no_overlap(const struct svg *s)
{
	struct svg_box a = {0}, b = {0};
	u32 n = svg_overlaps(s, &a, &b);
	CHECK_EQ(n, 0);
	if (n)
		fprintf(stderr, "  labels meet: (%d,%d %dx%d) and (%d,%d %dx%d)\n", a.x, a.y, a.w,
			a.h, b.x, b.y, b.w, b.h);
}

TEST(policy_map_fixture)
{
	struct svg s, t;
	struct pp_pol_error e;
	policy_fixture(&P);
	REQUIRE(pp_policy_validate(&P, &e) == PP_OK);
	svg_init(&s);
	svg_init(&t);
	REQUIRE(pol_map_svg(&P, &s) == 0);
	CHECK(s.n_box > 20);
	CHECK(!strncmp(s.buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44));
	CHECK(s.len > 100 && !strcmp(s.buf + s.len - 7, "</svg>\n"));
	CHECK(has(&s, ">Partition map: fixture</text>"));
	CHECK(has(&s, "platform QEMU:Q35"));
	CHECK(has(&s, ">service</text>") && has(&s, ">app</text>"));
	CHECK(has(&s, ">0000:00:03.0  IOMMU unit 0</text>"));
	CHECK(has(&s, ">ctl: service rw-, app r--, 64 KiB</text>"));
	CHECK(has(&s, ">0x80000000-0x801fffff</text>"));
	CHECK(has(&s, ">0x0 64 MiB rwx</text>"));
	CHECK(has(&s, ">tpm, console, eventlog-read</text>") ||
	      has(&s, ">console, tpm, eventlog-read</text>"));
	/* Self-contained: no script, no reference out of the document. */
	CHECK(!has(&s, "<script") && !has(&s, "href") && !has(&s, "http://www.w3.org/1999"));
	CHECK(!has(&s, "url(http") && !has(&s, "@import"));
	no_overlap(&s);
	/* Same model in another order: the same bytes. */
	Q = P;
	struct pp_pol_part pt = Q.parts[0];
	Q.parts[0] = Q.parts[1];
	Q.parts[1] = pt;
	struct pp_pol_ram r = Q.ram[0];
	Q.ram[0] = Q.ram[2];
	Q.ram[2] = r;
	REQUIRE(pol_map_svg(&Q, &t) == 0);
	CHECK(s.len == t.len && !memcmp(s.buf, t.buf, s.len));
	svg_free(&s);
	svg_free(&t);
}

TEST(policy_map_four)
{
	struct svg s;
	struct pp_pol_error e = {0};
	policy_view_fixture(&P);
	CHECK_EQ(pp_policy_validate(&P, &e), PP_OK);
	if (e.rule)
		fprintf(stderr, "  fixture invalid: %s\n", e.err.msg);
	svg_init(&s);
	REQUIRE(pol_map_svg(&P, &s) == 0);
	static const char *const names[] = {">service</text>",
					    ">app</text>",
					    ">net</text>",
					    ">storage</text>",
					    "0000:01:00.0  IOMMU unit 0",
					    "0000:00:1f.2  IOMMU unit 1",
					    ">net-rx: ",
					    ">blk: ",
					    ">log: ",
					    ">ctl: ",
					    "control of net",
					    "app 30%",
					    "net 50%",
					    "L3 cache ways 0xc"};
	for (u32 i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CHECK(has(&s, names[i]));
		if (!has(&s, names[i]))
			fprintf(stderr, "  missing %s\n", names[i]);
	}
	no_overlap(&s);
	svg_free(&s);
}

TEST(policy_map_escapes)
{
	struct svg s;
	/* Not a valid name (the command refuses it); the drawing escapes it anyway. */
	policy_fixture(&P);
	strcpy(P.name, "a<b>&\"c'");
	strcpy(P.parts[0].name, "x<y");
	svg_init(&s);
	REQUIRE(pol_map_svg(&P, &s) == 0);
	CHECK(has(&s, "Partition map: a&lt;b&gt;&amp;&quot;c&apos;</text>"));
	CHECK(has(&s, ">x&lt;y</text>"));
	CHECK(!has(&s, "x<y"));
	svg_free(&s);
}

TEST(policy_map_text_fits)
{
	struct svg s;
	svg_init(&s);
	svg_text(&s, 10, 20, 12, "n", SVG_START, 60, "%s", "a label far too long for sixty pixels");
	REQUIRE(s.buf != NULL && s.n_box == 1);
	CHECK(s.box[0].w <= 60);
	CHECK(strstr(s.buf, "...</text>") != NULL);
	svg_text(&s, 10, 50, 12, "n", SVG_MIDDLE, 0, "%s", "mid");
	CHECK_EQ(s.box[1].x, 10 - svg_text_w(3, 12) / 2);
	struct svg_box a, b;
	CHECK_EQ(svg_overlaps(&s, &a, &b), 0);
	svg_text(&s, 30, 22, 12, "n", SVG_START, 0, "%s", "meets the first");
	CHECK_EQ(svg_overlaps(&s, &a, &b), 1);
	svg_free(&s);
}

/* The largest picture: 16 partitions with the longest names, a channel between neighbours. */
TEST(policy_map_sixteen_long_names)
{
	struct svg s;
	struct pp_pol_error e = {0};
	memset(&P, 0, sizeof(P));
	strcpy(P.name, "the-longest-policy-name-is-31-c");
	strcpy(P.platform, "QEMU:Q35");
	P.version = P.epoch = P.min_hv = 1;
	for (u32 i = 0; i < PP_POL_MAX_PARTS; i++) {
		struct pp_pol_part *pt = &P.parts[P.n_parts++];
		*pt = (struct pp_pol_part){
		    .id = i + 1, .entry = 0x100000, .mode = PP_POL_BOOT_LONG64};
		snprintf(pt->name, sizeof(pt->name), "partition-with-a-long-name-%02u", i);
		snprintf(pt->image, sizeof(pt->image),
			 "an-image-file-name-as-long-as-the-format-allows-sixty-three-%02u", i);
		P.ram[P.n_ram++] = (struct pp_pol_ram){
		    .part = i + 1, .perm = 7, .gpa = 0xfffff00000000, .size = 0x100000};
		P.ram[P.n_ram++] =
		    (struct pp_pol_ram){.part = i + 1, .perm = 7, .gpa = 0, .size = 0x200000};
		P.cpus[P.n_cpus++] = (struct pp_pol_cpu){.part = i + 1,
							 .cpu = 200,
							 .mode = PP_POL_CPU_SHARED,
							 .slice_us = 100,
							 .period_us = 1600};
		P.ports[P.n_ports++] =
		    (struct pp_pol_port){.part = i + 1, .base = 0x2000 + 0x100 * i, .count = 16};
		P.caps[P.n_caps++] =
		    (struct pp_pol_cap_ent){.part = i + 1, .cap = PP_POL_CAP_CONSOLE};
		if (i) {
			char name[32];
			snprintf(name, sizeof(name), "a-channel-name-of-the-most-c-%02u", i);
			policy_view_chan(&P, i, i + 1, name, 3, 3, 0x10000000, 0x20000000, 0x1000);
		}
	}
	CHECK_EQ(pp_policy_validate(&P, &e), PP_OK);
	if (e.rule)
		fprintf(stderr, "  model invalid: %s\n", e.err.msg);
	svg_init(&s);
	REQUIRE(pol_map_svg(&P, &s) == 0);
	CHECK(has(&s, ">partition-with-a-long-name-15</text>"));
	no_overlap(&s);
	svg_free(&s);
}
