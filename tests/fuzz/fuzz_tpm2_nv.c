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

#include "tests/fuzz/fuzz_tpm_script.h"

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
	u8 sel;

	if (size < 1)
		return 0;
	sel = data[0];
	fz_split(data, size, 1);
	if (fz_n)
		parsers(fz_part[0], fz_plen[0]);

	fz_fresh();
	if (nvfloor_read(&fz_dev, l, &st, &err) == 0 &&
	    (st.counter < st.baseline || st.floor != (u32)(st.counter - st.baseline)))
		__builtin_trap();
	fz_fresh();
	if (nvfloor_raise(&fz_dev, l, sel, &st, &err) == 0 && st.floor < sel)
		__builtin_trap();
	fz_fresh();
	if (nvfloor_check_epoch(&fz_dev, l, sel, &st, &err) == 0 && sel < st.floor)
		__builtin_trap();
	fz_fresh();
	nvfloor_provision(&fz_dev, l, &st, &err);
	fz_fresh();
	nvfloor_undefine(&fz_dev, l, &err);
	return 0;
}
