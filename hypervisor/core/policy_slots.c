// SPDX-License-Identifier: GPL-2.0-only
/*
 * The A/B policy slots at boot (docs/policy-update.md, "The slot rule at
 * boot"): boot modules `policy a` and `policy b`. Order, each refusal
 * through policy_refuse:
 *   1. the modules: each slot at most once (absent = not present);
 *   2. after a DRTM launch the rollback floor, read at locality 2 (missing,
 *      foreign, unreadable: refused, as for one policy);
 *   3. per slot: pp_policy_load_signed with the built-in keys, the machine
 *      rules, the floor; SHA-256 of the module's bytes; one console line;
 *   4. after a DRTM launch the slot record (0x01500A02, nvslots_read;
 *      missing or foreign: refused);
 *   5. pp_slot_choose; no slot: refused, naming each slot's reason;
 *   6. a trial boot: its count is written to the record at locality 2
 *      before anything is enforced (a failed write refuses the boot);
 *   7. hv_policy = the chosen slot's policy.
 * policy_slots_confirm (from policy_confirm, boot reached ready) writes the
 * enforced slot's digest as confirmed. After a static launch neither the
 * floor nor the record is read or written.
 * Trust: module bytes are untrusted until pp_policy_load_signed passed;
 * read in place (the measured copies), never written. The record is
 * believed only after its public area and contents passed their checks.
 */
#include <parapet/fmt.h>
#include <parapet/nv_slots.h>
#include <parapet/policy_keys.h>
#include <parapet/policy_slots.h>
#include <parapet/sha2.h>
#include <parapet/string.h>
#include "console.h"
#include "policy_boot.h"
#include "policy_int.h"
#include "tpm_dev.h"

static struct pp_policy cand[PP_SLOTS];
static u32 cand_key[PP_SLOTS];
static char cand_why[PP_SLOTS][PP_ERR_MSG_MAX + 48];
static struct pp_slot_input in;
static struct pp_slot_decision dec;
static bool slot_mode_on;

static const struct pp_module *slot_module(const struct pp_handoff *h, char slot)
{
	const struct pp_module *mod = pp_handoff_modules(h), *found = NULL;
	for (u32 i = 0; i < h->mod_count; i++) {
		if (policy_module_slot(pp_handoff_str(h, mod[i].cmdline_off), mod[i].cmdline_len) !=
		    slot)
			continue;
		if (found)
			policy_refuse("module", NULL, "more than one module for a policy slot");
		found = &mod[i];
	}
	return found;
}

/* Checks slot s into in.slot[s] / cand[s] and prints its line. */
static void check_slot(const struct pp_handoff *h, u32 s)
{
	struct pp_slot_in *si = &in.slot[s];
	struct pp_polsig_result res;
	struct pp_pol_error why;
	const struct pp_module *m = slot_module(h, pp_slot_name(s));
	char *w = cand_why[s];

	memset(si, 0, sizeof(*si));
	si->why = w;
	if (!m) {
		hv_printf("policy: slot %c: not usable: module: no `policy %c` module\n",
			  pp_slot_name(s), pp_slot_name(s));
		return;
	}
	si->present = true;
	if (m->length > 0xffffffffull || m->base + m->length < m->base) {
		pp_snprintf(w, sizeof(cand_why[s]), "module: size out of range");
		goto unusable;
	}
	const u8 *bytes = (const u8 *)(uintptr_t)m->base;
	pp_sha256(bytes, (size_t)m->length, si->digest);
	if (pp_policy_load_signed(bytes, (u32)m->length, pp_pol_keys, pp_pol_n_keys, &cand[s],
				  &res)) {
		const char *d = policy_stage_detail(&res);
		pp_snprintf(w, sizeof(cand_why[s]), "%s%s%s: %s", policy_stage_name(&res),
			    d ? " " : "", d ? d : "", res.why.err.msg);
		goto unusable;
	}
	cand_key[s] = res.key;
	if (pp_policy_validate_machine(&cand[s], policy_machine_get(h), &why)) {
		pp_snprintf(w, sizeof(cand_why[s]), "rule %s: %s", pp_pol_rule_name(why.rule),
			    why.err.msg);
		goto unusable;
	}
	if (policy_floor_checked && cand[s].epoch < policy_floor.floor) {
		pp_snprintf(w, sizeof(cand_why[s]),
			    "rollback: policy epoch %u is below the TPM floor %u (NV counter "
			    "0x%08x)",
			    cand[s].epoch, policy_floor.floor, nvfloor_default_layout.counter);
		goto unusable;
	}
	si->usable = true;
	si->version = cand[s].version;
	si->epoch = cand[s].epoch;
	hv_printf("policy: slot %c: usable: \"%s\" version %u epoch %u\n", pp_slot_name(s),
		  cand[s].name, cand[s].version, cand[s].epoch);
	return;
unusable:
	hv_printf("policy: slot %c: not usable: %s\n", pp_slot_name(s), w);
}

/* At locality 2: read (write == NULL) or write the slot record; refuses
 * the boot on failure when `refuse`, else returns false. */
static bool record_io(struct pp_slot_record *read, const struct pp_slot_record *write, bool refuse)
{
	struct pp_err err = {0, ""};
	struct tpm2_dev *t = hv_tpm_at(NVFLOOR_LOCALITY, &err);
	int rc = t ? 0 : PP_EDEVICE;
	if (t && write)
		rc = nvslots_write(t, NVSLOTS_INDEX, write, &err);
	else if (t)
		rc = nvslots_read(t, NVSLOTS_INDEX, read, &err);
	policy_locality0();
	if (rc && refuse)
		policy_refuse("slot record", NULL, err.msg);
	if (rc)
		hv_printf("policy: confirm: slot record 0x%08x not written: %s\n", NVSLOTS_INDEX,
			  err.msg);
	return rc == 0;
}

void policy_slots_enforce(const struct pp_handoff *h)
{
	memset(&in, 0, sizeof(in));
	slot_mode_on = true;
	in.drtm = policy_floor_read(h);
	in.floor = in.drtm ? policy_floor.floor : 0;
	for (u32 s = 0; s < PP_SLOTS; s++)
		check_slot(h, s);
	if (in.drtm)
		record_io(&in.rec, NULL, true);
	pp_slot_choose(&in, &dec);
	if (dec.chosen < 0) {
		char msg[2 * PP_SLOT_WHY_MAX + 16];
		pp_snprintf(msg, sizeof(msg), "a: %s; b: %s", dec.why[0], dec.why[1]);
		policy_refuse("slot", NULL, msg);
	}
	u32 c = (u32)dec.chosen;
	if (dec.kind == PP_SLOT_TRIAL) {
		hv_printf("policy: slot %c: pending, trial boot %u of %u\n", pp_slot_name(c),
			  dec.trial, PP_POLICY_MAX_TRIALS);
		record_io(NULL, &dec.update, true); /* the count first, then enforce */
		hv_printf("policy: enforcing slot %c (trial %u of %u)\n", pp_slot_name(c),
			  dec.trial, PP_POLICY_MAX_TRIALS);
	} else if (dec.kind == PP_SLOT_CONFIRMED) {
		hv_printf("policy: enforcing slot %c (confirmed)\n", pp_slot_name(c));
	} else {
		hv_printf("policy: enforcing slot %c (static launch: no slot record, not "
			  "rollback-protected)\n",
			  pp_slot_name(c));
	}
	if (dec.why[1 - c][0] && in.slot[1 - c].usable)
		hv_printf("policy: slot %c: not enforced: %s\n", pp_slot_name(1 - c),
			  dec.why[1 - c]);
	policy_print_verified(&cand[c], cand_key[c]);
	policy_floor_print(cand[c].epoch);
	struct pp_err err = {0, ""};
	if (policy_verdict_enforced(pp_slot_name(c), &err))
		policy_refuse("verdict", NULL, err.msg);
	memcpy(&hv_policy, &cand[c], sizeof(hv_policy));
	const struct pp_module *m = slot_module(h, pp_slot_name(c));
	policy_set_enforced_bytes((const u8 *)(uintptr_t)m->base, m->length);
	hv_printf("policy: in force: %u partition(s)\n", hv_policy.n_parts);
}

char policy_slots_confirm(bool *ok)
{
	struct pp_slot_record rec;
	if (!slot_mode_on || dec.chosen < 0)
		return 0;
	u32 c = (u32)dec.chosen;
	*ok = true;
	if (in.drtm) {
		/* the record as this boot left it (the trial count written) */
		pp_slot_confirm_update(dec.write ? &dec.update : &in.rec, c, in.slot[c].digest,
				       &rec);
		*ok = record_io(NULL, &rec, false);
	}
	return pp_slot_name(c);
}
