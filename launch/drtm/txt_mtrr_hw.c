// SPDX-License-Identifier: GPL-2.0-only
/* MTRR register access (txt_mtrr_hw.h). HARDWARE-ONLY, untested on hardware. */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "launch/drtm/txt_mtrr_hw.h"

#define CR0_NW (1ull << 29)
#define CR0_CD (1ull << 30)

u32 mtrr_hw_vcnt(void)
{
	u32 v = (u32)(rdmsr(MSR_MTRRCAP) & MTRR_CAP_VCNT_MASK);
	return v > MTRR_MAX_VAR ? MTRR_MAX_VAR : v;
}

u32 mtrr_hw_maxphyaddr(void)
{
	u32 a, b, c, d;
	cpuid(0x80000000u, 0, &a, &b, &c, &d);
	if (a < 0x80000008u)
		return 36;
	cpuid(0x80000008u, 0, &a, &b, &c, &d);
	return a & 0xffu;
}

void mtrr_hw_read(struct mtrr_state *s, u32 vcnt)
{
	memset(s, 0, sizeof(*s));
	s->def_type = rdmsr(MSR_MTRR_DEF_TYPE);
	s->vcnt = vcnt > MTRR_MAX_VAR ? MTRR_MAX_VAR : vcnt;
	for (u32 i = 0; i < s->vcnt; i++) {
		s->var[i].base = rdmsr(MSR_MTRR_PHYSBASE0 + 2 * i);
		s->var[i].mask = rdmsr(MSR_MTRR_PHYSBASE0 + 2 * i + 1);
	}
}

void mtrr_hw_write(const struct mtrr_state *s)
{
	u64 cr0 = read_cr0();
	write_cr0((cr0 | CR0_CD) & ~CR0_NW);
	__asm__ volatile("wbinvd" ::: "memory");
	write_cr3(read_cr3());
	wrmsr(MSR_MTRR_DEF_TYPE, rdmsr(MSR_MTRR_DEF_TYPE) & ~MTRR_DEF_E);
	for (u32 i = 0; i < s->vcnt && i < MTRR_MAX_VAR; i++) {
		wrmsr(MSR_MTRR_PHYSBASE0 + 2 * i, s->var[i].base);
		wrmsr(MSR_MTRR_PHYSBASE0 + 2 * i + 1, s->var[i].mask);
	}
	wrmsr(MSR_MTRR_DEF_TYPE, s->def_type);
	__asm__ volatile("wbinvd" ::: "memory");
	write_cr3(read_cr3());
	write_cr0(cr0);
}
