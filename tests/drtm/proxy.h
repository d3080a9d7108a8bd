/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The swtpm proxy of the DRTM harness. QEMU's TPM emulator backend
 * connects to the proxy's control socket instead of swtpm's; the proxy
 * holds the one control connection swtpm serves and forwards every
 * command and answer both ways. When QEMU hands swtpm its data socket
 * (CMD_SET_DATAFD, fd passed with SCM_RIGHTS), the proxy keeps QEMU's fd,
 * passes swtpm one end of a socketpair of its own and forwards TPM
 * commands and responses between the two, framing responses by their
 * header size field. So, while the VM is paused, the harness can inject
 * control commands (the SKINIT hash sequence) and TPM commands (PCR
 * reads) with nothing of QEMU's in flight, and QEMU never sees them.
 *
 *   QEMU --ctrl--> [proxy] --ctrl--> swtpm
 *   QEMU --data--> [proxy] --data--> swtpm   (after SET_DATAFD)
 */
#ifndef PARAPET_TESTS_DRTM_PROXY_H
#define PARAPET_TESTS_DRTM_PROXY_H

#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <parapet/err.h>
#include <parapet/tpm2.h>
#include <parapet/types.h>

struct proxy {
	const char *swtpm_ctrl_path;
	FILE *log;
	int q_ctrl, s_ctrl; /* QEMU's control connection, ours to swtpm */
	int q_data, s_data; /* QEMU's data socket, our socketpair end to swtpm */
	bool ctrl_pending;  /* a QEMU control command awaits its answer */
	bool data_pending;  /* a QEMU TPM command awaits its response */
	u8 rsp_hdr[TPM2_HDR_SIZE];
	u32 rsp_seen, rsp_size; /* progress of the response being forwarded */
	u8 qemu_locality;	/* last CMD_SET_LOCALITY QEMU sent */
	u32 ctrl_cmds, data_cmds;
	bool closed;	  /* QEMU or swtpm hung up: the harness should end */
	u64 last_traffic; /* dio_now_ms() of the last forwarded bytes */
	u64 quiet_at;	  /* when the last proxy_quiesce succeeded (0: never) */
};

void proxy_init(struct proxy *p, const char *swtpm_ctrl_path, FILE *log);
/* QEMU connected to the proxy's control socket: connect to swtpm. */
int proxy_attach(struct proxy *p, int q_ctrl, struct pp_err *err);
/* Add the proxy's fds to a poll set; returns how many were added. */
int proxy_pollfds(const struct proxy *p, struct pollfd *pfd, int max);
/* Forward whatever is ready on fd (one of the proxy's). */
int proxy_service(struct proxy *p, int fd, struct pp_err *err);
/*
 * Forward until nothing of QEMU's is in flight and nothing has moved for a
 * settle time (at most ms). again: the VM stayed paused since the last
 * successful quiesce, so if nothing moved since, that quiet still counts
 * and it returns at once.
 */
int proxy_quiesce(struct proxy *p, int ms, bool again, struct pp_err *err);
/* TPM transport over the proxy's own data-socket end (quiesced proxy). */
extern const struct tpm2_transport_ops proxy_tpm_transport;
void proxy_close(struct proxy *p);

#endif
