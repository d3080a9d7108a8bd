// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SL's CPU: the state it was entered with (entry.S records it), the
 * global interrupt flag, and setting GIF again before the hypervisor runs.
 *
 * GIF (AMD APM vol. 2, 15.17 "Global Interrupt Flag, STGI and CLGI"):
 * SKINIT clears it, which holds NMI, SMI, INIT and external interrupts
 * pending until STGI. No instruction reads it, so the SL tests it: it sends
 * itself an NMI (local APIC ICR, physical destination = its own APIC ID,
 * delivery mode NMI; SDM vol. 3 "Interrupt Command Register"). With GIF
 * clear the NMI stays pending and the NMI gate (entry.S, sl_nmi64) does not
 * count it until STGI. STGI needs EFER.SVME or the CPUID SKINIT bit (APM
 * vol. 3, STGI); the SL sets SVME when neither holds and SVM is usable.
 */
#include <parapet/x86.h>
#include "sl.h"

#define CPUID_EXT_FEATURES 0x80000001u
#define CPUID_EXT_ECX_SVM (1u << 2)
#define CPUID_EXT_ECX_SKINIT (1u << 12)
#define MSR_EFER 0xc0000080u
#define EFER_SVME (1ull << 12)
#define MSR_VM_CR 0xc0010114u
#define VM_CR_SVMDIS (1ull << 4)
#define MSR_APIC_BASE 0x1bu
#define APIC_BASE_X2APIC (1ull << 10)
#define APIC_BASE_ENABLE (1ull << 11)
#define APIC_BASE_ADDR_MASK 0x000ffffffffff000ull
#define APIC_ID 0x20u
#define APIC_ICR_LO 0x300u
#define APIC_ICR_HI 0x310u
#define MSR_X2APIC_ID 0x802u
#define MSR_X2APIC_ICR 0x830u
#define ICR_NMI (4u << 8)
#define ICR_ASSERT (1u << 14)
#define PORT_POST 0x80
#define NMI_WAIT 2000u /* port-0x80 writes: about 2 ms on hardware */

struct sl_entry_state sl_entry_state;
volatile u32 sl_nmi_count;
static bool sl_nmi_sent;

static u32 ext_ecx(void)
{
	u32 a, b, c, d;
	cpuid(0x80000000u, 0, &a, &b, &c, &d);
	if (a < CPUID_EXT_FEATURES)
		return 0;
	cpuid(CPUID_EXT_FEATURES, 0, &a, &b, &c, &d);
	return c;
}

static void settle(void)
{
	for (u32 i = 0; i < NMI_WAIT; i++)
		outb(PORT_POST, 0);
}

void sl_entry_report(void)
{
	const struct sl_entry_state *s = &sl_entry_state;
	if (s->kind == SL_ENTRY_TXT) {
		sl_printf("entry: txt: ebx 0x%x, ecx 0x%x, eflags 0x%x, cr0 0x%x, cr4 0x%x, "
			  "efer 0x%x",
			  s->ebx, s->ecx, s->eflags, s->cr0, s->cr4, s->efer);
		sl_printf("entry: txt: selectors as left: cs 0x%x ss 0x%x ds 0x%x es 0x%x fs 0x%x "
			  "gs 0x%x",
			  s->cs & 0xffff, s->ss & 0xffff, s->ds & 0xffff, s->es & 0xffff,
			  s->fs & 0xffff, s->gs & 0xffff);
		return;
	}
	sl_printf("entry: eflags 0x%x, cr0 0x%x, cr4 0x%x, efer 0x%x, edx 0x%x", s->eflags, s->cr0,
		  s->cr4, s->efer, s->edx);
	sl_printf("entry: idtr base 0x%x limit 0x%x; cs 0x%x ss 0x%x ds 0x%x es 0x%x fs 0x%x "
		  "gs 0x%x",
		  s->idtr_base, s->idtr_limit, s->cs & 0xffff, s->ss & 0xffff, s->ds & 0xffff,
		  s->es & 0xffff, s->fs & 0xffff, s->gs & 0xffff);
}

void sl_gif_probe(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);
	if (!(ext_ecx() & (CPUID_EXT_ECX_SVM | CPUID_EXT_ECX_SKINIT))) {
		sl_printf("entry: gif: none on this CPU (no SVM, no SKINIT)");
		return;
	}
	if (!(base & APIC_BASE_ENABLE)) {
		sl_printf("entry: gif: not tested (local APIC disabled)");
		return;
	}
	if (base & APIC_BASE_X2APIC) {
		u64 id = rdmsr(MSR_X2APIC_ID) & 0xffffffffu;
		wrmsr(MSR_X2APIC_ICR, (id << 32) | ICR_NMI | ICR_ASSERT);
	} else {
		volatile u8 *apic = (volatile u8 *)(uintptr_t)(base & APIC_BASE_ADDR_MASK);
		u32 id = mmio_read32(apic + APIC_ID) >> 24;
		mmio_write32(apic + APIC_ICR_HI, id << 24);
		mmio_write32(apic + APIC_ICR_LO, ICR_NMI | ICR_ASSERT);
	}
	sl_nmi_sent = true;
	settle();
	sl_printf("entry: gif %s: a self-NMI %s", sl_nmi_count ? "set" : "clear",
		  sl_nmi_count ? "arrived at once" : "stays pending");
}

void sl_gif_set(void)
{
	u32 ecx = ext_ecx();
	if (!(ecx & (CPUID_EXT_ECX_SVM | CPUID_EXT_ECX_SKINIT)))
		return; /* no GIF to set */
	if (!(ecx & CPUID_EXT_ECX_SKINIT) && !(rdmsr(MSR_EFER) & EFER_SVME)) {
		if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS)
			sl_fatalf(LF_INTERNAL, PP_ENOTSUP,
				  "STGI impossible: SVM disabled (VM_CR.SVMDIS), no SKINIT bit");
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	}
	u32 before = sl_nmi_count;
	__asm__ volatile("stgi" ::: "memory");
	settle();
	if (sl_nmi_sent)
		sl_printf("gif set (STGI): %u NMI%s arrived%s", sl_nmi_count - before,
			  sl_nmi_count - before == 1 ? "" : "s",
			  before ? "" : ", the self-NMI held pending since entry");
}
