// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine builder (pp_pol_machine_build, parapet/policy_machine.h):
 * struct pp_pol_machine from parsed ACPI tables, the memory map, the PCI
 * functions present and the hypervisor's own facts. One copy, compiled
 * into the hypervisor and into `parapet policy check --machine`, so both
 * check a policy against the same machine; docs/policy-machine.md.
 *
 *   platform  the root table's OEM ID "/" OEM Table ID (trimmed)
 *   cpus      the usable MADT processors (enabled or online-capable, as
 *             common/acpi counts them), numbered in MADT order from 0
 *   gsis      up to the end of the highest IOAPIC's range (GSI base +
 *             redirection entries); overlapping IOAPIC ranges are refused
 *   forbidden LAPIC page, each IOAPIC's page, each IOMMU's registers,
 *             each ECAM window (1 MiB per bus of an MCFG allocation)
 *   usable    the usable entries of the memory map, shrunk to whole pages,
 *             minus every other entry (the most restrictive type wins),
 *             sorted and merged
 *   devices   each PCI function once, inside an MCFG window when there is
 *             one, with the IOMMU unit covering it (machine_scope.c)
 *   width     the smallest of MAXPHYADDR and the IOMMUs' stated widths
 * Every input is untrusted; the result is built in a scratch copy and
 * copied out only when complete, so *out is unchanged on failure. The
 * scratch is static (one build at a time: boot is single-threaded, host
 * tools build once), which keeps 6 KiB off the hypervisor's stack.
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "common/policy/machine_int.h"

static struct pp_pol_machine scratch;
static u32 scratch_unit[PP_POL_MACHINE_DEVS];
static u16 scratch_alias[PP_POL_MACHINE_DEVS];

static bool field_char_ok(u8 c)
{
	return c > 0x20 && c < 0x7f;
}

/* Copy a fixed-width OEM field, trailing spaces and NULs dropped. */
static int oem_field(const u8 *f, u32 w, const char *what, char *out, u32 *n, struct pp_err *err)
{
	u32 end = w;
	while (end > 0 && (f[end - 1] == ' ' || f[end - 1] == 0))
		end--;
	for (u32 i = 0; i < end; i++) {
		if (!field_char_ok(f[i]))
			return pp_fail(err, PP_EINVAL,
				       "platform: %s byte %u is 0x%02x (not a printable, "
				       "non-space character)",
				       what, i, f[i]);
		out[(*n)++] = (char)f[i];
	}
	return PP_OK;
}

int pp_pol_machine_platform(const u8 *hdr, u32 len, char *out, struct pp_err *err)
{
	char s[PP_POL_PLATFORM_MAX + 1];
	u32 n = 0;
	int rc;
	if (!hdr || len < ACPI_SDT_HDR_LEN)
		return pp_fail(err, PP_ETRUNC, "platform: table header of %u bytes (< 36)",
			       hdr ? len : 0);
	rc = oem_field(hdr + 10, 6, "OEM ID", s, &n, err);
	if (rc)
		return rc;
	if (n == 0)
		return pp_fail(err, PP_EINVAL, "platform: the OEM ID is empty");
	s[n++] = '/';
	rc = oem_field(hdr + 16, 8, "OEM Table ID", s, &n, err);
	if (rc)
		return rc;
	s[n] = '\0';
	memcpy(out, s, n + 1);
	return PP_OK;
}

static int add_range(struct pp_pol_range *r, u32 *n, u64 base, u64 size, const char *what,
		     struct pp_err *err)
{
	if (*n >= PP_POL_MACHINE_RANGES)
		return pp_fail(err, PP_ENOMEM, "more than %u %s ranges", PP_POL_MACHINE_RANGES,
			       what);
	r[(*n)++] = (struct pp_pol_range){base, size};
	return PP_OK;
}

static int gsis(const struct pp_pol_machine_in *in, struct pp_pol_machine *m, struct pp_err *err)
{
	const struct acpi_info *a = in->acpi;
	u64 end[ACPI_MAX_IOAPICS];
	m->n_gsis = 0;
	for (u32 i = 0; i < a->ioapic_count; i++) {
		u32 cnt = in->ioapic_gsis ? in->ioapic_gsis[i] : PP_POL_IOAPIC_GSIS_DEFAULT;
		const struct acpi_ioapic *io = &a->ioapics[i];
		if (cnt == 0 || cnt > PP_POL_IOAPIC_GSIS_MAX)
			return pp_fail(err, PP_ERANGE, "IOAPIC %u: %u redirection entries (1..%u)",
				       io->id, cnt, PP_POL_IOAPIC_GSIS_MAX);
		end[i] = (u64)io->gsi_base + cnt;
		if (end[i] > 0xffffffffull)
			return pp_fail(err, PP_ERANGE, "IOAPIC %u: GSI base %u + %u entries wraps",
				       io->id, io->gsi_base, cnt);
		for (u32 j = 0; j < i; j++)
			if (io->gsi_base < end[j] && a->ioapics[j].gsi_base < end[i])
				return pp_fail(err, PP_EOVERLAP,
					       "IOAPIC %u: GSIs %u..%llu overlap IOAPIC %u's "
					       "%u..%llu",
					       io->id, io->gsi_base, (unsigned long long)end[i] - 1,
					       a->ioapics[j].id, a->ioapics[j].gsi_base,
					       (unsigned long long)end[j] - 1);
		if (end[i] > m->n_gsis)
			m->n_gsis = (u32)end[i];
	}
	return PP_OK;
}

static int forbidden(const struct pp_pol_machine_in *in, const u64 *aperture,
		     struct pp_pol_machine *m, struct pp_err *err)
{
	const struct acpi_info *a = in->acpi;
	int rc =
	    add_range(m->forbidden, &m->n_forbidden, PP_ALIGN_DOWN(a->lapic_base, PP_PAGE_SIZE),
		      PP_POL_LAPIC_SIZE, "forbidden", err);
	for (u32 i = 0; !rc && i < a->ioapic_count; i++)
		rc = add_range(m->forbidden, &m->n_forbidden,
			       PP_ALIGN_DOWN(a->ioapics[i].addr, PP_PAGE_SIZE), PP_POL_IOAPIC_SIZE,
			       "forbidden", err);
	for (u32 i = 0; !rc && i < a->iommu_count; i++)
		rc = add_range(m->forbidden, &m->n_forbidden, a->iommus[i].base, aperture[i],
			       "forbidden", err);
	for (u32 i = 0; !rc && i < a->mcfg_count; i++) {
		const struct acpi_mcfg *c = &a->mcfg[i];
		rc = add_range(m->forbidden, &m->n_forbidden,
			       c->base + (u64)c->bus_start * PP_POL_ECAM_BUS_SIZE,
			       ((u64)c->bus_end - c->bus_start + 1) * PP_POL_ECAM_BUS_SIZE,
			       "forbidden", err);
	}
	return rc;
}

/* Remove [b, e) from every usable range (splitting one in two when needed). */
static int subtract(struct pp_pol_machine *m, u64 b, u64 e, struct pp_err *err)
{
	for (u32 i = 0; i < m->n_usable; i++) {
		struct pp_pol_range *r = &m->usable[i];
		u64 rb = r->base, re = r->base + r->size;
		if (e <= rb || re <= b)
			continue;
		if (b > rb && e < re) {
			int rc = add_range(m->usable, &m->n_usable, e, re - e, "usable RAM", err);
			if (rc)
				return rc;
			r = &m->usable[i];
			r->size = b - rb;
		} else if (b > rb) {
			r->size = b - rb;
		} else if (e < re) {
			r->base = e;
			r->size = re - e;
		} else {
			r->size = 0;
		}
	}
	return PP_OK;
}

/* Sort by base, merge touching ranges, drop empty ones. */
static void normalise(struct pp_pol_machine *m)
{
	u32 n = 0;
	for (u32 i = 1; i < m->n_usable; i++)
		for (u32 j = i; j > 0 && m->usable[j].base < m->usable[j - 1].base; j--) {
			struct pp_pol_range t = m->usable[j];
			m->usable[j] = m->usable[j - 1];
			m->usable[j - 1] = t;
		}
	for (u32 i = 0; i < m->n_usable; i++) {
		struct pp_pol_range r = m->usable[i];
		if (!r.size)
			continue;
		if (n && m->usable[n - 1].base + m->usable[n - 1].size >= r.base) {
			u64 end =
			    PP_MAX(m->usable[n - 1].base + m->usable[n - 1].size, r.base + r.size);
			m->usable[n - 1].size = end - m->usable[n - 1].base;
		} else {
			m->usable[n++] = r;
		}
	}
	for (u32 i = n; i < m->n_usable; i++)
		m->usable[i] = (struct pp_pol_range){0, 0};
	m->n_usable = n;
}

static int memory(const struct pp_pol_machine_in *in, struct pp_pol_machine *m, struct pp_err *err)
{
	int rc = PP_OK;
	if (in->n_mem && !in->mem)
		return pp_fail(err, PP_EINVAL, "memory map: %u entries but no array", in->n_mem);
	for (u32 i = 0; i < in->n_mem; i++) {
		const struct pp_pol_mem_ent *e = &in->mem[i];
		u64 end;
		if (!e->size || !pp_add_ok(e->base, e->size, &end))
			return pp_fail(err, PP_ERANGE,
				       "memory map entry %u: 0x%llx+0x%llx is empty or wraps", i,
				       (unsigned long long)e->base, (unsigned long long)e->size);
	}
	for (u32 i = 0; !rc && i < in->n_mem; i++) {
		const struct pp_pol_mem_ent *e = &in->mem[i];
		u64 b = PP_ALIGN_UP(e->base, PP_PAGE_SIZE);
		u64 end = PP_ALIGN_DOWN(e->base + e->size, PP_PAGE_SIZE);
		if (e->type == PP_POL_MEM_USABLE && e->base <= b && b < end)
			rc = add_range(m->usable, &m->n_usable, b, end - b, "usable RAM", err);
	}
	for (u32 i = 0; !rc && i < in->n_mem; i++) {
		const struct pp_pol_mem_ent *e = &in->mem[i];
		u64 end = e->base + e->size, b = PP_ALIGN_DOWN(e->base, PP_PAGE_SIZE);
		u64 up = PP_ALIGN_UP(end, PP_PAGE_SIZE);
		if (e->type != PP_POL_MEM_USABLE)
			rc = subtract(m, b, up < end ? ~0ull : up, err);
	}
	if (!rc)
		normalise(m);
	return rc;
}

static int reserved(const struct pp_pol_machine_in *in, struct pp_pol_machine *m,
		    struct pp_err *err)
{
	if (in->n_reserved && !in->reserved)
		return pp_fail(err, PP_EINVAL, "reserved: %u ranges but no array", in->n_reserved);
	for (u32 i = 0; i < in->n_reserved; i++) {
		const struct pp_pol_range *r = &in->reserved[i];
		u64 end;
		int rc;
		if (!r->size || !pp_add_ok(r->base, r->size, &end))
			return pp_fail(err, PP_ERANGE,
				       "hypervisor range %u: 0x%llx+0x%llx is empty or wraps", i,
				       (unsigned long long)r->base, (unsigned long long)r->size);
		rc = add_range(m->reserved, &m->n_reserved, r->base, r->size, "hypervisor", err);
		if (rc)
			return rc;
	}
	return PP_OK;
}

static bool in_ecam(const struct acpi_info *a, const struct pp_pol_pci_fn *f)
{
	for (u32 i = 0; i < a->mcfg_count; i++)
		if (a->mcfg[i].segment == f->seg && f->bus >= a->mcfg[i].bus_start &&
		    f->bus <= a->mcfg[i].bus_end)
			return true;
	return false;
}

static int devices(const struct pp_pol_machine_in *in, struct pp_pol_machine *m, struct pp_err *err)
{
	if (in->n_pci > PP_POL_MACHINE_DEVS)
		return pp_fail(err, PP_ENOMEM, "%u PCI functions, at most %u", in->n_pci,
			       PP_POL_MACHINE_DEVS);
	if (in->n_pci && !in->pci)
		return pp_fail(err, PP_EINVAL, "PCI: %u functions but no array", in->n_pci);
	for (u32 i = 0; i < in->n_pci; i++) {
		const struct pp_pol_pci_fn *f = &in->pci[i];
		for (u32 j = 0; j < i; j++)
			if (in->pci[j].seg == f->seg && in->pci[j].bus == f->bus &&
			    in->pci[j].devfn == f->devfn)
				return pp_fail(err, PP_EINVAL,
					       "PCI function %04x:%02x:%02x.%x listed twice",
					       f->seg, f->bus, f->devfn >> 3, f->devfn & 7);
		if (in->acpi->mcfg_count && !in_ecam(in->acpi, f))
			return pp_fail(err, PP_ERANGE,
				       "PCI function %04x:%02x:%02x.%x is outside every MCFG "
				       "window",
				       f->seg, f->bus, f->devfn >> 3, f->devfn & 7);
		m->devs[i] = (struct pp_pol_mdev){.seg = f->seg,
						  .bus = f->bus,
						  .devfn = f->devfn,
						  .iommu = scratch_unit[i],
						  .alias = scratch_alias[i]};
	}
	m->n_devs = in->n_pci;
	return PP_OK;
}

int pp_pol_machine_build(const struct pp_pol_machine_in *in, struct pp_pol_machine *out,
			 struct pp_err *err)
{
	struct pp_pol_machine *m = &scratch;
	u64 aperture[ACPI_MAX_IOMMUS];
	u32 width = 0;
	int rc;

	if (!in || !in->acpi || !out)
		return pp_fail(err, PP_EINVAL, "machine: no ACPI information given");
	if (in->acpi->cpu_count > ACPI_MAX_CPUS || in->acpi->ioapic_count > ACPI_MAX_IOAPICS ||
	    in->acpi->mcfg_count > ACPI_MAX_MCFG || in->acpi->iommu_count > ACPI_MAX_IOMMUS)
		return pp_fail(err, PP_ERANGE, "machine: ACPI counts beyond their tables");
	if (in->acpi->cpu_count == 0)
		return pp_fail(err, PP_ENOENT, "machine: the MADT lists no usable processor");
	if (in->maxphyaddr < 32 || in->maxphyaddr > 52)
		return pp_fail(err, PP_ERANGE, "machine: MAXPHYADDR %u bits not in 32..52",
			       in->maxphyaddr);
	if (in->cat_bits > 32)
		return pp_fail(err, PP_ERANGE, "machine: CAT mask width %u bits (at most 32)",
			       in->cat_bits);
	if (in->n_pci > PP_POL_MACHINE_DEVS)
		return pp_fail(err, PP_ENOMEM, "%u PCI functions, at most %u", in->n_pci,
			       PP_POL_MACHINE_DEVS);

	memset(m, 0, sizeof(*m));
	rc = pp_pol_machine_platform(in->oem, in->oem_len, m->platform, err);
	if (!rc)
		rc = pol_m_scopes(in, scratch_unit, scratch_alias, aperture, &width, err);
	if (rc)
		return rc;
	m->hv_version = in->hv_version;
	m->n_cpus = in->acpi->cpu_count;
	m->cat_bits = in->cat_bits;
	m->n_iommus = in->acpi->iommu_count;
	m->addr_bits = width ? PP_MIN(in->maxphyaddr, width) : in->maxphyaddr;
	rc = gsis(in, m, err);
	if (!rc)
		rc = forbidden(in, aperture, m, err);
	if (!rc)
		rc = memory(in, m, err);
	if (!rc)
		rc = reserved(in, m, err);
	if (!rc)
		rc = devices(in, m, err);
	if (rc)
		return rc;
	memcpy(out, m, sizeof(*out));
	return PP_OK;
}
