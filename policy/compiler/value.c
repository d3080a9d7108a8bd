// SPDX-License-Identifier: GPL-2.0-only
/*
 * Values of the policy source (docs/policy.md, "Values"): numbers (decimal
 * or 0x hex, a K/M/G suffix where a field allows one, overflow refused),
 * permissions (exactly three characters, [r-][w-][x-]), yes/no, names
 * ([A-Za-z0-9._-], 1-31 characters), strings (length-checked) and PCI
 * addresses (SSSS:BB:DD.F). Each reader checks the token it is given and
 * names it, with its line and column, when it is not what was expected.
 */
#include <stdio.h>
#include <string.h>
#include "policy/compiler/src_int.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int src_u64(struct src *s, const struct src_tok *t, bool suffix, u64 max, const char *what,
	    u64 *out)
{
	char b[SRC_WORD_MAX + 8];
	const char *form = suffix ? "a number (decimal, or hex with 0x; suffix K, M or G allowed)"
				  : "a number (decimal, or hex with 0x)";
	if (t->kind != TK_WORD)
		return src_err(s, t, "%s: expected %s, found %s", what, form,
			       src_show(t, b, sizeof(b)));
	size_t n = t->n, i = 0;
	unsigned shift = 0;
	if (suffix && n > 1) {
		char c = t->s[n - 1];
		shift = c == 'K' ? 10 : c == 'M' ? 20 : c == 'G' ? 30 : 0;
		if (shift)
			n--;
	}
	bool hex = n > 2 && t->s[0] == '0' && (t->s[1] == 'x');
	unsigned base = hex ? 16 : 10;
	if (hex)
		i = 2;
	if (i == n || (!hex && n > 1 && t->s[0] == '0'))
		return src_err(s, t, "%s: expected %s, found %s%s", what, form,
			       src_show(t, b, sizeof(b)),
			       i == n ? "" : " (a decimal number has no leading zero)");
	u64 v = 0;
	for (; i < n; i++) {
		int d = hexval(t->s[i]);
		if (d < 0 || (unsigned)d >= base)
			return src_err(s, t, "%s: expected %s, found %s", what, form,
				       src_show(t, b, sizeof(b)));
		if (v > (~0ull - (u64)d) / base)
			return src_err(s, t, "%s: %s does not fit in 64 bits", what,
				       src_show(t, b, sizeof(b)));
		v = v * base + (u64)d;
	}
	if (shift && v > (~0ull >> shift))
		return src_err(s, t, "%s: %s does not fit in 64 bits", what,
			       src_show(t, b, sizeof(b)));
	v <<= shift;
	if (v > max)
		return src_err(s, t, "%s: %s is out of range (at most 0x%llx)", what,
			       src_show(t, b, sizeof(b)), (unsigned long long)max);
	*out = v;
	return 0;
}

int src_u32(struct src *s, const struct src_tok *t, u32 max, const char *what, u32 *out)
{
	u64 v = 0;
	if (src_u64(s, t, false, max, what, &v))
		return -1;
	*out = (u32)v;
	return 0;
}

int src_perm(struct src *s, const struct src_tok *t, u32 *out)
{
	static const char want[3] = {'r', 'w', 'x'};
	char b[SRC_WORD_MAX + 8];
	u32 v = 0;
	if (t->kind == TK_WORD && t->n == 3) {
		for (u32 i = 0; i < 3; i++) {
			if (t->s[i] == want[i])
				v |= 1u << i;
			else if (t->s[i] != '-')
				goto bad;
		}
		*out = v;
		return 0;
	}
bad:
	return src_err(s, t,
		       "expected 'rwx' permissions (three characters: r or -, w or -, x or -), "
		       "found %s",
		       src_show(t, b, sizeof(b)));
}

int src_yesno(struct src *s, const struct src_tok *t, const char *what, bool *out)
{
	char b[SRC_WORD_MAX + 8];
	if (src_is(t, "yes") || src_is(t, "no")) {
		*out = src_is(t, "yes");
		return 0;
	}
	return src_err(s, t, "%s: expected 'yes' or 'no', found %s", what,
		       src_show(t, b, sizeof(b)));
}

int src_name(struct src *s, const struct src_tok *t, const char *what, char *out, size_t cap)
{
	char b[SRC_WORD_MAX + 8];
	bool ok = t->kind == TK_WORD && t->n >= 1;
	for (size_t i = 0; ok && i < t->n; i++)
		ok = t->s[i] != ':';
	if (!ok)
		return src_err(s, t,
			       "%s: expected a name (1-%zu characters of [A-Za-z0-9._-]), "
			       "found %s",
			       what, cap - 1, src_show(t, b, sizeof(b)));
	if (t->n >= cap)
		return src_err(s, t, "%s: name %s has %zu characters, at most %zu", what,
			       src_show(t, b, sizeof(b)), t->n, cap - 1);
	memset(out, 0, cap);
	memcpy(out, t->s, t->n);
	return 0;
}

int src_string(struct src *s, const struct src_tok *t, const char *what, char *out, size_t cap)
{
	char b[SRC_WORD_MAX + 8];
	if (t->kind != TK_STRING)
		return src_err(s, t, "%s: expected a \"quoted string\", found %s", what,
			       src_show(t, b, sizeof(b)));
	if (t->n >= cap)
		return src_err(s, t, "%s: string of %zu characters, at most %zu", what, t->n,
			       cap - 1);
	memset(out, 0, cap);
	memcpy(out, t->s, t->n);
	return 0;
}

/* n hex digits at p: the value, or -1 */
static long hexn(const char *p, size_t n)
{
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		int d = hexval(p[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

int src_bdf(struct src *s, const struct src_tok *t, u16 *seg, u8 *bus, u8 *devfn)
{
	char b[SRC_WORD_MAX + 8];
	/* SSSS:BB:DD.F, exactly 12 characters */
	if (t->kind == TK_WORD && t->n == 12 && t->s[4] == ':' && t->s[7] == ':' &&
	    t->s[10] == '.') {
		long sg = hexn(t->s, 4), bu = hexn(t->s + 5, 2), dv = hexn(t->s + 8, 2);
		long fn = t->s[11] >= '0' && t->s[11] <= '7' ? t->s[11] - '0' : -1;
		if (sg >= 0 && bu >= 0 && dv >= 0 && dv <= 0x1f && fn >= 0) {
			*seg = (u16)sg;
			*bus = (u8)bu;
			*devfn = (u8)(dv << 3 | fn);
			return 0;
		}
	}
	return src_err(s, t,
		       "expected a PCI address SSSS:BB:DD.F (hex segment, bus, device 00-1f; "
		       "function 0-7), found %s",
		       src_show(t, b, sizeof(b)));
}
