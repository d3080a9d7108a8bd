/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine a policy is checked against (struct pp_pol_machine,
 * parapet/policy.h): one builder, freestanding, shared by the hypervisor
 * (which fills it from what it booted on) and `parapet policy check
 * --machine DIR` (from a target's captured tables, policy/cli/machine_dir.c).
 * docs/policy-machine.md states every rule below.
 *
 * Inputs (all untrusted, all bounded):
 *   acpi        the tables as parsed by common/acpi (acpi_parse or the
 *               per-table parsers): MADT CPUs and IOAPICs, LAPIC base,
 *               MCFG windows, IOMMU units, DMAR host address width
 *   oem         a table header (36 bytes) whose OEM ID (6 bytes at 10) and
 *               OEM Table ID (8 bytes at 16) name the platform: the XSDT's
 *               (the RSDT's without one)
 *   iommu_tbl   the DMAR or IVRS table itself (the scopes are not in
 *               struct acpi_info); NULL when the machine has neither
 *   mem         the firmware memory map ({base, size, type})
 *   pci         the PCI functions present (seg:bus:dev.fn)
 *   bridges     PCI-to-PCI bridges with their bus numbers, needed only
 *               for DMAR device scopes whose path crosses a bridge
 *   ioapic_gsis redirection entries of each MADT IOAPIC (IOAPICVER bits
 *               23:16 plus one); NULL: PP_POL_IOAPIC_GSIS_DEFAULT each
 *   maxphyaddr, cat_bits, hv_version, reserved: as the names say
 * On failure *out is unchanged and err names the input at fault.
 */
#ifndef PARAPET_POLICY_MACHINE_H
#define PARAPET_POLICY_MACHINE_H

#include <parapet/acpi.h>
#include <parapet/err.h>
#include <parapet/policy.h>
#include <parapet/types.h>

/* Memory map entry types (the E820 / ACPI address range types). */
#define PP_POL_MEM_USABLE 1u /* AddressRangeMemory: the only type counted as RAM */

/* An IOAPIC whose entry count nobody read (offline capture): 24 entries. */
#define PP_POL_IOAPIC_GSIS_DEFAULT 24u
/* Largest redirection entry count an IOAPIC can report (IOAPICVER 23:16). */
#define PP_POL_IOAPIC_GSIS_MAX 256u

/* Register apertures taken as forbidden (docs/policy-machine.md). */
#define PP_POL_LAPIC_SIZE 0x1000ull	 /* xAPIC registers: one page */
#define PP_POL_IOAPIC_SIZE 0x1000ull	 /* IOREGSEL/IOWIN: one page */
#define PP_POL_AMDVI_SIZE 0x80000ull	 /* spec 48882: up to 512 KiB with counters */
#define PP_POL_ECAM_BUS_SIZE 0x100000ull /* PCIe ECAM: 1 MiB per bus */

struct pp_pol_mem_ent {
	u64 base, size;
	u32 type; /* PP_POL_MEM_USABLE or any other (not RAM) */
};

struct pp_pol_pci_fn {
	u16 seg;
	u8 bus, devfn;
};

struct pp_pol_bridge {
	u16 seg;
	u8 bus, devfn;		   /* where the bridge is */
	u8 secondary, subordinate; /* the bus numbers behind it */
};

struct pp_pol_machine_in {
	const struct acpi_info *acpi;
	const u8 *oem; /* >= 36 bytes of a table header */
	u32 oem_len;
	const u8 *iommu_tbl; /* the whole DMAR or IVRS table, or NULL */
	u32 iommu_tbl_len;
	const struct pp_pol_mem_ent *mem;
	u32 n_mem;
	const struct pp_pol_pci_fn *pci;
	u32 n_pci;
	const struct pp_pol_bridge *bridges;
	u32 n_bridges;
	const u32 *ioapic_gsis;		     /* acpi->ioapic_count entries, or NULL */
	const struct pp_pol_range *reserved; /* the hypervisor's own memory */
	u32 n_reserved;
	u32 maxphyaddr; /* CPUID 0x80000008 EAX[7:0]: 32..52 */
	u32 cat_bits;	/* L3 CAT capacity mask width, 0 = none */
	u32 hv_version;
};

/* Fill *out from *in (see above): PP_OK, or a PP_E* code with err set. */
int pp_pol_machine_build(const struct pp_pol_machine_in *in, struct pp_pol_machine *out,
			 struct pp_err *err);

/*
 * The platform string of a table header: OEM ID and OEM Table ID, each
 * without trailing spaces and NULs, joined by '/' ("BOCHS/BXPC" on QEMU).
 * out has PP_POL_PLATFORM_MAX + 1 bytes. Refuses bytes outside 0x21..0x7e
 * inside a field and an empty OEM ID.
 */
int pp_pol_machine_platform(const u8 *hdr, u32 len, char *out, struct pp_err *err);

/*
 * The IOMMU unit covering each PCI function, from the DMAR's device
 * scopes (endpoints, sub-hierarchies, INCLUDE_PCI_ALL) or the IVRS's IVHD
 * device entries (select, ranges, aliases, extended, select-all):
 * unit[i] for pci[i], an index into acpi->iommus, or PP_POL_NO_IOMMU.
 * Used by pp_pol_machine_build; exposed for tests.
 */
int pp_pol_machine_scopes(const struct pp_pol_machine_in *in, u32 *unit, struct pp_err *err);

#endif
