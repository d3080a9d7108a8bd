// SPDX-License-Identifier: GPL-2.0-only
/*
 * The A/B policy slot rule (parapet/policy_slots.h; docs/policy-update.md,
 * "The slot rule at boot"). Pure: decides, writes nothing but *out.
 */
#include <parapet/fmt.h>
#include <parapet/policy_slots.h>
#include <parapet/string.h>

static bool is_zero(const u8 *b, u32 n)
{
	u8 acc = 0;
	for (u32 i = 0; i < n; i++)
		acc |= b[i];
	return acc == 0;
}

/* The slot's trial count: its entry's, if the entry is for these contents. */
static u32 trial_count(const struct pp_slot_record *rec, u32 s, const u8 *digest)
{
	const struct pp_slot_trial *t = &rec->trial[s];
	return memcmp(t->prefix, digest, PP_SLOT_PREFIX) == 0 ? t->count : 0;
}

/* Highest version among slots with cand[i] set, a on a tie; -1 if none. */
static int newest(const struct pp_slot_input *in, const bool cand[PP_SLOTS])
{
	int best = -1;
	for (u32 i = 0; i < PP_SLOTS; i++)
		if (cand[i] && (best < 0 || in->slot[i].version > in->slot[best].version))
			best = (int)i;
	return best;
}

static void why(struct pp_slot_decision *out, u32 s, const char *fmt, ...) PP_PRINTF(3, 4);
static void why(struct pp_slot_decision *out, u32 s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pp_vsnprintf(out->why[s], sizeof(out->why[s]), fmt, ap);
	va_end(ap);
}

/* usable[] after the floor; why[] for the ones that are not. */
static void usable_slots(const struct pp_slot_input *in, struct pp_slot_decision *out,
			 bool usable[PP_SLOTS])
{
	for (u32 i = 0; i < PP_SLOTS; i++) {
		const struct pp_slot_in *s = &in->slot[i];
		usable[i] = false;
		if (!s->present)
			why(out, i, "not present");
		else if (!s->usable)
			why(out, i, "%s", s->why ? s->why : "not usable");
		else if (in->drtm && s->epoch < in->floor)
			why(out, i, "epoch %u is below the rollback floor %u", s->epoch, in->floor);
		else
			usable[i] = true;
	}
}

static void choose_static(const struct pp_slot_input *in, struct pp_slot_decision *out,
			  const bool usable[PP_SLOTS])
{
	int c = newest(in, usable);
	if (c < 0)
		return;
	out->chosen = c;
	out->kind = PP_SLOT_STATIC;
	u32 o = 1u - (u32)c;
	if (usable[o])
		why(out, o, "usable, version %u not newer than slot %c's %u (static launch)",
		    in->slot[o].version, pp_slot_name((u32)c), in->slot[c].version);
}

void pp_slot_choose(const struct pp_slot_input *in, struct pp_slot_decision *out)
{
	bool usable[PP_SLOTS], triable[PP_SLOTS] = {false, false};
	int conf = -1;

	memset(out, 0, sizeof(*out));
	out->chosen = -1;
	usable_slots(in, out, usable);
	if (!in->drtm) {
		choose_static(in, out, usable);
		return;
	}
	/* 1. C: the usable slot holding the confirmed digest (a before b). */
	if (!is_zero(in->rec.confirmed, PP_SLOT_DIGEST))
		for (u32 i = 0; i < PP_SLOTS && conf < 0; i++)
			if (usable[i] &&
			    !memcmp(in->slot[i].digest, in->rec.confirmed, PP_SLOT_DIGEST))
				conf = (int)i;
	/* 2. pending: not the confirmed contents, newer than C. */
	for (u32 i = 0; i < PP_SLOTS; i++) {
		const struct pp_slot_in *s = &in->slot[i];
		if (!usable[i] || (int)i == conf)
			continue;
		if (conf >= 0 && !memcmp(s->digest, in->rec.confirmed, PP_SLOT_DIGEST)) {
			why(out, i, "same contents as the confirmed slot %c",
			    pp_slot_name((u32)conf));
			continue;
		}
		if (conf >= 0 && s->version <= in->slot[conf].version) {
			why(out, i, "version %u not newer than the confirmed slot %c's %u",
			    s->version, pp_slot_name((u32)conf), in->slot[conf].version);
			continue;
		}
		out->pending[i] = true;
		out->count[i] = trial_count(&in->rec, i, s->digest);
		if (out->count[i] >= PP_POLICY_MAX_TRIALS)
			why(out, i, "pending, trial boots exhausted (%u of %u) without a confirm",
			    out->count[i], PP_POLICY_MAX_TRIALS);
		else
			triable[i] = true;
	}
	/* 3. the newest pending slot with trials left. */
	int t = newest(in, triable);
	if (t >= 0) {
		out->chosen = t;
		out->kind = PP_SLOT_TRIAL;
		out->trial = out->count[t] + 1;
		out->write = true;
		out->update = in->rec;
		memcpy(out->update.trial[t].prefix, in->slot[t].digest, PP_SLOT_PREFIX);
		out->update.trial[t].count = out->trial;
		u32 o = 1u - (u32)t;
		if (triable[o])
			why(out, o, "pending, not tried: slot %c %s", pp_slot_name((u32)t),
			    in->slot[o].version == in->slot[t].version ? "comes first"
								       : "is newer");
		else if ((int)o == conf)
			why(out, o, "confirmed, kept as the fallback during slot %c's trial",
			    pp_slot_name((u32)t));
		return;
	}
	/* 4. else the confirmed slot; 5. else none (why[] says why). */
	if (conf >= 0) {
		out->chosen = conf;
		out->kind = PP_SLOT_CONFIRMED;
	}
}

void pp_slot_confirm_update(const struct pp_slot_record *rec, u32 chosen,
			    const u8 digest[PP_SLOT_DIGEST], struct pp_slot_record *out)
{
	struct pp_slot_record r = *rec;
	memcpy(r.confirmed, digest, PP_SLOT_DIGEST);
	if (chosen < PP_SLOTS)
		memset(&r.trial[chosen], 0, sizeof(r.trial[chosen]));
	*out = r;
}
