// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SL parameter block (common/include/parapet/sl_params.h): validation
 * (secure loader side: the block is untrusted input) and serialisation
 * (launch side). Pure; host-tested in tests/unit/test_sl_params.c.
 */
#include <parapet/bytes.h>
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>

int sl_params_check(const u8 *p, u32 len, struct sl_params_info *out, struct pp_err *err)
{
	if (!p || len < sizeof(struct sl_params))
		return pp_fail(err, PP_ETRUNC, "SL params: %u bytes, need %u", len,
			       (u32)sizeof(struct sl_params));
	if (ld_le64(p + 0) != SL_PARAMS_MAGIC)
		return pp_fail(err, PP_EMAGIC, "SL params: magic 0x%llx, expected 0x%llx",
			       (unsigned long long)ld_le64(p), (unsigned long long)SL_PARAMS_MAGIC);
	u32 ver = ld_le32(p + 8), size = ld_le32(p + 12);
	if (ver != SL_PARAMS_VERSION)
		return pp_fail(err, PP_EVERSION, "SL params: version %u, expected %u", ver,
			       SL_PARAMS_VERSION);
	if (size != sizeof(struct sl_params))
		return pp_fail(err, PP_EINVAL, "SL params: size %u, expected %u", size,
			       (u32)sizeof(struct sl_params));
	u64 slb = ld_le64(p + 16);
	if (slb != SL_SLB_BASE)
		return pp_fail(err, PP_EINVAL,
			       "SL params: SLB base 0x%llx, the SL is linked at 0x%llx",
			       (unsigned long long)slb, (unsigned long long)SL_SLB_BASE);
	u64 hpa = ld_le64(p + 24);
	u32 hlen = ld_le32(p + 32);
	if (hpa & 7)
		return pp_fail(err, PP_EINVAL, "SL params: handoff 0x%llx not 8-byte aligned",
			       (unsigned long long)hpa);
	if (hlen < sizeof(struct pp_handoff) || hlen > PP_HANDOFF_MAX_SIZE)
		return pp_fail(err, PP_EINVAL, "SL params: handoff length %u outside [%u, %u]",
			       hlen, (u32)sizeof(struct pp_handoff), PP_HANDOFF_MAX_SIZE);
	if (hpa < SL_HANDOFF_MIN_PA || hpa > SL_HANDOFF_MAX_END - hlen)
		return pp_fail(err, PP_ERANGE,
			       "SL params: handoff 0x%llx + %u outside [0x%llx, 0x%llx)",
			       (unsigned long long)hpa, hlen, (unsigned long long)SL_HANDOFF_MIN_PA,
			       (unsigned long long)SL_HANDOFF_MAX_END);
	if (hpa < SL_REGION_END && hpa + hlen > SL_REGION_BASE)
		return pp_fail(
		    err, PP_ERANGE,
		    "SL params: handoff 0x%llx + %u overlaps the SL region 0x%llx-0x%llx",
		    (unsigned long long)hpa, hlen, (unsigned long long)SL_REGION_BASE,
		    (unsigned long long)SL_REGION_END);
	u32 att = ld_le32(p + 36), flags = ld_le32(p + 40);
	if (att != PP_LAUNCH_SKINIT && att != PP_LAUNCH_TXT && att != PP_LAUNCH_EMULATED &&
	    att != PP_LAUNCH_STATIC)
		return pp_fail(err, PP_EINVAL, "SL params: attempted launch type %u unknown", att);
	if (flags & ~SL_PF_MASK)
		return pp_fail(err, PP_EINVAL, "SL params: unknown flags 0x%x",
			       flags & ~SL_PF_MASK);
	if (ld_le32(p + 44))
		return pp_fail(err, PP_EINVAL, "SL params: reserved0 0x%x not 0", ld_le32(p + 44));
	for (size_t i = 0; i < 4; i++)
		if (ld_le64(p + 48 + 8 * i))
			return pp_fail(err, PP_EINVAL, "SL params: reserved[%u] not 0", (u32)i);
	out->handoff_pa = hpa;
	out->handoff_len = hlen;
	out->attempted = att;
	out->flags = flags;
	return PP_OK;
}

void sl_params_write(u8 *out, const struct sl_params_info *in)
{
	memset(out, 0, sizeof(struct sl_params));
	st_le64(out + 0, SL_PARAMS_MAGIC);
	st_le32(out + 8, SL_PARAMS_VERSION);
	st_le32(out + 12, sizeof(struct sl_params));
	st_le64(out + 16, SL_SLB_BASE);
	st_le64(out + 24, in->handoff_pa);
	st_le32(out + 32, in->handoff_len);
	st_le32(out + 36, in->attempted);
	st_le32(out + 40, in->flags);
}
