/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host transport for the TPM 2.0 command layer: a private swtpm over its
 * UnixIO sockets. The data socket carries raw TPM commands/responses; the
 * control socket carries swtpm's control-channel commands (big-endian u32
 * code + payload, answered by a big-endian u32 result; swtpm's
 * tpm_ioctl.h): CMD_INIT (2), CMD_SET_LOCALITY (5, u8 locality).
 */
#ifndef PARAPET_TESTS_SWTPM_XPORT_H
#define PARAPET_TESTS_SWTPM_XPORT_H

#include <parapet/tpm2.h>

#define SWTPM_CMD_INIT 2u
#define SWTPM_CMD_SET_LOCALITY 5u

struct swtpm_conn {
	int data_fd;
	int ctrl_fd;
	u32 io_timeout_ms; /* per read/write wait on a socket */
	/* Test hook: when set, transmit returns these bytes instead of the
	 * TPM's response (the command is still sent and its answer read). */
	const u8 *fake_rsp;
	size_t fake_rsp_len;
};

int swtpm_connect(struct swtpm_conn *c, const char *data_path, const char *ctrl_path,
		  struct pp_err *err);
void swtpm_close(struct swtpm_conn *c);
/* Control channel command with a payload; *result = swtpm's u32 result. */
int swtpm_ctrl(struct swtpm_conn *c, u32 cmd, const u8 *payload, size_t len, u32 *result,
	       struct pp_err *err);

extern const struct tpm2_transport_ops swtpm_transport;

#endif
