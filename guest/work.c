// SPDX-License-Identifier: GPL-2.0-only
/* The workload programs' shared loop (work.h). */
#include "work.h"
#include "kit/gk.h"

struct work_msg {
	uint64_t seq;  /* 1, 2, ... per sender */
	char from[16]; /* the sender's name, NUL-terminated */
};

static void copy_name(char *dst, const char *src, size_t cap)
{
	size_t i = 0;
	for (; src[i] && i + 1 < cap; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

/* Signals the peer after a send; says once if the call fails. */
static void signal_peer(struct gk_chan *c, int *failed)
{
	int64_t st = gk_chan_signal(c);
	if (st != PP_HC_OK && !*failed) {
		*failed = 1;
		gk_printf("channel ab: signal failed (%s)\n", gk_status_name(st));
	}
}

/* Says once when the first channel signal has been taken. */
static void note_signals(int *seen)
{
	if (!*seen && gk_signals() > 0) {
		*seen = 1;
		gk_printf("channel ab: first signal received\n");
	}
}

/* Takes every message waiting; checks the numbering. */
static void drain(struct gk_chan *c, uint64_t *expect)
{
	for (;;) {
		struct work_msg m;
		int n = gk_chan_recv(c, &m, sizeof(m));
		if (n == GK_RING_EMPTY || n == GK_RING_ENOTREADY)
			return;
		if (n != (int)sizeof(m)) {
			gk_printf("channel ab: bad message (%d)\n", n);
			return;
		}
		m.from[sizeof(m.from) - 1] = '\0';
		if (m.seq != *expect)
			gk_printf("received #%llu from %s (expected #%llu)\n",
				  (unsigned long long)m.seq, m.from, (unsigned long long)*expect);
		else
			gk_printf("received #%llu from %s\n", (unsigned long long)m.seq, m.from);
		*expect = m.seq + 1;
	}
}

int work_run(const char *name)
{
	uint64_t id = 0, ncaps = 0;
	int64_t st = gk_self(&id, &ncaps);
	gk_printf("guest kit up, partition %llu, %llu capabilities (%s), apic %u\n",
		  (unsigned long long)id, (unsigned long long)ncaps, gk_status_name(st),
		  gk_apic_id());
	struct gk_cap end;
	struct gk_chan chan;
	if (gk_chan_end(0, &end) != 0 || gk_chan_open(&chan, &end, WORK_AB_GPA, WORK_AB_SIZE)) {
		gk_printf("no usable channel end for ab, stopping\n");
		return 1;
	}
	gk_printf("channel ab: selector %llu, peer %llu, %llu bytes at 0x%llx\n",
		  (unsigned long long)end.sel, (unsigned long long)chan.peer,
		  (unsigned long long)WORK_AB_SIZE, (unsigned long long)WORK_AB_GPA);
	uint64_t sent = 0, expect = 1;
	int signal_failed = 0, signal_seen = 0;
	/* Beats on an absolute schedule: a poll that wakes late (a shared core's
	 * other slice) does not stretch the period; a partition that fell more
	 * than a period behind starts a new schedule instead of bursting. */
	const uint64_t period = (uint64_t)WORK_BEAT_MS * gk_tsc_khz(0);
	uint64_t due = gk_rdtsc();
	for (uint64_t beat = 0;; beat++) {
		gk_printf("heartbeat %llu apic %u signals %llu\n", (unsigned long long)beat,
			  gk_apic_id(), (unsigned long long)gk_signals());
		struct work_msg m = {sent + 1, {0}};
		copy_name(m.from, name, sizeof(m.from));
		int n = gk_chan_send(&chan, &m, sizeof(m));
		if (n == (int)sizeof(m)) {
			sent++;
			signal_peer(&chan, &signal_failed);
		} else if (n != GK_RING_EFULL) {
			gk_printf("channel ab: send failed (%d)\n", n);
		}
		due += period;
		if ((int64_t)(gk_rdtsc() - due) > (int64_t)period)
			due = gk_rdtsc() + period;
		while ((int64_t)(due - gk_rdtsc()) > 0) {
			drain(&chan, &expect);
			note_signals(&signal_seen);
			gk_delay_ms(WORK_POLL_MS);
		}
	}
}
