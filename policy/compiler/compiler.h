/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The policy source compiler (docs/policy.md, "Source format"): policy text
 * (policy/NAME.pol) to the model struct pp_policy, and the model back to its
 * canonical text. Host code (libc only); the binary form and the validator
 * are common/policy/.
 *
 * Trust: the text is untrusted. It is read from a bounded buffer of known
 * length (NUL bytes are refused, not terminators); the parser stops at the
 * first error, reports FILE:LINE:COLUMN and what it expected, and leaves
 * *out unchanged. A parsed model is NOT validated: pp_policy_validate.
 */
#ifndef PARAPET_POLICY_COMPILER_H
#define PARAPET_POLICY_COMPILER_H

#include <stddef.h>
#include <parapet/policy.h>

/* Largest source text the parser accepts (a full policy is ~40 KiB). */
#define POL_SRC_MAX (1u << 20)

/*
 * Parse text[0, len) (named file in messages) into *out: names resolved to
 * ids, tables in source order. Returns 0, or -1 with msg set to
 * "FILE:LINE:COL: what was expected, what was found".
 */
int pol_src_parse(const char *file, const char *text, size_t len, struct pp_policy *out, char *msg,
		  size_t msglen);

/*
 * The canonical text of p (sorted copy; canonical order and formatting)
 * into out[0, cap) with a terminating NUL: returns 0 and *len (without the
 * NUL), or -1 with msg set when a value has no source form (an unknown
 * mode, permission or capability, an id naming no partition, a name the
 * format cannot spell) or the text does not fit.
 */
int pol_src_emit(const struct pp_policy *p, char *out, size_t cap, size_t *len, char *msg,
		 size_t msglen);

/* Bytes pol_src_emit may need for any model (all tables full). */
#define POL_SRC_EMIT_MAX (64u * 1024u)

#endif
