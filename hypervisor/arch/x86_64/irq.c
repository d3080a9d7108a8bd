// SPDX-License-Identifier: GPL-2.0-only
/*
 * External interrupts (irq.h): the dispatch isr.S calls for vectors
 * 32-254, the per-CPU counters and the boot self-checks. Each CPU writes
 * only its own row (with interrupts off: gates clear IF, so no nesting);
 * any CPU may read any row (relaxed atomics: counts, not ordering).
 */
#include <parapet/x86.h>
#include "desc.h"
#include "irq.h"
#include "lapic.h"
#include "lapic_timer.h"
#include "percpu.h"
#include "timer.h"

_Static_assert(IRQ_VEC_SPURIOUS == VECTOR_SPURIOUS, "the SVR's spurious vector");
_Static_assert(IRQ_VEC_TICK >= IRQ_VEC_FIRST_EXTERNAL && IRQ_VEC_KICK >= IRQ_VEC_FIRST_EXTERNAL &&
		   IRQ_VEC_TICK < IRQ_VEC_SPURIOUS && IRQ_VEC_KICK < IRQ_VEC_SPURIOUS,
	       "tick and kick are external vectors");

struct irq_counts {
	u64 n[IRQ_KINDS];
} __attribute__((aligned(64))); /* one cache line per CPU */

static struct irq_counts counts[HV_MAX_CPUS];
static u64 nmis[HV_MAX_CPUS];

struct irq_route {
	irq_route_fn fn; /* NULL: free slot */
	void *ctx;
	u32 arg;
	u32 vector;
};

struct irq_routes {
	struct irq_route r[IRQ_ROUTES_PER_CPU];
	u64 routed;
};

static struct irq_routes routes[HV_MAX_CPUS];

static void route(u32 cpu, u64 vector)
{
	struct irq_routes *t = &routes[cpu];
	for (u32 i = 0; i < IRQ_ROUTES_PER_CPU; i++)
		if (t->r[i].fn && t->r[i].vector == vector) {
			__atomic_add_fetch(&t->routed, 1u, __ATOMIC_RELAXED);
			t->r[i].fn(t->r[i].ctx, t->r[i].arg);
			return;
		}
}

void irq_dispatch(u64 vector)
{
	if (vector == IRQ_VEC_NMI) {
		u32 cpu = this_cpu_index();
		if (cpu < HV_MAX_CPUS)
			__atomic_add_fetch(&nmis[cpu], 1u, __ATOMIC_RELAXED);
		return; /* no EOI: an NMI is never in service in the ISR */
	}
	enum irq_kind k = irq_classify(vector);
	if (k == IRQ_KIND_SPURIOUS)
		return; /* isr.S returns for 255 itself; no EOI for it either way */
	if (k >= IRQ_KINDS)
		k = IRQ_KIND_OTHER;
	u32 cpu = this_cpu_index();
	if (cpu < HV_MAX_CPUS) {
		__atomic_add_fetch(&counts[cpu].n[k], 1u, __ATOMIC_RELAXED);
		if (k == IRQ_KIND_OTHER)
			route(cpu, vector);
	}
	lapic_eoi();
}

static bool vector_used(const struct irq_routes *t, u32 v)
{
	for (u32 i = 0; i < IRQ_ROUTES_PER_CPU; i++)
		if (t->r[i].fn && t->r[i].vector == v)
			return true;
	return false;
}

int irq_route_alloc(irq_route_fn fn, void *ctx, u32 arg, u32 *vector, struct pp_err *err)
{
	u32 cpu = this_cpu_index();
	if (cpu >= HV_MAX_CPUS || !fn)
		return pp_fail(err, PP_EINVAL, "irq: no route on cpu slot %u", cpu);
	struct irq_routes *t = &routes[cpu];
	for (u32 i = 0; i < IRQ_ROUTES_PER_CPU; i++) {
		if (t->r[i].fn)
			continue;
		for (u32 v = IRQ_VEC_ROUTE_FIRST; v <= IRQ_VEC_ROUTE_LAST; v++)
			if (!vector_used(t, v)) {
				t->r[i] = (struct irq_route){fn, ctx, arg, v};
				*vector = v;
				return PP_OK;
			}
	}
	return pp_fail(err, PP_ENOMEM, "irq: cpu %u has all %u routed vectors in use", cpu,
		       IRQ_ROUTES_PER_CPU);
}

void irq_route_free(u32 vector)
{
	u32 cpu = this_cpu_index();
	if (cpu >= HV_MAX_CPUS)
		return;
	for (u32 i = 0; i < IRQ_ROUTES_PER_CPU; i++)
		if (routes[cpu].r[i].fn && routes[cpu].r[i].vector == vector)
			routes[cpu].r[i].fn = NULL;
}

u64 irq_routed(u32 cpu)
{
	return cpu < HV_MAX_CPUS ? __atomic_load_n(&routes[cpu].routed, __ATOMIC_RELAXED) : 0;
}

static u64 count_of(u32 cpu, enum irq_kind k)
{
	return cpu < HV_MAX_CPUS ? __atomic_load_n(&counts[cpu].n[k], __ATOMIC_RELAXED) : 0;
}

u64 irq_nmis(u32 cpu)
{
	return cpu < HV_MAX_CPUS ? __atomic_load_n(&nmis[cpu], __ATOMIC_RELAXED) : 0;
}

u64 irq_ticks(u32 cpu)
{
	return count_of(cpu, IRQ_KIND_TICK);
}

u64 irq_kicks(u32 cpu)
{
	return count_of(cpu, IRQ_KIND_KICK);
}

u64 irq_other(u32 cpu)
{
	return count_of(cpu, IRQ_KIND_OTHER);
}

/* Phase 1, polled: interrupt windows until the first tick or the deadline
 * (a timer that never delivers must not leave the CPU in HLT for good). */
static int first_tick(u32 cpu, u64 start, struct timeout *t, struct pp_err *err)
{
	while (irq_ticks(cpu) == start) {
		if (timeout_expired(t))
			return pp_fail(err, PP_ETIMEOUT,
				       "irq: no tick (vector 0x%x) on cpu %u within %u ms of "
				       "starting the LAPIC timer (current count 0x%x, other "
				       "interrupts %llu)",
				       IRQ_VEC_TICK, cpu, IRQ_SELFTEST_US / 1000,
				       lapic_timer_current(), (unsigned long long)irq_other(cpu));
		irq_window();
	}
	return PP_OK;
}

/* Phase 2: cpu_wait_event, HLT only while the timer is still counting
 * (periodic mode reloads; a count of 0 means it stopped after one shot). */
static int more_ticks(u32 cpu, u64 start, struct timeout *t, struct pp_err *err)
{
	while (irq_ticks(cpu) - start < IRQ_SELFTEST_TICKS) {
		u64 got = irq_ticks(cpu) - start;
		if (timeout_expired(t))
			return pp_fail(err, PP_ETIMEOUT,
				       "irq: %llu of %u ticks on cpu %u within %u ms",
				       (unsigned long long)got, IRQ_SELFTEST_TICKS, cpu,
				       IRQ_SELFTEST_US / 1000);
		if (!lapic_timer_current())
			return pp_fail(err, PP_EDEVICE,
				       "irq: the LAPIC timer on cpu %u stopped after %llu tick(s): "
				       "not periodic",
				       cpu, (unsigned long long)got);
		cpu_wait_event();
	}
	return PP_OK;
}

int irq_selftest(struct pp_err *err)
{
	u32 cpu = this_cpu_index();
	u64 start = irq_ticks(cpu);
	struct timeout t;
	int rc = lapic_timer_start(HV_TICK_HZ, err);
	if (rc)
		return rc;
	timeout_start(&t, IRQ_SELFTEST_US);
	rc = first_tick(cpu, start, &t, err);
	if (!rc)
		rc = more_ticks(cpu, start, &t, err);
	lapic_timer_stop();
	irq_window(); /* a tick that fired before the stop is taken here, not left pending */
	return rc;
}

/* The online slot with this APIC ID, or HV_MAX_CPUS. */
static u32 slot_of(u32 apic_id)
{
	for (u32 i = 0; i < HV_MAX_CPUS; i++)
		if (__atomic_load_n(&percpu[i].online, __ATOMIC_ACQUIRE) &&
		    percpu[i].apic_id == apic_id)
			return i;
	return HV_MAX_CPUS;
}

int irq_kick_selftest(u32 apic_id, struct pp_err *err)
{
	u32 self = this_cpu_index(), cpu = slot_of(apic_id);
	if (cpu >= HV_MAX_CPUS)
		return pp_fail(err, PP_ENOENT, "irq: no online CPU with APIC ID %u to kick",
			       apic_id);
	u64 start = irq_kicks(cpu), failed = lapic_ipi_failures();
	struct timeout t;
	timeout_start(&t, IRQ_SELFTEST_US);
	lapic_send_ipi(apic_id, IRQ_VEC_KICK);
	if (lapic_ipi_failures() != failed)
		return pp_fail(err, PP_EDEVICE, "irq: kick (vector 0x%x) to APIC ID %u not sent",
			       IRQ_VEC_KICK, apic_id);
	while (irq_kicks(cpu) == start) {
		if (timeout_expired(&t))
			return pp_fail(err, PP_ETIMEOUT,
				       "irq: kick (vector 0x%x) to cpu %u (APIC ID %u) not taken "
				       "within %u ms",
				       IRQ_VEC_KICK, cpu, apic_id, IRQ_SELFTEST_US / 1000);
		if (cpu == self)
			irq_window();
		else
			cpu_relax();
	}
	return PP_OK;
}
