// SPDX-License-Identifier: GPL-2.0-only
/*
 * `parapet attest serve --hosts FILE --db DB --interval SEC [--reference
 * FILE] [--accept-launch LIST] [--once]` and `parapet attest status --db
 * DB` (docs/attestation.md, "Serving"): rounds of challenges (challenge.c,
 * the same judging as verify) over the hosts of FILE (lines `NAME ADDR`,
 * blank lines and `#` comments skipped), each host's last verdict, time,
 * failure ids and clock state kept in DB (hosts.c), the status table
 * printed after each round. A host that gives no evidence (agent down,
 * not enrolled) is recorded as `no-evidence` with the reason. SIGINT or
 * SIGTERM end the loop after the current host. --once: one round, exit 0
 * if every host of it affirms, 1 otherwise.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "attest/verifier/challenge.h"
#include "attest/verifier/cli_common.h"
#include "attest/verifier/online.h"
#include "tools/parapet/dispatch.h"

static const char serve_usage[] =
    "usage: parapet attest serve --hosts FILE --db DB --interval SEC\n"
    "                            [--reference FILE] [--accept-launch LIST] [--once]\n"
    "       parapet attest status --db DB\n"
    "\n"
    "Challenge every host of FILE (lines NAME ADDR) every SEC seconds, keeping each\n"
    "one's last verdict in DB; print the status table after each round.\n"
    "  --once    one round; exit 0 if every host affirms, 1 otherwise\n";

#define SERVE_MAX_HOSTS 256u

struct target {
	char name[128];
	char addr[256];
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int load_hosts(const char *path, struct target *t, u32 *n)
{
	char line[512], extra[2];
	u32 lineno = 0;
	FILE *f = fopen(path, "r");
	*n = 0;
	if (!f)
		return av_cli_usage("serve", "--hosts: cannot open ", path);
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		char *p = line + strspn(line, " \t");
		if (*p == '#' || *p == '\n' || !*p)
			continue;
		if (*n == SERVE_MAX_HOSTS ||
		    sscanf(p, "%127s %255s %1s", t[*n].name, t[*n].addr, extra) != 2) {
			char where[64];
			fclose(f);
			snprintf(where, sizeof(where), " line %u", lineno);
			return av_cli_usage("serve",
					    *n == SERVE_MAX_HOSTS
						? "--hosts: more than 256 hosts, at"
						: "--hosts: not `NAME ADDR` at",
					    where);
		}
		(*n)++;
	}
	fclose(f);
	return *n ? 0 : av_cli_usage("serve", "--hosts: no host in ", path);
}

/* The failure ids of a verdict, comma-separated, each once. */
static void fail_ids(const struct av_result *r, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = 0;
	for (u32 i = 0; i < r->nfail; i++) {
		const char *id = av_fail_name(r->fail[i].id);
		bool seen = false;
		for (u32 k = 0; k < i; k++)
			seen |= r->fail[k].id == r->fail[i].id;
		if (!seen && o + strlen(id) + 2 < cap)
			o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? "," : "", id);
	}
}

/* One round: 0 every host affirmed, 1 not, 2 a database error. */
static int round_once(const struct target *t, u32 n, const struct av_challenge *tmpl)
{
	static struct av_result res;
	char why[AV_MSG_MAX * 2], fails[1024];
	u32 bad = 0;
	FILE *sink = fopen("/dev/null", "w");
	if (!sink)
		return PARAPET_EXIT_USAGE;
	for (u32 i = 0; i < n && !stop; i++) {
		struct av_challenge c = *tmpl;
		const char *status;
		c.host = t[i].name;
		c.agent = t[i].addr;
		why[0] = 0;
		int rc = av_challenge_run(&c, &res, sink, why, sizeof(why));
		if (rc == PARAPET_EXIT_USAGE) {
			status = "no-evidence";
			snprintf(fails, sizeof(fails), "%s", why);
		} else {
			status = av_status_name(av_status_of(&res));
			fail_ids(&res, fails, sizeof(fails));
		}
		if (rc)
			bad++;
		if (av_status_put(c.db, c.host, status, (long long)time(NULL), fails,
				  rc == PARAPET_EXIT_USAGE ? NULL : &res, why, sizeof(why))) {
			fprintf(stderr, "parapet attest serve: %s\n", why);
			fclose(sink);
			return PARAPET_EXIT_USAGE;
		}
	}
	fclose(sink);
	return bad ? 1 : 0;
}

int av_serve_main(int argc, char **argv)
{
	static const struct option opts[] = {{"hosts", required_argument, NULL, 'f'},
					     {"db", required_argument, NULL, 'd'},
					     {"interval", required_argument, NULL, 'i'},
					     {"once", no_argument, NULL, 'o'},
					     AV_JUDGE_OPTIONS,
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	static struct av_judge j;
	static struct target t[SERVE_MAX_HOSTS];
	struct av_challenge c = {.ak_alg = -1};
	const char *hosts = NULL;
	long interval = -1;
	bool once = false;
	char why[AV_MSG_MAX], *end;
	u32 n = 0, nbad = 0;
	int o, rc;
	av_judge_init(&j);
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'f': hosts = optarg; break;
		case 'd': c.db = optarg; break;
		case 'o': once = true; break;
		case 'i':
			interval = strtol(optarg, &end, 10);
			if (*end || end == optarg || interval < 1 || interval > 86400)
				return av_cli_usage("serve",
						    "--interval: not 1 to 86400 seconds: ", optarg);
			break;
		case 'h': fputs(serve_usage, stdout); return 0;
		default:
			rc = av_judge_opt(&j, o, optarg, "serve");
			if (rc == 1)
				return av_cli_usage("serve", "unknown option or missing argument: ",
						    argv[optind - 1]);
			if (rc)
				return rc;
		}
	}
	if (optind < argc)
		return av_cli_usage("serve", "unexpected argument ", argv[optind]);
	if (!hosts || !c.db || (interval < 0 && !once))
		return av_cli_usage("serve",
				    "--hosts, --db and --interval (or --once) are required", "");
	if ((rc = load_hosts(hosts, t, &n)))
		return rc;
	c.refpath = j.refpath;
	c.accept = j.accept;
	av_judge_default_policy_keys(&j);
	c.pol = &j.pol;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	for (;;) {
		rc = round_once(t, n, &c);
		if (rc == PARAPET_EXIT_USAGE)
			return rc;
		if (av_status_print(c.db, stdout, &nbad, why, sizeof(why))) {
			fprintf(stderr, "parapet attest serve: %s\n", why);
			return PARAPET_EXIT_USAGE;
		}
		fflush(stdout);
		if (once || stop)
			return once ? rc : 0;
		for (long s = 0; s < interval && !stop; s++)
			sleep(1);
		if (stop)
			return 0;
		printf("\n");
	}
}

int av_status_main(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const char *db = NULL;
	char why[AV_MSG_MAX];
	u32 nbad = 0;
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'd')
			db = optarg;
		else if (o == 'h')
			return fputs(serve_usage, stdout), 0;
		else
			return av_cli_usage(
			    "status", "unknown option or missing argument: ", argv[optind - 1]);
	}
	if (optind < argc || !db)
		return av_cli_usage("status", "--db DB is required, nothing else", "");
	if (access(db, R_OK))
		return av_cli_usage("status", "--db: cannot read ", db);
	if (av_status_print(db, stdout, &nbad, why, sizeof(why))) {
		fprintf(stderr, "parapet attest status: %s\n", why);
		return PARAPET_EXIT_USAGE;
	}
	return 0;
}
