/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error reporting shared by every parser and loader.
 *
 * Functions return 0 on success or a negative PP_E* code. Parsers of external
 * input also fill a struct pp_err with a precise, human-readable message
 * (what was wrong, at which offset, with which value), and change nothing
 * else on failure.
 */
#ifndef PARAPET_ERR_H
#define PARAPET_ERR_H

#include <parapet/types.h>

enum pp_errno {
	PP_OK = 0,
	PP_EINVAL = -1,	   /* malformed input */
	PP_ERANGE = -2,	   /* value or offset out of bounds */
	PP_ETRUNC = -3,	   /* input shorter than its structure says */
	PP_ECHECKSUM = -4, /* checksum mismatch */
	PP_ENOTSUP = -5,   /* valid but unsupported */
	PP_ENOMEM = -6,	   /* out of memory / table full */
	PP_ENOENT = -7,	   /* required item absent */
	PP_EOVERLAP = -8,  /* memory ranges overlap */
	PP_EMAGIC = -9,	   /* wrong magic / signature */
	PP_EVERSION = -10, /* unsupported version */
	PP_ETIMEOUT = -11, /* device did not answer in time */
	PP_EDEVICE = -12,  /* device reported an error */
};

#define PP_ERR_MSG_MAX 160

struct pp_err {
	int code;
	char msg[PP_ERR_MSG_MAX];
};

const char *pp_strerror(int code);

/* Record an error (formatted message) and return its code. err may be NULL. */
int pp_fail(struct pp_err *err, int code, const char *fmt, ...) PP_PRINTF(3, 4);

#endif
