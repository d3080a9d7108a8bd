/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM FIFO (TIS) interface registers, TCG PC Client Platform TPM Profile
 * (PTP) Specification for TPM 2.0, section 6.3.2 ("FIFO Interface"),
 * offsets from the locality's 4 KiB page (locality n at base + 0x1000 * n).
 */
#ifndef PARAPET_DRV_TPM_TIS_REGS_H
#define PARAPET_DRV_TPM_TIS_REGS_H

#define TPM_TIS_BASE_DEFAULT 0xFED40000ull
#define TPM_LOCALITY_STRIDE 0x1000u

#define TPM_ACCESS 0x000u	   /* u8 */
#define TPM_INT_ENABLE 0x008u	   /* u32 */
#define TPM_INT_VECTOR 0x00Cu	   /* u8 */
#define TPM_INT_STATUS 0x010u	   /* u32 */
#define TPM_INTF_CAPABILITY 0x014u /* u32 */
#define TPM_STS 0x018u		   /* u32 */
#define TPM_DATA_FIFO 0x024u	   /* u8..u32 */
#define TPM_INTERFACE_ID 0x030u	   /* u32 */
#define TPM_XDATA_FIFO 0x080u
#define TPM_DID_VID 0xF00u /* u32: VID bits 15:0, DID bits 31:16 */
#define TPM_RID 0xF04u	   /* u8 */

/* TPM_ACCESS_x */
#define TPM_ACCESS_ESTABLISHMENT (1u << 0)
#define TPM_ACCESS_REQUEST_USE (1u << 1)
#define TPM_ACCESS_PENDING_REQUEST (1u << 2)
#define TPM_ACCESS_SEIZE (1u << 3)
#define TPM_ACCESS_BEEN_SEIZED (1u << 4)
#define TPM_ACCESS_ACTIVE_LOCALITY (1u << 5)
#define TPM_ACCESS_VALID (1u << 7) /* tpmRegValidSts */

/* TPM_STS_x (PTP 6.3.2, FIFO interface status register, 32 bits) */
#define TPM_STS_RESPONSE_RETRY (1u << 1) /* write: resend the response from the start */
#define TPM_STS_SELF_TEST_DONE (1u << 2)
#define TPM_STS_EXPECT (1u << 3)	/* TPM expects more command bytes */
#define TPM_STS_DATA_AVAIL (1u << 4)	/* response bytes available */
#define TPM_STS_GO (1u << 5)		/* write: tpmGo, execute the command */
#define TPM_STS_COMMAND_READY (1u << 6) /* read: ready; write: abort/go ready */
#define TPM_STS_VALID (1u << 7)		/* stsValid: Expect/dataAvail are valid */
#define TPM_STS_BURST_SHIFT 8		/* burstCount, bits 23:8 */
#define TPM_STS_BURST_MASK (0xFFFFu << TPM_STS_BURST_SHIFT)
#define TPM_STS_COMMAND_CANCEL (1u << 24)

/* TPM_INTF_CAPABILITY_x: InterfaceVersion, bits 30:28 */
#define TPM_INTF_CAP_VERSION_SHIFT 28
#define TPM_INTF_CAP_VERSION_MASK (7u << TPM_INTF_CAP_VERSION_SHIFT)

/* TPM_INTERFACE_ID_x (shared layout with TPM_CRB_INTF_ID): InterfaceType 3:0 */
#define TPM_INTF_ID_TYPE_MASK 0xFu
#define TPM_INTF_ID_TYPE_FIFO 0x0u /* PTP FIFO */
#define TPM_INTF_ID_TYPE_CRB 0x1u
#define TPM_INTF_ID_TYPE_TIS_LEGACY 0xFu /* TIS 1.3: register not implemented */

#endif
