/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM Command Response Buffer (CRB) interface registers, TCG PC Client
 * Platform TPM Profile (PTP) Specification for TPM 2.0, section 6.4
 * ("CRB Interface"), offsets from the locality's 4 KiB page. The ACPI TPM2
 * table's "Address of CRB Control Area" points at TPM_CRB_CTRL_REQ of
 * locality 0 (QEMU tpm-crb: 0xFED40040).
 */
#ifndef PARAPET_DRV_TPM_CRB_REGS_H
#define PARAPET_DRV_TPM_CRB_REGS_H

#define TPM_CRB_LOC_STATE 0x00u /* u32 */
#define TPM_CRB_LOC_CTRL 0x08u	/* u32 */
#define TPM_CRB_LOC_STS 0x0Cu	/* u32 */
#define TPM_CRB_INTF_ID 0x30u	/* u64 */
#define TPM_CRB_CTRL_EXT 0x38u	/* u64 */
#define TPM_CRB_CTRL_REQ 0x40u	/* u32: start of the control area */
#define TPM_CRB_CTRL_STS 0x44u
#define TPM_CRB_CTRL_CANCEL 0x48u
#define TPM_CRB_CTRL_START 0x4Cu
#define TPM_CRB_INT_ENABLE 0x50u
#define TPM_CRB_INT_STS 0x54u
#define TPM_CRB_CTRL_CMD_SIZE 0x58u
#define TPM_CRB_CTRL_CMD_LADDR 0x5Cu
#define TPM_CRB_CTRL_CMD_HADDR 0x60u
#define TPM_CRB_CTRL_RSP_SIZE 0x64u
#define TPM_CRB_CTRL_RSP_ADDR 0x68u /* u64 */
#define TPM_CRB_DATA_BUFFER 0x80u

/* TPM_LOC_STATE_x */
#define TPM_CRB_LOC_STATE_ESTABLISHED (1u << 0)
#define TPM_CRB_LOC_STATE_ASSIGNED (1u << 1)
#define TPM_CRB_LOC_STATE_ACTIVE_SHIFT 2
#define TPM_CRB_LOC_STATE_VALID (1u << 7) /* tpmRegValidSts */
#define TPM_CRB_LOC_STATE_ACTIVE_MASK (7u << TPM_CRB_LOC_STATE_ACTIVE_SHIFT)

/* TPM_LOC_CTRL_x (write-only) */
#define TPM_CRB_LOC_CTRL_REQUEST_ACCESS (1u << 0)
#define TPM_CRB_LOC_CTRL_RELINQUISH (1u << 1)
#define TPM_CRB_LOC_CTRL_SEIZE (1u << 2)

/* TPM_LOC_STS_x */
#define TPM_CRB_LOC_STS_GRANTED (1u << 0)
#define TPM_CRB_LOC_STS_BEEN_SEIZED (1u << 1)

/* TPM_CRB_CTRL_REQ_x: software sets a bit, the TPM clears it when done. */
#define TPM_CRB_CTRL_REQ_CMD_READY (1u << 0)
#define TPM_CRB_CTRL_REQ_GO_IDLE (1u << 1)

/* TPM_CRB_CTRL_STS_x */
#define TPM_CRB_CTRL_STS_ERROR (1u << 0) /* tpmSts: fatal error */
#define TPM_CRB_CTRL_STS_IDLE (1u << 1)	 /* tpmIdle */

/* TPM_CRB_CTRL_CANCEL_x / TPM_CRB_CTRL_START_x */
#define TPM_CRB_CTRL_CANCEL_CMD (1u << 0)
#define TPM_CRB_CTRL_START_CMD (1u << 0) /* set to start; the TPM clears it when done */

/* The data buffer fills the rest of the locality page. */
#define TPM_CRB_DATA_BUFFER_SIZE (0x1000u - TPM_CRB_DATA_BUFFER)

/* TPM_CRB_INTF_ID_x (64-bit) */
#define TPM_CRB_INTF_ID_TYPE_MASK 0xFull /* InterfaceType, bits 3:0 */
#define TPM_CRB_INTF_ID_TYPE_CRB 0x1ull
#define TPM_CRB_INTF_ID_VERSION_SHIFT 4 /* InterfaceVersion, bits 7:4 */
#define TPM_CRB_INTF_ID_CAP_CRB (1ull << 14)
#define TPM_CRB_INTF_ID_VID_SHIFT 32 /* VID bits 47:32, DID bits 63:48 */

#endif
