/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What an IOMMU unit driver (amdvi.c, vtd.c) needs from its surroundings,
 * injected so the same driver runs in the hypervisor (MMIO, hv_palloc, the
 * TSC) and in host unit tests (a register model, malloc'd pages with fake
 * physical addresses, a counter for time): register access, zeroed
 * physically contiguous memory, and a clock for timeouts. And the one
 * record every driver produces for a blocked or failed DMA (struct
 * iommu_fault), which the fault log (docs/iommu.md) keeps per partition.
 *
 * Trust: the registers and the tables' memory are the hardware's; a unit
 * that does not answer (a completion that never comes, a status bit that
 * never flips) is a timeout with a precise error, never a hang. Fault
 * records come from the unit and are decoded field by field, never trusted
 * to be in range.
 */
#ifndef PARAPET_HV_IOMMU_ENV_H
#define PARAPET_HV_IOMMU_ENV_H

#include <parapet/err.h>
#include <parapet/types.h>

struct iommu_env {
	void *ctx;
	/* Register access at the unit's register base + off (32/64-bit). */
	u32 (*rd32)(void *ctx, u64 base, u32 off);
	u64 (*rd64)(void *ctx, u64 base, u32 off);
	void (*wr32)(void *ctx, u64 base, u32 off, u32 v);
	void (*wr64)(void *ctx, u64 base, u32 off, u64 v);
	/* npages zeroed, physically contiguous 4 KiB pages aligned to
	 * align_pages pages (a power of two), below 4 GiB: the virtual address
	 * and *hpa, or NULL. free returns them (after the hardware is done
	 * with them: the caller's rule). */
	void *(*alloc)(void *ctx, u32 npages, u32 align_pages, u64 *hpa);
	void (*free)(void *ctx, void *va, u64 hpa, u32 npages);
	/* Monotonic time in microseconds; and a pause in a polling loop (the
	 * host model advances the hardware there). */
	u64 (*now_us)(void *ctx);
	void (*relax)(void *ctx);
};

/* The register accessors over an identity-mapped MMIO window
 * (iommu_mmio_env.c; freestanding builds only). */
u32 iommu_mmio_rd32(void *ctx, u64 base, u32 off);
u64 iommu_mmio_rd64(void *ctx, u64 base, u32 off);
void iommu_mmio_wr32(void *ctx, u64 base, u32 off, u32 v);
void iommu_mmio_wr64(void *ctx, u64 base, u32 off, u64 v);

/* How long a driver waits for a unit (a completion wait, a status bit). */
#define IOMMU_TIMEOUT_US 100000u

/* iommu_fault.access */
#define IOMMU_ACC_READ 1u
#define IOMMU_ACC_WRITE 2u
#define IOMMU_ACC_EXEC 4u
#define IOMMU_ACC_UNKNOWN 0u

/* One fault as a unit reported it, decoded. */
struct iommu_fault {
	u32 unit_type; /* ACPI_IOMMU_AMDVI / ACPI_IOMMU_VTD */
	u16 seg;
	u16 rid;    /* requester id: bus << 8 | device << 3 | function */
	u64 addr;   /* the DMA address as the device issued it (0 when none) */
	u32 access; /* IOMMU_ACC_* */
	u32 code;   /* AMD-Vi: EventCode (4 bits); VT-d: Fault Reason (8 bits) */
	u16 domain; /* AMD-Vi IO_PAGE_FAULT DomainID; else 0 */
	u16 flags;  /* AMD-Vi: the event's flags field; VT-d: 0 */
};

/* A short name for a fault code of the unit type ("io-page-fault",
 * "root-not-present", ...) or "unknown". */
const char *iommu_fault_name(u32 unit_type, u32 code);

#endif
