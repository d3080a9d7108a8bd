// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet policy install IMAGE SIGNED [--slot a|b] [--pubkey PUB ...]`
 * (docs/policy-update.md, "parapet policy install"): write a signed policy
 * into one of the two policy slots of a disk image or block device, as the
 * pending policy the next boot tries.
 *
 * Order: SIGNED checked as the hypervisor checks it (pp_policy_load_signed:
 * framing, key, signature, binary, model rules; the keys built into this
 * build, or the --pubkey ones); the GPT (gpt.c) for the two slot
 * partitions; each slot's file read (slotfs.c) and checked the same way:
 * usable, empty, or not usable and why. The target: --slot, or else the
 * slot not holding the newest usable policy (an empty or unusable slot
 * first, else the lower version; b on a tie). Refused, before anything is
 * written: a version not greater than every usable slot's (the hypervisor
 * would never try it), an epoch below the newest slot's. Then the write
 * (copy, delete, rename, read back). The machine rules are the boot's
 * (they need the target's tables). Exit 0, 1 refused or failed (image
 * unchanged unless the write itself failed), 2 usage error.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/policy_keys.h>
#include <parapet/policy_signed.h>
#include "policy/cli/cli.h"
#include "policy/cli/gpt.h"
#include "policy/cli/polkey.h"
#include "policy/cli/slotfs.h"

#define INSTALL_FILE_MAX (4u << 20)
#define INSTALL_MAX_KEYS 16

static const char install_usage[] =
    "usage: parapet policy install IMAGE SIGNED [--slot a|b] [--pubkey PUB.pem ...]\n"
    "\n"
    "Write a signed policy into a policy slot of IMAGE (a disk image or a block\n"
    "device: GPT partitions parapet-policy-a and parapet-policy-b, FAT, one\n"
    "file each) as the pending policy the next boot tries\n"
    "(docs/policy-update.md). SIGNED and both slots are checked as the\n"
    "hypervisor checks them; SIGNED goes into the slot that does not hold the\n"
    "newest usable policy (an empty or unusable slot first, else the lower\n"
    "version, b on a tie). Refused, and IMAGE left unchanged: a version not\n"
    "greater than every usable slot's, an epoch below the newest slot's.\n"
    "  --slot a|b    write this slot\n"
    "  --pubkey PUB  an accepted public key (PEM); repeatable. Default: the keys\n"
    "                built into this build's hypervisor (keys/README.md)\n"
    "Exit status: 0 written, 1 refused or failed (the reason on stderr), 2 usage\n"
    "error.\n";

enum slot_state { SLOT_EMPTY, SLOT_BAD, SLOT_OK };

struct slot {
	enum slot_state state;
	bool no_fs;		   /* SLOT_BAD: no readable file system (mtools failed) */
	char why[POL_CLI_MSG_MAX]; /* SLOT_BAD */
	char name[PP_POL_NAME_MAX + 1];
	u32 version, epoch;
};

struct keyset {
	struct pol_key file[INSTALL_MAX_KEYS];
	struct pp_pol_key k[INSTALL_MAX_KEYS];
	u32 n;
};

static int fail(const char *fmt, ...) PP_PRINTF(1, 2);
static int fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "parapet policy install: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return POL_EXIT_FAIL;
}

/* pp_policy_load_signed on buf; 0 with the summary in *s, or -1 with why. */
static int check_signed(const u8 *buf, size_t len, const struct keyset *ks, struct slot *s)
{
	static struct pp_policy pol;
	struct pp_polsig_result res;
	static const char *const stage[] = {"", "framing", "key", "signature", "binary", "rule"};

	if (len > INSTALL_FILE_MAX) {
		snprintf(s->why, sizeof(s->why), "larger than %u bytes", INSTALL_FILE_MAX);
		return -1;
	}
	if (pp_policy_load_signed(buf, (u32)len, ks->k, ks->n, &pol, &res)) {
		if (res.stage == PP_POLSIG_RULES)
			snprintf(s->why, sizeof(s->why), "rule %s: %s",
				 pp_pol_rule_name(res.why.rule), res.why.err.msg);
		else
			snprintf(s->why, sizeof(s->why), "%s: %s",
				 res.stage <= PP_POLSIG_BINARY ? stage[res.stage] : "?",
				 res.why.err.msg);
		return -1;
	}
	snprintf(s->name, sizeof(s->name), "%s", pol.name);
	s->version = pol.version;
	s->epoch = pol.epoch;
	return 0;
}

static void read_slot(const char *image, const struct gpt_part *p, char letter,
		      const struct keyset *ks, struct slot *s)
{
	struct slotfs fs = {image, p->offset, letter};
	u8 *buf = NULL;
	size_t len = 0;
	bool present = false;

	memset(s, 0, sizeof(*s));
	if (slotfs_read(&fs, INSTALL_FILE_MAX, &buf, &len, &present, s->why, sizeof(s->why))) {
		s->state = SLOT_BAD;
		s->no_fs = true;
		return;
	}
	if (!present || len == 0)
		s->state = SLOT_EMPTY;
	else
		s->state = check_signed(buf, len, ks, s) ? SLOT_BAD : SLOT_OK;
	free(buf);
}

static void describe(const struct slot *s, char *out, size_t n)
{
	if (s->state == SLOT_OK)
		snprintf(out, n, "\"%s\" version %u epoch %u", s->name, s->version, s->epoch);
	else if (s->state == SLOT_EMPTY)
		snprintf(out, n, "empty");
	else
		snprintf(out, n, "not usable: %s", s->why);
}

/* The slot to write: the one not holding the newest usable policy. */
static int pick(const struct slot sl[2])
{
	bool ua = sl[0].state == SLOT_OK, ub = sl[1].state == SLOT_OK;
	if (ua != ub)
		return ua ? 1 : 0;
	if (ua && sl[0].version < sl[1].version)
		return 0;
	return 1; /* a tie, both usable or neither: b */
}

/* Refuse what the hypervisor would never try; 0 or -1 with msg. */
static int admissible(const struct slot *in, const struct slot sl[2], char *msg, size_t n)
{
	int newest = -1;
	for (int i = 0; i < 2; i++) {
		if (sl[i].state != SLOT_OK)
			continue;
		if (in->version <= sl[i].version) {
			snprintf(
			    msg, n,
			    "version %u is not greater than slot %c's version %u (\"%s\"): the "
			    "hypervisor would never try it; image unchanged",
			    in->version, 'a' + i, sl[i].version, sl[i].name);
			return -1;
		}
		if (newest < 0 || sl[i].version > sl[newest].version ||
		    (sl[i].version == sl[newest].version && sl[i].epoch > sl[newest].epoch))
			newest = i;
	}
	if (newest >= 0 && in->epoch < sl[newest].epoch) {
		snprintf(msg, n,
			 "epoch %u is below the newest slot's (slot %c: version %u epoch %u): the "
			 "rollback floor would refuse it; image unchanged",
			 in->epoch, 'a' + newest, sl[newest].version, sl[newest].epoch);
		return -1;
	}
	return 0;
}

static void builtin_keys(struct keyset *ks)
{
	for (u32 i = 0; i < pp_pol_n_keys && ks->n < INSTALL_MAX_KEYS; i++)
		ks->k[ks->n++] = pp_pol_keys[i];
}

static int install(const char *image, const char *signed_path, int want, const struct keyset *ks)
{
	struct gpt_slots gs;
	struct pp_err err = {0, ""};
	struct slot in, sl[2];
	char msg[POL_CLI_MSG_MAX], d[POL_CLI_MSG_MAX];
	u64 disk_size;
	u8 *buf;
	size_t len;

	if (pol_cli_read_file(signed_path, INSTALL_FILE_MAX, &buf, &len, msg, sizeof(msg)))
		return fail("%s", msg);
	memset(&in, 0, sizeof(in));
	if (check_signed(buf, len, ks, &in)) {
		free(buf);
		return fail("%s: refused: %s", signed_path, in.why);
	}
	if (gpt_read_file(image, &gs, &disk_size, &err)) {
		free(buf);
		return fail("%s: %s", image, err.msg);
	}
	for (int i = 0; i < 2; i++)
		read_slot(image, &gs.slot[i], (char)('a' + i), ks, &sl[i]);
	int to = want >= 0 ? want : pick(sl);
	if (admissible(&in, sl, msg, sizeof(msg))) {
		free(buf);
		return fail("%s: refused: %s", signed_path, msg);
	}
	if (sl[to].no_fs) {
		free(buf);
		return fail("%s: refused: slot %c (partition %u) cannot be written: %s; image "
			    "unchanged",
			    image, 'a' + to, gs.slot[to].index, sl[to].why);
	}
	struct slotfs fs = {image, gs.slot[to].offset, (char)('a' + to)};
	int rc = slotfs_write(&fs, buf, len, msg, sizeof(msg));
	free(buf);
	if (rc)
		return fail("%s: writing slot %c failed: %s; the slot may be left empty or "
			    "partial (the other slot is untouched)",
			    image, 'a' + to, msg);
	for (int i = 0; i < 2; i++) {
		describe(&sl[i], d, sizeof(d));
		printf("install: slot %c: %s (%s)\n", 'a' + i, d, i == to ? "replaced" : "kept");
	}
	printf("install: %s written to slot %c: pending; the next boot tries it "
	       "(docs/policy-update.md)\n",
	       signed_path, 'a' + to);
	return POL_EXIT_OK;
}

int pol_cmd_install(int argc, char **argv)
{
	static const struct option opts[] = {{"slot", required_argument, NULL, 's'},
					     {"pubkey", required_argument, NULL, 'p'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	static struct keyset ks;
	char msg[POL_CLI_MSG_MAX];
	int c, want = -1;

	memset(&ks, 0, sizeof(ks));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (strcmp(optarg, "a") != 0 && strcmp(optarg, "b") != 0)
				return pol_cli_usage_error("install", "--slot takes a or b");
			want = optarg[0] - 'a';
			break;
		case 'p':
			if (ks.n == INSTALL_MAX_KEYS)
				return pol_cli_usage_error("install",
							   "too many --pubkey (at most 16)");
			if (pol_key_load_pub(optarg, &ks.file[ks.n], msg, sizeof(msg)))
				return pol_cli_usage_error("install", msg);
			ks.k[ks.n].role = ks.file[ks.n].label;
			memcpy(ks.k[ks.n].id, ks.file[ks.n].id, PP_POL_KEY_ID_LEN);
			memcpy(ks.k[ks.n].pub, ks.file[ks.n].pub, PP_ED25519_PUB_LEN);
			ks.n++;
			break;
		case 'h': fputs(install_usage, stdout); return POL_EXIT_OK;
		default:
			return pol_cli_usage_error("install", "unknown option or missing argument");
		}
	}
	if (optind != argc - 2)
		return pol_cli_usage_error("install", "expected IMAGE and SIGNED");
	if (!ks.n)
		builtin_keys(&ks);
	return install(argv[optind], argv[optind + 1], want, &ks);
}
