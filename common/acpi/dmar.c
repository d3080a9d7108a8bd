// SPDX-License-Identifier: GPL-2.0-only
/*
 * DMAR parser (Intel Virtualization Technology for Directed I/O
 * Architecture Specification, chapter 8, "BIOS Considerations").
 *
 * Layout (8.1): SDT header (36), Host Address Width u8 at 36 (N: the
 * maximum DMA physical addressability is N+1 bits), Flags u8 at 37,
 * 10 reserved bytes, then remapping structures from 48, each starting with
 * Type u16 and Length u16:
 *   0 DRHD (8.3, 16-byte header): Flags u8 @4 (bit 0 INCLUDE_PCI_ALL),
 *     Size u8 @5, Segment u16 @6, Register Base Address u64 @8, device
 *     scopes from 16.
 *   1 RMRR (8.4, 24-byte header, device scopes from 24),
 *   2 ATSR (8.5, 8, scopes from 8), 3 RHSA (8.6, 20), 4 ANDD (8.7, 8),
 *   5 SATC (8.8, 8, scopes from 8): checked for length (and device scopes),
 *   otherwise skipped. Unknown types are skipped after the length check.
 * Device scope (8.3.1): Type u8 @0, Length u8 @1 (6 + 2 bytes per path
 * entry), Enumeration ID u8 @4, Start Bus u8 @5, path from 6.
 */
#include "common/acpi/acpi_int.h"

#define DMAR_HAW 36u
#define DMAR_STRUCTS 48u
#define DMAR_STRUCT_HDR 4u

#define DMAR_TYPE_DRHD 0u
#define DMAR_TYPE_RMRR 1u
#define DMAR_TYPE_ATSR 2u
#define DMAR_TYPE_RHSA 3u
#define DMAR_TYPE_ANDD 4u
#define DMAR_TYPE_SATC 5u

#define DRHD_FLAGS 4u
#define DRHD_SEGMENT 6u
#define DRHD_BASE 8u

#define DEV_SCOPE_MIN 6u

/* Minimum length and device scope start per structure type (0: no scopes). */
static void type_layout(u16 type, u32 *min, u32 *scopes)
{
	switch (type) {
	case DMAR_TYPE_DRHD:
		*min = 16;
		*scopes = 16;
		break;
	case DMAR_TYPE_RMRR:
		*min = 24;
		*scopes = 24;
		break;
	case DMAR_TYPE_ATSR:
		*min = 8;
		*scopes = 8;
		break;
	case DMAR_TYPE_RHSA:
		*min = 20;
		*scopes = 0;
		break;
	case DMAR_TYPE_ANDD:
		*min = 8;
		*scopes = 0;
		break;
	case DMAR_TYPE_SATC:
		*min = 8;
		*scopes = 8;
		break;
	default:
		*min = DMAR_STRUCT_HDR;
		*scopes = 0;
		break;
	}
}

static const char *type_name(u16 type)
{
	static const char *const names[] = {"DRHD", "RMRR", "ATSR", "RHSA", "ANDD", "SATC"};
	return type < PP_ARRAY_SIZE(names) ? names[type] : "structure";
}

static int walk_scopes(const u8 *s, u32 slen, u32 start, u16 type, u32 soff, struct pp_err *err)
{
	for (u32 off = start; off < slen;) {
		if (slen - off < 2)
			return pp_fail(
			    err, PP_ETRUNC,
			    "%s at offset 0x%x: device scope header at offset 0x%x truncated "
			    "by structure length %u",
			    type_name(type), soff, off, slen);
		u8 dlen = s[off + 1];
		if (dlen < DEV_SCOPE_MIN || (dlen - DEV_SCOPE_MIN) % 2)
			return pp_fail(
			    err, PP_EINVAL,
			    "%s at offset 0x%x: device scope at offset 0x%x has length %u",
			    type_name(type), soff, off, dlen);
		if (!pp_span_ok(off, dlen, slen))
			return pp_fail(
			    err, PP_ETRUNC,
			    "%s at offset 0x%x: device scope at offset 0x%x length %u exceeds "
			    "structure length %u",
			    type_name(type), soff, off, dlen, slen);
		off += dlen;
	}
	return 0;
}

static int parse_drhd(const u8 *s, u32 soff, struct acpi_info *out, struct pp_err *err)
{
	struct acpi_iommu u = {
	    .type = ACPI_IOMMU_VTD,
	    .base = ld_le64(s + DRHD_BASE),
	    .segment = ld_le16(s + DRHD_SEGMENT),
	    .devid = 0,
	    .flags = s[DRHD_FLAGS],
	};
	if (u.base == 0 || !PP_IS_ALIGNED(u.base, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL, "DRHD at offset 0x%x: register base 0x%llx invalid",
			       soff, (unsigned long long)u.base);
	if (acpi_find_iommu(out, u.base) >= 0)
		return pp_fail(err, PP_EINVAL,
			       "DRHD at offset 0x%x: register base 0x%llx already listed", soff,
			       (unsigned long long)u.base);
	return acpi_add_iommu(out, &u, "DRHD", soff, err);
}

static int walk(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err)
{
	u8 haw = (u8)(t[DMAR_HAW] + 1);
	int rc;

	if (t[DMAR_HAW] < 31 || t[DMAR_HAW] > 63)
		return pp_fail(err, PP_ERANGE, "DMAR host address width %u bits outside 32..64",
			       t[DMAR_HAW] + 1u);
	for (u32 off = DMAR_STRUCTS; off < len;) {
		if (len - off < DMAR_STRUCT_HDR)
			return pp_fail(
			    err, PP_ETRUNC,
			    "DMAR structure header at offset 0x%x truncated by table length "
			    "0x%x",
			    off, len);
		u16 type = ld_le16(t + off), slen = ld_le16(t + off + 2);
		u32 min, scopes;
		if (slen < DMAR_STRUCT_HDR)
			return pp_fail(err, PP_EINVAL,
				       "DMAR structure at offset 0x%x has length %u (< 4)", off,
				       slen);
		if (!pp_span_ok(off, slen, len))
			return pp_fail(
			    err, PP_ETRUNC,
			    "DMAR structure at offset 0x%x length %u exceeds table length 0x%x",
			    off, slen, len);
		type_layout(type, &min, &scopes);
		if (slen < min)
			return pp_fail(err, PP_EINVAL, "%s at offset 0x%x has length %u (< %u)",
				       type_name(type), off, slen, min);
		if (scopes) {
			rc = walk_scopes(t + off, slen, scopes, type, off, err);
			if (rc)
				return rc;
		}
		if (type == DMAR_TYPE_DRHD) {
			rc = parse_drhd(t + off, off, out, err);
			if (rc)
				return rc;
		}
		off += slen;
	}
	out->dmar_haw = haw;
	return 0;
}

int acpi_parse_dmar(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err)
{
	int rc = acpi_sdt_check(t, len, "DMAR", DMAR_STRUCTS, err);
	if (rc)
		return rc;
	u32 n0 = out->iommu_count;
	rc = walk(t, len, out, err);
	if (rc)
		acpi_drop_iommus(out, n0);
	return rc;
}
