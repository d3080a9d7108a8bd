// SPDX-License-Identifier: GPL-2.0-only
/*
 * One change record as text (diff.h): pol_change_text (the detail line:
 * guest and host addresses and sizes in hex and binary units, rights,
 * DMA, old -> new for a modification) and pol_change_summary (the short
 * phrase of a widening). Pure formatting of a record pol_diff made;
 * every string goes through a bounded snprintf.
 */
#include <stdarg.h>
#include <stdio.h>
#include "policy/cli/diff.h"

struct sbuf {
	char *p;
	size_t len, at;
};

static void put(struct sbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct sbuf *s, const char *fmt, ...)
{
	va_list ap;
	if (s->at >= s->len)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(s->p + s->at, s->len - s->at, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->at += (size_t)n < s->len - s->at ? (size_t)n : s->len - s->at - 1;
}

typedef unsigned long long ull;

static const char *perm_str(u32 p)
{
	static const char *const s[8] = {"---", "r--", "-w-", "rw-", "--x", "r-x", "-wx", "rwx"};
	return s[p & 7u];
}

/* "0x200000 (2 MiB)" */
static void size(struct sbuf *s, u64 n)
{
	char h[32];
	pol_size_human(n, h, sizeof(h));
	put(s, "0x%llx (%s)", (ull)n, h);
}

/* "0x40000000-0x401fffff 0x200000 (2 MiB)" */
static void range(struct sbuf *s, u64 base, u64 n)
{
	put(s, "0x%llx-0x%llx ", (ull)base, (ull)(base + n - (n ? 1 : 0)));
	size(s, n);
}

static void ram(struct sbuf *s, const struct pp_pol_ram *r)
{
	put(s, "RAM gpa ");
	range(s, r->gpa, r->size);
	put(s, " %s", perm_str(r->perm));
	if (r->flags & PP_POL_RAM_DMA)
		put(s, " DMA");
	if (r->flags & PP_POL_RAM_FIXED)
		put(s, " fixed at host 0x%llx-0x%llx", (ull)r->hpa,
		    (ull)(r->hpa + r->size - (r->size ? 1 : 0)));
}

static void host(struct sbuf *s, const struct pp_pol_ram *r)
{
	if (r->flags & PP_POL_RAM_FIXED)
		put(s, "fixed at host 0x%llx", (ull)r->hpa);
	else
		put(s, "from the pool");
}

static void ram_mod(struct sbuf *s, const struct pol_change *c)
{
	const struct pp_pol_ram *o = &c->a.ram, *n = &c->b.ram;
	put(s, "RAM gpa 0x%llx:", (ull)o->gpa);
	const char *sep = " ";
	if (c->fields & POL_F_PERM) {
		put(s, "%s%s -> %s", sep, perm_str(o->perm), perm_str(n->perm));
		sep = ", ";
	}
	if (c->fields & POL_F_DMA) {
		put(s, "%s%s", sep, n->flags & PP_POL_RAM_DMA ? "DMA enabled" : "DMA disabled");
		sep = ", ";
	}
	if (c->fields & POL_F_SIZE) {
		put(s, "%ssize ", sep);
		size(s, o->size);
		put(s, " -> ");
		size(s, n->size);
		sep = ", ";
	}
	if (c->fields & POL_F_HPA) {
		put(s, "%s", sep);
		host(s, o);
		put(s, " -> ");
		host(s, n);
	}
}

static void mmio(struct sbuf *s, const struct pp_pol_mmio *m)
{
	put(s, "MMIO host ");
	range(s, m->hpa, m->size);
	put(s, " at gpa 0x%llx %s", (ull)m->gpa, perm_str(m->perm));
}

static void mmio_mod(struct sbuf *s, const struct pol_change *c)
{
	const struct pp_pol_mmio *o = &c->a.mmio, *n = &c->b.mmio;
	put(s, "MMIO host 0x%llx:", (ull)o->hpa);
	const char *sep = " ";
	if (c->fields & POL_F_PERM) {
		put(s, "%s%s -> %s", sep, perm_str(o->perm), perm_str(n->perm));
		sep = ", ";
	}
	if (c->fields & POL_F_SIZE) {
		put(s, "%ssize ", sep);
		size(s, o->size);
		put(s, " -> ");
		size(s, n->size);
		sep = ", ";
	}
	if (c->fields & POL_F_GPA)
		put(s, "%sgpa 0x%llx -> 0x%llx", sep, (ull)o->gpa, (ull)n->gpa);
}

static void cpu(struct sbuf *s, const struct pp_pol_cpu *p)
{
	if (p->mode == PP_POL_CPU_SHARED)
		put(s, "shared %u/%u us (%llu%%)", p->slice_us, p->period_us,
		    p->period_us ? (ull)p->slice_us * 100 / p->period_us : 0ull);
	else if (p->mode == PP_POL_CPU_EXCLUSIVE)
		put(s, "exclusive");
	else
		put(s, "mode %u", p->mode);
}

static void bdf(struct sbuf *s, const struct pp_pol_dev *d)
{
	put(s, "%04x:%02x:%02x.%u", d->seg, d->bus, d->devfn >> 3, d->devfn & 7u);
}

/* The device's on-fault action (docs/policy.md); unknown values as such. */
static const char *fault_name(u32 f)
{
	return f == PP_POL_FAULT_LOG ? "log" : f == PP_POL_FAULT_STOP ? "stop" : "unknown";
}

static const char *cap_name(u32 cap)
{
	switch (cap) {
	case PP_POL_CAP_CONSOLE: return "console";
	case PP_POL_CAP_TPM: return "tpm";
	case PP_POL_CAP_EVENTLOG_READ: return "eventlog-read";
	case PP_POL_CAP_FAULTLOG_READ: return "faultlog-read";
	case PP_POL_CAP_CONTROL: return "control";
	default: return "unknown";
	}
}

static void cap(struct sbuf *s, const struct pol_change *c)
{
	const struct pp_pol_cap_ent *e = c->op == POL_CHG_ADD ? &c->b.cap : &c->a.cap;
	put(s, "capability %s", cap_name(e->cap));
	if (e->cap > PP_POL_CAP_CONTROL || e->cap == 0)
		put(s, " (%u)", e->cap);
	if (c->other[0])
		put(s, " of %s", c->other);
}

static void chan(struct sbuf *s, const struct pp_pol_chan *ch, const char *peer)
{
	put(s, "channel %s to %s %s gpa ", ch->name, peer, perm_str(ch->perm));
	range(s, ch->gpa, ch->size);
}

static void chan_mod(struct sbuf *s, const struct pol_change *c)
{
	const struct pp_pol_chan *o = &c->a.chan, *n = &c->b.chan;
	put(s, "channel %s:", o->name);
	const char *sep = " ";
	if (c->fields & POL_F_PEER) {
		put(s, "%speer %s -> %s", sep, c->other_a, c->other);
		sep = ", ";
	}
	if (c->fields & POL_F_PERM) {
		put(s, "%srights %s -> %s", sep, perm_str(o->perm), perm_str(n->perm));
		sep = ", ";
	}
	if (c->fields & POL_F_SIZE) {
		put(s, "%ssize ", sep);
		size(s, o->size);
		put(s, " -> ");
		size(s, n->size);
		sep = ", ";
	}
	if (c->fields & POL_F_GPA)
		put(s, "%sgpa 0x%llx -> 0x%llx", sep, (ull)o->gpa, (ull)n->gpa);
}

static const char *mode_name(u32 m)
{
	return m == PP_POL_BOOT_LONG64	  ? "long64"
	       : m == PP_POL_BOOT_REAL16  ? "real16"
	       : m == PP_POL_BOOT_LINUX64 ? "linux64"
					  : "unknown";
}

static void header(struct sbuf *s, const struct pol_change *c)
{
	switch (c->what) {
	case POL_CHG_NAME: put(s, "policy name %s -> %s", c->a.str, c->b.str); break;
	case POL_CHG_VERSION: put(s, "version %u -> %u", c->a.u, c->b.u); break;
	case POL_CHG_EPOCH:
		put(s, "epoch %u -> %u", c->a.u, c->b.u);
		if (c->b.u < c->a.u)
			put(s, ": lowered, a host whose TPM floor is %u refuses it", c->a.u);
		else if (c->b.u == c->a.u)
			put(s, ": not raised, so a host that runs it still accepts the old one");
		break;
	case POL_CHG_PLATFORM: put(s, "platform \"%s\" -> \"%s\"", c->a.str, c->b.str); break;
	case POL_CHG_MIN_HV: put(s, "minimum hypervisor version %u -> %u", c->a.u, c->b.u); break;
	default: break;
	}
}

void pol_change_text(const struct pol_change *c, char *buf, size_t len)
{
	struct sbuf s = {buf, len, 0};
	const union pol_chg_val *v = c->op == POL_CHG_ADD ? &c->b : &c->a;
	if (len)
		buf[0] = 0;
	switch (c->what) {
	case POL_CHG_PART:
		put(&s, "partition %s (id %u)", c->op == POL_CHG_ADD ? "added" : "removed", v->u);
		break;
	case POL_CHG_PART_RENAME: put(&s, "renamed from %s", c->a.str); break;
	case POL_CHG_PART_ID: put(&s, "id %u -> %u", c->a.u, c->b.u); break;
	case POL_CHG_PART_IMAGE: put(&s, "image %s -> %s", c->a.str, c->b.str); break;
	case POL_CHG_PART_ENTRY:
		put(&s, "entry 0x%llx -> 0x%llx", (ull)c->a.addr, (ull)c->b.addr);
		break;
	case POL_CHG_PART_MODE:
		put(&s, "boot mode %s -> %s", mode_name(c->a.u), mode_name(c->b.u));
		break;
	case POL_CHG_PART_CACHE:
		put(&s, "cache mask 0x%x -> 0x%x%s", c->a.u, c->b.u,
		    c->b.u ? "" : " (none: the default class, shared with every partition)");
		break;
	case POL_CHG_RAM:
		if (c->op == POL_CHG_MOD)
			ram_mod(&s, c);
		else
			ram(&s, &v->ram);
		break;
	case POL_CHG_MMIO:
		if (c->op == POL_CHG_MOD)
			mmio_mod(&s, c);
		else
			mmio(&s, &v->mmio);
		break;
	case POL_CHG_CPU:
		put(&s, "CPU %u ", v->cpu.cpu);
		if (c->op == POL_CHG_MOD) {
			cpu(&s, &c->a.cpu);
			put(&s, " -> ");
			cpu(&s, &c->b.cpu);
		} else {
			cpu(&s, &v->cpu);
		}
		break;
	case POL_CHG_DEV:
		put(&s, "device ");
		bdf(&s, &v->dev);
		if (c->op == POL_CHG_MOD) {
			put(&s, ":");
			if (c->fields & POL_F_IOMMU)
				put(&s, " IOMMU unit %u -> %u", c->a.dev.iommu, c->b.dev.iommu);
			if (c->fields & POL_F_FAULT)
				put(&s, "%s on-fault %s -> %s", c->fields & POL_F_IOMMU ? "," : "",
				    fault_name(c->a.dev.on_fault), fault_name(c->b.dev.on_fault));
		} else {
			put(&s, " (IOMMU unit %u", v->dev.iommu);
			if (v->dev.on_fault != PP_POL_FAULT_LOG)
				put(&s, ", on-fault %s", fault_name(v->dev.on_fault));
			put(&s, ")");
		}
		break;
	case POL_CHG_IRQ: put(&s, "GSI %u", v->irq.gsi); break;
	case POL_CHG_PORT:
		if (c->op == POL_CHG_MOD)
			put(&s, "I/O ports 0x%x: %u -> %u ports (0x%x-0x%x)", c->a.port.base,
			    c->a.port.count, c->b.port.count, c->b.port.base,
			    c->b.port.base + c->b.port.count - (c->b.port.count ? 1 : 0));
		else
			put(&s, "I/O ports 0x%x-0x%x (%u)", v->port.base,
			    v->port.base + v->port.count - (v->port.count ? 1 : 0), v->port.count);
		break;
	case POL_CHG_CAP: cap(&s, c); break;
	case POL_CHG_CHAN:
		if (c->op == POL_CHG_MOD)
			chan_mod(&s, c);
		else
			chan(&s, &v->chan, c->other);
		break;
	default: header(&s, c); break;
	}
}

void pol_change_summary(const struct pol_change *c, char *buf, size_t len)
{
	struct sbuf s = {buf, len, 0};
	const union pol_chg_val *v = c->op == POL_CHG_ADD ? &c->b : &c->a;
	char h[32];
	if (len)
		buf[0] = 0;
	switch (c->what) {
	case POL_CHG_EPOCH: put(&s, c->b.u < c->a.u ? "epoch lowered" : "epoch not raised"); break;
	case POL_CHG_MIN_HV: put(&s, "allows hypervisor version %u", c->b.u); break;
	case POL_CHG_PART: put(&s, "new partition"); break;
	case POL_CHG_PART_CACHE: put(&s, "cache no longer partitioned"); break;
	case POL_CHG_RAM:
		if (c->op == POL_CHG_ADD ||
		    (c->fields & POL_F_DMA && c->b.ram.flags & PP_POL_RAM_DMA))
			put(&s, "gains %s",
			    c->b.ram.flags & PP_POL_RAM_DMA ? "DMA" : "host memory");
		else if (c->fields & POL_F_PERM)
			put(&s, "gains %s", perm_str(c->b.ram.perm & ~c->a.ram.perm));
		else
			put(&s, "gains host memory");
		pol_size_human(c->b.ram.size, h, sizeof(h));
		put(&s, " (RAM gpa 0x%llx, %s)", (ull)c->b.ram.gpa, h);
		break;
	case POL_CHG_MMIO:
		pol_size_human(c->b.mmio.size, h, sizeof(h));
		put(&s, "gains MMIO 0x%llx (%s, %s)", (ull)c->b.mmio.hpa, h,
		    perm_str(c->b.mmio.perm));
		break;
	case POL_CHG_CPU: put(&s, "shares CPU %u", c->b.cpu.cpu); break;
	case POL_CHG_DEV:
		put(&s, "gains device ");
		bdf(&s, &c->b.dev);
		break;
	case POL_CHG_IRQ: put(&s, "gains GSI %u", c->b.irq.gsi); break;
	case POL_CHG_PORT:
		put(&s, "gains I/O ports 0x%x-0x%x", c->b.port.base,
		    c->b.port.base + c->b.port.count - (c->b.port.count ? 1 : 0));
		break;
	case POL_CHG_CAP:
		if (c->other[0])
			put(&s, "gains %s of %s", cap_name(v->cap.cap), c->other);
		else
			put(&s, "gains %s", cap_name(v->cap.cap));
		break;
	case POL_CHG_CHAN:
		if (c->op == POL_CHG_ADD)
			put(&s, "gains channel %s to %s (%s)", c->b.chan.name, c->other,
			    perm_str(c->b.chan.perm));
		else if (c->fields & POL_F_PEER)
			put(&s, "channel %s now to %s", c->b.chan.name, c->other);
		else
			put(&s, "gains %s on channel %s",
			    perm_str(c->b.chan.perm & ~c->a.chan.perm), c->b.chan.name);
		break;
	default: pol_change_text(c, buf, len); break;
	}
}
