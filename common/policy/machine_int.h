/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal interface between the machine builder's files (not a public API). */
#ifndef PARAPET_COMMON_POLICY_MACHINE_INT_H
#define PARAPET_COMMON_POLICY_MACHINE_INT_H

#include <parapet/policy_machine.h>

/*
 * pp_pol_machine_scopes plus each unit's register aperture in bytes
 * (aperture[k] for acpi->iommus[k]): DRHD Size field for VT-d,
 * PP_POL_AMDVI_SIZE for AMD-Vi; and the IOMMUs' address width (DMAR host
 * address width, IVinfo PA/VA size; 0 when none is stated); alias[i] is
 * the requester ID pci[i]'s DMA carries (its own; an IVHD alias entry's).
 */
int pol_m_scopes(const struct pp_pol_machine_in *in, u32 *unit, u16 *alias, u64 *aperture,
		 u32 *width, struct pp_err *err);

#endif
