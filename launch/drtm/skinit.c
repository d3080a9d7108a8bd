// SPDX-License-Identifier: GPL-2.0-only
/* AMD SKINIT Secure Loader Block: validation and image builder (skinit.h). */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "launch/drtm/skinit.h"

int slb_check(u64 base, const u8 *bytes, u64 len, struct slb_info *out, struct pp_err *err)
{
	if (!PP_IS_ALIGNED(base, SLB_ALIGN))
		return pp_fail(err, PP_EINVAL, "SLB: base 0x%llx is not 64 KiB aligned",
			       (unsigned long long)base);
	if (base > SLB_BASE_LIMIT - SLB_SIZE)
		return pp_fail(err, PP_ERANGE, "SLB: 0x%llx + 64 KiB is not below 4 GiB",
			       (unsigned long long)base);
	if (!bytes || len < SLB_HDR_SIZE)
		return pp_fail(err, PP_ETRUNC, "SLB: image of %llu bytes has no 4-byte header",
			       (unsigned long long)len);
	if (len > SLB_SIZE)
		return pp_fail(err, PP_ERANGE, "SLB: image of %llu bytes exceeds 64 KiB",
			       (unsigned long long)len);
	u16 entry = ld_le16(bytes);
	u16 mlen = ld_le16(bytes + 2);
	if (mlen < SLB_HDR_SIZE)
		return pp_fail(err, PP_EINVAL,
			       "SLB: measured length %u does not cover the 4-byte header", mlen);
	if (mlen > len)
		return pp_fail(err, PP_ETRUNC, "SLB: measured length %u beyond the %llu-byte image",
			       mlen, (unsigned long long)len);
	if (entry < SLB_HDR_SIZE)
		return pp_fail(err, PP_EINVAL, "SLB: entry offset %u points into the header",
			       entry);
	if (entry >= mlen)
		return pp_fail(err, PP_ERANGE,
			       "SLB: entry offset 0x%x outside the measured part [0, 0x%x)", entry,
			       mlen);
	if (out) {
		out->entry_offset = entry;
		out->measured_len = mlen;
		out->base = base;
		out->stack_top = base + SLB_SIZE;
	}
	return PP_OK;
}

int slb_build(u8 *out, const u8 *code, u32 code_len, u32 code_entry, const u8 *data, u32 data_len,
	      u32 stack_reserve, struct slb_layout *layout, struct pp_err *err)
{
	if (!out || (!code && code_len))
		return pp_fail(err, PP_EINVAL, "SLB build: missing buffer");
	if (code_len == 0)
		return pp_fail(err, PP_EINVAL, "SLB build: no code");
	if (code_entry >= code_len)
		return pp_fail(err, PP_ERANGE, "SLB build: entry 0x%x outside %u bytes of code",
			       code_entry, code_len);
	u64 mlen = (u64)SLB_HDR_SIZE + code_len;
	if (mlen > 0xffffu)
		return pp_fail(
		    err, PP_ERANGE,
		    "SLB build: measured part of %llu bytes does not fit the 16-bit length",
		    (unsigned long long)mlen);
	if (stack_reserve > SLB_SIZE || !PP_IS_ALIGNED(stack_reserve, 16))
		return pp_fail(err, PP_EINVAL, "SLB build: stack reserve 0x%x invalid",
			       stack_reserve);
	u64 data_off = PP_ALIGN_UP(mlen, 16);
	u64 limit = SLB_SIZE - stack_reserve;
	if (data_off > limit || data_len > limit - data_off)
		return pp_fail(err, PP_ERANGE,
			       "SLB build: data [0x%llx, +0x%x) collides with the stack at 0x%llx",
			       (unsigned long long)data_off, data_len, (unsigned long long)limit);
	if (data_len && !data)
		return pp_fail(err, PP_EINVAL, "SLB build: missing data");

	memset(out, 0, SLB_SIZE);
	st_le16(out, (u16)(SLB_HDR_SIZE + code_entry));
	st_le16(out + 2, (u16)mlen);
	memcpy(out + SLB_HDR_SIZE, code, code_len);
	if (data_len)
		memcpy(out + data_off, data, data_len);
	if (layout) {
		layout->entry_offset = (u16)(SLB_HDR_SIZE + code_entry);
		layout->measured_len = (u16)mlen;
		layout->data_off = (u32)data_off;
		layout->data_len = data_len;
		layout->stack_reserve = stack_reserve;
	}
	return PP_OK;
}
