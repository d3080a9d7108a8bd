// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy source format's valid side (policy/compiler/): the fixture's
 * text parses to the fixture model; its canonical text is exactly what the
 * emitter prints; any layout of the same policy (key order, comments,
 * blank lines, hex or decimal, suffixes) compiles to the same bytes; and
 * compile, dump, compile is byte-identical on the fixture and on
 * policy/appliance.pol. The emitter refuses values with no source form;
 * `parapet policy`'s loader reads source files through the parser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <parapet/policy.h>
#include <unistd.h>
#include "policy/cli/cli.h"
#include "policy/compiler/compiler.h"
#include "policy_fixture.h"
#include "unit.h"

/* The fixture (policy_fixture.h) in canonical form. */
static const char fixture_text[] = "policy fixture {\n"
				   "    version 3\n"
				   "    epoch 2\n"
				   "    min-hypervisor 1\n"
				   "    platform \"QEMU:Q35\"\n"
				   "}\n"
				   "\n"
				   "partition service {\n"
				   "    id 1\n"
				   "    image \"service.elf\"\n"
				   "    entry 0x200000\n"
				   "    boot long64\n"
				   "    cache-mask none\n"
				   "    ram gpa 0x0 hpa any size 16M perm rwx dma no\n"
				   "    ram gpa 0x40000000 hpa 0x80000000 size 2M perm rw- dma no\n"
				   "    mmio hpa 0xfed40000 gpa 0xfed40000 size 4K perm rw-\n"
				   "    cpu 1 exclusive\n"
				   "    capability console\n"
				   "    capability tpm\n"
				   "    capability eventlog-read\n"
				   "    channel ctl peer app perm rw- gpa 0x80000000 size 64K\n"
				   "}\n"
				   "\n"
				   "partition app {\n"
				   "    id 2\n"
				   "    image \"app.elf\"\n"
				   "    entry 0x100000\n"
				   "    boot long64\n"
				   "    cache-mask none\n"
				   "    ram gpa 0x0 hpa any size 64M perm rwx dma yes\n"
				   "    cpu 2 exclusive\n"
				   "    device 0000:00:03.0 iommu 0 on-fault log\n"
				   "    irq gsi 11\n"
				   "    ioport base 0x3f8 count 8\n"
				   "    capability console\n"
				   "    channel ctl peer service perm r-- gpa 0x80000000 size 64K\n"
				   "}\n";

/* The same policy, laid out otherwise: app first, keys reordered, comments. */
static const char fixture_other[] = "# the fixture, by hand\n"
				    "\n"
				    "policy fixture {\n"
				    "\tplatform \"QEMU:Q35\"   # QEMU\n"
				    "\tmin-hypervisor 1\n"
				    "\tepoch 0x2\n"
				    "\tversion 3\n"
				    "}\n"
				    "partition app {\n"
				    "\tchannel ctl perm r-- size 0x10000 gpa 2G peer service\n"
				    "\tcapability console\n"
				    "\tioport count 8 base 1016\n"
				    "\tirq gsi 0xb\n"
				    "\tdevice 0000:00:03.0 iommu 0\n"
				    "\tcpu 2 exclusive\n"
				    "\tram dma yes perm rwx size 65536K hpa any gpa 0\n"
				    "\tcache-mask none\n"
				    "\tboot long64\n"
				    "\tentry 1M\n"
				    "\timage \"app.elf\"\n"
				    "\tid 2\n"
				    "}\n"
				    "\n"
				    "partition service {\n"
				    "\tid 1\n"
				    "\timage \"service.elf\"\n"
				    "\tentry 0x200000\n"
				    "\tboot long64\n"
				    "\tcache-mask none\n"
				    "\tcapability eventlog-read\n"
				    "\tcapability tpm\n"
				    "\tcapability console\n"
				    "\tchannel ctl peer app perm rw- gpa 0x80000000 size 64K\n"
				    "\tcpu 1 exclusive\n"
				    "\tmmio hpa 0xfed40000 gpa 0xfed40000 size 4K perm rw-\n"
				    "\tram gpa 1G hpa 2G size 2M perm rw- dma no\n"
				    "\tram gpa 0x0 hpa any size 16M perm rwx dma no\n"
				    "}";

static struct pp_policy a, b;
static u8 bin1[1u << 16], bin2[1u << 16];
static char text[POL_SRC_EMIT_MAX], text2[POL_SRC_EMIT_MAX];
static char msg[512];

static u32 compile(const char *src, size_t n, u8 *out)
{
	struct pp_pol_error e;
	struct pp_err err;
	u32 len = 0;
	if (pol_src_parse("t.pol", src, n, &a, msg, sizeof(msg)) ||
	    pp_policy_validate(&a, &e) != PP_OK ||
	    pp_policy_write(&a, out, sizeof(bin1), &len, &err) != PP_OK)
		return 0;
	return len;
}

/* compile(src) == compile(dump(compile(src))), and the dump is canonical. */
static void round_trip(const char *src, size_t n)
{
	struct pp_err err;
	size_t tlen = 0, tlen2 = 0;
	u32 len1 = compile(src, n, bin1), len2;
	if (!len1)
		fprintf(stderr, "  %s\n", msg);
	REQUIRE(len1);
	REQUIRE(pp_policy_read(bin1, len1, &b, &err) == PP_OK);
	REQUIRE(pol_src_emit(&b, text, sizeof(text), &tlen, msg, sizeof(msg)) == 0);
	len2 = compile(text, tlen, bin2);
	REQUIRE(len2);
	CHECK(len1 == len2 && memcmp(bin1, bin2, len1) == 0);
	/* dump is a fixed point: the dump of the recompiled text is the text */
	REQUIRE(pol_src_emit(&a, text2, sizeof(text2), &tlen2, msg, sizeof(msg)) == 0);
	CHECK(tlen == tlen2 && memcmp(text, text2, tlen) == 0);
}

TEST(policy_text_fixture_model)
{
	struct pp_policy want;
	REQUIRE(pol_src_parse("t.pol", fixture_text, sizeof(fixture_text) - 1, &a, msg,
			      sizeof(msg)) == 0);
	policy_fixture(&want);
	/* the same model: the same canonical binary (every field is in it) */
	struct pp_err err;
	u32 l1 = 0, l2 = 0;
	REQUIRE(pp_policy_write(&a, bin1, sizeof(bin1), &l1, &err) == PP_OK);
	REQUIRE(pp_policy_write(&want, bin2, sizeof(bin2), &l2, &err) == PP_OK);
	CHECK(l1 == l2 && memcmp(bin1, bin2, l1) == 0);
	CHECK_EQ(a.n_ram, 3);
	CHECK_EQ(a.ram[1].flags, PP_POL_RAM_FIXED);
	CHECK_EQ(a.ram[1].hpa, 0x80000000);
	CHECK_EQ(a.chans[0].peer, 2);
	CHECK_EQ(a.devs[0].devfn, 3 << 3);
	CHECK_EQ(a.ports[0].base, 0x3f8);
}

TEST(policy_text_canonical_dump)
{
	struct pp_policy f;
	size_t n = 0;
	policy_fixture(&f);
	REQUIRE(pol_src_emit(&f, text, sizeof(text), &n, msg, sizeof(msg)) == 0);
	CHECK_EQ(n, sizeof(fixture_text) - 1);
	CHECK(strcmp(text, fixture_text) == 0);
	/* any layout: the same bytes */
	u32 l1 = compile(fixture_text, sizeof(fixture_text) - 1, bin1);
	u32 l2 = compile(fixture_other, sizeof(fixture_other) - 1, bin2);
	REQUIRE(l1 && l2);
	CHECK(l1 == l2 && memcmp(bin1, bin2, l1) == 0);
}

TEST(policy_text_round_trip_fixture)
{
	round_trip(fixture_text, sizeof(fixture_text) - 1);
	round_trip(fixture_other, sizeof(fixture_other) - 1);
}

TEST(policy_text_round_trip_appliance)
{
	static char src[1u << 16];
	FILE *f = fopen("policy/appliance.pol", "rb");
	REQUIRE(f);
	size_t n = fread(src, 1, sizeof(src), f);
	fclose(f);
	REQUIRE(n > 0 && n < sizeof(src));
	round_trip(src, n);
	/* what the appliance grants, spelled out */
	REQUIRE(pol_src_parse("appliance.pol", src, n, &a, msg, sizeof(msg)) == 0);
	CHECK(strcmp(a.platform, "BOCHS/BXPC") == 0);
	CHECK(a.version == 1 && a.epoch == 1 && a.min_hv == 1);
	REQUIRE(a.n_parts == 3 && a.n_cpus == 3 && a.n_mmio == 1);
	CHECK(a.parts[0].id == 1 && strcmp(a.parts[0].name, "service") == 0);
	CHECK(a.parts[1].id == 2 && strcmp(a.parts[1].name, "work-a") == 0);
	CHECK(a.parts[2].id == 3 && strcmp(a.parts[2].name, "work-b") == 0);
	/* each on its own core: service on the boot CPU, the workloads on APs */
	for (u32 i = 0; i < 3; i++) {
		CHECK(a.cpus[i].part == i + 1 && a.cpus[i].cpu == i);
		CHECK(a.cpus[i].mode == PP_POL_CPU_EXCLUSIVE);
	}
	CHECK(a.mmio[0].part == 1 && a.mmio[0].hpa == 0xfed40000 && a.mmio[0].size == 0x1000);
	/* service: console, tpm, eventlog-read, faultlog-read; each workload: console */
	CHECK_EQ(a.n_caps, 6);
	/* channel ab, one end each, read-write data at 16 MiB (guest/work.h) */
	REQUIRE(a.n_chans == 2);
	CHECK(a.chans[0].part == 2 && a.chans[0].peer == 3 && a.chans[1].part == 3 &&
	      a.chans[1].peer == 2);
	for (u32 i = 0; i < 2; i++) {
		CHECK(strcmp(a.chans[i].name, "ab") == 0);
		CHECK(a.chans[i].gpa == 0x1000000 && a.chans[i].size == 0x1000);
		CHECK(a.chans[i].perm == (PP_POL_R | PP_POL_W));
	}
	CHECK_EQ(a.n_devs + a.n_irqs, 0);
	/* the attestation agent's serial line (COM3), the service's */
	REQUIRE(a.n_ports == 1);
	CHECK(a.ports[0].part == 1 && a.ports[0].base == 0x3e8 && a.ports[0].count == 8);
}

TEST(policy_text_dump_refuses)
{
	size_t n;
	struct pp_policy f;
	policy_fixture(&f);
	f.caps[0].cap = 9;
	CHECK(pol_src_emit(&f, text, sizeof(text), &n, msg, sizeof(msg)) == -1);
	CHECK(strstr(msg, "capability 9 has no source form") != NULL);
	policy_fixture(&f);
	f.ram[1].hpa = 0x1000;
	CHECK(pol_src_emit(&f, text, sizeof(text), &n, msg, sizeof(msg)) == -1);
	CHECK(strstr(msg, "a host address without the fixed flag") != NULL);
	policy_fixture(&f);
	f.chans[0].peer = 7;
	CHECK(pol_src_emit(&f, text, sizeof(text), &n, msg, sizeof(msg)) == -1);
	CHECK(strstr(msg, "channel peer: no partition with id 7") != NULL);
	policy_fixture(&f);
	strcpy(f.parts[0].name, "a b");
	CHECK(pol_src_emit(&f, text, sizeof(text), &n, msg, sizeof(msg)) == -1);
	CHECK(strstr(msg, "name \"a b\" not a name") != NULL);
	policy_fixture(&f);
	strcpy(f.platform, "say \"hi\"");
	CHECK(pol_src_emit(&f, text, sizeof(text), &n, msg, sizeof(msg)) == -1);
	CHECK(strstr(msg, "platform binding") != NULL);
	policy_fixture(&f);
	f.cpus[0].slice_us = 5;
	CHECK(pol_src_emit(&f, text, sizeof(text), &n, msg, sizeof(msg)) == -1);
	CHECK(strstr(msg, "has no source form") != NULL);
	/* too small a buffer: refused, not cut */
	policy_fixture(&f);
	CHECK(pol_src_emit(&f, text, 100, &n, msg, sizeof(msg)) == -1);
	CHECK(strstr(msg, "does not fit in 100 bytes") != NULL);
	/* a signed model's key id is shown as a comment only */
	policy_fixture(&f);
	f.key_id[0] = 0xab;
	REQUIRE(pol_src_emit(&f, text, sizeof(text), &n, msg, sizeof(msg)) == 0);
	CHECK(strstr(text, "# signed with key id ab00000000000000") != NULL);
}

/* pol_cli_load (policy/cli/load.c) hands source text to the compiler. */
TEST(policy_text_cli_load)
{
	char path[] = "/tmp/parapet-pol-XXXXXX";
	enum pol_file_kind kind = 0;
	int fd = mkstemp(path);
	REQUIRE(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	REQUIRE(f);
	fputs(fixture_text, f);
	fclose(f);
	REQUIRE(pol_cli_load(path, &a, &kind, msg, sizeof(msg)) == 0);
	CHECK_EQ(kind, POL_FILE_SOURCE);
	CHECK_EQ(a.n_parts, 2);
	CHECK(strcmp(a.name, "fixture") == 0);
	/* an error names the file, line and column */
	f = fopen(path, "wb");
	REQUIRE(f);
	fputs("policy t {\n version x\n", f);
	fclose(f);
	CHECK(pol_cli_load(path, &a, &kind, msg, sizeof(msg)) == -1);
	char want[64];
	snprintf(want, sizeof(want), "%s:2:10: version: expected a number", path);
	CHECK(strstr(msg, want) == msg);
	unlink(path);
}
