/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The two workload programs (work-a.c, work-b.c) share work.c: heartbeats
 * and numbered messages over their channel `ab`, each send followed by a
 * channel signal to the peer (counted by the peer's kit, gk_signals). The ABI does not report
 * where a channel's memory is, so the programs and the policy agree on it
 * here (docs/guest-kit.md, "The default programs"): both ends of `ab` at
 * guest-physical WORK_AB_GPA, WORK_AB_SIZE bytes, read-write.
 */
#ifndef GUEST_WORK_H
#define GUEST_WORK_H

#define WORK_AB_GPA 0x1000000u /* 16 MiB: just above the partitions' 16 MiB of RAM */
#define WORK_AB_SIZE 0x1000u
#define WORK_BEAT_MS 500u /* heartbeat and one message per beat */
#define WORK_POLL_MS 10u  /* how often the channel is polled between beats (halted between) */

/* Runs forever; returns only when the channel cannot be opened. */
int work_run(const char *name);

#endif
