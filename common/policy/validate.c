// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy validator (parapet/policy.h), compiled into the host tool and
 * into the hypervisor: one set of rules, one verdict on both sides.
 *
 * pp_policy_validate runs the model's rules in a fixed order and stops at
 * the first violation, reporting its class (enum pp_pol_rule: the
 * invariants of ../shared/notes/references.md, docs/policy.md
 * "Invariants") and a message naming the partition and record at fault.
 * Structure comes first, so every later step may rely on counts within the
 * tables, valid names and partition ids that name a partition. Nothing is
 * changed; a model that passes is what the hypervisor may build from, once
 * pp_policy_validate_machine (validate_machine.c) has passed too.
 *
 * This file: the order, and the structure and binding rules (1 and 12).
 * The rules of a `boot linux64` partition come last (validate_linux.c).
 */
#include <parapet/policy.h>
#include <parapet/string.h>
#include "common/policy/pol_int.h"

static const pol_step_fn steps[] = {
    pol_v_structure, pol_v_binding, pol_v_align, pol_v_memory, pol_v_forbidden,
    pol_v_channels,  pol_v_devices, pol_v_dma,	 pol_v_irqs,   pol_v_ports,
    pol_v_cpus,	     pol_v_cache,   pol_v_caps,	 pol_v_image,  pol_v_linux,
};

int pp_policy_validate(const struct pp_policy *p, struct pp_pol_error *out)
{
	if (out) {
		out->rule = PP_POL_OK;
		out->err.code = PP_OK;
		out->err.msg[0] = 0;
	}
	for (u32 i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		int rc = steps[i](p, out);
		if (rc)
			return rc;
	}
	return PP_OK;
}

bool pol_name_ok(const char *s, u32 cap)
{
	u32 n = (u32)strnlen(s, cap);
	if (n == 0 || n == cap)
		return false;
	for (u32 i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

const char *pol_pname(const struct pp_policy *p, u32 id)
{
	const struct pp_pol_part *r = pp_policy_part(p, id);
	return r ? r->name : "?";
}

/* Counts within the tables: nothing else may index a table before this. */
static int counts(const struct pp_policy *p, struct pp_pol_error *out)
{
	static const struct {
		const char *what;
		u32 off, max;
	} t[] = {
	    {"partitions", __builtin_offsetof(struct pp_policy, n_parts), PP_POL_MAX_PARTS},
	    {"ram ranges", __builtin_offsetof(struct pp_policy, n_ram), PP_POL_MAX_RAM},
	    {"mmio ranges", __builtin_offsetof(struct pp_policy, n_mmio), PP_POL_MAX_MMIO},
	    {"cpu entries", __builtin_offsetof(struct pp_policy, n_cpus), PP_POL_MAX_CPUS},
	    {"devices", __builtin_offsetof(struct pp_policy, n_devs), PP_POL_MAX_DEVS},
	    {"interrupts", __builtin_offsetof(struct pp_policy, n_irqs), PP_POL_MAX_IRQS},
	    {"ioport ranges", __builtin_offsetof(struct pp_policy, n_ports), PP_POL_MAX_PORTS},
	    {"capabilities", __builtin_offsetof(struct pp_policy, n_caps), PP_POL_MAX_CAPS},
	    {"channel ends", __builtin_offsetof(struct pp_policy, n_chans), PP_POL_MAX_CHANS},
	};
	for (u32 i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		u32 n;
		memcpy(&n, (const u8 *)p + t[i].off, sizeof(n));
		if (n > t[i].max)
			return pol_fail(out, PP_POL_STRUCTURE, PP_ERANGE, "%u %s, at most %u", n,
					t[i].what, t[i].max);
	}
	if (p->n_parts == 0)
		return pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL, "no partition");
	return PP_OK;
}

static int parts(const struct pp_policy *p, struct pp_pol_error *out)
{
	for (u32 i = 0; i < p->n_parts; i++) {
		const struct pp_pol_part *a = &p->parts[i];
		if (!pol_name_ok(a->name, sizeof(a->name)))
			return pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
					"partition %u: name empty, too long or not [A-Za-z0-9._-]",
					i);
		if (a->id == 0 || a->id > PP_POL_MAX_PARTS)
			return pol_fail(out, PP_POL_STRUCTURE, PP_ERANGE,
					"partition \"%s\": id %u outside 1..%u", a->name, a->id,
					PP_POL_MAX_PARTS);
		if (a->mode != PP_POL_BOOT_LONG64 && a->mode != PP_POL_BOOT_REAL16 &&
		    a->mode != PP_POL_BOOT_LINUX64)
			return pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
					"partition \"%s\": unknown start mode %u", a->name,
					a->mode);
		for (u32 j = 0; j < i; j++) {
			if (p->parts[j].id == a->id)
				return pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
						"partitions \"%s\" and \"%s\" share id %u",
						p->parts[j].name, a->name, a->id);
			if (strcmp(p->parts[j].name, a->name) == 0)
				return pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
						"two partitions named \"%s\"", a->name);
		}
	}
	return PP_OK;
}

/* Every record's owner exists. */
static int owner(const struct pp_policy *p, u32 part, const char *what, u32 i,
		 struct pp_pol_error *out)
{
	if (pp_policy_part(p, part))
		return PP_OK;
	return pol_fail(out, PP_POL_STRUCTURE, PP_ENOENT, "%s %u: no partition with id %u", what, i,
			part);
}

static int perm(u32 v, const char *pn, const char *what, u64 at, struct pp_pol_error *out)
{
	if (v && !(v & ~PP_POL_PERM_MASK))
		return PP_OK;
	return pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
			"partition \"%s\": %s at 0x%llx: permissions 0x%x not a non-empty rwx set",
			pn, what, (unsigned long long)at, v);
}

static int records(const struct pp_policy *p, struct pp_pol_error *out)
{
	int rc = PP_OK;
	for (u32 i = 0; !rc && i < p->n_ram; i++) {
		const struct pp_pol_ram *r = &p->ram[i];
		rc = owner(p, r->part, "ram range", i, out);
		if (!rc)
			rc = perm(r->perm, pol_pname(p, r->part), "ram", r->gpa, out);
		if (!rc && (r->flags & ~PP_POL_RAM_FLAGS))
			rc = pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
				      "partition \"%s\": ram at 0x%llx: unknown flags 0x%x",
				      pol_pname(p, r->part), (unsigned long long)r->gpa, r->flags);
		if (!rc && !(r->flags & PP_POL_RAM_FIXED) && r->hpa)
			rc = pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
				      "partition \"%s\": ram at 0x%llx: host address without the "
				      "fixed flag",
				      pol_pname(p, r->part), (unsigned long long)r->gpa);
	}
	for (u32 i = 0; !rc && i < p->n_mmio; i++) {
		rc = owner(p, p->mmio[i].part, "mmio range", i, out);
		if (!rc)
			rc = perm(p->mmio[i].perm, pol_pname(p, p->mmio[i].part), "mmio",
				  p->mmio[i].gpa, out);
		if (!rc && (p->mmio[i].perm & PP_POL_X))
			rc = pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
				      "partition \"%s\": mmio at 0x%llx: executable device memory",
				      pol_pname(p, p->mmio[i].part),
				      (unsigned long long)p->mmio[i].gpa);
	}
	for (u32 i = 0; !rc && i < p->n_cpus; i++) {
		const struct pp_pol_cpu *c = &p->cpus[i];
		rc = owner(p, c->part, "cpu entry", i, out);
		if (!rc && c->mode != PP_POL_CPU_EXCLUSIVE && c->mode != PP_POL_CPU_SHARED)
			rc = pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
				      "partition \"%s\": cpu %u: unknown mode %u",
				      pol_pname(p, c->part), c->cpu, c->mode);
		if (!rc && c->mode == PP_POL_CPU_EXCLUSIVE && (c->slice_us || c->period_us))
			rc = pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
				      "partition \"%s\": cpu %u: exclusive with a time slice",
				      pol_pname(p, c->part), c->cpu);
	}
	for (u32 i = 0; !rc && i < p->n_devs; i++) {
		const struct pp_pol_dev *d = &p->devs[i];
		rc = owner(p, d->part, "device", i, out);
		if (!rc && d->on_fault != PP_POL_FAULT_LOG && d->on_fault != PP_POL_FAULT_STOP)
			rc = pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
				      "partition \"%s\": device %04x:%02x:%02x.%x: unknown fault "
				      "action %u (0 log, 1 stop)",
				      pol_pname(p, d->part), d->seg, d->bus, d->devfn >> 3,
				      d->devfn & 7, d->on_fault);
	}
	for (u32 i = 0; !rc && i < p->n_irqs; i++)
		rc = owner(p, p->irqs[i].part, "interrupt", i, out);
	for (u32 i = 0; !rc && i < p->n_ports; i++)
		rc = owner(p, p->ports[i].part, "ioport range", i, out);
	for (u32 i = 0; !rc && i < p->n_caps; i++)
		rc = owner(p, p->caps[i].part, "capability", i, out);
	for (u32 i = 0; !rc && i < p->n_chans; i++) {
		const struct pp_pol_chan *c = &p->chans[i];
		rc = owner(p, c->part, "channel end", i, out);
		if (!rc && !pol_name_ok(c->name, sizeof(c->name)))
			rc = pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
				      "partition \"%s\": channel %u: name empty, too long or not "
				      "[A-Za-z0-9._-]",
				      pol_pname(p, c->part), i);
		if (!rc)
			rc = perm(c->perm, pol_pname(p, c->part), "channel", c->gpa, out);
	}
	return rc;
}

int pol_v_structure(const struct pp_policy *p, struct pp_pol_error *out)
{
	int rc = counts(p, out);
	if (!rc && !pol_name_ok(p->name, sizeof(p->name)))
		rc = pol_fail(out, PP_POL_STRUCTURE, PP_EINVAL,
			      "policy name empty, too long or not [A-Za-z0-9._-]");
	if (!rc)
		rc = parts(p, out);
	return rc ? rc : records(p, out);
}

/* Rule 12: bound to a platform and a minimum hypervisor version. */
int pol_v_binding(const struct pp_policy *p, struct pp_pol_error *out)
{
	u32 n = (u32)strnlen(p->platform, sizeof(p->platform));
	if (n == 0 || n == sizeof(p->platform))
		return pol_fail(out, PP_POL_BINDING, PP_EINVAL,
				"no platform binding (or longer than %u characters)",
				PP_POL_PLATFORM_MAX);
	for (u32 i = 0; i < n; i++)
		if (p->platform[i] < 0x20 || p->platform[i] > 0x7e ||
		    (p->platform[i] == ' ' && (i == 0 || i == n - 1)))
			return pol_fail(
			    out, PP_POL_BINDING, PP_EINVAL,
			    "platform binding: character %u is not printable ASCII, or a "
			    "leading or trailing space",
			    i);
	if (!p->version || !p->epoch || !p->min_hv)
		return pol_fail(out, PP_POL_BINDING, PP_EINVAL,
				"version %u, epoch %u, minimum hypervisor %u: each must be >= 1",
				p->version, p->epoch, p->min_hv);
	return PP_OK;
}
