// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/refgen (docs/measurements.md, "Reference values"): the grub.cfg
 * entry parser, the predicted DRTM log against PCR chains computed
 * independently with OpenSSL, and the JSON output.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include "tests/unit/unit.h"
#include "tools/refgen/refgen.h"

static const char cfg[] = "set default=parapet\n"
			  "menuentry \"Parapet\" --id parapet {\n"
			  "\tmultiboot2 /boot/parapet/launch.elf\n"
			  "\tset gfxpayload=text\n"
			  "\tmodule2 /boot/parapet/hypervisor.elf hypervisor  console=com1\tx=1\n"
			  "\tmodule2 /boot/parapet/pd-a.bin pd alpha\n"
			  "\t# a comment\n"
			  "\tmodule2 /boot/parapet/policy.bin policy\n"
			  "\tmodule2 /boot/parapet/pd-b.bin pd b-2\n"
			  "\tboot\n"
			  "}\n"
			  "menuentry \"Other\" --id other {\n"
			  "\tmodule2 /boot/parapet/hypervisor.elf hypervisor\n"
			  "}\n";

TEST(refgen_grubcfg_entry)
{
	static struct rg_entry e;
	struct pp_err err = {0, ""};
	REQUIRE(rg_grubcfg_entry(cfg, strlen(cfg), "parapet", &e, &err) == PP_OK);
	CHECK(!strcmp(e.title, "Parapet"));
	REQUIRE(e.nmod == 4);
	CHECK(e.mod[0].role == PP_ROLE_HYPERVISOR);
	CHECK(!strcmp(e.mod[0].path, "/boot/parapet/hypervisor.elf"));
	/* GRUB joins the words with single spaces */
	CHECK(!strcmp(e.mod[0].arg, "console=com1 x=1"));
	CHECK(e.mod[1].role == PP_ROLE_PD && !strcmp(e.mod[1].arg, "alpha"));
	CHECK(e.mod[2].role == PP_ROLE_POLICY && e.mod[2].arg[0] == 0);
	CHECK(e.mod[3].role == PP_ROLE_PD && !strcmp(e.mod[3].arg, "b-2"));
	REQUIRE(rg_grubcfg_entry(cfg, strlen(cfg), "other", &e, &err) == PP_OK);
	REQUIRE(e.nmod == 1);
	CHECK(e.mod[0].arg[0] == 0);
}

/* The policy slots: a leading ($name) device, slot words a and b. */
TEST(refgen_grubcfg_slots)
{
	static struct rg_entry e;
	struct pp_err err = {0, ""};
	static const char slots[] = "menuentry \"P\" --id p {\n module2 /h hypervisor\n"
				    " module2 ($pp_slot_a)/policy-a.bin policy a\n"
				    " module2  ($pp_slot_b)/policy-b.bin  policy  b\n}\n";
	REQUIRE(rg_grubcfg_entry(slots, strlen(slots), "p", &e, &err) == PP_OK);
	REQUIRE(e.nmod == 3);
	CHECK(!strcmp(e.mod[1].path, "($pp_slot_a)/policy-a.bin"));
	CHECK(e.mod[1].role == PP_ROLE_POLICY && !strcmp(e.mod[1].arg, "a"));
	CHECK(!strcmp(e.mod[2].path, "($pp_slot_b)/policy-b.bin"));
	CHECK(!strcmp(e.mod[2].arg, "b"));
}

static void reject(const char *text, const char *id, const char *msg)
{
	static struct rg_entry e;
	struct pp_err err = {0, ""};
	CHECK(rg_grubcfg_entry(text, strlen(text), id, &e, &err) != PP_OK);
	CHECK_MSG(&err, msg);
}

TEST(refgen_grubcfg_reject)
{
	reject(cfg, "nope", "no menuentry with --id nope");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor \"a b\"\n}\n", "p",
	       "character '\"'");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor $x\n}\n", "p", "character '$'");
	reject("menuentry \"P\" --id p {\n module2 /h dom0\n}\n", "p",
	       "line 2: module role \"dom0\" unknown");
	reject("menuentry \"P\" --id p {\n module2 /h\n}\n", "p", "without a role word");
	reject("menuentry \"P\" --id p {\n module2 --nounzip /h hypervisor\n}\n", "p",
	       "options not supported");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /i hypervisor\n}\n", "p",
	       "entry p: module 1: a second `hypervisor`");
	reject("menuentry \"P\" --id p {\n module2 /p policy\n}\n", "p", "no `hypervisor` module");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /p policy\n"
	       " module2 /q policy\n}\n",
	       "p", "module 2: a second `policy`");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /p pd Bad\n}\n", "p",
	       "line 3: module `pd`: name character 0 (0x42) not in [a-z0-9-]");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /p pd a\n"
	       " module2 /q pd a\n}\n",
	       "p", "module 2: pd name \"a\" also module 1");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /p pd a b\n}\n", "p",
	       "line 3: module `pd`: name character 1 (0x20)");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /p policy x\n}\n", "p",
	       "line 3: module `policy`: slot must be `a` or `b`");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /p pd "
	       "abcdefghijabcdefghijabcdefghijabc\n}\n",
	       "p", "line 3: module `pd`: name length 33 outside [1, 32]");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n", "p", "no closing");
	/* a variable anywhere but a whole leading ($name) device */
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 ($x/p policy\n}\n", "p",
	       "character '(' in a module2 line");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 ($)/p policy\n}\n", "p",
	       "character '(' in a module2 line");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /p$x policy\n}\n", "p",
	       "character '$' in a module2 line");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /p policy ($x)\n}\n",
	       "p", "character '(' in a module2 line");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n module2 /a policy a\n"
	       " module2 /b policy a\n}\n",
	       "p", "a second `policy a`");
	reject("menuentry \"P\" --id p {\n module2 /h hypervisor\n echo { x }\n}\n", "p",
	       "nested blocks");
	reject("menuentry \"P\" --id p {\n}\nmenuentry \"Q\" --id p {\n}\n", "p", "second entry");
	reject("menuentry \"P\" --id p {\n if [ x ]\n module2 /h hypervisor\n}\n", "p",
	       "command 'if' in a menu entry");
	reject("menuentry \"P\" --id p {\n echo a; module2 /h hypervisor\n}\n", "p",
	       "';' in a menu entry");
	/* only `set gfxpayload=<plain>`: other variables could move the modules */
	reject("menuentry \"P\" --id p {\n set root=(hd1,gpt2)\n module2 /h hypervisor\n}\n", "p",
	       "line 2: command 'set' in a menu entry");
	reject("menuentry \"P\" --id p {\n set gfxpayload=$x\n module2 /h hypervisor\n}\n", "p",
	       "line 2: command 'set' in a menu entry");
	reject("menuentry \"P\" --id p {\n set gfxpayload=\n module2 /h hypervisor\n}\n", "p",
	       "line 2: command 'set' in a menu entry");
	reject("menuentry \"P\" --id p {\n set gfxpayload=text x\n module2 /h hypervisor\n}\n", "p",
	       "line 2: command 'set' in a menu entry");
}

/*
 * refgen classifies with the secure loader's code: for each module list,
 * pp_module_roles (what the SL runs on the module strings GRUB hands over)
 * and refgen's grub.cfg path (and its explicit-module path, rg_module_set)
 * accept or reject alike, and refgen reports the classifier's own message.
 */
static void same_verdict(const char *const *mods, u32 n)
{
	static struct rg_entry e;
	static struct pp_module_role_info r[PP_MAX_MODULES];
	char text[1024];
	const char *strs[PP_MAX_MODULES];
	u32 lens[PP_MAX_MODULES], hv;
	struct pp_err sl_err = {0, ""}, rg_err = {0, ""};
	size_t off = (size_t)snprintf(text, sizeof(text), "menuentry \"P\" --id p {\n");
	for (u32 i = 0; i < n; i++) {
		strs[i] = mods[i];
		lens[i] = (u32)strlen(mods[i]);
		off += (size_t)snprintf(text + off, sizeof(text) - off, " module2 /m%u %s\n", i,
					mods[i]);
	}
	snprintf(text + off, sizeof(text) - off, "}\n");
	int sl_rc = pp_module_roles(strs, lens, n, r, &hv, &sl_err);
	/* The SL prefixes a single string's message with "module N: ". */
	struct pp_err one = {0, ""};
	const char *want = sl_err.msg;
	for (u32 i = 0; i < n; i++)
		if (pp_module_role(strs[i], lens[i], &r[0], &one)) {
			want = one.msg;
			break;
		}
	int rg_rc = rg_grubcfg_entry(text, strlen(text), "p", &e, &rg_err);
	CHECK_EQ(rg_rc, sl_rc);
	if (sl_rc)
		CHECK_MSG(&rg_err, want);
	/* the explicit path: each string through rg_module_set, then the set */
	memset(&e, 0, sizeof(e));
	snprintf(e.id, sizeof(e.id), "p");
	rg_rc = PP_OK;
	for (u32 i = 0; i < n && !rg_rc; i++)
		rg_rc = rg_module_set(&e.mod[e.nmod++], mods[i], strlen(mods[i]), &rg_err);
	if (!rg_rc)
		rg_rc = rg_check_modules(&e, &rg_err);
	CHECK_EQ(rg_rc, sl_rc);
	if (sl_rc)
		CHECK_MSG(&rg_err, want);
}

TEST(refgen_roles_as_sl)
{
	const char *ok[] = {"hypervisor console=com1 x=1", "policy", "pd a", "pd b-2"};
	const char *bad_name[] = {"hypervisor", "pd Bad_Name"};
	const char *two_hv[] = {"hypervisor", "pd a", "hypervisor console=com1"};
	const char *no_hv[] = {"policy", "pd a"};
	const char *two_pol[] = {"hypervisor", "policy", "policy"};
	const char *dup_pd[] = {"hypervisor", "pd a", "pd a"};
	const char *long_pd[] = {"hypervisor", "pd abcdefghijabcdefghijabcdefghijabc"};
	const char *pol_arg[] = {"hypervisor", "policy x"};
	const char *unknown[] = {"hypervisor", "dom0"};
	same_verdict(ok, 4);
	same_verdict(bad_name, 2);
	same_verdict(two_hv, 3);
	same_verdict(no_hv, 2);
	same_verdict(two_pol, 3);
	same_verdict(dup_pd, 3);
	same_verdict(long_pd, 2);
	same_verdict(pol_arg, 2);
	same_verdict(unknown, 2);
}

/* ------------------------------------------------ independent OpenSSL chain */

static const EVP_MD *md(u16 alg)
{
	switch (alg) {
	case PP_ALG_SHA1: return EVP_sha1();
	case PP_ALG_SHA256: return EVP_sha256();
	case PP_ALG_SHA384: return EVP_sha384();
	default: return EVP_sha512();
	}
}

static void H(u16 alg, const void *p, size_t n, u8 *out)
{
	unsigned int len;
	EVP_Digest(p, n, out, &len, md(alg), NULL);
}

/* pcr := H(pcr || H(data)) */
static void extend(u16 alg, u8 *pcr, const void *data, size_t n)
{
	u32 sz = (u32)EVP_MD_get_size(md(alg));
	u8 buf[128];
	memcpy(buf, pcr, sz);
	H(alg, data, n, buf + sz);
	H(alg, buf, (size_t)2 * sz, pcr);
}

static u8 sl[300], hv[5000], pol[77], pda[33], pdb[1];

static void fill(void)
{
	for (u32 i = 0; i < sizeof(sl); i++)
		sl[i] = (u8)(i * 13 + 1);
	for (u32 i = 0; i < sizeof(hv); i++)
		hv[i] = (u8)(i * 7 + 5);
	memset(pol, 'p', sizeof(pol));
	memset(pda, 'a', sizeof(pda));
	pdb[0] = 'b';
}

/* Build the log for cfg's "parapet" entry and replay it with the common code. */
static int build(u32 launch, const u16 *banks, u32 nbanks, struct pp_evlog *log, u8 *buf, u32 cap,
		 struct pp_evlog_pcrs *pcrs, struct pp_err *err)
{
	static struct rg_entry e;
	struct pp_evlog_info info;
	int rc = rg_grubcfg_entry(cfg, strlen(cfg), "parapet", &e, err);
	if (rc)
		return rc;
	e.mod[0].data = hv, e.mod[0].len = sizeof(hv);
	e.mod[1].data = pda, e.mod[1].len = sizeof(pda);
	e.mod[2].data = pol, e.mod[2].len = sizeof(pol);
	e.mod[3].data = pdb, e.mod[3].len = sizeof(pdb);
	struct rg_input in = {launch, sl, sizeof(sl), banks, nbanks, &e, NULL};
	rc = rg_build_log(&in, log, buf, cap, err);
	if (rc)
		return rc;
	rc = pp_evlog_check(buf, log->len, log->events, &info, err);
	if (rc)
		return rc;
	return pp_evlog_replay(buf, &info, pcrs, err);
}

/*
 * The pd manifest as docs/measurements.md spells it, byte by byte
 * (written here without the shared helpers): "PPMODS01", count, 80; then
 * per pd module role, name length, 0, 0, size, SHA-256 (OpenSSL), name.
 */
static u32 manifest(u8 *out)
{
	static const struct {
		u8 role;
		const char *name;
		const u8 *data;
		u32 len;
	} mods[] = {{3, "alpha", pda, sizeof(pda)}, {3, "b-2", pdb, sizeof(pdb)}};
	memset(out, 0, 16 + 2 * 80);
	static const u8 magic[8] = {'P', 'P', 'M', 'O', 'D', 'S', '0', '1'};
	memcpy(out, magic, sizeof(magic));
	out[8] = 2;
	out[12] = 80;
	for (u32 i = 0; i < 2; i++) {
		u8 *r = out + 16 + (size_t)80 * i;
		unsigned int l;
		r[0] = mods[i].role;
		r[1] = (u8)strlen(mods[i].name);
		for (u32 b = 0; b < 4; b++)
			r[8 + b] = (u8)(mods[i].len >> (8 * b));
		EVP_Digest(mods[i].data, mods[i].len, r + 16, &l, EVP_sha256(), NULL);
		memcpy(r + 48, mods[i].name, strlen(mods[i].name));
	}
	return 16 + 2 * 80;
}

static void expect_pcrs(u16 alg, u32 launch, u32 mlen, const struct pp_evlog_pcrs *pcrs, u32 k)
{
	static u8 man[16 + 2 * 80];
	u32 sz = (u32)EVP_MD_get_size(md(alg));
	u8 p17[64], p18[64], p19[64], slb[400] = {0};
	const char *name = launch == PP_EVLOG_LAUNCH_STATIC ? "static" : "emulated";
	memcpy(slb, sl, sizeof(sl)); /* zero padding beyond the file */
	u8 init = launch == PP_EVLOG_LAUNCH_STATIC ? 0xFF : 0x00;
	memset(p17, init, sz);
	memset(p18, init, sz);
	memset(p19, init, sz);
	if (launch != PP_EVLOG_LAUNCH_STATIC)
		extend(alg, p17, slb, mlen); /* H(0 || H(SLB[0:len])) */
	extend(alg, p17, name, strlen(name));
	extend(alg, p17, hv, sizeof(hv));
	extend(alg, p17, "console=com1 x=1", 16);
	extend(alg, p18, pol, sizeof(pol));
	extend(alg, p18, "enforced: policy", 16); /* the verdict: a bare policy */
	extend(alg, p19, pda, sizeof(pda));	  /* module order */
	extend(alg, p19, pdb, sizeof(pdb));
	extend(alg, p19, man, manifest(man)); /* names bound to images */
	CHECK(pcrs->bank[k].alg == alg && pcrs->bank[k].replayed);
	CHECK(!memcmp(pcrs->bank[k].pcr[17], p17, sz));
	CHECK(!memcmp(pcrs->bank[k].pcr[18], p18, sz));
	CHECK(!memcmp(pcrs->bank[k].pcr[19], p19, sz));
}

static u8 logbuf[1 << 16];
static struct pp_evlog_pcrs pcrs;

/* Every bank the SL can extend, in a TPM's order (refgen's default). */
static const u16 all_banks[] = {PP_ALG_SHA1, PP_ALG_SHA256, PP_ALG_SHA384, PP_ALG_SHA512};

TEST(refgen_emulated_vs_openssl)
{
	struct pp_evlog log;
	struct pp_err err = {0, ""};
	fill();
	st_le16(sl + 2, 200); /* measured length inside the file */
	REQUIRE(build(PP_EVLOG_LAUNCH_EMULATED, all_banks, 4, &log, logbuf, sizeof(logbuf), &pcrs,
		      &err) == PP_OK);
	/* marker, start, type, hv, cmdline, policy, 2 pd, manifest, verdict */
	CHECK_EQ(log.events, 10);
	for (u32 k = 0; k < 4; k++)
		expect_pcrs(all_banks[k], PP_EVLOG_LAUNCH_EMULATED, 200, &pcrs, k);
	/* measured length beyond the file: launch zero-fills the SLB */
	st_le16(sl + 2, 400);
	REQUIRE(build(PP_EVLOG_LAUNCH_EMULATED, all_banks + 2, 1, &log, logbuf, sizeof(logbuf),
		      &pcrs, &err) == PP_OK);
	expect_pcrs(PP_ALG_SHA384, PP_EVLOG_LAUNCH_EMULATED, 400, &pcrs, 0);
	/* PCR 20-22 stay 0 after the DRTM start */
	CHECK(pcrs.bank[0].pcr[20][0] == 0 && pcrs.bank[0].pcr[22][47] == 0);
	/* the two profiles of docs/testing.md: sha256 only, sha1 + sha256 */
	REQUIRE(build(PP_EVLOG_LAUNCH_EMULATED, all_banks + 1, 1, &log, logbuf, sizeof(logbuf),
		      &pcrs, &err) == PP_OK);
	expect_pcrs(PP_ALG_SHA256, PP_EVLOG_LAUNCH_EMULATED, 400, &pcrs, 0);
	REQUIRE(build(PP_EVLOG_LAUNCH_EMULATED, all_banks, 2, &log, logbuf, sizeof(logbuf), &pcrs,
		      &err) == PP_OK);
	expect_pcrs(PP_ALG_SHA1, PP_EVLOG_LAUNCH_EMULATED, 400, &pcrs, 0);
	expect_pcrs(PP_ALG_SHA256, PP_EVLOG_LAUNCH_EMULATED, 400, &pcrs, 1);
}

TEST(refgen_static_vs_openssl)
{
	/* any header order: the replay follows the log's */
	const u16 banks[] = {PP_ALG_SHA512, PP_ALG_SHA384, PP_ALG_SHA1, PP_ALG_SHA256};
	struct pp_evlog log;
	struct pp_err err = {0, ""};
	fill();
	st_le16(sl + 2, 2); /* ignored: no DRTM start */
	REQUIRE(build(PP_EVLOG_LAUNCH_STATIC, banks, 4, &log, logbuf, sizeof(logbuf), &pcrs,
		      &err) == PP_OK);
	CHECK_EQ(log.events, 9);
	for (u32 k = 0; k < 4; k++)
		expect_pcrs(banks[k], PP_EVLOG_LAUNCH_STATIC, 0, &pcrs, k);
}

TEST(refgen_build_reject)
{
	const u16 banks[] = {PP_ALG_SHA256};
	struct pp_evlog log;
	struct pp_err err = {0, ""};
	fill();
	st_le16(sl + 2, 3);
	CHECK(build(PP_EVLOG_LAUNCH_EMULATED, banks, 1, &log, logbuf, sizeof(logbuf), &pcrs,
		    &err) == PP_ERANGE);
	CHECK_MSG(&err, "measured length 3 < 4");
	st_le16(sl + 2, 100);
	CHECK(build(PP_EVLOG_LAUNCH_TXT, banks, 1, &log, logbuf, sizeof(logbuf), &pcrs, &err) ==
	      PP_ENOTSUP);
	CHECK_MSG(&err, "txt is not modelled");
	CHECK(build(PP_EVLOG_LAUNCH_EMULATED, banks, 1, &log, logbuf, 300, &pcrs, &err) != PP_OK);
	u32 t;
	CHECK(pp_launch_type_parse("emulated", &t) == PP_OK && t == PP_EVLOG_LAUNCH_EMULATED);
	CHECK(pp_launch_type_parse("skinit", &t) == PP_OK && t == PP_EVLOG_LAUNCH_SKINIT);
	CHECK(pp_launch_type_parse("bogus", &t) != PP_OK);
}

TEST(refgen_json)
{
	struct pp_evlog log;
	struct pp_err err = {0, ""};
	char *js = NULL, want[512];
	size_t n = 0;
	fill();
	st_le16(sl + 2, 200);
	REQUIRE(build(PP_EVLOG_LAUNCH_EMULATED, all_banks, 4, &log, logbuf, sizeof(logbuf), &pcrs,
		      &err) == PP_OK);
	FILE *f = open_memstream(&js, &n);
	REQUIRE(f);
	int rc = rg_write_json(f, logbuf, log.len, "parapet", &err);
	fclose(f);
	REQUIRE(rc == PP_OK);
	CHECK(strstr(js, "\"schema\": \"parapet-reference-v1\""));
	CHECK(strstr(js, "\"launch_type\": \"emulated\""));
	CHECK(strstr(js, "\"banks\": [\"sha1\", \"sha256\", \"sha384\", \"sha512\"]"));
	CHECK(strstr(js, "\"event_count\": 10"));
	CHECK(strstr(js, "\"name\": \"modules\""));
	/* the verdict, last: "enforced: policy" */
	CHECK(strstr(js, "\"pcr\": 18, \"type\": \"0x60a\", \"name\": \"policy-verdict\", "
			 "\"data_hex\": \"656e666f726365643a20706f6c696379\""));
	/* every bank's PCR 17-19 as replayed, under its name, whole */
	for (u32 k = 0; k < 4; k++) {
		u32 sz = (u32)EVP_MD_get_size(md(all_banks[k]));
		char *p = want;
		p += sprintf(p, "\"%s\": { ", pp_evlog_alg_name(all_banks[k]));
		for (u32 r = 17; r <= 19; r++) {
			p += sprintf(p, "%s\"%u\": \"", r > 17 ? ", " : "", r);
			for (u32 i = 0; i < sz; i++)
				p += sprintf(p, "%02x", pcrs.bank[k].pcr[r][i]);
			p += sprintf(p, "\"");
		}
		CHECK(strstr(js, want));
	}
	/* the DRTM start's data: "SLB" + u32 LE 200 */
	CHECK(strstr(
	    js, "\"type\": \"0x600\", \"name\": \"drtm-start\", \"data_hex\": \"534c42c8000000\""));
	CHECK(strstr(js, "\"type\": \"0x003\", \"name\": \"launch-marker\""));
	CHECK(strstr(
	    js,
	    "\"pcr\": 19, \"type\": \"0x605\", \"name\": \"pd\", \"data_hex\": \"616c706861\""));
	free(js);
}

/* The real image/grub.cfg: both entries parse, and differ by export-logs only. */
TEST(refgen_image_grubcfg)
{
	static struct rg_entry a, b;
	struct pp_err err = {0, ""};
	static char text[16384];
	FILE *f = fopen("image/grub.cfg", "r");
	REQUIRE(f);
	size_t n = fread(text, 1, sizeof(text), f);
	fclose(f);
	REQUIRE(rg_grubcfg_entry(text, n, "parapet", &a, &err) == PP_OK);
	REQUIRE(rg_grubcfg_entry(text, n, "export", &b, &err) == PP_OK);
	REQUIRE(a.nmod == b.nmod);
	CHECK(!strcmp(a.mod[0].arg, "console=com1"));
	CHECK(!strcmp(b.mod[0].arg, "console=com1 export-logs"));
	for (u32 i = 1; i < a.nmod; i++)
		CHECK(a.mod[i].role == b.mod[i].role && !strcmp(a.mod[i].arg, b.mod[i].arg) &&
		      !strcmp(a.mod[i].path, b.mod[i].path));
}
