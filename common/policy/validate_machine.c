// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy against the machine (pp_policy_validate_machine): what only
 * the target can answer. The hypervisor runs it on what it booted on;
 * `parapet policy check --machine DIR` runs the same code on a target's
 * captured ACPI tables and PCI list, so a policy refused at boot is refused
 * offline first, with the same message.
 *
 *   binding    the platform string and the minimum hypervisor version
 *   cpus       every CPU named exists (MADT order)
 *   memory     fixed RAM inside usable RAM; MMIO outside it (a "device"
 *              range over RAM would alias memory the hypervisor hands out);
 *              the sum of all RAM within usable RAM; every address below
 *              the machine's width (CPU and IOMMU: DMA RAM is mapped at its
 *              guest-physical address in the device's domain)
 *   hypervisor fixed RAM and MMIO outside the hypervisor's own memory
 *   forbidden  fixed RAM and MMIO outside the machine's LAPIC, IOAPICs,
 *              IOMMU registers and ECAM windows
 *   devices    present, every present function of an assigned device
 *              assigned with it, inside the named IOMMU unit's scope
 *   irqs       GSIs the IOAPICs have; cache masks within the CAT width
 * Expects a policy that passed pp_policy_validate.
 */
#include <parapet/policy.h>
#include <parapet/string.h>
#include "common/policy/pol_int.h"

/* [base, base + size) covered by the union of the usable ranges. */
static bool covered(const struct pp_pol_machine *m, u64 base, u64 size)
{
	u64 cur = base, end = base + size;
	for (u32 pass = 0; pass <= m->n_usable && cur < end; pass++)
		for (u32 i = 0; i < m->n_usable; i++)
			if (cur >= m->usable[i].base && cur - m->usable[i].base < m->usable[i].size)
				cur = m->usable[i].base + m->usable[i].size;
	return cur >= end;
}

static const struct pp_pol_range *hits(const struct pp_pol_range *r, u32 n, u64 base, u64 size)
{
	for (u32 i = 0; i < n && i < PP_POL_MACHINE_RANGES; i++)
		if (r[i].size && pol_overlap(base, size, r[i].base, r[i].size))
			return &r[i];
	return NULL;
}

/* One host range the policy fixes (fixed RAM or MMIO). */
static int host_range(const struct pp_policy *p, const struct pp_pol_machine *m, u32 part, bool ram,
		      u64 hpa, u64 size, struct pp_pol_error *out)
{
	const char *pn = pol_pname(p, part), *kind = ram ? "ram" : "mmio";
	const struct pp_pol_range *r;
	if (ram && !covered(m, hpa, size))
		return pol_fail(out, PP_POL_MEMORY, PP_ERANGE,
				"partition \"%s\": ram hpa 0x%llx+0x%llx is not usable RAM on "
				"this machine",
				pn, (unsigned long long)hpa, (unsigned long long)size);
	if (!ram && (r = hits(m->usable, m->n_usable, hpa, size)) != NULL)
		return pol_fail(out, PP_POL_MEMORY, PP_EOVERLAP,
				"partition \"%s\": mmio hpa 0x%llx+0x%llx overlaps usable RAM "
				"0x%llx+0x%llx",
				pn, (unsigned long long)hpa, (unsigned long long)size,
				(unsigned long long)r->base, (unsigned long long)r->size);
	r = hits(m->reserved, m->n_reserved, hpa, size);
	if (r)
		return pol_fail(out, PP_POL_HV_MEMORY, PP_EOVERLAP,
				"partition \"%s\": %s hpa 0x%llx+0x%llx overlaps the hypervisor's "
				"memory 0x%llx+0x%llx",
				pn, kind, (unsigned long long)hpa, (unsigned long long)size,
				(unsigned long long)r->base, (unsigned long long)r->size);
	r = hits(m->forbidden, m->n_forbidden, hpa, size);
	if (r)
		return pol_fail(out, PP_POL_FORBIDDEN, PP_EINVAL,
				"partition \"%s\": %s hpa 0x%llx+0x%llx maps 0x%llx+0x%llx "
				"(LAPIC, IOAPIC, IOMMU or ECAM on this machine)",
				pn, kind, (unsigned long long)hpa, (unsigned long long)size,
				(unsigned long long)r->base, (unsigned long long)r->size);
	if (m->addr_bits < 64 && (hpa + size - 1) >> m->addr_bits)
		return pol_fail(out, PP_POL_ALIGN, PP_ERANGE,
				"partition \"%s\": %s hpa 0x%llx+0x%llx beyond this machine's "
				"%u address bits",
				pn, kind, (unsigned long long)hpa, (unsigned long long)size,
				m->addr_bits);
	return PP_OK;
}

static int memory(const struct pp_policy *p, const struct pp_pol_machine *m,
		  struct pp_pol_error *out)
{
	u64 need = 0, have = 0;
	int rc = PP_OK;
	for (u32 i = 0; !rc && i < p->n_ram; i++) {
		const struct pp_pol_ram *r = &p->ram[i];
		need += r->size;
		if (m->addr_bits < 64 && (r->gpa + r->size - 1) >> m->addr_bits)
			rc = pol_fail(out, PP_POL_ALIGN, PP_ERANGE,
				      "partition \"%s\": ram gpa 0x%llx+0x%llx beyond this "
				      "machine's %u address bits",
				      pol_pname(p, r->part), (unsigned long long)r->gpa,
				      (unsigned long long)r->size, m->addr_bits);
		else if (r->flags & PP_POL_RAM_FIXED)
			rc = host_range(p, m, r->part, true, r->hpa, r->size, out);
	}
	for (u32 i = 0; !rc && i < p->n_mmio; i++)
		rc = host_range(p, m, p->mmio[i].part, false, p->mmio[i].hpa, p->mmio[i].size, out);
	for (u32 i = 0; i < p->n_chans; i++)
		need += p->chans[i].size / 2; /* both ends name the same pages */
	for (u32 i = 0; i < m->n_usable && i < PP_POL_MACHINE_RANGES; i++)
		have += m->usable[i].size;
	if (!rc && need > have)
		rc = pol_fail(out, PP_POL_MEMORY, PP_ENOMEM,
			      "the partitions need 0x%llx bytes of RAM, the machine has 0x%llx "
			      "usable",
			      (unsigned long long)need, (unsigned long long)have);
	return rc;
}

static const struct pp_pol_mdev *find_dev(const struct pp_pol_machine *m, u16 seg, u8 bus, u8 devfn)
{
	for (u32 i = 0; i < m->n_devs && i < PP_POL_MACHINE_DEVS; i++)
		if (m->devs[i].seg == seg && m->devs[i].bus == bus && m->devs[i].devfn == devfn)
			return &m->devs[i];
	return NULL;
}

/* The partition a policy device line gives (seg, bus, devfn) to, or 0. */
static u32 owner_of(const struct pp_policy *p, u16 seg, u8 bus, u8 devfn)
{
	for (u32 k = 0; k < p->n_devs; k++)
		if (p->devs[k].seg == seg && p->devs[k].bus == bus && p->devs[k].devfn == devfn)
			return p->devs[k].part;
	return 0;
}

/*
 * One requester ID, one owner: the IOMMU tells devices apart only by the
 * ID their DMA carries, so every function whose DMA carries d's ID (an
 * IVRS alias, e.g. behind a PCIe-to-PCI bridge) must belong to d's
 * partition, and the function whose own ID that is may belong to no
 * other partition.
 */
static int alias_owner(const struct pp_policy *p, const struct pp_pol_machine *m,
		       const struct pp_pol_dev *d, const struct pp_pol_mdev *md,
		       struct pp_pol_error *out)
{
	for (u32 j = 0; j < m->n_devs && j < PP_POL_MACHINE_DEVS; j++) {
		const struct pp_pol_mdev *f = &m->devs[j];
		u16 own = (u16)((u16)f->bus << 8 | f->devfn);
		if (f == md || f->seg != md->seg || (f->alias != md->alias && own != md->alias))
			continue;
		u32 o = owner_of(p, f->seg, f->bus, f->devfn);
		if (o == d->part || (o == 0 && own == md->alias))
			continue;
		return pol_fail(out, PP_POL_DEVICE, PP_EINVAL,
				"partition \"%s\": device %04x:%02x:%02x.%x requests as "
				"%02x:%02x.%x, which %04x:%02x:%02x.%x shares and %s owns (one "
				"requester ID, one owner)",
				pol_pname(p, d->part), d->seg, d->bus, d->devfn >> 3, d->devfn & 7,
				md->alias >> 8, (md->alias >> 3) & 0x1f, md->alias & 7, f->seg,
				f->bus, f->devfn >> 3, f->devfn & 7,
				o ? pol_pname(p, o) : "no partition");
	}
	return PP_OK;
}

static int devices(const struct pp_policy *p, const struct pp_pol_machine *m,
		   struct pp_pol_error *out)
{
	for (u32 i = 0; i < p->n_devs; i++) {
		const struct pp_pol_dev *d = &p->devs[i];
		const char *pn = pol_pname(p, d->part);
		const struct pp_pol_mdev *md = find_dev(m, d->seg, d->bus, d->devfn);
		if (!md)
			return pol_fail(out, PP_POL_DEVICE, PP_ENOENT,
					"partition \"%s\": device %04x:%02x:%02x.%x is not on this "
					"machine's bus",
					pn, d->seg, d->bus, d->devfn >> 3, d->devfn & 7);
		if (md->iommu == PP_POL_NO_IOMMU || md->iommu >= m->n_iommus)
			return pol_fail(out, PP_POL_IOMMU, PP_ENOENT,
					"partition \"%s\": device %04x:%02x:%02x.%x is in no IOMMU "
					"unit's scope",
					pn, d->seg, d->bus, d->devfn >> 3, d->devfn & 7);
		if (md->iommu != d->iommu)
			return pol_fail(
			    out, PP_POL_IOMMU, PP_EINVAL,
			    "partition \"%s\": device %04x:%02x:%02x.%x is behind IOMMU "
			    "unit %u, the policy says %u",
			    pn, d->seg, d->bus, d->devfn >> 3, d->devfn & 7, md->iommu, d->iommu);
		int rc = alias_owner(p, m, d, md, out);
		if (rc)
			return rc;
		for (u32 j = 0; j < m->n_devs && j < PP_POL_MACHINE_DEVS; j++) {
			const struct pp_pol_mdev *f = &m->devs[j];
			bool assigned = false;
			if (f->seg != d->seg || f->bus != d->bus ||
			    (f->devfn >> 3) != (d->devfn >> 3))
				continue;
			for (u32 k = 0; k < p->n_devs; k++)
				assigned |= p->devs[k].part == d->part &&
					    p->devs[k].seg == f->seg && p->devs[k].bus == f->bus &&
					    p->devs[k].devfn == f->devfn;
			if (!assigned)
				return pol_fail(
				    out, PP_POL_DEVICE, PP_EINVAL,
				    "partition \"%s\": device %04x:%02x:%02x.%x assigned "
				    "without its function %x (one device, one owner)",
				    pn, d->seg, d->bus, d->devfn >> 3, d->devfn & 7, f->devfn & 7);
		}
	}
	return PP_OK;
}

int pp_policy_validate_machine(const struct pp_policy *p, const struct pp_pol_machine *m,
			       struct pp_pol_error *out)
{
	int rc;
	if (strncmp(p->platform, m->platform, sizeof(p->platform)) != 0)
		return pol_fail(out, PP_POL_BINDING, PP_EINVAL,
				"policy bound to platform \"%s\", this machine is \"%.*s\"",
				p->platform, (int)PP_POL_PLATFORM_MAX, m->platform);
	if (p->min_hv > m->hv_version)
		return pol_fail(out, PP_POL_BINDING, PP_EVERSION,
				"policy needs hypervisor version %u, this one is %u", p->min_hv,
				m->hv_version);
	if (m->addr_bits == 0 || m->addr_bits > 52)
		return pol_fail(out, PP_POL_ALIGN, PP_EINVAL,
				"machine address width %u bits not in 1..52", m->addr_bits);
	for (u32 i = 0; i < p->n_cpus; i++)
		if (p->cpus[i].cpu >= m->n_cpus)
			return pol_fail(out, PP_POL_CPU, PP_ENOENT,
					"partition \"%s\": cpu %u, this machine has %u",
					pol_pname(p, p->cpus[i].part), p->cpus[i].cpu, m->n_cpus);
	rc = memory(p, m, out);
	if (!rc)
		rc = devices(p, m, out);
	for (u32 i = 0; !rc && i < p->n_irqs; i++)
		if (m->n_gsis && p->irqs[i].gsi >= m->n_gsis)
			rc = pol_fail(out, PP_POL_IRQ, PP_ENOENT,
				      "partition \"%s\": interrupt %u, this machine's IOAPICs have "
				      "%u",
				      pol_pname(p, p->irqs[i].part), p->irqs[i].gsi, m->n_gsis);
	for (u32 i = 0; !rc && i < p->n_parts; i++) {
		u32 mask = p->parts[i].cache_mask;
		if (mask && (!m->cat_bits || (m->cat_bits < 32 && mask >> m->cat_bits)))
			rc = pol_fail(out, PP_POL_CACHE, PP_ENOTSUP,
				      "partition \"%s\": cache mask 0x%x, this machine's L3 "
				      "allocation has %u bits",
				      p->parts[i].name, mask, m->cat_bits);
	}
	return rc;
}
