/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal helpers shared by the per-table ACPI parsers (not a public API).
 *
 * Layout facts used by every parser (ACPI 6.5 section 5.2.6, "System
 * Description Table Header"): 36-byte header; Signature at 0 (4 bytes),
 * Length at 4 (u32, whole table including the header), Revision at 8,
 * Checksum at 9 (all Length bytes sum to 0 mod 256).
 */
#ifndef PARAPET_COMMON_ACPI_INT_H
#define PARAPET_COMMON_ACPI_INT_H

#include <parapet/bytes.h>
#include <parapet/acpi.h>

/*
 * Common entry check of a per-table parser: len >= min_len (min_len >= 36),
 * signature sig, header Length == len. Fails with a message naming the table.
 */
int acpi_sdt_check(const u8 *t, u32 len, const char *sig, u32 min_len, struct pp_err *err);

/* Index of the recorded IOMMU unit with register base `base`, or -1. */
int acpi_find_iommu(const struct acpi_info *out, u64 base);

/* Append an IOMMU unit; PP_ENOMEM (message naming what/off) when full. */
int acpi_add_iommu(struct acpi_info *out, const struct acpi_iommu *u, const char *what, u32 off,
		   struct pp_err *err);

/* Undo appends: clear units [n0, iommu_count) and reset the count to n0. */
void acpi_drop_iommus(struct acpi_info *out, u32 n0);

#endif
