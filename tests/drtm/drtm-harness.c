// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated-DRTM harness: plays the CPU's part of SKINIT for a QEMU
 * guest (docs/drtm.md "Emulated DRTM"). tools/qemu-args.sh starts it
 * before QEMU and ends it by PID:
 *
 *   drtm-harness --swtpm-ctrl SWTPM_CTRL_SOCK --tpm-sock PROXY_SOCK
 *                --com2-sock COM2_SOCK --qmp-sock QMP_SOCK --dir RUN_DIR
 *                [--log FILE] [--accept-timeout SECONDS]
 *
 * It listens on PROXY_SOCK (QEMU's TPM control chardev), COM2_SOCK (the
 * guest's private UART at 0x2f8) and QMP_SOCK (QEMU's monitor, control
 * mode); QEMU connects to all three as a client. On "SKINIT 0x<base>" from
 * the guest: QMP stop; wait until no TPM command of QEMU's is in flight;
 * QMP pmemsave of the 64 KiB SLB; header check (launch/drtm/skinit.c);
 * swtpm SET_LOCALITY 4, HASH_START, HASH_DATA..., HASH_END, SET_LOCALITY
 * back; PCR17 read back in every bank over the proxy's own data channel
 * and compared with H(0^n || H(SLB[0:len])) from OpenSSL; QMP cont;
 * "OK\n" (or "ERR <reason>\n") to the guest. Writes RUN_DIR/slb.bin and
 * RUN_DIR/drtm-result.txt, logs every step (default RUN_DIR/drtm-harness.log).
 * Exits when QEMU disconnects, on SIGTERM, or when QEMU has not connected
 * within the accept timeout; every socket wait is bounded.
 */
#define _GNU_SOURCE 1 /* accept4 */
#include <errno.h>
#include <limits.h>
#include <openssl/evp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <parapet/eventlog.h>
#include <parapet/hash.h>
#include <parapet/tpm2.h>
#include "launch/drtm/skinit.h"
#include "tests/drtm/io.h"
#include "tests/drtm/proto.h"
#include "tests/drtm/proxy.h"
#include "tests/drtm/qmp.h"
#include "tests/drtm/swtpm_ctrl.h"

#define QUIESCE_MS 5000
#define MAX_DIGEST 64

struct harness {
	const char *swtpm_ctrl, *tpm_sock, *com2_sock, *qmp_sock, *log_path;
	char dir[PATH_MAX];
	int accept_timeout_s;
	FILE *log;
	int l_tpm, l_com2, l_qmp; /* listening sockets */
	int com2;
	char line[DRTM_LINE_MAX + 1];
	size_t line_len;
	bool line_overflow;
	struct proxy proxy;
	struct qmp qmp;
	unsigned requests, measured;
};

static struct harness h;
static char log_path[PATH_MAX + 32];
static struct tpm2_dev tpm; /* large: not on the stack */
static u8 slb[SLB_SIZE];
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void logf_(const char *fmt, ...) PP_PRINTF(1, 2);
static void logf_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("drtm-harness: ", h.log);
	vfprintf(h.log, fmt, ap);
	fputc('\n', h.log);
	fflush(h.log);
	va_end(ap);
}

/* qmp wait hook: serve the proxy while waiting for QMP (qmp.h). */
static int qmp_wait(void *ctx, int fd, int ms)
{
	u64 deadline = dio_now_ms() + (u64)(ms < 0 ? 0 : ms);
	struct pp_err err;

	(void)ctx;
	for (;;) {
		struct pollfd pfd[5];
		int n = 1, r;
		u64 now = dio_now_ms();

		pfd[0] = (struct pollfd){.fd = fd, .events = POLLIN};
		n += proxy_pollfds(&h.proxy, pfd + 1, 4);
		r = poll(pfd, (nfds_t)n, now >= deadline ? 0 : (int)(deadline - now));
		if (r < 0 && errno != EINTR)
			return -1;
		if (r > 0 && pfd[0].revents)
			return 1;
		for (int i = 1; r > 0 && i < n; i++)
			if (pfd[i].revents && proxy_service(&h.proxy, pfd[i].fd, &err)) {
				logf_("error: %s", err.msg);
				return -1;
			}
		if (h.proxy.closed)
			return -1;
		if (dio_now_ms() >= deadline)
			return 0;
	}
}

static void hex(char *out, const u8 *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
	out[2 * n] = '\0';
}

/* OpenSSL: out = H(data); returns the digest size or 0. */
static unsigned md(const char *name, const u8 *a, size_t alen, const u8 *b, size_t blen, u8 *out)
{
	const EVP_MD *m = EVP_get_digestbyname(name);
	EVP_MD_CTX *ctx = m ? EVP_MD_CTX_new() : NULL;
	unsigned n = 0;

	if (ctx && EVP_DigestInit_ex(ctx, m, NULL) && EVP_DigestUpdate(ctx, a, alen) &&
	    (!blen || EVP_DigestUpdate(ctx, b, blen)) && EVP_DigestFinal_ex(ctx, out, &n))
		;
	else
		n = 0;
	EVP_MD_CTX_free(ctx);
	return n;
}

/* Reply on COM2 (best effort: the guest times out if it is gone). */
static void reply(int rc, const char *msg)
{
	char out[DRTM_LINE_MAX + 8];
	size_t n = drtm_format_reply(out, sizeof(out), rc, msg);
	struct pp_err err;

	if (h.com2 < 0 || dio_write_all(h.com2, out, n, 5000, &err))
		logf_("error: cannot answer the guest");
	else
		logf_("com2: answered %.*s", (int)(n ? n - 1 : 0), out);
}

/*
 * Read PCR17 and PCR18 of every active bank (in one or two PCR_Read
 * commands, tpm2_pcr_read_set: the VM waits meanwhile) and compare with
 * H(0^n || H(SLB)) and 0.
 */
static int check_pcr17(const u8 *data, size_t len, FILE *res, struct pp_err *err)
{
	static struct tpm2_pcr_set set;
	bool all_ok = true;
	int rc;

	tpm2_init(&tpm, &proxy_tpm_transport, &h.proxy);
	rc = tpm2_request_locality(&tpm, h.proxy.qemu_locality, err);
	if (!rc)
		rc = tpm2_get_banks(&tpm, NULL, err);
	if (rc)
		return rc;
	memset(&set, 0, sizeof(set));
	for (u32 i = 0; i < tpm.banks.count; i++) {
		const struct tpm2_bank *b = &tpm.banks.bank[i];
		if (!b->active)
			continue;
		if (!pp_hash_supported(b->alg))
			logf_("pcr17 bank 0x%04x: no reference hash, not checked", b->alg);
		else if (set.nbanks < TPM2_MAX_BANKS)
			set.alg[set.nbanks++] = b->alg;
	}
	if (!set.nbanks)
		return pp_fail(err, PP_ENOENT, "no PCR bank could be checked");
	set.mask = (1u << 17) | (1u << 18);
	rc = tpm2_pcr_read_set(&tpm, &set, err);
	if (rc)
		return rc;
	for (u32 k = 0; k < set.nbanks; k++) {
		/* our bank names are OpenSSL's digest names for the banks we hash */
		const char *name = pp_evlog_alg_name(set.alg[k]);
		const u8 *got = set.digest[k][17], *zero_rb = set.digest[k][18];
		u8 zero[MAX_DIGEST] = {0}, inner[MAX_DIGEST], want[MAX_DIGEST];
		char hw[2 * MAX_DIGEST + 1], hg[2 * MAX_DIGEST + 1], hi[2 * MAX_DIGEST + 1];
		unsigned n;

		n = md(name, data, len, NULL, 0, inner);
		if (!n || n != pp_hash_digest_size(set.alg[k]) ||
		    md(name, zero, n, inner, n, want) != n)
			return pp_fail(err, PP_ENOTSUP, "OpenSSL lacks %s", name);
		hex(hw, want, n);
		hex(hi, inner, n);
		hex(hg, got, n);
		fprintf(res, "slb_%s %s\npcr17_%s_expected %s\npcr17_%s_read %s\n", name, hi, name,
			hw, name, hg);
		/* The hash sequence also resets PCR18-22 to 0: check PCR18. */
		if (memcmp(zero_rb, zero, n) != 0) {
			logf_("pcr18 %s not zero after HASH_END MISMATCH", name);
			all_ok = false;
		}
		fprintf(res, "pcr18_%s_zero %s\n", name, !memcmp(zero_rb, zero, n) ? "yes" : "no");
		if (!memcmp(got, want, n)) {
			logf_("pcr17 %s %s == H(0||H(SLB)) ok", name, hg);
		} else {
			logf_("pcr17 %s %s != H(0||H(SLB)) %s MISMATCH", name, hg, hw);
			all_ok = false;
		}
	}
	if (!all_ok)
		return pp_fail(err, PP_ECHECKSUM,
			       "PCR17 differs from H(0||H(SLB)) or PCR18 is not zero");
	return 0;
}

static int read_slb(u64 base, struct slb_info *info, struct pp_err *err)
{
	char path[PATH_MAX + 16], cmd[PATH_MAX + 128];
	FILE *f;
	size_t n;
	int rc;

	snprintf(path, sizeof(path), "%s/slb.bin", h.dir);
	unlink(path);
	snprintf(cmd, sizeof(cmd),
		 "{\"execute\":\"pmemsave\",\"arguments\":{\"val\":%llu,\"size\":%u,"
		 "\"filename\":\"%s\"}}",
		 (unsigned long long)base, SLB_SIZE, path);
	rc = qmp_exec(&h.qmp, cmd, err);
	if (rc)
		return rc;
	f = fopen(path, "rb");
	if (!f)
		return pp_fail(err, PP_ENOENT, "pmemsave wrote no %s", path);
	n = fread(slb, 1, sizeof(slb), f);
	fclose(f);
	if (n != SLB_SIZE)
		return pp_fail(err, PP_ETRUNC, "pmemsave gave %zu of %u bytes", n, SLB_SIZE);
	logf_("qmp pmemsave 0x%llx +64 KiB -> %s", (unsigned long long)base, path);
	return slb_check(base, slb, SLB_SIZE, info, err);
}

static void handle_skinit(const char *line)
{
	char path[PATH_MAX + 32];
	struct slb_info info = {0};
	struct pp_err err = {0};
	bool stopped = false;
	u64 t0 = dio_now_ms();
	FILE *res;
	u64 base;
	int rc;

	h.requests++;
	snprintf(path, sizeof(path), "%s/drtm-result.txt", h.dir);
	res = fopen(path, "w");
	if (!res) {
		logf_("error: cannot write %s: %s", path, strerror(errno));
		reply(PP_EDEVICE, "harness cannot write its result file");
		return;
	}
	logf_("com2: request '%s'", line);
	rc = drtm_parse_request(line, &base, &err);
	if (rc)
		goto out;
	fprintf(res, "slb_base 0x%llx\n", (unsigned long long)base);
	rc = qmp_exec(&h.qmp, "{\"execute\":\"stop\"}", &err);
	if (rc)
		goto out;
	stopped = true;
	logf_("qmp stop: VM paused");
	rc = proxy_quiesce(&h.proxy, QUIESCE_MS, false, &err);
	if (rc)
		goto out;
	rc = read_slb(base, &info, &err);
	if (rc)
		goto out;
	logf_("slb 0x%llx: entry 0x%x, measured length %u", (unsigned long long)base,
	      info.entry_offset, info.measured_len);
	fprintf(res, "entry_offset %u\nmeasured_len %u\n", info.entry_offset, info.measured_len);
	if (h.proxy.s_ctrl < 0) {
		rc = pp_fail(&err, PP_ENOENT, "no swtpm control connection");
		goto out;
	}
	/* The QMP waits kept the proxy served: nothing of QEMU's may be in
	 * flight while the CPU's part runs (the VM stayed paused: if nothing
	 * moved during pmemsave, the first settle still holds). */
	rc = proxy_quiesce(&h.proxy, QUIESCE_MS, true, &err);
	if (rc)
		goto out;
	rc = ptm_drtm_hash(h.proxy.s_ctrl, slb, info.measured_len, h.proxy.qemu_locality, h.log,
			   &err);
	if (rc)
		goto out;
	h.measured++;
	fprintf(res, "measured yes\n");
	rc = check_pcr17(slb, info.measured_len, res, &err);
out:
	if (rc)
		logf_("error: %s", err.msg);
	if (stopped) {
		struct pp_err e2;
		if (qmp_exec(&h.qmp, "{\"execute\":\"cont\"}", &e2)) {
			logf_("error: %s", e2.msg);
		} else {
			logf_("qmp cont: VM resumed");
		}
	}
	logf_("request handled in %llu ms (VM paused for the measurement)",
	      (unsigned long long)(dio_now_ms() - t0));
	fprintf(res, "status %s\n", rc ? "error" : "ok");
	if (rc)
		fprintf(res, "error %s\n", err.msg);
	fclose(res);
	/* Measured but the read-back disagrees: the guest's own PCR17 check
	 * will see it; the harness reports OK for the measurement it did. */
	if (rc == PP_ECHECKSUM)
		reply(0, NULL);
	else
		reply(rc, err.msg);
}

static void com2_input(void)
{
	char buf[512];
	ssize_t n = recv(h.com2, buf, sizeof(buf), 0);

	if (n < 0 && errno == EINTR)
		return;
	if (n <= 0) {
		logf_("com2: QEMU closed the channel");
		close(h.com2);
		h.com2 = -1;
		return;
	}
	for (ssize_t i = 0; i < n; i++) {
		char c = buf[i];

		if (c == '\r')
			continue;
		if (c != '\n') {
			if (h.line_len < DRTM_LINE_MAX)
				h.line[h.line_len++] = c;
			else
				h.line_overflow = true;
			continue;
		}
		h.line[h.line_len] = '\0';
		if (h.line_overflow)
			logf_("com2: dropped a line longer than %u bytes", DRTM_LINE_MAX);
		else if (!strncmp(h.line, "SKINIT ", 7))
			handle_skinit(h.line);
		else if (h.line_len)
			logf_("com2: ignored line '%.60s'", h.line);
		h.line_len = 0;
		h.line_overflow = false;
	}
}

static int accept_one(int *lfd, const char *what)
{
	int fd = accept4(*lfd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return -1;
	close(*lfd);
	*lfd = -1;
	logf_("%s: QEMU connected", what);
	return fd;
}

static int run(void)
{
	u64 start = dio_now_ms();
	bool seen_qemu = false;
	struct pp_err err;

	while (!stop_requested) {
		struct pollfd pfd[10];
		int n = 0, r;

		if (h.proxy.closed || h.qmp.closed) {
			logf_("QEMU is gone: %u request(s), %u measured; exiting", h.requests,
			      h.measured);
			return 0;
		}
		if (!seen_qemu && dio_now_ms() - start > (u64)h.accept_timeout_s * 1000u) {
			logf_("error: QEMU did not connect within %d s; exiting",
			      h.accept_timeout_s);
			return 1;
		}
		if (h.l_tpm >= 0)
			pfd[n++] = (struct pollfd){.fd = h.l_tpm, .events = POLLIN};
		if (h.l_com2 >= 0)
			pfd[n++] = (struct pollfd){.fd = h.l_com2, .events = POLLIN};
		if (h.l_qmp >= 0)
			pfd[n++] = (struct pollfd){.fd = h.l_qmp, .events = POLLIN};
		if (h.com2 >= 0)
			pfd[n++] = (struct pollfd){.fd = h.com2, .events = POLLIN};
		if (h.qmp.fd >= 0)
			pfd[n++] = (struct pollfd){.fd = h.qmp.fd, .events = POLLIN};
		n += proxy_pollfds(&h.proxy, pfd + n, 10 - n);
		r = poll(pfd, (nfds_t)n, 500);
		if (r < 0 && errno != EINTR) {
			logf_("error: poll: %s", strerror(errno));
			return 1;
		}
		for (int i = 0; r > 0 && i < n; i++) {
			int fd = pfd[i].fd, c;

			if (!pfd[i].revents)
				continue;
			if (fd == h.l_tpm) {
				c = accept_one(&h.l_tpm, "tpm proxy");
				if (c >= 0 && proxy_attach(&h.proxy, c, &err)) {
					logf_("error: %s", err.msg);
					close(c);
					return 1;
				}
				seen_qemu = true;
			} else if (fd == h.l_com2) {
				h.com2 = accept_one(&h.l_com2, "com2");
			} else if (fd == h.l_qmp) {
				c = accept_one(&h.l_qmp, "qmp");
				if (c >= 0 && qmp_attach(&h.qmp, c, &err)) {
					logf_("error: %s", err.msg);
					return 1;
				}
			} else if (fd == h.com2) {
				com2_input();
			} else if (fd == h.qmp.fd) {
				if (qmp_service(&h.qmp, &err) && !h.qmp.closed)
					logf_("error: %s", err.msg);
			} else if (proxy_service(&h.proxy, fd, &err)) {
				logf_("error: %s", err.msg);
				return 1;
			}
		}
	}
	logf_("terminated: %u request(s), %u measured", h.requests, h.measured);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: drtm-harness --swtpm-ctrl SOCK --tpm-sock SOCK --com2-sock SOCK "
			"--qmp-sock SOCK --dir DIR [--log FILE] [--accept-timeout SECONDS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *dir = NULL;

	struct pp_err err;
	int rc;

	h.accept_timeout_s = 120;
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		if (!strcmp(argv[i], "--swtpm-ctrl"))
			h.swtpm_ctrl = v;
		else if (!strcmp(argv[i], "--tpm-sock"))
			h.tpm_sock = v;
		else if (!strcmp(argv[i], "--com2-sock"))
			h.com2_sock = v;
		else if (!strcmp(argv[i], "--qmp-sock"))
			h.qmp_sock = v;
		else if (!strcmp(argv[i], "--dir"))
			dir = v;
		else if (!strcmp(argv[i], "--log"))
			h.log_path = v;
		else if (!strcmp(argv[i], "--accept-timeout"))
			h.accept_timeout_s = atoi(v);
		else
			usage();
		i++;
	}
	if (!h.swtpm_ctrl || !h.tpm_sock || !h.com2_sock || !h.qmp_sock || !dir ||
	    h.accept_timeout_s <= 0)
		usage();
	if (!realpath(dir, h.dir)) {
		fprintf(stderr, "drtm-harness: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	if (!h.log_path) {
		snprintf(log_path, sizeof(log_path), "%s/drtm-harness.log", h.dir);
		h.log_path = log_path;
	}
	h.log = fopen(h.log_path, "a");
	if (!h.log) {
		fprintf(stderr, "drtm-harness: %s: %s\n", h.log_path, strerror(errno));
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGHUP, on_signal);
	h.com2 = -1;
	proxy_init(&h.proxy, h.swtpm_ctrl, h.log);
	qmp_init(&h.qmp, h.log);
	h.qmp.wait = qmp_wait;
	h.l_tpm = dio_listen(h.tpm_sock, &err);
	h.l_com2 = h.l_tpm < 0 ? -1 : dio_listen(h.com2_sock, &err);
	h.l_qmp = h.l_com2 < 0 ? -1 : dio_listen(h.qmp_sock, &err);
	if (h.l_qmp < 0) {
		logf_("error: %s", err.msg);
		return 1;
	}
	logf_("listening: tpm %s, com2 %s, qmp %s; swtpm control %s", h.tpm_sock, h.com2_sock,
	      h.qmp_sock, h.swtpm_ctrl);
	rc = run();
	proxy_close(&h.proxy);
	if (h.com2 >= 0)
		close(h.com2);
	if (h.qmp.fd >= 0)
		close(h.qmp.fd);
	unlink(h.tpm_sock);
	unlink(h.com2_sock);
	unlink(h.qmp_sock);
	fclose(h.log);
	return rc;
}
