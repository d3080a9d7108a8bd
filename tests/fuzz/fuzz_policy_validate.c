// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the policy validator (common/policy/validate*.c) on
 * models a parser could never produce. The input is laid over the valid
 * fixture model (tests/unit/policy_fixture.h) at the offset its first two
 * bytes name, so most runs change a few fields of an otherwise valid
 * policy, and some change counts, names and ids to anything; then the
 * same for a machine that fits the fixture. Invariants: no crash or
 * out-of-bounds read on any model; a refusal carries a rule class, a
 * negative code and a message; a model that passes writes a binary that
 * reads back to the same bytes.
 */
#include <stdlib.h>
#include <parapet/bytes.h>
#include <parapet/policy.h>
#include "../unit/policy_fixture.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct pp_policy pol, back;
static struct pp_pol_machine mach;
static u8 bin[32768], bin2[32768];

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

static void machine(struct pp_pol_machine *m)
{
	memset(m, 0, sizeof(*m));
	strcpy(m->platform, "QEMU:Q35");
	m->hv_version = 1;
	m->n_cpus = 4;
	m->addr_bits = 40;
	m->n_iommus = 1;
	m->n_usable = 1;
	m->usable[0] = (struct pp_pol_range){0x100000, 0xaff00000};
	m->n_devs = 1;
	m->devs[0] = (struct pp_pol_mdev){0, 0, 3 << 3, 0, 3 << 3, 0};
}

static void check(int rc, const struct pp_pol_error *e)
{
	if (rc > 0 || (rc == PP_OK) != (e->rule == PP_POL_OK))
		abort();
	if (rc && (e->err.code != rc || !e->err.msg[0] || e->rule >= PP_POL_RULE_COUNT))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_pol_error e;
	struct pp_err err;
	size_t half = size / 2;
	u32 len = 0, len2 = 0;
	int rc;

	policy_fixture(&pol);
	overlay(&pol, sizeof(pol), data, half);
	rc = pp_policy_validate(&pol, &e);
	check(rc, &e);
	if (rc)
		return 0;
	machine(&mach);
	overlay(&mach, sizeof(mach), data + half, size - half);
	/* the machine's tables are the hypervisor's own: counts within them */
	if (mach.n_usable > PP_POL_MACHINE_RANGES || mach.n_reserved > PP_POL_MACHINE_RANGES ||
	    mach.n_forbidden > PP_POL_MACHINE_RANGES || mach.n_devs > PP_POL_MACHINE_DEVS)
		machine(&mach);
	mach.platform[PP_POL_PLATFORM_MAX] = 0;
	check(pp_policy_validate_machine(&pol, &mach, &e), &e);
	if (pp_policy_write(&pol, bin, sizeof(bin), &len, &err) != PP_OK)
		abort(); /* a valid model always fits */
	if (pp_policy_read(bin, len, &back, &err) != PP_OK)
		abort();
	if (pp_policy_write(&back, bin2, sizeof(bin2), &len2, &err) != PP_OK || len2 != len ||
	    memcmp(bin, bin2, len) != 0)
		abort();
	return 0;
}
