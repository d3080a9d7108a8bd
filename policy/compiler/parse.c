// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy source parser (compiler.h, docs/policy.md "Source format"):
 * recursive descent over the lexer's tokens.
 *
 *   file      := NL* policy-block (NL* partition-block)* NL* EOF
 *   policy    := 'policy' NAME '{' header-statement* '}'
 *   partition := 'partition' NAME '{' (part-statement | resource)* '}'
 *
 * A statement is one line. Header and partition statements are each
 * required exactly once: a missing, repeated or unknown one is refused at
 * its line and column. Resources (res.c) are repeatable. While parsing,
 * records name their partition by its index; once the file is complete the
 * indexes become ids and partition names (channel peers, control targets)
 * are resolved. The result is copied out only when everything succeeded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/compiler/compiler.h"
#include "policy/compiler/src_int.h"

static int skip_nl(struct src *s)
{
	while (s->tok.kind == TK_NL)
		if (src_next(s))
			return -1;
	return 0;
}

/* After a statement: the end of its line, or a '}' closing the block. */
static int end_stmt(struct src *s)
{
	char b[SRC_WORD_MAX + 8];
	if (s->tok.kind == TK_NL)
		return src_next(s);
	if (s->tok.kind == TK_RBRACE)
		return 0;
	return src_err(s, &s->tok, "expected the end of the line, found %s",
		       src_show(&s->tok, b, sizeof(b)));
}

/*
 * 'KEYWORD NAME {' of a block; the keyword is the current token. *at: the
 * name, *brace: the '{'.
 */
static int open_block(struct src *s, const char *what, char *name, size_t cap, struct src_tok *at,
		      struct src_tok *brace)
{
	char b[SRC_WORD_MAX + 8];
	if (src_next(s))
		return -1;
	*at = s->tok;
	if (src_name(s, &s->tok, what, name, cap) || src_next(s))
		return -1;
	if (s->tok.kind != TK_LBRACE)
		return src_err(s, &s->tok, "%s %s: expected '{', found %s", what, name,
			       src_show(&s->tok, b, sizeof(b)));
	*brace = s->tok;
	if (src_next(s))
		return -1;
	if (s->tok.kind != TK_NL)
		return src_err(s, &s->tok, "expected the end of the line after '{', found %s",
			       src_show(&s->tok, b, sizeof(b)));
	return 0;
}

/* Where each once-only statement of a block was seen. */
struct once {
	const char *key, *form;
	struct src_tok at;
	bool seen;
};

static int once_find(struct src *s, struct once *o, u32 n, const char *what, u32 *idx)
{
	*idx = n;
	for (u32 i = 0; i < n; i++) {
		if (!src_is(&s->tok, o[i].key))
			continue;
		if (o[i].seen)
			return src_err(s, &s->tok, "duplicate '%s' in %s (first at %u:%u)",
				       o[i].key, what, o[i].at.line, o[i].at.col);
		o[i].seen = true;
		o[i].at = s->tok;
		*idx = i;
		return src_next(s);
	}
	return 0;
}

static int once_missing(struct src *s, const struct src_tok *at, struct once *o, u32 n,
			const char *what)
{
	for (u32 i = 0; i < n; i++)
		if (!o[i].seen)
			return src_err(s, at, "%s lacks the required statement '%s %s'", what,
				       o[i].key, o[i].form);
	return 0;
}

static int block_end(struct src *s, const struct src_tok *open, const char *what)
{
	char b[SRC_WORD_MAX + 8];
	if (s->tok.kind == TK_EOF)
		return src_err(s, open, "%s: '{' not closed before the end of the file", what);
	if (s->tok.kind != TK_WORD)
		return src_err(s, &s->tok, "%s: expected a statement or '}', found %s", what,
			       src_show(&s->tok, b, sizeof(b)));
	return 0;
}

static int policy_block(struct src *s)
{
	struct pp_policy *p = s->p;
	struct once o[] = {
	    {"version", "N", {0}, false},
	    {"epoch", "N", {0}, false},
	    {"min-hypervisor", "N", {0}, false},
	    {"platform", "\"STRING\"", {0}, false},
	};
	struct src_tok at, brace;
	u32 *num[] = {&p->version, &p->epoch, &p->min_hv};
	u32 i;
	if (open_block(s, "policy", p->name, sizeof(p->name), &at, &brace))
		return -1;
	for (;;) {
		char b[SRC_WORD_MAX + 8];
		if (skip_nl(s))
			return -1;
		if (s->tok.kind == TK_RBRACE)
			break;
		if (block_end(s, &brace, "policy block") ||
		    once_find(s, o, 4, "the policy block", &i))
			return -1;
		if (i == 4)
			return src_err(
			    s, &s->tok,
			    "unknown statement %s in the policy block (expected version, "
			    "epoch, min-hypervisor, platform)",
			    src_show(&s->tok, b, sizeof(b)));
		int rc = i < 3
			     ? src_u32(s, &s->tok, 0xffffffffu, o[i].key, num[i])
			     : src_string(s, &s->tok, "platform", p->platform, sizeof(p->platform));
		if (rc || src_next(s) || end_stmt(s))
			return -1;
	}
	if (once_missing(s, &s->tok, o, 4, "the policy block"))
		return -1;
	return src_next(s);
}

static int part_stmt(struct src *s, struct pp_pol_part *a, struct once *o, u32 i)
{
	char b[SRC_WORD_MAX + 8];
	const struct src_tok *t = &s->tok;
	switch (i) {
	case 0: return src_u32(s, t, 0xffffffffu, "id", &a->id);
	case 1: return src_string(s, t, "image", a->image, sizeof(a->image));
	case 2: return src_u64(s, t, true, ~0ull, "entry", &a->entry);
	case 3:
		if (src_is(t, "long64") || src_is(t, "real16") || src_is(t, "linux64")) {
			a->mode = src_is(t, "long64")	? PP_POL_BOOT_LONG64
				  : src_is(t, "real16") ? PP_POL_BOOT_REAL16
							: PP_POL_BOOT_LINUX64;
			return 0;
		}
		return src_err(s, t, "boot: expected 'long64', 'real16' or 'linux64', found %s",
			       src_show(t, b, sizeof(b)));
	default:
		if (src_is(t, "none")) {
			a->cache_mask = 0;
			return 0;
		}
		if (src_u32(s, t, 0xffffffffu, "cache-mask ('none' or a bit mask)", &a->cache_mask))
			return -1;
		if (!a->cache_mask)
			return src_err(s, t, "cache-mask: 0 is no mask: write '%s none'", o[4].key);
		return 0;
	}
}

static int partition_block(struct src *s)
{
	struct pp_policy *p = s->p;
	char b[SRC_WORD_MAX + 8];
	struct once o[] = {
	    {"id", "N", {0}, false},
	    {"image", "\"FILE\"", {0}, false},
	    {"entry", "ADDRESS", {0}, false},
	    {"boot", "long64|real16|linux64", {0}, false},
	    {"cache-mask", "none|MASK", {0}, false},
	};
	struct src_tok kw = s->tok, at, brace;
	if (p->n_parts >= PP_POL_MAX_PARTS)
		return src_err(s, &kw, "more than %u partitions (the most a policy holds)",
			       PP_POL_MAX_PARTS);
	u32 idx = p->n_parts;
	struct pp_pol_part *a = &p->parts[idx];
	if (open_block(s, "partition", a->name, sizeof(a->name), &at, &brace))
		return -1;
	for (u32 j = 0; j < idx; j++)
		if (strcmp(p->parts[j].name, a->name) == 0)
			return src_err(s, &at, "partition '%s' already declared at %u:%u", a->name,
				       s->part_at[j].line, s->part_at[j].col);
	s->part_at[idx] = at;
	char what[PP_POL_NAME_MAX + 16];
	snprintf(what, sizeof(what), "partition %s", a->name);
	for (;;) {
		u32 i;
		if (skip_nl(s))
			return -1;
		if (s->tok.kind == TK_RBRACE)
			break;
		if (block_end(s, &brace, what))
			return -1;
		if (src_is_resource(&s->tok)) {
			if (src_resource(s, idx) || end_stmt(s))
				return -1;
			continue;
		}
		if (once_find(s, o, 5, what, &i))
			return -1;
		if (i == 5)
			return src_err(s, &s->tok,
				       "unknown statement %s in %s (expected id, image, entry, "
				       "boot, cache-mask, ram, mmio, cpu, device, irq, ioport, "
				       "capability, channel)",
				       src_show(&s->tok, b, sizeof(b)), what);
		if (part_stmt(s, a, o, i) || src_next(s) || end_stmt(s))
			return -1;
		if (i == 0)
			for (u32 j = 0; j < idx; j++)
				if (p->parts[j].id == a->id)
					return src_err(s, &o[0].at,
						       "id %u already used by partition '%s'",
						       a->id, p->parts[j].name);
	}
	if (once_missing(s, &s->tok, o, 5, what))
		return -1;
	p->n_parts++;
	return src_next(s);
}

/* Records name their partition by index while parsing: make those ids. */
static void owners(struct pp_policy *p)
{
#define OWN(tbl, n)                                                                                \
	for (u32 i = 0; i < p->n; i++)                                                             \
	p->tbl[i].part = p->parts[p->tbl[i].part].id
	OWN(ram, n_ram);
	OWN(mmio, n_mmio);
	OWN(cpus, n_cpus);
	OWN(devs, n_devs);
	OWN(irqs, n_irqs);
	OWN(ports, n_ports);
	OWN(caps, n_caps);
	OWN(chans, n_chans);
#undef OWN
}

static int resolve(struct src *s)
{
	char b[SRC_WORD_MAX + 8];
	for (u32 i = 0; i < s->n_refs; i++) {
		const struct src_tok *t = &s->refs[i].tok;
		u32 j = 0;
		while (j < s->p->n_parts && !(strlen(s->p->parts[j].name) == t->n &&
					      memcmp(s->p->parts[j].name, t->s, t->n) == 0))
			j++;
		if (j == s->p->n_parts)
			return src_err(s, t, "no partition named %s", src_show(t, b, sizeof(b)));
		*s->refs[i].slot = s->p->parts[j].id;
	}
	return 0;
}

static int file(struct src *s)
{
	char b[SRC_WORD_MAX + 8];
	if (src_next(s) || skip_nl(s))
		return -1;
	if (!src_is(&s->tok, "policy"))
		return src_err(s, &s->tok, "expected 'policy NAME {' first, found %s",
			       src_show(&s->tok, b, sizeof(b)));
	struct src_tok first = s->tok;
	if (policy_block(s))
		return -1;
	for (;;) {
		if (s->tok.kind != TK_NL && s->tok.kind != TK_EOF)
			return src_err(s, &s->tok,
				       "expected the end of the line after '}', found %s",
				       src_show(&s->tok, b, sizeof(b)));
		if (skip_nl(s))
			return -1;
		if (s->tok.kind == TK_EOF)
			break;
		if (src_is(&s->tok, "policy"))
			return src_err(s, &s->tok, "a second policy block (the first at %u:%u)",
				       first.line, first.col);
		if (!src_is(&s->tok, "partition"))
			return src_err(
			    s, &s->tok,
			    "expected 'partition NAME {' or the end of the file, found %s",
			    src_show(&s->tok, b, sizeof(b)));
		if (partition_block(s))
			return -1;
	}
	owners(s->p);
	return resolve(s);
}

int pol_src_parse(const char *name, const char *text, size_t len, struct pp_policy *out, char *msg,
		  size_t msglen)
{
	struct src *s = calloc(1, sizeof(*s));
	struct pp_policy *p = calloc(1, sizeof(*p));
	int rc = -1;
	if (!s || !p) {
		snprintf(msg, msglen, "%s: out of memory", name);
		goto out;
	}
	if (len > POL_SRC_MAX) {
		snprintf(msg, msglen, "%s: %zu bytes, at most %u", name, len, POL_SRC_MAX);
		goto out;
	}
	*s = (struct src){.file = name,
			  .text = text,
			  .len = len,
			  .line = 1,
			  .col = 1,
			  .p = p,
			  .msg = msg,
			  .msglen = msglen};
	rc = file(s);
	if (!rc)
		memcpy(out, p, sizeof(*p));
out:
	free(p);
	free(s);
	return rc;
}
