// SPDX-License-Identifier: GPL-2.0-only
/*
 * tpm_probe over real MMIO (freestanding only). The hypervisor maps the TPM
 * register pages identity, uncached, before calling it.
 */
#include <parapet/x86.h>
#include "hypervisor/drivers/tpm/tpm_probe.h"

static u8 mmio_rd8(u64 phys, void *ctx)
{
	(void)ctx;
	return mmio_read8((volatile void *)(uintptr_t)phys);
}

static u32 mmio_rd32(u64 phys, void *ctx)
{
	(void)ctx;
	return mmio_read32((volatile void *)(uintptr_t)phys);
}

int tpm_probe(const struct acpi_info *acpi, struct tpm_iface *out, struct pp_err *err)
{
	static const struct tpm_regs_ops ops = {.rd8 = mmio_rd8, .rd32 = mmio_rd32, .ctx = NULL};
	return tpm_probe_regs(acpi, &ops, out, err);
}
