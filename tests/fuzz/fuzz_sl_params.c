// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the secure loader's untrusted inputs besides the
 * handoff: the parameter block (launch/sl/params.c) and the module-role
 * parser (common/lib/module_role.c). The input is split: the first 80 bytes are
 * a parameter block, the rest a list of NUL-separated module strings.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/sl_params.h>
#include <parapet/module_role.h>

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_err err;
	struct sl_params_info info;
	static struct pp_module_role_info roles[PP_MAX_MODULES + 1];
	const char *strs[PP_MAX_MODULES + 1];
	u32 lens[PP_MAX_MODULES + 1], n = 0, hv = 0;
	if (size > 4096)
		return 0;
	u8 *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	u32 plen = size < sizeof(struct sl_params) ? (u32)size : (u32)sizeof(struct sl_params);
	if (sl_params_check(buf, plen, &info, &err) == PP_OK) {
		u8 again[sizeof(struct sl_params)];
		sl_params_write(again, &info);
		if (memcmp(again, buf, sizeof(again)) != 0)
			abort(); /* accepted blocks are exactly what the writer produces */
	}
	size_t at = plen;
	while (at < size && n <= PP_MAX_MODULES) {
		size_t end = at;
		while (end < size && buf[end])
			end++;
		strs[n] = (const char *)buf + at;
		lens[n] = (u32)(end - at);
		struct pp_module_role_info r;
		(void)pp_module_role(strs[n], lens[n], &r, &err);
		n++;
		at = end + 1;
	}
	if (pp_module_roles(strs, lens, n, roles, &hv, &err) == PP_OK && hv >= n)
		abort();
	free(buf);
	return 0;
}
