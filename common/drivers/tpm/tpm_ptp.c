// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM interface identification at the PTP address (tpm_ptp.h). Order: the
 * interface id register (offset 0x30, same place in both interfaces) says
 * FIFO, CRB or nothing (TIS 1.3); then the interface's own validity bits
 * and identity registers must agree:
 *   FIFO/TIS: TPM_ACCESS_0.tpmRegValidSts, TPM_DID_VID neither 0 nor all-ones
 *             in its vendor half, TPM_INTF_CAPABILITY_0 not all-ones;
 *   CRB:      TPM_LOC_STATE_0.tpmRegValidSts, TPM_CRB_INTF_ID not all-ones.
 */
#include <parapet/string.h>
#include "common/drivers/tpm/crb_regs.h"
#include "common/drivers/tpm/tis_regs.h"
#include "common/drivers/tpm/tpm_ptp.h"

#define ALL_ONES32 0xFFFFFFFFu

const char *tpm_iface_name(u32 kind)
{
	switch (kind) {
	case TPM_IFACE_TIS: return "TIS";
	case TPM_IFACE_CRB: return "CRB";
	default: return "none";
	}
}

bool tpm_ptp_range_ok(u64 base, u64 len)
{
	return base >= TPM_PTP_BASE && base <= TPM_PTP_END && len <= TPM_PTP_END - base;
}

static int ident_tis(const struct tpm_mmio_ops *ops, u64 base, struct tpm_iface *out,
		     struct pp_err *err)
{
	u8 access = ops->rd8(base + TPM_ACCESS, ops->ctx);
	u32 did_vid, cap;

	if (access == 0xFF || !(access & TPM_ACCESS_VALID))
		return pp_fail(err, PP_EDEVICE,
			       "TIS at 0x%llx: TPM_ACCESS_0 reads 0x%02x (no valid TPM)",
			       (unsigned long long)base, access);
	did_vid = ops->rd32(base + TPM_DID_VID, ops->ctx);
	if (did_vid == ALL_ONES32 || (did_vid & 0xFFFF) == 0 || (did_vid & 0xFFFF) == 0xFFFF)
		return pp_fail(err, PP_EDEVICE,
			       "TIS at 0x%llx: TPM_DID_VID reads 0x%08x (no device)",
			       (unsigned long long)base, did_vid);
	cap = ops->rd32(base + TPM_INTF_CAPABILITY, ops->ctx);
	if (cap == ALL_ONES32)
		return pp_fail(err, PP_EDEVICE,
			       "TIS at 0x%llx: TPM_INTF_CAPABILITY reads 0xffffffff",
			       (unsigned long long)base);
	*out = (struct tpm_iface){.kind = TPM_IFACE_TIS, .base = base, .did_vid = did_vid};
	return 0;
}

static int ident_crb(const struct tpm_mmio_ops *ops, u64 base, struct tpm_iface *out,
		     struct pp_err *err)
{
	u32 state = ops->rd32(base + TPM_CRB_LOC_STATE, ops->ctx);
	u32 id_lo = ops->rd32(base + TPM_CRB_INTF_ID, ops->ctx);
	u32 id_hi = ops->rd32(base + TPM_CRB_INTF_ID + 4, ops->ctx);

	if (state == ALL_ONES32 || !(state & TPM_CRB_LOC_STATE_VALID))
		return pp_fail(err, PP_EDEVICE,
			       "CRB at 0x%llx: TPM_LOC_STATE_0 reads 0x%08x (no valid TPM)",
			       (unsigned long long)base, state);
	if (id_lo == ALL_ONES32 && id_hi == ALL_ONES32)
		return pp_fail(err, PP_EDEVICE,
			       "CRB at 0x%llx: TPM_CRB_INTF_ID reads all-ones (no device)",
			       (unsigned long long)base);
	if ((id_lo & TPM_CRB_INTF_ID_TYPE_MASK) != TPM_CRB_INTF_ID_TYPE_CRB)
		return pp_fail(
		    err, PP_EDEVICE,
		    "CRB at 0x%llx: TPM_CRB_INTF_ID 0x%08x%08x InterfaceType %u is not CRB",
		    (unsigned long long)base, id_hi, id_lo,
		    (unsigned)(id_lo & TPM_CRB_INTF_ID_TYPE_MASK));
	*out = (struct tpm_iface){.kind = TPM_IFACE_CRB, .base = base, .did_vid = id_hi};
	return 0;
}

int tpm_ptp_identify(const struct tpm_mmio_ops *ops, u64 base, u32 want, struct tpm_iface *out,
		     struct pp_err *err)
{
	u32 id, type, kind;
	int rc;

	memset(out, 0, sizeof(*out));
	if (base != TPM_PTP_BASE)
		return pp_fail(err, PP_ERANGE,
			       "TPM register base 0x%llx is not the PC Client PTP address 0x%llx",
			       (unsigned long long)base, (unsigned long long)TPM_PTP_BASE);
	id = ops->rd32(base + TPM_INTERFACE_ID, ops->ctx);
	type = id & TPM_INTF_ID_TYPE_MASK;
	if (want == TPM_IFACE_NONE) {
		/*
		 * Nothing decodes the page: reads give all ones (PC bus) or all
		 * zeros (QEMU's unassigned MMIO). Offset 0 is TPM_ACCESS_0 (FIFO)
		 * or TPM_LOC_STATE_0 (CRB): both have tpmRegValidSts in bit 7.
		 */
		u8 first = ops->rd8(base + TPM_ACCESS, ops->ctx);
		u32 dv = ops->rd32(base + TPM_DID_VID, ops->ctx);
		if ((first == 0xFF || !(first & TPM_ACCESS_VALID)) &&
		    (id == 0 || id == ALL_ONES32) && (dv == 0 || dv == ALL_ONES32))
			return pp_fail(err, PP_ENOENT,
				       "no TPM at 0x%llx (registers read 0x%02x, 0x%08x, 0x%08x)",
				       (unsigned long long)base, first, id, dv);
	}
	if (id == ALL_ONES32) {
		/* TIS 1.3 has no interface id register. A CRB always has it: let
		 * its own checks say what is wrong. */
		kind = want == TPM_IFACE_CRB ? TPM_IFACE_CRB : TPM_IFACE_TIS;
	} else if (type == TPM_INTF_ID_TYPE_FIFO || type == TPM_INTF_ID_TYPE_TIS_LEGACY) {
		kind = TPM_IFACE_TIS;
	} else if (type == TPM_INTF_ID_TYPE_CRB) {
		kind = TPM_IFACE_CRB;
	} else {
		return pp_fail(err, PP_EDEVICE,
			       "TPM at 0x%llx: interface id 0x%08x names InterfaceType %u "
			       "(neither FIFO nor CRB)",
			       (unsigned long long)base, id, type);
	}
	if (want != TPM_IFACE_NONE && want != kind)
		return pp_fail(err, PP_EDEVICE,
			       "TPM at 0x%llx: expected %s but the interface id 0x%08x says %s",
			       (unsigned long long)base, tpm_iface_name(want), id,
			       tpm_iface_name(kind));
	rc =
	    kind == TPM_IFACE_CRB ? ident_crb(ops, base, out, err) : ident_tis(ops, base, out, err);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}
