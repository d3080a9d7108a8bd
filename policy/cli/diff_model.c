// SPDX-License-Identifier: GPL-2.0-only
/*
 * pol_diff (diff.h): the header's changes, partition matching (by name; an
 * unmatched pair with the same id is a rename; records whose owner is not
 * a partition are filed under "(id N)"), each partition's own fields, then
 * its tables (diff_part.c), and the order a reviewer reads them in.
 * Works on sorted copies, so the tables' order in A and B never matters;
 * A and B are unvalidated and never changed.
 */
#include <stdlib.h>
#include <string.h>
#include "policy/cli/diff_int.h"

#define POL_MAX_SLOTS (2u * PP_POL_MAX_PARTS + 2u * 9u * PP_POL_MAX_RAM)

struct pol_diff_work {
	struct pp_policy a, b;
	struct pol_slot slots[POL_MAX_SLOTS];
	u32 n_slots;
};

struct pol_change *pol_diff_push(struct pol_diff_ctx *x, enum pol_chg_what what, enum pol_chg_op op,
				 enum pol_chg_mark mark)
{
	static struct pol_change sink;
	if (x->out->n >= POL_DIFF_MAX) {
		memset(&sink, 0, sizeof(sink));
		return &sink;
	}
	struct pol_change *c = &x->out->c[x->out->n++];
	memset(c, 0, sizeof(*c));
	c->what = what;
	c->op = op;
	c->mark = mark;
	if (x->s)
		snprintf(c->part, sizeof(c->part), "%s", x->s->name);
	return c;
}

void pol_diff_ref_name(const struct pol_diff_ctx *x, bool side_b, u32 id, char *buf, size_t len)
{
	for (u32 i = 0; i < x->n_slots; i++) {
		const struct pol_slot *s = &x->slots[i];
		if ((s->ai >= 0 || s->bi >= 0) &&
		    (side_b ? s->has_b && s->b_id == id : s->has_a && s->a_id == id)) {
			snprintf(buf, len, "%s", s->name);
			return;
		}
	}
	snprintf(buf, len, "(id %u)", id);
}

char pol_mark_char(enum pol_chg_mark m)
{
	switch (m) {
	case POL_MARK_WIDEN: return '!';
	case POL_MARK_GAIN: return '+';
	case POL_MARK_LOSS: return '-';
	case POL_MARK_OTHER: break;
	}
	return '~';
}

static void header(struct pol_diff_ctx *x)
{
	const struct pp_policy *a = x->a, *b = x->b;
	struct pol_change *c;
	if (strcmp(a->name, b->name) != 0) {
		c = pol_diff_push(x, POL_CHG_NAME, POL_CHG_MOD, POL_MARK_OTHER);
		snprintf(c->a.str, sizeof(c->a.str), "%s", a->name);
		snprintf(c->b.str, sizeof(c->b.str), "%s", b->name);
	}
	if (a->version != b->version) {
		c = pol_diff_push(x, POL_CHG_VERSION, POL_CHG_MOD, POL_MARK_OTHER);
		c->a.u = a->version;
		c->b.u = b->version;
	}
	/* A's epoch is the floor a host that ran A keeps: B must be above it. */
	if (a->epoch != b->epoch) {
		c = pol_diff_push(x, POL_CHG_EPOCH, POL_CHG_MOD,
				  b->epoch < a->epoch ? POL_MARK_WIDEN : POL_MARK_OTHER);
		c->fields = b->epoch < a->epoch ? POL_F_EPOCH_NOT_UP : 0;
		c->a.u = a->epoch;
		c->b.u = b->epoch;
	}
	if (strcmp(a->platform, b->platform) != 0) {
		c = pol_diff_push(x, POL_CHG_PLATFORM, POL_CHG_MOD, POL_MARK_OTHER);
		snprintf(c->a.str, sizeof(c->a.str), "%s", a->platform);
		snprintf(c->b.str, sizeof(c->b.str), "%s", b->platform);
	}
	if (a->min_hv != b->min_hv) {
		c = pol_diff_push(x, POL_CHG_MIN_HV, POL_CHG_MOD,
				  b->min_hv < a->min_hv ? POL_MARK_WIDEN : POL_MARK_OTHER);
		c->a.u = a->min_hv;
		c->b.u = b->min_hv;
	}
}

/*
 * Any change under an unchanged epoch: a host that ran A still accepts A
 * after B (a rollback the TPM floor cannot stop). Goes after the name and
 * version records, where a changed epoch would be.
 */
static void epoch_kept(struct pol_diff_ctx *x)
{
	struct pol_diff *d = x->out;
	if (!d->n || x->a->epoch != x->b->epoch || d->n >= POL_DIFF_MAX)
		return;
	u32 at = 0;
	while (at < d->n && !d->c[at].part[0] && d->c[at].what < POL_CHG_EPOCH)
		at++;
	memmove(&d->c[at + 1], &d->c[at], (d->n - at) * sizeof(d->c[0]));
	d->n++;
	struct pol_change *c = &d->c[at];
	memset(c, 0, sizeof(*c));
	c->what = POL_CHG_EPOCH;
	c->op = POL_CHG_MOD;
	c->mark = POL_MARK_WIDEN;
	c->fields = POL_F_EPOCH_NOT_UP;
	c->a.u = x->a->epoch;
	c->b.u = x->b->epoch;
}

static struct pol_slot *slot_add(struct pol_diff_work *w, const char *name)
{
	if (w->n_slots >= POL_MAX_SLOTS)
		return NULL;
	struct pol_slot *s = &w->slots[w->n_slots++];
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->a_id = s->b_id = 0;
	s->has_a = s->has_b = false;
	s->ai = s->bi = -1;
	return s;
}

static bool is_part(const struct pp_policy *p, u32 id)
{
	for (u32 i = 0; i < p->n_parts; i++)
		if (p->parts[i].id == id)
			return true;
	return false;
}

/* An owner id without a partition: one "(id N)" slot, shared by both sides. */
static void orphan(struct pol_diff_work *w, u32 id, bool side_b)
{
	const struct pp_policy *p = side_b ? &w->b : &w->a;
	char name[PP_POL_NAME_MAX + 8];
	if (is_part(p, id))
		return;
	snprintf(name, sizeof(name), "(id %u)", id);
	struct pol_slot *s = NULL;
	for (u32 i = 0; i < w->n_slots && !s; i++)
		if (w->slots[i].ai < 0 && w->slots[i].bi < 0 && !strcmp(w->slots[i].name, name))
			s = &w->slots[i];
	if (!s && !(s = slot_add(w, name)))
		return;
	if (side_b) {
		s->b_id = id;
		s->has_b = true;
	} else {
		s->a_id = id;
		s->has_a = true;
	}
}

static void orphans(struct pol_diff_work *w, bool side_b)
{
	const struct pp_policy *p = side_b ? &w->b : &w->a;
	for (u32 i = 0; i < p->n_ram; i++)
		orphan(w, p->ram[i].part, side_b);
	for (u32 i = 0; i < p->n_mmio; i++)
		orphan(w, p->mmio[i].part, side_b);
	for (u32 i = 0; i < p->n_cpus; i++)
		orphan(w, p->cpus[i].part, side_b);
	for (u32 i = 0; i < p->n_devs; i++)
		orphan(w, p->devs[i].part, side_b);
	for (u32 i = 0; i < p->n_irqs; i++)
		orphan(w, p->irqs[i].part, side_b);
	for (u32 i = 0; i < p->n_ports; i++)
		orphan(w, p->ports[i].part, side_b);
	for (u32 i = 0; i < p->n_caps; i++)
		orphan(w, p->caps[i].part, side_b);
	for (u32 i = 0; i < p->n_chans; i++)
		orphan(w, p->chans[i].part, side_b);
}

static void match(struct pol_diff_work *w)
{
	for (u32 i = 0; i < w->a.n_parts; i++) {
		struct pol_slot *s = slot_add(w, w->a.parts[i].name);
		if (!s)
			return;
		s->ai = (int)i;
		s->a_id = w->a.parts[i].id;
		s->has_a = true;
	}
	for (u32 j = 0; j < w->b.n_parts; j++) {
		struct pol_slot *s = NULL;
		for (u32 k = 0; k < w->n_slots && !s; k++)
			if (w->slots[k].ai >= 0 && w->slots[k].bi < 0 &&
			    !strcmp(w->slots[k].name, w->b.parts[j].name))
				s = &w->slots[k];
		if (!s)
			s = slot_add(w, w->b.parts[j].name);
		if (!s)
			return;
		s->bi = (int)j;
		s->b_id = w->b.parts[j].id;
		s->has_b = true;
	}
	/* Renames: an A-only and a B-only partition with the same id. */
	for (u32 k = 0; k < w->n_slots; k++) {
		struct pol_slot *s = &w->slots[k];
		if (s->ai < 0 || s->bi >= 0)
			continue;
		for (u32 m = 0; m < w->n_slots; m++) {
			struct pol_slot *t = &w->slots[m];
			if (t->ai < 0 && t->bi >= 0 && t->b_id == s->a_id) {
				s->bi = t->bi;
				s->b_id = t->b_id;
				s->has_b = true;
				snprintf(s->name, sizeof(s->name), "%s", t->name);
				w->slots[m] = w->slots[--w->n_slots];
				break;
			}
		}
	}
	orphans(w, false);
	orphans(w, true);
}

/* Slot order: in B (by name), only in A (by name), orphans (by name). */
static int slot_rank(const struct pol_slot *s)
{
	return s->bi >= 0 ? 0 : s->ai >= 0 ? 1 : 2;
}

static int slot_cmp(const void *x, const void *y)
{
	const struct pol_slot *s = x, *t = y;
	int r = slot_rank(s) - slot_rank(t);
	if (!r)
		r = strcmp(s->name, t->name);
	if (!r && s->b_id != t->b_id)
		r = s->b_id < t->b_id ? -1 : 1;
	if (!r && s->a_id != t->a_id)
		r = s->a_id < t->a_id ? -1 : 1;
	return r;
}

static void part_fields(struct pol_diff_ctx *x)
{
	const struct pol_slot *s = x->s;
	struct pol_change *c;
	if (s->ai < 0 && s->bi < 0)
		return;
	if (s->ai < 0 || s->bi < 0) {
		bool add = s->ai < 0;
		c = pol_diff_push(x, POL_CHG_PART, add ? POL_CHG_ADD : POL_CHG_DEL,
				  add ? POL_MARK_WIDEN : POL_MARK_LOSS);
		c->a.u = add ? 0 : s->a_id;
		c->b.u = add ? s->b_id : 0;
		return;
	}
	const struct pp_pol_part *pa = &x->a->parts[s->ai], *pb = &x->b->parts[s->bi];
	if (strcmp(pa->name, pb->name) != 0) {
		c = pol_diff_push(x, POL_CHG_PART_RENAME, POL_CHG_MOD, POL_MARK_OTHER);
		snprintf(c->a.str, sizeof(c->a.str), "%s", pa->name);
		snprintf(c->b.str, sizeof(c->b.str), "%s", pb->name);
	}
	if (pa->id != pb->id) {
		c = pol_diff_push(x, POL_CHG_PART_ID, POL_CHG_MOD, POL_MARK_OTHER);
		c->a.u = pa->id;
		c->b.u = pb->id;
	}
	if (strcmp(pa->image, pb->image) != 0) {
		c = pol_diff_push(x, POL_CHG_PART_IMAGE, POL_CHG_MOD, POL_MARK_OTHER);
		snprintf(c->a.str, sizeof(c->a.str), "%s", pa->image);
		snprintf(c->b.str, sizeof(c->b.str), "%s", pb->image);
	}
	if (pa->entry != pb->entry) {
		c = pol_diff_push(x, POL_CHG_PART_ENTRY, POL_CHG_MOD, POL_MARK_OTHER);
		c->a.addr = pa->entry;
		c->b.addr = pb->entry;
	}
	if (pa->mode != pb->mode) {
		c = pol_diff_push(x, POL_CHG_PART_MODE, POL_CHG_MOD, POL_MARK_OTHER);
		c->a.u = pa->mode;
		c->b.u = pb->mode;
	}
	if (pa->cache_mask != pb->cache_mask) {
		/* No mask: the default class, which overlaps every other one. */
		u32 o = pa->cache_mask, n = pb->cache_mask;
		enum pol_chg_mark m = POL_MARK_OTHER;
		if (!n)
			m = POL_MARK_WIDEN;
		else if (!o || !(n & ~o))
			m = POL_MARK_LOSS; /* now confined, or to fewer ways */
		else if (!(o & ~n))
			m = POL_MARK_GAIN;
		c = pol_diff_push(x, POL_CHG_PART_CACHE, POL_CHG_MOD, m);
		c->a.u = o;
		c->b.u = n;
	}
}

static u64 change_key(const struct pol_change *c)
{
	const union pol_chg_val *v = c->op == POL_CHG_ADD ? &c->b : &c->a;
	switch (c->what) {
	case POL_CHG_RAM: return v->ram.gpa;
	case POL_CHG_MMIO: return v->mmio.hpa;
	case POL_CHG_CPU: return v->cpu.cpu;
	case POL_CHG_DEV: return (u64)v->dev.seg << 16 | (u64)v->dev.bus << 8 | v->dev.devfn;
	case POL_CHG_IRQ: return v->irq.gsi;
	case POL_CHG_PORT: return v->port.base;
	case POL_CHG_CAP: return v->cap.cap;
	default: return 0;
	}
}

static int change_cmp(const struct pol_change *x, const struct pol_change *y)
{
	if (x->mark != y->mark)
		return (int)x->mark - (int)y->mark;
	if (x->what != y->what)
		return (int)x->what - (int)y->what;
	u64 kx = change_key(x), ky = change_key(y);
	if (kx != ky)
		return kx < ky ? -1 : 1;
	return strcmp(
	    x->what == POL_CHG_CHAN ? (x->op == POL_CHG_ADD ? x->b.chan.name : x->a.chan.name)
				    : x->other,
	    y->what == POL_CHG_CHAN ? (y->op == POL_CHG_ADD ? y->b.chan.name : y->a.chan.name)
				    : y->other);
}

/* Stable insertion sort of out->c[from, n). */
static void order(struct pol_diff *d, u32 from)
{
	static struct pol_change tmp;
	for (u32 i = from + 1; i < d->n; i++) {
		u32 j = i;
		tmp = d->c[i];
		while (j > from && change_cmp(&d->c[j - 1], &tmp) > 0) {
			d->c[j] = d->c[j - 1];
			j--;
		}
		d->c[j] = tmp;
	}
}

/* Counts within the tables (the reader refuses more; a caller's model may not). */
static void clamp(struct pp_policy *p)
{
#define CLAMP(n, max) (n) = (n) > (max) ? (max) : (n)
	CLAMP(p->n_parts, PP_POL_MAX_PARTS);
	CLAMP(p->n_ram, PP_POL_MAX_RAM);
	CLAMP(p->n_mmio, PP_POL_MAX_MMIO);
	CLAMP(p->n_cpus, PP_POL_MAX_CPUS);
	CLAMP(p->n_devs, PP_POL_MAX_DEVS);
	CLAMP(p->n_irqs, PP_POL_MAX_IRQS);
	CLAMP(p->n_ports, PP_POL_MAX_PORTS);
	CLAMP(p->n_caps, PP_POL_MAX_CAPS);
	CLAMP(p->n_chans, PP_POL_MAX_CHANS);
#undef CLAMP
}

int pol_diff(const struct pp_policy *a, const struct pp_policy *b, struct pol_diff *out)
{
	struct pol_diff_work *w = calloc(1, sizeof(*w));
	out->n = 0;
	if (!w)
		return -1;
	w->a = *a;
	w->b = *b;
	clamp(&w->a);
	clamp(&w->b);
	pp_policy_sort(&w->a);
	pp_policy_sort(&w->b);
	struct pol_diff_ctx x = {&w->a, &w->b, out, NULL, w->slots, 0};
	header(&x);
	match(w);
	qsort(w->slots, w->n_slots, sizeof(w->slots[0]), slot_cmp);
	x.n_slots = w->n_slots;
	for (u32 k = 0; k < w->n_slots; k++) {
		u32 from = out->n;
		x.s = &w->slots[k];
		part_fields(&x);
		pol_diff_tables(&x);
		order(out, from);
	}
	epoch_kept(&x);
	free(w);
	return 0;
}
