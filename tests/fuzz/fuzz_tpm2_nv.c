// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the NV and policy-session responses and the
 * rollback floor's logic (common/tpm/nv_*.c, docs/tpm-nv-floor.md).
 *
 * Input: byte 0 = the epoch to raise to (0-255) and which flows run; then
 * responses, each a big-endian u16 length and that many bytes. (1) The
 * first response goes as an exact-size heap copy to every parser, so ASan
 * flags any read past its end. (2) A transport answers the n-th command
 * with the n-th response (then times out) for nvfloor_read, nvfloor_raise,
 * nvfloor_check_epoch, nvfloor_provision and nvfloor_undefine, each from the
 * first response again. Checked: a floor read as valid has counter >=
 * baseline and floor = counter - baseline; a successful raise ends at or
 * above the epoch; an accepted epoch is not below the floor.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/tpm2_nv.h>

#define FZ_MAX_RSP 64

static const u8 *fz_part[FZ_MAX_RSP];
static size_t fz_plen[FZ_MAX_RSP];
static u32 fz_n, fz_next;

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
static struct tpm2_dev dev;

static void fresh(void)
{
	tpm2_init(&dev, &fz_ops, NULL);
	dev.locality = 2;
	fz_next = 0;
}

static void parsers(const u8 *p, size_t n)
{
	struct pp_err err;
	struct tpm2_nv_public pub;
	struct tpm2_name name;
	u8 out[TPM2_NV_MAX_DATA], d[TPM2_SHA256_SIZE];
	u8 *copy = malloc(n ? n : 1);
	u32 s;

	if (!copy)
		return;
	memcpy(copy, p, n);
	tpm2_parse_nv_read_public(copy, n, &pub, &name, &err);
	tpm2_parse_nv_read(copy, n, out, 8, &err);
	tpm2_parse_no_params(copy, n, 0, "x", &err);
	tpm2_parse_no_params(copy, n, 1, "x", &err);
	tpm2_parse_no_params(copy, n, 2, "x", &err);
	tpm2_parse_start_auth_session(copy, n, &s, &err);
	tpm2_parse_policy_get_digest(copy, n, d, &err);
	free(copy);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const struct nvfloor_layout *l = &nvfloor_default_layout;
	struct nvfloor_state st;
	struct pp_err err;
	size_t off = 1;
	u8 sel;

	if (size < 1)
		return 0;
	sel = data[0];
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
	if (fz_n)
		parsers(fz_part[0], fz_plen[0]);

	fresh();
	if (nvfloor_read(&dev, l, &st, &err) == 0 &&
	    (st.counter < st.baseline || st.floor != (u32)(st.counter - st.baseline)))
		__builtin_trap();
	fresh();
	if (nvfloor_raise(&dev, l, sel, &st, &err) == 0 && st.floor < sel)
		__builtin_trap();
	fresh();
	if (nvfloor_check_epoch(&dev, l, sel, &st, &err) == 0 && sel < st.floor)
		__builtin_trap();
	fresh();
	nvfloor_provision(&dev, l, &st, &err);
	fresh();
	nvfloor_undefine(&dev, l, &err);
	return 0;
}
