// SPDX-License-Identifier: GPL-2.0-only
/* swtpm over UnixIO sockets as a tpm2_transport (see swtpm_xport.h). */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <parapet/bytes.h>
#include "tests/tpm/swtpm_xport.h"

static int connect_unix(const char *path, struct pp_err *err)
{
	struct sockaddr_un sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path))
		return pp_fail(err, PP_EINVAL, "socket path too long: %s", path);
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return pp_fail(err, PP_EDEVICE, "socket: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int e = errno;
		close(fd);
		return pp_fail(err, PP_EDEVICE, "connect %s: %s", path, strerror(e));
	}
	return fd;
}

static int wait_fd(const struct swtpm_conn *c, int fd, short ev, struct pp_err *err)
{
	struct pollfd p = {.fd = fd, .events = ev};
	int n = poll(&p, 1, (int)c->io_timeout_ms);
	if (n == 0)
		return pp_fail(err, PP_ETIMEOUT, "swtpm: no answer within %u ms", c->io_timeout_ms);
	if (n < 0)
		return pp_fail(err, PP_EDEVICE, "swtpm: poll: %s", strerror(errno));
	return 0;
}

static int write_all(const struct swtpm_conn *c, int fd, const u8 *p, size_t n, struct pp_err *err)
{
	while (n) {
		ssize_t w;
		int rc = wait_fd(c, fd, POLLOUT, err);
		if (rc)
			return rc;
		w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return pp_fail(err, PP_EDEVICE, "swtpm: send: %s", strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int read_all(const struct swtpm_conn *c, int fd, u8 *p, size_t n, struct pp_err *err)
{
	while (n) {
		ssize_t r;
		int rc = wait_fd(c, fd, POLLIN, err);
		if (rc)
			return rc;
		r = recv(fd, p, n, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			return pp_fail(err, PP_ETRUNC,
				       "swtpm: connection closed, %zu bytes missing", n);
		if (r < 0)
			return pp_fail(err, PP_EDEVICE, "swtpm: recv: %s", strerror(errno));
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

int swtpm_connect(struct swtpm_conn *c, const char *data_path, const char *ctrl_path,
		  struct pp_err *err)
{
	memset(c, 0, sizeof(*c));
	c->data_fd = c->ctrl_fd = -1;
	c->io_timeout_ms = 5000;
	c->ctrl_fd = connect_unix(ctrl_path, err);
	if (c->ctrl_fd < 0)
		return c->ctrl_fd;
	c->data_fd = connect_unix(data_path, err);
	if (c->data_fd < 0) {
		int rc = c->data_fd;
		swtpm_close(c);
		return rc;
	}
	return 0;
}

void swtpm_close(struct swtpm_conn *c)
{
	if (c->data_fd >= 0)
		close(c->data_fd);
	if (c->ctrl_fd >= 0)
		close(c->ctrl_fd);
	c->data_fd = c->ctrl_fd = -1;
}

int swtpm_ctrl(struct swtpm_conn *c, u32 cmd, const u8 *payload, size_t len, u32 *result,
	       struct pp_err *err)
{
	u8 buf[64], res[4];
	int rc;

	if (len > sizeof(buf) - 4)
		return pp_fail(err, PP_EINVAL, "swtpm control payload of %zu bytes", len);
	st_be32(buf, cmd);
	if (len)
		memcpy(buf + 4, payload, len);
	rc = write_all(c, c->ctrl_fd, buf, 4 + len, err);
	if (!rc)
		rc = read_all(c, c->ctrl_fd, res, sizeof(res), err);
	if (rc)
		return rc;
	*result = ld_be32(res);
	return 0;
}

static int set_locality(void *ctx, u8 loc, struct pp_err *err)
{
	u32 result;
	int rc = swtpm_ctrl(ctx, SWTPM_CMD_SET_LOCALITY, &loc, 1, &result, err);
	if (rc)
		return rc;
	if (result)
		return pp_fail(err, PP_EDEVICE, "swtpm: CMD_SET_LOCALITY(%u) failed, result 0x%x",
			       loc, result);
	return 0;
}

static int release_locality(void *ctx, u8 loc, struct pp_err *err)
{
	/* swtpm has no "no locality": fall back to locality 0. */
	(void)loc;
	return set_locality(ctx, 0, err);
}

static int transmit(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp, size_t rsp_cap,
		    size_t *rsp_len, struct pp_err *err)
{
	struct swtpm_conn *c = ctx;
	u8 hdr[TPM2_HDR_SIZE];
	u32 size;
	int rc;

	*rsp_len = 0;
	rc = write_all(c, c->data_fd, cmd, cmd_len, err);
	if (!rc)
		rc = read_all(c, c->data_fd, hdr, sizeof(hdr), err);
	if (rc)
		return rc;
	size = ld_be32(hdr + TPM2_HDR_SIZE_FIELD);
	if (size < TPM2_HDR_SIZE || size > TPM2_RSP_BUF_SIZE)
		return pp_fail(err, PP_EINVAL, "swtpm: response size field %u", size);
	if (size > rsp_cap)
		return pp_fail(err, PP_ERANGE, "swtpm: response of %u bytes exceeds %zu", size,
			       rsp_cap);
	memcpy(rsp, hdr, sizeof(hdr));
	rc = read_all(c, c->data_fd, rsp + sizeof(hdr), size - sizeof(hdr), err);
	if (rc)
		return rc;
	*rsp_len = size;
	if (c->fake_rsp) {
		if (c->fake_rsp_len > rsp_cap)
			return pp_fail(err, PP_ERANGE, "fake response too large");
		memcpy(rsp, c->fake_rsp, c->fake_rsp_len);
		*rsp_len = c->fake_rsp_len;
	}
	return 0;
}

const struct tpm2_transport_ops swtpm_transport = {
    .request_locality = set_locality,
    .release_locality = release_locality,
    .transmit = transmit,
};
