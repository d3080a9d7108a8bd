// SPDX-License-Identifier: GPL-2.0-only
#include <parapet/err.h>
#include <parapet/fmt.h>

const char *pp_strerror(int code)
{
	switch (code) {
	case PP_OK: return "ok";
	case PP_EINVAL: return "malformed";
	case PP_ERANGE: return "out of range";
	case PP_ETRUNC: return "truncated";
	case PP_ECHECKSUM: return "bad checksum";
	case PP_ENOTSUP: return "unsupported";
	case PP_ENOMEM: return "out of memory";
	case PP_ENOENT: return "not found";
	case PP_EOVERLAP: return "overlap";
	case PP_EMAGIC: return "bad magic";
	case PP_EVERSION: return "bad version";
	case PP_ETIMEOUT: return "timeout";
	case PP_EDEVICE: return "device error";
	default: return "unknown error";
	}
}

int pp_fail(struct pp_err *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		pp_vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}
