// SPDX-License-Identifier: GPL-2.0-only
/*
 * Split a signed policy into the binary and its trailer
 * (parapet/policy_signed.h), with bounded reads only. What is checked here
 * is framing; the signature (pp_ed25519_verify, or OpenSSL on the host)
 * and the binary itself (pp_policy_read) are the callers'.
 */
#include <parapet/bytes.h>
#include <parapet/policy_signed.h>
#include <parapet/string.h>
#include "common/policy/layout.h"

bool pp_policy_is_binary(const u8 *buf, u32 len)
{
	return len >= sizeof(struct pol_header) && memcmp(buf, POL_MAGIC, POL_MAGIC_LEN) == 0;
}

int pp_policy_signed_split(const u8 *buf, u32 len, struct pp_polsig_view *view, struct pp_err *err)
{
	if (!pp_policy_is_binary(buf, len))
		return pp_fail(err, PP_EMAGIC,
			       "signed policy: %u bytes do not start with a policy header (%s)",
			       len, POL_MAGIC);
	u32 total = ld_le32(buf + __builtin_offsetof(struct pol_header, total_size));
	if (total < sizeof(struct pol_header) || total > len)
		return pp_fail(err, PP_ETRUNC,
			       "signed policy: binary total_size %u outside the %u bytes given",
			       total, len);
	if (len - total != PP_POLSIG_TRAILER)
		return pp_fail(
		    err, len - total < PP_POLSIG_TRAILER ? PP_ETRUNC : PP_EINVAL,
		    "signed policy: %u bytes after the binary, the trailer is exactly %u",
		    len - total, PP_POLSIG_TRAILER);
	const u8 *t = buf + total;
	if (memcmp(t, PP_POLSIG_MAGIC, 8) != 0)
		return pp_fail(err, PP_EMAGIC, "signed policy: no %s trailer at offset %u",
			       PP_POLSIG_MAGIC, total);
	u32 fmt = ld_le32(t + __builtin_offsetof(struct pp_polsig_trailer, format));
	if (fmt != PP_POLSIG_FORMAT)
		return pp_fail(err, PP_EVERSION, "signed policy: trailer format %u, expected %u",
			       fmt, PP_POLSIG_FORMAT);
	const u8 *kid = t + __builtin_offsetof(struct pp_polsig_trailer, key_id);
	for (u32 i = 0; i < 4; i++)
		if (t[0x0c + i] || t[0x18 + i] || t[0x1c + i])
			return pp_fail(err, PP_EINVAL,
				       "signed policy: trailer reserved bytes not zero");
	const u8 *hkid = buf + __builtin_offsetof(struct pol_header, key_id);
	if (memcmp(kid, hkid, PP_POL_KEY_ID_LEN) != 0)
		return pp_fail(err, PP_EINVAL,
			       "signed policy: trailer key id differs from the header's");
	view->body = buf;
	view->body_len = total;
	memcpy(view->key_id, kid, PP_POL_KEY_ID_LEN);
	view->sig = t + __builtin_offsetof(struct pp_polsig_trailer, sig);
	return PP_OK;
}
