// SPDX-License-Identifier: GPL-2.0-only
/* TSC frequency and delays (tsc.h). */
#include "tsc.h"
#include "idt.h"

static uint32_t khz;
static const char *khz_source;
static uint64_t tsc_zero;

static uint32_t probe(const char **source)
{
	struct gk_cpuid hv = gk_cpuid(0x40000000u, 0);
	if (hv.eax >= 0x40000010u && hv.eax < 0x40010000u) {
		uint32_t k = gk_cpuid(0x40000010u, 0).eax;
		if (k) {
			*source = "cpuid 0x40000010";
			return k;
		}
	}
	uint32_t max = gk_cpuid(0, 0).eax;
	if (max >= 0x15u) {
		struct gk_cpuid c = gk_cpuid(0x15u, 0);
		if (c.eax && c.ebx && c.ecx) {
			*source = "cpuid 0x15";
			return (uint32_t)((uint64_t)c.ecx * c.ebx / c.eax / 1000u);
		}
	}
	if (max >= 0x16u) {
		uint32_t mhz = gk_cpuid(0x16u, 0).eax & 0xffffu;
		if (mhz) {
			*source = "cpuid 0x16";
			return mhz * 1000u;
		}
	}
	*source = "assumed";
	return GK_TSC_KHZ_DEFAULT;
}

uint32_t gk_tsc_khz(const char **source)
{
	if (!khz) {
		tsc_zero = gk_rdtsc();
		khz = probe(&khz_source);
	}
	if (source)
		*source = khz_source;
	return khz;
}

void gk_delay_us(uint64_t us)
{
	uint64_t ticks = us * gk_tsc_khz(0) / 1000u;
	uint64_t start = gk_rdtsc();
	while (gk_rdtsc() - start < ticks)
		gk_pause();
}

void gk_delay_ms(uint64_t ms)
{
	uint64_t ticks = ms * gk_tsc_khz(0);
	uint64_t start = gk_rdtsc();
	while (gk_rdtsc() - start < ticks)
		gk_wait_event();
}

uint64_t gk_now_ms(void)
{
	uint32_t k = gk_tsc_khz(0);
	return (gk_rdtsc() - tsc_zero) / k;
}
