// SPDX-License-Identifier: GPL-2.0-only
/* swtpm control-channel commands injected by the DRTM harness (swtpm_ctrl.h). */
#include <string.h>
#include <parapet/bytes.h>
#include "tests/drtm/io.h"
#include "tests/drtm/swtpm_ctrl.h"

int ptm_ctrl_cmd(int fd, u32 cmd, const u8 *payload, size_t len, const char *what,
		 struct pp_err *err)
{
	u8 buf[8 + PTM_HASH_DATA_MAX], res[4];
	int rc;

	if (len > sizeof(buf) - 4)
		return pp_fail(err, PP_EINVAL, "%s: payload of %zu bytes", what, len);
	st_be32(buf, cmd);
	if (len)
		memcpy(buf + 4, payload, len);
	rc = dio_write_all(fd, buf, 4 + len, PTM_CTRL_TIMEOUT_MS, err);
	if (!rc)
		rc = dio_read_exact(fd, res, sizeof(res), PTM_CTRL_TIMEOUT_MS, err);
	if (rc) {
		char why[PP_ERR_MSG_MAX];

		snprintf(why, sizeof(why), "%s", err ? err->msg : "I/O error");
		return pp_fail(err, rc, "%s: %s", what, why);
	}
	if (ld_be32(res))
		return pp_fail(err, PP_EDEVICE, "%s: swtpm result 0x%x", what, ld_be32(res));
	return 0;
}

static int set_locality(int fd, u8 loc, FILE *log, struct pp_err *err)
{
	char what[32];
	int rc;

	snprintf(what, sizeof(what), "CMD_SET_LOCALITY(%u)", loc);
	rc = ptm_ctrl_cmd(fd, PTM_CMD_SET_LOCALITY, &loc, 1, what, err);
	if (!rc)
		fprintf(log, "drtm-harness: swtpm %s ok\n", what);
	return rc;
}

int ptm_drtm_hash(int fd, const u8 *data, size_t len, u8 restore_loc, FILE *log, struct pp_err *err)
{
	u8 msg[4 + PTM_HASH_CHUNK];
	size_t off, chunks = 0;
	int rc;

	rc = set_locality(fd, 4, log, err);
	if (rc)
		goto restore;
	rc = ptm_ctrl_cmd(fd, PTM_CMD_HASH_START, NULL, 0, "CMD_HASH_START", err);
	if (rc)
		goto restore;
	fprintf(log, "drtm-harness: swtpm CMD_HASH_START ok\n");
	for (off = 0; off < len; off += PTM_HASH_CHUNK, chunks++) {
		size_t n = len - off < PTM_HASH_CHUNK ? len - off : PTM_HASH_CHUNK;

		st_be32(msg, (u32)n);
		memcpy(msg + 4, data + off, n);
		rc = ptm_ctrl_cmd(fd, PTM_CMD_HASH_DATA, msg, 4 + n, "CMD_HASH_DATA", err);
		if (rc)
			goto restore;
	}
	fprintf(log, "drtm-harness: swtpm CMD_HASH_DATA ok (%zu bytes in %zu chunks)\n", len,
		chunks);
	rc = ptm_ctrl_cmd(fd, PTM_CMD_HASH_END, NULL, 0, "CMD_HASH_END", err);
	if (rc)
		goto restore;
	fprintf(log, "drtm-harness: swtpm CMD_HASH_END ok\n");
restore:
	if (rc)
		fprintf(log, "drtm-harness: error: %s\n", err ? err->msg : "swtpm");
	{
		struct pp_err e2;
		int rc2 = set_locality(fd, restore_loc, log, &e2);
		if (rc2) {
			fprintf(log, "drtm-harness: error: %s\n", e2.msg);
			if (!rc) {
				if (err)
					*err = e2;
				rc = rc2;
			}
		}
	}
	fflush(log);
	return rc;
}
