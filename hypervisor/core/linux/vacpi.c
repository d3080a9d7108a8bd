// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual ACPI platform builder (vacpi.h): lays the tables out in the
 * caller's buffer, fills them from the layouts in vacpi_tables.h and sets
 * every checksum (ACPI 6.5 sections 5.2.5.3 and 5.2.6: the bytes of a table
 * sum to 0 mod 256; the RSDP has one checksum over its first 20 bytes and
 * an extended one over all 36).
 *
 * Layout from buf[0] (each table 16-byte aligned): RSDP, XSDT, FADT, DSDT,
 * MADT, TPM2. Trust: parameters from the hypervisor, all checked before
 * the first byte is written (a refusal leaves buf untouched).
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "hypervisor/core/linux/vacpi.h"
#include "hypervisor/core/linux/vacpi_aml.h"
#include "hypervisor/core/linux/vacpi_tables.h"

#define VACPI_ALIGN 16u
#define VACPI_OEM_ID "PARAPT"
#define VACPI_OEM_TABLE_ID "PPVIRT  "
#define VACPI_CREATOR_ID "PRPT"
#define VACPI_REVISION 1u
#define FADT_REVISION 6u
#define FADT_MINOR_VERSION 5u /* ACPI 6.5 */
#define MADT_REVISION 5u
#define DSDT_REVISION 2u /* 64-bit AML integers */
#define TPM2_REVISION 4u

struct layout_offs {
	u8 aml[VACPI_AML_MAX];
	u32 aml_len; /* 0: the AML did not fit VACPI_AML_MAX */
	u32 rsdp, xsdt, xsdt_len, fadt, dsdt, dsdt_len, madt, madt_len, tpm2, end;
};

static u32 align_up(u32 v)
{
	return (v + VACPI_ALIGN - 1u) & ~(VACPI_ALIGN - 1u);
}

static void plan(u32 cpu_count, bool tpm, const struct vacpi_pci *pci, struct layout_offs *l)
{
	u32 entries = tpm ? 3u : 2u; /* FADT, MADT, TPM2 (the FADT points at the DSDT) */

	l->rsdp = 0;
	l->xsdt = align_up(l->rsdp + (u32)sizeof(struct vacpi_rsdp));
	l->xsdt_len = (u32)sizeof(struct vacpi_sdt_hdr) + 8u * entries;
	l->fadt = align_up(l->xsdt + l->xsdt_len);
	l->dsdt = align_up(l->fadt + (u32)sizeof(struct vacpi_fadt));
	l->aml_len = vacpi_dsdt_aml(l->aml, VACPI_AML_MAX, tpm, pci);
	l->dsdt_len = (u32)sizeof(struct vacpi_sdt_hdr) + l->aml_len;
	l->madt = align_up(l->dsdt + l->dsdt_len);
	l->madt_len =
	    (u32)sizeof(struct vacpi_madt) + cpu_count * (u32)sizeof(struct vacpi_madt_lapic);
	l->tpm2 = tpm ? align_up(l->madt + l->madt_len) : 0;
	l->end = tpm ? l->tpm2 + (u32)sizeof(struct vacpi_tpm2) : l->madt + l->madt_len;
}

u32 vacpi_size(u32 cpu_count, bool tpm, const struct vacpi_pci *pci)
{
	struct layout_offs l;

	if (cpu_count == 0 || cpu_count > VACPI_MAX_CPUS)
		return 0;
	if (pci && pci->nwin > VACPI_PCI_MAX_WIN)
		return 0;
	plan(cpu_count, tpm, pci, &l);
	return l.aml_len ? l.end : 0;
}

static u8 sum8(const u8 *p, u32 n)
{
	u8 s = 0;

	while (n--)
		s = (u8)(s + *p++);
	return s;
}

static void hdr_init(struct vacpi_sdt_hdr *h, const char *sig, u32 len, u8 rev)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = rev;
	memcpy(h->oem_id, VACPI_OEM_ID, 6);
	memcpy(h->oem_table_id, VACPI_OEM_TABLE_ID, 8);
	h->oem_revision = VACPI_REVISION;
	memcpy(h->creator_id, VACPI_CREATOR_ID, 4);
	h->creator_revision = VACPI_REVISION;
}

/* The table at t is complete: make its Length bytes sum to 0. */
static void sdt_checksum(u8 *t)
{
	u32 len = ld_le32(t + VACPI_OFF(vacpi_sdt_hdr, length));

	t[VACPI_OFF(vacpi_sdt_hdr, checksum)] = 0;
	t[VACPI_OFF(vacpi_sdt_hdr, checksum)] = (u8)-sum8(t, len);
}

static struct vacpi_gas gas_io8(u16 port)
{
	struct vacpi_gas g;

	memset(&g, 0, sizeof(g));
	g.space_id = VACPI_GAS_SYSTEM_IO;
	g.bit_width = 8;
	g.access_size = VACPI_GAS_ACCESS_BYTE;
	g.address = port;
	return g;
}

static void put_rsdp(u8 *b, const struct layout_offs *l, u64 base)
{
	struct vacpi_rsdp r;

	memset(&r, 0, sizeof(r));
	memcpy(r.signature, "RSD PTR ", 8);
	memcpy(r.oem_id, VACPI_OEM_ID, 6);
	r.revision = 2;
	r.rsdt_address = 0; /* no RSDT: an ACPI 2.0+ OS uses the XSDT */
	r.length = (u32)sizeof(r);
	r.xsdt_address = base + l->xsdt;
	memcpy(b + l->rsdp, &r, sizeof(r));
	b[l->rsdp + VACPI_OFF(vacpi_rsdp, checksum)] = (u8)-sum8(b + l->rsdp, 20);
	b[l->rsdp + VACPI_OFF(vacpi_rsdp, ext_checksum)] = (u8)-sum8(b + l->rsdp, (u32)sizeof(r));
}

static void put_xsdt(u8 *b, const struct layout_offs *l, u64 base)
{
	struct vacpi_sdt_hdr h;
	u32 off = l->xsdt + (u32)sizeof(h);

	hdr_init(&h, "XSDT", l->xsdt_len, 1);
	memcpy(b + l->xsdt, &h, sizeof(h));
	st_le64(b + off, base + l->fadt);
	st_le64(b + off + 8, base + l->madt);
	if (l->tpm2)
		st_le64(b + off + 16, base + l->tpm2);
	sdt_checksum(b + l->xsdt);
}

static void put_fadt(u8 *b, const struct layout_offs *l, u64 base)
{
	struct vacpi_fadt f;

	memset(&f, 0, sizeof(f));
	hdr_init(&f.hdr, "FACP", (u32)sizeof(f), FADT_REVISION);
	f.minor_version = FADT_MINOR_VERSION;
	f.flags = VACPI_FADT_HW_REDUCED_ACPI | VACPI_FADT_FORCE_APIC_PHYS |
		  VACPI_FADT_RESET_REG_SUP | VACPI_FADT_PWR_BUTTON | VACPI_FADT_SLP_BUTTON;
	f.iapc_boot_arch = VACPI_IAPC_VGA_NOT_PRESENT | VACPI_IAPC_CMOS_RTC_NOT_PRESENT;
	f.reset_reg = gas_io8(VACPI_RESET_PORT);
	f.reset_value = VACPI_RESET_VALUE;
	f.dsdt = 0; /* X_DSDT is authoritative (5.2.9: DSDT must be ignored when X_DSDT is set) */
	f.x_dsdt = base + l->dsdt;
	f.sleep_control_reg = gas_io8(VACPI_SLEEP_CTL_PORT);
	f.sleep_status_reg = gas_io8(VACPI_SLEEP_STS_PORT);
	memcpy(b + l->fadt, &f, sizeof(f));
	sdt_checksum(b + l->fadt);
}

static void put_dsdt(u8 *b, const struct layout_offs *l)
{
	struct vacpi_sdt_hdr h;

	hdr_init(&h, "DSDT", l->dsdt_len, DSDT_REVISION);
	memcpy(b + l->dsdt, &h, sizeof(h));
	memcpy(b + l->dsdt + sizeof(h), l->aml, l->aml_len);
	sdt_checksum(b + l->dsdt);
}

static void put_madt(u8 *b, const struct layout_offs *l, const struct vacpi_params *p)
{
	struct vacpi_madt m;
	u32 off = l->madt + (u32)sizeof(m);

	memset(&m, 0, sizeof(m));
	hdr_init(&m.hdr, "APIC", l->madt_len, MADT_REVISION);
	m.lapic_address = p->lapic_base;
	m.flags = 0; /* no PCAT_COMPAT: there are no 8259 PICs */
	memcpy(b + l->madt, &m, sizeof(m));
	for (u32 i = 0; i < p->cpu_count; i++) {
		struct vacpi_madt_lapic e;

		e.type = VACPI_MADT_TYPE_LAPIC;
		e.length = (u8)sizeof(e);
		e.acpi_processor_uid = (u8)i;
		e.apic_id = (u8)p->apic_ids[i];
		e.flags = VACPI_MADT_LAPIC_ENABLED;
		memcpy(b + off, &e, sizeof(e));
		off += (u32)sizeof(e);
	}
	sdt_checksum(b + l->madt);
}

static void put_tpm2(u8 *b, const struct layout_offs *l, const struct vacpi_params *p)
{
	struct vacpi_tpm2 t;

	memset(&t, 0, sizeof(t));
	hdr_init(&t.hdr, "TPM2", (u32)sizeof(t), TPM2_REVISION);
	t.platform_class = 0; /* client */
	t.control_area = 0;   /* FIFO: the interface is at the fixed TPM base */
	t.start_method = VACPI_TPM2_START_TIS;
	t.laml = p->tpm_log_len;
	t.lasa = gpa_val(p->tpm_log);
	memcpy(b + l->tpm2, &t, sizeof(t));
	sdt_checksum(b + l->tpm2);
}

static int check_cpus(const struct vacpi_params *p, struct pp_err *err)
{
	if (p->cpu_count == 0)
		return pp_fail(err, PP_EINVAL, "vacpi: no vCPU (a MADT needs at least one)");
	if (p->cpu_count > VACPI_MAX_CPUS)
		return pp_fail(err, PP_ERANGE, "vacpi: %u vCPUs, at most %u", p->cpu_count,
			       VACPI_MAX_CPUS);
	if (!p->apic_ids)
		return pp_fail(err, PP_EINVAL, "vacpi: no APIC ID list for %u vCPUs", p->cpu_count);
	for (u32 i = 0; i < p->cpu_count; i++) {
		if (p->apic_ids[i] > VACPI_MAX_APIC_ID)
			return pp_fail(
			    err, PP_ERANGE,
			    "vacpi: vCPU %u APIC ID 0x%x does not fit a Local APIC entry "
			    "(max 0x%x)",
			    i, p->apic_ids[i], VACPI_MAX_APIC_ID);
		for (u32 j = 0; j < i; j++)
			if (p->apic_ids[j] == p->apic_ids[i])
				return pp_fail(err, PP_EINVAL,
					       "vacpi: vCPUs %u and %u share APIC ID 0x%x", j, i,
					       p->apic_ids[i]);
	}
	return 0;
}

/* The root bridge's windows: each a non-empty range that does not wrap
 * (its _MAX = base + size - 1 must be an address), pairwise disjoint (Linux
 * merges overlapping windows, and two BARs never share an address). */
static int check_pci(const struct vacpi_pci *pci, struct pp_err *err)
{
	u64 end;

	if (!pci)
		return 0;
	if (pci->nwin > VACPI_PCI_MAX_WIN)
		return pp_fail(err, PP_ERANGE, "vacpi: %u PCI windows, at most %u", pci->nwin,
			       VACPI_PCI_MAX_WIN);
	for (u32 i = 0; i < pci->nwin; i++) {
		const struct vacpi_pci_win *w = &pci->win[i];

		if (w->size == 0)
			return pp_fail(err, PP_EINVAL, "vacpi: PCI window %u at 0x%llx is empty", i,
				       (unsigned long long)w->base);
		if (!pp_add_ok(w->base, w->size, &end))
			return pp_fail(err, PP_ERANGE, "vacpi: PCI window %u 0x%llx + 0x%llx wraps",
				       i, (unsigned long long)w->base, (unsigned long long)w->size);
		for (u32 j = 0; j < i; j++)
			if (pp_ranges_overlap(w->base, w->size, pci->win[j].base, pci->win[j].size))
				return pp_fail(err, PP_EOVERLAP,
					       "vacpi: PCI windows %u and %u overlap at 0x%llx", j,
					       i, (unsigned long long)w->base);
	}
	return 0;
}

static int check_params(const u8 *buf, u32 buf_len, const struct vacpi_params *p, u32 need,
			struct pp_err *err)
{
	u64 base = gpa_val(p->base), end, log_end;

	if (!buf)
		return pp_fail(err, PP_EINVAL, "vacpi: no buffer");
	if (buf_len < need)
		return pp_fail(err, PP_ENOMEM, "vacpi: buffer of %u bytes, the tables need %u",
			       buf_len, need);
	if (!PP_IS_ALIGNED(base, VACPI_ALIGN))
		return pp_fail(err, PP_EINVAL, "vacpi: base 0x%llx is not 16-byte aligned",
			       (unsigned long long)base);
	if (!pp_add_ok(base, need, &end))
		return pp_fail(err, PP_ERANGE, "vacpi: tables at 0x%llx + 0x%x wrap",
			       (unsigned long long)base, need);
	if (p->lapic_base == 0 || !PP_IS_ALIGNED(p->lapic_base, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL, "vacpi: local APIC address 0x%x is not a page",
			       p->lapic_base);
	if (!p->tpm) {
		if (gpa_val(p->tpm_log) || p->tpm_log_len)
			return pp_fail(err, PP_EINVAL, "vacpi: a TPM log area without a TPM");
		return 0;
	}
	if ((gpa_val(p->tpm_log) == 0) != (p->tpm_log_len == 0))
		return pp_fail(err, PP_EINVAL, "vacpi: TPM log area 0x%llx with length 0x%x",
			       (unsigned long long)gpa_val(p->tpm_log), p->tpm_log_len);
	if (!pp_add_ok(gpa_val(p->tpm_log), p->tpm_log_len, &log_end))
		return pp_fail(err, PP_ERANGE, "vacpi: TPM log area 0x%llx + 0x%x wraps",
			       (unsigned long long)gpa_val(p->tpm_log), p->tpm_log_len);
	if (p->tpm_log_len && pp_ranges_overlap(gpa_val(p->tpm_log), p->tpm_log_len, base, need))
		return pp_fail(err, PP_EOVERLAP,
			       "vacpi: TPM log area [0x%llx, 0x%llx) overlaps the tables [0x%llx, "
			       "0x%llx)",
			       (unsigned long long)gpa_val(p->tpm_log), (unsigned long long)log_end,
			       (unsigned long long)base, (unsigned long long)end);
	return 0;
}

int vacpi_build(u8 *buf, u32 buf_len, const struct vacpi_params *p, struct vacpi_layout *out,
		struct pp_err *err)
{
	struct layout_offs l;
	u64 base;
	int rc;

	if (!p || !out)
		return pp_fail(err, PP_EINVAL, "vacpi: no parameters or no layout");
	rc = check_cpus(p, err);
	if (!rc)
		rc = check_pci(p->pci, err);
	if (rc)
		return rc;
	plan(p->cpu_count, p->tpm, p->pci, &l);
	if (l.aml_len == 0)
		return pp_fail(err, PP_ENOMEM, "vacpi: the DSDT AML exceeds %u bytes",
			       VACPI_AML_MAX);
	rc = check_params(buf, buf_len, p, l.end, err);
	if (rc)
		return rc;
	base = gpa_val(p->base);
	memset(buf, 0, l.end);
	put_rsdp(buf, &l, base);
	put_xsdt(buf, &l, base);
	put_fadt(buf, &l, base);
	put_dsdt(buf, &l);
	put_madt(buf, &l, p);
	if (p->tpm)
		put_tpm2(buf, &l, p);
	memset(out, 0, sizeof(*out));
	out->rsdp = gpa(base + l.rsdp);
	out->rsdp_off = l.rsdp;
	out->xsdt = gpa(base + l.xsdt);
	out->fadt = gpa(base + l.fadt);
	out->dsdt = gpa(base + l.dsdt);
	out->madt = gpa(base + l.madt);
	out->tpm2 = gpa(p->tpm ? base + l.tpm2 : 0);
	out->size = l.end;
	return 0;
}
