// SPDX-License-Identifier: GPL-2.0-only
/*
 * refgen: predict the DRTM event log and PCR 17-19 of a boot
 * (docs/measurements.md, "Reference values").
 *
 *   refgen [--launch emulated|skinit|static] [--banks LIST]
 *          [--sl SL.bin]                      (not for static)
 *          --grub-cfg CFG --entry ID --file /boot/parapet/X=HOSTFILE ...
 *        | --hypervisor ELF [--cmdline TEXT] [--policy FILE] [--pd NAME=FILE]...
 *          [--verdict TEXT|none] --log OUT.log --json OUT.json
 *
 * With --grub-cfg the modules (paths, roles, the hypervisor command line)
 * come from the menu entry with that --id; every module path must be
 * mapped to a host file with --file. --banks (comma-separated, the log
 * header's order) defaults to every bank the secure loader can extend:
 * sha1,sha256,sha384,sha512, in a TPM's order. The log ends with the
 * hypervisor's policy verdict (PCR 18): by default "enforced: slot a" when
 * the entry has slot a, "enforced: slot b" with slot b alone, "enforced:
 * policy" for a bare policy, none without a policy; --verdict TEXT replaces
 * its data (e.g. 'enforced: slot b' once slot b is confirmed), --verdict
 * none leaves it out. Exit 0 on success, 1 on bad inputs, 2 on usage or
 * I/O errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include "tools/refgen/refgen.h"

#define MAX_FILES 32
#define DEFAULT_BANKS "sha1,sha256,sha384,sha512"

static struct rg_entry entry;
static u8 logbuf[1u << 20];

static void die(int code, const char *what, const char *msg)
{
	fprintf(stderr, "refgen: %s: %s\n", what, msg);
	exit(code);
}

static u8 *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(2, path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	u8 *p = malloc(cap);
	for (;;) {
		if (!p)
			die(2, path, "out of memory");
		n += fread(p + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		u8 *q = realloc(p, cap);
		if (!q)
			free(p);
		p = q;
	}
	if (ferror(f))
		die(2, path, "read error");
	fclose(f);
	*len = n;
	return p;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: refgen [--launch emulated|skinit|static] [--banks LIST] [--sl SL]\n"
		"              (--grub-cfg CFG --entry ID --file GRUBPATH=FILE... |\n"
		"               --hypervisor ELF [--cmdline TEXT] [--policy FILE] [--pd "
		"NAME=FILE]...)\n"
		"              [--verdict TEXT|none] --log OUT --json OUT\n"
		"       LIST: comma-separated banks, default " DEFAULT_BANKS "\n"
		"       --verdict: the policy verdict event's data (PCR 18, last), default\n"
		"                  'enforced: slot a' (slot a), 'enforced: slot b' (slot b\n"
		"                  alone), 'enforced: policy' (bare policy), none without a\n"
		"                  policy; 'none' leaves the event out\n");
	exit(2);
}

static u32 parse_banks(const char *s, u16 *banks)
{
	static const u16 known[] = {PP_ALG_SHA1, PP_ALG_SHA256, PP_ALG_SHA384, PP_ALG_SHA512,
				    PP_ALG_SM3_256};
	u32 n = 0;
	char tmp[128];
	if (strlen(s) >= sizeof(tmp))
		die(2, s, "bank list too long");
	strcpy(tmp, s);
	for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		u32 k;
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (!strcmp(t, pp_evlog_alg_name(known[k])))
				break;
		if (k == sizeof(known) / sizeof(known[0]))
			die(2, t, "unknown bank (sha1, sha256, sha384, sha512)");
		if (n == PP_EVLOG_MAX_ALGS)
			die(2, s, "too many banks");
		banks[n++] = known[k];
	}
	if (!n)
		die(2, s, "no bank");
	return n;
}

/*
 * An explicit module: its module string is the role word and the argument
 * joined by a space, as grub.cfg would give it, classified like every
 * module by the secure loader's code (rg_module_set).
 */
static void add_module(const char *role, const char *path, const char *arg)
{
	char str[sizeof(entry.mod[0].str)];
	struct pp_err err;
	if (entry.nmod == RG_MAX_MODULES)
		die(2, path, "too many modules");
	struct rg_module *m = &entry.mod[entry.nmod++];
	memset(m, 0, sizeof(*m));
	snprintf(m->path, sizeof(m->path), "%s", path);
	int n = snprintf(str, sizeof(str), "%s%s%s", role, *arg ? " " : "", arg);
	if (n < 0 || (size_t)n >= sizeof(str))
		die(2, arg, "argument too long");
	if (rg_module_set(m, str, (size_t)n, &err))
		die(1, str, err.msg);
}

static void write_out(const char *path, const void *p, size_t n)
{
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		die(2, tmp, strerror(errno));
	if (rename(tmp, path))
		die(2, path, strerror(errno));
}

int main(int argc, char **argv)
{
	const char *sl = NULL, *cfg = NULL, *id = NULL, *logp = NULL, *jsonp = NULL;
	const char *files[MAX_FILES];
	u32 nfiles = 0, launch = PP_EVLOG_LAUNCH_EMULATED, nbanks;
	u16 banks[PP_EVLOG_MAX_ALGS];
	const char *hv = NULL, *cmdline = "", *verdict = NULL;
	struct pp_err err = {0, ""};
	int have_explicit = 0;

	nbanks = parse_banks(DEFAULT_BANKS, banks);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			usage();
		i++;
		if (!strcmp(a, "--launch")) {
			if (pp_launch_type_parse(v, &launch))
				die(2, v, "unknown launch type");
		} else if (!strcmp(a, "--banks")) {
			nbanks = parse_banks(v, banks);
		} else if (!strcmp(a, "--sl")) {
			sl = v;
		} else if (!strcmp(a, "--grub-cfg")) {
			cfg = v;
		} else if (!strcmp(a, "--entry")) {
			id = v;
		} else if (!strcmp(a, "--file")) {
			if (nfiles == MAX_FILES || !strchr(v, '='))
				die(2, v, "--file takes GRUBPATH=FILE");
			files[nfiles++] = v;
		} else if (!strcmp(a, "--hypervisor")) {
			hv = v;
		} else if (!strcmp(a, "--cmdline")) {
			cmdline = v;
			have_explicit = 1;
		} else if (!strcmp(a, "--policy")) {
			add_module("policy", v, "");
			have_explicit = 1;
		} else if (!strcmp(a, "--pd")) {
			const char *eq = strchr(v, '=');
			if (!eq || (size_t)(eq - v) >= RG_MAX_CMDLINE)
				die(2, v, "--pd takes NAME=FILE");
			char name[RG_MAX_CMDLINE];
			memcpy(name, v, (size_t)(eq - v));
			name[eq - v] = 0;
			add_module("pd", eq + 1, name);
			have_explicit = 1;
		} else if (!strcmp(a, "--verdict")) {
			verdict = v;
			if (strcmp(v, RG_VERDICT_NONE) != 0 && rg_verdict_check(v, &err))
				die(2, "--verdict", err.msg);
		} else if (!strcmp(a, "--log")) {
			logp = v;
		} else if (!strcmp(a, "--json")) {
			jsonp = v;
		} else {
			usage();
		}
	}
	if (!logp || !jsonp || (!cfg == !hv) || (cfg && (!id || have_explicit)))
		usage();
	if (launch != PP_EVLOG_LAUNCH_STATIC && !sl)
		die(2, "--sl", "the SL image is required for a DRTM launch");

	if (cfg) {
		size_t n;
		char *text = (char *)slurp(cfg, &n);
		if (rg_grubcfg_entry(text, n, id, &entry, &err))
			die(1, cfg, err.msg);
		free(text);
		for (u32 i = 0; i < entry.nmod; i++) {
			struct rg_module *m = &entry.mod[i];
			const char *host = NULL;
			size_t pl = strlen(m->path);
			for (u32 k = 0; k < nfiles; k++)
				if (!strncmp(files[k], m->path, pl) && files[k][pl] == '=')
					host = files[k] + pl + 1;
			if (!host)
				die(2, m->path, "module in grub.cfg without a --file mapping");
			m->data = slurp(host, &m->len);
		}
	} else {
		/* explicit modules: the hypervisor first, then policy / pd in order */
		struct rg_entry tmp = entry;
		entry.nmod = 0;
		add_module("hypervisor", hv, cmdline);
		for (u32 i = 0; i < tmp.nmod; i++)
			entry.mod[entry.nmod++] = tmp.mod[i];
		snprintf(entry.id, sizeof(entry.id), "explicit");
		for (u32 i = 0; i < entry.nmod; i++)
			entry.mod[i].data = slurp(entry.mod[i].path, &entry.mod[i].len);
	}

	struct rg_input in = {.launch_type = launch,
			      .banks = banks,
			      .nbanks = nbanks,
			      .entry = &entry,
			      .verdict = verdict};
	size_t sl_len = 0;
	if (sl && launch != PP_EVLOG_LAUNCH_STATIC) {
		in.sl = slurp(sl, &sl_len);
		in.sl_len = sl_len;
	}
	struct pp_evlog log;
	if (rg_build_log(&in, &log, logbuf, sizeof(logbuf), &err))
		die(1, "log", err.msg);
	write_out(logp, logbuf, log.len);

	char *js = NULL;
	size_t jlen = 0;
	FILE *mf = open_memstream(&js, &jlen);
	if (!mf)
		die(2, "json", strerror(errno));
	int rc = rg_write_json(mf, logbuf, log.len, entry.id, &err);
	fclose(mf);
	if (rc)
		die(1, "json", err.msg);
	write_out(jsonp, js, jlen);
	free(js);
	for (u32 i = 0; i < entry.nmod; i++)
		free((void *)(uintptr_t)entry.mod[i].data);
	free((void *)(uintptr_t)in.sl);
	return 0;
}
