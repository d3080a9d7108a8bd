/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Local APIC: xAPIC (MMIO at the MADT's LAPIC address) or x2APIC (MSRs),
 * Intel SDM vol. 3 ch. 11 (§11.4 xAPIC, §11.6 ICR, §11.12 x2APIC),
 * AMD APM vol. 2 §16.3-16.5. x2APIC is used when the BSP already runs in it
 * or any CPU has an APIC ID above 254.
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

#endif
