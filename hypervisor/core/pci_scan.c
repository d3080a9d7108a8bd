// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci_scan (pci_scan.h): a brute-force walk of each ECAM window, bus by
 * bus, device by device; functions 1-7 only where function 0's header
 * type has the multi-function bit (PCI Local Bus 3.0, 6.2.1). A vendor ID
 * of 0xffff is an absent function. Reads only: nothing is written to
 * configuration space. The windows come from the measured MCFG copy; each
 * bus's 1 MiB must be inside the hypervisor's identity map.
 */
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/paging.h"
#include "pci_scan.h"

#define PCI_VENDOR 0x00u
#define PCI_HEADER_TYPE 0x0eu /* bits 6:0 layout (1 = PCI-to-PCI bridge), bit 7 multi-function */
#define PCI_SECONDARY_BUS 0x19u
#define PCI_SUBORDINATE_BUS 0x1au
#define PCI_ECAM_BUS 0x100000ull
#define PCI_ECAM_FN 0x1000ull

static u8 cfg8(u64 fn_base, u32 off)
{
	return mmio_read8((volatile void *)(uintptr_t)(fn_base + off));
}

static u16 cfg16(u64 fn_base, u32 off)
{
	return (u16)(cfg8(fn_base, off) | (u16)cfg8(fn_base, off + 1) << 8);
}

static int add_fn(struct pci_scan *s, u16 seg, u8 bus, u8 devfn, u64 fn_base, struct pp_err *err)
{
	if (s->n_fns >= PP_POL_MACHINE_DEVS)
		return pp_fail(err, PP_ENOMEM, "pci: more than %u functions", PP_POL_MACHINE_DEVS);
	s->fns[s->n_fns++] = (struct pp_pol_pci_fn){seg, bus, devfn};
	if ((cfg8(fn_base, PCI_HEADER_TYPE) & 0x7f) != 1)
		return PP_OK;
	if (s->n_bridges >= sizeof(s->bridges) / sizeof(s->bridges[0]))
		return pp_fail(err, PP_ENOMEM, "pci: more than %zu bridges",
			       sizeof(s->bridges) / sizeof(s->bridges[0]));
	s->bridges[s->n_bridges++] = (struct pp_pol_bridge){
	    seg, bus, devfn, cfg8(fn_base, PCI_SECONDARY_BUS), cfg8(fn_base, PCI_SUBORDINATE_BUS)};
	return PP_OK;
}

int pci_scan(const struct acpi_info *a, struct pci_scan *out, struct pp_err *err)
{
	out->n_fns = out->n_bridges = 0;
	for (u32 w = 0; w < a->mcfg_count; w++) {
		const struct acpi_mcfg *m = &a->mcfg[w];
		for (u32 bus = m->bus_start; bus <= m->bus_end; bus++) {
			u64 bus_base = m->base + (u64)bus * PCI_ECAM_BUS;
			if (!paging_is_mapped(bus_base, PCI_ECAM_BUS))
				return pp_fail(err, PP_ERANGE,
					       "pci: ECAM of bus %u at 0x%llx is not mapped", bus,
					       (unsigned long long)bus_base);
			for (u32 dev = 0; dev < 32; dev++) {
				u32 nfn = 1;
				for (u32 fn = 0; fn < nfn; fn++) {
					u64 f = bus_base + (u64)(dev * 8 + fn) * PCI_ECAM_FN;
					if (cfg16(f, PCI_VENDOR) == 0xffff)
						continue;
					if (fn == 0 && (cfg8(f, PCI_HEADER_TYPE) & 0x80))
						nfn = 8;
					int rc = add_fn(out, m->segment, (u8)bus,
							(u8)(dev * 8 + fn), f, err);
					if (rc)
						return rc;
				}
			}
		}
	}
	return PP_OK;
}
