/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's devices and DMA domain, as struct hv_part holds them
 * (dma.h has the operations; dma_part.c builds them).
 */
#ifndef PARAPET_HV_DMA_PART_H
#define PARAPET_HV_DMA_PART_H

#include <parapet/err.h>
#include <parapet/policy.h>
#include "hypervisor/lib/pt/pt.h"
#include "pci_bar.h"

struct dma_dev {
	u32 pol;  /* index in the policy's devs[] */
	u32 unit; /* index in the ACPI unit list (pp_pol_dev.iommu) */
	u16 seg;
	u16 rid;   /* bus << 8 | devfn */
	u16 alias; /* the ID its DMA carries (IVRS alias), often rid */
	u64 ecam;  /* its configuration space (4 KiB, identity-mapped) */
	struct pci_bar bars[PCI_NUM_BARS];
};

struct dma_part {
	u32 n;
	struct dma_dev devs[PP_POL_MAX_DEVS];
	bool has_domain;
	u16 domain; /* domain id: partition index + 1 */
	struct pt iopt;
	bool attached;
};

#endif
