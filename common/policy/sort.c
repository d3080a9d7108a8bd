// SPDX-License-Identifier: GPL-2.0-only
/*
 * Canonical order of the policy's tables (parapet/policy.h,
 * pp_policy_sort): the binary form stores them so, and pp_policy_read
 * refuses any other order, so one model has exactly one binary. Keys:
 * partitions by id; everything else by owning partition, then its start
 * (gpa, cpu, BDF, GSI, port, capability and target, channel name).
 * Insertion sort: the tables hold at most 64 records.
 */
#include <parapet/policy.h>
#include <parapet/string.h>
#include "common/policy/pol_int.h"

typedef int (*pol_cmp_fn)(const void *a, const void *b);

static int cmp_u64(u64 a, u64 b)
{
	return a < b ? -1 : a > b;
}

static void isort(void *base, u32 n, u32 size, pol_cmp_fn cmp)
{
	u8 tmp[128];
	u8 *b = base;
	if (size > sizeof(tmp))
		return; /* no record is that large (asserted below) */
	for (u32 i = 1; i < n; i++) {
		u32 j = i;
		memcpy(tmp, b + (size_t)i * size, size);
		while (j > 0 && cmp(b + (size_t)(j - 1) * size, tmp) > 0) {
			memcpy(b + (size_t)j * size, b + (size_t)(j - 1) * size, size);
			j--;
		}
		memcpy(b + (size_t)j * size, tmp, size);
	}
}
_Static_assert(sizeof(struct pp_pol_part) <= 128 && sizeof(struct pp_pol_chan) <= 128,
	       "isort's buffer");

static int c_part(const void *a, const void *b)
{
	return cmp_u64(((const struct pp_pol_part *)a)->id, ((const struct pp_pol_part *)b)->id);
}

/* Owner first, then one 64-bit key. */
#define OWNER_THEN(name, type, key)                                                                \
	static int name(const void *a, const void *b)                                              \
	{                                                                                          \
		const type *x = a, *y = b;                                                         \
		int c = cmp_u64(x->part, y->part);                                                 \
		return c ? c : cmp_u64(key(x), key(y));                                            \
	}
#define K_GPA(r) ((r)->gpa)
#define K_CPU(r) ((r)->cpu)
#define K_BDF(r) (((u64)(r)->seg << 16) | ((u64)(r)->bus << 8) | (r)->devfn)
#define K_GSI(r) ((r)->gsi)
#define K_PORT(r) ((r)->base)
#define K_CAP(r) (((u64)(r)->cap << 32) | (r)->target)
OWNER_THEN(c_ram, struct pp_pol_ram, K_GPA)
OWNER_THEN(c_mmio, struct pp_pol_mmio, K_GPA)
OWNER_THEN(c_cpu, struct pp_pol_cpu, K_CPU)
OWNER_THEN(c_dev, struct pp_pol_dev, K_BDF)
OWNER_THEN(c_irq, struct pp_pol_irq, K_GSI)
OWNER_THEN(c_port, struct pp_pol_port, K_PORT)
OWNER_THEN(c_cap, struct pp_pol_cap_ent, K_CAP)

static int c_chan(const void *a, const void *b)
{
	const struct pp_pol_chan *x = a, *y = b;
	int c = cmp_u64(x->part, y->part);
	return c ? c : strcmp(x->name, y->name);
}

void pp_policy_sort(struct pp_policy *p)
{
	isort(p->parts, p->n_parts, sizeof(p->parts[0]), c_part);
	isort(p->ram, p->n_ram, sizeof(p->ram[0]), c_ram);
	isort(p->mmio, p->n_mmio, sizeof(p->mmio[0]), c_mmio);
	isort(p->cpus, p->n_cpus, sizeof(p->cpus[0]), c_cpu);
	isort(p->devs, p->n_devs, sizeof(p->devs[0]), c_dev);
	isort(p->irqs, p->n_irqs, sizeof(p->irqs[0]), c_irq);
	isort(p->ports, p->n_ports, sizeof(p->ports[0]), c_port);
	isort(p->caps, p->n_caps, sizeof(p->caps[0]), c_cap);
	isort(p->chans, p->n_chans, sizeof(p->chans[0]), c_chan);
}

bool pol_in_order(const struct pp_policy *p, u32 t, u32 i)
{
	switch (t) {
	case 0: return c_part(&p->parts[i - 1], &p->parts[i]) <= 0;
	case 1: return c_ram(&p->ram[i - 1], &p->ram[i]) <= 0;
	case 2: return c_mmio(&p->mmio[i - 1], &p->mmio[i]) <= 0;
	case 3: return c_cpu(&p->cpus[i - 1], &p->cpus[i]) <= 0;
	case 4: return c_dev(&p->devs[i - 1], &p->devs[i]) <= 0;
	case 5: return c_irq(&p->irqs[i - 1], &p->irqs[i]) <= 0;
	case 6: return c_port(&p->ports[i - 1], &p->ports[i]) <= 0;
	case 7: return c_cap(&p->caps[i - 1], &p->caps[i]) <= 0;
	case 8: return c_chan(&p->chans[i - 1], &p->chans[i]) <= 0;
	default: return false;
	}
}
