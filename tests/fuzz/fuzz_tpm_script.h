/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A scripted TPM transport for the fuzz targets that drive command flows
 * (fuzz_tpm2_nv.c, fuzz_nv_slots.c): fz_split cuts the input into
 * responses, each a big-endian u16 length and that many bytes (a length
 * past the end is cut short); the transport answers the n-th command with
 * the n-th response, then times out. fz_fresh() gives a new device at
 * locality 2 that starts from the first response again. Included by one
 * translation unit per fuzz binary.
 */
#ifndef PARAPET_FUZZ_TPM_SCRIPT_H
#define PARAPET_FUZZ_TPM_SCRIPT_H

#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2.h>

#define FZ_MAX_RSP 64

static const u8 *fz_part[FZ_MAX_RSP];
static size_t fz_plen[FZ_MAX_RSP];
static u32 fz_n, fz_next;
static struct tpm2_dev fz_dev;

static int fz_loc(void *ctx, u8 loc, struct pp_err *err)
{
	(void)ctx;
	(void)loc;
	(void)err;
	return 0;
}

static int fz_tx(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp, size_t cap, size_t *rsp_len,
		 struct pp_err *err)
{
	(void)ctx;
	(void)cmd;
	(void)cmd_len;
	if (fz_next >= fz_n)
		return pp_fail(err, PP_ETIMEOUT, "no more responses");
	if (fz_plen[fz_next] > cap)
		return pp_fail(err, PP_ERANGE, "too big");
	memcpy(rsp, fz_part[fz_next], fz_plen[fz_next]);
	*rsp_len = fz_plen[fz_next++];
	return 0;
}

static const struct tpm2_transport_ops fz_ops = {fz_loc, fz_loc, fz_tx};

/* Cut data[off, size) into the responses. */
static void fz_split(const u8 *data, size_t size, size_t off)
{
	fz_n = 0;
	while (fz_n < FZ_MAX_RSP && off + 2 <= size) {
		size_t n = ld_be16(data + off);
		off += 2;
		if (n > size - off)
			n = size - off;
		fz_part[fz_n] = data + off;
		fz_plen[fz_n++] = n;
		off += n;
	}
}

static void fz_fresh(void)
{
	tpm2_init(&fz_dev, &fz_ops, NULL);
	fz_dev.locality = 2;
	fz_next = 0;
}

#endif
