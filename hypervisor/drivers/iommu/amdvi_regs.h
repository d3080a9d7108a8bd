/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD-Vi MMIO registers (AMD I/O Virtualization Technology (IOMMU)
 * Specification #48882, section 3.4 "IOMMU MMIO Registers"): offsets for
 * the probe (iommu_probe.c) and the unit driver (amdvi.c, amdvi_cmd.c).
 * Pure definitions.
 *
 * Naming: AMDVI_MMIO_<REG> is a register's offset from the unit's base;
 * AMDVI_<REG>_<FIELD> a field's bits within that register (already
 * shifted), AMDVI_<REG>_<FIELD>_SHIFT its lowest bit where a value is
 * stored in it. The command buffer and the event log share one layout
 * (base register and head/tail pointers): AMDVI_RING_<FIELD>. Every
 * register here is 64 bits wide.
 */
#ifndef PARAPET_HV_AMDVI_REGS_H
#define PARAPET_HV_AMDVI_REGS_H

#define AMDVI_MMIO_DEV_TABLE_BASE 0x0000u /* Device Table Base Address */
#define AMDVI_MMIO_CMD_BUF_BASE 0x0008u	  /* Command Buffer Base Address */
#define AMDVI_MMIO_EVT_LOG_BASE 0x0010u	  /* Event Log Base Address */
#define AMDVI_MMIO_CONTROL 0x0018u	  /* IOMMU Control */
#define AMDVI_MMIO_EFR                                                                             \
	0x0030u /* The enables and interrupt enables Parapet owns (amdvi.c, and the secure         \
		 * loader's guard, launch/sl/dma_guard_amdvi.c); the rest of Control               \
		 * (InvTimeOut, PassPW, ResPassPW, Coherent, Isoc, HtTunEn) is firmware's          \
		 * and kept. Guest translation, guest APIC and PPR stay off. */
#define AMDVI_CONTROL_OWNED                                                                        \
	(AMDVI_CONTROL_IOMMU_EN | AMDVI_CONTROL_EVT_LOG_EN | AMDVI_CONTROL_EVT_INT_EN |            \
	 AMDVI_CONTROL_COM_WAIT_INT_EN | AMDVI_CONTROL_CMD_BUF_EN | AMDVI_CONTROL_PPR_LOG_EN |     \
	 AMDVI_CONTROL_PPR_INT_EN | AMDVI_CONTROL_PPR_EN | AMDVI_CONTROL_GT_EN |                   \
	 AMDVI_CONTROL_GA_EN)

/* Extended Feature Register */
#define AMDVI_MMIO_CMD_BUF_HEAD 0x2000u /* Command Buffer Head Pointer */
#define AMDVI_MMIO_CMD_BUF_TAIL 0x2008u /* Command Buffer Tail Pointer */
#define AMDVI_MMIO_EVT_LOG_HEAD 0x2010u /* Event Log Head Pointer */
#define AMDVI_MMIO_EVT_LOG_TAIL 0x2018u /* Event Log Tail Pointer */
#define AMDVI_MMIO_STATUS 0x2020u	/* IOMMU Status */

/* Device Table Base: 51:12 DevTabBase, 8:0 Size (4 KiB pages minus 1). */
#define AMDVI_DEV_TABLE_BASE_ADDR 0x000ffffffffff000ull
#define AMDVI_DEV_TABLE_BASE_SIZE 0x1ffull

/* Command Buffer / Event Log Base: 51:12 base, 59:56 ComLen / EventLen
 * (the ring holds 2^len 16-byte entries; 8..15 valid, 8 = 4 KiB). */
#define AMDVI_RING_BASE_ADDR 0x000ffffffffff000ull
#define AMDVI_RING_BASE_LEN (0xfull << 56)
#define AMDVI_RING_BASE_LEN_SHIFT 56u
#define AMDVI_RING_LEN_MIN 8u
#define AMDVI_RING_ENTRY 16u /* bytes per command and per event log entry */

/* Head and tail pointers: 18:4, a byte offset into the ring. */
#define AMDVI_RING_PTR 0x7fff0ull

/* Control (§3.4). */
#define AMDVI_CONTROL_IOMMU_EN (1ull << 0)
#define AMDVI_CONTROL_HT_TUN_EN (1ull << 1)
#define AMDVI_CONTROL_EVT_LOG_EN (1ull << 2)
#define AMDVI_CONTROL_EVT_INT_EN (1ull << 3)
#define AMDVI_CONTROL_COM_WAIT_INT_EN (1ull << 4)
#define AMDVI_CONTROL_INV_TIMEOUT (7ull << 5)
#define AMDVI_CONTROL_PASS_PW (1ull << 8)
#define AMDVI_CONTROL_RES_PASS_PW (1ull << 9)
#define AMDVI_CONTROL_COHERENT (1ull << 10)
#define AMDVI_CONTROL_ISOC (1ull << 11)
#define AMDVI_CONTROL_CMD_BUF_EN (1ull << 12)
#define AMDVI_CONTROL_PPR_LOG_EN (1ull << 13)
#define AMDVI_CONTROL_PPR_INT_EN (1ull << 14)
#define AMDVI_CONTROL_PPR_EN (1ull << 15)
#define AMDVI_CONTROL_GT_EN (1ull << 16)
#define AMDVI_CONTROL_GA_EN (1ull << 17)

/* Extended Feature Register (§3.4): IASup, INVALIDATE_IOMMU_ALL. */
#define AMDVI_EFR_IA_SUP (1ull << 6)

/* Status (§3.4): 0..2 write 1 to clear; 3, 4 read-only. */
#define AMDVI_STATUS_EVT_OVERFLOW (1ull << 0)
#define AMDVI_STATUS_EVT_LOG_INT (1ull << 1)
#define AMDVI_STATUS_COM_WAIT_INT (1ull << 2)
#define AMDVI_STATUS_EVT_LOG_RUN (1ull << 3)
#define AMDVI_STATUS_CMD_BUF_RUN (1ull << 4)

_Static_assert(AMDVI_RING_BASE_LEN >> AMDVI_RING_BASE_LEN_SHIFT == 0xf, "length is bits 59:56");
_Static_assert((AMDVI_RING_PTR & 0xf) == 0 && (AMDVI_RING_PTR >> 4) == 0x7fff,
	       "pointers are bits 18:4");

#endif
