// SPDX-License-Identifier: GPL-2.0-only
/* ACPI parser: malformed tables are rejected with the right code and message. */
#include "acpi_fake.h"
#include "unit.h"

static struct fake F;

#define EXPECT_FAIL(want, sub)                                                                     \
	do {                                                                                       \
		struct acpi_info a_;                                                               \
		struct pp_err e_;                                                                  \
		int rc_ = fake_parse(&F, &a_, &e_);                                                \
		CHECK_EQ(rc_, want);                                                               \
		CHECK_EQ(e_.code, want);                                                           \
		CHECK_MSG(&e_, sub);                                                               \
		CHECK_EQ(a_.table_count, 0); /* nothing partial */                                 \
		CHECK_EQ(a_.cpu_count, 0);                                                         \
		CHECK_EQ(a_.iommu_count, 0);                                                       \
	} while (0)

static void q35(void)
{
	fake_q35(&F, &(struct q35_opts){.tpm_method = 6});
}

static void q35_dmar(void)
{
	fake_q35(&F, &(struct q35_opts){.dmar = true, .tpm_method = 6});
}

/* Edit a placed table in memory and fix its checksum. */
static u8 *placed(int i)
{
	return fake_at(&F, F.phys[i]);
}

TEST(acpi_reject_rsdp)
{
	q35();
	fake_layout(&F);
	F.rsdp[0] = 'X';
	fake_rsdp_fix(&F);
	EXPECT_FAIL(PP_EMAGIC, "RSDP signature");

	q35();
	fake_layout(&F);
	F.rsdp[8] ^= 1;
	EXPECT_FAIL(PP_ECHECKSUM, "RSDP checksum over 20 bytes");

	q35();
	fake_layout(&F);
	F.rsdp[32] ^= 1;
	EXPECT_FAIL(PP_ECHECKSUM, "RSDP extended checksum");

	q35();
	fake_layout(&F);
	F.rsdp_len = 20; /* revision 2 needs the 36-byte copy */
	EXPECT_FAIL(PP_ETRUNC, "RSDP revision 2 but only 20 bytes");

	q35();
	fake_layout(&F);
	st_le32(F.rsdp + 20, 20);
	fake_rsdp_fix(&F);
	EXPECT_FAIL(PP_EINVAL, "RSDP Length 20 outside 36..36");

	q35();
	fake_layout(&F);
	F.rsdp_len = 0;
	EXPECT_FAIL(PP_ENOENT, "no RSDP");

	q35();
	fake_layout(&F);
	F.rsdp_len = 12;
	EXPECT_FAIL(PP_ETRUNC, "RSDP copy is 12 bytes");

	fake_q35(&F, &(struct q35_opts){.rsdt_only = true});
	fake_layout(&F);
	st_le32(F.rsdp + 16, 0);
	fake_rsdp_fix(&F);
	EXPECT_FAIL(PP_ENOENT, "RSDP names no RSDT");
}

TEST(acpi_reject_table_header_and_checksum)
{
	q35();
	fake_layout(&F);
	placed(T_MCFG)[50] ^= 0x10; /* no checksum fix */
	EXPECT_FAIL(PP_ECHECKSUM, "table MCFG at 0x");

	q35();
	fake_layout(&F);
	st_le32(placed(T_MCFG) + 4, 20);
	fake_refix(&F, F.phys[T_MCFG]);
	EXPECT_FAIL(PP_ETRUNC, "Length 20 < 36");

	q35();
	fake_layout(&F);
	st_le32(placed(T_MADT) + 4, 0x7F00);
	fake_refix(&F, F.phys[T_MADT]);
	EXPECT_FAIL(PP_ERANGE, "table APIC at 0x");
	EXPECT_FAIL(PP_ERANGE, "cannot map Length 0x7f00");

	q35();
	fake_layout(&F);
	st_le32(placed(T_MADT) + 4, 0x200000);
	fake_refix(&F, F.phys[T_MADT]);
	EXPECT_FAIL(PP_ERANGE, "Length 0x200000 too large");

	q35();
	fake_layout(&F);
	u8 *x = fake_at(&F, F.root);
	st_le32(x + 4, ld_le32(x + 4) - 4);
	fake_refix(&F, F.root);
	EXPECT_FAIL(PP_EINVAL, "XSDT length 0x48 is not 36 + a multiple of 8");

	fake_q35(&F, &(struct q35_opts){.rsdt_only = true});
	fake_layout(&F);
	x = fake_at(&F, F.root);
	st_le32(x + 4, ld_le32(x + 4) - 2);
	fake_refix(&F, F.root);
	EXPECT_FAIL(PP_EINVAL, "RSDT length 0x32 is not 36 + a multiple of 4");

	q35();
	fake_layout(&F);
	x = fake_at(&F, F.root);
	x[3] = 'X';
	fake_refix(&F, F.root);
	EXPECT_FAIL(PP_EMAGIC, "is not an XSDT");

	q35();
	fake_layout(&F);
	x = fake_at(&F, F.root);
	st_le32(x + 4, 36 + 65 * 8);
	fake_refix(&F, F.root);
	EXPECT_FAIL(PP_ENOMEM, "XSDT lists 65 tables (more than 64)");

	q35();
	fake_layout(&F);
	x = fake_at(&F, F.root);
	st_le64(x + 36, 0x12345678000ull);
	fake_refix(&F, F.root);
	EXPECT_FAIL(PP_ERANGE, "cannot map table header at 0x12345678000");
}

TEST(acpi_reject_map_failures)
{
	/* Every map call the parser makes may fail: each failure is reported. */
	q35();
	fake_layout(&F);
	struct acpi_info a;
	struct pp_err e;
	REQUIRE(fake_parse(&F, &a, &e) == 0);
	F.fail_map_at = 0;
	int calls = 0;
	F.map_calls = 0;
	acpi_parse(F.rsdp, F.rsdp_len, fake_map, &F, &a, &e);
	calls = F.map_calls;
	fake_unmap_all(&F);
	CHECK_EQ(calls, 2 * 6); /* root + 5 tables, header then whole */
	for (int i = 1; i <= calls; i++) {
		F.fail_map_at = i;
		EXPECT_FAIL(PP_ERANGE, "cannot map");
	}
	F.fail_map_at = 1;
	EXPECT_FAIL(PP_ERANGE, "cannot map table header at 0x");
}

TEST(acpi_reject_table_set)
{
	q35();
	F.t[T_MADT].present = false;
	fake_layout(&F);
	EXPECT_FAIL(PP_ENOENT, "XSDT lists no MADT (APIC) table");

	q35();
	F.t[T_EXTRA] = F.t[T_MADT];
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "second APIC table at 0x");

	q35();
	F.t[T_EXTRA] = F.t[T_TPM2];
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "second TPM2 table");

	q35();
	build_dmar(&F.t[T_EXTRA]);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "both IVRS (AMD-Vi) and DMAR (VT-d)");
}

TEST(acpi_reject_madt)
{
	/* q35 MADT: entries at 0x2c (4 LAPICs), IOAPIC 0x4c, ISO 0x58, NMI 0x62; length 0x68 */
	q35();
	F.t[T_MADT].b[45] = 0;
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "MADT entry at offset 0x2c has length 0 (< 2)");

	q35();
	F.t[T_MADT].b[0x63] = 7;
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "MADT entry at offset 0x62 length 7 exceeds table length 0x68");

	q35();
	F.t[T_MADT].b[0x2d] = 6;
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "MADT entry at offset 0x2c type 0 length 6 is shorter than 8");

	q35();
	F.t[T_MADT].b[0x4d] = 10;
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "MADT entry at offset 0x4c type 1 length 10 is shorter than 12");

	q35();
	tb_u8(&F.t[T_MADT], 0);
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "MADT entry header at offset 0x68 truncated by table length 0x69");

	fake_q35(&F, &(struct q35_opts){.ncpus = 65});
	fake_layout(&F);
	EXPECT_FAIL(PP_ENOMEM, "more than 64 enabled processors");

	q35();
	F.t[T_MADT].b[0x2c + 2 * 8 + 3] = 1;
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "MADT entry at offset 0x3c: duplicate APIC ID 1");

	q35();
	madt_x2apic(&F.t[T_MADT], 3, 1, 9);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "duplicate APIC ID 3");

	q35();
	madt_ioapic(&F.t[T_MADT], 0, 0xFEC01000u, 24);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "duplicate I/O APIC ID 0");

	q35();
	madt_ioapic(&F.t[T_MADT], 1, 0, 24);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "I/O APIC 1 address 0x0 invalid");

	q35();
	for (int i = 0; i < 4; i++)
		F.t[T_MADT].b[0x2c + i * 8 + 4] = 0;
	fake_layout(&F);
	EXPECT_FAIL(PP_ENOENT, "MADT lists no enabled processor");

	q35();
	st_le32(F.t[T_MADT].b + 36, 0);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "MADT local APIC address 0x0 invalid");

	q35();
	for (int i = 0; i < 2; i++) {
		struct tb *m = &F.t[T_MADT];
		tb_u8(m, 5);
		tb_u8(m, 12);
		tb_u16(m, 0);
		tb_u64(m, 0xFEE10000ull);
	}
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "second local APIC address override");

	q35();
	F.t[T_MADT].len = 40;
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "APIC table length 40 is shorter than its minimum 44");
}

TEST(acpi_reject_mcfg)
{
	q35();
	F.t[T_MCFG].b[54] = 9;
	F.t[T_MCFG].b[55] = 8;
	fake_layout(&F);
	EXPECT_FAIL(PP_ERANGE, "MCFG allocation at offset 0x2c: start bus 9 > end bus 8");

	q35();
	st_le64(F.t[T_MCFG].b + 44, 0xB0080000ull);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "base 0xb0080000 not 1 MiB aligned");

	q35();
	st_le64(F.t[T_MCFG].b + 44, 0xFFFFFFFFFFF00000ull);
	fake_layout(&F);
	EXPECT_FAIL(PP_ERANGE, "bus window wraps");

	q35();
	tb_zero(&F.t[T_MCFG], 8);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "MCFG length 0x44 leaves 8 bytes after the 16-byte allocations");

	q35();
	struct tb *t = &F.t[T_MCFG];
	tb_u64(t, 0xC0000000ull);
	tb_u16(t, 0);
	tb_u8(t, 0x80);
	tb_u8(t, 0x90);
	tb_u32(t, 0);
	fake_layout(&F);
	EXPECT_FAIL(PP_EOVERLAP, "segment 0 buses 128-144 overlap");

	q35();
	for (int i = 1; i <= 4; i++) {
		tb_u64(t, 0xC0000000ull);
		tb_u16(t, (u16)i);
		tb_u8(t, 0);
		tb_u8(t, 0);
		tb_u32(t, 0);
	}
	fake_layout(&F);
	EXPECT_FAIL(PP_ENOMEM, "more than 4 allocations");
}

TEST(acpi_reject_ivrs)
{
	/* q35 IVRS: IVHD 0x10 at 0x30, header 24 + entries 4+4+8: length 40, table 0x58 */
	q35();
	st_le16(F.t[T_IOMMU].b + 0x32, 200);
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC,
		    "IVRS block type 0x10 at offset 0x30 length 200 exceeds table length 0x58");

	q35();
	F.t[T_IOMMU].len -= 4;
	st_le16(F.t[T_IOMMU].b + 0x32, 36);
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "IVHD at offset 0x30: device entry type 0x48 at offset 0x20 (size "
			       "8) exceeds block length 36");

	q35();
	st_le16(F.t[T_IOMMU].b + 0x32, 20);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "IVHD type 0x10 at offset 0x30 has length 20 (< 24)");

	q35();
	st_le16(F.t[T_IOMMU].b + 0x32, 2);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "IVRS block type 0x10 at offset 0x30 has length 2");

	q35();
	tb_u8(&F.t[T_IOMMU], 0x10);
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "IVRS block header at offset 0x58 truncated");

	q35();
	F.t[T_IOMMU].b[0x30 + 24] = 0x80;
	fake_layout(&F);
	EXPECT_FAIL(PP_ENOTSUP, "device entry type 0x80 at offset 0x18 has no known length");

	q35();
	st_le64(F.t[T_IOMMU].b + 0x38, 0);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "IVHD type 0x10 at offset 0x30: IOMMU base 0x0 invalid");

	q35();
	ivhd10(&F.t[T_IOMMU], 0xFED80000ull);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL,
		    "IVHD type 0x10 at offset 0x58: IOMMU base 0xfed80000 already listed");

	/* an ACPI HID entry whose UID runs past the block */
	q35();
	struct tb *t = &F.t[T_IOMMU];
	u32 start = t->len;
	tb_u8(t, 0x11);
	tb_u8(t, 0);
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
	tb_zero(t, 19);
	tb_u8(t, 2);
	tb_u8(t, 9);
	tb_zero(t, 4);
	st_le16(t->b + start + 2, (u16)(t->len - start));
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC,
		    "device entry type 0xf0 at offset 0x28 (size 31) exceeds block length 66");

	/* same unit described again with another device id */
	q35();
	start = t->len;
	tb_u8(t, 0x11);
	tb_u8(t, 0);
	tb_u16(t, 0);
	tb_u16(t, 0x20);
	tb_u16(t, 0x40);
	tb_u64(t, 0xFED80000ull);
	tb_u16(t, 0);
	tb_u16(t, 0);
	tb_u32(t, 0);
	tb_u64(t, 0);
	tb_u64(t, 0);
	st_le16(t->b + start + 2, (u16)(t->len - start));
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL,
		    "described before with segment 0 device 0x18, now segment 0 device 0x20");

	q35();
	tb_u8(t, 0x20);
	tb_u8(t, 0);
	tb_u16(t, 16);
	tb_zero(t, 12);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "IVMD type 0x20 at offset 0x58 has length 16 (< 32)");

	q35();
	for (u64 i = 1; i <= 8; i++)
		ivhd10(t, 0xFED80000ull + i * 0x4000);
	fake_layout(&F);
	EXPECT_FAIL(PP_ENOMEM, "more than 8 IOMMU units");
}

TEST(acpi_reject_dmar)
{
	/* q35 DMAR: DRHD at 0x30, length 24, scope at DRHD offset 16; table 0x48 */
	q35_dmar();
	st_le16(F.t[T_IOMMU].b + 0x32, 2);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "DMAR structure at offset 0x30 has length 2 (< 4)");

	q35_dmar();
	st_le16(F.t[T_IOMMU].b + 0x32, 40);
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "DMAR structure at offset 0x30 length 40 exceeds table length 0x48");

	q35_dmar();
	F.t[T_IOMMU].b[0x30 + 17] = 10;
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "DRHD at offset 0x30: device scope at offset 0x10 length 10 exceeds "
			       "structure length 24");

	q35_dmar();
	F.t[T_IOMMU].b[0x30 + 17] = 5;
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "DRHD at offset 0x30: device scope at offset 0x10 has length 5");

	q35_dmar();
	F.t[T_IOMMU].b[0x30 + 17] = 7;
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "device scope at offset 0x10 has length 7");

	q35_dmar();
	st_le16(F.t[T_IOMMU].b + 0x32, 12);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "DRHD at offset 0x30 has length 12 (< 16)");

	q35_dmar();
	st_le64(F.t[T_IOMMU].b + 0x38, 0xFED90800ull);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "DRHD at offset 0x30: register base 0xfed90800 invalid");

	q35_dmar();
	F.t[T_IOMMU].b[36] = 20;
	fake_layout(&F);
	EXPECT_FAIL(PP_ERANGE, "DMAR host address width 21 bits outside 32..64");

	q35_dmar();
	tb_u16(&F.t[T_IOMMU], 0);
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "DMAR structure header at offset 0x48 truncated");

	q35_dmar();
	struct tb *t = &F.t[T_IOMMU];
	tb_u16(t, 0);
	tb_u16(t, 16);
	tb_u8(t, 0);
	tb_u8(t, 0);
	tb_u16(t, 0);
	tb_u64(t, 0xFED90000ull);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "DRHD at offset 0x48: register base 0xfed90000 already listed");

	q35_dmar();
	tb_u16(t, 1);
	tb_u16(t, 20);
	tb_zero(t, 16);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "RMRR at offset 0x48 has length 20 (< 24)");

	q35_dmar();
	tb_u16(t, 5);
	tb_u16(t, 12);
	tb_zero(t, 4);
	tb_u8(t, 1);
	tb_u8(t, 10);
	tb_zero(t, 2);
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "SATC at offset 0x48: device scope at offset 0x8 length 10 exceeds");

	q35_dmar();
	F.t[T_IOMMU].len = 44;
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "DMAR table length 44 is shorter than its minimum 48");
}

TEST(acpi_reject_tpm2)
{
	q35();
	F.t[T_TPM2].len = 48;
	fake_layout(&F);
	EXPECT_FAIL(PP_ETRUNC, "TPM2 table length 48 is shorter than its minimum 52");

	q35();
	F.t[T_TPM2].b[8] = 2;
	fake_layout(&F);
	EXPECT_FAIL(PP_EVERSION, "TPM2 table revision 2 (< 3)");

	q35();
	st_le64(F.t[T_TPM2].b + 68, 0);
	fake_layout(&F);
	EXPECT_FAIL(PP_EINVAL, "TPM2 log area: LAML 0x10000 with LASA 0x0");

	q35();
	st_le64(F.t[T_TPM2].b + 68, 0xFFFFFFFFFFFFF000ull);
	fake_layout(&F);
	EXPECT_FAIL(PP_ERANGE, "TPM2 log area 0xfffffffffffff000 + 0x10000 wraps");
}
