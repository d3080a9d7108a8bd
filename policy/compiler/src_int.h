/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the policy source compiler (compiler.h): the lexer's tokens,
 * the parser's state, and the value readers shared by the statement
 * parsers. Not an API. Every reader takes the token it reads, so an error
 * names that token's line and column.
 */
#ifndef PARAPET_POLICY_COMPILER_SRC_INT_H
#define PARAPET_POLICY_COMPILER_SRC_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <parapet/policy.h>

enum src_tok_kind {
	TK_EOF = 0,
	TK_NL,	   /* end of a line (a comment runs up to it) */
	TK_WORD,   /* a run of [A-Za-z0-9._:-] */
	TK_STRING, /* "..." on one line, printable ASCII, no '"' or '\' inside */
	TK_LBRACE, /* { */
	TK_RBRACE, /* } */
};

struct src_tok {
	enum src_tok_kind kind;
	const char *s; /* the word or the string's contents (not NUL-terminated) */
	size_t n;
	unsigned line, col; /* 1-based; col counts bytes */
};

/* A name waiting for its partition (resolved once all are declared). */
struct src_ref {
	u32 *slot;
	struct src_tok tok;
};

#define SRC_WORD_MAX 64u /* longest word or string kept for messages */

struct src {
	const char *file, *text;
	size_t len, pos;
	unsigned line, col;
	struct src_tok tok; /* the current token (one-token lookahead) */
	struct pp_policy *p;
	char *msg;
	size_t msglen;
	struct src_tok part_at[PP_POL_MAX_PARTS]; /* where each partition was named */
	struct src_ref refs[PP_POL_MAX_CAPS + PP_POL_MAX_CHANS];
	u32 n_refs;
};

/* lex.c: advance to the next token; -1 with msg set on a lexical error. */
int src_next(struct src *s);
/* "FILE:LINE:COL: ..." at t into s->msg; returns -1. */
int src_err(struct src *s, const struct src_tok *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* t is the word w. */
bool src_is(const struct src_tok *t, const char *w);
/* A token quoted for messages ('word', "string", '{', end of line, end of file). */
const char *src_show(const struct src_tok *t, char *buf, size_t cap);

/* value.c: the readers of values; each checks t's kind and range. */
int src_u64(struct src *s, const struct src_tok *t, bool suffix, u64 max, const char *what,
	    u64 *out);
int src_u32(struct src *s, const struct src_tok *t, u32 max, const char *what, u32 *out);
int src_perm(struct src *s, const struct src_tok *t, u32 *out);
int src_yesno(struct src *s, const struct src_tok *t, const char *what, bool *out);
int src_name(struct src *s, const struct src_tok *t, const char *what, char *out, size_t cap);
int src_string(struct src *s, const struct src_tok *t, const char *what, char *out, size_t cap);
int src_bdf(struct src *s, const struct src_tok *t, u16 *seg, u8 *bus, u8 *devfn);

/* res.c: one resource statement of a partition (the keyword is s->tok). */
int src_resource(struct src *s, u32 part);
/* Is t a resource statement's keyword? */
bool src_is_resource(const struct src_tok *t);
/* The source name of capability cap (NULL when it has none). */
const char *src_cap_name(u32 cap);

#endif
