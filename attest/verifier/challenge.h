/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One challenge of one enrolled host (challenge.c), for the challenge
 * command and for each host of each round of serve.c.
 */
#ifndef PARAPET_ATTEST_CHALLENGE_H
#define PARAPET_ATTEST_CHALLENGE_H

#include <stdio.h>
#include "attest/verifier/verifier.h"

struct av_challenge {
	const char *agent, *host, *db;
	const char *refpath; /* may be NULL */
	const char *out;     /* bundle directory to keep, or NULL */
	bool json;
	u32 accept;
	int ak_alg;			  /* -1: rsa if enrolled, else ecc */
	const struct av_policy_opts *pol; /* policy.bin's judging (NULL: none trusted) */
};

/*
 * Challenge c->host and judge: the verdict printed to out and left in res.
 * Returns verify's exit status (0, 1), or 2 with why when there is no
 * verdict (not enrolled, agent unreachable, ERROR reply, unwritable bundle).
 */
int av_challenge_run(const struct av_challenge *c, struct av_result *res, FILE *out, char *why,
		     size_t whylen);

#endif
