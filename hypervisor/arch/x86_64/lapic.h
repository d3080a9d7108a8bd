/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Local APIC: xAPIC (MMIO at the MADT's LAPIC address) or x2APIC (MSRs),
 * Intel SDM vol. 3 ch. 11 (§11.4 xAPIC, §11.6 ICR, §11.12 x2APIC),
 * AMD APM vol. 2 §16.3-16.5. x2APIC is used when the BSP already runs in it
 * or any CPU has an APIC ID above 254. lapic_init also remaps and masks the
 * legacy PICs (pic.h): host interrupts come through the LAPIC only.
 */
#ifndef PARAPET_HV_X86_LAPIC_H
#define PARAPET_HV_X86_LAPIC_H

#include <parapet/err.h>
#include <parapet/types.h>

/* BSP: choose the mode and enable the APIC. madt_base 0 = use IA32_APIC_BASE. */
int lapic_init(u64 madt_base, bool need_x2apic, struct pp_err *err);
/* APs: enable their APIC in the BSP's mode. */
void lapic_init_ap(void);
u32 lapic_id(void);
bool lapic_x2apic(void);
u64 lapic_base(void);

int lapic_send_init(u32 apic_id, struct pp_err *err);
int lapic_send_sipi(u32 apic_id, u8 vector, struct pp_err *err);

/*
 * A fixed interrupt, physical destination, edge, to one CPU (ICR: Intel SDM
 * vol. 3 §11.6.1, x2APIC §11.12.9; AMD APM vol. 2 §16.5). xAPIC: waits up
 * to 100 ms of TSC time for delivery-pending to clear. A vector below 16,
 * an APIC ID above 255 in xAPIC mode or a delivery that stays pending is
 * counted (lapic_ipi_failures), not reported. Not from irq_dispatch: the
 * xAPIC ICR is written in two halves, so the caller must not be
 * interrupted by another sender on the same CPU.
 */
void lapic_send_ipi(u32 apic_id, u8 vector);
/* An NMI (ICR delivery mode 100, vector ignored: SDM vol. 3 §11.6.1; APM
 * vol. 2 §16.5) to one CPU, physical destination, edge; failures counted
 * as above, the same rule on who may call it. The kick of a core whose
 * local APIC a guest owns (a Linux partition's, vCPU 0 or an AP:
 * partition_run.c, partition_lsmp.c): with the NMI intercept
 * set, the NMI makes VMRUN exit whatever the guest's IF (AMD APM vol. 2
 * 15.13.4, "NMI Intercept"); the host's handler (irq_dispatch) counts it. */
void lapic_send_nmi(u32 apic_id);
u64 lapic_ipi_failures(void);
/* End of interrupt for the one in service (not for the spurious vector). */
void lapic_eoi(void);

/* After a guest that owned this core's local APIC (a Linux partition,
 * docs/linux-partition.md): its timer stopped, every LVT masked, every
 * in-service vector retired, the host's spurious vector back. */
void lapic_quiesce(void);

/* Raw register access by xAPIC offset (x2APIC: MSR 0x800 + off / 16),
 * for lapic_timer.c. Only after lapic_init / lapic_init_ap. */
u32 lapic_read(u32 off);
void lapic_write(u32 off, u32 v);

#endif
