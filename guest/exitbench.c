// SPDX-License-Identifier: GPL-2.0-only
/*
 * `exitbench`: the CPUID exit round trip, measured as
 * ../shared/notes/exit-bench.md describes (tests/bench/exit.sh boots it as
 * the service partition's image under QEMU with -icount shift=0, where
 * one TSC tick is one instruction retired). Per run: t0, N iterations of
 * { mov eax,0; xor ecx,ecx; cpuid; dec esi; jnz }, t1, N iterations of
 * the same shape without the exit { mov eax,0; xor ecx,ecx; xor edx,edx;
 * dec esi; jnz }, t2; per exit = ((t1 - t0) - (t2 - t1)) / N. R runs, each
 * printed. It never halts (no gk_delay_ms), but the host tick (1 kHz, an
 * INTR exit) can land inside a run and inflate that run's figure; the
 * modal value over the runs (tests/bench/exit.sh) leaves such runs out.
 */
#include "kit/gk.h"

#define BENCH_N 100u
#define BENCH_R 90u

static inline uint64_t tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void with_exit(uint32_t n)
{
	__asm__ volatile("1:\n\t"
			 "movl $0, %%eax\n\t"
			 "xorl %%ecx, %%ecx\n\t"
			 "cpuid\n\t"
			 "decl %%esi\n\t"
			 "jnz 1b"
			 : "+S"(n)
			 :
			 : "eax", "ebx", "ecx", "edx", "memory");
}

static void without_exit(uint32_t n)
{
	__asm__ volatile("1:\n\t"
			 "movl $0, %%eax\n\t"
			 "xorl %%ecx, %%ecx\n\t"
			 "xorl %%edx, %%edx\n\t"
			 "decl %%esi\n\t"
			 "jnz 1b"
			 : "+S"(n)
			 :
			 : "eax", "ecx", "edx", "memory");
}

int main(void)
{
	gk_printf("exitbench: cpuid leaf 0, N=%u, R=%u\n", BENCH_N, BENCH_R);
	for (uint32_t r = 0; r < BENCH_R; r++) {
		uint64_t t0 = tsc();
		with_exit(BENCH_N);
		uint64_t t1 = tsc();
		without_exit(BENCH_N);
		uint64_t t2 = tsc();
		int64_t d = (int64_t)(t1 - t0) - (int64_t)(t2 - t1);
		gk_printf("exitbench: run %u: %lld per exit\n", r,
			  (long long)(d / (int64_t)BENCH_N));
	}
	gk_printf("exitbench: done\n");
	return 0;
}
