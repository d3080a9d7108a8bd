// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test driver of tests/policy/machine.sh: the machine loader
 * (policy/cli/machine_dir.c) and the shared validator, end to end, before
 * `parapet policy check --machine` exists (another helper's check.c will
 * make the same two calls). Host test code; not installed.
 *
 *   machine-check dump DIR           the machine DIR describes, one fact a line
 *   machine-check check POLICY DIR   "ok", or "refused: RULE: MESSAGE" (exit 1)
 *   machine-check sample NAME OUT    write a sample policy binary for the
 *                                    QEMU samples: the unit tests' fixture
 *                                    moved onto QEMU's q35 (NAME: amd or
 *                                    intel, or NAME-VARIANT, broken in one
 *                                    way: cpu, device, memory, hv,
 *                                    iommu-mmio, platform, gsi)
 * Exit status: 0 ok, 1 refused or failed, 2 usage.
 */
#include <stdio.h>
#include <string.h>
#include "policy/cli/cli.h"
#include "tests/unit/policy_fixture.h"

static struct pp_pol_machine m;
static struct pp_policy pol;
static u8 bin[65536];

static int dump(const char *dir)
{
	char msg[POL_CLI_MSG_MAX];
	if (pol_machine_load_dir(dir, &m, msg, sizeof(msg))) {
		fprintf(stderr, "machine-check: %s\n", msg);
		return 1;
	}
	printf("platform %s\nhv-version %u\ncpus %u\ngsis %u\naddr-bits %u\ncat-bits %u\n"
	       "iommus %u\n",
	       m.platform, m.hv_version, m.n_cpus, m.n_gsis, m.addr_bits, m.cat_bits, m.n_iommus);
	for (u32 i = 0; i < m.n_usable; i++)
		printf("usable 0x%llx 0x%llx\n", (unsigned long long)m.usable[i].base,
		       (unsigned long long)m.usable[i].size);
	for (u32 i = 0; i < m.n_reserved; i++)
		printf("reserved 0x%llx 0x%llx\n", (unsigned long long)m.reserved[i].base,
		       (unsigned long long)m.reserved[i].size);
	for (u32 i = 0; i < m.n_forbidden; i++)
		printf("forbidden 0x%llx 0x%llx\n", (unsigned long long)m.forbidden[i].base,
		       (unsigned long long)m.forbidden[i].size);
	for (u32 i = 0; i < m.n_devs; i++) {
		const struct pp_pol_mdev *d = &m.devs[i];
		printf("device %04x:%02x:%02x.%x ", d->seg, d->bus, d->devfn >> 3, d->devfn & 7);
		if (d->iommu == PP_POL_NO_IOMMU)
			printf("no-iommu\n");
		else
			printf("iommu %u\n", d->iommu);
	}
	return 0;
}

static int check(const char *path, const char *dir)
{
	char msg[POL_CLI_MSG_MAX];
	enum pol_file_kind kind;
	struct pp_pol_error e;
	if (pol_cli_load(path, &pol, &kind, msg, sizeof(msg)) ||
	    pol_machine_load_dir(dir, &m, msg, sizeof(msg))) {
		fprintf(stderr, "machine-check: %s\n", msg);
		return 1;
	}
	memset(&e, 0, sizeof(e));
	if (pp_policy_validate(&pol, &e) || pp_policy_validate_machine(&pol, &m, &e)) {
		printf("refused: %s: %s\n", pp_pol_rule_name(e.rule), e.err.msg);
		return 1;
	}
	printf("ok\n");
	return 0;
}

/*
 * The fixture on QEMU's q35 (1 GiB, BOCHS/BXPC): NAME is amd (edu at
 * 00:02.0, after the amd-iommu function) or intel (edu at 00:01.0),
 * optionally with "-VARIANT", one thing broken.
 */
static int sample(const char *name, const char *out)
{
	char msg[POL_CLI_MSG_MAX];
	struct pp_err err = {0, ""};
	const char *v = strchr(name, '-');
	size_t base = v ? (size_t)(v - name) : strlen(name);
	u32 len;
	policy_fixture(&pol);
	strcpy(pol.platform, "BOCHS/BXPC");
	pol.ram[2].hpa = 0x20000000; /* fixed RAM inside the 1 GiB */
	if (base == 3 && strncmp(name, "amd", 3) == 0)
		pol.devs[0].devfn = 2 << 3;
	else if (base == 5 && strncmp(name, "intel", 5) == 0)
		pol.devs[0].devfn = 1 << 3;
	else
		v = "-?";
	if (!v)
		;
	else if (strcmp(v, "-cpu") == 0)
		pol.cpus[0].cpu = 4; /* CPUS=4: 0..3 */
	else if (strcmp(v, "-device") == 0)
		pol.devs[0].devfn = 5 << 3; /* nothing at 00:05.0 */
	else if (strcmp(v, "-memory") == 0)
		pol.ram[2].hpa = 0x40000000; /* just above the 1 GiB */
	else if (strcmp(v, "-hv") == 0)
		pol.ram[2].hpa = 0x1000000; /* the hypervisor's image */
	else if (strcmp(v, "-iommu-mmio") == 0)
		pol.mmio[pol.n_mmio++] = (struct pp_pol_mmio){
		    .part = 2, .perm = 3, .hpa = 0xfed80000, .gpa = 0xfed80000, .size = 0x1000};
	else if (strcmp(v, "-platform") == 0)
		strcpy(pol.platform, "LENOVO/TP-N2H");
	else if (strcmp(v, "-gsi") == 0)
		pol.irqs[0].gsi = 24; /* one IOAPIC of 24 */
	else {
		fprintf(stderr, "machine-check: unknown sample %s\n", name);
		return 2;
	}
	if (pp_policy_write(&pol, bin, sizeof(bin), &len, &err)) {
		fprintf(stderr, "machine-check: %s\n", err.msg);
		return 1;
	}
	if (pol_cli_write_file(out, bin, len, msg, sizeof(msg))) {
		fprintf(stderr, "machine-check: %s\n", msg);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "dump") == 0)
		return dump(argv[2]);
	if (argc == 4 && strcmp(argv[1], "check") == 0)
		return check(argv[2], argv[3]);
	if (argc == 4 && strcmp(argv[1], "sample") == 0)
		return sample(argv[2], argv[3]);
	fprintf(stderr, "usage: machine-check dump DIR | check POLICY DIR | sample NAME OUT\n");
	return 2;
}
