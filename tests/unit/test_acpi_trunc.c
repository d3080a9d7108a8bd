// SPDX-License-Identifier: GPL-2.0-only
/*
 * ACPI parser robustness: every table's declared Length is set to every
 * value from 0 to past its real size (checksum fixed each time). Each run
 * must either fail with a message and a zeroed result, or succeed with a
 * result no larger than the full table's (when shorter than the real one). The per-table parsers
 * are also run over exact-size heap copies so ASan sees any read past Length.
 */
#include "acpi_fake.h"
#include "unit.h"

static struct fake F;

typedef int (*parser_fn)(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err);

struct variant {
	const char *name;
	struct q35_opts o;
	int table; /* T_* or -1 for the root table */
	parser_fn parse;
};

static const struct variant variants[] = {
    {"MADT", {.tpm_method = 6}, T_MADT, acpi_parse_madt},
    {"MCFG", {.tpm_method = 6}, T_MCFG, acpi_parse_mcfg},
    {"IVRS", {.tpm_method = 6}, T_IOMMU, acpi_parse_ivrs},
    {"DMAR", {.dmar = true, .tpm_method = 7}, T_IOMMU, acpi_parse_dmar},
    {"TPM2", {.tpm_method = 7}, T_TPM2, acpi_parse_tpm2},
    {"XSDT", {.tpm_method = 6}, -1, NULL},
    {"RSDT", {.rsdt_only = true}, -1, NULL},
};

static void check_consistent(const struct acpi_info *full, const struct acpi_info *a, int rc,
			     const struct pp_err *e, bool longer)
{
	if (rc) {
		CHECK_EQ(e->code, rc);
		CHECK(e->msg[0] != 0);
		CHECK_EQ(a->table_count, 0);
		CHECK_EQ(a->cpu_count, 0);
		CHECK_EQ(a->iommu_count, 0);
		CHECK(!a->tpm2_present);
		return;
	}
	if (longer) /* bytes past the real table are parsed as more entries */
		return;
	CHECK(a->cpu_count >= 1 && a->cpu_count <= full->cpu_count);
	CHECK(a->ioapic_count <= full->ioapic_count);
	CHECK(a->mcfg_count <= full->mcfg_count);
	CHECK(a->iommu_count <= full->iommu_count);
	CHECK(a->table_count <= full->table_count);
	for (u32 i = 0; i < a->cpu_count; i++)
		CHECK_EQ(a->cpus[i].apic_id, full->cpus[i].apic_id);
}

TEST(acpi_truncate_every_length)
{
	for (u32 v = 0; v < PP_ARRAY_SIZE(variants); v++) {
		const struct variant *w = &variants[v];
		struct acpi_info full, a;
		struct pp_err e;
		u32 len0;
		u64 phys;

		fake_q35(&F, &w->o);
		fake_layout(&F);
		REQUIRE(fake_parse(&F, &full, &e) == 0);
		phys = w->table < 0 ? F.root : F.phys[w->table];
		len0 = ld_le32(fake_at(&F, phys) + 4);
		int ok = 0;
		for (u32 len = 0; len <= len0 + 24; len++) {
			fake_q35(&F, &w->o);
			fake_layout(&F);
			st_le32(fake_at(&F, phys) + 4, len);
			fake_refix(&F, phys);
			int rc = fake_parse(&F, &a, &e);
			check_consistent(&full, &a, rc, &e, len > len0);
			if (rc == 0)
				ok++;
			if (unit_failed_now()) {
				printf("  variant %s length %u: rc %d \"%s\"\n", w->name, len, rc,
				       e.msg);
				return;
			}
		}
		CHECK(ok >= 1); /* at least the real length parses */
	}
}

TEST(acpi_truncate_per_table_exact_copies)
{
	for (u32 v = 0; v < PP_ARRAY_SIZE(variants); v++) {
		const struct variant *w = &variants[v];
		if (!w->parse)
			continue;
		fake_q35(&F, &w->o);
		const struct tb *t = &F.t[w->table];
		for (u32 len = 0; len <= t->len; len++) {
			struct acpi_info a;
			struct pp_err e;
			u8 *copy = malloc(len ? len : 1);
			memcpy(copy, t->b, len);
			if (len >= 8)
				st_le32(copy + 4, len);
			memset(&a, 0, sizeof(a));
			int rc = w->parse(copy, len, &a, &e);
			if (rc) {
				CHECK_EQ(e.code, rc);
				/* failure leaves no partial result */
				CHECK_EQ(a.cpu_count, 0);
				CHECK_EQ(a.ioapic_count, 0);
				CHECK_EQ(a.mcfg_count, 0);
				CHECK_EQ(a.iommu_count, 0);
				CHECK(!a.tpm2_present && !a.madt_present);
			}
			free(copy);
		}
	}
}

/* Regression (found by fuzz_acpi): an IVHD shorter than its header, ending
 * the table, must be rejected before any header field is read. */
TEST(acpi_ivhd_short_block_at_table_end)
{
	for (u16 blen = 4; blen < 40; blen++) {
		for (u8 type = 0x10; type; type = type == 0x10 ? 0x11 : type == 0x11 ? 0x40 : 0) {
			struct tb t;
			struct acpi_info a;
			struct pp_err e;
			tb_hdr(&t, "IVRS", 1);
			tb_zero(&t, 12);
			tb_u8(&t, type);
			tb_u8(&t, 0);
			tb_u16(&t, blen);
			tb_zero(&t, blen - 4u);
			sdt_fix(t.b, t.len, t.len);
			u8 *copy = malloc(t.len);
			memcpy(copy, t.b, t.len);
			memset(&a, 0, sizeof(a));
			int rc = acpi_parse_ivrs(copy, t.len, &a, &e);
			free(copy);
			if (blen < (type == 0x10 ? 24 : 40)) {
				CHECK_EQ(rc, PP_EINVAL);
				CHECK_MSG(&e, "has length");
			} else {
				CHECK_EQ(rc, PP_EINVAL); /* base 0 */
				CHECK_MSG(&e, "IOMMU base 0x0 invalid");
			}
		}
	}
}
