/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ACPI table discovery and parsing (ACPI 6.x; IVRS per AMD IOMMU spec 48882,
 * DMAR per Intel VT-d spec ch. 8, TPM2 per TCG ACPI spec).
 *
 * Every table is reached through a map callback that returns a pointer to
 * `len` readable bytes at physical address `phys` (or NULL), so the same code
 * runs in the hypervisor (identity map), in the Intel TXT MLE (its MMIO
 * ranges: launch/sl/txt.c) and in host unit tests and fuzzers (a fake
 * physical memory). Sources: common/acpi/. Every length, offset and checksum is checked;
 * malformed tables are rejected with a precise message and no partial result
 * is used. Structures are read with the ld_le* helpers, never by casting.
 */
#ifndef PARAPET_ACPI_H
#define PARAPET_ACPI_H

#include <parapet/acpi_walk.h>
#include <parapet/err.h>
#include <parapet/types.h>

#define ACPI_MAX_CPUS 64
#define ACPI_MAX_IOAPICS 8
#define ACPI_MAX_MCFG 4
#define ACPI_MAX_IOMMUS 8

struct acpi_cpu {
	u32 apic_id;
	u32 uid;
	bool x2apic; /* came from a type 9 (x2APIC) MADT entry */
};

struct acpi_ioapic {
	u8 id;
	u32 addr;
	u32 gsi_base;
};

struct acpi_mcfg {
	u64 base;
	u16 segment;
	u8 bus_start, bus_end;
};

#define ACPI_IOMMU_AMDVI 1u
#define ACPI_IOMMU_VTD 2u

struct acpi_iommu {
	u32 type; /* ACPI_IOMMU_* */
	u64 base; /* register base (IVHD IOMMU base address / DRHD register base) */
	u16 segment;
	u16 devid; /* AMD-Vi: the IOMMU's own PCI requester id; VT-d: 0 */
	u32 flags; /* IVHD flags / DRHD flags (bit 0 INCLUDE_PCI_ALL) */
};

/* TPM2 table start methods (TCG ACPI spec, table "Start Method values") */
#define ACPI_TPM2_START_ACPI 2u
#define ACPI_TPM2_START_TIS 6u /* memory-mapped FIFO (TIS) */
#define ACPI_TPM2_START_CRB 7u
#define ACPI_TPM2_START_CRB_ACPI 8u

struct acpi_info {
	u8 rsdp_revision;
	bool use_xsdt;
	u64 root_phys; /* XSDT or RSDT */
	u32 table_count;
	char table_sigs[ACPI_MAX_TABLES][5];

	bool madt_present;
	u64 lapic_base;
	u32 cpu_count; /* enabled (or online-capable) processors */
	struct acpi_cpu cpus[ACPI_MAX_CPUS];
	u32 ioapic_count;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];

	u32 mcfg_count;
	struct acpi_mcfg mcfg[ACPI_MAX_MCFG];

	u32 iommu_count; /* from IVRS and DMAR */
	struct acpi_iommu iommus[ACPI_MAX_IOMMUS];
	u8 dmar_haw; /* DMAR host address width (N+1 bits), 0 if no DMAR */

	bool tpm2_present;
	u32 tpm2_start_method;
	u64 tpm2_control_area;
	u64 tpm2_log_base; /* LASA, 0 if absent */
	u32 tpm2_log_len;  /* LAML */
};

/*
 * Parse from a copy of the RSDP (20 or 36 bytes, as in the handoff). MADT is
 * required; MCFG, IVRS, DMAR and TPM2 are optional but must parse when
 * present; each may appear once (docs/acpi.md). On failure *out is zeroed.
 */
int acpi_parse(const u8 *rsdp, u32 rsdp_len, acpi_map_fn map, void *ctx, struct acpi_info *out,
	       struct pp_err *err);

/* Per-table parsers over a complete table (header included, len = its Length,
 * checksum already verified). Exposed for unit tests and fuzzers. */
int acpi_parse_madt(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err);
int acpi_parse_mcfg(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err);
int acpi_parse_ivrs(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err);
int acpi_parse_dmar(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err);
int acpi_parse_tpm2(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err);

#endif
