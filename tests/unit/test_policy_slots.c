// SPDX-License-Identifier: GPL-2.0-only
/*
 * The A/B slot rule (common/policy/slots.c): every branch of
 * docs/policy-update.md, "The slot rule at boot".
 */
#include <string.h>
#include <parapet/policy_slots.h>
#include "unit.h"

/* A usable slot whose SHA-256 is `fill` repeated. */
static void slot(struct pp_slot_in *s, u8 fill, u32 version, u32 epoch)
{
	memset(s, 0, sizeof(*s));
	s->present = true;
	s->usable = true;
	memset(s->digest, fill, sizeof(s->digest));
	s->version = version;
	s->epoch = epoch;
}

static void drtm(struct pp_slot_input *in)
{
	memset(in, 0, sizeof(*in));
	in->drtm = true;
}

/* Runs the rule and, like the hypervisor, applies its record update. */
static void boot(struct pp_slot_input *in, struct pp_slot_decision *d)
{
	pp_slot_choose(in, d);
	if (d->write)
		in->rec = d->update;
}

static void confirm(struct pp_slot_input *in, const struct pp_slot_decision *d)
{
	pp_slot_confirm_update(&in->rec, (u32)d->chosen, in->slot[d->chosen].digest, &in->rec);
}

TEST(slots_first_boot_tries_a)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	drtm(&in);
	slot(&in.slot[0], 0x11, 5, 1);
	slot(&in.slot[1], 0x22, 4, 1);
	boot(&in, &d);
	CHECK_EQ(d.chosen, 0);
	CHECK_EQ(d.kind, PP_SLOT_TRIAL);
	CHECK_EQ(d.trial, 1);
	CHECK(d.write);
	CHECK(d.pending[0] && d.pending[1]);
	CHECK_EQ(d.update.trial[0].count, 1);
	CHECK(!memcmp(d.update.trial[0].prefix, in.slot[0].digest, PP_SLOT_PREFIX));
	CHECK_EQ(d.update.trial[1].count, 0);
	CHECK_EQ(d.why[0][0], 0);
	CHECK(strstr(d.why[1], "pending, not tried: slot a is newer") != NULL);
	/* confirm: a's digest is the confirmed one, its trial entry cleared */
	confirm(&in, &d);
	CHECK(!memcmp(in.rec.confirmed, in.slot[0].digest, PP_SLOT_DIGEST));
	CHECK_EQ(in.rec.trial[0].count, 0);
	boot(&in, &d);
	CHECK_EQ(d.chosen, 0);
	CHECK_EQ(d.kind, PP_SLOT_CONFIRMED);
	CHECK(!d.write);
	CHECK(strstr(d.why[1], "version 4 not newer than the confirmed slot a's 5") != NULL);
}

TEST(slots_first_boot_tie_and_newer_b)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	drtm(&in);
	slot(&in.slot[0], 0x11, 4, 1);
	slot(&in.slot[1], 0x22, 4, 1);
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, 0); /* a on a tie */
	CHECK(strstr(d.why[1], "slot a comes first") != NULL);
	in.slot[1].version = 6;
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, 1); /* the newest pending */
	CHECK_EQ(d.update.trial[1].count, 1);
}

TEST(slots_identical)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	drtm(&in);
	slot(&in.slot[0], 0x33, 1, 1);
	slot(&in.slot[1], 0x33, 1, 1);
	boot(&in, &d); /* first boot: both pending, a first */
	CHECK_EQ(d.chosen, 0);
	CHECK_EQ(d.kind, PP_SLOT_TRIAL);
	confirm(&in, &d);
	boot(&in, &d); /* then a is confirmed, b holds the same contents */
	CHECK_EQ(d.chosen, 0);
	CHECK_EQ(d.kind, PP_SLOT_CONFIRMED);
	CHECK(!d.write);
	CHECK(!d.pending[1]);
	CHECK(strstr(d.why[1], "same contents as the confirmed slot a") != NULL);
}

/* Confirmed a (version 1), pending b (version 2). */
static void confirmed_a_pending_b(struct pp_slot_input *in)
{
	drtm(in);
	slot(&in->slot[0], 0x11, 1, 1);
	slot(&in->slot[1], 0x22, 2, 2);
	memset(in->rec.confirmed, 0x11, PP_SLOT_DIGEST);
	in->floor = 1;
}

TEST(slots_pending_b_three_trials_then_confirmed_a)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	confirmed_a_pending_b(&in);
	for (u32 n = 1; n <= PP_POLICY_MAX_TRIALS; n++) {
		boot(&in, &d);
		CHECK_EQ(d.chosen, 1);
		CHECK_EQ(d.kind, PP_SLOT_TRIAL);
		CHECK_EQ(d.trial, n);
		CHECK_EQ(d.count[1], n - 1);
		CHECK(d.write);
		CHECK_EQ(in.rec.trial[1].count, n);
		CHECK(!memcmp(in.rec.confirmed, in.slot[0].digest, PP_SLOT_DIGEST));
		CHECK(strstr(d.why[0], "confirmed, kept as the fallback during slot b's trial"));
	}
	boot(&in, &d); /* exhausted: back to a */
	CHECK_EQ(d.chosen, 0);
	CHECK_EQ(d.kind, PP_SLOT_CONFIRMED);
	CHECK(!d.write);
	CHECK(d.pending[1]);
	CHECK_EQ(d.count[1], 3);
	CHECK(strstr(d.why[1], "trial boots exhausted (3 of 3)") != NULL);
	CHECK_EQ(d.why[0][0], 0);
}

TEST(slots_trial_confirmed_b)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	confirmed_a_pending_b(&in);
	in.rec.trial[0].count = 2; /* a stale entry of a, kept */
	memset(in.rec.trial[0].prefix, 0x99, PP_SLOT_PREFIX);
	boot(&in, &d);
	boot(&in, &d);
	CHECK_EQ(d.trial, 2);
	confirm(&in, &d);
	CHECK(!memcmp(in.rec.confirmed, in.slot[1].digest, PP_SLOT_DIGEST));
	CHECK_EQ(in.rec.trial[1].count, 0);
	CHECK_EQ(in.rec.trial[0].count, 2);
	boot(&in, &d);
	CHECK_EQ(d.chosen, 1);
	CHECK_EQ(d.kind, PP_SLOT_CONFIRMED);
	CHECK(strstr(d.why[0], "version 1 not newer than the confirmed slot b's 2") != NULL);
}

TEST(slots_changed_contents_restart_count)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	confirmed_a_pending_b(&in);
	for (u32 n = 0; n < PP_POLICY_MAX_TRIALS; n++)
		boot(&in, &d);
	CHECK_EQ(in.rec.trial[1].count, 3);
	/* a new policy 3 lands in b: another digest, its own count */
	slot(&in.slot[1], 0x44, 3, 2);
	boot(&in, &d);
	CHECK_EQ(d.chosen, 1);
	CHECK_EQ(d.kind, PP_SLOT_TRIAL);
	CHECK_EQ(d.trial, 1);
	CHECK_EQ(d.count[1], 0);
	CHECK(!memcmp(in.rec.trial[1].prefix, in.slot[1].digest, PP_SLOT_PREFIX));
	/* only the prefix decides: same first 8 bytes = same entry */
	in.slot[1].digest[31] ^= 1;
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.trial, 2);
}

TEST(slots_below_floor_not_usable)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	confirmed_a_pending_b(&in);
	in.floor = 3;
	in.slot[0].epoch = 3;
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, 0);
	CHECK_EQ(d.kind, PP_SLOT_CONFIRMED);
	CHECK(!d.pending[1]);
	CHECK(strstr(d.why[1], "epoch 2 is below the rollback floor 3") != NULL);
	/* the floor binds the confirmed slot too */
	in.slot[0].epoch = 2;
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, -1);
	CHECK_EQ(d.kind, PP_SLOT_NONE);
	CHECK(strstr(d.why[0], "epoch 2 is below the rollback floor 3") != NULL);
}

TEST(slots_neither_usable_refused)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	drtm(&in);
	slot(&in.slot[0], 0x11, 1, 1);
	in.slot[0].usable = false;
	in.slot[0].why = "signature: Ed25519 signature does not verify";
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, -1);
	CHECK_EQ(d.kind, PP_SLOT_NONE);
	CHECK(!d.write);
	CHECK(!strcmp(d.why[0], "signature: Ed25519 signature does not verify"));
	CHECK(!strcmp(d.why[1], "not present"));
	/* a present slot without a reason still gets one */
	in.slot[0].why = NULL;
	pp_slot_choose(&in, &d);
	CHECK(!strcmp(d.why[0], "not usable"));
}

TEST(slots_no_confirmed_all_exhausted_refused)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	drtm(&in);
	slot(&in.slot[0], 0x11, 1, 1);
	slot(&in.slot[1], 0x22, 1, 1);
	for (u32 n = 0; n < 2 * PP_POLICY_MAX_TRIALS; n++) {
		boot(&in, &d);
		CHECK_EQ(d.chosen, n < PP_POLICY_MAX_TRIALS ? 0 : 1);
	}
	boot(&in, &d);
	CHECK_EQ(d.chosen, -1);
	CHECK(strstr(d.why[0], "exhausted") && strstr(d.why[1], "exhausted"));
}

TEST(slots_confirmed_gone)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	/* the record names contents no slot holds: every usable slot pends */
	confirmed_a_pending_b(&in);
	memset(in.rec.confirmed, 0x77, PP_SLOT_DIGEST);
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, 1);
	CHECK(d.pending[0] && d.pending[1]);
	/* confirmed b with a broken a: b stays */
	confirmed_a_pending_b(&in);
	memset(in.rec.confirmed, 0x22, PP_SLOT_DIGEST);
	in.slot[0].usable = false;
	in.slot[0].why = "framing: truncated";
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, 1);
	CHECK_EQ(d.kind, PP_SLOT_CONFIRMED);
	CHECK(!strcmp(d.why[0], "framing: truncated"));
}

TEST(slots_static_launch_newest)
{
	struct pp_slot_input in;
	struct pp_slot_decision d;
	memset(&in, 0, sizeof(in));
	slot(&in.slot[0], 0x11, 1, 1);
	slot(&in.slot[1], 0x22, 2, 1);
	in.floor = 9; /* ignored: no floor without DRTM */
	memset(in.rec.confirmed, 0x11, PP_SLOT_DIGEST);
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, 1);
	CHECK_EQ(d.kind, PP_SLOT_STATIC);
	CHECK(!d.write);
	CHECK(!d.pending[0] && !d.pending[1]);
	CHECK(strstr(d.why[0], "version 1 not newer than slot b's 2") != NULL);
	in.slot[1].version = 1; /* tie: a */
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, 0);
	in.slot[0].present = false;
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, 1);
	CHECK(!strcmp(d.why[0], "not present"));
	in.slot[1].usable = false;
	in.slot[1].why = "rule r3: x";
	pp_slot_choose(&in, &d);
	CHECK_EQ(d.chosen, -1);
	CHECK_EQ(d.kind, PP_SLOT_NONE);
}

TEST(slots_confirm_update)
{
	struct pp_slot_record r, o;
	u8 dg[PP_SLOT_DIGEST];
	memset(&r, 0, sizeof(r));
	memset(dg, 0x5a, sizeof(dg));
	r.trial[0].count = 2;
	r.trial[1].count = 1;
	memset(r.trial[1].prefix, 0x5a, PP_SLOT_PREFIX);
	pp_slot_confirm_update(&r, 1, dg, &o);
	CHECK(!memcmp(o.confirmed, dg, PP_SLOT_DIGEST));
	CHECK_EQ(o.trial[1].count, 0);
	CHECK_EQ(o.trial[1].prefix[0], 0);
	CHECK_EQ(o.trial[0].count, 2);
	CHECK_EQ(r.trial[1].count, 1); /* input untouched */
}
