/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An assigned PCI function's memory BARs and its command register (PCI
 * Local Bus 3.0, 6.2.2 "Device Control" and 6.2.5.1 "Address Maps"; PCI
 * Express Base 7.5.1): what the hypervisor maps into the device's owner
 * (docs/iommu.md, "Assigned devices"). Configuration space is reached
 * through injected 32-bit accessors, so the logic is host-tested
 * (tests/unit/test_pci_bar.c) against a model of a function.
 *
 * Trust: configuration space is the device's (and the firmware's
 * placement): every BAR is decoded field by field; a BAR the hypervisor
 * cannot map safely (I/O space, below 4 KiB or not page-aligned, a 64-bit
 * BAR in the last slot, a size that is not a power of two, an address
 * that wraps) is left out with its reason, never mapped.
 */
#ifndef PARAPET_HV_DMA_PCI_BAR_H
#define PARAPET_HV_DMA_PCI_BAR_H

#include <parapet/err.h>
#include <parapet/types.h>

/* Type 0 header offsets (PCI Local Bus 3.0, Figure 6-1). */
#define PCI_CFG_VENDOR 0x00u
#define PCI_CFG_COMMAND 0x04u /* 16-bit; the status register above it */
#define PCI_CFG_HEADER_TYPE 0x0eu
#define PCI_CFG_BAR0 0x10u
#define PCI_NUM_BARS 6u

/* Command register bits (PCI Local Bus 3.0, 6.2.2, Figure 6-2). */
#define PCI_CMD_IO (1u << 0)	 /* I/O Space */
#define PCI_CMD_MEM (1u << 1)	 /* Memory Space */
#define PCI_CMD_MASTER (1u << 2) /* Bus Master: the function may issue DMA */
#define PCI_CMD_INTX_OFF (1u << 10)

/* BAR low bits (6.2.5.1). */
#define PCI_BAR_IO (1u << 0)
#define PCI_BAR_TYPE_MASK (3u << 1)
#define PCI_BAR_TYPE_64 (2u << 1)
#define PCI_BAR_PREFETCH (1u << 3)
#define PCI_BAR_MEM_MASK 0xfffffff0u

struct pci_cfg_ops {
	void *ctx;
	u32 (*rd32)(void *ctx, u32 off);
	void (*wr32)(void *ctx, u32 off, u32 v);
};

struct pci_bar {
	u64 base, size; /* size 0: not mapped (why says why, if it exists) */
	const char *why;
};

/*
 * Read and size the function's six BARs: memory and I/O decoding are off
 * while a BAR holds all-ones (the sizing write), and the BAR and the
 * command register are restored. PP_OK with bars[] filled (unmappable
 * ones with size 0 and `why`), or PP_EINVAL for a function that is not a
 * type 0 header (bridges are not assignable).
 */
int pci_bars_read(const struct pci_cfg_ops *cfg, struct pci_bar bars[PCI_NUM_BARS],
		  struct pp_err *err);

/* Set (or clear) Memory Space and Bus Master together, leaving the other
 * command bits; INTx is disabled when set (its interrupts are MSIs or
 * nothing). */
void pci_enable_dma(const struct pci_cfg_ops *cfg, bool on);
/* Memory Space on, INTx disabled, I/O Space and Bus Master off: a Linux
 * partition's device (docs/linux-partition.md "An assigned NIC"), whose
 * guest driver turns Bus Master on itself (through vpci's Command filter)
 * once it has reset the device. */
void pci_enable_mem(const struct pci_cfg_ops *cfg);

#endif
