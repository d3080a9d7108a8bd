// SPDX-License-Identifier: GPL-2.0-only
/* Boot-module role parsing (parapet/module_role.h, docs/measurements.md). */
#include <parapet/module_role.h>
#include <parapet/string.h>
#include <parapet/words.h>

/* A bounded, NUL-terminated copy for messages (the input need not be terminated). */
static const char *clip(char *out, const char *s, u32 len)
{
	u32 n = len > PP_PD_NAME_MAX ? PP_PD_NAME_MAX : len;
	memcpy(out, s, n);
	out[n] = 0;
	return out;
}

int pp_module_role(const char *s, u32 len, struct pp_module_role_info *out, struct pp_err *err)
{
	u32 i = 0, w;
	for (u32 k = 0; k < len; k++)
		if (!s[k])
			return pp_fail(err, PP_EINVAL, "module string has a NUL at %u", k);
	u32 wlen = pp_next_word(s, len, &i, &w);
	while (i < len && pp_is_blank(s[i]))
		i++;
	out->arg_off = i;
	out->arg_len = len - i;
	out->slot = 0;
	if (pp_word_is(s + w, wlen, "hypervisor")) {
		out->role = PP_ROLE_HYPERVISOR;
		return PP_OK;
	}
	if (pp_word_is(s + w, wlen, "policy")) {
		out->role = PP_ROLE_POLICY;
		out->slot = 0;
		u32 n = out->arg_len;
		while (n && pp_is_blank(s[out->arg_off + n - 1]))
			n--;
		if (!n) {
			out->arg_off = out->arg_len = 0;
			return PP_OK;
		}
		if (n != 1 || (s[out->arg_off] != 'a' && s[out->arg_off] != 'b'))
			return pp_fail(err, PP_EINVAL,
				       "module `policy`: slot must be `a` or `b` (or none)");
		out->slot = s[out->arg_off];
		out->arg_len = 1;
		return PP_OK;
	}
	if (pp_word_is(s + w, wlen, "pd")) {
		out->role = PP_ROLE_PD;
		u32 n = out->arg_len;
		while (n && pp_is_blank(s[out->arg_off + n - 1]))
			n--;
		if (!n || n > PP_PD_NAME_MAX)
			return pp_fail(err, PP_EINVAL,
				       "module `pd`: name length %u outside [1, %u]", n,
				       PP_PD_NAME_MAX);
		for (u32 k = 0; k < n; k++) {
			char c = s[out->arg_off + k];
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
				return pp_fail(
				    err, PP_EINVAL,
				    "module `pd`: name character %u (0x%02x) not in [a-z0-9-]", k,
				    (u8)c);
		}
		out->arg_len = n;
		return PP_OK;
	}
	char word[PP_PD_NAME_MAX + 1];
	return pp_fail(err, PP_EINVAL, "module role \"%s\" unknown (hypervisor, policy, pd)",
		       clip(word, s + w, wlen));
}

int pp_module_roles(const char *const *strs, const u32 *lens, u32 n,
		    struct pp_module_role_info *out, u32 *hv, struct pp_err *err)
{
	u32 nhv = 0, npol = 0;
	if (n > PP_MAX_MODULES)
		return pp_fail(err, PP_ENOMEM, "%u modules, at most %u", n, PP_MAX_MODULES);
	for (u32 i = 0; i < n; i++) {
		struct pp_err e;
		int rc = pp_module_role(strs[i], lens[i], &out[i], &e);
		if (rc)
			return pp_fail(err, rc, "module %u: %s", i, e.msg);
		if (out[i].role == PP_ROLE_HYPERVISOR) {
			if (nhv++)
				return pp_fail(err, PP_EINVAL, "module %u: a second `hypervisor`",
					       i);
			*hv = i;
		} else if (out[i].role == PP_ROLE_POLICY) {
			/* bit 0: bare, 1: slot a, 2: slot b */
			u32 bit = out[i].slot == 'a' ? 2u : out[i].slot == 'b' ? 4u : 1u;
			if (npol & bit)
				return pp_fail(err, PP_EINVAL, "module %u: a second `policy%s%s`",
					       i, out[i].slot ? " " : "",
					       out[i].slot == 'a'   ? "a"
					       : out[i].slot == 'b' ? "b"
								    : "");
			if ((bit == 1u && npol) || (bit != 1u && (npol & 1u)))
				return pp_fail(err, PP_EINVAL,
					       "module %u: a bare `policy` and a slotted one "
					       "together",
					       i);
			npol |= bit;
		} else {
			for (u32 j = 0; j < i; j++)
				if (out[j].role == PP_ROLE_PD && out[j].arg_len == out[i].arg_len &&
				    !memcmp(strs[j] + out[j].arg_off, strs[i] + out[i].arg_off,
					    out[i].arg_len)) {
					char name[PP_PD_NAME_MAX + 1];
					return pp_fail(
					    err, PP_EINVAL,
					    "module %u: pd name \"%s\" also module %u", i,
					    clip(name, strs[i] + out[i].arg_off, out[i].arg_len),
					    j);
				}
		}
	}
	if (!nhv)
		return pp_fail(err, PP_ENOENT, "no `hypervisor` module among %u", n);
	return PP_OK;
}
