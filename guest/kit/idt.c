// SPDX-License-Identifier: GPL-2.0-only
/* The IDT, its dispatcher and the interrupt counters (idt.h). */
#include "idt.h"
#include "cap.h"
#include "exc.h"
#include "fmt.h"
#include "hc.h"

/* vectors.S: the address of each vector's stub. */
extern const uint64_t gk_vector_stubs[GK_IDT_VECTORS];

static struct gk_idt_gate idt[GK_IDT_VECTORS] __attribute__((aligned(16)));

static volatile uint64_t signals, spurious, spurious_last, irq_vector, irqs;
static volatile int in_exception;

void gk_idt_init(void)
{
	uint16_t cs;
	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	for (unsigned v = 0; v < GK_IDT_VECTORS; v++)
		idt[v] = gk_idt_gate(gk_vector_stubs[v], cs);
	struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} idtr = {(uint16_t)(sizeof(idt) - 1), (uint64_t)(uintptr_t)idt};
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

/*
 * The exception line goes straight to the console hypercall from a buffer
 * on this stack, not through gk_printf, whose buffer the exception may
 * have interrupted.
 */
static void report(const struct gk_trap_frame *f)
{
	char line[128];
	int n = gk_snprintf(line, sizeof(line), "exception %s (%llu), error 0x%llx, rip 0x%llx\n",
			    gk_exc_name(f->vector), (unsigned long long)f->vector,
			    (unsigned long long)f->error, (unsigned long long)f->rip);
	struct gk_cap con;
	if (n > 0 && gk_cap_find(PP_HC_CAP_CONSOLE, PP_HC_RIGHT_USE, 0, &con) == 0)
		gk_hc_console_write(con.sel, line,
				    (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

void gk_idt_dispatch(struct gk_trap_frame *f)
{
	if (f->vector < GK_EXC_COUNT) {
		/* a fault while reporting one: stop without a second line */
		if (!in_exception) {
			in_exception = 1;
			report(f);
		}
		gk_stop();
	}
	if (f->vector == PP_HC_SIGNAL_VECTOR) {
		signals = signals + 1;
		return;
	}
	if (irq_vector && f->vector == irq_vector) {
		irqs = irqs + 1;
		return;
	}
	spurious = spurious + 1;
	spurious_last = f->vector;
}

void gk_irq_expect(uint64_t vector)
{
	irq_vector = vector;
}

uint64_t gk_irqs(void)
{
	return irqs;
}

uint64_t gk_signals(void)
{
	return signals;
}

uint64_t gk_spurious(uint64_t *last_vector)
{
	if (last_vector)
		*last_vector = spurious_last;
	return spurious;
}
