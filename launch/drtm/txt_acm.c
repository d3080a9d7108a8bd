// SPDX-License-Identifier: GPL-2.0-only
/* The SINIT ACM's header and information table (txt_acm.h). */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "launch/drtm/txt_acm.h"

int txt_acm_parse(const u8 *p, u64 len, u64 base, struct txt_acm_info *out, struct pp_err *err)
{
	static const u8 uuid[16] = ACM_INFO_UUID;
	if (base & 0xfffu)
		return pp_fail(err, PP_EINVAL, "SINIT: base 0x%llx not 4 KiB aligned",
			       (unsigned long long)base);
	if (!p || len < ACM_FIXED_HDR)
		return pp_fail(err, PP_ETRUNC, "SINIT: %llu bytes, the header alone needs %u",
			       (unsigned long long)len, ACM_FIXED_HDR);
	u32 type = ld_le16(p + ACM_OFF_MODULE_TYPE), vendor = ld_le32(p + ACM_OFF_MODULE_VENDOR);
	if (type != ACM_TYPE_CHIPSET)
		return pp_fail(err, PP_EMAGIC, "SINIT: module type %u, expected %u (chipset)", type,
			       ACM_TYPE_CHIPSET);
	if (vendor != ACM_VENDOR_INTEL)
		return pp_fail(err, PP_EMAGIC, "SINIT: module vendor 0x%x, expected 0x%x", vendor,
			       ACM_VENDOR_INTEL);
	u64 size = (u64)ld_le32(p + ACM_OFF_SIZE) * 4,
	    hdr = (u64)ld_le32(p + ACM_OFF_HEADER_LEN) * 4;
	u64 info = hdr + (u64)ld_le32(p + ACM_OFF_SCRATCH_SIZE) * 4; /* < 2^35: no wrap */
	if (size < ACM_FIXED_HDR || size > len)
		return pp_fail(err, PP_ERANGE, "SINIT: module size %llu outside [%u, %llu]",
			       (unsigned long long)size, ACM_FIXED_HDR, (unsigned long long)len);
	if (size & 63u)
		return pp_fail(err, PP_EINVAL, "SINIT: module size %llu not a multiple of 64",
			       (unsigned long long)size);
	if (hdr < ACM_FIXED_HDR)
		return pp_fail(err, PP_EINVAL, "SINIT: header length %llu below %u",
			       (unsigned long long)hdr, ACM_FIXED_HDR);
	if (info > size || size - info < ACM_INFO_MIN_LEN)
		return pp_fail(err, PP_ERANGE,
			       "SINIT: information table at %llu does not fit the %llu-byte module",
			       (unsigned long long)info, (unsigned long long)size);
	const u8 *t = p + info;
	if (memcmp(t + ACM_INFO_OFF_UUID, uuid, sizeof(uuid)) != 0)
		return pp_fail(err, PP_EMAGIC, "SINIT: information table UUID mismatch");
	u32 itype = t[ACM_INFO_OFF_TYPE] & ACM_INFO_TYPE_MASK, iver = t[ACM_INFO_OFF_VERSION];
	u32 ilen = ld_le16(t + ACM_INFO_OFF_LENGTH);
	if (itype != ACM_INFO_TYPE_SINIT)
		return pp_fail(err, PP_EINVAL, "SINIT: ChipsetACMType %u is not SINIT (%u)", itype,
			       ACM_INFO_TYPE_SINIT);
	if (iver < ACM_INFO_MIN_VERSION)
		return pp_fail(err, PP_EVERSION, "SINIT: information table version %u below %u",
			       iver, ACM_INFO_MIN_VERSION);
	if (ilen < ACM_INFO_MIN_LEN || ilen > size - info)
		return pp_fail(err, PP_ERANGE,
			       "SINIT: information table length %u outside [%u, %llu]", ilen,
			       ACM_INFO_MIN_LEN, (unsigned long long)(size - info));
	out->size = size;
	out->os_sinit_ver = ld_le32(t + ACM_INFO_OFF_OS_SINIT_VER);
	out->min_mle_hdr_ver = ld_le32(t + ACM_INFO_OFF_MIN_MLE_HDR);
	out->capabilities = ld_le32(t + ACM_INFO_OFF_CAPABILITIES);
	out->info_version = (u8)iver;
	return PP_OK;
}
