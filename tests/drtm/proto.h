/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The emulated-SKINIT request on the harness's COM2 channel
 * (launch/drtm/emulated.h): parsing and validation. Pure code, unit-tested
 * (tests/unit/test_drtm_harness.c).
 */
#ifndef PARAPET_TESTS_DRTM_PROTO_H
#define PARAPET_TESTS_DRTM_PROTO_H

#include <parapet/err.h>
#include <parapet/types.h>

#define DRTM_LINE_MAX 128u /* longer guest lines are dropped */

/*
 * "SKINIT 0x<1-16 hex digits>" (no CR/LF, nothing else) -> *base.
 * The base must be 64 KiB aligned and base + 64 KiB <= 4 GiB.
 */
int drtm_parse_request(const char *line, u64 *base, struct pp_err *err);

/*
 * The answer for a request: "OK\n" when rc == 0, else "ERR <msg>\n" with
 * the message made printable (no CR/LF) and cut to fit. Returns the length.
 */
size_t drtm_format_reply(char *out, size_t cap, int rc, const char *msg);

#endif
