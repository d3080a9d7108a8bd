// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verifier's agent client (attest/verifier/client.c) against a forked
 * one-shot server on a Unix socket that answers with frames the codec
 * wrote: a reply after line noise is received; an ERROR reply, a reply of
 * another type, silence (the deadline), a closed connection and malformed
 * addresses are each a precise error.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include "attest/verifier/online.h"
#include "tests/unit/unit.h"

enum mode { GOOD, ERROR_REPLY, WRONG_TYPE, SILENT, CLOSE };

static char sock_path[108];
static u8 rspbuf[PP_AT_MAX_FRAME];

static size_t frame_of(enum mode m, u8 *out, size_t cap)
{
	struct pp_at_wr w;
	size_t len = 0;
	static const u8 pub[4] = {0, 2, 0, 1};
	if (m == ERROR_REPLY) {
		pp_at_wr_begin(&w, out, cap, PP_AT_RSP_ERROR);
		pp_at_wr_u32_item(&w, PP_AT_T_ERR_CODE, PP_AT_E_TPM);
		pp_at_wr_item(&w, PP_AT_T_ERR_MSG, "TPM_RC 0x1df\x01", 13);
	} else if (m == WRONG_TYPE) {
		pp_at_wr_begin(&w, out, cap, PP_AT_RSP_ACTIVATE);
		pp_at_wr_item(&w, PP_AT_T_CERT_INFO, "x", 1);
	} else {
		pp_at_wr_begin(&w, out, cap, PP_AT_RSP_INFO);
		pp_at_wr_item(&w, PP_AT_T_AGENT, "test agent", 10);
		pp_at_wr_item(&w, PP_AT_T_EK_PUB, pub, 4);
		pp_at_wr_item(&w, PP_AT_T_AK_PUB, pub, 4);
	}
	return pp_at_wr_finish(&w, &len, NULL) ? 0 : len;
}

/* Fork a server that accepts once and answers per mode; its pid. */
static pid_t serve(enum mode m)
{
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	snprintf(sock_path, sizeof(sock_path), "/tmp/parapet-unit-agent.%d", (int)getpid());
	unlink(sock_path);
	memcpy(un.sun_path, sock_path, strlen(sock_path));
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&un, sizeof(un)) || listen(s, 1))
		return -1;
	pid_t pid = fork();
	if (pid) {
		close(s);
		return pid;
	}
	int c = accept(s, NULL, NULL);
	u8 req[64], out[512];
	if (c >= 0 && m != CLOSE && read(c, req, sizeof(req)) > 0) {
		static const u8 noise[5] = {'P', 'x', 0, 0xff, '\n'};
		size_t n = frame_of(m, out, sizeof(out));
		if (m == GOOD && write(c, noise, sizeof(noise)) != sizeof(noise))
			_exit(1);
		if (m != SILENT && write(c, out, n) != (ssize_t)n)
			_exit(1);
		if (m == SILENT)
			sleep(2);
	}
	_exit(0);
}

static int call(enum mode m, u32 timeout, struct pp_at_msg *rsp, char *why, size_t n)
{
	u8 req[64];
	struct pp_at_wr w;
	size_t len = 0;
	char addr[128];
	pid_t pid = serve(m);
	int rc = -2;
	pp_at_wr_begin(&w, req, sizeof(req), PP_AT_REQ_INFO);
	if (pid > 0 && !pp_at_wr_finish(&w, &len, NULL)) {
		snprintf(addr, sizeof(addr), "unix:%s", sock_path);
		int fd = av_agent_open(addr, 2000, why, n);
		if (fd >= 0) {
			rc = av_agent_call(fd, req, len, timeout, rspbuf, sizeof(rspbuf), rsp, why,
					   n);
			close(fd);
		}
	}
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	unlink(sock_path);
	return rc;
}

TEST(attest_client_reply_after_noise)
{
	struct pp_at_msg rsp;
	char why[AV_MSG_MAX] = "";
	memset(&rsp, 0, sizeof(rsp));
	REQUIRE(call(GOOD, 2000, &rsp, why, sizeof(why)) == 0);
	CHECK_EQ(rsp.type, PP_AT_RSP_INFO);
	const struct pp_at_item *a = pp_at_find(&rsp, PP_AT_T_AGENT);
	CHECK(a && a->len == 10 && memcmp(a->data, "test agent", 10) == 0);
}

TEST(attest_client_errors)
{
	struct pp_at_msg rsp;
	char why[AV_MSG_MAX] = "";
	CHECK_EQ(call(ERROR_REPLY, 2000, &rsp, why, sizeof(why)), -1);
	CHECK(strstr(why, "agent refused INFO: error 3 (TPM error): TPM_RC 0x1df?") != NULL);
	CHECK_EQ(call(WRONG_TYPE, 2000, &rsp, why, sizeof(why)), -1);
	CHECK(strstr(why, "answered INFO with") != NULL);
	CHECK_EQ(call(SILENT, 300, &rsp, why, sizeof(why)), -1);
	CHECK(strstr(why, "no complete INFO reply within 300 ms") != NULL);
	CHECK_EQ(call(CLOSE, 2000, &rsp, why, sizeof(why)), -1);
	CHECK(strstr(why, "closed the connection") != NULL);
}

TEST(attest_client_addresses)
{
	char why[AV_MSG_MAX] = "";
	CHECK(av_agent_open("serial0", 100, why, sizeof(why)) == -1);
	CHECK(strstr(why, "not unix:PATH or tcp:HOST:PORT") != NULL);
	CHECK(av_agent_open("unix:", 100, why, sizeof(why)) == -1);
	CHECK(strstr(why, "socket path empty") != NULL);
	CHECK(av_agent_open("tcp:localhost", 100, why, sizeof(why)) == -1);
	CHECK(strstr(why, "not tcp:HOST:PORT") != NULL);
	CHECK(av_agent_open("tcp:127.0.0.1:x", 100, why, sizeof(why)) == -1);
	CHECK(av_agent_open("unix:/nonexistent/agent.sock", 100, why, sizeof(why)) == -1);
	CHECK(strstr(why, "No such file") != NULL);
}
