// SPDX-License-Identifier: GPL-2.0-only
/*
 * MCFG parser (PCI Firmware Specification 3.x, section 4.1.2, "MCFG Table
 * Description"): SDT header (36), 8 reserved bytes, then 16-byte
 * configuration space base address allocations:
 *   Base Address u64 @0, PCI Segment Group u16 @8, Start Bus u8 @10,
 *   End Bus u8 @11, reserved u32 @12.
 * The base is the ECAM address of bus 0 of the segment, so each bus's 1 MiB
 * window is 1 MiB aligned.
 */
#include <parapet/string.h>
#include "common/acpi/acpi_int.h"

#define MCFG_ALLOCS 44u
#define MCFG_ALLOC_LEN 16u
#define ECAM_BUS_SIZE (1ull << 20)

static int parse_alloc(const u8 *a, u32 off, struct acpi_info *out, struct pp_err *err)
{
	u64 base = ld_le64(a), end;
	u16 seg = ld_le16(a + 8);
	u8 bus_start = a[10], bus_end = a[11];

	if (bus_start > bus_end)
		return pp_fail(err, PP_ERANGE,
			       "MCFG allocation at offset 0x%x: start bus %u > end bus %u", off,
			       bus_start, bus_end);
	if (base == 0 || !PP_IS_ALIGNED(base, ECAM_BUS_SIZE))
		return pp_fail(err, PP_EINVAL,
			       "MCFG allocation at offset 0x%x: base 0x%llx not 1 MiB aligned", off,
			       (unsigned long long)base);
	if (!pp_add_ok(base, ((u64)bus_end + 1) * ECAM_BUS_SIZE, &end))
		return pp_fail(err, PP_ERANGE,
			       "MCFG allocation at offset 0x%x: base 0x%llx + bus window wraps",
			       off, (unsigned long long)base);
	for (u32 i = 0; i < out->mcfg_count; i++)
		if (out->mcfg[i].segment == seg && bus_start <= out->mcfg[i].bus_end &&
		    out->mcfg[i].bus_start <= bus_end)
			return pp_fail(
			    err, PP_EOVERLAP,
			    "MCFG allocation at offset 0x%x: segment %u buses %u-%u overlap "
			    "another allocation",
			    off, seg, bus_start, bus_end);
	if (out->mcfg_count >= ACPI_MAX_MCFG)
		return pp_fail(err, PP_ENOMEM,
			       "MCFG allocation at offset 0x%x: more than %u allocations", off,
			       ACPI_MAX_MCFG);
	out->mcfg[out->mcfg_count++] = (struct acpi_mcfg){
	    .base = base, .segment = seg, .bus_start = bus_start, .bus_end = bus_end};
	return 0;
}

int acpi_parse_mcfg(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err)
{
	int rc = acpi_sdt_check(t, len, "MCFG", MCFG_ALLOCS, err);
	if (rc)
		return rc;
	if ((len - MCFG_ALLOCS) % MCFG_ALLOC_LEN)
		return pp_fail(err, PP_EINVAL,
			       "MCFG length 0x%x leaves %u bytes after the 16-byte allocations",
			       len, (len - MCFG_ALLOCS) % MCFG_ALLOC_LEN);

	u32 n0 = out->mcfg_count;
	for (u32 off = MCFG_ALLOCS; off < len; off += MCFG_ALLOC_LEN) {
		rc = parse_alloc(t + off, off, out, err);
		if (rc) {
			memset(&out->mcfg[n0], 0, (out->mcfg_count - n0) * sizeof(out->mcfg[0]));
			out->mcfg_count = n0;
			return rc;
		}
	}
	return 0;
}
