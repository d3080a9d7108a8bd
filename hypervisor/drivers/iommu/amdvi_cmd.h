/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD-Vi commands (spec #48882 §2.4 "Commands"): 128-bit entries of the
 * command buffer, four little-endian 32-bit words, opcode in bits 63:60.
 * Pure encoders, and the submission to a unit's ring (amdvi.h) with a
 * bounded wait for space and for completion.
 *
 * Trust: encoders take hypervisor values only; submission reads the
 * unit's head pointer under AMDVI_RING_PTR and never writes a slot the
 * unit has not consumed.
 */
#ifndef PARAPET_HV_AMDVI_CMD_H
#define PARAPET_HV_AMDVI_CMD_H

#include "hypervisor/drivers/iommu/amdvi.h"

struct amdvi_cmd {
	u32 w[4]; /* w[i] holds bits 32i+31 .. 32i */
};
_Static_assert(sizeof(struct amdvi_cmd) == 16, "a command is 128 bits (§2.4)");

/* Opcodes (§2.4), in bits 31:28 of w[1]. */
#define AMDVI_CMD_COMPLETION_WAIT 0x1u
#define AMDVI_CMD_INV_DEVTAB_ENTRY 0x2u
#define AMDVI_CMD_INV_IOMMU_PAGES 0x3u
#define AMDVI_CMD_INV_IOTLB_PAGES 0x4u
#define AMDVI_CMD_INV_INTERRUPT_TABLE 0x5u
#define AMDVI_CMD_INV_IOMMU_ALL 0x8u
#define AMDVI_CMD_OP_SHIFT 28u

/* COMPLETION_WAIT: w[0] bit 0 S (store), 1 I (interrupt), 2 F (flush
 * queue), 31:3 store address [31:3]; w[1] 19:0 store address [51:32];
 * w[2], w[3] the 64-bit store data. */
#define AMDVI_CW_S (1u << 0)
#define AMDVI_CW_I (1u << 1)
#define AMDVI_CW_F (1u << 2)
/* INVALIDATE_DEVTAB_ENTRY, INVALIDATE_INTERRUPT_TABLE: w[0] 15:0 DeviceID.
 * INVALIDATE_IOMMU_PAGES: w[0] 19:0 PASID; w[1] 15:0 DomainID; w[2] bit 0
 * S (size: the address encodes a range), 1 PDE (page directory entries
 * too), 2 GN, 31:12 address [31:12]; w[3] address [63:32]. With S set,
 * address 0x7fff_ffff_ffff_f000 means every page of the domain. */
#define AMDVI_INV_S (1u << 0)
#define AMDVI_INV_PDE (1u << 1)
#define AMDVI_INV_GN (1u << 2)
#define AMDVI_INV_ALL_PAGES 0x7ffffffffffff000ull

void amdvi_cmd_completion_wait(struct amdvi_cmd *c, u64 store_hpa, u64 data);
void amdvi_cmd_inv_devtab(struct amdvi_cmd *c, u16 rid);
void amdvi_cmd_inv_domain(struct amdvi_cmd *c, u16 domain); /* all pages, PDEs too */
void amdvi_cmd_inv_irt(struct amdvi_cmd *c, u16 rid);
void amdvi_cmd_inv_all(struct amdvi_cmd *c);

static inline u32 amdvi_cmd_opcode(const struct amdvi_cmd *c)
{
	return c->w[1] >> AMDVI_CMD_OP_SHIFT;
}

/* Orders the driver's memory writes (tables, ring slots) before the next
 * ones and before a register write: x86 keeps stores in order, the
 * compiler must not move them. */
static inline void amdvi_wmb(void)
{
	__asm__ volatile("" ::: "memory");
}

/*
 * Put c in the ring and move the tail register past it. A full ring (the
 * slot after the tail is the head) waits for the unit up to
 * IOMMU_TIMEOUT_US: PP_ETIMEOUT, nothing written.
 */
int amdvi_cmd_submit(struct amdvi *u, const struct amdvi_cmd *c, struct pp_err *err);

/*
 * COMPLETION_WAIT with store: the unit writes ++u->seq to u->sem once
 * every earlier command completed; poll it up to IOMMU_TIMEOUT_US.
 * PP_ETIMEOUT: the commands stay in the ring (the unit may still run
 * them; a later wait that completes implies these did, the unit runs the
 * ring in order) and the next call works as usual.
 */
int amdvi_cmd_wait(struct amdvi *u, struct pp_err *err);

#endif
