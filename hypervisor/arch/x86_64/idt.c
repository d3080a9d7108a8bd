// SPDX-License-Identifier: GPL-2.0-only
/* The IDT: 256 interrupt gates into isr.S's stubs (layout and citations in desc.h). */
#include "desc.h"

extern const char isr_stubs[]; /* isr.S: IDT_VECTORS stubs of ISR_STUB_SIZE bytes */

static struct idt_gate idt[IDT_VECTORS] __attribute__((aligned(16)));
_Static_assert(sizeof(idt) == 4096, "256 gates");

static u8 ist_for(unsigned v)
{
	switch (v) {
	case 2: /* #NMI */
	case 8: /* #DF */
	case 18: /* #MC */ return IST_DOUBLE_FAULT;
	default: return 0; /* the current stack; external interrupts (irq.h) too */
	}
}

void idt_init(void)
{
	for (unsigned v = 0; v < IDT_VECTORS; v++) {
		u64 off = (u64)(uintptr_t)(isr_stubs + (size_t)v * ISR_STUB_SIZE);
		idt[v] = (struct idt_gate){
		    .off_lo = (u16)off,
		    .selector = GDT_SEL_CODE,
		    .ist = ist_for(v),
		    .type_attr = IDT_TYPE_INTR64,
		    .off_mid = (u16)(off >> 16),
		    .off_hi = (u32)(off >> 32),
		};
	}
}

void idt_load(void)
{
	struct desc_ptr p = {.limit = sizeof(idt) - 1, .base = (u64)(uintptr_t)idt};
	__asm__ volatile("lidt %0" ::"m"(p) : "memory");
}
