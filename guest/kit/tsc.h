/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time and CPU identity: RDTSC, CPUID, the TSC frequency and delays.
 * gk_delay_ms waits in HLTs with interrupts on (idt.h gk_wait_event; the
 * hypervisor wakes the vCPU at least every 1 ms) until the TSC deadline,
 * so an idle partition does not burn its core; gk_delay_us is a PAUSE
 * loop on the TSC (busy, for short waits). Frequency (gk_tsc_khz), first
 * source that answers:
 *   1. CPUID 0x40000010 EAX (kHz), when the hypervisor leaf range 0x40000000
 *      reaches it (the KVM/VMware convention; docs/guest-kit.md asks the
 *      exit path's CPUID filter to report it);
 *   2. CPUID 0x15 (crystal ratio, EBX/EAX x ECX Hz) when complete;
 *   3. CPUID 0x16 EAX (base MHz);
 *   4. GK_TSC_KHZ_DEFAULT, assumed.
 */
#ifndef GUEST_KIT_TSC_H
#define GUEST_KIT_TSC_H

#include <stdint.h>

#define GK_TSC_KHZ_DEFAULT 2000000u /* 2 GHz when nothing reports it */

struct gk_cpuid {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct gk_cpuid gk_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct gk_cpuid r;
	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t gk_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline void gk_pause(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* The initial APIC id of the CPU this runs on (CPUID 1, EBX[31:24]). */
static inline uint32_t gk_apic_id(void)
{
	return gk_cpuid(1, 0).ebx >> 24;
}

/* TSC kHz (cached); *source, if not NULL, gets which step above gave it. */
uint32_t gk_tsc_khz(const char **source);

/* Busy: PAUSE until `us` microseconds of TSC have passed. */
void gk_delay_us(uint64_t us);
/* Waits (gk_wait_event, repeatedly) until `ms` milliseconds of TSC have
 * passed; interrupts that wake it early are taken and the wait goes on.
 * Overshoots by at most one host tick (1 ms). */
void gk_delay_ms(uint64_t ms);

/* Milliseconds since the first call of gk_tsc_khz (uptime of the kit). */
uint64_t gk_now_ms(void);

#endif
