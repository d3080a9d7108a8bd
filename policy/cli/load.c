// SPDX-License-Identifier: GPL-2.0-only
/*
 * pol_cli_load (cli.h): a policy file of any form to a model. A file that
 * starts with the binary's magic is a binary, signed when a trailer follows
 * it; anything else is source text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/policy_signed.h>
#include "policy/cli/cli.h"
#include "policy/compiler/compiler.h"

#define POL_FILE_MAX (4u << 20)

/* Source text: the compiler (policy/compiler/), errors as FILE:LINE:COL. */
static int load_source(const char *path, const unsigned char *buf, size_t len,
		       struct pp_policy *out, char *msg, size_t msglen)
{
	return pol_src_parse(path, (const char *)buf, len, out, msg, msglen);
}

int pol_cli_load(const char *path, struct pp_policy *out, enum pol_file_kind *kind, char *msg,
		 size_t msglen)
{
	unsigned char *buf;
	size_t len;
	if (pol_cli_read_file(path, POL_FILE_MAX, &buf, &len, msg, msglen))
		return -1;
	int rc = -1;
	struct pp_err err = {0};
	if (!pp_policy_is_binary(buf, (u32)len)) {
		*kind = POL_FILE_SOURCE;
		rc = load_source(path, buf, len, out, msg, msglen);
		goto out;
	}
	const u8 *body = buf;
	u32 body_len = (u32)len;
	*kind = POL_FILE_BINARY;
	u32 total =
	    (u32)buf[0x10] | (u32)buf[0x11] << 8 | (u32)buf[0x12] << 16 | (u32)buf[0x13] << 24;
	if (total < len) {
		struct pp_polsig_view v;
		*kind = POL_FILE_SIGNED;
		if (pp_policy_signed_split(buf, (u32)len, &v, &err)) {
			snprintf(msg, msglen, "%s: %s", path, err.msg);
			goto out;
		}
		body = v.body;
		body_len = v.body_len;
	}
	if (pp_policy_read(body, body_len, out, &err)) {
		snprintf(msg, msglen, "%s: %s", path, err.msg);
		goto out;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}
