/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The policy slot record in TPM NV (common/tpm/nv_slots.c;
 * docs/tpm-nv-floor.md, "The slot record"): the confirmed policy's SHA-256
 * and a trial entry per slot (parapet/policy_slots.h, struct
 * pp_slot_record), next to the rollback floor's two indices. Freestanding,
 * in COMMON_HV_SRCS like nv_floor.c.
 *
 * The index's contents, NVSLOTS_SIZE bytes, integers little-endian
 * (serialized and parsed byte by byte, never through a struct cast):
 *
 *   0x00  32  confirmed     SHA-256 of the confirmed signed policy file;
 *                           all zeros: none confirmed yet
 *   0x20   8  a.prefix      first 8 bytes of the SHA-256 of slot a's file
 *                           when it was last tried
 *   0x28   4  a.count       its trial boots, 0..PP_POLICY_MAX_TRIALS
 *   0x2C   4  reserved      0
 *   0x30   8  b.prefix      the same for slot b
 *   0x38   4  b.count
 *   0x3C   4  reserved      0
 *
 * All zeros (what provisioning writes) is the first boot: nothing
 * confirmed, no trials. A count above PP_POLICY_MAX_TRIALS or a non-zero
 * reserved word is not a record this code wrote: refused.
 */
#ifndef PARAPET_NV_SLOTS_H
#define PARAPET_NV_SLOTS_H

#include <parapet/policy_slots.h>
#include <parapet/tpm2_nv.h>

/* Next to the floor's 0x01500A00/0x01500A01 (TCG registry platform range). */
#define NVSLOTS_INDEX 0x01500A02u

#define NVSLOTS_OFF_CONFIRMED 0x00u
#define NVSLOTS_OFF_TRIAL(s) (0x20u + 0x10u * (s)) /* s = 0 (a), 1 (b) */
#define NVSLOTS_TRIAL_PREFIX 0x00u		   /* within a trial entry */
#define NVSLOTS_TRIAL_COUNT 0x08u
#define NVSLOTS_TRIAL_RESERVED 0x0Cu
#define NVSLOTS_TRIAL_SIZE 0x10u
#define NVSLOTS_SIZE 0x40u
_Static_assert(NVSLOTS_OFF_TRIAL(PP_SLOTS - 1) + NVSLOTS_TRIAL_SIZE == NVSLOTS_SIZE,
	       "slot record layout");
_Static_assert(NVSLOTS_OFF_CONFIRMED + PP_SLOT_DIGEST == NVSLOTS_OFF_TRIAL(0), "slot record");
_Static_assert(NVSLOTS_TRIAL_PREFIX + PP_SLOT_PREFIX == NVSLOTS_TRIAL_COUNT, "trial entry");

/* The record to bytes and back. Parse: exactly NVSLOTS_SIZE bytes, counts
 * <= PP_POLICY_MAX_TRIALS, reserved words 0; *rec written only on success. */
void nvslots_serialize(const struct pp_slot_record *rec, u8 out[NVSLOTS_SIZE]);
int nvslots_parse(const u8 *b, size_t len, struct pp_slot_record *rec, struct pp_err *err);

/*
 * The public area (Part 2, 13.5; attributes 13.4): TPM_NT_ORDINARY,
 * NVSLOTS_SIZE bytes, POLICYWRITE with the floor baseline's authPolicy
 * PolicyOR(WRITE, DELETE) (so writes and deletion need locality 2),
 * AUTHREAD with the empty authValue, PLATFORMCREATE, POLICY_DELETE, NO_DA;
 * never write-locked (no WRITEDEFINE, no WRITE_STCLEAR), not ORDERLY.
 */
void nvslots_expected_public(u32 index, struct tpm2_nv_public *pub);

/* TPM2_NV_DefineSpace with platform authorization (empty password). */
int nvslots_define(struct tpm2_dev *dev, u32 index, struct pp_err *err);

/* ReadPublic (checked like nvfloor_check_public, must be WRITTEN), then the
 * contents, parsed. Any locality. Absent: PP_ENOENT; foreign: PP_EINVAL. */
int nvslots_read(struct tpm2_dev *dev, u32 index, struct pp_slot_record *rec, struct pp_err *err);

/* Writes the whole record through one policy session (WRITE branch), in
 * NV_Write pieces of at most TPM2_NV_MAX_DATA bytes; only at locality 2
 * (else the TPM's TPM_RC_LOCALITY in dev->last_rc). The public area is
 * checked first (need not be WRITTEN yet: provisioning's first write). */
int nvslots_write(struct tpm2_dev *dev, u32 index, const struct pp_slot_record *rec,
		  struct pp_err *err);

/* TPM2_NV_UndefineSpaceSpecial through the DELETE branch with platform
 * authorization: the reset path, only at locality 2 (like nvfloor_undefine). */
int nvslots_undefine(struct tpm2_dev *dev, u32 index, struct pp_err *err);

#endif
