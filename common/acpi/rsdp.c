// SPDX-License-Identifier: GPL-2.0-only
/*
 * ACPI discovery: the shared walk (parapet/acpi_walk.h: RSDP validation,
 * XSDT/RSDT, every listed table mapped and checksummed) with per-table
 * dispatch to the parsers.
 *
 * Policy (docs/acpi.md): every listed table must map, have a sane Length
 * and a valid checksum; MADT is required; MCFG, IVRS, DMAR and TPM2 are
 * optional but, when present, must parse; each of the five parsed tables
 * may appear at most once. Any violation fails acpi_parse as a whole and
 * leaves *out zeroed.
 */
#include <parapet/string.h>
#include "common/acpi/acpi_int.h"

enum { SEEN_MADT = 1, SEEN_MCFG = 2, SEEN_IVRS = 4, SEEN_DMAR = 8, SEEN_TPM2 = 16 };

typedef int (*table_parser)(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err);

static const struct {
	char sig[5];
	unsigned bit;
	table_parser parse;
} parsers[] = {
    {"APIC", SEEN_MADT, acpi_parse_madt}, {"MCFG", SEEN_MCFG, acpi_parse_mcfg},
    {"IVRS", SEEN_IVRS, acpi_parse_ivrs}, {"DMAR", SEEN_DMAR, acpi_parse_dmar},
    {"TPM2", SEEN_TPM2, acpi_parse_tpm2},
};

struct parse_ctx {
	struct acpi_info *out;
	unsigned seen;
};

static int visit(void *vctx, u64 phys, const u8 *t, u32 len, bool root, struct pp_err *err)
{
	struct parse_ctx *c = vctx;
	if (root)
		return 0;
	acpi_sig_str(t, c->out->table_sigs[c->out->table_count++]);
	for (u32 i = 0; i < PP_ARRAY_SIZE(parsers); i++) {
		if (!acpi_sig_is(t, parsers[i].sig))
			continue;
		if (c->seen & parsers[i].bit)
			return pp_fail(err, PP_EINVAL, "second %s table at 0x%llx", parsers[i].sig,
				       (unsigned long long)phys);
		c->seen |= parsers[i].bit;
		return parsers[i].parse(t, len, c->out, err);
	}
	return 0;
}

int acpi_parse(const u8 *rsdp, u32 rsdp_len, acpi_map_fn map, void *ctx, struct acpi_info *out,
	       struct pp_err *err)
{
	struct acpi_root r = {0};
	struct parse_ctx c;
	int rc;

	memset(out, 0, sizeof(*out));
	c.out = out;
	c.seen = 0;
	rc = acpi_walk(rsdp, rsdp_len, map, ctx, visit, &c, &r, err);
	out->rsdp_revision = r.rsdp_revision;
	out->use_xsdt = r.use_xsdt;
	out->root_phys = r.root_phys;
	const char *rsig = r.use_xsdt ? "XSDT" : "RSDT";
	if (!rc && !(c.seen & SEEN_MADT))
		rc = pp_fail(err, PP_ENOENT, "%s lists no MADT (APIC) table", rsig);
	if (!rc && (c.seen & SEEN_IVRS) && (c.seen & SEEN_DMAR))
		rc = pp_fail(err, PP_EINVAL, "both IVRS (AMD-Vi) and DMAR (VT-d) tables present");
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}
