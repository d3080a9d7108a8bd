// SPDX-License-Identifier: GPL-2.0-only
/*
 * launch's IDT: a CPU exception inside the pre-launch stage is reported on
 * the console and stops the CPU, instead of a silent triple-fault reset.
 * Installed only once the firmware no longer owns the CPU's interrupts
 * (BIOS path: at entry; UEFI: after ExitBootServices).
 * Gate layout: AMD64 APM Vol. 2, 4.8.4 (16-byte long-mode interrupt gate).
 */
#include "console.h"
#include "gdt.h"
#include "idt.h"

#define IDT_VECTORS 32
#define ISR_STUB_SIZE 16
#define GATE_TYPE_INT64 (0xeull << 40)
#define GATE_P (1ull << 47)

struct idt_gate {
	u64 lo;
	u64 hi;
};
_Static_assert(sizeof(struct idt_gate) == 16, "long-mode gate is 16 bytes");

extern const char launch_isr_table[];
static struct idt_gate launch_idt[IDT_VECTORS] __attribute__((aligned(16)));

void launch_exception(u64 vector, u64 error, u64 rip, u64 cr2);

void launch_exception(u64 vector, u64 error, u64 rip, u64 cr2)
{
	launch_failf(PP_EDEVICE, "CPU exception vector %llu error 0x%llx at rip 0x%llx cr2 0x%llx",
		     (unsigned long long)vector, (unsigned long long)error, (unsigned long long)rip,
		     (unsigned long long)cr2);
}

void launch_idt_install(void)
{
	for (u32 v = 0; v < IDT_VECTORS; v++) {
		u64 off = (u64)(uintptr_t)launch_isr_table + (u64)v * ISR_STUB_SIZE;
		launch_idt[v].lo = (off & 0xffffull) | ((u64)LAUNCH_CS << 16) | GATE_TYPE_INT64 |
				   GATE_P | ((off >> 16 & 0xffffull) << 48);
		launch_idt[v].hi = off >> 32;
	}
	const struct gdt_ptr idtr = {sizeof(launch_idt) - 1, (u64)(uintptr_t)launch_idt};
	__asm__ volatile("lidt %0" ::"m"(idtr));
}
