// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host interrupts (hypervisor/arch/x86_64/irq.h): which path each of the
 * 256 vectors takes and the vector numbers the partition runtime is built
 * against (docs/hypervisor.md, "Interrupts and the host tick").
 */
#include "hypervisor/arch/x86_64/desc.h"
#include "hypervisor/arch/x86_64/irq.h"
#include "unit.h"

TEST(irq_vector_numbers)
{
	CHECK_EQ(IRQ_VEC_TICK, 0xf0);
	CHECK_EQ(IRQ_VEC_KICK, 0xf1);
	CHECK_EQ(IRQ_VEC_SPURIOUS, VECTOR_SPURIOUS);
	CHECK_EQ(HV_TICK_HZ, 1000);
	/* Intel SDM vol. 3 §6.2: vectors 0-31 are reserved for exceptions. */
	CHECK_EQ(IRQ_VEC_FIRST_EXTERNAL, 32);
}

TEST(irq_classify_every_vector)
{
	unsigned exc = 0, tick = 0, kick = 0, other = 0, spurious = 0;
	for (u64 v = 0; v < IDT_VECTORS; v++) {
		switch (irq_classify(v)) {
		case IRQ_KIND_EXCEPTION:
			exc++;
			CHECK(v < 32);
			break;
		case IRQ_KIND_TICK: tick++; break;
		case IRQ_KIND_KICK: kick++; break;
		case IRQ_KIND_OTHER:
			other++;
			CHECK(v >= 32 && v < 255);
			break;
		case IRQ_KIND_SPURIOUS: spurious++; break;
		default: CHECK(!"no such kind"); break;
		}
	}
	CHECK_EQ(exc, 32);
	CHECK_EQ(tick, 1);
	CHECK_EQ(kick, 1);
	CHECK_EQ(spurious, 1);
	CHECK_EQ(other, 256 - 32 - 3);
	CHECK_EQ(irq_classify(0xf0), IRQ_KIND_TICK);
	CHECK_EQ(irq_classify(0xf1), IRQ_KIND_KICK);
	CHECK_EQ(irq_classify(0xff), IRQ_KIND_SPURIOUS);
	/* Boundaries: #SX / reserved 31 stays an exception; the remapped PIC
	 * base (0x20) and 0xfe are counted as other, never fatal. */
	CHECK_EQ(irq_classify(31), IRQ_KIND_EXCEPTION);
	CHECK_EQ(irq_classify(8), IRQ_KIND_EXCEPTION);
	CHECK_EQ(irq_classify(32), IRQ_KIND_OTHER);
	CHECK_EQ(irq_classify(0xef), IRQ_KIND_OTHER);
	CHECK_EQ(irq_classify(0xf2), IRQ_KIND_OTHER);
	CHECK_EQ(irq_classify(0xfe), IRQ_KIND_OTHER);
}

TEST(irq_counted_kinds_index_the_counters)
{
	/* irq.c indexes its per-CPU row with the kind: the counted kinds are
	 * 0..IRQ_KINDS-1 and the two never-counted kinds lie outside. */
	CHECK_EQ(IRQ_KIND_TICK, 0);
	CHECK_EQ(IRQ_KIND_KICK, 1);
	CHECK_EQ(IRQ_KIND_OTHER, 2);
	CHECK_EQ(IRQ_KINDS, 3);
	CHECK(IRQ_KIND_EXCEPTION >= IRQ_KINDS);
	CHECK(IRQ_KIND_SPURIOUS >= IRQ_KINDS);
}
