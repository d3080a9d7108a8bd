/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A tiny driver for QEMU's `edu` PCI device (vendor 1234:11e8; the DMA
 * test device of the IOMMU tests, ../shared/notes/platform.md "IOMMU"),
 * assigned to this partition by the policy (`device ... iommu N`). BAR0
 * (1 MiB of registers) is found with PP_HC_DEV_INFO; the hypervisor maps
 * it 1:1 (gpa == hpa) and enables Memory Space and Bus Master, the guest
 * never touches configuration space. If the partition's own page tables
 * do not map BAR0, gk_edu_open maps its 2 MiB page, uncached, with a page
 * directory of its own (.bss).
 *
 * DMA: one transfer at a time between the device's 4 KiB buffer at device
 * address GK_EDU_BUF and a device address (with an IOMMU: the partition's
 * guest-physical address; QEMU clamps it to 28 bits). The device finishes
 * a transfer on a 100 ms virtual-time timer whether or not the IOMMU let
 * it through, so completion says nothing about where the bytes went.
 * Trust: the device's registers are read as values, never as addresses
 * the guest follows; the hypervisor's answers are printed by the caller.
 */
#ifndef GUEST_KIT_EDU_H
#define GUEST_KIT_EDU_H

#include <stdint.h>

/* BAR0 register offsets (QEMU docs/specs/edu.rst), 64-bit accesses. */
#define GK_EDU_REG_ID 0x00u	    /* 32-bit: 0xRRrr00ed, major RR, minor rr */
#define GK_EDU_REG_IRQ_STATUS 0x24u /* 32-bit: bits raised and not acknowledged */
#define GK_EDU_REG_IRQ_RAISE 0x60u  /* write: OR into the status and raise (an MSI) */
#define GK_EDU_REG_IRQ_ACK 0x64u    /* write: clear those status bits */
#define GK_EDU_REG_DMA_SRC 0x80u
#define GK_EDU_REG_DMA_DST 0x88u
#define GK_EDU_REG_DMA_CNT 0x90u
#define GK_EDU_REG_DMA_CMD 0x98u
#define GK_EDU_CMD_START 0x1u  /* write: start; read: still busy */
#define GK_EDU_CMD_TO_RAM 0x2u /* direction: device buffer -> RAM */
#define GK_EDU_CMD_IRQ 0x4u    /* raise an interrupt at the end (not used) */
#define GK_EDU_ID_MAGIC 0xedu  /* the ID register's low byte */

#define GK_EDU_BUF 0x40000ull /* the device buffer's device address */
/* 4 KiB of buffer, but QEMU 7.2's edu refuses (hw_error: QEMU exits) a
 * transfer that ends exactly at the buffer's end: edu_check_range wants
 * the end address strictly inside. So one transfer moves at most half. */
#define GK_EDU_BUF_SIZE 0x800ull
#define GK_EDU_ADDR_MASK 0xfffffffull /* 28-bit DMA addresses */
#define GK_EDU_TIMEOUT_MS 5000u	      /* bound of gk_edu_dma's wait (100 ms expected) */

struct gk_edu {
	uint64_t bdf;  /* segment << 16 | bus << 8 | devfn (PP_HC_DEV_INFO) */
	uint64_t base; /* BAR0's gpa */
	uint64_t size; /* BAR0's size */
	uint32_t id;   /* the ID register */
};

/*
 * The partition's device `index` (policy order) through PP_HC_DEV_INFO
 * BAR 0; maps it if needed and reads the ID register. 0; the negative
 * PP_HC_E* status of the call; GK_EDU_ENOBAR (BAR0 not a mapped memory
 * BAR, or smaller than the registers); GK_EDU_EMAP (cannot map it in its
 * own tables); GK_EDU_EID (the ID register's low byte is not 0xed).
 */
#define GK_EDU_ENOBAR (-100)
#define GK_EDU_EMAP (-101)
#define GK_EDU_EID (-102)
int64_t gk_edu_open(uint64_t index, struct gk_edu *edu);

/*
 * One transfer of `len` bytes (1 .. GK_EDU_BUF_SIZE): to_ram 0: from
 * device address `addr` into the buffer; 1: from the buffer to `addr`.
 * Waits (gk_delay_ms, 1 ms steps) until the device says done, at most
 * GK_EDU_TIMEOUT_MS. 0 with *ms the wait; GK_EDU_EBUSY if a transfer is
 * still running before the start; GK_EDU_ETIMEOUT if it never completed
 * (the device is left as it is); GK_EDU_EARG for a bad len or an address
 * beyond 28 bits.
 */
#define GK_EDU_EBUSY (-103)
#define GK_EDU_ETIMEOUT (-104)
#define GK_EDU_EARG (-105)
int gk_edu_dma(const struct gk_edu *edu, int to_ram, uint64_t addr, uint64_t len, uint64_t *ms);

/* A printable name of the results above (and of PP_HC_E* via cap.h). */
const char *gk_edu_status_name(int64_t status);

/* Raise the device's interrupt with status bits `bits` (with MSI on: one
 * message per write), and acknowledge them. */
void gk_edu_irq_raise(const struct gk_edu *edu, uint32_t bits);
void gk_edu_irq_ack(const struct gk_edu *edu, uint32_t bits);

/*
 * The attack path: `len` bytes from the device buffer's start to device
 * address `addr` (any 32-bit address; the device itself masks it with its
 * dma_mask, 28 bits unless QEMU's `edu,dma_mask=` widens it), waited for
 * as gk_edu_dma. Used to forge an MSI (a write to 0xFEEx_xxxx).
 */
int gk_edu_dma_raw(const struct gk_edu *edu, uint64_t addr, uint64_t len, uint64_t *ms);

#endif
