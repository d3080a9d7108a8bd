// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy source parser (policy/compiler/): every class of error is
 * refused with its FILE:LINE:COLUMN and what was expected, and the output
 * model is left untouched. The valid forms are test_policy_text_round.c.
 */
#include <parapet/policy.h>
#include "policy/compiler/compiler.h"
#include "unit.h"

/* A header (lines 1-6) and a partition whose own lines are 7-12. */
#define HDR "policy t {\n version 1\n epoch 1\n min-hypervisor 1\n platform \"P\"\n}\n"
#define PART_OPEN "partition a {\n id 1\n image \"a.bin\"\n entry 0x1000\n boot long64\n"
#define PART(body) PART_OPEN " cache-mask none\n" body "}\n"
/* line 13 onwards: body */
#define RAM " ram gpa 0x0 hpa any size 4K perm rwx dma no\n"

#define MSG_MAX 512

static struct pp_policy out;

/* text must be refused with exactly "t.pol:" + where + ": " ... containing sub. */
static void refused_n(const char *text, size_t len, const char *where, const char *sub, int line)
{
	char msg[MSG_MAX];
	char want[64];
	memset(&out, 0xa5, sizeof(out));
	int rc = pol_src_parse("t.pol", text, len, &out, msg, sizeof(msg));
	snprintf(want, sizeof(want), "t.pol:%s: ", where);
	bool untouched = true;
	for (size_t i = 0; i < sizeof(out); i++)
		untouched &= ((const unsigned char *)&out)[i] == 0xa5;
	if (rc != -1 || strncmp(msg, want, strlen(want)) != 0 || !strstr(msg, sub) || !untouched) {
		char m[1200];
		snprintf(m, sizeof(m), "case at line %d: rc %d, message \"%s\", want \"%s...%s\"%s",
			 line, rc, rc ? msg : "", want, sub, untouched ? "" : ", output changed");
		unit_fail(__FILE__, line, m);
	}
}
#define REFUSED(text, where, sub) refused_n(text, sizeof(text) - 1, where, sub, __LINE__)

TEST(policy_text_lexical)
{
	REFUSED("", "1:1", "expected 'policy NAME {' first, found end of file");
	REFUSED("# only a comment\n\n", "3:1", "expected 'policy NAME {' first");
	REFUSED(HDR PART(" ram gpa=0\n"), "13:9", "unexpected character '='");
	REFUSED(HDR "partition a {\n id 1\n image \"a.bin\r\"\n", "9:14", "unexpected byte 0x0d");
	REFUSED(HDR "partition a {\n id 1\n image \"a.bin\n", "9:8",
		"string not closed on its line");
	REFUSED(HDR "partition a {\n id 1\n image \"a.bin", "9:8",
		"string not closed before the end of the file");
	REFUSED(HDR "partition a {\n image \"a\\b\"\n", "8:10",
		"'\\' in a string (there are no escapes)");
	REFUSED(HDR "partition a {\n id 1 # caf\xc3\xa9 is fine here\n \xc3\xa9\n", "9:2",
		"unexpected byte 0xc3");
	REFUSED(HDR "# a comment with a \x01\n", "7:20", "unexpected byte 0x01");
	static const char nul[] = HDR "partition a {\n id 1\0\n";
	refused_n(nul, sizeof(nul) - 1, "8:6", "unexpected byte 0x00", __LINE__);
}

TEST(policy_text_header)
{
	REFUSED("policy t {\n version 1\n epoch 1\n platform \"P\"\n}\n", "5:1",
		"the policy block lacks the required statement 'min-hypervisor N'");
	REFUSED("policy t {\n version 1\n version 2\n", "3:2",
		"duplicate 'version' in the policy block (first at 2:2)");
	REFUSED("policy t {\n versoin 1\n", "2:2",
		"unknown statement 'versoin' in the policy block (expected version, epoch, "
		"min-hypervisor, platform)");
	REFUSED("policy t {\n version 4294967296\n", "2:10",
		"version: '4294967296' is out of range (at most 0xffffffff)");
	REFUSED("policy t {\n version 1 2\n", "2:12", "expected the end of the line, found '2'");
	REFUSED("policy t {\n platform \"0123456789abcdef0123456789abcdef\"\n", "2:11",
		"platform: string of 32 characters, at most 31");
	REFUSED("policy t {\n platform P\n", "2:11",
		"platform: expected a \"quoted string\", found 'P'");
	REFUSED("policy t\n", "1:9", "policy t: expected '{', found end of line");
	REFUSED("policy t { version 1\n", "1:12",
		"expected the end of the line after '{', found 'version'");
	REFUSED("policy 0123456789abcdef0123456789abcdef {\n", "1:8",
		"policy: name '0123456789abcdef0123456789abcdef' has 32 characters, at most 31");
	REFUSED("policy t {\n version 1\n", "1:10",
		"policy block: '{' not closed before the end of the file");
	REFUSED(HDR "policy u {\n", "7:1", "a second policy block (the first at 1:1)");
	REFUSED(HDR "partitions a {\n", "7:1",
		"expected 'partition NAME {' or the end of the file");
	REFUSED(HDR PART("") " x\n", "14:2",
		"expected 'partition NAME {' or the end of the file, found 'x'");
}

TEST(policy_text_partition)
{
	REFUSED(HDR PART_OPEN "}\n", "12:1",
		"partition a lacks the required statement 'cache-mask none|MASK'");
	REFUSED(HDR PART(" id 2\n"), "13:2", "duplicate 'id' in partition a (first at 8:2)");
	REFUSED(HDR PART(" memory 4K\n"), "13:2", "unknown statement 'memory' in partition a");
	REFUSED(HDR PART_OPEN " cache-mask 0\n}\n", "12:13",
		"cache-mask: 0 is no mask: write 'cache-mask none'");
	REFUSED(HDR "partition a {\n boot long32\n", "8:7",
		"boot: expected 'long64', 'real16' or 'linux64', found 'long32'");
	REFUSED(HDR "partition a {\n entry 0x\n", "8:8", "entry: expected a number");
	REFUSED(HDR PART("") PART(""), "14:11", "partition 'a' already declared at 7:11");
	REFUSED(HDR PART("") "partition b {\n id 1\n", "15:2",
		"id 1 already used by partition 'a'");
	REFUSED(HDR "partition a:b {\n", "7:11", "partition: expected a name");
	REFUSED(HDR "partition a {\n id 1\n", "7:13", "partition a: '{' not closed");
	REFUSED(HDR "partition a {\n {\n", "8:2",
		"partition a: expected a statement or '}', found '{'");
}

TEST(policy_text_numbers)
{
	REFUSED(HDR PART(" ram gpa 0x10000000000000000 hpa any size 4K perm rwx dma no\n"), "13:10",
		"gpa: '0x10000000000000000' does not fit in 64 bits");
	REFUSED(HDR PART(" ram gpa 0 hpa any size 99999999999G perm rwx dma no\n"), "13:25",
		"size: '99999999999G' does not fit in 64 bits");
	REFUSED(HDR PART(" ram gpa 0 hpa any size 18446744073709551616 perm rwx dma no\n"), "13:25",
		"does not fit in 64 bits");
	REFUSED(HDR PART(" cpu 01 exclusive\n"), "13:6", "a decimal number has no leading zero");
	REFUSED(HDR PART(" cpu 4K exclusive\n"), "13:6",
		"expected a number (decimal, or hex with 0x), found '4K'");
	REFUSED(
	    HDR PART(" ram gpa 0 hpa any size 4k perm rwx dma no\n"), "13:25",
	    "size: expected a number (decimal, or hex with 0x; suffix K, M or G allowed), found "
	    "'4k'");
	REFUSED(HDR PART(" ioport base 0x3f8 count 0x100000000\n"), "13:26",
		"count: '0x100000000' is out of range (at most 0xffffffff)");
	REFUSED(HDR PART(" ram gpa 0 hpa anywhere size 4K perm rwx dma no\n"), "13:16",
		"hpa ('any' or an address): expected a number");
}

TEST(policy_text_resources)
{
	REFUSED(
	    HDR PART(" ram gpa 0x0 hpa any size 4K perm rq- dma no\n"), "13:35",
	    "expected 'rwx' permissions (three characters: r or -, w or -, x or -), found 'rq-'");
	REFUSED(HDR PART(" ram gpa 0x0 hpa any size 4K perm rw dma no\n"), "13:35", "found 'rw'");
	REFUSED(HDR PART(" ram gpa 0x0 hpa any size 4K perm rwx dma no bogus 1\n"), "13:46",
		"unknown key 'bogus' in 'ram' (expected gpa, hpa, size, perm, dma)");
	REFUSED(HDR PART(" ram gpa 0x0 hpa any gpa 0x1000 size 4K perm rwx dma no\n"), "13:22",
		"duplicate key 'gpa' in 'ram' (first at 13:6)");
	REFUSED(HDR PART(" ram gpa 0x0 hpa any size 4K perm rwx\n"), "13:2",
		"'ram' lacks the required key 'dma' (dma yes|no");
	REFUSED(HDR PART(" ram gpa 0x0 hpa any size 4K perm rwx dma maybe\n"), "13:43",
		"dma: expected 'yes' or 'no', found 'maybe'");
	REFUSED(HDR PART(" ram gpa 0x0 hpa any size 4K perm rwx dma no {\n"), "13:46",
		"expected a key of 'ram' or the end of the line, found '{'");
	REFUSED(HDR PART(" mmio hpa 0xfed40000 gpa 0xfed40000 size 4K\n"), "13:2",
		"'mmio' lacks the required key 'perm'");
	REFUSED(HDR PART(" cpu 1 both\n"), "13:8",
		"cpu: expected 'exclusive' or 'shared', found 'both'");
	REFUSED(HDR PART(" cpu 1 exclusive slice-us 100\n"), "13:18",
		"unknown key 'slice-us' in 'cpu exclusive' (expected the end of the line)");
	REFUSED(HDR PART(" cpu 1 shared slice-us 100\n"), "13:2",
		"'cpu shared' lacks the required key 'period-us'");
	REFUSED(HDR PART(" device 0:3.0 iommu 0\n"), "13:9",
		"expected a PCI address SSSS:BB:DD.F (hex segment, bus, device 00-1f; function "
		"0-7), found '0:3.0'");
	REFUSED(HDR PART(" device 0000:00:20.0 iommu 0\n"), "13:9", "expected a PCI address");
	REFUSED(HDR PART(" device 0000:00:03.8 iommu 0\n"), "13:9", "expected a PCI address");
	REFUSED(HDR PART(" device 0000:00:03.0\n"), "13:2",
		"'device' lacks the required key 'iommu'");
	REFUSED(HDR PART(" irq 11\n"), "13:6", "unknown key '11' in 'irq' (expected gsi)");
	REFUSED(HDR PART(" ioport base 0x3f8\n"), "13:2",
		"'ioport' lacks the required key 'count'");
	REFUSED(HDR PART(" capability root\n"), "13:13",
		"capability: expected console, tpm, eventlog-read, faultlog-read or control "
		"PARTITION, found 'root'");
	REFUSED(HDR PART(" capability console a\n"), "13:21",
		"unknown key 'a' in 'capability' (expected the end of the line)");
	REFUSED(HDR PART(" capability control nobody\n"), "13:21", "no partition named 'nobody'");
	REFUSED(HDR PART(" channel c peer nobody perm rw- gpa 0x0 size 4K\n"), "13:17",
		"no partition named 'nobody'");
	REFUSED(HDR PART(" channel c peer a perm rw- gpa 0x0\n"), "13:2",
		"'channel' lacks the required key 'size'");
	REFUSED(HDR PART(" channel 0123456789abcdef0123456789abcdef peer a\n"), "13:10",
		"channel: name '0123456789abcdef0123456789abcdef' has 32 characters, at most 31");
}

TEST(policy_text_capacity)
{
	static char text[8192];
	size_t n = (size_t)snprintf(text, sizeof(text), "%s", HDR PART_OPEN " cache-mask none\n");
	for (u32 i = 0; i <= PP_POL_MAX_RAM; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      " ram gpa 0x%x000 hpa any size 4K perm rw- dma no\n", i);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "}\n");
	REQUIRE(n < sizeof(text));
	refused_n(text, n, "77:2", "more than 64 ram ranges (the most a policy holds)", __LINE__);
	/* partitions too */
	n = (size_t)snprintf(text, sizeof(text), "%s", HDR);
	for (u32 i = 1; i <= PP_POL_MAX_PARTS + 1; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "partition p%u {\n id %u\n image \"a\"\n entry 0\n boot "
				      "long64\n cache-mask none\n}\n",
				      i, i);
	REQUIRE(n < sizeof(text));
	refused_n(text, n, "119:1", "more than 16 partitions (the most a policy holds)", __LINE__);
	/* a file over the parser's bound is refused whole */
	static char big[POL_SRC_MAX + 2];
	memset(big, '#', sizeof(big));
	char msg[MSG_MAX];
	CHECK(pol_src_parse("t.pol", big, sizeof(big), &out, msg, sizeof(msg)) == -1);
	CHECK(strstr(msg, "t.pol: 1048578 bytes, at most 1048576") != NULL);
}
