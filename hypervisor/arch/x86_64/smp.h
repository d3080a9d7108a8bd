/* SPDX-License-Identifier: GPL-2.0-only */
/* Application-processor bring-up (INIT-SIPI-SIPI, docs/hypervisor.md "SMP bring-up"). */
#ifndef PARAPET_HV_X86_SMP_H
#define PARAPET_HV_X86_SMP_H

#include <parapet/acpi.h>
#include "hypervisor/core/palloc.h"

#define SMP_INIT_DELAY_US 10000	  /* INIT -> first SIPI */
#define SMP_SIPI_DELAY_US 200	  /* first SIPI -> second SIPI */
#define SMP_AP_TIMEOUT_US 1000000 /* per CPU, polled (TCG is slow) */
#define SMP_TRAMPOLINES 8	  /* APs started at once, one trampoline page each */

/* CPUs in the idle loop, the BSP included. */
extern volatile u32 smp_cpus_online;

/* Start every enabled MADT CPU other than the BSP; returns CPUs online. */
u32 smp_start_aps(const struct acpi_info *ai, struct palloc *pa);

/* Every online AP runs fn once, from its idle loop (woken by a kick IPI:
 * irq.h); fn may not return (a partition's CPU loop). */
void smp_run_on_aps(void (*fn)(void));

#endif
