// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verifier's end of the attestation protocol (attest_proto.h,
 * docs/attest-protocol.md): connect to the agent at `unix:PATH` or
 * `tcp:HOST:PORT` (the socket QEMU carries the service partition's serial
 * line on, or the host test agent), send one request frame, collect the
 * reply with the shared stream receiver (pp_at_rx: garbage before a magic
 * is skipped, as on a serial line) and parse it with pp_at_parse. Every
 * wait is bounded by one deadline for the whole call.
 *
 * Trust: the reply is agent bytes; the codec parses it strictly, and an
 * ERROR reply or a reply of another type than the request's is an error
 * with the agent's code and message quoted (printable characters only),
 * never a result.
 */
#define _GNU_SOURCE /* getaddrinfo flags */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <parapet/bytes.h>
#include "attest/verifier/online.h"

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left before the deadline, 0 when past it. */
static int left(long long deadline)
{
	long long l = deadline - now_ms();
	return l > 0 ? (int)(l > 600000 ? 600000 : l) : 0;
}

/* Wait for events on fd until the deadline: 0 ready, -1 timeout or error. */
static int wait_fd(int fd, short events, long long deadline)
{
	for (;;) {
		struct pollfd p = {fd, events, 0};
		int n = poll(&p, 1, left(deadline));
		if (n > 0)
			return 0;
		if (n == 0 || errno != EINTR)
			return -1;
	}
}

/* Non-blocking connect within the deadline; fd or -1 with why. */
static int connect_to(const struct sockaddr *sa, socklen_t len, int family, long long deadline,
		      const char *addr, char *why, size_t whylen)
{
	int err = 0;
	socklen_t elen = sizeof(err);
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		snprintf(why, whylen, "agent %s: socket: %s", addr, strerror(errno));
		return -1;
	}
	if (connect(fd, sa, len) == 0)
		return fd;
	if (errno != EINPROGRESS) {
		snprintf(why, whylen, "agent %s: connect: %s", addr, strerror(errno));
		goto fail;
	}
	if (wait_fd(fd, POLLOUT, deadline)) {
		snprintf(why, whylen, "agent %s: no connection within the timeout", addr);
		goto fail;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) || err) {
		snprintf(why, whylen, "agent %s: connect: %s", addr, strerror(err ? err : errno));
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

int av_agent_open(const char *addr, u32 timeout_ms, char *why, size_t whylen)
{
	long long deadline = now_ms() + timeout_ms;
	if (!strncmp(addr, "unix:", 5)) {
		struct sockaddr_un un;
		memset(&un, 0, sizeof(un));
		un.sun_family = AF_UNIX;
		if (!addr[5] || strlen(addr + 5) >= sizeof(un.sun_path)) {
			snprintf(why, whylen, "agent %s: socket path empty or longer than %zu",
				 addr, sizeof(un.sun_path) - 1);
			return -1;
		}
		memcpy(un.sun_path, addr + 5, strlen(addr + 5));
		return connect_to((const struct sockaddr *)&un, sizeof(un), AF_UNIX, deadline, addr,
				  why, whylen);
	}
	if (!strncmp(addr, "tcp:", 4)) {
		char host[256];
		const char *port = strrchr(addr + 4, ':');
		size_t hl = port ? (size_t)(port - (addr + 4)) : 0;
		struct addrinfo hints, *res = NULL;
		if (!port || !hl || hl >= sizeof(host) || !port[1]) {
			snprintf(why, whylen, "agent %s: not tcp:HOST:PORT", addr);
			return -1;
		}
		memcpy(host, addr + 4, hl);
		host[hl] = 0;
		if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') { /* [v6]:port */
			memmove(host, host + 1, hl - 2);
			host[hl - 2] = 0;
		}
		memset(&hints, 0, sizeof(hints));
		hints.ai_socktype = SOCK_STREAM;
		hints.ai_flags = AI_NUMERICSERV;
		int g = getaddrinfo(host, port + 1, &hints, &res);
		if (g) {
			snprintf(why, whylen, "agent %s: %s", addr, gai_strerror(g));
			return -1;
		}
		int fd = -1;
		for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next)
			fd = connect_to(a->ai_addr, a->ai_addrlen, a->ai_family, deadline, addr,
					why, whylen);
		freeaddrinfo(res);
		return fd;
	}
	snprintf(why, whylen, "agent address %s: not unix:PATH or tcp:HOST:PORT", addr);
	return -1;
}

static int send_all(int fd, const u8 *p, size_t n, long long deadline, const char *what, char *why,
		    size_t whylen)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w > 0) {
			p += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR) {
			snprintf(why, whylen, "agent: sending %s: %s", what, strerror(errno));
			return -1;
		}
		if (wait_fd(fd, POLLOUT, deadline)) {
			snprintf(why, whylen, "agent: %s request not sent within the timeout",
				 what);
			return -1;
		}
	}
	return 0;
}

/* Printable ASCII of an agent string, for a message. */
static void quote_ascii(char *out, size_t cap, const u8 *p, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < cap; i++)
		out[o++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
	out[o] = 0;
}

static int check_reply(const struct pp_at_msg *rsp, u16 type, char *why, size_t whylen)
{
	if (rsp->type == PP_AT_RSP_ERROR) {
		const struct pp_at_item *c = pp_at_find(rsp, PP_AT_T_ERR_CODE);
		const struct pp_at_item *m = pp_at_find(rsp, PP_AT_T_ERR_MSG);
		char msg[PP_ERR_MSG_MAX + 1] = "";
		if (m)
			quote_ascii(msg, sizeof(msg), m->data, m->len);
		u32 code = c && c->len == 4 ? ld_le32(c->data) : 0;
		static const char *const names[] = {"?", "malformed request", "unsupported",
						    "TPM error", "unavailable"};
		snprintf(why, whylen, "agent refused %s: error %u (%s): %s", pp_at_type_name(type),
			 code, code < 5 ? names[code] : "unknown", msg);
		return -1;
	}
	if (rsp->type != (u16)(type | 0x8000u)) {
		snprintf(why, whylen, "agent answered %s with %s (0x%04x)", pp_at_type_name(type),
			 pp_at_type_name(rsp->type), rsp->type);
		return -1;
	}
	return 0;
}

int av_agent_call(int fd, const u8 *req, size_t reqlen, u32 timeout_ms, u8 *buf, size_t cap,
		  struct pp_at_msg *rsp, char *why, size_t whylen)
{
	long long deadline = now_ms() + timeout_ms;
	struct pp_at_rx rx;
	struct pp_err err = {0, ""};
	u8 chunk[4096];
	u16 type = reqlen >= PP_AT_HDR_SIZE ? ld_le16(req + 6) : 0;
	const char *what = pp_at_type_name(type);
	if (send_all(fd, req, reqlen, deadline, what, why, whylen))
		return -1;
	pp_at_rx_init(&rx, buf, cap);
	for (;;) {
		ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
		if (n == 0 || (n < 0 && errno == ECONNRESET)) {
			snprintf(
			    why, whylen,
			    "agent closed the connection before its %s reply (%zu bytes of it)",
			    what, rx.len);
			return -1;
		}
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR) {
				snprintf(why, whylen, "agent: reading the %s reply: %s", what,
					 strerror(errno));
				return -1;
			}
			if (wait_fd(fd, POLLIN, deadline)) {
				snprintf(why, whylen,
					 "agent: no complete %s reply within %u ms (%zu bytes of a "
					 "frame, %u skipped)",
					 what, timeout_ms, rx.len, rx.skipped);
				return -1;
			}
			continue;
		}
		for (ssize_t i = 0; i < n; i++) {
			enum pp_at_rx_state s = pp_at_rx_push(&rx, chunk[i], &err);
			if (s == PP_AT_RX_ERROR) {
				snprintf(why, whylen, "agent: %s reply: %s", what, err.msg);
				return -1;
			}
			if (s != PP_AT_RX_FRAME)
				continue;
			/* bytes after the frame are line noise: this call is over */
			if (pp_at_parse(rx.buf, rx.len, rsp, &err)) {
				snprintf(why, whylen, "agent: %s reply: %s", what, err.msg);
				return -1;
			}
			return check_reply(rsp, type, why, whylen);
		}
	}
}
