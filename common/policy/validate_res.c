// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy's rules for owned resources (docs/policy.md "Invariants"):
 *   6   a PCI function in at most one partition, and every function of a
 *       device with the same owner (functions of one device can reach
 *       each other's DMA without the IOMMU seeing it, and share reset)
 *   9   an interrupt line (GSI) routed to one partition only
 *   ports  an I/O port in one partition only, never 0xCF8-0xCFF (PCI
 *       configuration mechanism #1: owning it is owning every device) and
 *       never 0x3F8-0x3FF (COM1, the hypervisor's console: its owner could
 *       write lines that read as the hypervisor's and take its input)
 *   10  every partition has a CPU; a CPU is either exclusive to one
 *       partition or shared in fixed slices of one common period that fit
 *   11  cache masks: contiguous, disjoint, and all-or-none (a partition
 *       without a mask runs in the default class, which overlaps them all)
 */
#include <parapet/policy.h>
#include "common/policy/pol_int.h"

#define POL_MAX_GSI 256u
#define PP_POL_CONSOLE_PORT 0x3f8u /* COM1: hypervisor/core/console.c */
#define POL_MIN_SLICE_US 100u
#define POL_MAX_PERIOD_US 1000000u
#define POL_MAX_CPU 256u

int pol_v_devices(const struct pp_policy *p, struct pp_pol_error *out)
{
	for (u32 i = 0; i < p->n_devs; i++) {
		const struct pp_pol_dev *a = &p->devs[i];
		for (u32 j = 0; j < i; j++) {
			const struct pp_pol_dev *b = &p->devs[j];
			if (a->seg != b->seg || a->bus != b->bus ||
			    (a->devfn >> 3) != (b->devfn >> 3))
				continue;
			if (a->devfn == b->devfn)
				return pol_fail(
				    out, PP_POL_DEVICE, PP_EINVAL,
				    "device %04x:%02x:%02x.%x assigned twice (partitions "
				    "\"%s\" and \"%s\")",
				    a->seg, a->bus, a->devfn >> 3, a->devfn & 7,
				    pol_pname(p, b->part), pol_pname(p, a->part));
			if (a->part != b->part)
				return pol_fail(
				    out, PP_POL_DEVICE, PP_EINVAL,
				    "device %04x:%02x:%02x: functions %x and %x in "
				    "partitions \"%s\" and \"%s\" (one device, one owner)",
				    a->seg, a->bus, a->devfn >> 3, b->devfn & 7, a->devfn & 7,
				    pol_pname(p, b->part), pol_pname(p, a->part));
		}
	}
	return PP_OK;
}

int pol_v_irqs(const struct pp_policy *p, struct pp_pol_error *out)
{
	for (u32 i = 0; i < p->n_irqs; i++) {
		const struct pp_pol_irq *a = &p->irqs[i];
		if (a->gsi >= POL_MAX_GSI)
			return pol_fail(out, PP_POL_IRQ, PP_ERANGE,
					"partition \"%s\": interrupt %u outside 0..%u",
					pol_pname(p, a->part), a->gsi, POL_MAX_GSI - 1);
		for (u32 j = 0; j < i; j++)
			if (p->irqs[j].gsi == a->gsi)
				return pol_fail(out, PP_POL_IRQ, PP_EINVAL,
						"interrupt %u routed twice (partitions \"%s\" and "
						"\"%s\")",
						a->gsi, pol_pname(p, p->irqs[j].part),
						pol_pname(p, a->part));
	}
	return PP_OK;
}

int pol_v_ports(const struct pp_policy *p, struct pp_pol_error *out)
{
	for (u32 i = 0; i < p->n_ports; i++) {
		const struct pp_pol_port *a = &p->ports[i];
		const char *pn = pol_pname(p, a->part);
		if (!a->count || a->base > 0xffffu || a->count > 0x10000u - a->base)
			return pol_fail(out, PP_POL_IOPORT, PP_ERANGE,
					"partition \"%s\": ioport 0x%x count %u outside 0..0xffff",
					pn, a->base, a->count);
		if (pol_overlap(a->base, a->count, 0xcf8, 8))
			return pol_fail(out, PP_POL_FORBIDDEN, PP_EINVAL,
					"partition \"%s\": ioport 0x%x count %u includes PCI "
					"configuration ports 0xcf8-0xcff",
					pn, a->base, a->count);
		if (pol_overlap(a->base, a->count, PP_POL_CONSOLE_PORT, 8))
			return pol_fail(out, PP_POL_FORBIDDEN, PP_EINVAL,
					"partition \"%s\": ioport 0x%x count %u includes the "
					"hypervisor's console UART 0x3f8-0x3ff (COM1)",
					pn, a->base, a->count);
		for (u32 j = 0; j < i; j++) {
			const struct pp_pol_port *b = &p->ports[j];
			if (pol_overlap(a->base, a->count, b->base, b->count))
				return pol_fail(out, PP_POL_IOPORT, PP_EOVERLAP,
						"ioports 0x%x+%u (partition \"%s\") and 0x%x+%u "
						"(partition \"%s\") overlap",
						b->base, b->count, pol_pname(p, b->part), a->base,
						a->count, pn);
		}
	}
	return PP_OK;
}

/* The shared entries of one CPU: one period, slices that fit. */
static int shared_cpu(const struct pp_policy *p, u32 cpu, struct pp_pol_error *out)
{
	u32 period = 0;
	u64 sum = 0;
	for (u32 j = 0; j < p->n_cpus; j++) {
		const struct pp_pol_cpu *c = &p->cpus[j];
		if (c->cpu != cpu)
			continue;
		if (c->slice_us < POL_MIN_SLICE_US || c->period_us > POL_MAX_PERIOD_US ||
		    c->slice_us > c->period_us)
			return pol_fail(out, PP_POL_CPU, PP_ERANGE,
					"partition \"%s\": cpu %u: slice %u us of period %u us "
					"(slice >= %u us, slice <= period <= %u us)",
					pol_pname(p, c->part), cpu, c->slice_us, c->period_us,
					POL_MIN_SLICE_US, POL_MAX_PERIOD_US);
		if (period && c->period_us != period)
			return pol_fail(out, PP_POL_CPU, PP_EINVAL,
					"cpu %u: partition \"%s\" has period %u us, another %u us "
					"(one period per shared CPU)",
					cpu, pol_pname(p, c->part), c->period_us, period);
		period = c->period_us;
		sum += c->slice_us;
	}
	if (sum > period)
		return pol_fail(out, PP_POL_CPU, PP_ERANGE,
				"cpu %u: slices add up to %llu us, more than the period %u us", cpu,
				(unsigned long long)sum, period);
	return PP_OK;
}

int pol_v_cpus(const struct pp_policy *p, struct pp_pol_error *out)
{
	for (u32 k = 0; k < p->n_parts; k++) {
		bool any = false;
		for (u32 i = 0; i < p->n_cpus; i++)
			any |= p->cpus[i].part == p->parts[k].id;
		if (!any)
			return pol_fail(out, PP_POL_CPU, PP_EINVAL, "partition \"%s\" has no CPU",
					p->parts[k].name);
	}
	for (u32 i = 0; i < p->n_cpus; i++) {
		const struct pp_pol_cpu *a = &p->cpus[i];
		if (a->cpu >= POL_MAX_CPU)
			return pol_fail(out, PP_POL_CPU, PP_ERANGE,
					"partition \"%s\": cpu %u outside 0..%u",
					pol_pname(p, a->part), a->cpu, POL_MAX_CPU - 1);
		for (u32 j = 0; j < i; j++) {
			const struct pp_pol_cpu *b = &p->cpus[j];
			if (b->cpu != a->cpu)
				continue;
			if (a->part == b->part)
				return pol_fail(out, PP_POL_CPU, PP_EINVAL,
						"partition \"%s\": cpu %u listed twice",
						pol_pname(p, a->part), a->cpu);
			if (a->mode == PP_POL_CPU_EXCLUSIVE || b->mode == PP_POL_CPU_EXCLUSIVE)
				return pol_fail(out, PP_POL_CPU, PP_EINVAL,
						"cpu %u: exclusive to one of partitions \"%s\" and "
						"\"%s\" but given to both",
						a->cpu, pol_pname(p, b->part),
						pol_pname(p, a->part));
		}
		if (a->mode == PP_POL_CPU_SHARED) {
			int rc = shared_cpu(p, a->cpu, out);
			if (rc)
				return rc;
		}
	}
	return PP_OK;
}

int pol_v_cache(const struct pp_policy *p, struct pp_pol_error *out)
{
	u32 with = 0;
	for (u32 i = 0; i < p->n_parts; i++) {
		const struct pp_pol_part *a = &p->parts[i];
		u32 m = a->cache_mask;
		if (!m)
			continue;
		with++;
		/* contiguous: fill below the run, add one: carries past it, no bit of m left */
		if ((((m | (m - 1)) + 1) & m) != 0)
			return pol_fail(out, PP_POL_CACHE, PP_EINVAL,
					"partition \"%s\": cache mask 0x%x is not contiguous",
					a->name, m);
		for (u32 j = 0; j < i; j++)
			if (p->parts[j].cache_mask & m)
				return pol_fail(out, PP_POL_CACHE, PP_EOVERLAP,
						"cache masks of \"%s\" (0x%x) and \"%s\" (0x%x) "
						"overlap",
						p->parts[j].name, p->parts[j].cache_mask, a->name,
						m);
	}
	if (with && with != p->n_parts)
		return pol_fail(out, PP_POL_CACHE, PP_EINVAL,
				"%u of %u partitions have a cache mask: all or none", with,
				p->n_parts);
	return PP_OK;
}
