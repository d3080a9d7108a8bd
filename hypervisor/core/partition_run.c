// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running the partitions (partition.h, docs/partitions.md "Running"):
 * every CPU that holds a ready partition runs it, the boot CPU last, each
 * with its host tick (irq.h) so a halted guest wakes at least every tick.
 * An exclusive core runs its partition until it stops (its own fault, or
 * a stop from a partition that controls it), then waits for a restart; a
 * time-shared core runs its partitions in fixed slices (shared_loop). Requests
 * between CPUs (signal, stop, restart) are posted to the target's vCPU
 * (vcpu.h) or `restart` word, then the target's CPU is kicked (IPI).
 *
 * Ready: the boot is "ready" once every built partition has started (its
 * first exit: it ran) or is settled otherwise, within PART_START_US; only
 * then does main's at_ready confirm the policy and print the summary.
 */
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/cache_qos.h"
#include "hypervisor/arch/x86_64/irq.h"
#include "hypervisor/arch/x86_64/lapic.h"
#include "hypervisor/arch/x86_64/lapic_timer.h"
#include "hypervisor/arch/x86_64/smp.h"
#include "hypervisor/arch/x86_64/virt.h"
#include "hypervisor/arch/x86_64/timer.h"
#include "console.h"
#include "linux/lvm.h"
#include "memory.h"
#include "partition.h"
#include "partition_int.h"
#include "policy_boot.h"

#define PART_START_US 3000000u /* for every partition to start (TCG is slow) */

static void (*at_ready_fn)(u32 started, u32 total);
static u32 ready_done;
static int bsp_madt = -1;

/* A Linux partition's core gets an NMI: its fixed vectors go to the
 * guest's own IDT (partition_linux.c), where the kick vector would mean
 * nothing, while the intercepted NMI makes it exit whatever the guest's
 * IF (svm_vcpu_run then serves the request; lapic.h). */
static void kick(const struct hv_part *p)
{
	if (p->apic == lapic_id())
		return;
	if (p->lnx)
		lapic_send_nmi(p->apic);
	else
		lapic_send_ipi(p->apic, IRQ_VEC_KICK);
}

static struct hv_part *by_id(u32 id)
{
	for (u32 i = 0; i < hv_nparts; i++)
		if (hv_parts[i].pp && hv_parts[i].pp->id == id)
			return &hv_parts[i];
	return NULL;
}

static u32 state(const struct hv_part *p)
{
	return __atomic_load_n(&p->state, __ATOMIC_ACQUIRE);
}

/* Every partition that can start has started (or stopped before it could);
 * then at_ready, once. */
static void ready(void)
{
	struct timeout t;
	u32 started = 0;
	if (__atomic_exchange_n(&ready_done, 1u, __ATOMIC_ACQ_REL))
		return;
	timeout_start(&t, PART_START_US);
	for (u32 i = 0; i < hv_nparts; i++) {
		const struct hv_part *p = &hv_parts[i];
		for (;;) {
			u32 st = state(p);
			if ((st != PART_READY && st != PART_RUNNING) ||
			    __atomic_load_n(&p->started, __ATOMIC_ACQUIRE) || timeout_expired(&t))
				break;
			cpu_relax();
		}
		started += __atomic_load_n(&p->started, __ATOMIC_ACQUIRE);
	}
	if (at_ready_fn)
		at_ready_fn(started, hv_policy.n_parts);
}

/* Every partition of the boot CPU that can start has: ready() may wait
 * for the others (a time-shared boot CPU runs its partitions in turn, so
 * the last of them to start is the one that may wait). */
static bool bsp_core_started(void)
{
	for (u32 i = 0; i < hv_nparts; i++) {
		const struct hv_part *p = &hv_parts[i];
		u32 st = state(p);
		if ((int)p->cpu == bsp_madt && (st == PART_READY || st == PART_RUNNING) &&
		    !__atomic_load_n(&p->started, __ATOMIC_ACQUIRE))
			return false;
	}
	return true;
}

/* The boot CPU's partition, after each interrupt exit: the IOMMUs' fault
 * records (at most once per host tick: dma_poll). */
void part_after_intr(void *ctx)
{
	(void)ctx;
	dma_poll();
}

void part_started(void *ctx)
{
	struct hv_part *p = ctx;
	__atomic_store_n(&p->started, 1u, __ATOMIC_RELEASE);
	if ((int)p->cpu == bsp_madt && bsp_core_started())
		ready();
}

long part_hc_signal(void *ctx, u32 peer, u32 index)
{
	(void)ctx;
	(void)index;
	struct hv_part *q = by_id(peer);
	u32 st = q ? state(q) : PART_NONE;
	if (st != PART_READY && st != PART_RUNNING)
		return PP_HC_ESTATE;
	virt_vcpu_request(&q->vcpu, VIRT_REQ_SIGNAL);
	kick(q);
	return PP_HC_OK;
}

/* Claim a running partition's stop (RUNNING -> STOPPING; its CPU makes it
 * STOPPED): the claimer alone writes the reason and posts the request. */
static bool claim_stop_why(struct hv_part *q, const char *why)
{
	u32 st = PART_RUNNING;
	if (!__atomic_compare_exchange_n(&q->state, &st, PART_STOPPING, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return false;
	pp_snprintf(q->stop_why, sizeof(q->stop_why), "%s", why);
	q->vcpu.stop_why = q->stop_why;
	virt_vcpu_request(&q->vcpu, VIRT_REQ_STOP);
	return true;
}

static bool claim_stop(struct hv_part *q, const char *what, const char *by, const char *call)
{
	char why[sizeof(q->stop_why)];
	pp_snprintf(why, sizeof(why), "%s by %s (%s)", what, by, call);
	return claim_stop_why(q, why);
}

/* The boot CPU, draining the IOMMUs (dma_fault_take): post, kick, go on. */
bool part_stop_for_fault(struct hv_part *p, const char *why)
{
	if (!claim_stop_why(p, why))
		return false;
	kick(p);
	return true;
}

long part_hc_control(void *ctx, u32 target, u64 op)
{
	const struct hv_part *self = ctx;
	struct hv_part *q = by_id(target);
	if (!q)
		return PP_HC_ESTATE;
	if (op == PP_HC_PART_STOP) {
		/* one stop at a time: a stopping or stopped partition is refused */
		if (!claim_stop(q, "stopped", self->pp->name, "PP_HC_PART_STOP"))
			return PP_HC_ESTATE;
	} else {
		u32 st = state(q);
		if (st != PART_RUNNING && st != PART_STOPPING && st != PART_STOPPED)
			return PP_HC_ESTATE; /* never started: nothing to restart */
		__atomic_store_n(&q->restart, 1u, __ATOMIC_RELEASE);
		(void)claim_stop(q, "restart requested", self->pp->name, "PP_HC_PART_RESTART");
	}
	kick(q);
	return PP_HC_OK;
}

static u64 us_to_tsc(u64 us)
{
	return us * timer_tsc_khz() / 1000u;
}

/* One turn of p on its CPU: run it until `deadline` (TSC; 0: none) or until
 * it stops; a stopped partition with a restart pending is reset. */
static void turn(struct hv_part *p, u64 deadline)
{
	struct pp_err err = {0, ""};
	u32 st = state(p);
	if (st == PART_READY) {
		__atomic_store_n(&p->state, PART_RUNNING, __ATOMIC_RELEASE);
		hv_printf("partition %s: running on cpu %u\n", p->pp->name, p->cpu);
		st = PART_RUNNING;
	}
	if (st == PART_RUNNING || st == PART_STOPPING) {
		p->vcpu.deadline = deadline;
		cache_qos_enter(p->idx); /* its L3 mask, where the CPU has them */
		bool stopped = virt_vcpu_run(&p->vcpu);
		cache_qos_leave();
		if (!stopped)
			return; /* its slice is over */
		if (p->lnx) {
			part_lsmp_stop_all(p); /* its other vCPUs first: then none runs */
			lnx_vm_report(p->lnx);
			lapic_quiesce(); /* the guest owned this core's local APIC */
			if (p->vcpu.reset)
				__atomic_store_n(&p->restart, 1u, __ATOMIC_RELEASE);
		}
		dma_part_block(p); /* its devices first: nothing DMAs into a stopped partition */
		__atomic_store_n(&p->state, PART_STOPPED, __ATOMIC_RELEASE);
		hv_printf(
		    "partition %s: stopped after %llu exits, %llu hypercalls (%llu refused)\n",
		    p->pp->name, (unsigned long long)p->vcpu.exits, (unsigned long long)p->hc.calls,
		    (unsigned long long)p->hc.refused);
		if ((int)p->cpu == bsp_madt && bsp_core_started())
			ready(); /* if it stopped before its first exit */
	}
	if (!__atomic_exchange_n(&p->restart, 0u, __ATOMIC_ACQ_REL))
		return;
	u64 calls = p->hc.calls, refused = p->hc.refused;
	if (part_reset(p, &err)) {
		hv_printf("partition %s: restart failed: %s\n", p->pp->name, err.msg);
		return;
	}
	p->hc.calls = calls;
	p->hc.refused = refused;
	if (dma_part_attach(p, &err)) {
		hv_printf("partition %s: restart failed: its devices: %s\n", p->pp->name, err.msg);
		return;
	}
	if (p->lnx)
		part_lsmp_reset(p); /* its APs wait for vCPU 0's SIPIs again */
	hv_printf("partition %s: restarted from its measured image\n", p->pp->name);
	__atomic_store_n(&p->state, PART_READY, __ATOMIC_RELEASE);
}

static void idle(void)
{
	cpu_wait_event();
	if (part_this_madt_index() == bsp_madt)
		dma_poll(); /* the boot CPU's housekeeping while its partitions idle */
}

static void wait_until(u64 tsc)
{
	while (rdtsc() < tsc)
		idle();
}

/* An exclusive core: its one partition for as long as the machine runs. */
static PP_NORETURN void exclusive_loop(struct hv_part *p)
{
	for (;;) {
		turn(p, 0);
		if (state(p) == PART_STOPPED && !__atomic_load_n(&p->restart, __ATOMIC_ACQUIRE))
			idle();
	}
}

/*
 * A time-shared core: a fixed cyclic schedule, in policy order, each
 * partition its slice of every period, the rest of the period idle. A
 * slice is the partition's whether it uses it or not (halted, stopped:
 * the core idles), so no partition's behaviour moves another's slices,
 * and a busy one is preempted at the first exit past its slice's end (the
 * host tick makes one at least every tick).
 */
static PP_NORETURN void shared_loop(struct hv_part **list, u32 n)
{
	const u64 period = us_to_tsc(list[0]->period_us);
	u64 start = rdtsc();
	for (;;) {
		u64 t = start;
		for (u32 i = 0; i < n; i++) {
			u64 end = t + us_to_tsc(list[i]->slice_us);
			turn(list[i], end);
			wait_until(end);
			t = end;
		}
		start += period;
		u64 now = rdtsc();
		if (now > start + period)
			start = now; /* fell more than a period behind: a new grid */
		wait_until(start);
	}
}

/* An application processor of a Linux partition on this CPU: SVM, then its
 * loop (partition_lsmp.c; never returns). No host tick: the guest will own
 * this core's local APIC. */
static void lsmp_here(int me)
{
	struct pp_err err = {0, ""};
	for (u32 i = 0; i < hv_nparts; i++) {
		struct hv_part *p = &hv_parts[i];
		u32 st = state(p);
		if (!p->lnx || st == PART_NONE)
			continue; /* any other state: it may (re)start */
		for (u32 k = 1; k < p->lnx_ncpu; k++) {
			if ((int)p->lnx_ap[k - 1].cpu != me ||
			    __atomic_load_n(&p->lnx_ap[k - 1].state, __ATOMIC_ACQUIRE) == LSMP_OFF)
				continue;
			if (virt_enable_cpu(NULL, &err) || cache_qos_program_masks(&err)) {
				hv_printf("partition %s: vCPU %u not started: %s\n", p->pp->name, k,
					  err.msg);
				return;
			}
			part_lsmp_ap_loop(p, k);
		}
	}
}

/* Start this CPU's ready partitions, if it has any: SVM, the host tick. */
static void start_here(bool bsp)
{
	struct pp_err err = {0, ""};
	struct hv_part *list[PP_POL_MAX_PARTS];
	u32 n = 0;
	int me = part_this_madt_index();
	for (u32 i = 0; i < hv_nparts; i++)
		if (state(&hv_parts[i]) == PART_READY && (int)hv_parts[i].cpu == me)
			list[n++] = &hv_parts[i];
	if (!n) {
		lsmp_here(me);
		return;
	}
	int rc = virt_enable_cpu(bsp ? &hv_palloc : NULL, &err);
	if (!rc)
		rc = cache_qos_program_masks(&err);
	/* a Linux partition owns its core's local APIC: no host tick there */
	if (!rc && !list[0]->lnx)
		rc = lapic_timer_start(HV_TICK_HZ, &err);
	if (!rc && list[0]->period_us && !timer_tsc_khz())
		rc = pp_fail(&err, PP_ENOTSUP, "time slices need a calibrated TSC");
	for (u32 i = 0; !rc && i < n; i++)
		if (list[i]->period_us && list[i]->slice_us < 1000000u / HV_TICK_HZ)
			rc = pp_fail(&err, PP_ERANGE,
				     "slice %u us is shorter than the host tick (%u us)",
				     list[i]->slice_us, 1000000u / HV_TICK_HZ);
	if (rc) {
		for (u32 i = 0; i < n; i++) {
			hv_printf("partition %s: not started: %s\n", list[i]->pp->name, err.msg);
			__atomic_store_n(&list[i]->state, PART_NONE, __ATOMIC_RELEASE);
		}
		return;
	}
	if (!list[0]->period_us)
		exclusive_loop(list[0]);
	shared_loop(list, n);
}

static void ap_main(void)
{
	start_here(false);
}

void partitions_run(void (*at_ready)(u32 started, u32 total))
{
	at_ready_fn = at_ready;
	bsp_madt = part_this_madt_index();
	smp_run_on_aps(ap_main);
	start_here(true); /* returns only when the boot CPU has no partition */
	ready();
}
