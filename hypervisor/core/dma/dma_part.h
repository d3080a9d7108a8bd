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
	u16 rid;      /* bus << 8 | devfn */
	u16 alias;    /* the ID its DMA carries (IVRS alias), often rid */
	u32 on_fault; /* PP_POL_FAULT_*: what a recorded fault of it does */
	u64 ecam;     /* its configuration space (4 KiB, identity-mapped) */
	struct pci_bar bars[PCI_NUM_BARS];
	/* Its MSI (dma_irq.c): remapped to host vector irq_host on its
	 * owner's CPU, posted to the owner as virtual vector irq_vector. */
	bool irq_on;
	u8 irq_vector;
	u32 irq_host;
	u32 irq_index; /* VT-d: its entry in the unit's table; AMD-Vi: 0 */
	u32 *irt;      /* AMD-Vi: its own interrupt remapping table (a page), or NULL */
	u64 irt_hpa;
	u64 irqs; /* MSIs posted to its owner */
	/* A Linux partition's device behind VT-d (dma_linux.c): the one
	 * remapping entry its shadowed MSI names, and what was last judged. */
	struct {
		u64 addr;	       /* the guest's message last judged */
		u64 remapped, refused; /* judgements made */
		u32 index;	       /* its entry in the unit's table, when held */
		u32 data;
		bool held;    /* `index` allocated in the unit's table */
		bool judged;  /* enabled/addr/data are what the entry says */
		bool enabled; /* the guest's Enable last judged */
	} trap;
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
