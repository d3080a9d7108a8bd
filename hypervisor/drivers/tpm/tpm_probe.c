// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM interface discovery from the ACPI TPM2 table, confirmed by the
 * device's identification registers (TCG PTP specification sections 6.3
 * FIFO/TIS and 6.4 CRB; register offsets in tis_regs.h / crb_regs.h).
 * Register reads go through injected readers so the logic is host-tested;
 * tpm_mmio.c supplies the MMIO readers.
 */
#include <parapet/string.h>
#include "hypervisor/drivers/tpm/crb_regs.h"
#include "hypervisor/drivers/tpm/tis_regs.h"
#include "hypervisor/drivers/tpm/tpm_probe.h"

#define ALL_ONES32 0xFFFFFFFFu

const char *tpm_iface_name(u32 kind)
{
	switch (kind) {
	case TPM_IFACE_TIS: return "TIS";
	case TPM_IFACE_CRB: return "CRB";
	default: return "none";
	}
}

static int probe_tis(const struct acpi_info *acpi, const struct tpm_regs_ops *ops,
		     struct tpm_iface *out, struct pp_err *err)
{
	u64 base = acpi->tpm2_control_area ? acpi->tpm2_control_area : TPM_TIS_BASE_DEFAULT;
	u8 access;
	u32 did_vid, cap, intf_id;

	if (!PP_IS_ALIGNED(base, PP_PAGE_SIZE))
		return pp_fail(err, PP_ENOTSUP, "TPM2 (TIS): register base 0x%llx not page aligned",
			       (unsigned long long)base);
	access = ops->rd8(base + TPM_ACCESS, ops->ctx);
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
	intf_id = ops->rd32(base + TPM_INTERFACE_ID, ops->ctx);
	if ((intf_id & TPM_INTF_ID_TYPE_MASK) == TPM_INTF_ID_TYPE_CRB)
		return pp_fail(err, PP_EDEVICE,
			       "TIS at 0x%llx: ACPI says TIS but TPM_INTERFACE_ID 0x%08x says CRB",
			       (unsigned long long)base, intf_id);
	*out = (struct tpm_iface){.kind = TPM_IFACE_TIS, .base = base, .did_vid = did_vid};
	return 0;
}

static int probe_crb(const struct acpi_info *acpi, const struct tpm_regs_ops *ops,
		     struct tpm_iface *out, struct pp_err *err)
{
	u64 ctrl = acpi->tpm2_control_area, base;
	u32 state, id_lo, id_hi;

	if (ctrl < TPM_CRB_CTRL_REQ || (ctrl & (PP_PAGE_SIZE - 1)) != TPM_CRB_CTRL_REQ)
		return pp_fail(
		    err, PP_ENOTSUP,
		    "TPM2 (CRB): control area 0x%llx is not at offset 0x40 of a register page",
		    (unsigned long long)ctrl);
	base = ctrl - TPM_CRB_CTRL_REQ;
	state = ops->rd32(base + TPM_CRB_LOC_STATE, ops->ctx);
	if (state == ALL_ONES32 || !(state & TPM_CRB_LOC_STATE_VALID))
		return pp_fail(err, PP_EDEVICE,
			       "CRB at 0x%llx: TPM_LOC_STATE_0 reads 0x%08x (no valid TPM)",
			       (unsigned long long)base, state);
	id_lo = ops->rd32(base + TPM_CRB_INTF_ID, ops->ctx);
	id_hi = ops->rd32(base + TPM_CRB_INTF_ID + 4, ops->ctx);
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

int tpm_probe_regs(const struct acpi_info *acpi, const struct tpm_regs_ops *ops,
		   struct tpm_iface *out, struct pp_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (!acpi->tpm2_present)
		return 0;
	switch (acpi->tpm2_start_method) {
	case ACPI_TPM2_START_TIS: rc = probe_tis(acpi, ops, out, err); break;
	case ACPI_TPM2_START_CRB:
	case ACPI_TPM2_START_CRB_ACPI: rc = probe_crb(acpi, ops, out, err); break;
	default:
		rc = pp_fail(err, PP_ENOTSUP, "TPM2 start method %u not supported",
			     acpi->tpm2_start_method);
		break;
	}
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}
