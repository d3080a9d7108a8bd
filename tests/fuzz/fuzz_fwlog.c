// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the firmware-log hand-over walkers (common/fwlog/) on
 * arbitrary bytes, each on an exact-size heap copy (ASan catches any read
 * past it). Invariants: a rejection carries a message; an end found in a
 * zero-padded area lies inside it with only zero bytes after it; the UEFI
 * length from a last-entry offset (taken from the input's first bytes)
 * lies inside the buffer and beyond that offset; a Final Events span lies
 * inside the table.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/fwlog.h>

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static void must_have_msg(int rc, const struct pp_err *err)
{
	if (rc && (!err->msg[0] || rc >= 0))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_err err = {0, ""};
	struct pp_evlog_info info;
	u32 len = 0, events = 0, hdr = 0, off = 0;
	if (size < 4 || size > (1u << 20))
		return 0;
	u32 last = ld_le16(data), sel = ld_le16(data + 2);
	data += 4;
	size -= 4;
	u8 *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);

	int rc = pp_fwlog_find_end(buf, size, &len, &events, &err);
	must_have_msg(rc, &err);
	if (!rc) {
		if (len > size)
			abort();
		for (size_t i = len; i < size; i++)
			if (buf[i])
				abort();
	}

	rc = pp_fwlog_efi_len(buf, size, 0x1000, 0x1000 + last, &len, &err);
	must_have_msg(rc, &err);
	if (!rc && (len > size || len <= last))
		abort();

	rc = pp_fwlog_header(buf, size, &info, &hdr, &err);
	must_have_msg(rc, &err);
	if (!rc && hdr <= size) {
		/* the rest of the input as a Final Events table */
		const u8 *t = buf + hdr;
		size_t tl = size - hdr;
		u64 count = sel & 0xff, first = sel >> 8;
		rc = pp_fwlog_final_span(t, tl, &info, first, count, &off, &len, &err);
		must_have_msg(rc, &err);
		if (!rc && ((u64)off + len > tl || off < PP_FWLOG_FINAL_HDR))
			abort();
	}
	free(buf);
	return 0;
}
