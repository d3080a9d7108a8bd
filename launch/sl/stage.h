/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Used only as measured (docs/launch.md, "Copy area"): before measuring
 * anything, the secure loader copies every boot module and every ACPI table
 * into one area of RAM it picked itself, and from then on hashes, parses,
 * loads and hands over only those copies. Whatever rewrites the originals
 * after that (another CPU, a device, the firmware) changes nothing the
 * launch measured or uses.
 *
 *  area      one page-aligned range of usable RAM below 4 GiB, as high as
 *            possible, clear of the SL region, launch's image, every
 *            module's original and the hypervisor's load span as launch
 *            saw it (a hint: the ELF check on the copy enforces it);
 *  modules   each copied once, page-aligned, and the handoff's module table
 *            rewritten to point at the copies;
 *  ACPI      walked twice: once over firmware memory to size the copies,
 *            once copying every table as it is mapped (the walk checks the
 *            copy, never the original); the handoff gains the copy table
 *            (struct pp_acpi_copy, root table first).
 * The handoff records the area (copy_base/size): the hypervisor keeps it.
 * Pure apart from sl_phys (identity in the SL, a fake memory in the host
 * tests: tests/unit/test_sl_stage.c).
 */
#ifndef PARAPET_LAUNCH_SL_STAGE_H
#define PARAPET_LAUNCH_SL_STAGE_H

#include <parapet/err.h>
#include <parapet/handoff.h>

/* [pa, pa + len) readable and writable, or NULL (sl.h implements it). */
u8 *sl_phys(u64 pa, u64 len);

struct sl_range {
	u64 base, len;
};

#define SL_AREA_MIN 0x100000ull	   /* never below 1 MiB */
#define SL_AREA_MAX 0x100000000ull /* identity-mapped by the SL */

/*
 * The highest page-aligned [*base, *base + size) inside one PP_MEM_USABLE
 * range of the sorted map m[0, n), inside [SL_AREA_MIN, SL_AREA_MAX) and
 * overlapping none of forb[0, nf). PP_ENOMEM when there is none.
 */
int sl_area_find(const struct pp_mem_range *m, u32 n, const struct sl_range *forb, u32 nf, u64 size,
		 u64 *base, struct pp_err *err);

struct sl_area {
	u64 base, size, used;
};

/*
 * Size, place and fill the area: the modules of h (launch's view), then the
 * ACPI tables behind h->rsdp. h lives in a buffer of cap bytes (the ACPI
 * copy table is appended to it). On return h's module table and
 * copy_base/size/acpi_* describe the copies. A malformed ACPI description
 * is not fatal: no table is copied and acpi_err says why (the measurement
 * records it); *acpi_err.code is 0 otherwise. Any other failure returns
 * PP_E* with a message, h unchanged except for module bases already copied.
 */
int sl_stage_area(struct pp_handoff *h, u32 cap, struct sl_area *area, struct pp_err *acpi_err,
		  struct pp_err *err);

#endif
