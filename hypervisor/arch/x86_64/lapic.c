// SPDX-License-Identifier: GPL-2.0-only
/* Local APIC access and inter-processor interrupts (see lapic.h for the specs). */
#include <parapet/x86.h>
#include "lapic.h"
#include "pic.h"
#include "regs.h"
#include "timer.h"

/* xAPIC MMIO register offsets; x2APIC MSR = 0x800 + offset / 16. */
#define LAPIC_ID 0x020
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0
#define LAPIC_ESR 0x280
#define LAPIC_ICR_LO 0x300
#define LAPIC_ICR_HI 0x310
#define X2APIC_MSR(off) (0x800u + ((off) >> 4))

#define LAPIC_SVR_ENABLE (1u << 8)
#define LAPIC_SPURIOUS_VECTOR 0xffu

/* ICR fields */
#define ICR_DM_FIXED (0u << 8)
#define ICR_DM_NMI (4u << 8)
#define ICR_DM_INIT (5u << 8)
#define ICR_DM_STARTUP (6u << 8)
#define ICR_DELIVERY_PENDING (1u << 12) /* xAPIC only */
#define ICR_LEVEL_ASSERT (1u << 14)
#define ICR_XAPIC_DEST_SHIFT 24
#define ICR_WAIT_US 100000
#define IPI_VECTOR_MIN 16 /* fixed vectors 0-15 are illegal (send illegal vector error) */

static volatile u8 *mmio;
static bool x2;
static u64 base_phys;
static u64 ipi_failures;

static u32 rd(u32 off)
{
	if (x2)
		return (u32)rdmsr(X2APIC_MSR(off));
	return mmio_read32(mmio + off);
}

static void wr(u32 off, u32 v)
{
	if (x2)
		wrmsr(X2APIC_MSR(off), v);
	else
		mmio_write32(mmio + off, v);
}

/* Local vector table registers and the in-service set (SDM vol. 3A 11.5.1,
 * 11.8.4; APM vol. 2 16.4, 16.6). */
#define LAPIC_ISR0 0x100u
#define LAPIC_LVT_FIRST 0x320u /* timer, thermal, perf, LINT0, LINT1, error */
#define LAPIC_LVT_LAST 0x370u
#define LAPIC_TMICT 0x380u
#define LAPIC_MASKED (1u << 16)

void lapic_quiesce(void)
{
	wr(LAPIC_TMICT, 0);
	for (u32 off = LAPIC_LVT_FIRST; off <= LAPIC_LVT_LAST; off += 0x10)
		wr(off, LAPIC_MASKED);
	/* each EOI retires the highest in-service vector: at most 256 */
	for (u32 n = 0; n < 256; n++) {
		bool any = false;
		for (u32 r = 0; r < 8 && !any; r++)
			any = rd(LAPIC_ISR0 + r * 0x10) != 0;
		if (!any)
			break;
		wr(LAPIC_EOI, 0);
	}
	wr(LAPIC_SVR, LAPIC_SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
	wr(LAPIC_ESR, 0);
}

u32 lapic_read(u32 off)
{
	return rd(off);
}

void lapic_write(u32 off, u32 v)
{
	wr(off, v);
}

bool lapic_x2apic(void)
{
	return x2;
}
u64 lapic_base(void)
{
	return base_phys;
}

static void enable_this_cpu(void)
{
	u64 b = rdmsr(MSR_APIC_BASE);
	if (!(b & APIC_BASE_EN)) {
		b |= APIC_BASE_EN;
		wrmsr(MSR_APIC_BASE, b);
	}
	if (x2 && !(b & APIC_BASE_EXTD))
		wrmsr(MSR_APIC_BASE, b | APIC_BASE_EXTD); /* xAPIC -> x2APIC is allowed */
	wr(LAPIC_SVR, LAPIC_SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
}

int lapic_init(u64 madt_base, bool need_x2apic, struct pp_err *err)
{
	u64 b = rdmsr(MSR_APIC_BASE);
	u32 a, bx, c, d;
	cpuid(1, 0, &a, &bx, &c, &d);
	pic_disable(); /* interrupts come through the LAPIC only (pic.h) */
	x2 = (b & APIC_BASE_EXTD) != 0;
	if (need_x2apic && !x2) {
		if (!(c & CPUID_1_ECX_X2APIC))
			return pp_fail(err, PP_ENOTSUP,
				       "lapic: APIC IDs above 254 but no x2APIC support");
		x2 = true;
	}
	base_phys = madt_base ? madt_base : (b & APIC_BASE_ADDR_MASK);
	mmio = (volatile u8 *)(uintptr_t)base_phys;
	enable_this_cpu();
	return PP_OK;
}

void lapic_init_ap(void)
{
	enable_this_cpu();
}

u32 lapic_id(void)
{
	if (x2)
		return (u32)rdmsr(X2APIC_MSR(LAPIC_ID));
	return rd(LAPIC_ID) >> 24;
}

static int send_ipi(u32 apic_id, u32 lo, struct pp_err *err)
{
	if (x2) {
		/* WRMSR to x2APIC registers is not serializing: make the sender's
		 * earlier stores visible first (Intel SDM vol. 3 §11.12.3). */
		__asm__ volatile("mfence; lfence" ::: "memory");
		wrmsr(X2APIC_MSR(LAPIC_ICR_LO), ((u64)apic_id << 32) | lo);
		return PP_OK;
	}
	if (apic_id > 0xff)
		return pp_fail(err, PP_ERANGE, "lapic: APIC ID %u needs x2APIC", apic_id);
	wr(LAPIC_ESR, 0);
	wr(LAPIC_ICR_HI, apic_id << ICR_XAPIC_DEST_SHIFT);
	wr(LAPIC_ICR_LO, lo);
	struct timeout t;
	timeout_start(&t, ICR_WAIT_US);
	while (rd(LAPIC_ICR_LO) & ICR_DELIVERY_PENDING)
		if (timeout_expired(&t))
			return pp_fail(err, PP_ETIMEOUT, "lapic: IPI 0x%x to APIC %u not delivered",
				       lo, apic_id);
	return PP_OK;
}

int lapic_send_init(u32 apic_id, struct pp_err *err)
{
	return send_ipi(apic_id, ICR_DM_INIT | ICR_LEVEL_ASSERT, err);
}

int lapic_send_sipi(u32 apic_id, u8 vector, struct pp_err *err)
{
	return send_ipi(apic_id, ICR_DM_STARTUP | ICR_LEVEL_ASSERT | vector, err);
}

void lapic_send_ipi(u32 apic_id, u8 vector)
{
	if (vector < IPI_VECTOR_MIN ||
	    send_ipi(apic_id, ICR_DM_FIXED | ICR_LEVEL_ASSERT | vector, NULL))
		__atomic_add_fetch(&ipi_failures, 1u, __ATOMIC_RELAXED);
}

void lapic_send_nmi(u32 apic_id)
{
	if (send_ipi(apic_id, ICR_DM_NMI | ICR_LEVEL_ASSERT, NULL))
		__atomic_add_fetch(&ipi_failures, 1u, __ATOMIC_RELAXED);
}

u64 lapic_ipi_failures(void)
{
	return __atomic_load_n(&ipi_failures, __ATOMIC_RELAXED);
}

void lapic_eoi(void)
{
	wr(LAPIC_EOI, 0);
}
