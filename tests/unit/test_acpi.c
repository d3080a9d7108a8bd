// SPDX-License-Identifier: GPL-2.0-only
/* ACPI parser: QEMU-like table sets parse to the right values. */
#include "acpi_fake.h"
#include "unit.h"

static struct fake F;

static bool has_sig(const struct acpi_info *a, const char *sig)
{
	for (u32 i = 0; i < a->table_count; i++)
		if (strcmp(a->table_sigs[i], sig) == 0)
			return true;
	return false;
}

TEST(acpi_q35_amd_iommu_tis)
{
	struct acpi_info a;
	struct pp_err e;
	fake_q35(&F, &(struct q35_opts){.tpm_method = 6});
	fake_layout(&F);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK_EQ(a.rsdp_revision, 2);
	CHECK(a.use_xsdt);
	CHECK_EQ(a.root_phys, F.root);
	CHECK_EQ(a.table_count, 5);
	CHECK(has_sig(&a, "FACP") && has_sig(&a, "APIC") && has_sig(&a, "MCFG"));
	CHECK(has_sig(&a, "IVRS") && has_sig(&a, "TPM2"));
	CHECK(a.madt_present);
	CHECK_EQ(a.lapic_base, 0xFEE00000u);
	CHECK_EQ(a.cpu_count, 4);
	for (u32 i = 0; i < 4; i++) {
		CHECK_EQ(a.cpus[i].apic_id, i);
		CHECK_EQ(a.cpus[i].uid, i);
		CHECK(!a.cpus[i].x2apic);
	}
	CHECK_EQ(a.ioapic_count, 1);
	CHECK_EQ(a.ioapics[0].addr, 0xFEC00000u);
	CHECK_EQ(a.ioapics[0].gsi_base, 0);
	CHECK_EQ(a.mcfg_count, 1);
	CHECK_EQ(a.mcfg[0].base, 0xB0000000u);
	CHECK_EQ(a.mcfg[0].bus_start, 0);
	CHECK_EQ(a.mcfg[0].bus_end, 0xFF);
	CHECK_EQ(a.iommu_count, 1);
	CHECK_EQ(a.iommus[0].type, ACPI_IOMMU_AMDVI);
	CHECK_EQ(a.iommus[0].base, 0xFED80000u);
	CHECK_EQ(a.iommus[0].devid, 0x18);
	CHECK_EQ(a.iommus[0].segment, 0);
	CHECK_EQ(a.iommus[0].flags, 0xD1);
	CHECK_EQ(a.dmar_haw, 0);
	CHECK(a.tpm2_present);
	CHECK_EQ(a.tpm2_start_method, ACPI_TPM2_START_TIS);
	CHECK_EQ(a.tpm2_control_area, 0);
	CHECK_EQ(a.tpm2_log_base, 0x7FF0000u);
	CHECK_EQ(a.tpm2_log_len, 0x10000u);
}

TEST(acpi_q35_intel_iommu_crb)
{
	struct acpi_info a;
	struct pp_err e;
	fake_q35(&F, &(struct q35_opts){.dmar = true, .tpm_method = 7});
	fake_layout(&F);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK(has_sig(&a, "DMAR") && !has_sig(&a, "IVRS"));
	CHECK_EQ(a.dmar_haw, 39);
	CHECK_EQ(a.iommu_count, 1);
	CHECK_EQ(a.iommus[0].type, ACPI_IOMMU_VTD);
	CHECK_EQ(a.iommus[0].base, 0xFED90000u);
	CHECK_EQ(a.iommus[0].flags, 1);
	CHECK_EQ(a.tpm2_start_method, ACPI_TPM2_START_CRB);
	CHECK_EQ(a.tpm2_control_area, 0xFED40040u);
}

TEST(acpi_rsdt_only_revision0)
{
	struct acpi_info a;
	struct pp_err e;
	fake_q35(&F, &(struct q35_opts){.rsdt_only = true});
	fake_layout(&F);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK_EQ(a.rsdp_revision, 0);
	CHECK(!a.use_xsdt);
	CHECK_EQ(a.root_phys, F.root);
	CHECK_EQ(a.cpu_count, 4);
	CHECK(!a.tpm2_present);
	CHECK_EQ(a.table_count, 4);
}

TEST(acpi_rev2_without_xsdt_uses_rsdt)
{
	struct acpi_info a;
	struct pp_err e;
	fake_q35(&F, &(struct q35_opts){.rsdt_only = true});
	fake_layout(&F);
	/* A revision-2 RSDP whose XsdtAddress is 0 falls back to the RSDT. */
	F.rsdp[15] = 2;
	st_le32(F.rsdp + 20, 36);
	st_le64(F.rsdp + 24, 0);
	F.rsdp_len = 36;
	fake_rsdp_fix(&F);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK(!a.use_xsdt);
	CHECK_EQ(a.cpu_count, 4);
}

TEST(acpi_no_optional_tables)
{
	struct acpi_info a;
	struct pp_err e;
	fake_q35(&F, &(struct q35_opts){0});
	F.t[T_MCFG].present = false;
	F.t[T_IOMMU].present = false;
	fake_layout(&F);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK_EQ(a.mcfg_count, 0);
	CHECK_EQ(a.iommu_count, 0);
	CHECK(!a.tpm2_present);
	CHECK_EQ(a.tpm2_start_method, 0);
}

TEST(acpi_null_xsdt_entry_skipped)
{
	struct acpi_info a;
	struct pp_err e;
	fake_q35(&F, &(struct q35_opts){0});
	fake_layout(&F);
	u8 *x = fake_at(&F, F.root);
	st_le64(x + 36, 0); /* the FACP slot */
	fake_refix(&F, F.root);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK_EQ(a.table_count, 3);
	CHECK(!has_sig(&a, "FACP"));
}

TEST(acpi_madt_x2apic_override_disabled_online)
{
	struct acpi_info a;
	struct pp_err e;
	struct tb *m = &F.t[T_MADT];
	fake_q35(&F, &(struct q35_opts){.ncpus = 2});
	madt_lapic(m, 2, 2, 0);	    /* disabled: ignored */
	madt_lapic(m, 3, 0xFF, 0);  /* disabled with a placeholder ID */
	madt_lapic(m, 4, 4, 2);	    /* online capable: counted */
	madt_x2apic(m, 300, 1, 77); /* x2APIC */
	madt_x2apic(m, 301, 0, 78); /* disabled x2APIC */
	/* Local APIC Address Override (type 5) */
	tb_u8(m, 5);
	tb_u8(m, 12);
	tb_u16(m, 0);
	tb_u64(m, 0xFEE10000ull);
	/* an unknown type with a long length is skipped */
	tb_u8(m, 0x7F);
	tb_u8(m, 20);
	tb_zero(m, 18);
	fake_layout(&F);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK_EQ(a.cpu_count, 4);
	CHECK_EQ(a.cpus[2].apic_id, 4);
	CHECK_EQ(a.cpus[3].apic_id, 300);
	CHECK_EQ(a.cpus[3].uid, 77);
	CHECK(a.cpus[3].x2apic);
	CHECK_EQ(a.lapic_base, 0xFEE10000u);
}

TEST(acpi_madt_64_cpus_ok)
{
	struct acpi_info a;
	struct pp_err e;
	fake_q35(&F, &(struct q35_opts){.ncpus = 64});
	fake_layout(&F);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK_EQ(a.cpu_count, 64);
	CHECK_EQ(a.cpus[63].apic_id, 63);
}

TEST(acpi_ivrs_multiple_types_one_unit)
{
	struct acpi_info a;
	struct pp_err e;
	struct tb *t = &F.t[T_IOMMU];
	fake_q35(&F, &(struct q35_opts){0});
	/* IVMD block (type 0x21, 32 bytes) */
	tb_u8(t, 0x21);
	tb_u8(t, 0);
	tb_u16(t, 32);
	tb_u16(t, 0x10);
	tb_u16(t, 0);
	tb_zero(t, 8);
	tb_u64(t, 0x100000);
	tb_u64(t, 0x1000);
	/* IVHD 0x11 and 0x40 for the same unit, with an ACPI HID device entry */
	for (u8 type = 0x11; type; type = type == 0x11 ? 0x40 : 0) {
		u32 start = t->len;
		tb_u8(t, type);
		tb_u8(t, 0xD1);
		tb_u16(t, 0);
		tb_u16(t, 0x18);
		tb_u16(t, 0x40);
		tb_u64(t, 0xFED80000ull);
		tb_u16(t, 0);
		tb_u16(t, 0);
		tb_u32(t, 0);
		tb_u64(t, 0);
		tb_u64(t, 0);
		tb_u8(t, 0xF0);
		tb_u16(t, 0x00A5);
		tb_u8(t, 0xD7);
		memcpy(t->b + t->len, "AMDI0020", 8);
		t->len += 8;
		tb_zero(t, 8);
		tb_u8(t, 2);
		tb_u8(t, 5);
		memcpy(t->b + t->len, "\\_SB_", 5);
		t->len += 5;
		tb_u8(t, 1);
		tb_u16(t, 0x0010);
		tb_u8(t, 0); /* select, after the variable entry */
		st_le16(t->b + start + 2, (u16)(t->len - start));
	}
	/* a second, different unit */
	ivhd10(t, 0xFED81000ull);
	fake_layout(&F);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK_EQ(a.iommu_count, 2);
	CHECK_EQ(a.iommus[0].base, 0xFED80000u);
	CHECK_EQ(a.iommus[1].base, 0xFED81000u);
}

TEST(acpi_dmar_other_structures)
{
	struct acpi_info a;
	struct pp_err e;
	struct tb *t = &F.t[T_IOMMU];
	fake_q35(&F, &(struct q35_opts){.dmar = true});
	/* RMRR with one device scope (endpoint 00:1d.0) */
	tb_u16(t, 1);
	tb_u16(t, 32);
	tb_u16(t, 0);
	tb_u16(t, 0);
	tb_u64(t, 0x7D000000ull);
	tb_u64(t, 0x7D7FFFFFull);
	tb_u8(t, 1);
	tb_u8(t, 8);
	tb_u16(t, 0);
	tb_u8(t, 0);
	tb_u8(t, 0);
	tb_u8(t, 0x1D);
	tb_u8(t, 0);
	/* ATSR without scopes, RHSA, ANDD with a name, unknown type 9 */
	tb_u16(t, 2);
	tb_u16(t, 8);
	tb_u8(t, 1);
	tb_u8(t, 0);
	tb_u16(t, 0);
	tb_u16(t, 3);
	tb_u16(t, 20);
	tb_u32(t, 0);
	tb_u64(t, 0xFED90000ull);
	tb_u32(t, 0);
	tb_u16(t, 4);
	tb_u16(t, 12);
	tb_zero(t, 3);
	tb_u8(t, 1);
	tb_u32(t, 0x41424344);
	tb_u16(t, 9);
	tb_u16(t, 6);
	tb_u16(t, 0);
	/* a second DRHD */
	tb_u16(t, 0);
	tb_u16(t, 16);
	tb_u8(t, 0);
	tb_u8(t, 0);
	tb_u16(t, 1);
	tb_u64(t, 0xFED91000ull);
	fake_layout(&F);
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	CHECK_EQ(a.iommu_count, 2);
	CHECK_EQ(a.iommus[1].base, 0xFED91000u);
	CHECK_EQ(a.iommus[1].segment, 1);
}

TEST(acpi_tpm2_short_layouts)
{
	struct acpi_info a;
	struct pp_err e;
	/* revision 3 / 52 bytes and 64 bytes: no log area */
	for (u32 len = 52; len <= 64; len += 12) {
		fake_q35(&F, &(struct q35_opts){.tpm_method = 7});
		F.t[T_TPM2].b[8] = 3;
		F.t[T_TPM2].len = len;
		fake_layout(&F);
		REQUIRE(fake_parse(&F, &a, &e) == 0);
		CHECK(a.tpm2_present);
		CHECK_EQ(a.tpm2_start_method, 7);
		CHECK_EQ(a.tpm2_log_base, 0);
		CHECK_EQ(a.tpm2_log_len, 0);
	}
}

TEST(acpi_per_table_parsers_direct)
{
	struct acpi_info a;
	struct pp_err e;
	memset(&a, 0, sizeof(a));
	fake_q35(&F, &(struct q35_opts){.tpm_method = 6});
	for (int i = 0; i < T_N; i++)
		if (F.t[i].present)
			sdt_fix(F.t[i].b, F.t[i].len, F.t[i].len);
	CHECK_EQ(acpi_parse_madt(F.t[T_MADT].b, F.t[T_MADT].len, &a, &e), 0);
	CHECK_EQ(acpi_parse_mcfg(F.t[T_MCFG].b, F.t[T_MCFG].len, &a, &e), 0);
	CHECK_EQ(acpi_parse_ivrs(F.t[T_IOMMU].b, F.t[T_IOMMU].len, &a, &e), 0);
	CHECK_EQ(acpi_parse_tpm2(F.t[T_TPM2].b, F.t[T_TPM2].len, &a, &e), 0);
	CHECK_EQ(a.cpu_count, 4);
	CHECK_EQ(a.iommu_count, 1);
	/* wrong signature and header Length mismatch */
	CHECK_EQ(acpi_parse_mcfg(F.t[T_MADT].b, F.t[T_MADT].len, &a, &e), PP_EMAGIC);
	CHECK_EQ(acpi_parse_tpm2(F.t[T_TPM2].b, F.t[T_TPM2].len - 4, &a, &e), PP_EINVAL);
	CHECK_MSG(&e, "differs from the mapped length");
	CHECK_EQ(acpi_parse_dmar(F.t[T_MADT].b, 10, &a, &e), PP_ETRUNC);
	CHECK(acpi_checksum_ok(F.t[T_MADT].b, F.t[T_MADT].len));
}

/* The IVHD block QEMU 7.2 publishes for -device amd-iommu (q35, SeaBIOS),
 * captured from guest memory: device selects 00:00.0, 00:01.0, 00:02.0,
 * 00:03.0, 1f.0, 1f.2, 1f.3 and a special IOAPIC entry. */
TEST(acpi_qemu72_ivhd_bytes)
{
	static const u8 ivhd[] = {
	    0x10, 0xd1, 0x3c, 0x00, 0x18, 0x00, 0x40, 0x00, 0x00, 0x00, 0xd8, 0xfe,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x44, 0x00, 0x00, 0x00,
	    0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x00, 0x00, 0x02, 0x10, 0x00, 0x00,
	    0x02, 0x18, 0x00, 0x00, 0x02, 0xf8, 0x00, 0x00, 0x02, 0xfa, 0x00, 0x00,
	    0x02, 0xfb, 0x00, 0x00, 0x48, 0x00, 0x00, 0x00, 0x00, 0xa0, 0x00, 0x01,
	};
	struct tb t;
	struct acpi_info a;
	struct pp_err e;
	tb_hdr(&t, "IVRS", 1);
	tb_u32(&t, 0x00203040u);
	tb_zero(&t, 8);
	memcpy(t.b + t.len, ivhd, sizeof(ivhd));
	t.len += sizeof(ivhd);
	sdt_fix(t.b, t.len, t.len);
	memset(&a, 0, sizeof(a));
	REQUIRE(acpi_parse_ivrs(t.b, t.len, &a, &e) == 0);
	CHECK_EQ(a.iommu_count, 1);
	CHECK_EQ(a.iommus[0].base, 0xFED80000u);
	CHECK_EQ(a.iommus[0].devid, 0x18);
	CHECK_EQ(a.iommus[0].flags, 0xD1);
}
