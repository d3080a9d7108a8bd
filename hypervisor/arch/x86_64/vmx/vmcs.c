// SPDX-License-Identifier: GPL-2.0-only
/* VMCS field encodings taken apart (vmcs.h; SDM vol. 3C §25.11.2). Pure,
 * host-tested (tests/unit/test_vmx_vmcs.c). Hardware-only: never run here. */
#include "vmcs.h"

struct vmcs_enc vmcs_decode(u32 encoding)
{
	struct vmcs_enc d;
	d.width = (encoding & VMCS_ENC_WIDTH_MASK) >> VMCS_ENC_WIDTH_SHIFT;
	d.type = (encoding & VMCS_ENC_TYPE_MASK) >> VMCS_ENC_TYPE_SHIFT;
	d.index = (encoding & VMCS_ENC_INDEX_MASK) >> VMCS_ENC_INDEX_SHIFT;
	d.high = (encoding & VMCS_ENC_HIGH) != 0;
	/* §25.11.2: access type high is only for 64-bit fields. */
	d.valid = !(encoding & VMCS_ENC_RESERVED) && (!d.high || d.width == VMCS_WIDTH_64);
	return d;
}

const char *vmcs_width_name(u32 width)
{
	static const char *const names[4] = {"16-bit", "64-bit", "32-bit", "natural-width"};
	return width < 4 ? names[width] : "?";
}

const char *vmcs_type_name(u32 type)
{
	static const char *const names[4] = {"control", "VM-exit information", "guest-state",
					     "host-state"};
	return type < 4 ? names[type] : "?";
}
