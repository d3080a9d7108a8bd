// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsers of a machine directory's text files (machine_text.h): lspci.txt,
 * memmap.txt, machine.txt. Host code over untrusted text: a line at a
 * time (at most POL_M_LINE_MAX bytes, no NUL), numbers with explicit
 * bounds, every error "FILE:LINE: what was expected, what was found".
 * Nothing is returned on failure but the message.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "policy/cli/machine_text.h"

struct cursor {
	const char *name, *p, *end;
	u32 line;
	char buf[POL_M_LINE_MAX + 1];
	char *msg;
	size_t msglen;
};

static int fail(struct cursor *c, const char *fmt, ...) PP_PRINTF(2, 3);
static int fail(struct cursor *c, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->msg, c->msglen, "%s:%u: ", c->name, c->line);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < c->msglen)
		vsnprintf(c->msg + n, c->msglen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Next line into c->buf (without '\n', trailing '\r' and blanks): 1, 0 at the end, -1. */
static int next_line(struct cursor *c)
{
	size_t n = 0;
	if (c->p >= c->end)
		return 0;
	c->line++;
	while (c->p < c->end && *c->p != '\n') {
		if (*c->p == '\0')
			return fail(c, "NUL byte in a text file");
		if (n == POL_M_LINE_MAX)
			return fail(c, "line longer than %u bytes", POL_M_LINE_MAX);
		c->buf[n++] = *c->p++;
	}
	if (c->p < c->end)
		c->p++;
	while (n && (c->buf[n - 1] == '\r' || c->buf[n - 1] == ' ' || c->buf[n - 1] == '\t'))
		n--;
	c->buf[n] = '\0';
	return 1;
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Exactly `digits` hex digits (0: one or more, at most 16) at *s; advances. */
static bool hex(const char **s, u32 digits, u64 *v)
{
	u32 n = 0;
	*v = 0;
	while (hexval((*s)[n]) >= 0 && (digits ? n < digits : n < 17)) {
		*v = *v << 4 | (u64)hexval((*s)[n]);
		n++;
	}
	if (n == 0 || (digits && n != digits) || (!digits && n > 16))
		return false;
	*s += n;
	return true;
}

static bool dec(const char **s, u64 max, u64 *v)
{
	u32 n = 0;
	*v = 0;
	while ((*s)[n] >= '0' && (*s)[n] <= '9') {
		*v = *v * 10 + (u64)((*s)[n] - '0');
		if (*v > max)
			return false;
		n++;
	}
	*s += n;
	return n > 0;
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* "SSSS:BB:DD.F" (exact widths, device <= 0x1f, function <= 7). */
static bool bdf(const char **s, struct pp_pol_pci_fn *f)
{
	u64 seg, bus, dev, fn;
	const char *p = *s;
	if (!hex(&p, 4, &seg) || *p++ != ':' || !hex(&p, 2, &bus) || *p++ != ':' ||
	    !hex(&p, 2, &dev) || *p++ != '.' || !hex(&p, 1, &fn) || dev > 0x1f || fn > 7)
		return false;
	*f = (struct pp_pol_pci_fn){(u16)seg, (u8)bus, (u8)(dev << 3 | fn)};
	*s = p;
	return true;
}

static bool comment_or_blank(const char *s)
{
	s = skip_ws(s);
	return *s == '\0' || *s == '#';
}

int pol_m_parse_lspci(const char *name, const char *text, size_t len, struct pp_pol_pci_fn *out,
		      u32 cap, u32 *n, char *msg, size_t msglen)
{
	struct cursor c = {
	    .name = name, .p = text, .end = text + len, .msg = msg, .msglen = msglen};
	int r;
	*n = 0;
	while ((r = next_line(&c)) > 0) {
		const char *s = c.buf;
		struct pp_pol_pci_fn f;
		u64 v;
		if (comment_or_blank(s))
			continue;
		if (!bdf(&s, &f) || *s != ' ') {
			const char *q = c.buf;
			if (hex(&q, 0, &v) && *q == ':' && q - c.buf > 4)
				return fail(&c, "PCI domain \"%.*s\" is wider than 16 bits",
					    (int)(q - c.buf), c.buf);
			return fail(&c,
				    "expected \"SSSS:BB:DD.F CCCC: VVVV:DDDD\" (lspci -D -n), "
				    "found \"%.40s\"",
				    c.buf);
		}
		s++;
		if (!hex(&s, 4, &v) || *s++ != ':' || *s++ != ' ' || !hex(&s, 4, &v) ||
		    *s++ != ':' || !hex(&s, 4, &v) || (*s != '\0' && *s != ' '))
			return fail(&c,
				    "expected \"CCCC: VVVV:DDDD\" after the address, found "
				    "\"%.40s\"",
				    c.buf + 13);
		for (u32 i = 0; i < *n; i++)
			if (out[i].seg == f.seg && out[i].bus == f.bus && out[i].devfn == f.devfn)
				return fail(&c, "%.12s listed twice", c.buf);
		if (*n >= cap)
			return fail(&c, "more than %u PCI functions", cap);
		out[(*n)++] = f;
	}
	return r;
}

int pol_m_parse_memmap(const char *name, const char *text, size_t len, struct pp_pol_mem_ent *out,
		       u32 cap, u32 *n, char *msg, size_t msglen)
{
	struct cursor c = {
	    .name = name, .p = text, .end = text + len, .msg = msg, .msglen = msglen};
	int r;
	*n = 0;
	while ((r = next_line(&c)) > 0) {
		const char *s = c.buf;
		u64 start, end;
		if (comment_or_blank(s))
			continue;
		if (s[0] != '0' || s[1] != 'x' || (s += 2, !hex(&s, 0, &start)) || *s++ != ' ' ||
		    s[0] != '0' || s[1] != 'x' || (s += 2, !hex(&s, 0, &end)) || *s++ != ' ' ||
		    *s == '\0')
			return fail(&c,
				    "expected \"0xSTART 0xEND TYPE\" (hex, END inclusive), found "
				    "\"%.40s\"",
				    c.buf);
		if (end < start || (start == 0 && end == ~0ull))
			return fail(&c, "range 0x%llx-0x%llx is empty or covers everything",
				    (unsigned long long)start, (unsigned long long)end);
		for (const char *t = s; *t; t++)
			if (*t < 0x20 || *t > 0x7e)
				return fail(&c, "type has byte 0x%02x", (u8)*t);
		if (*n >= cap)
			return fail(&c, "more than %u memory map entries", cap);
		out[(*n)++] = (struct pp_pol_mem_ent){
		    start, end - start + 1, strcmp(s, "System RAM") == 0 ? PP_POL_MEM_USABLE : 0};
	}
	return r;
}

/* One "KEY VALUE..." line of machine.txt. */
static int conf_line(struct cursor *c, struct pol_m_conf *conf, u32 *seen)
{
	static const char *const scalars[] = {"maxphyaddr", "cat-bits", "hv-version"};
	const char *s = skip_ws(c->buf), *k = s;
	u64 a, b;
	size_t kl;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	kl = (size_t)(s - k);
	s = skip_ws(s);
	for (u32 i = 0; i < PP_ARRAY_SIZE(scalars); i++) {
		u32 *dst = i == 0   ? &conf->maxphyaddr
			   : i == 1 ? &conf->cat_bits
				    : &conf->hv_version;
		u64 max = i == 0 ? 52 : i == 1 ? 32 : 0xffffffffull;
		if (kl != strlen(scalars[i]) || memcmp(k, scalars[i], kl) != 0)
			continue;
		if (*seen & (1u << i))
			return fail(c, "%s given twice", scalars[i]);
		if (!dec(&s, max, &a) || *s != '\0' || (i == 0 && a < 32))
			return fail(c, "%s: expected a decimal number in %s, found \"%.20s\"",
				    scalars[i],
				    i == 0   ? "32..52"
				    : i == 1 ? "0..32"
					     : "0..2^32-1",
				    skip_ws(c->buf + kl));
		*seen |= 1u << i;
		*dst = (u32)a;
		return 0;
	}
	if (kl == 8 && memcmp(k, "reserved", 8) == 0) {
		if (s[0] != '0' || s[1] != 'x' || (s += 2, !hex(&s, 0, &a)) || *s++ != ' ' ||
		    s[0] != '0' || s[1] != 'x' || (s += 2, !hex(&s, 0, &b)) || *s != '\0')
			return fail(c, "reserved: expected \"0xBASE 0xSIZE\"");
		if (!b || a + b < a)
			return fail(c, "reserved: 0x%llx+0x%llx is empty or wraps",
				    (unsigned long long)a, (unsigned long long)b);
		if (conf->n_reserved >= PP_POL_MACHINE_RANGES)
			return fail(c, "more than %u reserved lines", PP_POL_MACHINE_RANGES);
		conf->reserved_set = true;
		conf->reserved[conf->n_reserved++] = (struct pp_pol_range){a, b};
		return 0;
	}
	if (kl == 11 && memcmp(k, "ioapic-gsis", 11) == 0) {
		if (!dec(&s, 255, &a) || (s = skip_ws(s), !dec(&s, PP_POL_IOAPIC_GSIS_MAX, &b)) ||
		    *s != '\0' || b == 0)
			return fail(c,
				    "ioapic-gsis: expected \"ID COUNT\" (ID 0..255, COUNT 1..%u)",
				    PP_POL_IOAPIC_GSIS_MAX);
		for (u32 i = 0; i < conf->n_ioapic; i++)
			if (conf->ioapic[i].id == a)
				return fail(c, "ioapic-gsis: IOAPIC %llu given twice",
					    (unsigned long long)a);
		if (conf->n_ioapic >= POL_M_IOAPIC_SET)
			return fail(c, "more than %u ioapic-gsis lines", POL_M_IOAPIC_SET);
		conf->ioapic[conf->n_ioapic++] = (struct pol_m_ioapic_set){(u32)a, (u32)b, c->line};
		return 0;
	}
	if (kl == 6 && memcmp(k, "bridge", 6) == 0) {
		struct pp_pol_pci_fn f;
		if (!bdf(&s, &f) || (s = skip_ws(s), !hex(&s, 2, &a)) ||
		    (s = skip_ws(s), !hex(&s, 2, &b)) || *s != '\0')
			return fail(c, "bridge: expected \"SSSS:BB:DD.F SECONDARY SUBORDINATE\" "
				       "(two-digit hex buses)");
		if (a <= f.bus || b < a)
			return fail(c, "bridge: buses %02llx-%02llx not behind bus %02x",
				    (unsigned long long)a, (unsigned long long)b, f.bus);
		for (u32 i = 0; i < conf->n_bridges; i++)
			if (conf->bridges[i].seg == f.seg && conf->bridges[i].bus == f.bus &&
			    conf->bridges[i].devfn == f.devfn)
				return fail(c, "bridge: given twice");
		if (conf->n_bridges >= POL_M_BRIDGES)
			return fail(c, "more than %u bridge lines", POL_M_BRIDGES);
		conf->bridges[conf->n_bridges++] =
		    (struct pp_pol_bridge){f.seg, f.bus, f.devfn, (u8)a, (u8)b};
		return 0;
	}
	return fail(c,
		    "unknown key \"%.*s\" (maxphyaddr, cat-bits, hv-version, reserved, "
		    "ioapic-gsis, bridge)",
		    (int)PP_MIN(kl, 32), k);
}

int pol_m_parse_conf(const char *name, const char *text, size_t len, struct pol_m_conf *conf,
		     char *msg, size_t msglen)
{
	struct cursor c = {
	    .name = name, .p = text, .end = text + len, .msg = msg, .msglen = msglen};
	u32 seen = 0;
	int r;
	memset(conf, 0, sizeof(*conf));
	conf->maxphyaddr = POL_M_DEFAULT_MAXPHYADDR;
	conf->hv_version = POL_M_DEFAULT_HV_VERSION;
	while ((r = next_line(&c)) > 0)
		if (!comment_or_blank(c.buf) && conf_line(&c, conf, &seen))
			return -1;
	return r;
}
