/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host interrupts (docs/hypervisor.md, "Interrupts and the host tick"): the
 * vectors the hypervisor uses, how isr.S routes a vector, the per-CPU
 * counters its return path keeps, and the waits built on them.
 *
 *   0-31     exceptions: exc_dispatch(), which reports and stops the CPU
 *   32-254   external interrupts: irq_dispatch() counts them per CPU and
 *            kind (tick, kick, other), sends the LAPIC EOI and returns;
 *            an unexpected vector is counted as "other", never fatal;
 *            a routed vector (0x30-0xef, irq_route_alloc: an assigned
 *            device's remapped MSI) is also handed to its route
 *   255      the LAPIC spurious vector: returns at once, no EOI (Intel SDM
 *            vol. 3 §11.9, AMD APM vol. 2 §16.4.7)
 *
 * Interrupts are taken only where the hypervisor opens a window
 * (cpu_wait_event, irq_window): it runs with RFLAGS.IF = 0 otherwise.
 * Trust: vectors come from the CPU; nothing here reads guest data.
 * Usable from assembly (the vector numbers only).
 */
#ifndef PARAPET_HV_X86_IRQ_H
#define PARAPET_HV_X86_IRQ_H

#define IRQ_VEC_NMI 2		  /* the NMI: irq_dispatch counts it (a kick) */
#define IRQ_VEC_FIRST_EXTERNAL 32 /* vectors below are exceptions */
#define IRQ_VEC_TICK 0xf0	  /* the LAPIC timer: the host tick */
#define IRQ_VEC_KICK 0xf1	  /* the cross-CPU IPI */
#define IRQ_VEC_SPURIOUS 0xff	  /* = VECTOR_SPURIOUS (desc.h), the LAPIC SVR's */
#define HV_TICK_HZ 1000		  /* the host tick on every CPU running a partition */
#define IRQ_VEC_ROUTE_FIRST 0x30  /* vectors irq_route_alloc hands out */
#define IRQ_VEC_ROUTE_LAST 0xef	  /* below the tick */
#define IRQ_ROUTES_PER_CPU 32	  /* routed vectors one CPU can hold */

#ifndef __ASSEMBLY__
#include <parapet/err.h>
#include <parapet/types.h>

enum irq_kind {
	IRQ_KIND_TICK = 0,
	IRQ_KIND_KICK = 1,
	IRQ_KIND_OTHER = 2,
	IRQ_KINDS = 3,	    /* the counted kinds above */
	IRQ_KIND_EXCEPTION, /* 0-31: never reaches irq_dispatch */
	IRQ_KIND_SPURIOUS,  /* 255: never reaches irq_dispatch */
};

/* What a vector is; isr.S makes the same decision when it picks a path. */
static inline enum irq_kind irq_classify(u64 vector)
{
	if (vector < IRQ_VEC_FIRST_EXTERNAL)
		return IRQ_KIND_EXCEPTION;
	if (vector == IRQ_VEC_TICK)
		return IRQ_KIND_TICK;
	if (vector == IRQ_VEC_KICK)
		return IRQ_KIND_KICK;
	if (vector == IRQ_VEC_SPURIOUS)
		return IRQ_KIND_SPURIOUS;
	return IRQ_KIND_OTHER;
}

/* isr.S, for vectors 32-254 and the NMI (2), with interrupts off
 * (interrupt gates). Needs the host's GS base (this_cpu_index): take
 * interrupts only in host state (an NMI that arrives in guest mode is
 * intercepted, held while GIF is clear, and taken after the host's VMLOAD
 * at STGI, vmrun.S). The NMI is only counted: it is the kick of a Linux
 * partition's core (lapic_send_nmi), already served by the exit it caused;
 * it has no EOI (not in the ISR) and NMIs stay blocked until its IRETQ. */
void irq_dispatch(u64 vector);

/* Interrupts taken on CPU slot `cpu` since boot (0 for a slot out of range).
 * Any CPU may read any slot. */
u64 irq_ticks(u32 cpu);
u64 irq_kicks(u32 cpu);
u64 irq_other(u32 cpu);
u64 irq_nmis(u32 cpu);

/*
 * Routed vectors: a free vector of the CALLING CPU whose interrupts
 * irq_dispatch hands to fn(ctx, arg) on that CPU (after counting, before
 * the EOI), with interrupts off. Only the calling CPU reads or writes its
 * own routes, with IF = 0 (the hypercall path and the partition's stop
 * run there), so there is no race with its own dispatch. PP_ENOMEM when
 * the CPU has IRQ_ROUTES_PER_CPU routes or no free vector.
 * irq_route_free: the calling CPU's route on `vector`, if any.
 */
typedef void (*irq_route_fn)(void *ctx, u32 arg);
int irq_route_alloc(irq_route_fn fn, void *ctx, u32 arg, u32 *vector, struct pp_err *err);
void irq_route_free(u32 vector);
/* Interrupts handed to a route on CPU slot `cpu` since boot. */
u64 irq_routed(u32 cpu);

/*
 * Wait for an event: STI; HLT; CLI. STI enables interrupts only after the
 * next instruction (the STI shadow, Intel SDM vol. 2B "STI", AMD APM vol. 3
 * "STI"), so an interrupt pending before this runs is taken at the HLT, not
 * lost between a check and the HLT. Returns with IF = 0 after any interrupt
 * was taken (tick, kick, other; NMI and SMI too). Call with IF = 0.
 */
static inline void cpu_wait_event(void)
{
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

/* Take whatever interrupt is pending now, without waiting: a one-instruction
 * window (STI shadow, NOP, CLI). Call with IF = 0. */
static inline void irq_window(void)
{
	__asm__ volatile("sti; nop; cli" ::: "memory");
}

/*
 * Boot self-checks, on the calling CPU, with IF = 0 (returned that way):
 * irq_selftest starts the tick (lapic_timer_start(HV_TICK_HZ)), waits up to
 * IRQ_SELFTEST_US of TSC time for IRQ_SELFTEST_TICKS ticks (the first
 * through polled windows, the rest with cpu_wait_event), stops the timer
 * and takes a tick that may have fired meanwhile, so none stays pending.
 * Needs lapic_timer_calibrate() done. irq_kick_selftest sends IRQ_VEC_KICK
 * to the online CPU with that APIC ID (the caller itself included) and
 * waits up to IRQ_SELFTEST_US for its kick count to move; another CPU must
 * be taking interrupts for that.
 */
#define IRQ_SELFTEST_US 100000
#define IRQ_SELFTEST_TICKS 3
int irq_selftest(struct pp_err *err);
int irq_kick_selftest(u32 apic_id, struct pp_err *err);

#endif

#endif
