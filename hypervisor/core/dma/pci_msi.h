/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An assigned PCI function's MSI capability (PCI Local Bus 3.0, 6.7
 * "Capabilities List" and 6.8.1 "MSI Capability Structure"): found by
 * walking the capability list, programmed with the message the IOMMU's
 * interrupt remapping expects (docs/iommu.md, "Interrupt remapping"),
 * enabled and disabled. Configuration space is reached through the
 * injected accessors of pci_bar.h, so the logic is host-tested
 * (tests/unit/test_pci_msi.c) against a model of a function.
 *
 * Trust: configuration space is the device's: the list is walked with
 * every pointer checked (dword-aligned, inside 0x40..0xff) and at most
 * PCI_CAP_MAX_WALK entries, so a looping or wild list ends the walk
 * (PP_EINVAL), never the hypervisor.
 */
#ifndef PARAPET_HV_DMA_PCI_MSI_H
#define PARAPET_HV_DMA_PCI_MSI_H

#include "pci_bar.h"

#define PCI_CFG_STATUS 0x06u	      /* 16-bit, above the command register */
#define PCI_STATUS_CAP_LIST (1u << 4) /* a capability list exists */
#define PCI_CFG_CAP_PTR 0x34u	      /* 8-bit: the first capability */
#define PCI_CAP_FIRST 0x40u	      /* capabilities live in 0x40..0xff */
#define PCI_CAP_MAX_WALK 48u	      /* (256 - 64) / 4: more entries than fit is a loop */
#define PCI_CAP_ID_MSI 0x05u

/* MSI capability (6.8.1): ID 0, next 1, message control 2 (16-bit),
 * address 4; 64-bit capable: upper address 8, data 0x0c, mask 0x10; else
 * data 8, mask 0x0c. */
#define PCI_MSI_CTL_ENABLE (1u << 0)
#define PCI_MSI_CTL_MMC_MASK (7u << 1) /* multiple message capable */
#define PCI_MSI_CTL_MME_MASK (7u << 4) /* multiple message enable */
#define PCI_MSI_CTL_64 (1u << 7)
#define PCI_MSI_CTL_PVM (1u << 8) /* per-vector masking */
#define PCI_MSI_ADDR_LO 0x04u

struct pci_msi {
	u32 cap;     /* offset of the capability (0: none) */
	bool is64;   /* 64-bit address */
	bool pvm;    /* per-vector mask register */
	u32 vectors; /* 1 << MMC */
};

/* Find the MSI capability: PP_OK and *m; PP_ENOENT (no capability list,
 * or no MSI in it); PP_EINVAL (a pointer outside 0x40..0xff or not
 * dword-aligned, or more than PCI_CAP_MAX_WALK entries: a loop). */
int pci_msi_find(const struct pci_cfg_ops *cfg, struct pci_msi *m, struct pp_err *err);

/* Disable MSI, write address/data (one message: MME 0; vector 0 unmasked
 * where masking exists), then enable it. An address above 4 GiB needs a
 * 64-bit capability (PP_EINVAL, nothing written). */
int pci_msi_enable(const struct pci_cfg_ops *cfg, const struct pci_msi *m, u64 addr, u32 data,
		   struct pp_err *err);

/* Clear MSI Enable (the function sends no more messages) and zero the
 * address and data. */
void pci_msi_disable(const struct pci_cfg_ops *cfg, const struct pci_msi *m);

#endif
