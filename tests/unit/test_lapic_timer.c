// SPDX-License-Identifier: GPL-2.0-only
/*
 * The LAPIC timer's encodings and calibration arithmetic
 * (hypervisor/arch/x86_64/lapic_timer.h, lapic_timer_calc.c) against the
 * Intel SDM vol. 3 §11.5.4 figures and hand-computed rates.
 */
#include "hypervisor/arch/x86_64/lapic_timer.h"
#include "unit.h"

TEST(lapic_timer_register_layout)
{
	/* Intel SDM vol. 3 Table 11-1 (xAPIC offsets), Table 11-6 (x2APIC MSRs). */
	CHECK_EQ(LAPIC_LVT_TIMER, 0x320);
	CHECK_EQ(LAPIC_TIMER_INITIAL, 0x380);
	CHECK_EQ(LAPIC_TIMER_CURRENT, 0x390);
	CHECK_EQ(LAPIC_TIMER_DIVIDE_CONF, 0x3e0);
	CHECK_EQ(0x800 + (LAPIC_LVT_TIMER >> 4), 0x832);
	CHECK_EQ(0x800 + (LAPIC_TIMER_DIVIDE_CONF >> 4), 0x83e);
}

TEST(lapic_timer_lvt_value)
{
	CHECK_EQ(lapic_timer_lvt(0xf0, true, false), 0x200f0); /* periodic, unmasked */
	CHECK_EQ(lapic_timer_lvt(0xf0, false, true), 0x100f0); /* one-shot, masked */
	CHECK_EQ(lapic_timer_lvt(0x20, true, true), 0x30020);
	CHECK_EQ(lapic_timer_lvt(0xf0, false, false) & (3u << 17), 0); /* never TSC-deadline */
}

TEST(lapic_timer_divide_encoding)
{
	/* Figure 11-10: bits 3,1,0. */
	static const struct {
		u32 div, bits;
	} t[] = {{2, 0x0},  {4, 0x1},  {8, 0x2},   {16, 0x3},
		 {32, 0x8}, {64, 0x9}, {128, 0xa}, {1, 0xb}};
	for (size_t i = 0; i < PP_ARRAY_SIZE(t); i++) {
		u32 bits = 0x55;
		CHECK_EQ(lapic_timer_divide_bits(t[i].div, &bits, NULL), PP_OK);
		CHECK_EQ(bits, t[i].bits);
		CHECK_EQ(bits & 0x4, 0); /* bit 2 reserved */
	}
	static const u32 bad[] = {0, 3, 6, 12, 256, 0x80000000u};
	for (size_t i = 0; i < PP_ARRAY_SIZE(bad); i++) {
		struct pp_err err = {0, ""};
		u32 bits = 0x55;
		CHECK_EQ(lapic_timer_divide_bits(bad[i], &bits, &err), PP_EINVAL);
		CHECK_EQ(bits, 0x55); /* unchanged */
		CHECK_MSG(&err, "divide by");
	}
}

TEST(lapic_timer_rate)
{
	struct pp_err err = {0, ""};
	u64 khz = 0;
	/* QEMU: a 1 GHz timer clock / 16 = 62500 kHz; 10 ms of a 2 GHz TSC. */
	CHECK_EQ(
	    lapic_timer_rate_khz(0xffffffffu, 0xffffffffu - 625000, 20000000, 2000000, &khz, &err),
	    PP_OK);
	CHECK_EQ(khz, 62500);
	/* A 100 MHz bus / 16 = 6250 kHz against a 3.6 GHz TSC over 10 ms. */
	CHECK_EQ(
	    lapic_timer_rate_khz(4000000000u, 4000000000u - 62500, 36000000, 3600000, &khz, &err),
	    PP_OK);
	CHECK_EQ(khz, 6250);
	/* Truncation: 1 count in 1 ms at a 1 MHz TSC is 1 kHz. */
	CHECK_EQ(lapic_timer_rate_khz(10, 9, 1000, 1000, &khz, &err), PP_OK);
	CHECK_EQ(khz, 1);
}

TEST(lapic_timer_rate_refused)
{
	struct pp_err err = {0, ""};
	u64 khz = 77;
	CHECK_EQ(lapic_timer_rate_khz(100, 50, 1000, 0, &khz, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "TSC is not calibrated");
	CHECK_EQ(lapic_timer_rate_khz(100, 0, 1000, 1000, &khz, &err), PP_ERANGE);
	CHECK_MSG(&err, "ran out");
	CHECK_EQ(lapic_timer_rate_khz(100, 100, 1000, 1000, &khz, &err), PP_EDEVICE);
	CHECK_MSG(&err, "did not go down (0x64 then 0x64");
	CHECK_EQ(lapic_timer_rate_khz(100, 200, 1000, 1000, &khz, &err), PP_EDEVICE);
	CHECK_EQ(lapic_timer_rate_khz(100, 50, 0, 1000, &khz, &err), PP_EDEVICE);
	/* 1 count in 10 s of a 1 GHz TSC: below 1 kHz. */
	CHECK_EQ(lapic_timer_rate_khz(100, 99, 10000000000ull, 1000000, &khz, &err), PP_ERANGE);
	CHECK_MSG(&err, "below 1 kHz");
	CHECK_EQ(lapic_timer_rate_khz(0xffffffffu, 1, 1, ~0ull, &khz, &err), PP_ERANGE);
	CHECK_MSG(&err, "overflow");
	CHECK_EQ(khz, 77); /* unchanged by every refusal */
}

TEST(lapic_timer_period)
{
	struct pp_err err = {0, ""};
	u32 c = 0;
	CHECK_EQ(lapic_timer_period_count(62500, 1000, &c, &err), PP_OK);
	CHECK_EQ(c, 62500);
	CHECK_EQ(lapic_timer_period_count(6250, 1000, &c, &err), PP_OK);
	CHECK_EQ(c, 6250);
	/* Rounded to nearest: 1 kHz at 3 Hz is 333.33 -> 333; at 6 Hz 166.67 -> 167. */
	CHECK_EQ(lapic_timer_period_count(1, 3, &c, &err), PP_OK);
	CHECK_EQ(c, 333);
	CHECK_EQ(lapic_timer_period_count(1, 6, &c, &err), PP_OK);
	CHECK_EQ(c, 167);
	CHECK_EQ(lapic_timer_period_count(4294967, 1, &c, &err), PP_OK);
	CHECK_EQ(c, 4294967000u);
	c = 9;
	CHECK_EQ(lapic_timer_period_count(62500, 0, &c, &err), PP_EINVAL);
	CHECK_MSG(&err, "0 Hz");
	CHECK_EQ(lapic_timer_period_count(4294968, 1, &c, &err), PP_ERANGE);
	CHECK_MSG(&err, "initial count of 4294968000");
	CHECK_EQ(lapic_timer_period_count(1, 3000, &c, &err), PP_ERANGE);
	CHECK_EQ(lapic_timer_period_count(~0ull, 1000, &c, &err), PP_ERANGE);
	CHECK_EQ(c, 9);
}
