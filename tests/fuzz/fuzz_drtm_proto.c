// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the DRTM harness's parser of what the guest writes on
 * COM2 (tests/drtm/proto.c). The guest is untrusted for the harness too.
 * Invariants: an accepted base is 64 KiB aligned with the SLB below 4 GiB;
 * a reply is "OK\n" or "ERR <printable>\n" and fits its buffer.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/drtm/proto.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_err err;
	char line[DRTM_LINE_MAX + 1], reply[64];
	u64 base = 0;
	size_t n = size > DRTM_LINE_MAX ? DRTM_LINE_MAX : size;
	memcpy(line, data, n);
	line[n] = 0;
	int rc = drtm_parse_request(line, &base, &err);
	if (rc == PP_OK && ((base & 0xffff) || base > 0x100000000ull - 0x10000))
		abort();
	/* the reply formatter with the parser's message, and with raw bytes */
	size_t cap = size ? data[0] % sizeof(reply) : sizeof(reply);
	size_t len = drtm_format_reply(reply, cap, rc, rc ? err.msg : "");
	if (len && (len >= cap || reply[len] != 0))
		abort();
	len = drtm_format_reply(reply, sizeof(reply), -1, line);
	if (len >= sizeof(reply) || len < 5 || memcmp(reply, "ERR ", 4) != 0 ||
	    reply[len - 1] != '\n')
		abort();
	for (size_t i = 0; i + 1 < len; i++)
		if (reply[i] == '\n' || reply[i] == '\r')
			abort();
	return 0;
}
