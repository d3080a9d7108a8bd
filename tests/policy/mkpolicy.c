// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper (tests/policy/sign.sh): writes the unit tests' fixture policy
 * (tests/unit/policy_fixture.h) as a canonical unsigned binary, until the
 * source compiler exists. `mkpolicy OUT` writes the valid fixture;
 * `mkpolicy --break-rule OUT` gives both partitions the same id, a binary
 * that parses but fails the validator (rule "structure"). Host only.
 */
#include <stdio.h>
#include <string.h>
#include <parapet/policy.h>
#include "tests/unit/policy_fixture.h"

static struct pp_policy pol;
static u8 buf[1 << 16];

int main(int argc, char **argv)
{
	int brk = argc == 3 && !strcmp(argv[1], "--break-rule");
	if (argc != 2 + brk) {
		fprintf(stderr, "usage: mkpolicy [--break-rule] OUT\n");
		return 2;
	}
	const char *out = argv[argc - 1];
	u32 len = 0;
	struct pp_err err = {0, ""};
	policy_fixture(&pol);
	if (brk)
		pol.parts[0].id = pol.parts[1].id;
	if (pp_policy_write(&pol, buf, sizeof(buf), &len, &err)) {
		fprintf(stderr, "mkpolicy: %s\n", err.msg);
		return 1;
	}
	FILE *f = fopen(out, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "mkpolicy: cannot write %s\n", out);
		return 1;
	}
	return 0;
}
