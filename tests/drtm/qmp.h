/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal QMP client for the DRTM harness: QEMU connects to a socket the
 * harness listens on (`-chardev socket,id=qmp,path=P -mon
 * chardev=qmp,mode=control`), sends its greeting; the harness answers
 * with qmp_capabilities and later runs `stop`, `pmemsave`, `cont`. QMP
 * is one JSON object per line; asynchronous events ("event") are skipped.
 * Every wait is bounded.
 */
#ifndef PARAPET_TESTS_DRTM_QMP_H
#define PARAPET_TESTS_DRTM_QMP_H

#include <stdbool.h>
#include <stdio.h>
#include <parapet/err.h>
#include <parapet/types.h>

#define QMP_BUF 8192
#define QMP_TIMEOUT_MS 10000

struct qmp {
	int fd;
	bool ready; /* greeting seen, capabilities negotiated */
	bool closed;
	FILE *log;
	/* Wait up to ms for fd to be readable while keeping the harness's
	 * other channels (the TPM proxy) served: 1 ready, 0 timeout, <0 error.
	 * NULL: plain poll. QEMU may need the proxy to answer before it
	 * answers QMP (its TPM backend starts synchronously). */
	int (*wait)(void *ctx, int fd, int ms);
	void *wait_ctx;
	char buf[QMP_BUF];
	size_t len;
};

void qmp_init(struct qmp *q, FILE *log);
/* QEMU connected: read the greeting, negotiate capabilities. */
int qmp_attach(struct qmp *q, int fd, struct pp_err *err);
/* Drain and log asynchronous events (fd readable in the main loop). */
int qmp_service(struct qmp *q, struct pp_err *err);
/* Run one command (a JSON object, no newline); PP_EDEVICE on "error". */
int qmp_exec(struct qmp *q, const char *json, struct pp_err *err);

#endif
