// SPDX-License-Identifier: GPL-2.0-only
/*
 * A whole NV index read for the attestation agent (the EK certificate,
 * TCG EK Credential Profile 2.0, 2.2.1.4): TPM2_NV_ReadPublic (Part 3, 31.6)
 * for its size and attributes, then TPM2_NV_Read (31.13) in chunks. Trust:
 * the public area is checked by tpm2_nv_read_public (its Name recomputed);
 * the size must fit the caller's buffer before anything is read; every
 * chunk must be exactly as long as asked. The read is authorized by the
 * index itself (TPMA_NV_AUTHREAD) or else the owner (TPMA_NV_OWNERREAD),
 * both with an empty password.
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2_attest.h>
#include <parapet/tpm2_nv.h>
#include "common/tpm/marshal.h"

/* Bytes per NV_Read: its response (header 10, parameterSize 4, TPM2B size 2,
 * password authorization 5) then fits 512 bytes, a size every TPM's
 * TPM_PT_NV_BUFFER_MAX reaches (PTP: at least 512). */
#define ATTEST_NV_CHUNK (512u - 32u)

static int nv_read_chunk(struct tpm2_dev *dev, u32 auth, u32 index, u16 offset, u8 *out, u16 n,
			 struct pp_err *err)
{
	char what[56];
	struct tpm2_wr w;
	size_t len;
	int rc;

	pp_snprintf(what, sizeof(what), "TPM2_NV_Read(0x%08x, %u at %u)", index, n, offset);
	tpm2_wr_begin(&w, dev->cmd, sizeof(dev->cmd), TPM2_ST_SESSIONS, TPM2_CC_NV_READ);
	tpm2_wr_u32(&w, auth);
	tpm2_wr_u32(&w, index);
	tpm2_wr_pw_session(&w);
	tpm2_wr_u16(&w, n);
	tpm2_wr_u16(&w, offset);
	rc = tpm2_wr_finish(&w, &len, what, err);
	if (!rc)
		rc = tpm2_exchange(dev, dev->cmd, len, what, err);
	if (!rc)
		rc = tpm2_parse_nv_read(dev->rsp, dev->rsp_len, out, n, err);
	return rc;
}

int tpm2_nv_read_all(struct tpm2_dev *dev, u32 index, u8 *out, size_t cap, size_t *len,
		     struct pp_err *err)
{
	struct tpm2_nv_public pub;
	u32 auth;
	int rc;

	*len = 0;
	rc = tpm2_nv_read_public(dev, index, &pub, NULL, err);
	if (rc)
		return rc;
	if (pub.data_size > cap)
		return pp_fail(err, PP_ERANGE, "NV index 0x%08x holds %u bytes, room for %zu",
			       index, pub.data_size, cap);
	if (!(pub.attributes & TPMA_NV_WRITTEN))
		return pp_fail(err, PP_ENOENT, "NV index 0x%08x was never written", index);
	if (pub.attributes & TPMA_NV_AUTHREAD)
		auth = index;
	else if (pub.attributes & TPMA_NV_OWNERREAD)
		auth = TPM2_RH_OWNER;
	else
		return pp_fail(err, PP_ENOTSUP,
			       "NV index 0x%08x: attributes 0x%08x allow neither AUTHREAD nor "
			       "OWNERREAD",
			       index, pub.attributes);
	for (u32 off = 0; off < pub.data_size; off += ATTEST_NV_CHUNK) {
		u32 n = pub.data_size - off;

		if (n > ATTEST_NV_CHUNK)
			n = ATTEST_NV_CHUNK;
		rc = nv_read_chunk(dev, auth, index, (u16)off, out + off, (u16)n, err);
		if (rc)
			return rc;
	}
	*len = pub.data_size;
	return 0;
}
