// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy source lexer (docs/policy.md, "Source format"): tokens from a
 * bounded buffer of known length. Whitespace is space and tab; '#' starts a
 * comment up to the end of the line (any byte but a control character); a
 * line ends at '\n'. Any other byte
 * (a control character, a NUL, a byte above 0x7e, a character no token
 * uses) is refused with its line, column and value, so a file either lexes
 * entirely or not at all.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "policy/compiler/src_int.h"

int src_err(struct src *s, const struct src_tok *t, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(s->msg, s->msglen, "%s:%u:%u: ", s->file, t->line, t->col);
	if (n >= 0 && (size_t)n < s->msglen) {
		va_start(ap, fmt);
		vsnprintf(s->msg + n, s->msglen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

bool src_is(const struct src_tok *t, const char *w)
{
	return t->kind == TK_WORD && t->n == strlen(w) && memcmp(t->s, w, t->n) == 0;
}

const char *src_show(const struct src_tok *t, char *buf, size_t cap)
{
	int n = t->n > SRC_WORD_MAX ? (int)SRC_WORD_MAX : (int)t->n;
	const char *more = t->n > SRC_WORD_MAX ? "..." : "";
	switch (t->kind) {
	case TK_EOF: snprintf(buf, cap, "end of file"); break;
	case TK_NL: snprintf(buf, cap, "end of line"); break;
	case TK_LBRACE: snprintf(buf, cap, "'{'"); break;
	case TK_RBRACE: snprintf(buf, cap, "'}'"); break;
	case TK_STRING: snprintf(buf, cap, "\"%.*s%s\"", n, t->s, more); break;
	default: snprintf(buf, cap, "'%.*s%s'", n, t->s, more); break;
	}
	return buf;
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == ':' || c == '-';
}

static void advance(struct src *s)
{
	if (s->text[s->pos] == '\n') {
		s->line++;
		s->col = 1;
	} else {
		s->col++;
	}
	s->pos++;
}

static int bad_byte(struct src *s, struct src_tok *t, unsigned char c)
{
	if (c >= 0x21 && c <= 0x7e)
		return src_err(s, t, "unexpected character '%c'", c);
	return src_err(s, t,
		       "unexpected byte 0x%02x (only printable ASCII, space, tab and "
		       "newline)",
		       c);
}

static int string(struct src *s, struct src_tok *t)
{
	advance(s); /* the opening quote */
	t->s = s->text + s->pos;
	while (s->pos < s->len && s->text[s->pos] != '"') {
		unsigned char c = (unsigned char)s->text[s->pos];
		if (c == '\n' || c < 0x20 || c > 0x7e || c == '\\') {
			struct src_tok at = {TK_STRING, NULL, 0, s->line, s->col};
			if (c == '\n')
				return src_err(s, t, "string not closed on its line");
			if (c == '\\')
				return src_err(s, &at, "'\\' in a string (there are no escapes)");
			return bad_byte(s, &at, c);
		}
		advance(s);
	}
	if (s->pos >= s->len)
		return src_err(s, t, "string not closed before the end of the file");
	t->n = (size_t)(s->text + s->pos - t->s);
	advance(s); /* the closing quote */
	return 0;
}

int src_next(struct src *s)
{
	struct src_tok *t = &s->tok;
	while (s->pos < s->len && (s->text[s->pos] == ' ' || s->text[s->pos] == '\t'))
		advance(s);
	if (s->pos < s->len && s->text[s->pos] == '#') {
		/* a comment: any text (UTF-8 too), but no control character */
		while (s->pos < s->len && s->text[s->pos] != '\n') {
			unsigned char c = (unsigned char)s->text[s->pos];
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				struct src_tok at = {TK_EOF, NULL, 0, s->line, s->col};
				return bad_byte(s, &at, c);
			}
			advance(s);
		}
	}
	*t = (struct src_tok){TK_EOF, s->text + s->pos, 0, s->line, s->col};
	if (s->pos >= s->len)
		return 0;
	char c = s->text[s->pos];
	switch (c) {
	case '\n': t->kind = TK_NL; break;
	case '{': t->kind = TK_LBRACE; break;
	case '}': t->kind = TK_RBRACE; break;
	case '"': t->kind = TK_STRING; return string(s, t);
	default:
		if (!word_char(c))
			return bad_byte(s, t, (unsigned char)c);
		t->kind = TK_WORD;
		while (s->pos < s->len && word_char(s->text[s->pos]))
			advance(s);
		t->n = (size_t)(s->text + s->pos - t->s);
		return 0;
	}
	t->n = 1;
	advance(s);
	return 0;
}
