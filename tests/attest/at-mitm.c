// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper for tests/attest/host-check.sh: a man in the middle between
 * `parapet attest` and an agent (build/tests/attest/agent-host), to show
 * what enrollment refuses. It relays each request frame to the agent and
 * each reply back, rewriting the INFO reply (parsed and re-written with the
 * shared codec, common/attest/):
 *
 *   at-mitm --listen SOCK --agent SOCK --unrestrict-ak
 *       every AK_PUB with its restricted attribute cleared (an
 *       unrestricted signing key offered as an AK)
 *   at-mitm --listen SOCK --agent SOCK --ek-cert FILE
 *       EK_CERT replaced by FILE's bytes (another TPM's certificate)
 *
 * One client connection at a time, one agent connection per client
 * connection; runs until killed. Prints "at-mitm: ready" on stderr once
 * listening. Test-only host code; exit 2 on usage or I/O errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <parapet/attest_proto.h>
#include <parapet/bytes.h>

static u8 rxbuf[PP_AT_MAX_FRAME], out[PP_AT_MAX_FRAME], cert[8192], pubs[PP_AT_MAX_ITEMS][1024];
static size_t cert_len;
static bool unrestrict;

static void die(const char *what)
{
	fprintf(stderr, "at-mitm: %s: %s\n", what, strerror(errno));
	exit(2);
}

static int unix_sock(const char *path, bool listening)
{
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || strlen(path) >= sizeof(un.sun_path))
		die(path);
	memcpy(un.sun_path, path, strlen(path));
	if (listening ? bind(fd, (struct sockaddr *)&un, sizeof(un)) || listen(fd, 1)
		      : connect(fd, (struct sockaddr *)&un, sizeof(un)))
		die(path);
	return fd;
}

/* Read one frame from fd into rxbuf; its length, 0 when fd closed. */
static size_t read_frame(int fd)
{
	struct pp_at_rx rx;
	struct pp_err err;
	u8 b;
	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	while (read(fd, &b, 1) == 1) {
		enum pp_at_rx_state s = pp_at_rx_push(&rx, b, &err);
		if (s == PP_AT_RX_FRAME)
			return rx.len;
		if (s == PP_AT_RX_ERROR)
			pp_at_rx_reset(&rx);
	}
	return 0;
}

/* The INFO reply rewritten; other replies as they came. */
static size_t rewrite(size_t len)
{
	struct pp_at_msg m;
	struct pp_at_wr w;
	struct pp_err err;
	size_t n = 0;
	if (pp_at_parse(rxbuf, len, &m, &err) || m.type != PP_AT_RSP_INFO) {
		memcpy(out, rxbuf, len);
		return len;
	}
	pp_at_wr_begin(&w, out, sizeof(out), m.type);
	for (u32 i = 0; i < m.n; i++) {
		const struct pp_at_item *it = &m.item[i];
		if (it->tag == PP_AT_T_EK_CERT && cert_len) {
			pp_at_wr_item(&w, it->tag, cert, (u32)cert_len);
		} else if (it->tag == PP_AT_T_AK_PUB && unrestrict && it->len >= 10 &&
			   it->len <= sizeof(pubs[i])) {
			memcpy(pubs[i], it->data, it->len);
			st_be32(pubs[i] + 6, ld_be32(pubs[i] + 6) & ~0x00010000u); /* restricted */
			pp_at_wr_item(&w, it->tag, pubs[i], it->len);
		} else {
			pp_at_wr_item(&w, it->tag, it->data, it->len);
		}
	}
	if (pp_at_wr_finish(&w, &n, &err)) {
		fprintf(stderr, "at-mitm: %s\n", err.msg);
		exit(2);
	}
	return n;
}

static void relay(int client, const char *agent)
{
	int a = unix_sock(agent, false);
	size_t n;
	while ((n = read_frame(client))) {
		if (write(a, rxbuf, n) != (ssize_t)n || !(n = read_frame(a)))
			break;
		n = rewrite(n);
		if (write(client, out, n) != (ssize_t)n)
			break;
	}
	close(a);
}

int main(int argc, char **argv)
{
	const char *listen_path = NULL, *agent = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--listen") && i + 1 < argc) {
			listen_path = argv[++i];
		} else if (!strcmp(argv[i], "--agent") && i + 1 < argc) {
			agent = argv[++i];
		} else if (!strcmp(argv[i], "--unrestrict-ak")) {
			unrestrict = true;
		} else if (!strcmp(argv[i], "--ek-cert") && i + 1 < argc) {
			FILE *f = fopen(argv[++i], "rb");
			if (!f)
				die(argv[i]);
			cert_len = fread(cert, 1, sizeof(cert), f);
			fclose(f);
		} else {
			fprintf(stderr, "usage: at-mitm --listen SOCK --agent SOCK "
					"(--unrestrict-ak | --ek-cert FILE)\n");
			return 2;
		}
	}
	if (!listen_path || !agent || (!unrestrict && !cert_len)) {
		fprintf(stderr, "at-mitm: --listen, --agent and a rewrite are required\n");
		return 2;
	}
	int l = unix_sock(listen_path, true);
	fprintf(stderr, "at-mitm: ready on %s\n", listen_path);
	for (;;) {
		int c = accept(l, NULL, NULL);
		if (c < 0)
			die("accept");
		relay(c, agent);
		close(c);
	}
}
