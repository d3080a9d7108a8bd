// SPDX-License-Identifier: GPL-2.0-only
/*
 * The attestation agent's core (attest/agent/) on the host: the same code
 * the service partition runs, against a private swtpm, serving the
 * protocol (docs/attest-protocol.md) on a Unix socket as it would on its
 * serial line: a byte stream, one connection at a time.
 *
 *   agent-host --tpm DATA_SOCK --ctrl CTRL_SOCK --listen SOCK
 *              [--fw-log FILE] [--drtm-log FILE] [--faults FILE] [--once]
 *
 * The evidence files stand in for what the hypervisor maps (LOG_MAP);
 * --once exits after the first connection closes. Prints "agent-host:
 * ready" once listening (and the socket exists), one line per request and
 * per connection on stderr. The host tests (tests/attest/agent-check.sh)
 * and the host CLI's tests use it without QEMU.
 *
 * Trust: as the agent's: every byte from the socket is untrusted and goes
 * through the receiver and pp_agent_handle; a client that vanishes, even
 * mid-frame, costs its connection only (the receiver is reset). Host code
 * (libc); test-only.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <parapet/attest_proto.h>
#include "attest/agent/agent.h"
#include "tests/tpm/swtpm_xport.h"

#define EVIDENCE_MAX (64u * 1024u)

static struct tpm2_dev dev;
static struct swtpm_conn conn;
static struct pp_agent agent;
static u8 rxbuf[PP_AT_MAX_FRAME];
static u8 rsp[PP_AT_MAX_FRAME];
static u8 fw[EVIDENCE_MAX], drtm[EVIDENCE_MAX], faults[EVIDENCE_MAX];

static void usage(void)
{
	fprintf(stderr, "usage: agent-host --tpm DATA_SOCK --ctrl CTRL_SOCK --listen SOCK "
			"[--fw-log FILE] [--drtm-log FILE] [--faults FILE] [--once]\n");
	exit(2);
}

static size_t load(const char *path, u8 *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	if (!f) {
		fprintf(stderr, "agent-host: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	n = fread(buf, 1, cap, f);
	if (ferror(f) || fgetc(f) != EOF) {
		fprintf(stderr, "agent-host: %s: unreadable or above %zu bytes\n", path, cap);
		exit(2);
	}
	fclose(f);
	return n;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static bool write_all(int fd, const u8 *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* One connection: bytes in through the receiver, one reply per frame. */
static void serve(int fd)
{
	struct pp_at_rx rx;
	struct pp_err err;
	u8 in[4096];
	u32 frames = 0;
	size_t rlen;

	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	for (;;) {
		ssize_t n = read(fd, in, sizeof(in));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			enum pp_at_rx_state s = pp_at_rx_push(&rx, in[i], &err);
			if (s == PP_AT_RX_ERROR) {
				fprintf(stderr, "agent-host: receiver: %s (no reply)\n", err.msg);
				continue;
			}
			if (s != PP_AT_RX_FRAME)
				continue;
			frames++;
			double t0 = now_ms();
			if (pp_agent_handle(&agent, rx.buf, rx.len, rsp, sizeof(rsp), &rlen) !=
			    PP_OK) {
				fprintf(stderr, "agent-host: reply buffer too small\n");
				exit(1);
			}
			fprintf(
			    stderr,
			    "agent-host: %s request of %zu bytes -> %s of %zu bytes in %.1f ms\n",
			    pp_at_type_name((u16)(rx.buf[6] | rx.buf[7] << 8)), rx.len,
			    pp_at_type_name((u16)(rsp[6] | rsp[7] << 8)), rlen, now_ms() - t0);
			if (!write_all(fd, rsp, rlen))
				goto out;
			pp_at_rx_reset(&rx);
		}
	}
out:
	fprintf(stderr,
		"agent-host: connection closed: %u frames, %u bytes skipped, %u left mid-frame; "
		"%u served, %u refused in all\n",
		frames, rx.skipped, (u32)rx.len, agent.served, agent.refused);
}

int main(int argc, char **argv)
{
	const char *tpm = NULL, *ctrl = NULL, *sock = NULL;
	struct pp_agent_src src = {0};
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	struct pp_err err;
	bool once = false;
	int lfd;

	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "--once")) {
			once = true;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		if (!strcmp(o, "--tpm"))
			tpm = argv[++i];
		else if (!strcmp(o, "--ctrl"))
			ctrl = argv[++i];
		else if (!strcmp(o, "--listen"))
			sock = argv[++i];
		else if (!strcmp(o, "--fw-log")) {
			src.fw_log = fw;
			src.fw_log_len = load(argv[++i], fw, sizeof(fw));
		} else if (!strcmp(o, "--drtm-log")) {
			src.drtm_log = drtm;
			src.drtm_log_len = load(argv[++i], drtm, sizeof(drtm));
		} else if (!strcmp(o, "--faults")) {
			src.faults = faults;
			src.faults_len = load(argv[++i], faults, sizeof(faults));
		} else
			usage();
	}
	if (!tpm || !ctrl || !sock || strlen(sock) >= sizeof(addr.sun_path))
		usage();
	signal(SIGPIPE, SIG_IGN); /* a client gone before its reply: write fails */

	if (swtpm_connect(&conn, tpm, ctrl, &err)) {
		fprintf(stderr, "agent-host: swtpm: %s\n", err.msg);
		return 1;
	}
	tpm2_init(&dev, &swtpm_transport, &conn);
	if (tpm2_request_locality(&dev, 0, &err) || tpm2_startup(&dev, NULL, &err) ||
	    pp_agent_init(&agent, &dev, &src, &err)) {
		fprintf(stderr, "agent-host: %s\n", err.msg);
		return 1;
	}
	fprintf(stderr,
		"agent-host: %u transient objects flushed; EK and %s%s%s AK, EK certificate %zu "
		"bytes, policy \"%s\"\n",
		agent.flushed, agent.ak_ok[0] ? "RSA" : "",
		agent.ak_ok[0] && agent.ak_ok[1] ? " and " : "", agent.ak_ok[1] ? "ECC" : "",
		agent.ek_cert_len, agent.policy);

	strcpy(addr.sun_path, sock);
	unlink(sock);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) || listen(lfd, 1)) {
		fprintf(stderr, "agent-host: %s: %s\n", sock, strerror(errno));
		return 1;
	}
	fprintf(stderr, "agent-host: ready on %s\n", sock);
	do {
		int fd = accept(lfd, NULL, NULL);
		if (fd < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "agent-host: accept: %s\n", strerror(errno));
			return 1;
		}
		serve(fd);
		close(fd);
	} while (!once);
	close(lfd);
	unlink(sock);
	swtpm_close(&conn);
	return 0;
}
