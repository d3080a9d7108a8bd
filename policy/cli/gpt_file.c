// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpt_read_file (gpt.h): the size of a file or block device (BLKGETSIZE64),
 * its LBA 1, then the partition entry array where the header says, each
 * handed to the buffer parsers in gpt.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include "policy/cli/gpt.h"

static int read_at(int fd, u8 *buf, size_t len, u64 off, struct pp_err *err)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = pread(fd, buf + done, len - done, (off_t)(off + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return pp_fail(err, PP_ETRUNC, "cannot read %zu bytes at %llu: %s", len,
				       (unsigned long long)off,
				       n ? strerror(errno) : "end of file");
		done += (size_t)n;
	}
	return PP_OK;
}

int gpt_read_file(const char *path, struct gpt_slots *out, u64 *disk_size, struct pp_err *err)
{
	u8 sector[GPT_SECTOR];
	struct gpt_header h;
	struct stat st;
	u8 *entries = NULL;
	u64 size = 0;
	int rc;

	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return pp_fail(err, PP_ENOENT, "%s", strerror(errno));
	if (fstat(fd, &st)) {
		rc = pp_fail(err, PP_EINVAL, "%s", strerror(errno));
		goto out;
	}
	if (S_ISBLK(st.st_mode)) {
		if (ioctl(fd, BLKGETSIZE64, &size)) {
			rc = pp_fail(err, PP_EINVAL, "BLKGETSIZE64: %s", strerror(errno));
			goto out;
		}
	} else if (S_ISREG(st.st_mode)) {
		size = (u64)st.st_size;
	} else {
		rc = pp_fail(err, PP_EINVAL, "neither a file nor a block device");
		goto out;
	}
	if (size < (u64)(GPT_HEADER_LBA + 1) * GPT_SECTOR) {
		rc = pp_fail(err, PP_ETRUNC, "%llu bytes, too small for a GPT",
			     (unsigned long long)size);
		goto out;
	}
	rc = read_at(fd, sector, sizeof(sector), (u64)GPT_HEADER_LBA * GPT_SECTOR, err);
	if (rc)
		goto out;
	rc = gpt_parse_header(sector, sizeof(sector), size, &h, err);
	if (rc)
		goto out;
	u32 len = gpt_entries_len(&h);
	entries = malloc(len);
	if (!entries) {
		rc = pp_fail(err, PP_ENOMEM, "out of memory");
		goto out;
	}
	rc = read_at(fd, entries, len, gpt_entries_offset(&h), err);
	if (rc)
		goto out;
	rc = gpt_find_slots(&h, entries, len, size, out, err);
	if (!rc)
		*disk_size = size;
out:
	free(entries);
	close(fd);
	return rc;
}
