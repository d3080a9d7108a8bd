/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A policy slot's file (docs/policy-update.md, "parapet policy install"):
 * the FAT file system at a byte offset of a disk image or block device,
 * holding `/policy-a.bin` (slot a) or `/policy-b.bin` (slot b). Access goes
 * through mtools (mdir, mcopy, mdel, mren; a Debian build dependency),
 * spawned with an argument vector (posix_spawnp, never a shell) on
 * `IMAGE@@OFFSET`, with MTOOLS_SKIP_CHECK=1, stdin from /dev/null (no
 * prompt can wait) and local files in a private directory under $TMPDIR.
 */
#ifndef PARAPET_POLICY_CLI_SLOTFS_H
#define PARAPET_POLICY_CLI_SLOTFS_H

#include <stdbool.h>
#include <stddef.h>
#include <parapet/types.h>

struct slotfs {
	const char *image;
	u64 offset;  /* the slot partition's first byte */
	char letter; /* 'a' or 'b' */
};

/*
 * Read the slot's file (at most max bytes) into a malloc'd *buf. 0 with
 * *present false when the file system holds no such file; -1 with msg when
 * the file system or the file cannot be read (msg: mtools' first line).
 */
int slotfs_read(const struct slotfs *s, size_t max, u8 **buf, size_t *len, bool *present, char *msg,
		size_t msglen);

/*
 * Replace the slot's file with buf: copy to `/policy-X.new`, delete the old
 * file, rename the new one into place, then read it back and compare. 0, or
 * -1 with msg naming the step that failed.
 */
int slotfs_write(const struct slotfs *s, const u8 *buf, size_t len, char *msg, size_t msglen);

#endif
