// SPDX-License-Identifier: GPL-2.0-only
/* swtpm control/data proxy of the DRTM harness (proxy.h). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <parapet/bytes.h>
#include "tests/drtm/io.h"
#include "tests/drtm/proxy.h"
#include "tests/drtm/swtpm_ctrl.h"

#define FWD_TIMEOUT_MS 5000
#define BUF_SIZE 16384
#define SETTLE_MS 30

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void proxy_init(struct proxy *p, const char *swtpm_ctrl_path, FILE *log)
{
	memset(p, 0, sizeof(*p));
	p->swtpm_ctrl_path = swtpm_ctrl_path;
	p->log = log;
	p->q_ctrl = p->s_ctrl = p->q_data = p->s_data = -1;
}

void proxy_close(struct proxy *p)
{
	close_fd(&p->q_ctrl);
	close_fd(&p->s_ctrl);
	close_fd(&p->q_data);
	close_fd(&p->s_data);
}

int proxy_attach(struct proxy *p, int q_ctrl, struct pp_err *err)
{
	int fd = dio_connect(p->swtpm_ctrl_path, err);

	if (fd < 0)
		return fd;
	p->q_ctrl = q_ctrl;
	p->s_ctrl = fd;
	fprintf(p->log, "drtm-harness: proxy: QEMU connected, forwarding to swtpm %s\n",
		p->swtpm_ctrl_path);
	return 0;
}

int proxy_pollfds(const struct proxy *p, struct pollfd *pfd, int max)
{
	const int fds[] = {p->q_ctrl, p->s_ctrl, p->q_data, p->s_data};
	int n = 0;

	for (unsigned i = 0; i < sizeof(fds) / sizeof(fds[0]) && n < max; i++)
		if (fds[i] >= 0)
			pfd[n++] = (struct pollfd){.fd = fds[i], .events = POLLIN};
	return n;
}

static void hangup(struct proxy *p, const char *who)
{
	fprintf(p->log, "drtm-harness: proxy: %s closed the connection\n", who);
	p->closed = true;
}

/* QEMU handed swtpm its data socket: put a socketpair of ours in between. */
static int interpose_data(struct proxy *p, int qemu_fd, int *to_swtpm, struct pp_err *err)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return pp_fail(err, PP_EDEVICE, "socketpair: %s", strerror(errno));
	close_fd(&p->q_data);
	close_fd(&p->s_data);
	p->q_data = qemu_fd;
	p->s_data = sv[0];
	*to_swtpm = sv[1];
	p->data_pending = false;
	p->rsp_seen = 0;
	fprintf(p->log, "drtm-harness: proxy: CMD_SET_DATAFD: data channel interposed\n");
	return 0;
}

static int from_qemu_ctrl(struct proxy *p, struct pp_err *err)
{
	static u8 buf[BUF_SIZE];
	int fds[DIO_MAX_FDS], nfds, out_fd = -1, rc;
	long n = dio_recv_fds(p->q_ctrl, buf, sizeof(buf), fds, &nfds);

	if (n < 0)
		return pp_fail(err, PP_EDEVICE, "proxy: recv from QEMU: %s", strerror(errno));
	if (n == 0) {
		for (int i = 0; i < nfds; i++)
			close(fds[i]);
		hangup(p, "QEMU (control)");
		return 0;
	}
	if (!p->ctrl_pending && n >= 4) {
		u32 cmd = ld_be32(buf);

		p->ctrl_cmds++;
		fprintf(p->log, "drtm-harness: proxy: QEMU control command %u (%ld bytes%s)\n", cmd,
			n, nfds ? ", with fd" : "");
		if (cmd == PTM_CMD_SET_LOCALITY && n >= 5)
			p->qemu_locality = buf[4];
		if (cmd == PTM_CMD_SET_DATAFD && nfds == 1) {
			rc = interpose_data(p, fds[0], &out_fd, err);
			if (rc) {
				close(fds[0]);
				return rc;
			}
			fds[0] = out_fd;
		}
	}
	rc = dio_send_fds(p->s_ctrl, buf, (size_t)n, fds, nfds, FWD_TIMEOUT_MS, err);
	for (int i = 0; i < nfds; i++)
		if (fds[i] != p->q_data)
			close(fds[i]);
	p->ctrl_pending = true;
	return rc;
}

static int from_swtpm_ctrl(struct proxy *p, struct pp_err *err)
{
	u8 buf[BUF_SIZE];
	ssize_t n = recv(p->s_ctrl, buf, sizeof(buf), 0);

	if (n < 0)
		return errno == EINTR ? 0
				      : pp_fail(err, PP_EDEVICE, "proxy: recv from swtpm: %s",
						strerror(errno));
	if (n == 0) {
		hangup(p, "swtpm (control)");
		return 0;
	}
	p->ctrl_pending = false;
	return dio_write_all(p->q_ctrl, buf, (size_t)n, FWD_TIMEOUT_MS, err);
}

static int from_qemu_data(struct proxy *p, struct pp_err *err)
{
	u8 buf[BUF_SIZE];
	ssize_t n = recv(p->q_data, buf, sizeof(buf), 0);

	if (n < 0)
		return errno == EINTR ? 0
				      : pp_fail(err, PP_EDEVICE, "proxy: recv from QEMU data: %s",
						strerror(errno));
	if (n == 0) {
		fprintf(p->log, "drtm-harness: proxy: QEMU closed the data channel\n");
		close_fd(&p->q_data);
		close_fd(&p->s_data);
		p->data_pending = false;
		return 0;
	}
	if (!p->data_pending) {
		p->data_cmds++;
		p->rsp_seen = 0;
	}
	p->data_pending = true;
	return dio_write_all(p->s_data, buf, (size_t)n, FWD_TIMEOUT_MS, err);
}

/* Follow the response's header size field to see where it ends. */
static void track_response(struct proxy *p, const u8 *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p->rsp_seen < TPM2_HDR_SIZE)
			p->rsp_hdr[p->rsp_seen] = b[i];
		p->rsp_seen++;
		if (p->rsp_seen == 6)
			p->rsp_size = ld_be32(p->rsp_hdr + 2);
		if (p->rsp_seen >= 6 && p->rsp_seen >= p->rsp_size) {
			if (p->rsp_size < TPM2_HDR_SIZE)
				fprintf(p->log, "drtm-harness: proxy: odd response size %u\n",
					p->rsp_size);
			p->data_pending = false;
			p->rsp_seen = 0;
		}
	}
}

static int from_swtpm_data(struct proxy *p, struct pp_err *err)
{
	u8 buf[BUF_SIZE];
	ssize_t n = recv(p->s_data, buf, sizeof(buf), 0);

	if (n < 0)
		return errno == EINTR ? 0
				      : pp_fail(err, PP_EDEVICE, "proxy: recv from swtpm data: %s",
						strerror(errno));
	if (n == 0) {
		fprintf(p->log, "drtm-harness: proxy: swtpm closed the data channel\n");
		close_fd(&p->q_data);
		close_fd(&p->s_data);
		p->data_pending = false;
		return 0;
	}
	track_response(p, buf, (size_t)n);
	if (p->q_data < 0)
		return 0;
	return dio_write_all(p->q_data, buf, (size_t)n, FWD_TIMEOUT_MS, err);
}

int proxy_service(struct proxy *p, int fd, struct pp_err *err)
{
	if (fd < 0)
		return 0;
	p->last_traffic = dio_now_ms();
	if (fd == p->q_ctrl)
		return from_qemu_ctrl(p, err);
	if (fd == p->s_ctrl)
		return from_swtpm_ctrl(p, err);
	if (fd == p->q_data)
		return from_qemu_data(p, err);
	if (fd == p->s_data)
		return from_swtpm_data(p, err);
	return 0;
}

int proxy_quiesce(struct proxy *p, int ms, bool again, struct pp_err *err)
{
	u64 deadline = dio_now_ms() + (u64)ms, quiet_since = dio_now_ms();

	/* The last quiesce saw SETTLE_MS of quiet before quiet_at. */
	if (again && p->quiet_at && p->last_traffic <= p->quiet_at)
		quiet_since = p->quiet_at - SETTLE_MS;

	for (;;) {
		struct pollfd pfd[4];
		int n = proxy_pollfds(p, pfd, 4), r;
		u64 now = dio_now_ms();

		if (p->closed)
			return pp_fail(err, PP_EDEVICE, "proxy: connection closed");
		if (!p->ctrl_pending && !p->data_pending && now - quiet_since >= SETTLE_MS) {
			p->quiet_at = now;
			return 0;
		}
		if (now >= deadline)
			return pp_fail(err, PP_ETIMEOUT,
				       "proxy: QEMU's %s command still in flight after %d ms",
				       p->ctrl_pending ? "control" : "TPM", ms);
		r = poll(pfd, (nfds_t)n, 10);
		if (r < 0 && errno != EINTR)
			return pp_fail(err, PP_EDEVICE, "poll: %s", strerror(errno));
		for (int i = 0; r > 0 && i < n; i++) {
			if (!pfd[i].revents)
				continue;
			int rc = proxy_service(p, pfd[i].fd, err);
			if (rc)
				return rc;
			quiet_since = dio_now_ms();
		}
	}
}

/* --- TPM transport on the proxy's own end of the data channel --- */

static int xport_locality(void *ctx, u8 loc, struct pp_err *err)
{
	/* The control channel's locality applies (QEMU's); PCR_Read needs none. */
	(void)ctx;
	(void)loc;
	(void)err;
	return 0;
}

static int xport_transmit(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp, size_t rsp_cap,
			  size_t *rsp_len, struct pp_err *err)
{
	struct proxy *p = ctx;
	u32 size;
	int rc;

	*rsp_len = 0;
	if (p->s_data < 0)
		return pp_fail(err, PP_ENOENT, "proxy: no data channel (no CMD_SET_DATAFD yet)");
	if (p->data_pending)
		return pp_fail(err, PP_EINVAL, "proxy: QEMU's TPM command in flight");
	rc = dio_write_all(p->s_data, cmd, cmd_len, FWD_TIMEOUT_MS, err);
	if (!rc)
		rc = dio_read_exact(p->s_data, rsp, TPM2_HDR_SIZE, FWD_TIMEOUT_MS, err);
	if (rc)
		return rc;
	size = ld_be32(rsp + 2);
	if (size < TPM2_HDR_SIZE || size > rsp_cap)
		return pp_fail(err, PP_ERANGE, "proxy: TPM response size field %u", size);
	rc = dio_read_exact(p->s_data, rsp + TPM2_HDR_SIZE, size - TPM2_HDR_SIZE, FWD_TIMEOUT_MS,
			    err);
	if (rc)
		return rc;
	*rsp_len = size;
	return 0;
}

const struct tpm2_transport_ops proxy_tpm_transport = {
    .request_locality = xport_locality,
    .release_locality = xport_locality,
    .transmit = xport_transmit,
};
