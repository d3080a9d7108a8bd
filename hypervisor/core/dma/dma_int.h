/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the DMA glue (dma.h): one object per IOMMU unit the ACPI tables
 * name, indexed like the ACPI list (the policy's `iommu N`), whichever
 * driver runs it, and the operations on it under its lock.
 */
#ifndef PARAPET_HV_DMA_INT_H
#define PARAPET_HV_DMA_INT_H

#include <parapet/acpi.h>
#include "hypervisor/core/spinlock.h"
#include "hypervisor/drivers/iommu/amdvi.h"
#include "hypervisor/drivers/iommu/iommu_env.h"
#include "hypervisor/drivers/iommu/vtd.h"
#include "dma.h"
#include "dma_part.h"

/* Tables the units read live below this (the identity map covers it). */
#define DMA_MEM_LIMIT (4ull << 30)

struct dma_unit {
	union {
		struct amdvi amd;
		struct vtd vtd;
	} u;
	u64 base;
	u32 type; /* ACPI_IOMMU_AMDVI / ACPI_IOMMU_VTD; 0: not up */
	struct spinlock lock;
};

extern const struct iommu_env dma_env;
extern struct dma_unit dma_units[ACPI_MAX_IOMMUS];

/* The I/O page-table format and depth of unit i (NULL: not up). */
const struct pt_format *dma_unit_format(u32 i, u32 *depth, u32 *leaves);
int dma_unit_attach(u32 i, u16 rid, u16 domain, u64 root, u32 depth, struct pp_err *err);
int dma_unit_block(u32 i, u16 rid, struct pp_err *err);
/* Configuration space of an assigned device (its ECAM page). */
struct pci_cfg_ops dma_dev_cfg(struct dma_dev *d);
/* dma_irq.c: d's MSI off (device first, then its remapping entry, then
 * the host vector), on the owner's CPU. Nothing when it is off. */
void dma_irq_off(struct hv_part *p, struct dma_dev *d);

/* dma_linux.c, a Linux partition's devices: at build, refuse a unit other
 * than AMD-Vi and allocate each device's interrupt table; at attach (after
 * its DTE), the direct table (entry v = vector v at the partition's core)
 * for its ID and alias, then Memory Space on, Bus Master left to the guest. */
int dma_linux_build(struct hv_part *p, struct pp_err *err);
int dma_linux_attach(struct hv_part *p, struct dma_dev *d, struct pp_err *err);
/* At a stop (dma_part_block): behind VT-d, d's MSI off at the device,
 * then its trap entry blocked and freed, with the trap's counts printed.
 * Nothing when none is held. */
void dma_linux_block(struct hv_part *p, struct dma_dev *d);

#endif
