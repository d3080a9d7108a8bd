// SPDX-License-Identifier: GPL-2.0-only
/* Socket helpers for the DRTM harness (io.h). */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "tests/drtm/io.h"

u64 dio_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000u + (u64)ts.tv_nsec / 1000000u;
}

static int unix_addr(const char *path, struct sockaddr_un *sa, struct pp_err *err)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa->sun_path))
		return pp_fail(err, PP_EINVAL, "socket path too long: %s", path);
	memcpy(sa->sun_path, path, strlen(path) + 1);
	return 0;
}

int dio_listen(const char *path, struct pp_err *err)
{
	struct sockaddr_un sa;
	int fd, rc = unix_addr(path, &sa, err);

	if (rc)
		return rc;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return pp_fail(err, PP_EDEVICE, "socket: %s", strerror(errno));
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 2) < 0) {
		int e = errno;
		close(fd);
		return pp_fail(err, PP_EDEVICE, "listen on %s: %s", path, strerror(e));
	}
	return fd;
}

int dio_connect(const char *path, struct pp_err *err)
{
	struct sockaddr_un sa;
	int fd, rc = unix_addr(path, &sa, err);

	if (rc)
		return rc;
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

int dio_wait_readable(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int n;

	do
		n = poll(&p, 1, ms < 0 ? 0 : ms);
	while (n < 0 && errno == EINTR);
	return n;
}

static int wait_ev(int fd, short ev, u64 deadline, struct pp_err *err)
{
	struct pollfd p = {.fd = fd, .events = ev};
	u64 now = dio_now_ms();
	int n;

	if (now >= deadline)
		return pp_fail(err, PP_ETIMEOUT, "socket: timed out");
	n = poll(&p, 1, (int)(deadline - now));
	if (n == 0)
		return pp_fail(err, PP_ETIMEOUT, "socket: timed out");
	if (n < 0 && errno != EINTR)
		return pp_fail(err, PP_EDEVICE, "poll: %s", strerror(errno));
	return 0;
}

int dio_send_fds(int fd, const void *buf, size_t n, const int *fds, int nfds, int ms,
		 struct pp_err *err)
{
	const u8 *p = buf;
	u64 deadline = dio_now_ms() + (u64)ms;
	union {
		char buf[CMSG_SPACE(sizeof(int) * DIO_MAX_FDS)];
		struct cmsghdr align;
	} ctl;

	if (nfds < 0 || nfds > DIO_MAX_FDS)
		return pp_fail(err, PP_EINVAL, "%d fds to pass", nfds);
	while (n) {
		struct iovec iov = {.iov_base = (void *)p, .iov_len = n};
		struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
		ssize_t w;
		int rc = wait_ev(fd, POLLOUT, deadline, err);

		if (rc)
			return rc;
		if (nfds) {
			struct cmsghdr *c;

			memset(&ctl, 0, sizeof(ctl));
			mh.msg_control = ctl.buf;
			mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
			c = CMSG_FIRSTHDR(&mh);
			c->cmsg_level = SOL_SOCKET;
			c->cmsg_type = SCM_RIGHTS;
			c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
			memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
		}
		w = sendmsg(fd, &mh, MSG_NOSIGNAL);
		if (w < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (w <= 0)
			return pp_fail(err, PP_EDEVICE, "send: %s", strerror(errno));
		nfds = 0;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int dio_write_all(int fd, const void *buf, size_t n, int ms, struct pp_err *err)
{
	return dio_send_fds(fd, buf, n, NULL, 0, ms, err);
}

int dio_read_exact(int fd, void *buf, size_t n, int ms, struct pp_err *err)
{
	u8 *p = buf;
	u64 deadline = dio_now_ms() + (u64)ms;

	while (n) {
		ssize_t r;
		int rc = wait_ev(fd, POLLIN, deadline, err);

		if (rc)
			return rc;
		r = recv(fd, p, n, 0);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r == 0)
			return pp_fail(err, PP_ETRUNC, "connection closed, %zu bytes missing", n);
		if (r < 0)
			return pp_fail(err, PP_EDEVICE, "recv: %s", strerror(errno));
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

long dio_recv_fds(int fd, void *buf, size_t cap, int *fds, int *nfds)
{
	union {
		char buf[CMSG_SPACE(sizeof(int) * DIO_MAX_FDS)];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = {.iov_base = buf, .iov_len = cap};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl.buf,
			    .msg_controllen = sizeof(ctl.buf)};
	ssize_t r;

	*nfds = 0;
	do
		r = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -1;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		size_t k;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < k; i++) {
			int f;

			memcpy(&f, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (*nfds < DIO_MAX_FDS)
				fds[(*nfds)++] = f;
			else
				close(f);
		}
	}
	return (long)r;
}
