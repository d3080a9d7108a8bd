// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy slot record in TPM NV (parapet/nv_slots.h; docs/tpm-nv-floor.md,
 * "The slot record"). An ordinary index written only through a policy
 * session whose every branch ends in PolicyLocality(2): the floor
 * baseline's authPolicy, PolicyOR(WRITE, DELETE) (nv_floor.c), reused so
 * one set of digests covers all three indices. Unlike the baseline it is
 * never write-locked: the hypervisor rewrites it at every trial boot and
 * every confirm.
 *
 * Attributes (TPM 2.0 Part 2, 13.4 TPMA_NV), each with its reason:
 * - TPM_NT_ORDINARY (13.2): plain bytes, NVSLOTS_SIZE of them.
 * - POLICYWRITE only (no PPWRITE/OWNERWRITE/AUTHWRITE): no hierarchy and no
 *   password can write it; the policy demands locality 2.
 * - AUTHREAD with the empty authValue: read without a secret at any
 *   locality; NO_DA: reads never touch dictionary-attack lockout.
 * - PLATFORMCREATE + POLICY_DELETE (Part 3, 31.4, 31.5): only
 *   TPM2_NV_UndefineSpaceSpecial deletes it, which needs platform
 *   authorization AND the DELETE branch (locality 2); TPM2_Clear keeps it.
 * - not ORDERLY: each write reaches NV before the command completes, so a
 *   trial count raised before a trial boot survives a power cut in it.
 * Trust: the public area read back is compared bit by bit and its Name
 * recomputed before the contents are believed; the contents are parsed
 * with bounds and value checks (nvslots_parse).
 */
#include <parapet/bytes.h>
#include <parapet/nv_slots.h>
#include <parapet/string.h>

#define NVSLOTS_ATTRS                                                                              \
	((TPM2_NT_ORDINARY << TPMA_NV_TPM_NT_SHIFT) | TPMA_NV_POLICYWRITE | TPMA_NV_AUTHREAD |     \
	 TPMA_NV_NO_DA | TPMA_NV_PLATFORMCREATE | TPMA_NV_POLICY_DELETE)

void nvslots_serialize(const struct pp_slot_record *rec, u8 out[NVSLOTS_SIZE])
{
	memset(out, 0, NVSLOTS_SIZE);
	memcpy(out + NVSLOTS_OFF_CONFIRMED, rec->confirmed, PP_SLOT_DIGEST);
	for (u32 s = 0; s < PP_SLOTS; s++) {
		u8 *t = out + NVSLOTS_OFF_TRIAL(s);
		memcpy(t + NVSLOTS_TRIAL_PREFIX, rec->trial[s].prefix, PP_SLOT_PREFIX);
		st_le32(t + NVSLOTS_TRIAL_COUNT, rec->trial[s].count);
		st_le32(t + NVSLOTS_TRIAL_RESERVED, 0);
	}
}

int nvslots_parse(const u8 *b, size_t len, struct pp_slot_record *rec, struct pp_err *err)
{
	struct pp_slot_record r = {0};

	if (len != NVSLOTS_SIZE)
		return pp_fail(err, PP_EINVAL, "slot record: %zu bytes, expected %u", len,
			       NVSLOTS_SIZE);
	memcpy(r.confirmed, b + NVSLOTS_OFF_CONFIRMED, PP_SLOT_DIGEST);
	for (u32 s = 0; s < PP_SLOTS; s++) {
		const u8 *t = b + NVSLOTS_OFF_TRIAL(s);
		u32 res = ld_le32(t + NVSLOTS_TRIAL_RESERVED);
		memcpy(r.trial[s].prefix, t + NVSLOTS_TRIAL_PREFIX, PP_SLOT_PREFIX);
		r.trial[s].count = ld_le32(t + NVSLOTS_TRIAL_COUNT);
		if (r.trial[s].count > PP_POLICY_MAX_TRIALS)
			return pp_fail(err, PP_ERANGE,
				       "slot record: slot %c trial count %u above %u (offset 0x%x)",
				       pp_slot_name(s), r.trial[s].count, PP_POLICY_MAX_TRIALS,
				       NVSLOTS_OFF_TRIAL(s) + NVSLOTS_TRIAL_COUNT);
		if (res)
			return pp_fail(err, PP_EINVAL,
				       "slot record: reserved word 0x%08x at offset 0x%x is not 0",
				       res, NVSLOTS_OFF_TRIAL(s) + NVSLOTS_TRIAL_RESERVED);
	}
	*rec = r;
	return 0;
}

void nvslots_expected_public(u32 index, struct tpm2_nv_public *pub)
{
	memset(pub, 0, sizeof(*pub));
	pub->index = index;
	pub->name_alg = PP_ALG_SHA256;
	pub->attributes = NVSLOTS_ATTRS;
	pub->policy_size = TPM2_SHA256_SIZE;
	nvfloor_baseline_policy(pub->policy); /* PolicyOR(WRITE, DELETE) */
	pub->data_size = NVSLOTS_SIZE;
}

static int check_public(struct tpm2_dev *dev, u32 index, bool must_written, struct pp_err *err)
{
	struct tpm2_nv_public want, got;
	int rc;

	nvslots_expected_public(index, &want);
	rc = tpm2_nv_read_public(dev, index, &got, NULL, err);
	if (!rc)
		rc = nvfloor_check_public(&got, &want, must_written, false, err);
	return rc;
}

int nvslots_define(struct tpm2_dev *dev, u32 index, struct pp_err *err)
{
	struct tpm2_nv_public pub;

	nvslots_expected_public(index, &pub);
	return tpm2_nv_define(dev, TPM2_RH_PLATFORM, &pub, err);
}

int nvslots_read(struct tpm2_dev *dev, u32 index, struct pp_slot_record *rec, struct pp_err *err)
{
	u8 b[NVSLOTS_SIZE];
	int rc = check_public(dev, index, true, err);

	for (u32 off = 0; !rc && off < NVSLOTS_SIZE; off += TPM2_NV_MAX_DATA) {
		u32 n =
		    NVSLOTS_SIZE - off < TPM2_NV_MAX_DATA ? NVSLOTS_SIZE - off : TPM2_NV_MAX_DATA;
		rc = tpm2_nv_read(dev, index, (u16)off, b + off, (u16)n, err);
	}
	if (!rc)
		rc = nvslots_parse(b, sizeof(b), rec, err);
	return rc;
}

int nvslots_write(struct tpm2_dev *dev, u32 index, const struct pp_slot_record *rec,
		  struct pp_err *err)
{
	u8 b[NVSLOTS_SIZE];
	u32 session;
	int rc = check_public(dev, index, false, err);

	if (!rc)
		rc = nvfloor_start_session(dev, &session, err);
	if (rc)
		return rc;
	nvslots_serialize(rec, b);
	/* The TPM resets the session's digest after each authorized command
	 * (nv_floor.c): the branch is satisfied again before every piece. */
	for (u32 off = 0; !rc && off < NVSLOTS_SIZE; off += TPM2_NV_MAX_DATA) {
		u32 n =
		    NVSLOTS_SIZE - off < TPM2_NV_MAX_DATA ? NVSLOTS_SIZE - off : TPM2_NV_MAX_DATA;
		rc = nvfloor_policy_satisfy(dev, session, false, NVFLOOR_BR_WRITE, err);
		if (!rc)
			rc = tpm2_nv_write(dev, index, session, (u16)off, b + off, (u16)n, err);
	}
	return nvfloor_end_session(dev, session, rc, err);
}

int nvslots_undefine(struct tpm2_dev *dev, u32 index, struct pp_err *err)
{
	u32 session;
	int rc = nvfloor_start_session(dev, &session, err);

	if (rc)
		return rc;
	rc = nvfloor_policy_satisfy(dev, session, false, NVFLOOR_BR_DELETE, err);
	if (!rc)
		rc = tpm2_nv_undefine_special(dev, index, session, err);
	return nvfloor_end_session(dev, session, rc, err);
}
