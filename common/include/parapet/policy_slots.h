/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The A/B policy slot rule (docs/policy-update.md, "The slot rule at
 * boot"): which of up to two signed policies the hypervisor enforces, and
 * what it writes to the TPM slot record first. Pure and freestanding: no
 * TPM, no console; the hypervisor (hypervisor/core/policy_slots.c) checks
 * each slot, reads the record, calls pp_slot_choose, writes the update,
 * prints. Host-tested (tests/unit/test_policy_slots.c).
 *
 * The rule, after a DRTM launch (a record exists):
 *   usable   = present, passed signature, rules and machine (the caller
 *              says so) and epoch >= the rollback floor;
 *   C        = the usable slot whose SHA-256 is the record's confirmed
 *              digest (a before b);
 *   pending  = usable slots whose digest is not the confirmed one and whose
 *              version is above C's (every usable slot without a C);
 *   the newest pending slot (highest version, a on a tie) whose trial
 *   count is below PP_POLICY_MAX_TRIALS is tried: its count is raised in
 *   the record before it is enforced; else C; else the boot is refused.
 * A slot's trial count is the record's entry for it when the entry's
 * prefix equals the first PP_SLOT_PREFIX bytes of the slot's SHA-256, else
 * 0: a slot whose contents changed starts counting again.
 * After a static launch (no record, no floor): the newest usable slot,
 * not rollback-protected, nothing written.
 */
#ifndef PARAPET_POLICY_SLOTS_H
#define PARAPET_POLICY_SLOTS_H

#include <parapet/types.h>

#define PP_POLICY_MAX_TRIALS 3u
#define PP_SLOT_DIGEST 32u /* SHA-256 of the signed policy file */
#define PP_SLOT_PREFIX 8u  /* digest prefix kept per trial entry */
#define PP_SLOTS 2u	   /* slot a = 0, slot b = 1 */
#define PP_SLOT_WHY_MAX 128u

/* The slot record's contents (its bytes in TPM NV: parapet/nv_slots.h). */
struct pp_slot_trial {
	u8 prefix[PP_SLOT_PREFIX]; /* first bytes of the tried file's SHA-256 */
	u32 count;		   /* trial boots started, 0..PP_POLICY_MAX_TRIALS */
};
struct pp_slot_record {
	u8 confirmed[PP_SLOT_DIGEST]; /* SHA-256 of the confirmed file; zeros: none */
	struct pp_slot_trial trial[PP_SLOTS];
};

/* One slot as the caller checked it. */
struct pp_slot_in {
	bool present;
	bool usable;	 /* present and passed signature, rules and machine */
	const char *why; /* not usable (present): "<stage>: <message>" */
	u8 digest[PP_SLOT_DIGEST];
	u32 version, epoch;
};

struct pp_slot_input {
	struct pp_slot_in slot[PP_SLOTS];
	bool drtm; /* a DRTM launch: rec and floor are the TPM's */
	struct pp_slot_record rec;
	u32 floor;
};

enum pp_slot_kind {
	PP_SLOT_NONE = 0,  /* refused: no slot */
	PP_SLOT_TRIAL,	   /* a pending slot, trial boot `trial` of 3 */
	PP_SLOT_CONFIRMED, /* the confirmed slot */
	PP_SLOT_STATIC,	   /* static launch: newest usable, unprotected */
};

struct pp_slot_decision {
	int chosen; /* 0 (a), 1 (b), or -1 */
	enum pp_slot_kind kind;
	u32 trial;			     /* PP_SLOT_TRIAL: this boot's number, 1..3 */
	bool pending[PP_SLOTS];		     /* the slot is pending (DRTM only) */
	u32 count[PP_SLOTS];		     /* each slot's trial count before this boot */
	bool write;			     /* write `update` to the record before enforcing */
	struct pp_slot_record update;	     /* the record to write (when write) */
	char why[PP_SLOTS][PP_SLOT_WHY_MAX]; /* each slot not chosen: why ("" if chosen) */
};

/* The slot's name: 'a' or 'b'. */
static inline char pp_slot_name(u32 i)
{
	return i == 0 ? 'a' : 'b';
}

/* Applies the rule; never fails (kind NONE is the refusal, why[] says
 * why for each slot). */
void pp_slot_choose(const struct pp_slot_input *in, struct pp_slot_decision *out);

/* The record policy_confirm writes once boot reached ready with slot
 * `chosen` (digest its SHA-256): the confirmed digest becomes digest, the
 * slot's trial entry is cleared, the other entry is kept. */
void pp_slot_confirm_update(const struct pp_slot_record *rec, u32 chosen,
			    const u8 digest[PP_SLOT_DIGEST], struct pp_slot_record *out);

#endif
