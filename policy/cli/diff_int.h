/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of pol_diff (diff.h) shared by diff_model.c (header and
 * partition matching) and diff_part.c (one partition's tables). Same trust
 * rules as diff.h: unvalidated models, bounded loops only.
 */
#ifndef PARAPET_POLICY_CLI_DIFF_INT_H
#define PARAPET_POLICY_CLI_DIFF_INT_H

#include "policy/cli/diff.h"

/* One partition as both models see it (matched by name, or a rename by id). */
struct pol_slot {
	char name[PP_POL_NAME_MAX + 8]; /* B's name when B has it, else A's */
	u32 a_id, b_id;			/* owner ids, valid when has_a, has_b */
	bool has_a, has_b;		/* the side owns records under this name */
	int ai, bi;			/* index in parts[], -1 when absent or an orphan */
};

struct pol_diff_ctx {
	const struct pp_policy *a, *b; /* sorted copies */
	struct pol_diff *out;
	const struct pol_slot *s;     /* the current partition */
	const struct pol_slot *slots; /* all of them */
	u32 n_slots;
};

/* Append a record for the current slot (ignored when out is full). */
struct pol_change *pol_diff_push(struct pol_diff_ctx *x, enum pol_chg_what what, enum pol_chg_op op,
				 enum pol_chg_mark mark);
/*
 * The name a reference to partition id on side A or B goes by: its slot's
 * (so a renamed partition is the same peer on both sides), or "(id N)".
 */
void pol_diff_ref_name(const struct pol_diff_ctx *x, bool side_b, u32 id, char *buf, size_t len);
/* Every table of the current slot (diff_part.c). */
void pol_diff_tables(struct pol_diff_ctx *x);

#endif
