// SPDX-License-Identifier: GPL-2.0-only
/*
 * The canonical source text of a model (compiler.h, pol_src_emit;
 * `parapet policy dump`). One model has one text: partitions by id, in
 * each the once-only statements in a fixed order, then its records table
 * by table in the binary's canonical order (pp_policy_sort), every key in
 * a fixed order; addresses in lowercase hex, sizes with the largest exact
 * K/M/G suffix, counts in decimal. Parsing the text gives the same model
 * back (tests/unit/test_policy_text_round.c, tests/fuzz/fuzz_policy_*.c).
 *
 * The model may come from an untrusted binary that was read but not
 * validated: every value is checked before it is spelled, and one with no
 * source form is refused with a message (nothing is guessed).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/compiler/compiler.h"
#include "policy/compiler/src_int.h"

struct out {
	char *b;
	size_t cap, len;
	bool full;
	char *msg;
	size_t msglen;
	int err;
};

__attribute__((format(printf, 2, 3))) static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->full || o->err)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(o->b + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->cap - o->len)
		o->full = true;
	else
		o->len += (size_t)n;
}

__attribute__((format(printf, 2, 3))) static void fail(struct out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->err)
		return;
	o->err = 1;
	va_start(ap, fmt);
	vsnprintf(o->msg, o->msglen, fmt, ap);
	va_end(ap);
}

static const char *size_str(u64 v, char *b, size_t cap)
{
	static const struct {
		char c;
		unsigned shift;
	} sfx[] = {{'G', 30}, {'M', 20}, {'K', 10}};
	for (u32 i = 0; v && i < 3; i++)
		if (!(v & ((1ull << sfx[i].shift) - 1))) {
			snprintf(b, cap, "%llu%c", (unsigned long long)(v >> sfx[i].shift),
				 sfx[i].c);
			return b;
		}
	snprintf(b, cap, "0x%llx", (unsigned long long)v);
	return b;
}

static const char *perm_str(struct out *o, u32 perm, char b[4])
{
	if (perm & ~PP_POL_PERM_MASK)
		fail(o, "permissions 0x%x: unknown bits (source form: [r-][w-][x-])", perm);
	b[0] = perm & PP_POL_R ? 'r' : '-';
	b[1] = perm & PP_POL_W ? 'w' : '-';
	b[2] = perm & PP_POL_X ? 'x' : '-';
	b[3] = 0;
	return b;
}

/* A name the lexer reads back as the same word. */
static bool word_ok(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return false;
	return n > 0;
}

/* A string the lexer reads back (printable, no '"' or '\'). */
static bool string_ok(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
			return false;
	return true;
}

static const char *pname(struct out *o, const struct pp_policy *p, u32 id, const char *what)
{
	const struct pp_pol_part *a = pp_policy_part(p, id);
	if (!a) {
		fail(o, "%s: no partition with id %u", what, id);
		return "?";
	}
	return a->name;
}

static void header(struct out *o, const struct pp_policy *p)
{
	if (!word_ok(p->name))
		fail(o, "policy name \"%.31s\": not a name of [A-Za-z0-9._-]", p->name);
	if (!string_ok(p->platform))
		fail(o, "platform binding: a character a source string cannot hold");
	put(o, "policy %s {\n", p->name);
	put(o, "    version %u\n    epoch %u\n    min-hypervisor %u\n", p->version, p->epoch,
	    p->min_hv);
	put(o, "    platform \"%s\"\n}\n", p->platform);
	bool signed_ = false;
	for (u32 i = 0; i < sizeof(p->key_id); i++)
		signed_ |= p->key_id[i] != 0;
	if (signed_) {
		put(o, "# signed with key id ");
		for (u32 i = 0; i < sizeof(p->key_id); i++)
			put(o, "%02x", p->key_id[i]);
		put(o, " (set by signing: not part of the source)\n");
	}
}

static void part_head(struct out *o, const struct pp_pol_part *a)
{
	char b[32];
	if (!word_ok(a->name))
		fail(o, "partition %u: name \"%.31s\" not a name of [A-Za-z0-9._-]", a->id,
		     a->name);
	if (!string_ok(a->image))
		fail(o, "partition %s: image name: a character a source string cannot hold",
		     a->name);
	if (a->mode != PP_POL_BOOT_LONG64 && a->mode != PP_POL_BOOT_REAL16 &&
	    a->mode != PP_POL_BOOT_LINUX64)
		fail(o, "partition %s: start mode %u has no source form", a->name, a->mode);
	put(o, "\npartition %s {\n    id %u\n    image \"%s\"\n    entry 0x%llx\n", a->name, a->id,
	    a->image, (unsigned long long)a->entry);
	put(o, "    boot %s\n",
	    a->mode == PP_POL_BOOT_REAL16    ? "real16"
	    : a->mode == PP_POL_BOOT_LINUX64 ? "linux64"
					     : "long64");
	if (a->cache_mask)
		snprintf(b, sizeof(b), "0x%x", a->cache_mask);
	put(o, "    cache-mask %s\n", a->cache_mask ? b : "none");
}

static void part_ram(struct out *o, const struct pp_policy *p, u32 id)
{
	char s[32], h[32], pm[4];
	for (u32 i = 0; i < p->n_ram; i++) {
		const struct pp_pol_ram *r = &p->ram[i];
		if (r->part != id)
			continue;
		if (r->flags & ~PP_POL_RAM_FLAGS)
			fail(o, "ram at 0x%llx: unknown flags 0x%x", (unsigned long long)r->gpa,
			     r->flags);
		if (!(r->flags & PP_POL_RAM_FIXED) && r->hpa)
			fail(o, "ram at 0x%llx: a host address without the fixed flag",
			     (unsigned long long)r->gpa);
		snprintf(h, sizeof(h), "0x%llx", (unsigned long long)r->hpa);
		put(o, "    ram gpa 0x%llx hpa %s size %s perm %s dma %s\n",
		    (unsigned long long)r->gpa, r->flags & PP_POL_RAM_FIXED ? h : "any",
		    size_str(r->size, s, sizeof(s)), perm_str(o, r->perm, pm),
		    r->flags & PP_POL_RAM_DMA ? "yes" : "no");
	}
	for (u32 i = 0; i < p->n_mmio; i++) {
		const struct pp_pol_mmio *m = &p->mmio[i];
		if (m->part == id)
			put(o, "    mmio hpa 0x%llx gpa 0x%llx size %s perm %s\n",
			    (unsigned long long)m->hpa, (unsigned long long)m->gpa,
			    size_str(m->size, s, sizeof(s)), perm_str(o, m->perm, pm));
	}
}

static void part_cpus(struct out *o, const struct pp_policy *p, u32 id)
{
	for (u32 i = 0; i < p->n_cpus; i++) {
		const struct pp_pol_cpu *c = &p->cpus[i];
		if (c->part != id)
			continue;
		if (c->mode == PP_POL_CPU_SHARED)
			put(o, "    cpu %u shared slice-us %u period-us %u\n", c->cpu, c->slice_us,
			    c->period_us);
		else if (c->mode == PP_POL_CPU_EXCLUSIVE && !c->slice_us && !c->period_us)
			put(o, "    cpu %u exclusive\n", c->cpu);
		else
			fail(o, "cpu %u: mode %u with slice %u/%u has no source form", c->cpu,
			     c->mode, c->slice_us, c->period_us);
	}
	for (u32 i = 0; i < p->n_devs; i++) {
		const struct pp_pol_dev *d = &p->devs[i];
		if (d->part != id)
			continue;
		if (d->on_fault != PP_POL_FAULT_LOG && d->on_fault != PP_POL_FAULT_STOP)
			fail(o, "device %04x:%02x:%02x.%u: fault action %u has no source form",
			     d->seg, d->bus, d->devfn >> 3, d->devfn & 7u, d->on_fault);
		else
			put(o, "    device %04x:%02x:%02x.%u iommu %u on-fault %s\n", d->seg,
			    d->bus, d->devfn >> 3, d->devfn & 7u, d->iommu,
			    d->on_fault == PP_POL_FAULT_STOP ? "stop" : "log");
	}
	for (u32 i = 0; i < p->n_irqs; i++)
		if (p->irqs[i].part == id)
			put(o, "    irq gsi %u\n", p->irqs[i].gsi);
	for (u32 i = 0; i < p->n_ports; i++)
		if (p->ports[i].part == id)
			put(o, "    ioport base 0x%x count %u\n", p->ports[i].base,
			    p->ports[i].count);
}

static void part_rights(struct out *o, const struct pp_policy *p, u32 id)
{
	char s[32], pm[4];
	for (u32 i = 0; i < p->n_caps; i++) {
		const struct pp_pol_cap_ent *c = &p->caps[i];
		const char *n = src_cap_name(c->cap);
		if (c->part != id)
			continue;
		if (!n)
			fail(o, "capability %u has no source form", c->cap);
		else if (c->cap == PP_POL_CAP_CONTROL)
			put(o, "    capability control %s\n", pname(o, p, c->target, "control"));
		else if (c->target)
			fail(o, "capability %s with a target (%u)", n, c->target);
		else
			put(o, "    capability %s\n", n);
	}
	for (u32 i = 0; i < p->n_chans; i++) {
		const struct pp_pol_chan *c = &p->chans[i];
		if (c->part != id)
			continue;
		if (!word_ok(c->name))
			fail(o, "channel \"%.31s\": not a name of [A-Za-z0-9._-]", c->name);
		put(o, "    channel %s peer %s perm %s gpa 0x%llx size %s\n", c->name,
		    pname(o, p, c->peer, "channel peer"), perm_str(o, c->perm, pm),
		    (unsigned long long)c->gpa, size_str(c->size, s, sizeof(s)));
	}
}

/* Every record's owner names one partition, and ids and names are unique. */
static void owners(struct out *o, const struct pp_policy *p)
{
	const u32 n[] = {p->n_ram,  p->n_mmio,	p->n_cpus, p->n_devs,
			 p->n_irqs, p->n_ports, p->n_caps, p->n_chans};
	u32 total = 0, seen = 0;
	for (u32 i = 0; i < p->n_parts; i++)
		for (u32 j = 0; j < i; j++)
			if (p->parts[j].id == p->parts[i].id ||
			    strcmp(p->parts[j].name, p->parts[i].name) == 0)
				fail(o, "partitions %u and %u share an id or a name", j, i);
	for (u32 i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		total += n[i];
#define COUNT(tbl, cnt)                                                                            \
	for (u32 i = 0; i < p->cnt; i++)                                                           \
		seen += pp_policy_part(p, p->tbl[i].part) != NULL;
	COUNT(ram, n_ram)
	COUNT(mmio, n_mmio)
	COUNT(cpus, n_cpus)
	COUNT(devs, n_devs)
	COUNT(irqs, n_irqs)
	COUNT(ports, n_ports)
	COUNT(caps, n_caps)
	COUNT(chans, n_chans)
#undef COUNT
	if (seen != total)
		fail(o, "%u record(s) owned by no partition", total - seen);
}

static bool counts_ok(const struct pp_policy *p)
{
	return p->n_parts <= PP_POL_MAX_PARTS && p->n_ram <= PP_POL_MAX_RAM &&
	       p->n_mmio <= PP_POL_MAX_MMIO && p->n_cpus <= PP_POL_MAX_CPUS &&
	       p->n_devs <= PP_POL_MAX_DEVS && p->n_irqs <= PP_POL_MAX_IRQS &&
	       p->n_ports <= PP_POL_MAX_PORTS && p->n_caps <= PP_POL_MAX_CAPS &&
	       p->n_chans <= PP_POL_MAX_CHANS;
}

int pol_src_emit(const struct pp_policy *in, char *buf, size_t cap, size_t *len, char *msg,
		 size_t msglen)
{
	struct out o = {buf, cap, 0, false, msg, msglen, 0};
	struct pp_policy *p;
	if (!cap || !counts_ok(in)) {
		snprintf(msg, msglen, "no room for the text, or a table over its capacity");
		return -1;
	}
	p = malloc(sizeof(*p));
	if (!p) {
		snprintf(msg, msglen, "out of memory");
		return -1;
	}
	memcpy(p, in, sizeof(*p));
	/* strings NUL-terminated within their fields whatever the input */
	p->name[PP_POL_NAME_MAX] = 0;
	p->platform[PP_POL_PLATFORM_MAX] = 0;
	for (u32 i = 0; i < p->n_parts; i++) {
		p->parts[i].name[PP_POL_NAME_MAX] = 0;
		p->parts[i].image[PP_POL_IMAGE_MAX] = 0;
	}
	for (u32 i = 0; i < p->n_chans; i++)
		p->chans[i].name[PP_POL_NAME_MAX] = 0;
	pp_policy_sort(p);
	buf[0] = 0;
	owners(&o, p);
	header(&o, p);
	for (u32 i = 0; i < p->n_parts; i++) {
		part_head(&o, &p->parts[i]);
		part_ram(&o, p, p->parts[i].id);
		part_cpus(&o, p, p->parts[i].id);
		part_rights(&o, p, p->parts[i].id);
		put(&o, "}\n");
	}
	free(p);
	if (!o.err && o.full)
		snprintf(msg, msglen, "the text does not fit in %zu bytes", cap);
	if (o.err || o.full)
		return -1;
	*len = o.len;
	return 0;
}
