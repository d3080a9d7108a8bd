/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The signed policy (docs/policy.md, "Signing"): the canonical binary,
 * unchanged, followed by a fixed 0x60-byte trailer.
 *
 *   [0, total_size)          the binary (common/policy/layout.h); its header
 *                            carries key_id, so the signature covers it
 *   [total_size, +0x60)      the trailer below; nothing may follow it
 *
 * The signature is Ed25519 (RFC 8032, pure, no context) over the binary's
 * bytes [0, total_size) with the key whose id is key_id. A key's id is the
 * first 8 bytes of SHA-256 over its raw 32-byte public key. The trailer's
 * key_id must equal the header's (which the signature covers); the
 * trailer's reserved bytes must be zero. Untrusted until verified: only
 * the split below reads it, with bounds checks.
 */
#ifndef PARAPET_POLICY_SIGNED_H
#define PARAPET_POLICY_SIGNED_H

#include <parapet/err.h>
#include <parapet/policy.h>
#include <parapet/types.h>

#define PP_POLSIG_MAGIC "PPPOLSIG"
#define PP_POLSIG_FORMAT 1u
#define PP_POLSIG_TRAILER 0x60u
#define PP_POL_KEY_ID_LEN 8u
#define PP_ED25519_PUB_LEN 32u
#define PP_ED25519_SIG_LEN 64u

struct pp_polsig_trailer {
	u8 magic[8];	 /* 0x00 PP_POLSIG_MAGIC */
	u32 format;	 /* 0x08 PP_POLSIG_FORMAT */
	u32 reserved0;	 /* 0x0c 0 */
	u8 key_id[8];	 /* 0x10 = the header's key_id */
	u8 reserved1[8]; /* 0x18 0 */
	u8 sig[64];	 /* 0x20 Ed25519 signature (R || S) */
} PP_PACKED;
_Static_assert(sizeof(struct pp_polsig_trailer) == PP_POLSIG_TRAILER, "signed trailer");
_Static_assert(__builtin_offsetof(struct pp_polsig_trailer, key_id) == 0x10, "trailer key_id");
_Static_assert(__builtin_offsetof(struct pp_polsig_trailer, sig) == 0x20, "trailer sig");

/* A signed policy split into its parts (pointers into the caller's buffer). */
struct pp_polsig_view {
	const u8 *body; /* the binary, [0, body_len) */
	u32 body_len;	/* its header's total_size */
	u8 key_id[PP_POL_KEY_ID_LEN];
	const u8 *sig; /* PP_ED25519_SIG_LEN bytes */
};

/*
 * Split buf[len] into binary and trailer: the binary's magic, its
 * total_size within len, exactly PP_POLSIG_TRAILER bytes after it, the
 * trailer's magic, format, zero reserved bytes and key_id equal to the
 * header's. Verifies nothing else (no signature, no body hash): callers
 * verify the signature over view->body, then pp_policy_read it.
 */
int pp_policy_signed_split(const u8 *buf, u32 len, struct pp_polsig_view *view, struct pp_err *err);

/* buf[len] starts like a policy binary (magic and total_size readable). */
bool pp_policy_is_binary(const u8 *buf, u32 len);

/*
 * Why a signed policy was refused (pp_policy_load_signed): framing, key,
 * signature, binary, or a validator rule (then pp_pol_error.rule says which).
 */
enum pp_polsig_stage {
	PP_POLSIG_OK = 0,
	PP_POLSIG_FRAMING = 1,	 /* not a signed policy, truncated, trailer */
	PP_POLSIG_KEY = 2,	 /* no built-in key has its key id */
	PP_POLSIG_SIGNATURE = 3, /* the signature does not verify */
	PP_POLSIG_BINARY = 4,	 /* the (signed) binary does not parse: body hash, layout */
	PP_POLSIG_RULES = 5,	 /* a validator rule */
};

struct pp_pol_key;

/* The outcome of pp_policy_load_signed. */
struct pp_polsig_result {
	enum pp_polsig_stage stage;
	struct pp_pol_error why; /* rule (stage RULES) and message (every stage) */
	u32 key;		 /* index into keys[] (stage >= BINARY or OK) */
};

/*
 * The whole check of a signed policy, in order: framing
 * (pp_policy_signed_split), the signing key by key id among keys[n],
 * the Ed25519 signature over the binary, the binary (pp_policy_read: layout,
 * body hash), the model's rules (pp_policy_validate). *out is written only
 * when every step passed. The one function the hypervisor enforces with
 * and the host's `parapet policy verify` cross-checks against OpenSSL.
 */
int pp_policy_load_signed(const u8 *buf, u32 len, const struct pp_pol_key *keys, u32 n,
			  struct pp_policy *out, struct pp_polsig_result *res);

#endif
