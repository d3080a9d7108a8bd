// SPDX-License-Identifier: GPL-2.0-only
/* A policy slot's file through mtools (slotfs.h). */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/wait.h>
#include "policy/cli/cli.h"
#include "policy/cli/slotfs.h"

extern char **environ;

#define SLOTFS_ERR_MAX 256

/* A private directory under $TMPDIR for the local side of each copy. */
struct tmpdir {
	char dir[256];
	char path[320];
};

static int tmp_open(struct tmpdir *t, char *msg, size_t msglen)
{
	const char *base = getenv("TMPDIR");
	/* start from zeros: cppcheck's CTU check cannot tell that snprintf only writes *t */
	*t = (struct tmpdir){0};
	snprintf(t->dir, sizeof(t->dir), "%s/parapet-slot.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(t->dir)) {
		snprintf(msg, msglen, "cannot create a directory under %s: %s",
			 base && *base ? base : "/tmp", strerror(errno));
		return -1;
	}
	return 0;
}

static const char *tmp_file(struct tmpdir *t, const char *name)
{
	snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
	return t->path;
}

static void tmp_close(struct tmpdir *t)
{
	static const char *const names[] = {"list", "out", "new"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(tmp_file(t, names[i]));
	rmdir(t->dir);
}

/*
 * Run an mtools command: stdin /dev/null, stdout to out_path (or
 * /dev/null), stderr collected. 0 when it exited 0; else -1 with msg:
 * "TOOL: its first stderr line" (or how it ended).
 */
static int run(const char *const argv[], const char *out_path, char *msg, size_t msglen)
{
	posix_spawn_file_actions_t fa;
	char err[SLOTFS_ERR_MAX];
	size_t elen = 0;
	int pfd[2], status = 0, rc = -1;
	pid_t pid;

	if (pipe(pfd)) {
		snprintf(msg, msglen, "%s: pipe: %s", argv[0], strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out_path ? out_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 2);
	posix_spawn_file_actions_addclose(&fa, pfd[0]);
	posix_spawn_file_actions_addclose(&fa, pfd[1]);
	int e = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pfd[1]);
	if (e) {
		close(pfd[0]);
		snprintf(msg, msglen, "cannot run %s: %s (install mtools)", argv[0], strerror(e));
		return -1;
	}
	for (;;) { /* keep the first bytes, drain the rest */
		char chunk[512];
		ssize_t n = read(pfd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		size_t take =
		    (size_t)n < sizeof(err) - 1 - elen ? (size_t)n : sizeof(err) - 1 - elen;
		memcpy(err + elen, chunk, take);
		elen += take;
	}
	close(pfd[0]);
	err[elen] = 0;
	err[strcspn(err, "\n")] = 0;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			snprintf(msg, msglen, "%s: waitpid: %s", argv[0], strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		rc = 0;
	else if (WIFEXITED(status))
		snprintf(msg, msglen, "%s: %s", argv[0], err[0] ? err : "failed without a message");
	else
		snprintf(msg, msglen, "%s: killed by signal %d", argv[0],
			 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return rc;
}

/* "IMAGE@@OFFSET" and the file names of slot s. */
struct names {
	char image[4096 + 32];
	char file[32]; /* ::/policy-X.bin */
	char base[16]; /* policy-X.bin */
	char next[32]; /* ::/policy-X.new */
};

static int names_of(const struct slotfs *s, struct names *n, char *msg, size_t msglen)
{
	if (strstr(s->image, "@@") || strlen(s->image) > 4096) {
		snprintf(msg, msglen, "%s: a path with \"@@\" cannot be named to mtools", s->image);
		return -1;
	}
	snprintf(n->image, sizeof(n->image), "%s@@%llu", s->image, (unsigned long long)s->offset);
	snprintf(n->base, sizeof(n->base), "policy-%c.bin", s->letter);
	snprintf(n->file, sizeof(n->file), "::/%s", n->base);
	snprintf(n->next, sizeof(n->next), "::/policy-%c.new", s->letter);
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	return 0;
}

/* Whether the root directory lists file (mdir -b: one "::/NAME" a line). */
static int has_file(const struct names *n, struct tmpdir *t, const char *file, bool *present,
		    char *msg, size_t msglen)
{
	const char *const argv[] = {"mdir", "-b", "-i", n->image, "::/", NULL};
	char line[512];
	const char *list = tmp_file(t, "list");
	if (run(argv, list, msg, msglen))
		return -1;
	FILE *f = fopen(list, "r");
	if (!f) {
		snprintf(msg, msglen, "%s: %s", list, strerror(errno));
		return -1;
	}
	*present = false;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!strcasecmp(line, file))
			*present = true;
	}
	fclose(f);
	return 0;
}

static int read_in(const struct names *n, struct tmpdir *t, size_t max, u8 **buf, size_t *len,
		   bool *present, char *msg, size_t msglen)
{
	if (has_file(n, t, n->file, present, msg, msglen))
		return -1;
	if (!*present)
		return 0;
	const char *out = tmp_file(t, "out");
	unlink(out);
	const char *const argv[] = {"mcopy", "-n", "-i", n->image, n->file, out, NULL};
	if (run(argv, NULL, msg, msglen))
		return -1;
	return pol_cli_read_file(out, max, buf, len, msg, msglen);
}

int slotfs_read(const struct slotfs *s, size_t max, u8 **buf, size_t *len, bool *present, char *msg,
		size_t msglen)
{
	struct names n;
	struct tmpdir t;
	if (names_of(s, &n, msg, msglen) || tmp_open(&t, msg, msglen))
		return -1;
	int rc = read_in(&n, &t, max, buf, len, present, msg, msglen);
	tmp_close(&t);
	return rc;
}

static int write_local(const char *path, const u8 *buf, size_t len, char *msg, size_t msglen)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fwrite(buf, 1, len, f) != len) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	/* fclose releases the stream even when it fails: never close it twice */
	if (fclose(f)) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int write_out(const struct names *n, struct tmpdir *t, const u8 *buf, size_t len, char *msg,
		     size_t msglen)
{
	char step[POL_CLI_MSG_MAX];
	bool present = false;
	u8 *back = NULL;
	size_t blen = 0;
	const char *local = tmp_file(t, "new");
	if (write_local(local, buf, len, msg, msglen))
		return -1;
	/* -D o: overwrite a stale policy-X.new left by an interrupted install */
	const char *const cp[] = {"mcopy", "-n", "-D", "o", "-i", n->image, local, n->next, NULL};
	if (run(cp, NULL, step, sizeof(step))) {
		snprintf(msg, msglen, "copying to %s: %s", n->next, step);
		return -1;
	}
	if (has_file(n, t, n->file, &present, step, sizeof(step))) {
		snprintf(msg, msglen, "listing the slot: %s", step);
		return -1;
	}
	const char *const del[] = {"mdel", "-i", n->image, n->file, NULL};
	if (present && run(del, NULL, step, sizeof(step))) {
		snprintf(msg, msglen, "deleting %s: %s", n->file, step);
		return -1;
	}
	const char *const ren[] = {"mren", "-i", n->image, n->next, n->base, NULL};
	if (run(ren, NULL, step, sizeof(step))) {
		snprintf(msg, msglen, "renaming %s to %s: %s", n->next, n->base, step);
		return -1;
	}
	if (read_in(n, t, len + 1, &back, &blen, &present, step, sizeof(step))) {
		snprintf(msg, msglen, "reading %s back: %s", n->file, step);
		return -1;
	}
	int same = present && blen == len && !memcmp(back, buf, len);
	free(back);
	if (!same) {
		snprintf(msg, msglen,
			 "%s read back differs from what was written (%zu of %zu bytes)", n->file,
			 blen, len);
		return -1;
	}
	return 0;
}

int slotfs_write(const struct slotfs *s, const u8 *buf, size_t len, char *msg, size_t msglen)
{
	struct names n;
	struct tmpdir t;
	if (names_of(s, &n, msg, msglen) || tmp_open(&t, msg, msglen))
		return -1;
	int rc = write_out(&n, &t, buf, len, msg, msglen);
	tmp_close(&t);
	return rc;
}
