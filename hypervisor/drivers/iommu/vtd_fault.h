/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VT-d primary fault records (Intel VT-d spec §11.4.11 "Fault Recording
 * Registers", §7.2.1 "Primary Fault Logging") decoded into the common
 * struct iommu_fault, and the fault reason names of Appendix A
 * ("Non-Recoverable Fault Reason Encodings").
 *
 * Trust: a record is the unit's, read from its registers; every field is
 * taken by mask, nothing is trusted to be in range, and a refused record
 * leaves *f untouched. Fuzzed by tests/fuzz/fuzz_vtd_fault.c.
 */
#ifndef PARAPET_HV_VTD_FAULT_H
#define PARAPET_HV_VTD_FAULT_H

#include "hypervisor/drivers/iommu/iommu_env.h"

/* Fault reasons (Appendix A), legacy-mode DMA remapping. */
#define VTD_FR_ROOT_NOT_PRESENT 0x01u
#define VTD_FR_CTX_NOT_PRESENT 0x02u
#define VTD_FR_CTX_INVALID 0x03u
#define VTD_FR_ADDR_BEYOND_AW 0x04u
#define VTD_FR_WRITE 0x05u
#define VTD_FR_READ 0x06u
#define VTD_FR_SL_TABLE_ERROR 0x07u
#define VTD_FR_ROOT_TABLE_ERROR 0x08u
#define VTD_FR_CTX_TABLE_ERROR 0x09u
#define VTD_FR_ROOT_RESERVED 0x0Au
#define VTD_FR_CTX_RESERVED 0x0Bu
#define VTD_FR_SL_RESERVED 0x0Cu
#define VTD_FR_TT_BLOCKED 0x0Du
/* Interrupt-remapping faults 0x20..0x26 (named, not produced: no IR yet). */
#define VTD_FR_IR_FIRST 0x20u
#define VTD_FR_IR_LAST 0x26u

/* iommu_fault.flags for VT-d. */
#define VTD_FAULT_OVERFLOW 0x1u	 /* FSTS.PFO: faults were lost (no record) */
#define VTD_FAULT_PASID 0x2u	 /* the request carried a PASID (PP) */
#define VTD_FAULT_PRIV 0x4u	 /* privileged-mode request (PRIV) */
#define VTD_FAULT_IRQ_INDEX 0x8u /* interrupt-remapping fault: addr holds the index */

/*
 * One 128-bit fault record (lo: bits 63:0, hi: bits 127:64) into *f:
 * rid = SID, addr = FI (the faulting page, 4 KiB aligned; for
 * interrupt-remapping reasons the interrupt index, flag
 * VTD_FAULT_IRQ_INDEX), access from T (0 write, 1 read) plus EXE, code =
 * FR. PP_EINVAL when F (bit 127) is clear: no fault is recorded there.
 */
int vtd_fault_decode(u64 lo, u64 hi, struct iommu_fault *f, struct pp_err *err);

/* "root-not-present", "context-not-present", ... or "unknown". */
const char *vtd_fault_name(u32 reason);

#endif
