// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot modules of one menu entry of image/grub.cfg, so that the
 * reference values are computed from the very lines GRUB runs (the
 * hypervisor command line cannot drift from the image). Accepts the plain
 * subset image/grub.cfg uses and rejects the rest with a precise message.
 * The module strings are classified by the secure loader's own code
 * (parapet/module_role.h), so both accept and reject the same entries.
 */
#include <string.h>
#include <parapet/words.h>
#include "tools/refgen/refgen.h"

#define MAX_WORDS 64u

struct line {
	const char *p;
	size_t len;
	u32 no; /* 1-based */
};

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Characters allowed in a module2 line: no quotes, $, \, ;, #, braces. */
static bool plain(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("._/=,:+-@%", c) != NULL;
}

/*
 * "set gfxpayload=VALUE" (plain characters only): image/grub.cfg sets it
 * after multiboot2 so GRUB switches no video mode (docs/image.md). It
 * changes neither the modules nor their command lines; any other `set`
 * (root, prefix, ...) could, so it is refused.
 */
static bool set_gfxpayload(const char *const *w, const size_t *wl, u32 n)
{
	static const char var[] = "gfxpayload=";
	const size_t vl = sizeof(var) - 1;
	if (n != 2 || !pp_word_is(w[0], wl[0], "set") || wl[1] <= vl || memcmp(w[1], var, vl) != 0)
		return false;
	for (size_t i = vl; i < wl[1]; i++)
		if (!plain(w[1][i]))
			return false;
	return true;
}

/* Split a line into words (blank-separated); false if too many. */
static bool split(const struct line *l, const char **w, size_t *wl, u32 *n)
{
	size_t i = 0;
	*n = 0;
	while (i < l->len) {
		while (i < l->len && blank(l->p[i]))
			i++;
		if (i == l->len)
			break;
		size_t s = i;
		while (i < l->len && !blank(l->p[i]))
			i++;
		if (*n == MAX_WORDS)
			return false;
		w[*n] = l->p + s;
		wl[*n] = i - s;
		(*n)++;
	}
	return true;
}

static bool next_line(const char *text, size_t len, size_t *pos, struct line *l)
{
	if (*pos >= len)
		return false;
	size_t s = *pos, e = s;
	while (e < len && text[e] != '\n')
		e++;
	l->p = text + s;
	l->len = e - s;
	l->no++;
	*pos = e < len ? e + 1 : e;
	return true;
}

/* "menuentry "Title" ... --id ID ... {": the id and title, or false. */
static bool menuentry(const struct line *l, char *id, size_t idcap, char *title, size_t tcap)
{
	const char *p = l->p, *end = l->p + l->len;
	while (p < end && blank(*p))
		p++;
	if ((size_t)(end - p) < 10 || memcmp(p, "menuentry", 9) != 0 || !blank(p[9]))
		return false;
	p += 10;
	while (p < end && blank(*p))
		p++;
	title[0] = id[0] = 0;
	if (p < end && *p == '"') {
		const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
		if (q && (size_t)(q - p - 1) < tcap) {
			memcpy(title, p + 1, (size_t)(q - p - 1));
			title[q - p - 1] = 0;
			p = q + 1;
		}
	}
	struct line rest = {p, (size_t)(end - p), l->no};
	const char *w[MAX_WORDS];
	size_t wl[MAX_WORDS];
	u32 n;
	if (!split(&rest, w, wl, &n))
		return false;
	for (u32 i = 0; i + 1 < n; i++)
		if (pp_word_is(w[i], wl[i], "--id") && wl[i + 1] < idcap) {
			memcpy(id, w[i + 1], wl[i + 1]);
			id[wl[i + 1]] = 0;
		}
	return true;
}

static int copy_word(char *dst, size_t cap, const char *w, size_t wl, const struct line *l,
		     const char *what, struct pp_err *err)
{
	if (wl >= cap)
		return pp_fail(err, PP_ERANGE, "grub.cfg line %u: %s longer than %zu characters",
			       l->no, what, cap - 1);
	memcpy(dst, w, wl);
	dst[wl] = 0;
	return PP_OK;
}

/*
 * Length of a leading "($name)" device prefix of a module path (name
 * [A-Za-z0-9_]+), 0 if there is none: image/grub.cfg names the policy
 * slots' file systems so (docs/policy-update.md). The device only says
 * where GRUB reads the file; what it reads is the --file mapping of the
 * whole path, so the variable's value cannot change the prediction.
 */
static size_t device_var(const char *p, size_t len)
{
	size_t i = 2;
	if (len < 4 || p[0] != '(' || p[1] != '$')
		return 0;
	while (i < len && ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
			   (p[i] >= '0' && p[i] <= '9') || p[i] == '_'))
		i++;
	return i > 2 && i < len && p[i] == ')' ? i + 1 : 0;
}

static int module_line(const struct line *l, struct rg_entry *e, struct pp_err *err)
{
	const char *w[MAX_WORDS];
	size_t wl[MAX_WORDS];
	u32 n;
	size_t skip = 0, at = 0;

	/* the path word starts after "module2" and blanks */
	while (at < l->len && blank(l->p[at]))
		at++;
	at += 7; /* "module2": the caller matched it as the first word */
	while (at < l->len && blank(l->p[at]))
		at++;
	if (at < l->len)
		skip = device_var(l->p + at, l->len - at);
	for (size_t i = 0; i < l->len; i++)
		if (!(i >= at && i < at + skip) && !blank(l->p[i]) && !plain(l->p[i]))
			return pp_fail(err, PP_ENOTSUP,
				       "grub.cfg line %u: character '%c' in a module2 line "
				       "(only plain words are supported)",
				       l->no, l->p[i]);
	if (!split(l, w, wl, &n))
		return pp_fail(err, PP_ERANGE, "grub.cfg line %u: more than %u words", l->no,
			       MAX_WORDS);
	if (n < 3)
		return pp_fail(err, PP_EINVAL, "grub.cfg line %u: module2 without a role word",
			       l->no);
	if (wl[1] >= 2 && w[1][0] == '-' && w[1][1] == '-')
		return pp_fail(err, PP_ENOTSUP, "grub.cfg line %u: module2 options not supported",
			       l->no);
	if (e->nmod == RG_MAX_MODULES)
		return pp_fail(err, PP_ERANGE, "grub.cfg line %u: more than %u modules", l->no,
			       RG_MAX_MODULES);
	struct rg_module *m = &e->mod[e->nmod];
	memset(m, 0, sizeof(*m));
	int rc = copy_word(m->path, sizeof(m->path), w[1], wl[1], l, "path", err);
	if (rc)
		return rc;
	/*
	 * The module string is the words after the path joined by single
	 * spaces, as GRUB builds it; the secure loader's classifier decides.
	 */
	char str[sizeof(m->str)];
	size_t off = 0;
	for (u32 i = 2; i < n; i++) {
		if (off + wl[i] + 1 >= sizeof(str))
			return pp_fail(err, PP_ERANGE,
				       "grub.cfg line %u: module string longer than %zu", l->no,
				       sizeof(str) - 1);
		if (off)
			str[off++] = ' ';
		memcpy(str + off, w[i], wl[i]);
		off += wl[i];
	}
	struct pp_err e2;
	rc = rg_module_set(m, str, off, &e2);
	if (rc)
		return pp_fail(err, rc, "grub.cfg line %u: %s", l->no, e2.msg);
	e->nmod++;
	return PP_OK;
}

int rg_grubcfg_entry(const char *text, size_t len, const char *id, struct rg_entry *out,
		     struct pp_err *err)
{
	struct line l = {NULL, 0, 0};
	size_t pos = 0;
	bool in = false, found = false;
	char eid[sizeof(out->id)], title[sizeof(out->title)];

	memset(out, 0, sizeof(*out));
	while (next_line(text, len, &pos, &l)) {
		if (memchr(l.p, 0, l.len))
			return pp_fail(err, PP_EINVAL, "grub.cfg line %u: NUL byte", l.no);
		if (!in) {
			if (!menuentry(&l, eid, sizeof(eid), title, sizeof(title)))
				continue;
			if (strcmp(eid, id) != 0)
				continue;
			if (found)
				return pp_fail(err, PP_EINVAL,
					       "grub.cfg line %u: a second entry with --id %s",
					       l.no, id);
			if (l.len == 0 || l.p[l.len - 1 - (l.p[l.len - 1] == '\r')] != '{')
				return pp_fail(err, PP_ENOTSUP,
					       "grub.cfg line %u: menuentry must end with '{'",
					       l.no);
			in = found = true;
			memcpy(out->id, eid, sizeof(out->id));
			memcpy(out->title, title, sizeof(out->title));
			continue;
		}
		const char *w[MAX_WORDS];
		size_t wl[MAX_WORDS];
		u32 n;
		if (!split(&l, w, wl, &n))
			return pp_fail(err, PP_ERANGE, "grub.cfg line %u: more than %u words", l.no,
				       MAX_WORDS);
		if (n == 0 || w[0][0] == '#')
			continue;
		if (n == 1 && pp_word_is(w[0], wl[0], "}")) {
			in = false;
			continue;
		}
		/*
		 * Only straight-line commands: a module2 inside a conditional, a
		 * block or after a ';' would be loaded (or not) in ways this
		 * parser cannot predict.
		 */
		if (memchr(l.p, '{', l.len) || memchr(l.p, '}', l.len))
			return pp_fail(err, PP_ENOTSUP,
				       "grub.cfg line %u: nested blocks in a menu entry", l.no);
		if (memchr(l.p, ';', l.len))
			return pp_fail(err, PP_ENOTSUP, "grub.cfg line %u: ';' in a menu entry",
				       l.no);
		if (pp_word_is(w[0], wl[0], "module2")) {
			int rc = module_line(&l, out, err);
			if (rc)
				return rc;
		} else if (!pp_word_is(w[0], wl[0], "multiboot2") &&
			   !pp_word_is(w[0], wl[0], "boot") && !pp_word_is(w[0], wl[0], "insmod") &&
			   !pp_word_is(w[0], wl[0], "echo") && !set_gfxpayload(w, wl, n)) {
			return pp_fail(
			    err, PP_ENOTSUP,
			    "grub.cfg line %u: command '%.*s' in a menu entry (only "
			    "multiboot2, module2, insmod, echo, boot, set gfxpayload=...)",
			    l.no, (int)(wl[0] > 32 ? 32 : wl[0]), w[0]);
		}
	}
	if (!found)
		return pp_fail(err, PP_ENOENT, "grub.cfg: no menuentry with --id %s", id);
	if (in)
		return pp_fail(err, PP_ETRUNC, "grub.cfg: entry %s has no closing '}'", id);
	return rg_check_modules(out, err);
}

int rg_module_set(struct rg_module *m, const char *str, size_t len, struct pp_err *err)
{
	struct pp_module_role_info r;
	if (len >= sizeof(m->str))
		return pp_fail(err, PP_ERANGE, "module string longer than %zu", sizeof(m->str) - 1);
	memcpy(m->str, str, len);
	m->str[len] = 0;
	int rc = pp_module_role(m->str, (u32)len, &r, err);
	if (rc)
		return rc;
	if (r.arg_len >= sizeof(m->arg))
		return pp_fail(err, PP_ERANGE, "module argument longer than %zu",
			       sizeof(m->arg) - 1);
	m->role = r.role;
	memcpy(m->arg, m->str + r.arg_off, r.arg_len);
	m->arg[r.arg_len] = 0;
	return PP_OK;
}

int rg_check_modules(const struct rg_entry *e, struct pp_err *err)
{
	static struct pp_module_role_info r[RG_MAX_MODULES];
	const char *strs[RG_MAX_MODULES];
	u32 lens[RG_MAX_MODULES], hv;
	struct pp_err e2;

	if (e->nmod > RG_MAX_MODULES)
		return pp_fail(err, PP_ERANGE, "entry %s: %u modules, at most %u", e->id, e->nmod,
			       RG_MAX_MODULES);
	for (u32 i = 0; i < e->nmod; i++) {
		strs[i] = e->mod[i].str;
		lens[i] = (u32)strlen(e->mod[i].str);
	}
	int rc = pp_module_roles(strs, lens, e->nmod, r, &hv, &e2);
	if (rc)
		return pp_fail(err, rc, "entry %s: %s", e->id, e2.msg);
	/* role and arg are the classifier's (rg_module_set): a mismatch is a bug. */
	for (u32 i = 0; i < e->nmod; i++)
		if (e->mod[i].role != r[i].role || strlen(e->mod[i].arg) != r[i].arg_len ||
		    memcmp(e->mod[i].arg, strs[i] + r[i].arg_off, r[i].arg_len) != 0)
			return pp_fail(err, PP_EINVAL,
				       "entry %s: module %u: role or argument not its string's",
				       e->id, i);
	return PP_OK;
}
