// SPDX-License-Identifier: GPL-2.0-only
/*
 * The signed-policy rollback floor in TPM NV (docs/tpm-nv-floor.md): an NV
 * counter and a write-once baseline, floor = counter - baseline.
 *
 * Rules, each from TPM 2.0 Part 1-3 (rev. 1.59):
 * - TPM_NT_COUNTER (Part 2, 13.2; Part 3, 31.8): only TPM2_NV_Increment
 *   changes it, by one, and never down; its first increment starts it at the
 *   largest count of any counter the TPM has had (Part 3, 31.8.1; measured
 *   on swtpm: a counter deleted at 0x44 and redefined resumed at 0x45), so
 *   deleting and redefining it never lowers the value: the baseline records
 *   where our floor 0 was.
 * - Writes only through a policy session (TPMA_NV_POLICYWRITE; no
 *   PPWRITE/OWNERWRITE/AUTHWRITE, Part 2, 13.4). The counter's authPolicy is
 *   PolicyOR(INCREMENT, DELETE), the baseline's PolicyOR(WRITE, DELETE)
 *   (branches in tpm2_nv.h), every branch ending in PolicyLocality(2). A
 *   command sent at another locality fails the locality check of the policy
 *   session (Part 3, 23.8: TPM_RC_LOCALITY).
 * - TPMA_NV_WRITEDEFINE on the baseline (Part 2, 13.4; Part 3, 31.11): once
 *   TPM2_NV_WriteLock ran, no write succeeds until the index is deleted.
 * - TPMA_NV_PLATFORMCREATE + TPMA_NV_POLICY_DELETE (Part 2, 13.4; Part 3,
 *   31.4 and 31.5): TPM2_NV_UndefineSpace is refused for both indices (also
 *   with platform authorization); only TPM2_NV_UndefineSpaceSpecial, which
 *   needs platform authorization AND the index's authPolicy through its
 *   DELETE branch (an ADMIN-role command: the branch must name it with
 *   PolicyCommandCode), deletes them. The owner cannot (TPM2_Clear leaves
 *   platform-created indices, Part 3, 24.6).
 * - Reads need no secret: TPMA_NV_AUTHREAD with the empty authValue.
 * - Trust: a public area read back is compared bit by bit with the expected
 *   one and its Name recomputed (tpm2_parse_nv_read_public), so an index
 *   redefined with other attributes or another policy is refused; values are
 *   believed only after that.
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2_nv.h>

const struct nvfloor_layout nvfloor_default_layout = {NVFLOOR_COUNTER_INDEX,
						      NVFLOOR_BASELINE_INDEX};

/* Attribute bits that record state rather than define the index. */
#define NV_STATE_BITS (TPMA_NV_WRITTEN | TPMA_NV_WRITELOCKED | TPMA_NV_READLOCKED)

#define COUNTER_ATTRS                                                                              \
	((TPM2_NT_COUNTER << TPMA_NV_TPM_NT_SHIFT) | TPMA_NV_POLICYWRITE | TPMA_NV_AUTHREAD |      \
	 TPMA_NV_NO_DA | TPMA_NV_PLATFORMCREATE | TPMA_NV_POLICY_DELETE)
#define BASELINE_ATTRS                                                                             \
	((TPM2_NT_ORDINARY << TPMA_NV_TPM_NT_SHIFT) | TPMA_NV_POLICYWRITE | TPMA_NV_WRITEDEFINE |  \
	 TPMA_NV_WRITEALL | TPMA_NV_AUTHREAD | TPMA_NV_NO_DA | TPMA_NV_PLATFORMCREATE |            \
	 TPMA_NV_POLICY_DELETE)
#define NV_VALUE_SIZE 8u /* counter: UINT64 (Part 2, 13.2); baseline: the same, big-endian */

void nvfloor_branch_digest(enum nvfloor_branch br, u8 out[TPM2_SHA256_SIZE])
{
	memset(out, 0, TPM2_SHA256_SIZE); /* a new session's policyDigest: zeros */
	if (br == NVFLOOR_BR_INCREMENT)
		tpm2_policy_extend_cc(out, TPM2_CC_NV_INCREMENT);
	else if (br == NVFLOOR_BR_DELETE)
		tpm2_policy_extend_cc(out, TPM2_CC_NV_UNDEFINE_SPACE_SPECIAL);
	tpm2_policy_extend_locality(out, TPMA_LOCALITY(NVFLOOR_LOCALITY));
}

/* The two branches of an index's policy, in PolicyOR list order. */
static void branches_of(bool counter, u8 (*br)[TPM2_SHA256_SIZE])
{
	nvfloor_branch_digest(counter ? NVFLOOR_BR_INCREMENT : NVFLOOR_BR_WRITE, br[0]);
	nvfloor_branch_digest(NVFLOOR_BR_DELETE, br[1]);
}

void nvfloor_counter_policy(u8 out[TPM2_SHA256_SIZE])
{
	u8 br[2][TPM2_SHA256_SIZE];

	branches_of(true, br);
	tpm2_policy_or_digest(br, 2, out);
}

void nvfloor_baseline_policy(u8 out[TPM2_SHA256_SIZE])
{
	u8 br[2][TPM2_SHA256_SIZE];

	branches_of(false, br);
	tpm2_policy_or_digest(br, 2, out);
}

void nvfloor_expected_public(const struct nvfloor_layout *l, bool counter,
			     struct tpm2_nv_public *pub)
{
	memset(pub, 0, sizeof(*pub));
	pub->index = counter ? l->counter : l->baseline;
	pub->name_alg = PP_ALG_SHA256;
	pub->attributes = counter ? COUNTER_ATTRS : BASELINE_ATTRS;
	pub->policy_size = TPM2_SHA256_SIZE;
	if (counter)
		nvfloor_counter_policy(pub->policy);
	else
		nvfloor_baseline_policy(pub->policy);
	pub->data_size = NV_VALUE_SIZE;
}

/* Lowest set bit of x (x != 0). */
static u32 low_bit(u32 x)
{
	u32 n = 0;
	while (!(x & 1u)) {
		x >>= 1;
		n++;
	}
	return n;
}

int nvfloor_check_public(const struct tpm2_nv_public *got, const struct tpm2_nv_public *want,
			 bool must_written, bool must_locked, struct pp_err *err)
{
	u32 diff = (got->attributes & ~(u32)NV_STATE_BITS) ^ want->attributes;

	if (got->index != want->index)
		return pp_fail(err, PP_EINVAL, "NV index 0x%08x: public area names 0x%08x",
			       want->index, got->index);
	if (got->name_alg != want->name_alg)
		return pp_fail(err, PP_EINVAL, "NV index 0x%08x: nameAlg 0x%04x, expected 0x%04x",
			       want->index, got->name_alg, want->name_alg);
	if (diff) {
		u32 bit = low_bit(diff);
		return pp_fail(err, PP_EINVAL,
			       "NV index 0x%08x: attributes 0x%08x, expected 0x%08x (bit %u %s)",
			       want->index, got->attributes, want->attributes, bit,
			       got->attributes & (1u << bit) ? "set" : "clear");
	}
	if (got->policy_size != want->policy_size ||
	    memcmp(got->policy, want->policy, want->policy_size) != 0)
		return pp_fail(err, PP_EINVAL,
			       "NV index 0x%08x: authPolicy (%u bytes) is not the locality-%u "
			       "policy",
			       want->index, got->policy_size, NVFLOOR_LOCALITY);
	if (got->data_size != want->data_size)
		return pp_fail(err, PP_EINVAL, "NV index 0x%08x: dataSize %u, expected %u",
			       want->index, got->data_size, want->data_size);
	if (must_written && !(got->attributes & TPMA_NV_WRITTEN))
		return pp_fail(err, PP_ENOENT, "NV index 0x%08x: never written (not provisioned)",
			       want->index);
	if (must_locked && !(got->attributes & TPMA_NV_WRITELOCKED))
		return pp_fail(err, PP_ENOENT,
			       "NV index 0x%08x: baseline not write-locked (not provisioned)",
			       want->index);
	return 0;
}

/* ReadPublic + check of one index. */
static int check_index(struct tpm2_dev *dev, const struct nvfloor_layout *l, bool counter,
		       bool provisioned, struct tpm2_nv_public *got, struct pp_err *err)
{
	struct tpm2_nv_public want;
	int rc;

	nvfloor_expected_public(l, counter, &want);
	rc = tpm2_nv_read_public(dev, want.index, got, NULL, err);
	if (rc)
		return rc;
	return nvfloor_check_public(got, &want, provisioned, provisioned && !counter, err);
}

static int read_u64(struct tpm2_dev *dev, u32 index, u64 *v, struct pp_err *err)
{
	u8 b[NV_VALUE_SIZE];
	int rc = tpm2_nv_read(dev, index, 0, b, sizeof(b), err);

	if (!rc)
		*v = ld_be64(b);
	return rc;
}

int nvfloor_read(struct tpm2_dev *dev, const struct nvfloor_layout *l, struct nvfloor_state *st,
		 struct pp_err *err)
{
	struct tpm2_nv_public pub;
	struct nvfloor_state s = {0, 0, 0};
	u64 diff;
	int rc;

	rc = check_index(dev, l, true, true, &pub, err);
	if (!rc)
		rc = check_index(dev, l, false, true, &pub, err);
	if (!rc)
		rc = read_u64(dev, l->baseline, &s.baseline, err);
	if (!rc)
		rc = read_u64(dev, l->counter, &s.counter, err);
	if (rc)
		return rc;
	if (s.counter < s.baseline)
		return pp_fail(err, PP_EINVAL, "NV floor: counter 0x%llx below its baseline 0x%llx",
			       (unsigned long long)s.counter, (unsigned long long)s.baseline);
	diff = s.counter - s.baseline;
	if (diff > 0xFFFFFFFFull)
		return pp_fail(err, PP_ERANGE,
			       "NV floor: counter - baseline = 0x%llx exceeds 32 bits",
			       (unsigned long long)diff);
	s.floor = (u32)diff;
	*st = s;
	return 0;
}

/*
 * Satisfies one branch of an index's policy in session, then PolicyOR over
 * the index's two branches. The TPM resets a policy session's policyDigest
 * once the session has authorized a command (measured on swtpm 0.7.1: a
 * second NV command in the same session without repeating the policy fails
 * with TPM_RC_POLICY_FAIL), so this runs before every authorized command.
 */
int nvfloor_policy_satisfy(struct tpm2_dev *dev, u32 session, bool counter, enum nvfloor_branch br,
			   struct pp_err *err)
{
	u8 branches[2][TPM2_SHA256_SIZE];
	int rc = 0;

	if (br == NVFLOOR_BR_INCREMENT)
		rc = tpm2_policy_command_code(dev, session, TPM2_CC_NV_INCREMENT, err);
	else if (br == NVFLOOR_BR_DELETE)
		rc = tpm2_policy_command_code(dev, session, TPM2_CC_NV_UNDEFINE_SPACE_SPECIAL, err);
	if (!rc)
		rc = tpm2_policy_locality(dev, session, TPMA_LOCALITY(NVFLOOR_LOCALITY), err);
	branches_of(counter, branches);
	if (!rc)
		rc = tpm2_policy_or(dev, session, branches, 2, err);
	return rc;
}

/* A policy session (unbound, unsalted, SHA-256) with a TPM-random nonceCaller. */
int nvfloor_start_session(struct tpm2_dev *dev, u32 *session, struct pp_err *err)
{
	u8 nonce[TPM2_SHA256_SIZE];
	int rc = tpm2_get_random(dev, nonce, sizeof(nonce), err);

	if (!rc)
		rc = tpm2_start_policy_session(dev, false, nonce, sizeof(nonce), session, err);
	return rc;
}

/* Flushes session; keeps the first error (rc, err and dev->last_rc) when
 * there was one, so the caller sees the TPM's refusal, not the flush. */
int nvfloor_end_session(struct tpm2_dev *dev, u32 session, int rc, struct pp_err *err)
{
	struct pp_err ferr;
	u32 last = dev->last_rc;
	int frc = tpm2_flush_context(dev, session, &ferr);

	if (rc) {
		dev->last_rc = last;
		return rc;
	}
	if (frc && err)
		*err = ferr;
	return frc;
}

static int increment_n(struct tpm2_dev *dev, u32 index, u32 steps, struct pp_err *err)
{
	u32 session;
	int rc = nvfloor_start_session(dev, &session, err);

	if (rc)
		return rc;
	for (u32 i = 0; i < steps && !rc; i++) {
		rc = nvfloor_policy_satisfy(dev, session, true, NVFLOOR_BR_INCREMENT, err);
		if (!rc)
			rc = tpm2_nv_increment(dev, index, session, err);
	}
	return nvfloor_end_session(dev, session, rc, err);
}

int nvfloor_check_epoch(struct tpm2_dev *dev, const struct nvfloor_layout *l, u32 epoch,
			struct nvfloor_state *st, struct pp_err *err)
{
	int rc = nvfloor_read(dev, l, st, err);

	if (rc)
		return rc;
	if (epoch < st->floor)
		return pp_fail(err, PP_ERANGE,
			       "policy epoch %u is below the TPM floor %u (NV counter 0x%08x)",
			       epoch, st->floor, l->counter);
	return 0;
}

int nvfloor_raise(struct tpm2_dev *dev, const struct nvfloor_layout *l, u32 epoch,
		  struct nvfloor_state *st, struct pp_err *err)
{
	struct nvfloor_state s = {0, 0, 0};
	u32 steps;
	int rc = nvfloor_read(dev, l, &s, err);

	if (rc)
		return rc;
	if (epoch <= s.floor) {
		*st = s;
		return 0;
	}
	steps = epoch - s.floor;
	if (steps > NVFLOOR_MAX_STEP)
		return pp_fail(err, PP_ERANGE,
			       "NV floor: raising %u to %u takes %u increments, more than %u",
			       s.floor, epoch, steps, NVFLOOR_MAX_STEP);
	rc = increment_n(dev, l->counter, steps, err);
	if (!rc)
		rc = nvfloor_read(dev, l, &s, err);
	if (rc)
		return rc;
	*st = s;
	if (s.floor != epoch)
		return pp_fail(err, PP_EDEVICE, "NV floor: %u after raising to %u", s.floor, epoch);
	return 0;
}

int nvfloor_define(struct tpm2_dev *dev, const struct nvfloor_layout *l, struct pp_err *err)
{
	struct tpm2_nv_public pub;
	int rc;

	nvfloor_expected_public(l, true, &pub);
	rc = tpm2_nv_define(dev, TPM2_RH_PLATFORM, &pub, err);
	if (rc)
		return rc;
	nvfloor_expected_public(l, false, &pub);
	return tpm2_nv_define(dev, TPM2_RH_PLATFORM, &pub, err);
}

int nvfloor_provision(struct tpm2_dev *dev, const struct nvfloor_layout *l,
		      struct nvfloor_state *st, struct pp_err *err)
{
	struct tpm2_nv_public pub;
	u8 b[NV_VALUE_SIZE];
	u64 v;
	u32 session;
	int rc;

	rc = check_index(dev, l, true, false, &pub, err);
	if (!rc)
		rc = check_index(dev, l, false, false, &pub, err);
	if (rc)
		return rc;
	if (pub.attributes & TPMA_NV_WRITELOCKED)
		return pp_fail(err, PP_EINVAL,
			       "NV floor: baseline 0x%08x already locked (provisioned before)",
			       l->baseline);
	/* the first increment initializes the counter (Part 3, 31.8.1) */
	rc = increment_n(dev, l->counter, 1, err);
	if (!rc)
		rc = read_u64(dev, l->counter, &v, err);
	if (!rc)
		rc = nvfloor_start_session(dev, &session, err);
	if (rc)
		return rc;
	st_be64(b, v);
	rc = nvfloor_policy_satisfy(dev, session, false, NVFLOOR_BR_WRITE, err);
	if (!rc)
		rc = tpm2_nv_write(dev, l->baseline, session, 0, b, sizeof(b), err);
	if (!rc)
		rc = nvfloor_policy_satisfy(dev, session, false, NVFLOOR_BR_WRITE, err);
	if (!rc)
		rc = tpm2_nv_write_lock(dev, l->baseline, session, err);
	rc = nvfloor_end_session(dev, session, rc, err);
	if (!rc)
		rc = nvfloor_read(dev, l, st, err);
	return rc;
}

int nvfloor_undefine(struct tpm2_dev *dev, const struct nvfloor_layout *l, struct pp_err *err)
{
	u32 index[2] = {l->counter, l->baseline}, session;
	int rc = nvfloor_start_session(dev, &session, err);

	if (rc)
		return rc;
	for (u32 i = 0; i < 2 && !rc; i++) {
		rc = nvfloor_policy_satisfy(dev, session, i == 0, NVFLOOR_BR_DELETE, err);
		if (!rc)
			rc = tpm2_nv_undefine_special(dev, index[i], session, err);
	}
	return nvfloor_end_session(dev, session, rc, err);
}
