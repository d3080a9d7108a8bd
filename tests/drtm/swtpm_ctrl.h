/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * swtpm's control channel, the commands the DRTM harness injects (swtpm's
 * tpm_ioctl.h, man swtpm_ioctl): a big-endian u32 command code and its
 * payload; every answer used here is a big-endian u32 result (0 = success).
 *   CMD_SET_LOCALITY 5  payload u8 locality
 *   CMD_HASH_START   6  no payload
 *   CMD_HASH_DATA    7  payload u32 BE length + that many bytes (<= 4096)
 *   CMD_HASH_END     8  no payload
 *   CMD_SET_DATAFD  16  no payload; the data socket passed with SCM_RIGHTS
 * HASH_START..HASH_END is the TPM's _TPM_Hash_Start/_Data/_End: PCR17 :=
 * H(0^n || H(data)) in every bank, PCR18-22 := 0 (what SKINIT does).
 */
#ifndef PARAPET_TESTS_DRTM_SWTPM_CTRL_H
#define PARAPET_TESTS_DRTM_SWTPM_CTRL_H

#include <stddef.h>
#include <stdio.h>
#include <parapet/err.h>
#include <parapet/types.h>

#define PTM_CMD_INIT 2u
#define PTM_CMD_SET_LOCALITY 5u
#define PTM_CMD_HASH_START 6u
#define PTM_CMD_HASH_DATA 7u
#define PTM_CMD_HASH_END 8u
#define PTM_CMD_SET_DATAFD 16u
#define PTM_HASH_DATA_MAX 4096u /* ptm_hdata data[] size */
#define PTM_HASH_CHUNK 2048u	/* what the harness sends per HASH_DATA */
#define PTM_CTRL_TIMEOUT_MS 5000

/* One command with a u32 result; PP_EDEVICE if the result is non-zero. */
int ptm_ctrl_cmd(int fd, u32 cmd, const u8 *payload, size_t len, const char *what,
		 struct pp_err *err);

/*
 * The CPU's part of SKINIT on swtpm: SET_LOCALITY 4, HASH_START,
 * HASH_DATA in PTM_HASH_CHUNK pieces, HASH_END, then SET_LOCALITY
 * restore_loc (also after a failure, best effort). Each step is logged.
 */
int ptm_drtm_hash(int fd, const u8 *data, size_t len, u8 restore_loc, FILE *log,
		  struct pp_err *err);

#endif
