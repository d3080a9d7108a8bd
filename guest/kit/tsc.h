/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time and CPU identity: RDTSC, CPUID, the TSC frequency and busy delays.
 * The kit polls with interrupts off, so a delay is a PAUSE loop on the
 * TSC. Frequency (gk_tsc_khz), first source that answers:
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

void gk_delay_us(uint64_t us);
void gk_delay_ms(uint64_t ms);

/* Milliseconds since the first call of gk_tsc_khz (uptime of the kit). */
uint64_t gk_now_ms(void);

#endif
