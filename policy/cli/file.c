// SPDX-License-Identifier: GPL-2.0-only
/* Whole-file reads and atomic writes for `parapet policy` (cli.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "policy/cli/cli.h"

int pol_cli_read_file(const char *path, size_t max, unsigned char **buf, size_t *len, char *msg,
		      size_t msglen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		return -1;
	}
	unsigned char *b = malloc(max + 1);
	if (!b) {
		fclose(f);
		snprintf(msg, msglen, "%s: out of memory", path);
		return -1;
	}
	size_t n = fread(b, 1, max + 1, f);
	int bad = ferror(f);
	fclose(f);
	if (bad || n > max) {
		free(b);
		snprintf(msg, msglen, bad ? "%s: read error" : "%s: larger than %zu bytes", path,
			 max);
		return -1;
	}
	*buf = b;
	*len = n;
	return 0;
}

int pol_cli_write_file(const char *path, const void *buf, size_t len, char *msg, size_t msglen)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	if (!tmp) {
		snprintf(msg, msglen, "%s: out of memory", path);
		return -1;
	}
	snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(msg, msglen, "%s: cannot create a temporary file: %s", path,
			 strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp makes 0600: give the file the mode open(2) would (0666 & ~umask). */
	mode_t mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	FILE *f = fdopen(fd, "wb");
	int ok = f && fwrite(buf, 1, len, f) == len;
	ok = f && !fclose(f) && ok;
	if (!f)
		close(fd);
	if (!ok || rename(tmp, path)) {
		snprintf(msg, msglen, "%s: write failed: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
