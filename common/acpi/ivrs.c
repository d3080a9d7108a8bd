// SPDX-License-Identifier: GPL-2.0-only
/*
 * IVRS parser (AMD I/O Virtualization Technology (IOMMU) Specification
 * #48882, section 5.2, "IVRS ACPI Table").
 *
 * Layout: SDT header (36), IVinfo u32 at 36, 8 reserved bytes, then IVDB
 * blocks from 48, each starting with Type u8, Flags u8, Length u16:
 *   IVHD 0x10 (24-byte header), 0x11 and 0x40 (40-byte headers):
 *     DeviceID u16 @4, Capability Offset u16 @6, IOMMU Base Address u64 @8,
 *     PCI Segment Group u16 @16, IOMMU Info u16 @18, then IVHD device
 *     entries up to Length.
 *   IVMD 0x20/0x21/0x22 (32 bytes): memory definitions, bounds-checked only.
 * IVHD device entries: types 0x00-0x3f are 4 bytes, 0x40-0x7f 8 bytes;
 * 0xf0 (ACPI HID device) is 22 bytes plus the UID length at offset 21. Other
 * types >= 0x80 have no length we can determine and are rejected.
 * A unit described by several IVHD types (same base) is counted once.
 */
#include "common/acpi/acpi_int.h"

#define IVRS_BLOCKS 48u
#define IVRS_BLK_HDR 4u

#define IVHD_TYPE_10 0x10u
#define IVHD_TYPE_11 0x11u
#define IVHD_TYPE_40 0x40u
#define IVMD_TYPE_FIRST 0x20u
#define IVMD_TYPE_LAST 0x22u

#define IVHD_LEN_10 24u
#define IVHD_LEN_11_40 40u
#define IVMD_LEN 32u

#define IVHD_DEVID 4u
#define IVHD_BASE 8u
#define IVHD_SEGMENT 16u

#define IVHD_DEV_ACPI_HID 0xf0u
#define IVHD_DEV_ACPI_HID_LEN 22u
#define IVHD_DEV_ACPI_HID_UIDLEN 21u

/* Bit per IVHD type seen for a unit, indexed like out->iommus. */
#define IVHD_SEEN_10 1u
#define IVHD_SEEN_11 2u
#define IVHD_SEEN_40 4u

static int walk_devices(const u8 *h, u32 hlen, u32 start, u32 boff, struct pp_err *err)
{
	for (u32 off = start; off < hlen;) {
		u8 type = h[off];
		u32 size;
		if (type < 0x80) {
			size = 4u << (type >> 6);
		} else if (type == IVHD_DEV_ACPI_HID) {
			if (!pp_span_ok(off, IVHD_DEV_ACPI_HID_LEN, hlen))
				return pp_fail(
				    err, PP_ETRUNC,
				    "IVHD at offset 0x%x: device entry type 0x%x at offset 0x%x "
				    "(size %u) exceeds block length %u",
				    boff, type, off, IVHD_DEV_ACPI_HID_LEN, hlen);
			size = IVHD_DEV_ACPI_HID_LEN + h[off + IVHD_DEV_ACPI_HID_UIDLEN];
		} else {
			return pp_fail(
			    err, PP_ENOTSUP,
			    "IVHD at offset 0x%x: device entry type 0x%x at offset 0x%x has "
			    "no known length",
			    boff, type, off);
		}
		if (!pp_span_ok(off, size, hlen))
			return pp_fail(err, PP_ETRUNC,
				       "IVHD at offset 0x%x: device entry type 0x%x at offset 0x%x "
				       "(size %u) exceeds block length %u",
				       boff, type, off, size, hlen);
		off += size;
	}
	return 0;
}

static int parse_ivhd(const u8 *h, u32 hlen, u32 boff, struct acpi_info *out, u8 *seen,
		      struct pp_err *err)
{
	u8 type = h[0];
	u32 hdr = type == IVHD_TYPE_10 ? IVHD_LEN_10 : IVHD_LEN_11_40;
	u8 bit = type == IVHD_TYPE_10	? IVHD_SEEN_10
		 : type == IVHD_TYPE_11 ? IVHD_SEEN_11
					: IVHD_SEEN_40;
	struct acpi_iommu u;
	int rc, i;

	if (hlen < hdr)
		return pp_fail(err, PP_EINVAL, "IVHD type 0x%x at offset 0x%x has length %u (< %u)",
			       type, boff, hlen, hdr);
	u = (struct acpi_iommu){
	    .type = ACPI_IOMMU_AMDVI,
	    .base = ld_le64(h + IVHD_BASE),
	    .segment = ld_le16(h + IVHD_SEGMENT),
	    .devid = ld_le16(h + IVHD_DEVID),
	    .flags = h[1],
	};
	if (u.base == 0 || !PP_IS_ALIGNED(u.base, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL,
			       "IVHD type 0x%x at offset 0x%x: IOMMU base 0x%llx invalid", type,
			       boff, (unsigned long long)u.base);
	rc = walk_devices(h, hlen, hdr, boff, err);
	if (rc)
		return rc;

	i = acpi_find_iommu(out, u.base);
	if (i < 0) {
		rc = acpi_add_iommu(out, &u, "IVHD", boff, err);
		if (rc)
			return rc;
		seen[out->iommu_count - 1] = bit;
		return 0;
	}
	if (out->iommus[i].type != ACPI_IOMMU_AMDVI || (seen[i] & bit))
		return pp_fail(err, PP_EINVAL,
			       "IVHD type 0x%x at offset 0x%x: IOMMU base 0x%llx already listed",
			       type, boff, (unsigned long long)u.base);
	if (out->iommus[i].segment != u.segment || out->iommus[i].devid != u.devid)
		return pp_fail(
		    err, PP_EINVAL,
		    "IVHD type 0x%x at offset 0x%x: IOMMU at 0x%llx described before with "
		    "segment %u device 0x%x, now segment %u device 0x%x",
		    type, boff, (unsigned long long)u.base, out->iommus[i].segment,
		    out->iommus[i].devid, u.segment, u.devid);
	seen[i] |= bit;
	return 0;
}

static int walk(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err)
{
	u8 seen[ACPI_MAX_IOMMUS] = {0};
	int rc;

	for (u32 off = IVRS_BLOCKS; off < len;) {
		if (len - off < IVRS_BLK_HDR)
			return pp_fail(
			    err, PP_ETRUNC,
			    "IVRS block header at offset 0x%x truncated by table length 0x%x", off,
			    len);
		u8 type = t[off];
		u16 blen = ld_le16(t + off + 2);
		if (blen < IVRS_BLK_HDR)
			return pp_fail(err, PP_EINVAL,
				       "IVRS block type 0x%x at offset 0x%x has length %u", type,
				       off, blen);
		if (!pp_span_ok(off, blen, len))
			return pp_fail(
			    err, PP_ETRUNC,
			    "IVRS block type 0x%x at offset 0x%x length %u exceeds table "
			    "length 0x%x",
			    type, off, blen, len);
		if (type == IVHD_TYPE_10 || type == IVHD_TYPE_11 || type == IVHD_TYPE_40) {
			rc = parse_ivhd(t + off, blen, off, out, seen, err);
			if (rc)
				return rc;
		} else if (type >= IVMD_TYPE_FIRST && type <= IVMD_TYPE_LAST && blen < IVMD_LEN) {
			return pp_fail(err, PP_EINVAL,
				       "IVMD type 0x%x at offset 0x%x has length %u (< %u)", type,
				       off, blen, IVMD_LEN);
		}
		off += blen;
	}
	return 0;
}

int acpi_parse_ivrs(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err)
{
	int rc = acpi_sdt_check(t, len, "IVRS", IVRS_BLOCKS, err);
	if (rc)
		return rc;
	u32 n0 = out->iommu_count;
	rc = walk(t, len, out, err);
	if (rc)
		acpi_drop_iommus(out, n0);
	return rc;
}
