/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD-Vi MMIO register offsets used by the probe (AMD I/O Virtualization
 * Technology (IOMMU) Specification #48882, section 3.4 "IOMMU MMIO
 * Registers"). The full driver extends this file.
 */
#ifndef PARAPET_HV_AMDVI_REGS_H
#define PARAPET_HV_AMDVI_REGS_H

#define AMDVI_MMIO_DEV_TABLE_BASE 0x0000u
#define AMDVI_MMIO_CMD_BUF_BASE 0x0008u
#define AMDVI_MMIO_EVT_LOG_BASE 0x0010u
#define AMDVI_MMIO_CONTROL 0x0018u
#define AMDVI_MMIO_EFR 0x0030u /* Extended Feature Register, 64-bit */

#endif
