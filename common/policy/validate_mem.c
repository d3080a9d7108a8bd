// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy's memory rules (rules 2, 3, 5 and 8 of docs/policy.md
 * "Invariants"), over three kinds of range:
 *
 *   ram      guest-physical; host-physical too when fixed (else the
 *            hypervisor allocates it from usable RAM, disjoint by
 *            construction)
 *   mmio     host-physical device memory passed through at a guest address
 *   channel  guest-physical window onto memory shared by exactly two
 *            partitions (validate_chan.c); the hypervisor allocates it
 *
 * Alignment (2): every base and size 4 KiB aligned, size non-zero, no wrap,
 * below 2^52 (the machine's own width: validate_machine.c). Disjointness
 * (3): a partition's guest ranges never overlap; host ranges named by the
 * policy (fixed RAM, MMIO) never overlap anywhere, so no page is mapped
 * twice, not even twice into one partition. Never passed through (5): the
 * architectural ranges below, whatever the machine (the machine's actual
 * LAPIC, IOAPICs, IOMMUs and ECAM: validate_machine.c). DMA (8): a DMA-enabled
 * range only where the partition owns a device, since the device's DMA
 * domain is exactly its owner's DMA-enabled RAM (hypervisor/drivers/iommu).
 */
#include <parapet/policy.h>
#include "common/policy/pol_int.h"

/* One range under check, with what to call it in a message. */
struct pol_rng {
	u64 base, size;
	u32 part;
	const char *kind;
};

#define POL_RANGES (PP_POL_MAX_RAM + PP_POL_MAX_MMIO + PP_POL_MAX_CHANS)

/* guest = true: every guest range; false: the host ranges the policy fixes. */
static u32 collect(const struct pp_policy *p, bool guest, struct pol_rng *r)
{
	u32 n = 0;
	for (u32 i = 0; i < p->n_ram; i++)
		if (guest || (p->ram[i].flags & PP_POL_RAM_FIXED))
			r[n++] = (struct pol_rng){guest ? p->ram[i].gpa : p->ram[i].hpa,
						  p->ram[i].size, p->ram[i].part, "ram"};
	for (u32 i = 0; i < p->n_mmio; i++)
		r[n++] = (struct pol_rng){guest ? p->mmio[i].gpa : p->mmio[i].hpa, p->mmio[i].size,
					  p->mmio[i].part, "mmio"};
	for (u32 i = 0; guest && i < p->n_chans; i++)
		r[n++] = (struct pol_rng){p->chans[i].gpa, p->chans[i].size, p->chans[i].part,
					  "channel"};
	return n;
}

static int aligned(const struct pp_policy *p, const struct pol_rng *r, const char *space,
		   struct pp_pol_error *out)
{
	const char *pn = pol_pname(p, r->part);
	if (!r->size)
		return pol_fail(out, PP_POL_ALIGN, PP_ERANGE,
				"partition \"%s\": %s at %s 0x%llx: size 0", pn, r->kind, space,
				(unsigned long long)r->base);
	if ((r->base | r->size) & (POL_PAGE - 1))
		return pol_fail(out, PP_POL_ALIGN, PP_ERANGE,
				"partition \"%s\": %s at %s 0x%llx size 0x%llx: not 4 KiB aligned",
				pn, r->kind, space, (unsigned long long)r->base,
				(unsigned long long)r->size);
	if (r->base >= POL_MAX_ADDR || r->size > POL_MAX_ADDR - r->base)
		return pol_fail(out, PP_POL_ALIGN, PP_ERANGE,
				"partition \"%s\": %s at %s 0x%llx size 0x%llx: ends past 2^52", pn,
				r->kind, space, (unsigned long long)r->base,
				(unsigned long long)r->size);
	return PP_OK;
}

int pol_v_align(const struct pp_policy *p, struct pp_pol_error *out)
{
	static struct pol_rng r[POL_RANGES]; /* 2 KiB: off the freestanding stack */
	for (int guest = 1; guest >= 0; guest--) {
		u32 n = collect(p, guest, r);
		for (u32 i = 0; i < n; i++) {
			int rc = aligned(p, &r[i], guest ? "gpa" : "hpa", out);
			if (rc)
				return rc;
		}
	}
	return PP_OK;
}

static int clash(const struct pp_policy *p, const struct pol_rng *a, const struct pol_rng *b,
		 const char *space, struct pp_pol_error *out)
{
	return pol_fail(out, PP_POL_MEMORY, PP_EOVERLAP,
			"%s overlap: partition \"%s\" %s 0x%llx+0x%llx and partition \"%s\" %s "
			"0x%llx+0x%llx",
			space, pol_pname(p, a->part), a->kind, (unsigned long long)a->base,
			(unsigned long long)a->size, pol_pname(p, b->part), b->kind,
			(unsigned long long)b->base, (unsigned long long)b->size);
}

int pol_v_memory(const struct pp_policy *p, struct pp_pol_error *out)
{
	static struct pol_rng r[POL_RANGES];
	u32 n = collect(p, true, r);
	for (u32 i = 0; i < n; i++)
		for (u32 j = 0; j < i; j++)
			if (r[i].part == r[j].part &&
			    pol_overlap(r[i].base, r[i].size, r[j].base, r[j].size))
				return clash(p, &r[j], &r[i], "guest-physical", out);
	n = collect(p, false, r);
	for (u32 i = 0; i < n; i++)
		for (u32 j = 0; j < i; j++)
			if (pol_overlap(r[i].base, r[i].size, r[j].base, r[j].size))
				return clash(p, &r[j], &r[i], "host-physical", out);
	return PP_OK;
}

/*
 * Host ranges never passed through, on any x86 machine (rule 5). The
 * machine's own (relocated LAPIC, every IOAPIC, IOMMU registers, ECAM)
 * come from its ACPI tables: pp_pol_machine.forbidden.
 */
static const struct {
	u64 base, size;
	const char *what;
} arch_forbidden[] = {
    {0xfee00000ull, 0x100000ull, "the LAPIC and MSI window (SDM Vol. 3A, local APIC; MSI address)"},
    {0xfec00000ull, 0x1000ull, "the default IOAPIC (MultiProcessor Specification 1.4)"},
    {0xfed20000ull, 0x20000ull, "TXT private and public space (TXT SDG, configuration registers)"},
    {POL_TPM_LOC0 + POL_TPM_LOC_SIZE, 4 * POL_TPM_LOC_SIZE,
     "TPM localities 1-4 (TCG PC Client PTP, locality map)"},
};

int pol_v_forbidden(const struct pp_policy *p, struct pp_pol_error *out)
{
	static struct pol_rng r[POL_RANGES];
	u32 n = collect(p, false, r);
	for (u32 i = 0; i < n; i++)
		for (u32 k = 0; k < sizeof(arch_forbidden) / sizeof(arch_forbidden[0]); k++)
			if (pol_overlap(r[i].base, r[i].size, arch_forbidden[k].base,
					arch_forbidden[k].size))
				return pol_fail(out, PP_POL_FORBIDDEN, PP_EINVAL,
						"partition \"%s\": %s hpa 0x%llx+0x%llx maps %s",
						pol_pname(p, r[i].part), r[i].kind,
						(unsigned long long)r[i].base,
						(unsigned long long)r[i].size,
						arch_forbidden[k].what);
	return PP_OK;
}

int pol_v_dma(const struct pp_policy *p, struct pp_pol_error *out)
{
	for (u32 i = 0; i < p->n_ram; i++) {
		const struct pp_pol_ram *r = &p->ram[i];
		bool has_dev = false;
		if (!(r->flags & PP_POL_RAM_DMA))
			continue;
		for (u32 d = 0; d < p->n_devs; d++)
			has_dev |= p->devs[d].part == r->part;
		if (!has_dev)
			return pol_fail(
			    out, PP_POL_DMA, PP_EINVAL,
			    "partition \"%s\": ram at gpa 0x%llx is DMA-enabled but the "
			    "partition owns no device",
			    pol_pname(p, r->part), (unsigned long long)r->gpa);
	}
	return PP_OK;
}
