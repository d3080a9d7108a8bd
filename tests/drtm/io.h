/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Socket helpers for the DRTM harness (host only): unix stream sockets,
 * reads and writes that never wait longer than a timeout, and fd passing
 * (SCM_RIGHTS) for swtpm's CMD_SET_DATAFD.
 */
#ifndef PARAPET_TESTS_DRTM_IO_H
#define PARAPET_TESTS_DRTM_IO_H

#include <stddef.h>
#include <parapet/err.h>
#include <parapet/types.h>

#define DIO_MAX_FDS 4

int dio_listen(const char *path, struct pp_err *err);
int dio_connect(const char *path, struct pp_err *err);
/* Wait up to ms for fd to be readable: 1 ready, 0 timeout, <0 error. */
int dio_wait_readable(int fd, int ms);
int dio_write_all(int fd, const void *buf, size_t n, int ms, struct pp_err *err);
/* Read exactly n bytes within ms in all (PP_ETIMEOUT / PP_ETRUNC on EOF). */
int dio_read_exact(int fd, void *buf, size_t n, int ms, struct pp_err *err);
/*
 * One recvmsg(): up to cap bytes and up to DIO_MAX_FDS passed fds.
 * Returns the byte count (0 = EOF) or <0 with errno set.
 */
long dio_recv_fds(int fd, void *buf, size_t cap, int *fds, int *nfds);
/* sendmsg() of all n bytes, the fds attached to the first chunk. */
int dio_send_fds(int fd, const void *buf, size_t n, const int *fds, int nfds, int ms,
		 struct pp_err *err);
/* Milliseconds on a monotonic clock. */
u64 dio_now_ms(void);

#endif
