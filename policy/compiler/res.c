// SPDX-License-Identifier: GPL-2.0-only
/*
 * The resource statements of a partition block (docs/policy.md,
 * "Resources"): ram, mmio, cpu, device, irq, ioport, capability, channel.
 * Each is one line: a keyword, for some a leading value, then `key value`
 * pairs in any order. Every key is required exactly once (nothing that
 * matters for isolation is defaulted), except a device's `on-fault`, which
 * says how the hypervisor reacts to a blocked DMA (default `log`); an
 * unknown or repeated key, a missing one or a full table is refused at its
 * line and column. Names of
 * other partitions are recorded and resolved when the file is complete.
 */
#include <stdio.h>
#include <string.h>
#include "policy/compiler/src_int.h"

enum fkind { F_NUM, F_SIZE, F_HPA, F_PERM, F_YESNO, F_U32, F_FAULT, F_NAME };

struct field {
	const char *key;
	u8 kind;	  /* enum fkind */
	bool optional;	  /* may be left out (the caller's default) */
	const char *form; /* for "lacks" messages */
};

struct fval {
	u64 num;
	struct src_tok at, val; /* the key, the value */
	u32 u;
	bool seen, any, yes;
	char name[PP_POL_NAME_MAX + 1];
};

#define MAXF 6u

static int value(struct src *s, const struct field *f, struct fval *v)
{
	const struct src_tok *t = &s->tok;
	switch (f->kind) {
	case F_NUM: return src_u64(s, t, true, ~0ull, f->key, &v->num);
	case F_SIZE: return src_u64(s, t, true, ~0ull, f->key, &v->num);
	case F_HPA:
		if (src_is(t, "any")) {
			v->any = true;
			return 0;
		}
		return src_u64(s, t, true, ~0ull, "hpa ('any' or an address)", &v->num);
	case F_PERM: return src_perm(s, t, &v->u);
	case F_YESNO: return src_yesno(s, t, f->key, &v->yes);
	case F_U32: return src_u32(s, t, 0xffffffffu, f->key, &v->u);
	case F_FAULT: {
		char b[SRC_WORD_MAX + 8];
		if (src_is(t, "log") || src_is(t, "stop")) {
			v->u = src_is(t, "stop") ? PP_POL_FAULT_STOP : PP_POL_FAULT_LOG;
			return 0;
		}
		return src_err(s, t, "%s: expected 'log' or 'stop', found %s", f->key,
			       src_show(t, b, sizeof(b)));
	}
	default: return src_name(s, t, f->key, v->name, sizeof(v->name));
	}
}

/* `key value` pairs up to the end of the statement (what: its name for messages). */
static int fields(struct src *s, const struct src_tok *kw, const char *what, const struct field *f,
		  u32 n, struct fval *v)
{
	char b[SRC_WORD_MAX + 8];
	memset(v, 0, sizeof(*v) * MAXF);
	while (s->tok.kind == TK_WORD) {
		u32 i = 0;
		while (i < n && !src_is(&s->tok, f[i].key))
			i++;
		if (i == n) {
			char keys[160] = "";
			for (u32 k = 0; k < n; k++)
				snprintf(keys + strlen(keys), sizeof(keys) - strlen(keys), "%s%s",
					 k ? ", " : "", f[k].key);
			return src_err(s, &s->tok, "unknown key %s in '%s' (expected %s)",
				       src_show(&s->tok, b, sizeof(b)), what,
				       n ? keys : "the end of the line");
		}
		if (v[i].seen)
			return src_err(s, &s->tok, "duplicate key '%s' in '%s' (first at %u:%u)",
				       f[i].key, what, v[i].at.line, v[i].at.col);
		v[i].seen = true;
		v[i].at = s->tok;
		if (src_next(s))
			return -1;
		v[i].val = s->tok;
		if (value(s, &f[i], &v[i]) || src_next(s))
			return -1;
	}
	if (s->tok.kind != TK_NL && s->tok.kind != TK_RBRACE && s->tok.kind != TK_EOF)
		return src_err(s, &s->tok,
			       "expected a key of '%s' or the end of the line, found %s", what,
			       src_show(&s->tok, b, sizeof(b)));
	for (u32 i = 0; i < n; i++)
		if (!v[i].seen && !f[i].optional)
			return src_err(s, kw, "'%s' lacks the required key '%s' (%s %s)", what,
				       f[i].key, f[i].key, f[i].form);
	return 0;
}

static int full(struct src *s, const struct src_tok *kw, u32 n, u32 max, const char *what)
{
	if (n < max)
		return 0;
	return src_err(s, kw, "more than %u %s (the most a policy holds)", max, what);
}

/* Room: full() has bounded the capabilities and channels that refer. */
static int ref(struct src *s, u32 *slot, const struct src_tok *t)
{
	s->refs[s->n_refs].slot = slot;
	s->refs[s->n_refs].tok = *t;
	s->n_refs++;
	return 0;
}

static const struct field ram_f[] = {
    {"gpa", F_NUM, false, "ADDRESS: guest-physical base"},
    {"hpa", F_HPA, false, "any|ADDRESS: placed by the hypervisor, or fixed host-physical base"},
    {"size", F_SIZE, false, "SIZE"},
    {"perm", F_PERM, false, "rwx|rw-|r-x|r--|...: the partition's access"},
    {"dma", F_YESNO, false, "yes|no: may the partition's devices DMA into it"},
};

static int ram(struct src *s, const struct src_tok *kw, u32 part)
{
	struct pp_policy *p = s->p;
	struct fval v[MAXF];
	if (full(s, kw, p->n_ram, PP_POL_MAX_RAM, "ram ranges") ||
	    fields(s, kw, "ram", ram_f, 5, v))
		return -1;
	struct pp_pol_ram *r = &p->ram[p->n_ram++];
	*r = (struct pp_pol_ram){.part = part, .perm = v[3].u, .gpa = v[0].num, .size = v[2].num};
	r->flags = (v[4].yes ? PP_POL_RAM_DMA : 0) | (v[1].any ? 0 : PP_POL_RAM_FIXED);
	r->hpa = v[1].any ? 0 : v[1].num;
	return 0;
}

static const struct field mmio_f[] = {
    {"hpa", F_NUM, false, "ADDRESS: host-physical base of the device registers"},
    {"gpa", F_NUM, false, "ADDRESS: where the partition sees them"},
    {"size", F_SIZE, false, "SIZE"},
    {"perm", F_PERM, false, "rw-|r--: the partition's access"},
};

static int mmio(struct src *s, const struct src_tok *kw, u32 part)
{
	struct pp_policy *p = s->p;
	struct fval v[MAXF];
	if (full(s, kw, p->n_mmio, PP_POL_MAX_MMIO, "mmio ranges") ||
	    fields(s, kw, "mmio", mmio_f, 4, v))
		return -1;
	p->mmio[p->n_mmio++] = (struct pp_pol_mmio){
	    .part = part, .perm = v[3].u, .hpa = v[0].num, .gpa = v[1].num, .size = v[2].num};
	return 0;
}

static const struct field shared_f[] = {
    {"slice-us", F_U32, false, "MICROSECONDS: this partition's share of each period"},
    {"period-us", F_U32, false, "MICROSECONDS: the period all sharers of the CPU use"},
};

/* cpu N exclusive | cpu N shared slice-us S period-us P */
static int cpu(struct src *s, const struct src_tok *kw, u32 part)
{
	struct pp_policy *p = s->p;
	struct fval v[MAXF];
	char b[SRC_WORD_MAX + 8];
	u32 n;
	if (full(s, kw, p->n_cpus, PP_POL_MAX_CPUS, "cpu entries") ||
	    src_u32(s, &s->tok, 0xffffffffu, "cpu (its number in MADT order)", &n) || src_next(s))
		return -1;
	struct pp_pol_cpu c = {.part = part, .cpu = n};
	if (src_is(&s->tok, "exclusive")) {
		c.mode = PP_POL_CPU_EXCLUSIVE;
		if (src_next(s) || fields(s, kw, "cpu exclusive", shared_f, 0, v))
			return -1;
	} else if (src_is(&s->tok, "shared")) {
		c.mode = PP_POL_CPU_SHARED;
		if (src_next(s) || fields(s, kw, "cpu shared", shared_f, 2, v))
			return -1;
		c.slice_us = v[0].u;
		c.period_us = v[1].u;
	} else {
		return src_err(s, &s->tok, "cpu: expected 'exclusive' or 'shared', found %s",
			       src_show(&s->tok, b, sizeof(b)));
	}
	p->cpus[p->n_cpus++] = c;
	return 0;
}

static const struct field dev_f[] = {
    {"iommu", F_U32, false, "N: the index of the IOMMU unit whose scope covers it"},
    {"on-fault", F_FAULT, true, "log|stop: on a blocked DMA, log it only or also stop the owner"},
};

static int device(struct src *s, const struct src_tok *kw, u32 part)
{
	struct pp_policy *p = s->p;
	struct fval v[MAXF];
	struct pp_pol_dev d = {.part = part};
	if (full(s, kw, p->n_devs, PP_POL_MAX_DEVS, "devices") ||
	    src_bdf(s, &s->tok, &d.seg, &d.bus, &d.devfn) || src_next(s) ||
	    fields(s, kw, "device", dev_f, 2, v))
		return -1;
	d.iommu = v[0].u;
	d.on_fault = v[1].seen ? v[1].u : PP_POL_FAULT_LOG;
	p->devs[p->n_devs++] = d;
	return 0;
}

static const struct field irq_f[] = {
    {"gsi", F_U32, false, "N: the global system interrupt"},
};

static int irq(struct src *s, const struct src_tok *kw, u32 part)
{
	struct pp_policy *p = s->p;
	struct fval v[MAXF];
	if (full(s, kw, p->n_irqs, PP_POL_MAX_IRQS, "interrupts") ||
	    fields(s, kw, "irq", irq_f, 1, v))
		return -1;
	p->irqs[p->n_irqs++] = (struct pp_pol_irq){.part = part, .gsi = v[0].u};
	return 0;
}

static const struct field port_f[] = {
    {"base", F_U32, false, "PORT: the first I/O port"},
    {"count", F_U32, false, "N: how many ports"},
};

static int ioport(struct src *s, const struct src_tok *kw, u32 part)
{
	struct pp_policy *p = s->p;
	struct fval v[MAXF];
	if (full(s, kw, p->n_ports, PP_POL_MAX_PORTS, "ioport ranges") ||
	    fields(s, kw, "ioport", port_f, 2, v))
		return -1;
	p->ports[p->n_ports++] =
	    (struct pp_pol_port){.part = part, .base = v[0].u, .count = v[1].u};
	return 0;
}

static const char *const cap_names[PP_POL_CAP_COUNT] = {
    [PP_POL_CAP_CONSOLE] = "console",
    [PP_POL_CAP_TPM] = "tpm",
    [PP_POL_CAP_EVENTLOG_READ] = "eventlog-read",
    [PP_POL_CAP_FAULTLOG_READ] = "faultlog-read",
    [PP_POL_CAP_CONTROL] = "control",
};

const char *src_cap_name(u32 cap)
{
	return cap && cap < PP_POL_CAP_COUNT ? cap_names[cap] : NULL;
}

/* capability console|tpm|eventlog-read|faultlog-read|control PARTITION */
static int capability(struct src *s, const struct src_tok *kw, u32 part)
{
	struct pp_policy *p = s->p;
	struct fval v[MAXF];
	char b[SRC_WORD_MAX + 8];
	u32 c = 1;
	if (full(s, kw, p->n_caps, PP_POL_MAX_CAPS, "capabilities"))
		return -1;
	while (c < PP_POL_CAP_COUNT && !src_is(&s->tok, cap_names[c]))
		c++;
	if (c == PP_POL_CAP_COUNT)
		return src_err(s, &s->tok,
			       "capability: expected console, tpm, eventlog-read, faultlog-read "
			       "or control PARTITION, found %s",
			       src_show(&s->tok, b, sizeof(b)));
	struct pp_pol_cap_ent *e = &p->caps[p->n_caps];
	*e = (struct pp_pol_cap_ent){.part = part, .cap = c};
	if (src_next(s))
		return -1;
	if (c == PP_POL_CAP_CONTROL) {
		if (src_name(s, &s->tok, "capability control (the partition it controls)",
			     v[0].name, sizeof(v[0].name)) ||
		    ref(s, &e->target, &s->tok) || src_next(s))
			return -1;
	}
	if (fields(s, kw, c == PP_POL_CAP_CONTROL ? "capability control" : "capability", irq_f, 0,
		   v))
		return -1;
	p->n_caps++;
	return 0;
}

static const struct field chan_f[] = {
    {"peer", F_NAME, false, "PARTITION: the other end"},
    {"perm", F_PERM, false, "rw-|r--: this end's access"},
    {"gpa", F_NUM, false, "ADDRESS: where this end sees the shared memory"},
    {"size", F_SIZE, false, "SIZE: the same at both ends"},
};

/* channel NAME peer PARTITION perm P gpa A size S */
static int channel(struct src *s, const struct src_tok *kw, u32 part)
{
	struct pp_policy *p = s->p;
	struct fval v[MAXF];
	if (full(s, kw, p->n_chans, PP_POL_MAX_CHANS, "channel ends"))
		return -1;
	struct pp_pol_chan *c = &p->chans[p->n_chans];
	memset(c, 0, sizeof(*c));
	if (src_name(s, &s->tok, "channel", c->name, sizeof(c->name)) || src_next(s) ||
	    fields(s, kw, "channel", chan_f, 4, v))
		return -1;
	c->part = part;
	c->perm = v[1].u;
	c->gpa = v[2].num;
	c->size = v[3].num;
	ref(s, &c->peer, &v[0].val);
	p->n_chans++;
	return 0;
}

static const struct {
	const char *kw;
	int (*fn)(struct src *s, const struct src_tok *kw, u32 part);
} stmts[] = {
    {"ram", ram},
    {"mmio", mmio},
    {"cpu", cpu},
    {"device", device},
    {"irq", irq},
    {"ioport", ioport},
    {"capability", capability},
    {"channel", channel},
};

bool src_is_resource(const struct src_tok *t)
{
	for (u32 i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++)
		if (src_is(t, stmts[i].kw))
			return true;
	return false;
}

int src_resource(struct src *s, u32 part)
{
	struct src_tok kw = s->tok;
	for (u32 i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++)
		if (src_is(&kw, stmts[i].kw))
			return src_next(s) ? -1 : stmts[i].fn(s, &kw, part);
	return src_err(s, &kw, "not a resource statement");
}
