// SPDX-License-Identifier: GPL-2.0-only
/*
 * One partition's tables in pol_diff (diff.h, diff_int.h): each A record
 * owned by the partition is matched with the first unused B record of the
 * same key (so duplicate keys of an invalid model still pair up); the
 * match is unchanged or a modification, an unmatched A record a loss, an
 * unmatched B record a gain. Partition references (a channel's peer, a
 * control target) are compared by name, since ids may differ between A
 * and B. The marks are the isolation reading of each change (diff.h and
 * docs/policy-diff-map.md, "Marks").
 */
#include <string.h>
#include "policy/cli/diff_int.h"

#define NAME_LEN (PP_POL_NAME_MAX + 8)

static bool in_a(const struct pol_diff_ctx *x, u32 part)
{
	return x->s->has_a && part == x->s->a_id;
}

static bool in_b(const struct pol_diff_ctx *x, u32 part)
{
	return x->s->has_b && part == x->s->b_id;
}

/* Bits in b not in a. */
static bool more(u32 a, u32 b)
{
	return (b & ~a) != 0;
}

static void ram(struct pol_diff_ctx *x)
{
	const struct pp_policy *a = x->a, *b = x->b;
	bool used[PP_POL_MAX_RAM] = {0};
	for (u32 i = 0; i < a->n_ram; i++) {
		const struct pp_pol_ram *o = &a->ram[i], *n = NULL;
		if (!in_a(x, o->part))
			continue;
		for (u32 j = 0; j < b->n_ram && !n; j++)
			if (!used[j] && in_b(x, b->ram[j].part) && b->ram[j].gpa == o->gpa) {
				used[j] = true;
				n = &b->ram[j];
			}
		if (!n) {
			pol_diff_push(x, POL_CHG_RAM, POL_CHG_DEL, POL_MARK_LOSS)->a.ram = *o;
			continue;
		}
		u32 f = 0;
		bool fo = o->flags & PP_POL_RAM_FIXED, fn = n->flags & PP_POL_RAM_FIXED;
		bool dn = n->flags & PP_POL_RAM_DMA, dold = o->flags & PP_POL_RAM_DMA;
		f |= o->perm != n->perm ? POL_F_PERM : 0;
		f |= dold != dn ? POL_F_DMA : 0;
		f |= o->size != n->size ? POL_F_SIZE : 0;
		f |= fo != fn || o->hpa != n->hpa ? POL_F_HPA : 0;
		if (!f && o->flags == n->flags)
			continue;
		enum pol_chg_mark m = POL_MARK_OTHER;
		if (n->size > o->size)
			m = POL_MARK_GAIN;
		else if (n->size < o->size || more(n->perm, o->perm) || (dold && !dn) ||
			 (fo && !fn))
			m = POL_MARK_LOSS;
		/* New rights, DMA, or another piece of fixed host memory. */
		if (more(o->perm, n->perm) || (dn && !dold) || (fn && (f & POL_F_HPA)))
			m = POL_MARK_WIDEN;
		struct pol_change *c = pol_diff_push(x, POL_CHG_RAM, POL_CHG_MOD, m);
		c->fields = f;
		c->a.ram = *o;
		c->b.ram = *n;
	}
	for (u32 j = 0; j < b->n_ram; j++)
		if (!used[j] && in_b(x, b->ram[j].part))
			pol_diff_push(x, POL_CHG_RAM, POL_CHG_ADD,
				      b->ram[j].flags & (PP_POL_RAM_DMA | PP_POL_RAM_FIXED)
					  ? POL_MARK_WIDEN
					  : POL_MARK_GAIN)
			    ->b.ram = b->ram[j];
}

static void mmio(struct pol_diff_ctx *x)
{
	const struct pp_policy *a = x->a, *b = x->b;
	bool used[PP_POL_MAX_MMIO] = {0};
	for (u32 i = 0; i < a->n_mmio; i++) {
		const struct pp_pol_mmio *o = &a->mmio[i], *n = NULL;
		if (!in_a(x, o->part))
			continue;
		for (u32 j = 0; j < b->n_mmio && !n; j++)
			if (!used[j] && in_b(x, b->mmio[j].part) && b->mmio[j].hpa == o->hpa) {
				used[j] = true;
				n = &b->mmio[j];
			}
		if (!n) {
			pol_diff_push(x, POL_CHG_MMIO, POL_CHG_DEL, POL_MARK_LOSS)->a.mmio = *o;
			continue;
		}
		u32 f = (o->perm != n->perm ? POL_F_PERM : 0) |
			(o->size != n->size ? POL_F_SIZE : 0) | (o->gpa != n->gpa ? POL_F_GPA : 0);
		if (!f)
			continue;
		enum pol_chg_mark m = POL_MARK_OTHER;
		if (n->size < o->size || more(n->perm, o->perm))
			m = POL_MARK_LOSS;
		if (n->size > o->size || more(o->perm, n->perm))
			m = POL_MARK_WIDEN;
		struct pol_change *c = pol_diff_push(x, POL_CHG_MMIO, POL_CHG_MOD, m);
		c->fields = f;
		c->a.mmio = *o;
		c->b.mmio = *n;
	}
	for (u32 j = 0; j < b->n_mmio; j++)
		if (!used[j] && in_b(x, b->mmio[j].part))
			pol_diff_push(x, POL_CHG_MMIO, POL_CHG_ADD, POL_MARK_WIDEN)->b.mmio =
			    b->mmio[j];
}

static void cpus(struct pol_diff_ctx *x)
{
	const struct pp_policy *a = x->a, *b = x->b;
	bool used[PP_POL_MAX_CPUS] = {0};
	for (u32 i = 0; i < a->n_cpus; i++) {
		const struct pp_pol_cpu *o = &a->cpus[i], *n = NULL;
		if (!in_a(x, o->part))
			continue;
		for (u32 j = 0; j < b->n_cpus && !n; j++)
			if (!used[j] && in_b(x, b->cpus[j].part) && b->cpus[j].cpu == o->cpu) {
				used[j] = true;
				n = &b->cpus[j];
			}
		if (!n) {
			pol_diff_push(x, POL_CHG_CPU, POL_CHG_DEL, POL_MARK_LOSS)->a.cpu = *o;
			continue;
		}
		u32 f =
		    (o->mode != n->mode ? POL_F_MODE : 0) |
		    (o->slice_us != n->slice_us || o->period_us != n->period_us ? POL_F_SLICE : 0);
		if (!f)
			continue;
		/* Compare shares as slice/period; exclusive is the whole core. */
		u64 so = o->mode == PP_POL_CPU_SHARED ? o->slice_us : 1;
		u64 po = o->mode == PP_POL_CPU_SHARED ? o->period_us : 1;
		u64 sn = n->mode == PP_POL_CPU_SHARED ? n->slice_us : 1;
		u64 pn = n->mode == PP_POL_CPU_SHARED ? n->period_us : 1;
		enum pol_chg_mark m = POL_MARK_OTHER;
		if (sn * po > so * pn)
			m = POL_MARK_GAIN;
		else if (sn * po < so * pn)
			m = POL_MARK_LOSS;
		/* Sharing a core it had alone: its isolation narrows (timing). */
		if (o->mode == PP_POL_CPU_EXCLUSIVE && n->mode == PP_POL_CPU_SHARED)
			m = POL_MARK_WIDEN;
		struct pol_change *c = pol_diff_push(x, POL_CHG_CPU, POL_CHG_MOD, m);
		c->fields = f;
		c->a.cpu = *o;
		c->b.cpu = *n;
	}
	for (u32 j = 0; j < b->n_cpus; j++)
		if (!used[j] && in_b(x, b->cpus[j].part))
			pol_diff_push(x, POL_CHG_CPU, POL_CHG_ADD, POL_MARK_GAIN)->b.cpu =
			    b->cpus[j];
}

static bool same_bdf(const struct pp_pol_dev *d, const struct pp_pol_dev *e)
{
	return d->seg == e->seg && d->bus == e->bus && d->devfn == e->devfn;
}

static void devs(struct pol_diff_ctx *x)
{
	const struct pp_policy *a = x->a, *b = x->b;
	bool used[PP_POL_MAX_DEVS] = {0};
	for (u32 i = 0; i < a->n_devs; i++) {
		const struct pp_pol_dev *o = &a->devs[i], *n = NULL;
		if (!in_a(x, o->part))
			continue;
		for (u32 j = 0; j < b->n_devs && !n; j++)
			if (!used[j] && in_b(x, b->devs[j].part) && same_bdf(&b->devs[j], o)) {
				used[j] = true;
				n = &b->devs[j];
			}
		if (!n) {
			pol_diff_push(x, POL_CHG_DEV, POL_CHG_DEL, POL_MARK_LOSS)->a.dev = *o;
		} else if (n->iommu != o->iommu || n->on_fault != o->on_fault) {
			/* the fault action is a reaction, not a right: other */
			struct pol_change *c =
			    pol_diff_push(x, POL_CHG_DEV, POL_CHG_MOD, POL_MARK_OTHER);
			c->fields = (n->iommu != o->iommu ? POL_F_IOMMU : 0) |
				    (n->on_fault != o->on_fault ? POL_F_FAULT : 0);
			c->a.dev = *o;
			c->b.dev = *n;
		}
	}
	for (u32 j = 0; j < b->n_devs; j++)
		if (!used[j] && in_b(x, b->devs[j].part))
			pol_diff_push(x, POL_CHG_DEV, POL_CHG_ADD, POL_MARK_WIDEN)->b.dev =
			    b->devs[j];
}

static void irqs(struct pol_diff_ctx *x)
{
	const struct pp_policy *a = x->a, *b = x->b;
	bool used[PP_POL_MAX_IRQS] = {0};
	for (u32 i = 0; i < a->n_irqs; i++) {
		const struct pp_pol_irq *o = &a->irqs[i];
		bool found = false;
		if (!in_a(x, o->part))
			continue;
		for (u32 j = 0; j < b->n_irqs && !found; j++)
			if (!used[j] && in_b(x, b->irqs[j].part) && b->irqs[j].gsi == o->gsi)
				used[j] = found = true;
		if (!found)
			pol_diff_push(x, POL_CHG_IRQ, POL_CHG_DEL, POL_MARK_LOSS)->a.irq = *o;
	}
	for (u32 j = 0; j < b->n_irqs; j++)
		if (!used[j] && in_b(x, b->irqs[j].part))
			pol_diff_push(x, POL_CHG_IRQ, POL_CHG_ADD, POL_MARK_WIDEN)->b.irq =
			    b->irqs[j];
}

static void ports(struct pol_diff_ctx *x)
{
	const struct pp_policy *a = x->a, *b = x->b;
	bool used[PP_POL_MAX_PORTS] = {0};
	for (u32 i = 0; i < a->n_ports; i++) {
		const struct pp_pol_port *o = &a->ports[i], *n = NULL;
		if (!in_a(x, o->part))
			continue;
		for (u32 j = 0; j < b->n_ports && !n; j++)
			if (!used[j] && in_b(x, b->ports[j].part) && b->ports[j].base == o->base) {
				used[j] = true;
				n = &b->ports[j];
			}
		if (!n) {
			pol_diff_push(x, POL_CHG_PORT, POL_CHG_DEL, POL_MARK_LOSS)->a.port = *o;
		} else if (n->count != o->count) {
			struct pol_change *c =
			    pol_diff_push(x, POL_CHG_PORT, POL_CHG_MOD,
					  n->count > o->count ? POL_MARK_WIDEN : POL_MARK_LOSS);
			c->fields = POL_F_SIZE;
			c->a.port = *o;
			c->b.port = *n;
		}
	}
	for (u32 j = 0; j < b->n_ports; j++)
		if (!used[j] && in_b(x, b->ports[j].part))
			pol_diff_push(x, POL_CHG_PORT, POL_CHG_ADD, POL_MARK_WIDEN)->b.port =
			    b->ports[j];
}

/* A capability's target by name ("" unless control). */
static void cap_target(const struct pol_diff_ctx *x, bool side_b, const struct pp_pol_cap_ent *c,
		       char *buf)
{
	buf[0] = 0;
	if (c->cap == PP_POL_CAP_CONTROL || c->target)
		pol_diff_ref_name(x, side_b, c->target, buf, NAME_LEN);
}

static void caps(struct pol_diff_ctx *x)
{
	const struct pp_policy *a = x->a, *b = x->b;
	bool used[PP_POL_MAX_CAPS] = {0};
	char ta[NAME_LEN], tb[NAME_LEN];
	for (u32 i = 0; i < a->n_caps; i++) {
		const struct pp_pol_cap_ent *o = &a->caps[i];
		bool found = false;
		if (!in_a(x, o->part))
			continue;
		cap_target(x, false, o, ta);
		for (u32 j = 0; j < b->n_caps && !found; j++) {
			if (used[j] || !in_b(x, b->caps[j].part) || b->caps[j].cap != o->cap)
				continue;
			cap_target(x, true, &b->caps[j], tb);
			if (!strcmp(ta, tb))
				used[j] = found = true;
		}
		if (!found) {
			struct pol_change *c =
			    pol_diff_push(x, POL_CHG_CAP, POL_CHG_DEL, POL_MARK_LOSS);
			c->a.cap = *o;
			memcpy(c->other, ta, sizeof(c->other));
		}
	}
	for (u32 j = 0; j < b->n_caps; j++)
		if (!used[j] && in_b(x, b->caps[j].part)) {
			struct pol_change *c =
			    pol_diff_push(x, POL_CHG_CAP, POL_CHG_ADD, POL_MARK_WIDEN);
			c->b.cap = b->caps[j];
			cap_target(x, true, &b->caps[j], c->other);
		}
}

static void chans(struct pol_diff_ctx *x)
{
	const struct pp_policy *a = x->a, *b = x->b;
	bool used[PP_POL_MAX_CHANS] = {0};
	char pa[NAME_LEN], pb[NAME_LEN];
	for (u32 i = 0; i < a->n_chans; i++) {
		const struct pp_pol_chan *o = &a->chans[i], *n = NULL;
		if (!in_a(x, o->part))
			continue;
		for (u32 j = 0; j < b->n_chans && !n; j++)
			if (!used[j] && in_b(x, b->chans[j].part) &&
			    !strcmp(b->chans[j].name, o->name)) {
				used[j] = true;
				n = &b->chans[j];
			}
		pol_diff_ref_name(x, false, o->peer, pa, sizeof(pa));
		if (!n) {
			struct pol_change *c =
			    pol_diff_push(x, POL_CHG_CHAN, POL_CHG_DEL, POL_MARK_LOSS);
			c->a.chan = *o;
			memcpy(c->other, pa, sizeof(c->other));
			continue;
		}
		pol_diff_ref_name(x, true, n->peer, pb, sizeof(pb));
		u32 f = (strcmp(pa, pb) != 0 ? POL_F_PEER : 0) |
			(o->perm != n->perm ? POL_F_PERM : 0) |
			(o->size != n->size ? POL_F_SIZE : 0) | (o->gpa != n->gpa ? POL_F_GPA : 0);
		if (!f)
			continue;
		enum pol_chg_mark m = POL_MARK_OTHER;
		if (n->size > o->size)
			m = POL_MARK_GAIN;
		else if (n->size < o->size || more(n->perm, o->perm))
			m = POL_MARK_LOSS;
		if ((f & POL_F_PEER) || more(o->perm, n->perm))
			m = POL_MARK_WIDEN;
		struct pol_change *c = pol_diff_push(x, POL_CHG_CHAN, POL_CHG_MOD, m);
		c->fields = f;
		c->a.chan = *o;
		c->b.chan = *n;
		memcpy(c->other, pb, sizeof(c->other));
		memcpy(c->other_a, pa, sizeof(c->other_a));
	}
	for (u32 j = 0; j < b->n_chans; j++)
		if (!used[j] && in_b(x, b->chans[j].part)) {
			struct pol_change *c =
			    pol_diff_push(x, POL_CHG_CHAN, POL_CHG_ADD, POL_MARK_WIDEN);
			c->b.chan = b->chans[j];
			pol_diff_ref_name(x, true, b->chans[j].peer, c->other, sizeof(c->other));
		}
}

void pol_diff_tables(struct pol_diff_ctx *x)
{
	ram(x);
	mmio(x);
	cpus(x);
	devs(x);
	irqs(x);
	ports(x);
	caps(x);
	chans(x);
}
