/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where a PC's TPM is and which interface it speaks: TCG PC Client Platform
 * TPM Profile (PTP) Specification for TPM 2.0, section 5.4 ("Locality"
 * address ranges: locality L's 4 KiB register page at 0xFED4_0000 +
 * L * 0x1000, L = 0..4, for the FIFO and the CRB interface alike) and
 * 6.3.2.6 / 6.4.2.1 (TPM_INTERFACE_ID_x / TPM_CRB_INTF_ID_x at offset 0x30,
 * InterfaceType bits 3:0: 0 FIFO, 1 CRB, 0xF TIS 1.3 with no such register).
 *
 * One identification for every stage: the secure loader (no ACPI: it looks
 * at the PTP address only), the hypervisor (tpm_probe: the ACPI TPM2 table
 * names the interface, this confirms it) and the unit tests (a fake register
 * file). It only reads registers: ops->wr8/wr32 are never called.
 */
#ifndef PARAPET_DRV_TPM_PTP_H
#define PARAPET_DRV_TPM_PTP_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "common/drivers/tpm/tpm_xport.h"

#define TPM_PTP_BASE 0xFED40000ull /* locality 0's page */
#define TPM_PTP_LOCALITIES 5ull	   /* localities 0..4 */
#define TPM_PTP_PAGE 0x1000ull
#define TPM_PTP_END (TPM_PTP_BASE + TPM_PTP_LOCALITIES * TPM_PTP_PAGE)

#define TPM_IFACE_NONE 0u
#define TPM_IFACE_TIS 1u
#define TPM_IFACE_CRB 2u

struct tpm_iface {
	u32 kind;    /* TPM_IFACE_* */
	u64 base;    /* locality-0 register page (TPM_PTP_BASE) */
	u32 did_vid; /* vendor id bits 15:0, device id bits 31:16. TIS: TPM_DID_VID;
		      * CRB: TPM_CRB_INTF_ID bits 63:32 (VID, DID) */
};

const char *tpm_iface_name(u32 kind);

/* True when [base, base + len) lies inside the PTP's TPM register space. */
bool tpm_ptp_range_ok(u64 base, u64 len);

/*
 * Identify the TPM whose locality-0 page is at base (which must be
 * TPM_PTP_BASE: anything else is PP_ERANGE). want is the interface the
 * caller was told about (TPM_IFACE_TIS / _CRB, e.g. by ACPI) or
 * TPM_IFACE_NONE to take whatever the registers say. Returns 0 with *out
 * filled; PP_ENOENT when nothing decodes the page (all registers read
 * all-ones or invalid: no TPM); PP_EDEVICE when the registers are
 * inconsistent or contradict want. On failure *out is zeroed.
 */
int tpm_ptp_identify(const struct tpm_mmio_ops *ops, u64 base, u32 want, struct tpm_iface *out,
		     struct pp_err *err);

#endif
