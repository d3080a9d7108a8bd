/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DMA remapping in the hypervisor (docs/iommu.md): the glue between the
 * IOMMU unit drivers (hypervisor/drivers/iommu: amdvi.c, vtd.c), the
 * enforced policy's `device` lines and the partitions.
 *
 *  - dma_boot: every unit the platform probe found is brought up with
 *    every requester blocked (AMD-Vi: every device-table entry valid,
 *    translating, no permission; VT-d: translation on over a root table
 *    with no entry). Called as soon as the page allocator exists. A unit
 *    the secure loader's guard left on (the handoff's DMA record) is
 *    taken over without being disabled (docs/iommu.md, "Takeover").
 *  - dma_part_build: a partition's DMA domain (an I/O page table in its
 *    unit's format mapping exactly its `dma yes` RAM at the guest-physical
 *    addresses its CPUs see, from its plan) and its devices (each memory
 *    BAR mapped 1:1 into its NPT); nothing reaches the hardware yet.
 *  - dma_part_attach / dma_part_block: its devices into its domain (then
 *    Memory Space and Bus Master on), or back to blocked (Bus Master off
 *    first). A stop blocks them before the partition is STOPPED; a
 *    restart attaches them again after the reset.
 *  - dma_poll: the boot CPU drains every unit's fault records into the
 *    fault log (hypervisor/core/faultlog.c), at most once per host tick.
 *
 * Trust: the units' registers and fault records are the hardware's and
 * are decoded by the drivers; configuration space is the device's.
 * Every unit operation is serialized by the unit's lock (stops and
 * restarts run on the partitions' own CPUs).
 */
#ifndef PARAPET_HV_DMA_H
#define PARAPET_HV_DMA_H

#include <parapet/err.h>
#include <parapet/handoff.h>
#include <parapet/types.h>

struct hv_part;
struct vpci_cfg;

void dma_boot(const struct pp_handoff *h);
/* `dma-bench` on the command line: time one invalidation + wait per unit
 * (dma_bench.c, make bench). */
void dma_bench(const struct pp_handoff *h);
/* How many units are up (every device blocked). */
u32 dma_units_up(void);
/* How many devices are attached to their owner's domain now. */
u32 dma_devices_attached(void);
int dma_part_build(struct hv_part *p, struct pp_err *err);
int dma_part_attach(struct hv_part *p, struct pp_err *err);
void dma_part_block(struct hv_part *p);
void dma_poll(void);
/* PP_HC_DEV_IRQ for p (on p's CPU): its device `index`'s MSI as virtual
 * vector `vector` (dma_irq.c), or off. */
long dma_dev_irq(struct hv_part *p, u64 index, u32 vector, bool on);
/* A Linux partition's PCI view (dma_linux.c): its one device at guest
 * 00:01.0 behind the synthetic host bridge, its mapped BARs at their
 * addresses (gpa == hpa), the physical accesses through its ECAM page. */
int dma_linux_vpci(struct hv_part *p, struct vpci_cfg *cfg, struct pp_err *err);
/* Behind VT-d, the view shadows the device's MSI (cfg->msi_remap: one
 * remapping entry held, blocked). lnx_msi_fn (lvm.h), ctx = p: the
 * guest's Enable and message judged (vmsi.h) into that entry: remapped,
 * or left blocked with a refusal line. */
void dma_linux_msi(void *ctx, bool enabled, u64 addr, u32 data);
/* Give back what dma_linux_vpci held (a failed view): its entry freed. */
void dma_linux_unhold(struct hv_part *p);
/* PP_HC_DEV_INFO for p: its device `index`, BAR `bar`. */
long dma_dev_info(struct hv_part *p, u64 index, u64 bar, u64 *bdf, u64 *base, u64 *size);

#endif
