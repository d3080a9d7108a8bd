// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which IOMMU unit covers each present PCI function (pp_pol_machine_scopes,
 * parapet/policy_machine.h), from the DMAR or IVRS table's bytes. The
 * table is untrusted: every structure is bounds-checked here again (the
 * builder may get a table common/acpi never saw), read with ld_le*, and a
 * function claimed by two units is refused, never guessed.
 *
 * DMAR (Intel VT-d specification, chapter 8): DRHD (type 0) Flags @4
 * (bit 0 INCLUDE_PCI_ALL), Size @5 (bits 3:0: 2^n pages of registers,
 * 8.3), Segment @6, Register Base @8, device scopes from 16 (8.3.1): Type
 * @0 (1 PCI endpoint, 2 PCI sub-hierarchy, 3 IOAPIC, 4 HPET, 5 ACPI
 * namespace device), Length @1, Start Bus @5, path of (device, function)
 * byte pairs from 6. A path of n pairs crosses n - 1 bridges: their
 * secondary bus numbers come from in->bridges. A function named by a
 * scope is that unit's; any other function of the segment belongs to the
 * segment's INCLUDE_PCI_ALL unit (8.3: at most one per segment).
 *
 * IVRS (AMD IOMMU specification 48882, 5.2.2): IVinfo @36 (PA size bits
 * 14:8, VA size bits 21:15); IVHD 0x10 (24-byte header) and 0x11/0x40
 * (40-byte): Base @8, Segment @16, device entries after the header
 * (5.2.2.2): 0 pad, 1 all, 2 select, 3 range start, 4 range end, 0x42
 * alias select, 0x43 alias range start, 0x46 extended select, 0x47
 * extended range start, 0x48 special (IOAPIC/HPET: no PCI function), 0xf0
 * ACPI HID device (22 bytes + UID length); DeviceID (bus << 8 | devfn)
 * @1. A range start is followed by its end (type 4). Several IVHD types
 * may describe one unit (same base): their entries add up.
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "common/policy/machine_int.h"

#define DMAR_HAW 36u
#define DMAR_STRUCTS 48u
#define DRHD_HDR 16u
#define SCOPE_ENDPOINT 1u
#define SCOPE_SUBTREE 2u

#define IVRS_INFO 36u
#define IVRS_BLOCKS 48u

/* Index of the parsed unit with register base `base`, or -1. */
static int unit_of(const struct acpi_info *a, u64 base)
{
	for (u32 k = 0; k < a->iommu_count && k < ACPI_MAX_IOMMUS; k++)
		if (a->iommus[k].base == base)
			return (int)k;
	return -1;
}

static void fn_name(const struct pp_pol_pci_fn *f, char *s)
{
	static const char hex[] = "0123456789abcdef";
	u32 v[4] = {f->seg, f->bus, (u32)f->devfn >> 3, (u32)f->devfn & 7};
	u32 w[4] = {4, 2, 2, 1}, n = 0;
	for (u32 i = 0; i < 4; i++) {
		for (u32 d = w[i]; d-- > 0;)
			s[n++] = hex[(v[i] >> (4 * d)) & 15];
		s[n++] = i == 0 || i == 1 ? ':' : i == 2 ? '.' : '\0';
	}
}

/* Give function i to unit u (found by `what` at table offset off). */
static int claim(const struct pp_pol_machine_in *in, u32 *unit, u32 i, u32 u, const char *what,
		 u32 off, struct pp_err *err)
{
	char s[16];
	if (unit[i] == PP_POL_NO_IOMMU || unit[i] == u) {
		unit[i] = u;
		return PP_OK;
	}
	fn_name(&in->pci[i], s);
	return pp_fail(err, PP_EINVAL,
		       "%s at offset 0x%x gives PCI function %s to IOMMU unit %u, "
		       "unit %u already has it",
		       what, off, s, u, unit[i]);
}

/* ---- DMAR ---- */

static const struct pp_pol_bridge *bridge(const struct pp_pol_machine_in *in, u16 seg, u8 bus,
					  u8 devfn)
{
	for (u32 i = 0; i < in->n_bridges; i++)
		if (in->bridges[i].seg == seg && in->bridges[i].bus == bus &&
		    in->bridges[i].devfn == devfn)
			return &in->bridges[i];
	return NULL;
}

/* One PCI endpoint or sub-hierarchy scope s (len bytes) of a DRHD for unit u. */
static int dmar_scope(const struct pp_pol_machine_in *in, u32 *unit, u32 u, u16 seg, const u8 *s,
		      u8 len, u32 off, struct pp_err *err)
{
	u8 bus = s[5], devfn = 0;
	u32 n = (len - 6u) / 2;
	bool subtree = s[0] == SCOPE_SUBTREE;
	const struct pp_pol_bridge *b = NULL;
	if (n == 0)
		return pp_fail(err, PP_EINVAL, "DMAR device scope at offset 0x%x has no path", off);
	for (u32 k = 0; k < n; k++) {
		u8 dev = s[6 + 2 * k], fn = s[7 + 2 * k];
		if (dev > 31 || fn > 7)
			return pp_fail(err, PP_EINVAL,
				       "DMAR device scope at offset 0x%x: path entry %u is "
				       "device %u function %u",
				       off, k, dev, fn);
		devfn = (u8)(dev << 3 | fn);
		if (k + 1 == n && !subtree)
			break;
		b = bridge(in, seg, bus, devfn);
		if (!b)
			return pp_fail(err, PP_ENOTSUP,
				       "DMAR device scope at offset 0x%x crosses bridge "
				       "%04x:%02x:%02x.%x, whose bus numbers are not known",
				       off, seg, bus, dev, fn);
		if (k + 1 < n)
			bus = b->secondary;
	}
	for (u32 i = 0; i < in->n_pci; i++) {
		const struct pp_pol_pci_fn *f = &in->pci[i];
		bool hit = f->seg == seg && f->bus == bus && f->devfn == devfn;
		if (subtree && b && f->seg == seg && f->bus >= b->secondary &&
		    f->bus <= b->subordinate)
			hit = true;
		if (hit) {
			int rc = claim(in, unit, i, u, "DMAR device scope", off, err);
			if (rc)
				return rc;
		}
	}
	return PP_OK;
}

static int dmar(const struct pp_pol_machine_in *in, u32 *unit, u64 *aperture, u32 *width,
		struct pp_err *err)
{
	const u8 *t = in->iommu_tbl;
	u32 len = in->iommu_tbl_len;
	int all[ACPI_MAX_IOMMUS];
	u32 n_all = 0;
	*width = t[DMAR_HAW] + 1u;
	for (u32 off = DMAR_STRUCTS; off < len;) {
		u16 type, slen;
		if (len - off < 4)
			return pp_fail(err, PP_ETRUNC, "DMAR structure at offset 0x%x truncated",
				       off);
		type = ld_le16(t + off);
		slen = ld_le16(t + off + 2);
		if (slen < 4 || !pp_span_ok(off, slen, len))
			return pp_fail(err, PP_ETRUNC,
				       "DMAR structure at offset 0x%x: length %u, table 0x%x", off,
				       slen, len);
		if (type == 0) {
			const u8 *d = t + off;
			int u;
			if (slen < DRHD_HDR)
				return pp_fail(err, PP_EINVAL,
					       "DRHD at offset 0x%x has length %u (< 16)", off,
					       slen);
			u = unit_of(in->acpi, ld_le64(d + 8));
			if (u < 0)
				return pp_fail(err, PP_EINVAL,
					       "DRHD at offset 0x%x: register base 0x%llx is not "
					       "a parsed IOMMU unit",
					       off, (unsigned long long)ld_le64(d + 8));
			aperture[u] = PP_PAGE_SIZE << (d[5] & 15);
			if (d[4] & 1) {
				for (u32 k = 0; k < n_all; k++)
					if (in->acpi->iommus[all[k]].segment == ld_le16(d + 6))
						return pp_fail(err, PP_EINVAL,
							       "DRHD at offset 0x%x: a second "
							       "INCLUDE_PCI_ALL unit for "
							       "segment %u",
							       off, ld_le16(d + 6));
				all[n_all++] = u;
			}
			for (u32 so = DRHD_HDR; so < slen;) {
				u8 sl;
				int rc;
				if (slen - so < 2 || d[so + 1] < 6 || (d[so + 1] & 1) ||
				    !pp_span_ok(so, d[so + 1], slen))
					return pp_fail(err, PP_EINVAL,
						       "DRHD at offset 0x%x: device scope at "
						       "offset 0x%x malformed",
						       off, off + so);
				sl = d[so + 1];
				if (d[so] == SCOPE_ENDPOINT || d[so] == SCOPE_SUBTREE) {
					rc = dmar_scope(in, unit, (u32)u, ld_le16(d + 6), d + so,
							sl, off + so, err);
					if (rc)
						return rc;
				}
				so += sl;
			}
		}
		off += slen;
	}
	for (u32 i = 0; i < in->n_pci; i++)
		for (u32 k = 0; k < n_all && unit[i] == PP_POL_NO_IOMMU; k++)
			if (in->acpi->iommus[all[k]].segment == in->pci[i].seg)
				unit[i] = (u32)all[k];
	return PP_OK;
}

/* ---- IVRS ---- */

/* Where the IVHD walk writes: the unit per function, and the requester
 * ID each function's DMA carries (its own, or an alias entry's). */
struct ivhd_out {
	u32 *unit;
	u16 *alias;
};

#define NO_ALIAS 0xffffffffu

/* Give every present function of segment seg with DeviceID in [lo, hi] to
 * unit u; an alias entry (5.2.2.2, types 0x42 and 0x43: "the device
 * requests with the ID in bytes 5-6") also sets the ID its DMA carries. */
static int ivhd_range(const struct pp_pol_machine_in *in, struct ivhd_out *o, u32 u, u16 seg,
		      u32 lo, u32 hi, u32 alias, u32 off, struct pp_err *err)
{
	for (u32 i = 0; i < in->n_pci; i++) {
		u32 id = (u32)in->pci[i].bus << 8 | in->pci[i].devfn;
		if (in->pci[i].seg == seg && id >= lo && id <= hi) {
			int rc = claim(in, o->unit, i, u, "IVHD device entry", off, err);
			if (rc)
				return rc;
			if (alias != NO_ALIAS)
				o->alias[i] = (u16)alias;
		}
	}
	return PP_OK;
}

static int ivhd(const struct pp_pol_machine_in *in, struct ivhd_out *o, const u8 *h, u32 hlen,
		u32 boff, struct pp_err *err)
{
	u32 hdr = h[0] == 0x10 ? 24u : 40u;
	u16 seg;
	int u;
	if (hlen < hdr)
		return pp_fail(err, PP_EINVAL, "IVHD at offset 0x%x has length %u (< %u)", boff,
			       hlen, hdr);
	seg = ld_le16(h + 16);
	u = unit_of(in->acpi, ld_le64(h + 8));
	if (u < 0)
		return pp_fail(err, PP_EINVAL,
			       "IVHD at offset 0x%x: base 0x%llx is not a parsed IOMMU unit", boff,
			       (unsigned long long)ld_le64(h + 8));
	for (u32 off = hdr; off < hlen;) {
		u8 type = h[off];
		u32 size = type < 0x80 ? 4u << (type >> 6) : 22u, at = boff + off;
		int rc = PP_OK;
		if (type == 0xf0 && pp_span_ok(off, 22, hlen))
			size = 22u + h[off + 21];
		else if (type >= 0x80 && type != 0xf0)
			return pp_fail(err, PP_ENOTSUP,
				       "IVHD device entry type 0x%x at offset 0x%x: unknown length",
				       type, at);
		if (!pp_span_ok(off, size, hlen))
			return pp_fail(
			    err, PP_ETRUNC,
			    "IVHD device entry type 0x%x at offset 0x%x exceeds its block", type,
			    at);
		switch (type) {
		case 0x01: rc = ivhd_range(in, o, (u32)u, seg, 0, 0xffff, NO_ALIAS, at, err); break;
		case 0x02:
		case 0x42:
		case 0x46: {
			u32 id = ld_le16(h + off + 1);
			u32 alias = type == 0x42 ? ld_le16(h + off + 5) : NO_ALIAS;
			rc = ivhd_range(in, o, (u32)u, seg, id, id, alias, at, err);
			break;
		}
		case 0x03:
		case 0x43:
		case 0x47: {
			u32 lo = ld_le16(h + off + 1), hi;
			if (!pp_span_ok(off + size, 4, hlen) || h[off + size] != 0x04)
				return pp_fail(err, PP_EINVAL,
					       "IVHD range start at offset 0x%x has no range end "
					       "after it",
					       at);
			hi = ld_le16(h + off + size + 1);
			if (hi < lo)
				return pp_fail(err, PP_EINVAL,
					       "IVHD range at offset 0x%x ends (0x%x) before it "
					       "starts (0x%x)",
					       at, hi, lo);
			rc = ivhd_range(in, o, (u32)u, seg, lo, hi,
					type == 0x43 ? ld_le16(h + off + 5) : NO_ALIAS, at, err);
			size += 4;
			break;
		}
		case 0x04:
			return pp_fail(err, PP_EINVAL,
				       "IVHD range end at offset 0x%x without a range start", at);
		default: break;
		}
		if (rc)
			return rc;
		off += size;
	}
	return PP_OK;
}

static int ivrs(const struct pp_pol_machine_in *in, struct ivhd_out *o, u64 *aperture, u32 *width,
		struct pp_err *err)
{
	const u8 *t = in->iommu_tbl;
	u32 len = in->iommu_tbl_len, info = ld_le32(t + IVRS_INFO);
	u32 pa = (info >> 8) & 0x7f, va = (info >> 15) & 0x7f;
	*width = pa && va ? PP_MIN(pa, va) : pa ? pa : va;
	for (u32 k = 0; k < in->acpi->iommu_count && k < ACPI_MAX_IOMMUS; k++)
		aperture[k] = PP_POL_AMDVI_SIZE;
	for (u32 off = IVRS_BLOCKS; off < len;) {
		u8 type;
		u16 blen;
		int rc;
		if (len - off < 4)
			return pp_fail(err, PP_ETRUNC, "IVRS block at offset 0x%x truncated", off);
		type = t[off];
		blen = ld_le16(t + off + 2);
		if (blen < 4 || !pp_span_ok(off, blen, len))
			return pp_fail(err, PP_ETRUNC,
				       "IVRS block at offset 0x%x: length %u, table 0x%x", off,
				       blen, len);
		if (type == 0x10 || type == 0x11 || type == 0x40) {
			rc = ivhd(in, o, t + off, blen, off, err);
			if (rc)
				return rc;
		}
		off += blen;
	}
	return PP_OK;
}

int pol_m_scopes(const struct pp_pol_machine_in *in, u32 *unit, u16 *alias, u64 *aperture,
		 u32 *width, struct pp_err *err)
{
	const u8 *t = in->iommu_tbl;
	u32 len = in->iommu_tbl_len;
	struct ivhd_out o = {unit, alias};
	for (u32 i = 0; i < in->n_pci; i++) {
		unit[i] = PP_POL_NO_IOMMU;
		alias[i] = (u16)((u16)in->pci[i].bus << 8 | in->pci[i].devfn);
	}
	for (u32 k = 0; k < ACPI_MAX_IOMMUS; k++)
		aperture[k] = PP_PAGE_SIZE;
	*width = 0;
	if (!t) {
		if (in->acpi->iommu_count)
			return pp_fail(err, PP_EINVAL,
				       "%u IOMMU units parsed but no DMAR or IVRS table given",
				       in->acpi->iommu_count);
		return PP_OK;
	}
	if (len < 48 || len != ld_le32(t + 4))
		return pp_fail(err, PP_ETRUNC, "IOMMU table of %u bytes, its header says %u", len,
			       len >= 8 ? ld_le32(t + 4) : 0);
	if (acpi_sig_is(t, "DMAR"))
		return dmar(in, unit, aperture, width, err);
	if (acpi_sig_is(t, "IVRS"))
		return ivrs(in, &o, aperture, width, err);
	return pp_fail(err, PP_EMAGIC, "IOMMU table signature is neither DMAR nor IVRS");
}

int pp_pol_machine_scopes(const struct pp_pol_machine_in *in, u32 *unit, struct pp_err *err)
{
	u64 aperture[ACPI_MAX_IOMMUS];
	u16 alias[PP_POL_MACHINE_DEVS];
	u32 width;
	if (in->n_pci > PP_POL_MACHINE_DEVS)
		return pp_fail(err, PP_ENOMEM, "%u PCI functions, at most %u", in->n_pci,
			       PP_POL_MACHINE_DEVS);
	return pol_m_scopes(in, unit, alias, aperture, &width, err);
}
