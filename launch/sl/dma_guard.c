// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA guard's view of the IVRS and DMAR (dma_guard.h): the register
 * base of every IOMMU unit, nothing else. Untrusted bytes (firmware memory
 * before the copies, the measured copy after): every entry's length is
 * checked against the table before a field is read; read with ld_le*.
 * IVRS: AMD I/O Virtualization Technology (IOMMU) Specification #48882,
 * §5.2 (48-byte header, then IVHD/IVMD blocks: Type at 0, Length u16 at 2,
 * IVHD IOMMU Base Address u64 at 8). DMAR: Intel VT-d specification §8.1
 * (48-byte header, then remapping structures: Type u16 at 0, Length u16 at
 * 2; DRHD = type 0, Register Base Address u64 at 8).
 */
#include <parapet/bytes.h>
#include "dma_guard.h"

#define TABLE_HDR 48u		 /* IVRS and DMAR: SDT header + 12 bytes */
#define ENTRY_BASE 8u		 /* IVHD and DRHD: the register base */
#define ENTRY_MIN 16u		 /* ... and its 8 bytes */
#define SIG_IVRS 0x53525649u	 /* "IVRS" little-endian */
#define SIG_DMAR 0x52414d44u	 /* "DMAR" */
#define BASE_LIMIT 0xffffc000ull /* the SL maps [0, 4 GiB): 16 KiB of registers below */

static int add(struct sl_dma_list *l, u32 type, u64 base, struct pp_err *err)
{
	const char *why = "is 0, unaligned or above 4 GiB";
	int code = PP_EINVAL;
	u32 i = 0;
	if (base && !(base & 0xfff) && base <= BASE_LIMIT) {
		while (i < l->count && l->u[i].base != base)
			i++;
		if (i < l->count) {
			if (l->u[i].type == type)
				return PP_OK; /* another IVHD of the same unit */
			why = "is AMD-Vi and VT-d";
		} else if (i < SL_DMA_MAX_UNITS) {
			l->u[l->count++] = (struct pp_dma_guard_unit){.base = base, .type = type};
			return PP_OK;
		} else {
			why = "is one unit too many";
			code = PP_ENOMEM;
		}
	}
	return pp_fail(err, code, "dma guard: 0x%llx %s", (unsigned long long)base, why);
}

int sl_dma_parse(const u8 *t, u32 len, struct sl_dma_list *l, struct pp_err *err)
{
	u32 sig = len < 4 ? 0 : ld_le32(t), off = TABLE_HDR, elen;
	bool ivrs = sig == SIG_IVRS;
	if (!ivrs && sig != SIG_DMAR)
		return PP_OK;
	for (; off < len && len - off >= 4; off += elen) { /* type and length inside */
		elen = ld_le16(t + off + 2);
		u32 type = ivrs ? t[off] : ld_le16(t + off);
		bool unit = ivrs ? (type == 0x10 || type == 0x11 || type == 0x40) : type == 0;
		if (elen < (unit ? ENTRY_MIN : 4u) || elen > len - off)
			break;
		int rc = unit ? add(l, ivrs ? PP_DMA_GUARD_TYPE_AMDVI : PP_DMA_GUARD_TYPE_VTD,
				    ld_le64(t + off + ENTRY_BASE), err)
			      : PP_OK;
		if (rc)
			return rc;
	}
	if (off == len)
		return PP_OK;
	return pp_fail(err, PP_ETRUNC, "dma guard: %s of %u bytes: bad entry at %u",
		       ivrs ? "IVRS" : "DMAR", len, off);
}

int sl_dma_fail(u64 base, u32 off, int code, struct pp_err *err)
{
	return pp_fail(err, code, "dma guard: unit 0x%llx: register 0x%x %s",
		       (unsigned long long)base, off,
		       code == PP_EDEVICE ? "reads all-ones (no unit)" : "did not change in time");
}

/* Both lists come from the same tables in the same order (the walk over
 * firmware memory, the copies in root-table order): equal means equal
 * entry by entry. */
int sl_dma_same(const struct sl_dma_list *guarded, const struct sl_dma_list *measured,
		struct pp_err *err)
{
	u32 i = 0;
	while (i < guarded->count && i < measured->count &&
	       guarded->u[i].base == measured->u[i].base &&
	       guarded->u[i].type == measured->u[i].type)
		i++;
	if (i == guarded->count && i == measured->count)
		return PP_OK;
	return pp_fail(err, PP_EINVAL,
		       "dma guard: the measured ACPI tables name %u units, %u were guarded; "
		       "unit %u differs",
		       measured->count, guarded->count, i);
}
