// SPDX-License-Identifier: GPL-2.0-only
/* ACPI discovery and the IOMMU / TPM probes, with their `hv: ` report lines. */
#include <parapet/string.h>
#include "hypervisor/arch/x86_64/paging.h"
#include "console.h"
#include "platform.h"

struct platform platform;

/*
 * acpi_map_fn over the secure loader's copies (docs/launch.md, "Copy
 * area"): [phys, phys + len) must lie inside one table it copied and
 * measured (PCR 20); the firmware's own memory is never read.
 */
static const u8 *map_measured(u64 phys, u64 len, void *ctx)
{
	const struct pp_handoff *h = ctx;
	const struct pp_acpi_copy *a = pp_handoff_acpi(h);
	for (u32 i = 0; i < h->acpi_count; i++) {
		u64 off = phys - a[i].orig;
		if (phys < a[i].orig || off > a[i].length || len > a[i].length - off)
			continue;
		if (!paging_is_mapped(a[i].copy + off, len))
			return NULL;
		return (const u8 *)(uintptr_t)(a[i].copy + off);
	}
	return NULL;
}

static void report_acpi(const struct acpi_info *a)
{
	char sigs[ACPI_MAX_TABLES * 5 + 1];
	size_t used = 0;
	for (u32 i = 0; i < a->table_count && i < ACPI_MAX_TABLES; i++) {
		size_t l = strnlen(a->table_sigs[i], 4);
		memcpy(sigs + used, a->table_sigs[i], l);
		used += l;
		sigs[used++] = ' ';
	}
	sigs[used ? used - 1 : 0] = '\0';
	hv_printf("hv: acpi: rsdp rev %u, %s at 0x%llx, %u tables: %s\n", a->rsdp_revision,
		  a->use_xsdt ? "XSDT" : "RSDT", (unsigned long long)a->root_phys, a->table_count,
		  sigs);
	if (a->madt_present)
		hv_printf("hv: acpi: MADT: %u CPUs, %u IOAPICs, LAPIC at 0x%llx\n", a->cpu_count,
			  a->ioapic_count, (unsigned long long)a->lapic_base);
	else
		hv_printf("hv: acpi: no MADT\n");
}

void platform_discover(const struct pp_handoff *h)
{
	struct platform *p = &platform;
	struct pp_err err = {0, ""};
	memset(p, 0, sizeof(*p));

	if (!h->rsdp_len) {
		hv_printf("hv: acpi: no RSDP in the handoff\n");
		return;
	}
	if (!h->acpi_count) {
		hv_printf("hv: acpi: the secure loader copied (and measured) no ACPI table: none "
			  "used\n");
		return;
	}
	if (acpi_parse(h->rsdp, h->rsdp_len, map_measured, (void *)(uintptr_t)h, &p->acpi, &err)) {
		hv_printf("hv: acpi: %s\n", err.msg);
		memset(&p->acpi, 0, sizeof(p->acpi));
		return;
	}
	p->acpi_ok = true;
	report_acpi(&p->acpi);

	for (u32 i = 0; i < p->acpi.iommu_count && i < ACPI_MAX_IOMMUS; i++) {
		struct iommu_unit u;
		const struct acpi_iommu *ai = &p->acpi.iommus[i];
		if (iommu_probe(ai, &u, &err)) {
			hv_printf("hv: iommu: %s unit at 0x%llx left out: %s\n",
				  iommu_type_name(ai->type), (unsigned long long)ai->base, err.msg);
			continue;
		}
		hv_printf("hv: iommu: %s at 0x%llx, id registers 0x%llx\n", iommu_type_name(u.type),
			  (unsigned long long)u.base, (unsigned long long)u.ident);
		p->iommus[p->iommu_count++] = u;
	}

	if (tpm_probe(&p->acpi, &p->tpm, &err)) {
		hv_printf("hv: tpm: %s\n", err.msg);
		p->tpm_err = err;
		memset(&p->tpm, 0, sizeof(p->tpm));
	} else if (p->tpm.kind != TPM_IFACE_NONE) {
		hv_printf("hv: tpm: %s at 0x%llx, id 0x%08x\n", tpm_iface_name(p->tpm.kind),
			  (unsigned long long)p->tpm.base, p->tpm.did_vid);
	} else {
		hv_printf("hv: tpm: no TPM2 table\n");
	}
}
