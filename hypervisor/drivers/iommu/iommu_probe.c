// SPDX-License-Identifier: GPL-2.0-only
/*
 * IOMMU unit discovery: confirm each ACPI-described unit answers.
 *   AMD-Vi (AMD IOMMU spec #48882, section 3.4, MMIO registers): Extended
 *     Feature Register at 0x30 (64-bit).
 *   VT-d (Intel VT-d spec, section 11.4): Version Register at 0x0 (32-bit,
 *     Major bits 7:4, Minor bits 3:0), Capability Register at 0x8 (64-bit).
 * Register reads go through an injected reader (host tests); iommu_mmio.c
 * supplies the MMIO one.
 */
#include <parapet/string.h>
#include "hypervisor/drivers/iommu/amdvi_regs.h"
#include "hypervisor/drivers/iommu/iommu_probe.h"
#include "hypervisor/drivers/iommu/vtd_regs.h"

#define ALL_ONES32 0xFFFFFFFFu

const char *iommu_type_name(u32 type)
{
	switch (type) {
	case ACPI_IOMMU_AMDVI: return "AMD-Vi";
	case ACPI_IOMMU_VTD: return "VT-d";
	default: return "unknown";
	}
}

static int rd64(iommu_rd32_fn rd32, void *ctx, u64 phys, u64 *v)
{
	u32 lo = rd32(phys, ctx), hi = rd32(phys + 4, ctx);
	*v = ((u64)hi << 32) | lo;
	return lo == ALL_ONES32 && hi == ALL_ONES32;
}

static int probe_amdvi(const struct acpi_iommu *u, iommu_rd32_fn rd32, void *ctx,
		       struct iommu_unit *out, struct pp_err *err)
{
	u64 efr;
	if (rd64(rd32, ctx, u->base + AMDVI_MMIO_EFR, &efr))
		return pp_fail(err, PP_EDEVICE, "AMD-Vi at 0x%llx: EFR reads all-ones (no device)",
			       (unsigned long long)u->base);
	out->ident = efr;
	return 0;
}

static int probe_vtd(const struct acpi_iommu *u, iommu_rd32_fn rd32, void *ctx,
		     struct iommu_unit *out, struct pp_err *err)
{
	u32 ver = rd32(u->base + VTD_VER_REG, ctx);
	u64 cap;

	if (ver == ALL_ONES32 || ver == 0 || VTD_VER_MAJOR(ver) < 1)
		return pp_fail(err, PP_EDEVICE, "VT-d at 0x%llx: VER_REG reads 0x%08x (no device)",
			       (unsigned long long)u->base, ver);
	if (rd64(rd32, ctx, u->base + VTD_CAP_REG, &cap))
		return pp_fail(err, PP_EDEVICE, "VT-d at 0x%llx: CAP_REG reads all-ones",
			       (unsigned long long)u->base);
	out->ident = ver | ((cap & 0xFFFFFFFFull) << 32);
	out->cap = cap;
	return 0;
}

int iommu_probe_regs(const struct acpi_iommu *u, iommu_rd32_fn rd32, void *ctx,
		     struct iommu_unit *out, struct pp_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->type = u->type;
	out->base = u->base;
	if (u->base == 0 || !PP_IS_ALIGNED(u->base, PP_PAGE_SIZE))
		rc = pp_fail(err, PP_EINVAL, "%s register base 0x%llx invalid",
			     iommu_type_name(u->type), (unsigned long long)u->base);
	else if (u->type == ACPI_IOMMU_AMDVI)
		rc = probe_amdvi(u, rd32, ctx, out, err);
	else if (u->type == ACPI_IOMMU_VTD)
		rc = probe_vtd(u, rd32, ctx, out, err);
	else
		rc = pp_fail(err, PP_EINVAL, "IOMMU at 0x%llx: unknown type %u",
			     (unsigned long long)u->base, u->type);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}
