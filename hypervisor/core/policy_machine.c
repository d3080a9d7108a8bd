// SPDX-License-Identifier: GPL-2.0-only
/*
 * hv_machine_build (policy_machine.h): the builder's inputs from what
 * bring-up has, every one of them from a measured copy or the hardware:
 *   ACPI        platform.acpi (parsed from the secure loader's copies, PCR 20)
 *   platform    the root table's (XSDT or RSDT) OEM fields, from its copy
 *   IOMMU scope the DMAR or IVRS copy
 *   memory      the handoff's memory map (measured, PCR 20)
 *   PCI         the ECAM scan (pci_scan.c)
 *   IOAPICs     each one's IOAPICVER (82093AA datasheet, 3.2.2: bits 23:16
 *               are the highest redirection entry)
 *   own memory  the ranges the page allocator excludes (memory.c)
 *   MAXPHYADDR  CPUID 0x80000008 EAX[7:0]
 *   CAT         none: the hypervisor does not program cache allocation yet
 *               (a policy with cache masks is refused: cache-mask rule)
 */
#include <parapet/policy_machine.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/cache_qos.h"
#include "memory.h"
#include "pci_scan.h"
#include "platform.h"
#include "policy_machine.h"
#include "version.h"

#define IOAPIC_REGSEL 0x00u
#define IOAPIC_WIN 0x10u
#define IOAPIC_VER 0x01u

static struct pci_scan scan;
static struct pp_pol_mem_ent mem[PP_HANDOFF_MAX_MMAP];

/* The copy of the table the firmware had at orig, or with signature sig. */
static const u8 *table_copy(const struct pp_handoff *h, u64 orig, const char *sig, u32 *len)
{
	const struct pp_acpi_copy *a = pp_handoff_acpi(h);
	for (u32 i = 0; i < h->acpi_count; i++) {
		const u8 *t = (const u8 *)(uintptr_t)a[i].copy;
		if (sig ? memcmp(t, sig, 4) == 0 : a[i].orig == orig) {
			*len = a[i].length;
			return t;
		}
	}
	return NULL;
}

static u32 ioapic_entries(u32 addr)
{
	volatile u8 *b = (volatile u8 *)(uintptr_t)addr;
	mmio_write32(b + IOAPIC_REGSEL, IOAPIC_VER);
	return ((mmio_read32(b + IOAPIC_WIN) >> 16) & 0xff) + 1;
}

int hv_machine_build(const struct pp_handoff *h, struct pp_pol_machine *m, struct pp_err *err)
{
	const struct acpi_info *a = &platform.acpi;
	struct pp_pol_machine_in in;
	struct palloc_range own[PALLOC_MAX_EXCLUDE];
	struct pp_pol_range reserved[PALLOC_MAX_EXCLUDE];
	u32 gsis[ACPI_MAX_IOAPICS];
	u32 eax, ebx, ecx, edx;

	if (!platform.acpi_ok)
		return pp_fail(err, PP_ENOENT,
			       "machine: no usable ACPI tables (see the hv: acpi lines)");
	memset(&in, 0, sizeof(in));
	in.acpi = a;
	in.oem = table_copy(h, a->root_phys, NULL, &in.oem_len);
	if (!in.oem)
		return pp_fail(err, PP_ENOENT, "machine: no copy of the root table at 0x%llx",
			       (unsigned long long)a->root_phys);
	in.iommu_tbl = table_copy(h, 0, "IVRS", &in.iommu_tbl_len);
	if (!in.iommu_tbl)
		in.iommu_tbl = table_copy(h, 0, "DMAR", &in.iommu_tbl_len);

	const struct pp_mem_range *mm = pp_handoff_mmap(h);
	for (u32 i = 0; i < h->mmap_count && i < PP_HANDOFF_MAX_MMAP; i++)
		mem[i] = (struct pp_pol_mem_ent){
		    mm[i].base, mm[i].length, mm[i].type == PP_MEM_USABLE ? PP_POL_MEM_USABLE : 0u};
	in.mem = mem;
	in.n_mem = h->mmap_count < PP_HANDOFF_MAX_MMAP ? h->mmap_count : PP_HANDOFF_MAX_MMAP;

	int rc = pci_scan(a, &scan, err);
	if (rc)
		return rc;
	in.pci = scan.fns;
	in.n_pci = scan.n_fns;
	in.bridges = scan.bridges;
	in.n_bridges = scan.n_bridges;

	for (u32 i = 0; i < a->ioapic_count && i < ACPI_MAX_IOAPICS; i++)
		gsis[i] = ioapic_entries(a->ioapics[i].addr);
	in.ioapic_gsis = gsis;

	u32 n = memory_own_ranges(h, own, PALLOC_MAX_EXCLUDE);
	for (u32 i = 0; i < n; i++)
		reserved[i] = (struct pp_pol_range){own[i].base, own[i].length};
	in.reserved = reserved;
	in.n_reserved = n;

	cpuid(0x80000000u, 0, &eax, &ebx, &ecx, &edx);
	in.maxphyaddr = 36; /* the architectural default without leaf 0x80000008 */
	if (eax >= 0x80000008u) {
		cpuid(0x80000008u, 0, &eax, &ebx, &ecx, &edx);
		in.maxphyaddr = eax & 0xff;
	}
	/* the L3 mask width where this CPU partitions its cache (cache_qos.h) */
	in.cat_bits = cache_qos_caps.kind != CACHE_QOS_NONE ? cache_qos_caps.cbm_len : 0;
	in.hv_version = HV_VERSION;
	return pp_pol_machine_build(&in, m, err);
}
