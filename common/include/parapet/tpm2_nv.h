/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM 2.0 NV storage, policy sessions and the signed-policy rollback floor
 * (common/tpm/nv_*.c, docs/tpm-nv-floor.md). Freestanding, over struct
 * tpm2_dev like the rest of the command layer (parapet/tpm2.h): the
 * hypervisor, the host provisioning tool and tests/tpm/nv-floor-test share
 * it. Built into COMMON_HV_SRCS: not the size-bound secure loader / MLE.
 *
 * Trust: every response is untrusted bytes, parsed with bounds checks (the
 * marshal.c reader); a public area read back from the TPM is compared field
 * by field with the one we expect, and its Name recomputed, before any
 * value read from that index is believed. Errors as in tpm2.h: PP_EDEVICE
 * with the TPM's code in dev->last_rc when the TPM refused; PP_ENOENT for an
 * absent index; PP_EINVAL with the differing field named when an index is
 * not the one we defined.
 */
#ifndef PARAPET_TPM2_NV_H
#define PARAPET_TPM2_NV_H

#include <parapet/tpm2.h>

/* TPM_CC (Part 2, 6.5.2) of the NV and policy commands used here. The
 * constants below are guarded: tpm2_types.h may come to define some. */
#ifndef TPM2_CC_NV_UNDEFINE_SPACE_SPECIAL
#define TPM2_CC_NV_UNDEFINE_SPACE_SPECIAL 0x0000011Fu
#endif
#ifndef TPM2_CC_NV_UNDEFINE_SPACE
#define TPM2_CC_NV_UNDEFINE_SPACE 0x00000122u
#endif
#ifndef TPM2_CC_NV_DEFINE_SPACE
#define TPM2_CC_NV_DEFINE_SPACE 0x0000012Au
#endif
#ifndef TPM2_CC_NV_INCREMENT
#define TPM2_CC_NV_INCREMENT 0x00000134u
#endif
#ifndef TPM2_CC_NV_WRITE
#define TPM2_CC_NV_WRITE 0x00000137u
#endif
#ifndef TPM2_CC_NV_WRITE_LOCK
#define TPM2_CC_NV_WRITE_LOCK 0x00000138u
#endif
#ifndef TPM2_CC_NV_READ
#define TPM2_CC_NV_READ 0x0000014Eu
#endif
#ifndef TPM2_CC_FLUSH_CONTEXT
#define TPM2_CC_FLUSH_CONTEXT 0x00000165u
#endif
#ifndef TPM2_CC_NV_READ_PUBLIC
#define TPM2_CC_NV_READ_PUBLIC 0x00000169u
#endif
#ifndef TPM2_CC_POLICY_COMMAND_CODE
#define TPM2_CC_POLICY_COMMAND_CODE 0x0000016Cu
#endif
#ifndef TPM2_CC_POLICY_LOCALITY
#define TPM2_CC_POLICY_LOCALITY 0x0000016Fu
#endif
#ifndef TPM2_CC_POLICY_OR
#define TPM2_CC_POLICY_OR 0x00000171u
#endif
#ifndef TPM2_CC_START_AUTH_SESSION
#define TPM2_CC_START_AUTH_SESSION 0x00000176u
#endif
#ifndef TPM2_CC_POLICY_GET_DIGEST
#define TPM2_CC_POLICY_GET_DIGEST 0x00000189u
#endif
#ifndef TPM2_CC_SHUTDOWN
#define TPM2_CC_SHUTDOWN 0x00000145u
#endif

/* Handles (Part 2, 7.4 TPM_RH; 7.2 TPM_HT). */
#ifndef TPM2_RH_OWNER
#define TPM2_RH_OWNER 0x40000001u
#endif
#ifndef TPM2_RH_NULL
#define TPM2_RH_NULL 0x40000007u
#endif
#ifndef TPM2_RH_PLATFORM
#define TPM2_RH_PLATFORM 0x4000000Cu
#endif
#ifndef TPM2_HT_NV_INDEX
#define TPM2_HT_NV_INDEX 0x01u /* handle >> 24 of an NV index */
#endif
#ifndef TPM2_HT_POLICY_SESSION
#define TPM2_HT_POLICY_SESSION 0x03u
#endif

/* TPM_SE (Part 2, 6.8), TPMA_SESSION (8.4), TPM_ALG_NULL (6.3). */
#ifndef TPM2_SE_POLICY
#define TPM2_SE_POLICY 0x01u
#endif
#ifndef TPM2_SE_TRIAL
#define TPM2_SE_TRIAL 0x03u
#endif
#ifndef TPM2_SESSION_CONTINUE
#define TPM2_SESSION_CONTINUE 0x01u
#endif
#ifndef TPM2_ALG_NULL
#define TPM2_ALG_NULL 0x0010u
#endif

/* TPMA_NV (Part 2, 13.4). */
#define TPMA_NV_PPWRITE (1u << 0)
#define TPMA_NV_OWNERWRITE (1u << 1)
#define TPMA_NV_AUTHWRITE (1u << 2)
#define TPMA_NV_POLICYWRITE (1u << 3)
#define TPMA_NV_TPM_NT_SHIFT 4
#define TPMA_NV_TPM_NT_MASK (0xFu << 4)
#define TPMA_NV_POLICY_DELETE (1u << 10)
#define TPMA_NV_WRITELOCKED (1u << 11)
#define TPMA_NV_WRITEALL (1u << 12)
#define TPMA_NV_WRITEDEFINE (1u << 13)
#define TPMA_NV_WRITE_STCLEAR (1u << 14)
#define TPMA_NV_GLOBALLOCK (1u << 15)
#define TPMA_NV_PPREAD (1u << 16)
#define TPMA_NV_OWNERREAD (1u << 17)
#define TPMA_NV_AUTHREAD (1u << 18)
#define TPMA_NV_POLICYREAD (1u << 19)
#define TPMA_NV_NO_DA (1u << 25)
#define TPMA_NV_ORDERLY (1u << 26)
#define TPMA_NV_CLEAR_STCLEAR (1u << 27)
#define TPMA_NV_READLOCKED (1u << 28)
#define TPMA_NV_WRITTEN (1u << 29)
#define TPMA_NV_PLATFORMCREATE (1u << 30)
#define TPMA_NV_READ_STCLEAR (1u << 31)
/* TPM_NT (Part 2, 13.2), in TPMA_NV bits 7:4. */
#define TPM2_NT_ORDINARY 0x0u
#define TPM2_NT_COUNTER 0x1u

/* TPMA_LOCALITY (Part 2, 8.5): bit n = locality n, for n = 0..4. */
#define TPMA_LOCALITY(n) ((u8)(1u << (n)))

/* Response codes the NV commands add to tpm2_types.h (Part 2, 6.6.3). */
#ifndef TPM2_RC_ATTRIBUTES
#define TPM2_RC_ATTRIBUTES (TPM2_RC_FMT1 + 0x002u)
#endif
#ifndef TPM2_RC_POLICY_FAIL
#define TPM2_RC_POLICY_FAIL (TPM2_RC_FMT1 + 0x01Du)
#endif
#ifndef TPM2_RC_POLICY_CC
#define TPM2_RC_POLICY_CC (TPM2_RC_FMT1 + 0x024u)
#endif
#ifndef TPM2_RC_AUTH_UNAVAILABLE
#define TPM2_RC_AUTH_UNAVAILABLE (TPM2_RC_VER1 + 0x02Fu)
#endif
#ifndef TPM2_RC_NV_RANGE
#define TPM2_RC_NV_RANGE (TPM2_RC_VER1 + 0x046u)
#endif
#ifndef TPM2_RC_NV_LOCKED
#define TPM2_RC_NV_LOCKED (TPM2_RC_VER1 + 0x048u)
#endif
#ifndef TPM2_RC_NV_AUTHORIZATION
#define TPM2_RC_NV_AUTHORIZATION (TPM2_RC_VER1 + 0x049u)
#endif
#ifndef TPM2_RC_NV_UNINITIALIZED
#define TPM2_RC_NV_UNINITIALIZED (TPM2_RC_VER1 + 0x04Au)
#endif
#ifndef TPM2_RC_NV_DEFINED
#define TPM2_RC_NV_DEFINED (TPM2_RC_VER1 + 0x04Cu)
#endif
/* A format-one code without its handle/parameter/session number (bits 11:6),
 * e.g. TPM2_RC_BASE(0x98e) == TPM2_RC_AUTH_FAIL (0x08e); others unchanged. */
#define TPM2_RC_BASE(rc) (((rc)&TPM2_RC_FMT1) ? ((rc) & (TPM2_RC_FMT1 | 0x3Fu)) : (rc))

#define TPM2_SHA256_SIZE 32u
#define TPM2_NV_MAX_DATA 64u /* largest NV_Read / NV_Write we issue */

/* TPMS_NV_PUBLIC (Part 2, 13.5) with a SHA-256 (or smaller) authPolicy. */
struct tpm2_nv_public {
	u32 index;	 /* TPMI_RH_NV_INDEX */
	u16 name_alg;	 /* TPMI_ALG_HASH */
	u32 attributes;	 /* TPMA_NV */
	u16 policy_size; /* authPolicy.size: 0 or the digest size of name_alg */
	u8 policy[PP_HASH_MAX_DIGEST];
	u16 data_size;
};

/* An NV Name (Part 1, "Names": nameAlg || H_nameAlg(TPMS_NV_PUBLIC)). */
struct tpm2_name {
	u16 size;
	u8 b[2 + PP_HASH_MAX_DIGEST];
};

/*
 * Authorization of one NV command: either a password session with an empty
 * password (session == TPM2_RS_PW) or a policy session (its handle), sent
 * with an empty nonce and hmac and continueSession set, so one session can
 * authorize several commands and is flushed by its owner.
 */

/* --- NV commands (common/tpm/nv_cmd.c; Part 3, 31) --- */

/* Marshal TPMS_NV_PUBLIC into buf; returns its length or 0 if cap is short. */
size_t tpm2_nv_public_marshal(const struct tpm2_nv_public *pub, u8 *buf, size_t cap);
/* Name of a public area: nameAlg || SHA-256(TPMS_NV_PUBLIC). SHA-256 only. */
int tpm2_nv_name(const struct tpm2_nv_public *pub, struct tpm2_name *name, struct pp_err *err);

/* TPM2_NV_DefineSpace (31.3): auth is TPM2_RH_PLATFORM or TPM2_RH_OWNER with
 * an empty password; the index's authValue is empty. */
int tpm2_nv_define(struct tpm2_dev *dev, u32 auth, const struct tpm2_nv_public *pub,
		   struct pp_err *err);
/* TPM2_NV_UndefineSpace (31.4): auth TPM2_RH_PLATFORM or TPM2_RH_OWNER, empty password. */
int tpm2_nv_undefine(struct tpm2_dev *dev, u32 auth, u32 index, struct pp_err *err);
/* TPM2_NV_UndefineSpaceSpecial (31.5): the index's policy session, then the
 * platform's empty password. */
int tpm2_nv_undefine_special(struct tpm2_dev *dev, u32 index, u32 session, struct pp_err *err);
/* TPM2_NV_ReadPublic (31.6): the public area and the Name the TPM reports;
 * the Name is checked against the public area (name may be NULL). */
int tpm2_nv_read_public(struct tpm2_dev *dev, u32 index, struct tpm2_nv_public *pub,
			struct tpm2_name *name, struct pp_err *err);
/* TPM2_NV_Read (31.13), authHandle = the index (AUTHREAD, empty password):
 * exactly len (<= TPM2_NV_MAX_DATA) bytes at offset. */
int tpm2_nv_read(struct tpm2_dev *dev, u32 index, u16 offset, u8 *out, u16 len, struct pp_err *err);
/* TPM2_NV_Write (31.7), TPM2_NV_Increment (31.8), TPM2_NV_WriteLock (31.11):
 * authHandle = the index, authorized by `session` (see above). */
int tpm2_nv_write(struct tpm2_dev *dev, u32 index, u32 session, u16 offset, const u8 *data, u16 len,
		  struct pp_err *err);
int tpm2_nv_increment(struct tpm2_dev *dev, u32 index, u32 session, struct pp_err *err);
int tpm2_nv_write_lock(struct tpm2_dev *dev, u32 index, u32 session, struct pp_err *err);
/* Writes with the authorization given by its handle (`auth`: TPM2_RH_OWNER or
 * TPM2_RH_PLATFORM with an empty password): what an attacker holding the
 * owner password tries; used by the tests. */
int tpm2_nv_write_as(struct tpm2_dev *dev, u32 auth, u32 index, u16 offset, const u8 *data, u16 len,
		     struct pp_err *err);
int tpm2_nv_increment_as(struct tpm2_dev *dev, u32 auth, u32 index, struct pp_err *err);

/* Parsers (exposed for the unit tests and fuzzing): rsp/len a complete
 * success response. */
int tpm2_parse_nv_read_public(const u8 *rsp, size_t len, struct tpm2_nv_public *pub,
			      struct tpm2_name *name, struct pp_err *err);
int tpm2_parse_nv_read(const u8 *rsp, size_t len, u8 *out, u16 want, struct pp_err *err);
/* A response with `sessions` authorization responses and no parameters. */
int tpm2_parse_no_params(const u8 *rsp, size_t len, u32 sessions, const char *what,
			 struct pp_err *err);

/* --- policy sessions (common/tpm/nv_session.c; Part 3, 11.1, 23, 28.4) --- */

/* TPM2_StartAuthSession: unsalted, unbound, TPM_SE_POLICY (or TPM_SE_TRIAL
 * when trial), no symmetric, SHA-256, nonceCaller = 16..32 bytes. */
int tpm2_start_policy_session(struct tpm2_dev *dev, bool trial, const u8 *nonce, u16 nonce_len,
			      u32 *session, struct pp_err *err);
int tpm2_policy_locality(struct tpm2_dev *dev, u32 session, u8 locality_mask, struct pp_err *err);
int tpm2_policy_command_code(struct tpm2_dev *dev, u32 session, u32 cc, struct pp_err *err);
/* TPM2_PolicyOR (23.6): the session's digest must be one of the n (2-8)
 * SHA-256 branch digests; it becomes their OR digest. */
#define TPM2_POLICY_OR_MAX 8u
int tpm2_policy_or(struct tpm2_dev *dev, u32 session, const u8 (*branches)[TPM2_SHA256_SIZE], u32 n,
		   struct pp_err *err);
/* TPM2_PolicyGetDigest (23.19): the session's current policyDigest (32 bytes). */
int tpm2_policy_get_digest(struct tpm2_dev *dev, u32 session, u8 out[TPM2_SHA256_SIZE],
			   struct pp_err *err);
/* TPM2_FlushContext (28.4). */
int tpm2_flush_context(struct tpm2_dev *dev, u32 handle, struct pp_err *err);
int tpm2_parse_start_auth_session(const u8 *rsp, size_t len, u32 *session, struct pp_err *err);
int tpm2_parse_policy_get_digest(const u8 *rsp, size_t len, u8 out[TPM2_SHA256_SIZE],
				 struct pp_err *err);

/* Policy digests computed in software (Part 3, 23.11.1 and 23.5.1):
 * d' = SHA-256(d || TPM_CC_PolicyCommandCode || code) and
 * d' = SHA-256(d || TPM_CC_PolicyLocality || locality). */
void tpm2_policy_extend_cc(u8 digest[TPM2_SHA256_SIZE], u32 cc);
void tpm2_policy_extend_locality(u8 digest[TPM2_SHA256_SIZE], u8 locality_mask);
/* d' = SHA-256(0^32 || TPM_CC_PolicyOR || branch_1 || ... || branch_n). */
void tpm2_policy_or_digest(const u8 (*branches)[TPM2_SHA256_SIZE], u32 n,
			   u8 digest[TPM2_SHA256_SIZE]);

/* --- the rollback floor (common/tpm/nv_floor.c; docs/tpm-nv-floor.md) --- */

/* Handles in the TCG registry's platform range 0x01400000-0x017FFFFF. */
#define NVFLOOR_COUNTER_INDEX 0x01500A00u
#define NVFLOOR_BASELINE_INDEX 0x01500A01u
/* The locality that alone may move the floor (the hypervisor's). */
#define NVFLOOR_LOCALITY 2u
/* Largest raise done in one call: each step is one NV_Increment (an NV
 * write, rate-limited on real TPMs); a larger jump is refused. */
#define NVFLOOR_MAX_STEP 64u

/* Where the two indices are (tests use other handles; the boot path the
 * default, nvfloor_default_layout). */
struct nvfloor_layout {
	u32 counter;
	u32 baseline;
};
extern const struct nvfloor_layout nvfloor_default_layout;

/* The public areas we define: attributes without WRITTEN/WRITELOCKED. */
void nvfloor_expected_public(const struct nvfloor_layout *l, bool counter,
			     struct tpm2_nv_public *pub);

/*
 * Policy branches, each SHA-256 from zeros (Part 3, 23.5.1, 23.11.1):
 *   INCREMENT  PolicyCommandCode(NV_Increment), PolicyLocality(2)
 *   WRITE      PolicyLocality(2)          (NV_Write and NV_WriteLock)
 *   DELETE     PolicyCommandCode(NV_UndefineSpaceSpecial), PolicyLocality(2)
 * authPolicy of the counter = PolicyOR(INCREMENT, DELETE); of the baseline
 * = PolicyOR(WRITE, DELETE) (Part 3, 23.6.1).
 */
enum nvfloor_branch { NVFLOOR_BR_INCREMENT, NVFLOOR_BR_WRITE, NVFLOOR_BR_DELETE };
void nvfloor_branch_digest(enum nvfloor_branch br, u8 out[TPM2_SHA256_SIZE]);
void nvfloor_counter_policy(u8 out[TPM2_SHA256_SIZE]);
void nvfloor_baseline_policy(u8 out[TPM2_SHA256_SIZE]);
/* Runs branch br and the index's PolicyOR in a policy session. */
int nvfloor_policy_satisfy(struct tpm2_dev *dev, u32 session, bool counter, enum nvfloor_branch br,
			   struct pp_err *err);
/* A policy session with a TPM-random nonceCaller; and its flush, which keeps
 * the first error (rc, *err, dev->last_rc) when rc is non-zero. */
int nvfloor_start_session(struct tpm2_dev *dev, u32 *session, struct pp_err *err);
int nvfloor_end_session(struct tpm2_dev *dev, u32 session, int rc, struct pp_err *err);

/*
 * Compares a public area read from the TPM with the expected one: index,
 * nameAlg, type and every attribute bit, authPolicy, dataSize. must_written
 * (and for the baseline must_locked) require the state bits too. The error
 * names the first difference (PP_EINVAL).
 */
int nvfloor_check_public(const struct tpm2_nv_public *got, const struct tpm2_nv_public *want,
			 bool must_written, bool must_locked, struct pp_err *err);

struct nvfloor_state {
	u64 counter;  /* raw counter value */
	u64 baseline; /* counter value when the floor was 0 */
	u32 floor;    /* counter - baseline */
};

/* Reads both public areas (checked: provisioned, locked, ours), then both
 * values; floor = counter - baseline. Works at any locality (reads need no
 * secret). Any mismatch or absence is an error naming it. */
int nvfloor_read(struct tpm2_dev *dev, const struct nvfloor_layout *l, struct nvfloor_state *st,
		 struct pp_err *err);

/* The boot check: nvfloor_read, then epoch >= floor, else PP_ERANGE "policy
 * epoch 3 is below the TPM floor 5 (NV counter 0x01500a00)". Any read error
 * is returned as is: an absent or foreign index never counts as floor 0. */
int nvfloor_check_epoch(struct tpm2_dev *dev, const struct nvfloor_layout *l, u32 epoch,
			struct nvfloor_state *st, struct pp_err *err);

/*
 * Raises the floor to epoch: epoch <= floor changes nothing; epoch - floor >
 * NVFLOOR_MAX_STEP is refused (PP_ERANGE) before anything is sent. One policy
 * session; per step the INCREMENT branch + PolicyOR, then NV_Increment; the
 * session is flushed on every path. At another
 * locality than 2 the TPM refuses the first increment (TPM_RC_LOCALITY, in
 * dev->last_rc). The floor is read back and must equal epoch.
 */
int nvfloor_raise(struct tpm2_dev *dev, const struct nvfloor_layout *l, u32 epoch,
		  struct nvfloor_state *st, struct pp_err *err);

/* TPM2_NV_DefineSpace of both indices with platform authorization (empty
 * password: swtpm; firmware on a real machine). */
int nvfloor_define(struct tpm2_dev *dev, const struct nvfloor_layout *l, struct pp_err *err);

/* TPM2_NV_UndefineSpaceSpecial of both: platform authorization (empty
 * password) AND the DELETE branch, so only at locality 2. The reset path
 * (docs/tpm-nv-floor.md); nothing in the boot path calls it. */
int nvfloor_undefine(struct tpm2_dev *dev, const struct nvfloor_layout *l, struct pp_err *err);

/*
 * Records the baseline, at locality 2: both indices defined and ours, the
 * baseline not yet locked. Increments the counter once (so it is
 * initialized: Part 3, 31.8.1, an unwritten counter starts at the TPM's
 * largest count), writes
 * its value to the baseline and locks the baseline for good (WRITEDEFINE).
 * Afterwards the floor is 0.
 */
int nvfloor_provision(struct tpm2_dev *dev, const struct nvfloor_layout *l,
		      struct nvfloor_state *st, struct pp_err *err);

#endif
