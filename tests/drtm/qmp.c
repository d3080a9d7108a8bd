// SPDX-License-Identifier: GPL-2.0-only
/* Minimal QMP client (qmp.h). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tests/drtm/io.h"
#include "tests/drtm/qmp.h"

void qmp_init(struct qmp *q, FILE *log)
{
	memset(q, 0, sizeof(*q));
	q->fd = -1;
	q->log = log;
}

/* Read more bytes into the buffer (waits at most ms). */
static int fill(struct qmp *q, int ms, struct pp_err *err)
{
	ssize_t n;
	int r;

	if (q->len >= sizeof(q->buf) - 1)
		return pp_fail(err, PP_ERANGE, "qmp: line longer than %zu bytes", sizeof(q->buf));
	r = q->wait ? q->wait(q->wait_ctx, q->fd, ms) : dio_wait_readable(q->fd, ms);
	if (r == 0)
		return pp_fail(err, PP_ETIMEOUT, "qmp: no answer within %d ms", ms);
	if (r < 0)
		return pp_fail(err, PP_EDEVICE, "qmp: poll: %s", strerror(errno));
	n = recv(q->fd, q->buf + q->len, sizeof(q->buf) - 1 - q->len, 0);
	if (n < 0 && errno == EINTR)
		return 0;
	if (n < 0)
		return pp_fail(err, PP_EDEVICE, "qmp: recv: %s", strerror(errno));
	if (n == 0) {
		q->closed = true;
		return pp_fail(err, PP_ETRUNC, "qmp: QEMU closed the connection");
	}
	q->len += (size_t)n;
	return 0;
}

/* Take one complete line out of the buffer into line[] (false if none). */
static bool take_line(struct qmp *q, char *line, size_t cap)
{
	char *nl = memchr(q->buf, '\n', q->len);
	size_t n;

	if (!nl)
		return false;
	n = (size_t)(nl - q->buf);
	if (n && q->buf[n - 1] == '\r')
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(line, q->buf, n);
	line[n] = '\0';
	n = (size_t)(nl - q->buf) + 1;
	memmove(q->buf, q->buf + n, q->len - n);
	q->len -= n;
	return true;
}

static int read_line(struct qmp *q, char *line, size_t cap, u64 deadline, struct pp_err *err)
{
	while (!take_line(q, line, cap)) {
		u64 now = dio_now_ms();
		int rc;

		if (now >= deadline)
			return pp_fail(err, PP_ETIMEOUT, "qmp: no answer within %d ms",
				       QMP_TIMEOUT_MS);
		rc = fill(q, (int)(deadline - now), err);
		if (rc)
			return rc;
	}
	return 0;
}

static int negotiate(struct qmp *q, const char *greeting, struct pp_err *err);

int qmp_exec(struct qmp *q, const char *json, struct pp_err *err)
{
	static char line[QMP_BUF];
	u64 deadline = dio_now_ms() + QMP_TIMEOUT_MS;
	int rc;

	if (q->fd < 0 || q->closed)
		return pp_fail(err, PP_ENOENT, "qmp: QEMU not connected");
	if (!q->ready && strstr(json, "qmp_capabilities") == NULL) {
		/* A request before the greeting was processed: take it now. */
		static char greeting[QMP_BUF];

		rc = read_line(q, greeting, sizeof(greeting), deadline, err);
		if (!rc)
			rc = negotiate(q, greeting, err);
		if (rc)
			return rc;
	}
	rc = dio_write_all(q->fd, json, strlen(json), QMP_TIMEOUT_MS, err);
	if (!rc)
		rc = dio_write_all(q->fd, "\n", 1, QMP_TIMEOUT_MS, err);
	if (rc)
		return rc;
	for (;;) {
		rc = read_line(q, line, sizeof(line), deadline, err);
		if (rc)
			return rc;
		if (strstr(line, "\"event\""))
			continue;
		if (strstr(line, "\"return\""))
			return 0;
		if (strstr(line, "\"error\""))
			return pp_fail(err, PP_EDEVICE, "qmp: %.100s failed: %.100s", json, line);
		fprintf(q->log, "drtm-harness: qmp: ignored '%.200s'\n", line);
	}
}

int qmp_attach(struct qmp *q, int fd, struct pp_err *err)
{
	/* QEMU sends its greeting only once its main loop runs (after the TPM
	 * backend's synchronous start, which needs the proxy): do not wait
	 * for it here; qmp_service() negotiates when it arrives. */
	(void)err;
	q->fd = fd;
	return 0;
}

static int negotiate(struct qmp *q, const char *greeting, struct pp_err *err)
{
	int rc;

	if (!strstr(greeting, "\"QMP\""))
		return pp_fail(err, PP_EMAGIC, "qmp: unexpected greeting '%.80s'", greeting);
	rc = qmp_exec(q, "{\"execute\":\"qmp_capabilities\"}", err);
	if (rc)
		return rc;
	q->ready = true;
	fprintf(q->log, "drtm-harness: qmp: connected, capabilities negotiated\n");
	return 0;
}

int qmp_service(struct qmp *q, struct pp_err *err)
{
	static char line[QMP_BUF];
	int rc = fill(q, 0, err);

	if (rc == PP_ETIMEOUT)
		return 0;
	if (rc)
		return rc;
	while (take_line(q, line, sizeof(line))) {
		if (!q->ready) {
			rc = negotiate(q, line, err);
			if (rc)
				return rc;
		} else if (!strstr(line, "\"event\"")) {
			fprintf(q->log, "drtm-harness: qmp: unexpected '%.200s'\n", line);
		}
	}
	return 0;
}
