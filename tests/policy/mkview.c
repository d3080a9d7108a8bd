// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkview DIR: the policy binaries tests/policy/view.sh drives `parapet
 * policy diff` and `map` with, written by pp_policy_write from the unit
 * tests' fixtures (tests/unit/policy_fixture.h, policy_view_fixture.h):
 *   fixture.bin     the two-partition fixture
 *   reordered.bin   the same model built with its tables in another order
 *   four.bin        the four-partition fixture
 *   wider.bin       the fixture, epoch not raised, app given control of
 *                   service, more I/O ports, a second device and GSI
 *   invalid.bin     parses, fails the validator (a device in both partitions)
 * Test tool only: no error path beyond a message and exit 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include "policy/cli/cli.h"
#include "tests/unit/policy_view_fixture.h"

static int put(const char *dir, const char *name, struct pp_policy *p)
{
	static u8 bin[65536];
	char path[4096], msg[POL_CLI_MSG_MAX];
	struct pp_err err = {0, ""};
	u32 len = 0;
	if (pp_policy_write(p, bin, sizeof(bin), &len, &err) != PP_OK) {
		fprintf(stderr, "mkview: %s: %s\n", name, err.msg);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (pol_cli_write_file(path, bin, len, msg, sizeof(msg))) {
		fprintf(stderr, "mkview: %s\n", msg);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct pp_policy p;
	int bad = 0;
	if (argc != 2) {
		fprintf(stderr, "usage: mkview DIR\n");
		return 2;
	}
	policy_fixture(&p);
	bad |= put(argv[1], "fixture.bin", &p);

	policy_fixture(&p);
	struct pp_pol_part t = p.parts[0];
	p.parts[0] = p.parts[1];
	p.parts[1] = t;
	struct pp_pol_cap_ent c = p.caps[0];
	p.caps[0] = p.caps[3];
	p.caps[3] = c;
	bad |= put(argv[1], "reordered.bin", &p);

	policy_view_fixture(&p);
	bad |= put(argv[1], "four.bin", &p);

	policy_fixture(&p);
	p.version = 4;
	p.caps[p.n_caps++] =
	    (struct pp_pol_cap_ent){.part = 2, .cap = PP_POL_CAP_CONTROL, .target = 1};
	p.ports[0].count = 16;
	p.devs[p.n_devs++] = (struct pp_pol_dev){.part = 2, .bus = 0, .devfn = 4 << 3, .iommu = 0};
	p.irqs[p.n_irqs++] = (struct pp_pol_irq){.part = 2, .gsi = 10};
	p.ram[1].size = 0x2000000;
	bad |= put(argv[1], "wider.bin", &p);

	policy_fixture(&p);
	p.devs[p.n_devs++] = (struct pp_pol_dev){.part = 1, .bus = 0, .devfn = 3 << 3, .iommu = 0};
	bad |= put(argv[1], "invalid.bin", &p);
	return bad;
}
