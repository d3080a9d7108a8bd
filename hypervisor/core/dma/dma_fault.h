/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A unit's fault record on its way to the fault log (docs/iommu-faults.md):
 * the owner is the partition the requester id is assigned to (none for a
 * device no partition owns), and the console gets a rate-limited line.
 * When the owner's policy says `on-fault stop` for that device, the owner
 * is stopped as by a PP_HC_PART_STOP (only posted: this runs on the boot
 * CPU in host context and never waits for another CPU).
 */
#ifndef PARAPET_HV_DMA_FAULT_H
#define PARAPET_HV_DMA_FAULT_H

#include "hypervisor/drivers/iommu/iommu_env.h"

/* The drivers' drain callback; ctx is the struct dma_unit. */
void dma_fault_take(void *ctx, const struct iommu_fault *f);

#endif
