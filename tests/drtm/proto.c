// SPDX-License-Identifier: GPL-2.0-only
/* Emulated-SKINIT request parsing (proto.h). */
#include <string.h>
#include "launch/drtm/skinit.h"
#include "tests/drtm/proto.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int drtm_parse_request(const char *line, u64 *base, struct pp_err *err)
{
	static const char prefix[] = "SKINIT 0x";
	const char *p;
	u64 v = 0;
	u32 digits = 0;

	if (strncmp(line, prefix, sizeof(prefix) - 1) != 0)
		return pp_fail(err, PP_EINVAL, "request does not start with 'SKINIT 0x'");
	for (p = line + sizeof(prefix) - 1; *p; p++) {
		int d = hexval(*p);
		if (d < 0)
			return pp_fail(err, PP_EINVAL, "bad character 0x%02x in the SLB base",
				       (u8)*p);
		if (++digits > 16)
			return pp_fail(err, PP_ERANGE, "SLB base longer than 16 hex digits");
		v = (v << 4) | (u64)d;
	}
	if (!digits)
		return pp_fail(err, PP_EINVAL, "SLB base missing");
	if (v & (SLB_ALIGN - 1))
		return pp_fail(err, PP_EINVAL, "SLB base 0x%llx not 64 KiB aligned",
			       (unsigned long long)v);
	if (v > SLB_BASE_LIMIT - SLB_SIZE)
		return pp_fail(err, PP_ERANGE, "SLB 0x%llx + 64 KiB crosses 4 GiB",
			       (unsigned long long)v);
	*base = v;
	return 0;
}

size_t drtm_format_reply(char *out, size_t cap, int rc, const char *msg)
{
	size_t n = 0;

	if (cap < 4)
		return 0;
	if (rc == 0) {
		memcpy(out, "OK\n", 4);
		return 3;
	}
	if (cap < 6) {
		out[0] = '\0';
		return 0;
	}
	memcpy(out, "ERR ", 4);
	n = 4;
	for (; msg && *msg && n + 2 < cap; msg++)
		out[n++] = (*msg >= 0x20 && *msg < 0x7f) ? *msg : '?';
	out[n++] = '\n';
	out[n] = '\0';
	return n;
}
