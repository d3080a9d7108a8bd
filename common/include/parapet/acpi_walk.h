/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ACPI table walk shared by the secure loader (which copies and
 * measures every table it finds, docs/measurements.md) and the hypervisor
 * (which parses the copies, parapet/acpi.h): ACPI 6.5 sections
 * 5.2.5 "Root System Description Pointer", 5.2.6 "System Description Table
 * Header", 5.2.7 RSDT, 5.2.8 XSDT.
 *
 * RSDP: Signature "RSD PTR " at 0 (8), Checksum at 8 (over the first 20
 * bytes), Revision at 15, RsdtAddress u32 at 16; revision 2+: Length u32 at
 * 20, XsdtAddress u64 at 24, Extended Checksum at 32 (over Length bytes).
 * SDT header: 36 bytes; Signature at 0 (4), Length u32 at 4 (the whole
 * table), Revision at 8, Checksum at 9 (all Length bytes sum to 0).
 *
 * Every table is reached through a map callback returning `len` readable
 * bytes for physical address `phys` (or NULL), so the same walk runs over
 * firmware memory, over copies, and over a fake memory in host tests and
 * fuzzers. Each table is mapped twice (header, then Length bytes) and must
 * not change in between; Length, wrap-around and checksum are checked
 * before the table is visited. Bytes are read with ld_le*, never cast.
 */
#ifndef PARAPET_ACPI_WALK_H
#define PARAPET_ACPI_WALK_H

#include <parapet/err.h>
#include <parapet/types.h>

#define ACPI_SDT_HDR_LEN 36u
#define ACPI_SDT_SIG 0u
#define ACPI_SDT_LENGTH 4u
#define ACPI_SDT_REVISION 8u
#define ACPI_SDT_CHECKSUM 9u
#define ACPI_RSDP_V1_LEN 20u
#define ACPI_RSDP_V2_LEN 36u
/* Largest table the walk maps (a sanity cap against absurd Length values). */
#define ACPI_TABLE_MAX_LEN (1024u * 1024u)
/* Most tables a root table may list. */
#define ACPI_MAX_TABLES 64

typedef const u8 *(*acpi_map_fn)(u64 phys, u64 len, void *ctx);

bool acpi_checksum_ok(const u8 *p, u64 len);
/* True when the 4-byte signature at t equals sig (a 4-character string). */
bool acpi_sig_is(const u8 *t, const char *sig);
/* Printable copy of a 4-byte signature ('?' for other bytes). */
void acpi_sig_str(const u8 *p, char s[5]);

struct acpi_root {
	u8 rsdp_revision;
	bool use_xsdt;
	u64 root_phys; /* XSDT or RSDT */
};

/*
 * Called for the root table (root = true) and then for every table it
 * lists, in order (empty slots skipped). t is the mapped, checked table of
 * len bytes read from phys. A non-zero return stops the walk with it.
 */
typedef int (*acpi_visit_fn)(void *ctx, u64 phys, const u8 *t, u32 len, bool root,
			     struct pp_err *err);

/*
 * Check the RSDP copy (20 or 36 bytes, as in the handoff), then map and
 * visit the root table and each listed table. Returns 0, a visitor's code,
 * or PP_E* with a precise message (ENOENT: no RSDP / no root; ETRUNC,
 * EMAGIC, ECHECKSUM, EINVAL, ERANGE: malformed or unmappable; ENOMEM: more
 * than ACPI_MAX_TABLES). *root (may be NULL) receives what the RSDP said.
 */
int acpi_walk(const u8 *rsdp, u32 rsdp_len, acpi_map_fn map, void *map_ctx, acpi_visit_fn visit,
	      void *visit_ctx, struct acpi_root *root, struct pp_err *err);

#endif
