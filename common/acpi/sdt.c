// SPDX-License-Identifier: GPL-2.0-only
/* ACPI System Description Table header helpers (ACPI 6.5 section 5.2.6). */
#include <parapet/string.h>
#include "common/acpi/acpi_int.h"

int acpi_sdt_check(const u8 *t, u32 len, const char *sig, u32 min_len, struct pp_err *err)
{
	if (len < min_len)
		return pp_fail(err, PP_ETRUNC, "%s table length %u is shorter than its minimum %u",
			       sig, len, min_len);
	if (!acpi_sig_is(t + ACPI_SDT_SIG, sig))
		return pp_fail(err, PP_EMAGIC, "table signature is not %s", sig);
	if (ld_le32(t + ACPI_SDT_LENGTH) != len)
		return pp_fail(err, PP_EINVAL,
			       "%s header Length 0x%x differs from the mapped length 0x%x", sig,
			       ld_le32(t + ACPI_SDT_LENGTH), len);
	return 0;
}

int acpi_find_iommu(const struct acpi_info *out, u64 base)
{
	for (u32 i = 0; i < out->iommu_count; i++)
		if (out->iommus[i].base == base)
			return (int)i;
	return -1;
}

int acpi_add_iommu(struct acpi_info *out, const struct acpi_iommu *u, const char *what, u32 off,
		   struct pp_err *err)
{
	if (out->iommu_count >= ACPI_MAX_IOMMUS)
		return pp_fail(err, PP_ENOMEM, "%s at offset 0x%x: more than %u IOMMU units", what,
			       off, ACPI_MAX_IOMMUS);
	out->iommus[out->iommu_count++] = *u;
	return 0;
}

void acpi_drop_iommus(struct acpi_info *out, u32 n0)
{
	memset(&out->iommus[n0], 0, (out->iommu_count - n0) * sizeof(out->iommus[0]));
	out->iommu_count = n0;
}
