/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kit's interrupts (docs/guest-kit.md, "Interrupts"): a 256-entry IDT
 * of interrupt gates to the stubs of vectors.S, loaded by crt0 before
 * main. RFLAGS.IF stays 0 except inside gk_wait_event, so interrupts are
 * taken only there; exceptions at any time.
 *   vectors 0-31: one console line, `exception #GP (13), error 0x0, rip
 *     0x...`, then the stop path (cli; hlt: the hypervisor stops the
 *     partition);
 *   PP_HC_SIGNAL_VECTOR (0x40): a channel signal (a virtual interrupt, no
 *     APIC, no EOI): counted (gk_signals), iretq;
 *   the one device vector the guest asked for (gk_irq_expect, after
 *     PP_HC_DEV_IRQ): counted (gk_irqs), iretq;
 *   any other vector: counted as spurious (gk_spurious), iretq.
 * The gate and trap-frame layouts are host-tested (test_guest_idt.c).
 */
#ifndef GUEST_KIT_IDT_H
#define GUEST_KIT_IDT_H

#include <stddef.h>
#include <stdint.h>

#define GK_IDT_VECTORS 256

/* A long-mode interrupt gate (AMD64 APM vol. 2, 4.8.4 "Gate
 * Descriptors", Figure 4-24): 16 bytes. */
struct gk_idt_gate {
	uint16_t off_lo;   /* handler offset 15:0 */
	uint16_t sel;	   /* code segment selector */
	uint8_t ist;	   /* bits 2:0 IST index (0: the current stack) */
	uint8_t attr;	   /* bits 3:0 type, 4 S = 0, 6:5 DPL, 7 P */
	uint16_t off_mid;  /* offset 31:16 */
	uint32_t off_hi;   /* offset 63:32 */
	uint32_t reserved; /* 0 */
};
_Static_assert(sizeof(struct gk_idt_gate) == 16, "gate size (APM Fig. 4-24)");
_Static_assert(offsetof(struct gk_idt_gate, sel) == 2, "gate selector");
_Static_assert(offsetof(struct gk_idt_gate, ist) == 4, "gate IST");
_Static_assert(offsetof(struct gk_idt_gate, attr) == 5, "gate type/DPL/P");
_Static_assert(offsetof(struct gk_idt_gate, off_mid) == 6, "gate offset 31:16");
_Static_assert(offsetof(struct gk_idt_gate, off_hi) == 8, "gate offset 63:32");

#define GK_GATE_INTR64 0xeu /* 64-bit interrupt gate: IF cleared on entry */
#define GK_GATE_P 0x80u

/* An interrupt gate to `handler` in code segment `cs`, DPL 0, no IST. */
static inline struct gk_idt_gate gk_idt_gate(uint64_t handler, uint16_t cs)
{
	struct gk_idt_gate g = {
	    .off_lo = (uint16_t)handler,
	    .sel = cs,
	    .ist = 0,
	    .attr = GK_GATE_P | GK_GATE_INTR64,
	    .off_mid = (uint16_t)(handler >> 16),
	    .off_hi = (uint32_t)(handler >> 32),
	    .reserved = 0,
	};
	return g;
}

/* What vectors.S leaves on the stack for gk_idt_dispatch: the caller-saved
 * registers it pushed (the last pushed first), the vector, the error code
 * (the CPU's, or 0 it pushed), then the CPU's frame (APM vol. 2, 8.9.3
 * "Interrupt Stack Frame"). The offsets are vectors.S's push order. */
struct gk_trap_frame {
	uint64_t r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};
_Static_assert(offsetof(struct gk_trap_frame, vector) == 72, "vectors.S pushes 9 registers");
_Static_assert(offsetof(struct gk_trap_frame, rip) == 88, "the CPU's frame after vector, error");
_Static_assert(sizeof(struct gk_trap_frame) == 128, "a 16-byte aligned frame for the call");

/* Fills the IDT (every vector, current CS) and loads it (crt0.S, before
 * main). */
void gk_idt_init(void);

/* Called by vectors.S with interrupts off; returns for interrupts, never
 * for exceptions. */
void gk_idt_dispatch(struct gk_trap_frame *f);

/* Channel signals taken (PP_HC_SIGNAL_VECTOR), and other interrupts taken
 * (with the last such vector), since boot. */
uint64_t gk_signals(void);
uint64_t gk_spurious(uint64_t *last_vector);

/* Count `vector` (a PP_HC_DEV_IRQ vector; 0: none) in gk_irqs from now
 * on instead of as spurious. */
void gk_irq_expect(uint64_t vector);
uint64_t gk_irqs(void);

/* The stop path (crt0.S): cli; hlt, forever. With IF = 0 nothing can wake
 * the HLT, so the hypervisor stops the partition. */
void gk_stop(void) __attribute__((noreturn));

/*
 * Waits for an event: `sti; hlt; cli`. STI's interrupt shadow covers the
 * HLT, so an interrupt pending (or arriving) then wakes the HLT and is
 * taken right after it, before the CLI; the hypervisor also ends the wait
 * at its next tick (at most 1 ms). Returns with IF = 0 again.
 */
static inline void gk_wait_event(void)
{
	__asm__ volatile("sti\n\thlt\n\tcli" ::: "memory");
}

#endif
