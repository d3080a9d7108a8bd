// SPDX-License-Identifier: GPL-2.0-only
/*
 * The steps before a DRTM instruction (prep.h). Sources: AMD APM vol. 2,
 * 15.27 (SKINIT: the other processors must not run code the SL has not
 * measured; TrenchBoot's GRUB sends them INIT first) and 15.30.1 (VM_CR:
 * bit 1 R_INIT, bit 2 DIS_A20M, bit 4 SVMDIS); Intel SDM vol. 3, "Local
 * APIC" (ICR: INIT, all excluding self); TCG PC Client PTP (relinquishing
 * a locality).
 *
 * R_INIT (INIT redirected to #SX) is left clear: the SL runs with GIF
 * clear, which holds INIT pending (APM vol. 2, 15.17), until STGI right
 * before the hypervisor, whose first steps load its own IDT.
 */
#include <parapet/tpm2.h>
#include <parapet/x86.h>
#include "common/drivers/tpm/tpm_ptp.h"
#include "launch/console.h"
#include "launch/drtm/prep.h"

#define MSR_EFER 0xc0000080u
#define MSR_APIC_BASE 0x1bu
#define APIC_BASE_X2APIC (1ull << 10)
#define APIC_BASE_ENABLE (1ull << 11)
#define APIC_BASE_ADDR_MASK 0x000ffffffffff000ull
#define APIC_ICR_LO 0x300u
#define APIC_ICR_HI 0x310u
#define APIC_ICR_BUSY (1u << 12)
#define MSR_X2APIC_ICR 0x830u
#define ICR_INIT (5u << 8)
#define ICR_ASSERT (1u << 14)
#define ICR_ALL_BUT_SELF (3u << 18)
#define PORT_POST 0x80
#define INIT_WAIT 10000u /* port-0x80 writes: ~10 ms on hardware */

static void post_delay(u32 n)
{
	for (u32 i = 0; i < n; i++)
		outb(PORT_POST, 0);
}

void drtm_cpu_probe(struct drtm_cpu *c)
{
	u32 a, b, ecx1 = 0, ext = 0, d;
	cpuid(1, 0, &a, &b, &ecx1, &d);
	cpuid(0x80000000u, 0, &a, &b, &ext, &d);
	ext = 0;
	if (a >= 0x80000001u)
		cpuid(0x80000001u, 0, &a, &b, &ext, &d);
	/* VM_CR exists on CPUs with SVM (APM vol. 2, 15.30.1) */
	u64 vm_cr = (ext & DRTM_CPUID_ECX_SVM) ? rdmsr(DRTM_MSR_VM_CR) : 0;
	drtm_cpu_decode(ecx1, ext, vm_cr, c);
}

static void others_to_init(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_ENABLE)) {
		launch_printf("drtm: local APIC disabled: no INIT IPI sent");
		return;
	}
	if (base & APIC_BASE_X2APIC) {
		wrmsr(MSR_X2APIC_ICR, ICR_INIT | ICR_ASSERT | ICR_ALL_BUT_SELF);
	} else {
		volatile u8 *apic = (volatile u8 *)(uintptr_t)(base & APIC_BASE_ADDR_MASK);
		mmio_write32(apic + APIC_ICR_HI, 0);
		mmio_write32(apic + APIC_ICR_LO, ICR_INIT | ICR_ASSERT | ICR_ALL_BUT_SELF);
		for (u32 i = 0; i < INIT_WAIT && (mmio_read32(apic + APIC_ICR_LO) & APIC_ICR_BUSY);
		     i++)
			outb(PORT_POST, 0);
	}
	post_delay(INIT_WAIT);
	launch_printf("drtm: other CPUs sent INIT (all excluding self)");
}

static void release_tpm(void)
{
	static struct tpm_mmio_dev mmio;
	static struct tpm2_dev dev;
	struct tpm_iface iface;
	struct pp_err err = {0, ""};
	if (tpm_ptp_identify(&tpm_mmio_direct, TPM_PTP_BASE, TPM_IFACE_NONE, &iface, &err)) {
		launch_printf("drtm: tpm: %s", err.msg);
		return;
	}
	tpm_mmio_dev_init(&mmio, &tpm_mmio_direct, iface.base, post_delay);
	tpm2_init(&dev, iface.kind == TPM_IFACE_CRB ? &tpm_crb_transport : &tpm_tis_transport,
		  &mmio);
	if (tpm2_relinquish_others(&dev, TPM2_LOCALITY_NONE, &err))
		launch_printf("drtm: tpm: %s", err.msg);
	else
		launch_printf("drtm: tpm: %s at 0x%llx: every locality released",
			      tpm_iface_name(iface.kind), (unsigned long long)iface.base);
}

void drtm_prepare(const struct drtm_cpu *c)
{
	others_to_init();
	release_tpm();
	wrmsr(MSR_EFER, drtm_efer(c, rdmsr(MSR_EFER)));
	if (c->svm || c->skinit)
		wrmsr(DRTM_MSR_VM_CR, drtm_vm_cr(rdmsr(DRTM_MSR_VM_CR)));
	launch_printf("drtm: cpu: svm %s, skinit %s, EFER.SVME %s", c->svm ? "yes" : "no",
		      c->skinit ? "yes" : "no", c->svm_usable ? "set" : "not settable");
}
