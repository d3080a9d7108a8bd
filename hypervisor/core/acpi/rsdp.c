// SPDX-License-Identifier: GPL-2.0-only
/*
 * ACPI discovery: RSDP validation, XSDT/RSDT walk, per-table dispatch
 * (ACPI 6.5 sections 5.2.5 "Root System Description Pointer", 5.2.7 RSDT,
 * 5.2.8 XSDT).
 *
 * RSDP layout: Signature "RSD PTR " at 0 (8), Checksum at 8 (first 20
 * bytes), OEMID at 9 (6), Revision at 15, RsdtAddress u32 at 16; revision 2+:
 * Length u32 at 20, XsdtAddress u64 at 24, Extended Checksum at 32 (all
 * Length bytes), 3 reserved bytes (36 bytes in total).
 *
 * Policy (docs/acpi.md): every listed table must map, have a sane Length
 * and a valid checksum; MADT is required; MCFG, IVRS, DMAR and TPM2 are
 * optional but, when present, must parse; each of the five parsed tables
 * may appear at most once. Any violation fails acpi_parse as a whole and
 * leaves *out zeroed.
 */
#include <parapet/string.h>
#include "hypervisor/core/acpi/acpi_int.h"

#define RSDP_V1_LEN 20u
#define RSDP_V2_LEN 36u
#define RSDP_REVISION 15u
#define RSDP_RSDT 16u
#define RSDP_LENGTH 20u
#define RSDP_XSDT 24u

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

/* Printable copy of a 4-byte signature (for messages and table_sigs). */
static void sig_str(const u8 *p, char s[5])
{
	for (int i = 0; i < 4; i++)
		s[i] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
	s[4] = 0;
}

static int check_rsdp(const u8 *r, u32 rlen, struct acpi_info *out, struct pp_err *err)
{
	static const u8 magic[8] = {'R', 'S', 'D', ' ', 'P', 'T', 'R', ' '};

	if (!r || rlen == 0)
		return pp_fail(err, PP_ENOENT, "no RSDP");
	if (rlen < RSDP_V1_LEN)
		return pp_fail(err, PP_ETRUNC, "RSDP copy is %u bytes (< 20)", rlen);
	if (memcmp(r, magic, sizeof(magic)) != 0)
		return pp_fail(err, PP_EMAGIC, "RSDP signature is not \"RSD PTR \"");
	if (!acpi_checksum_ok(r, RSDP_V1_LEN))
		return pp_fail(err, PP_ECHECKSUM, "RSDP checksum over 20 bytes is wrong");
	out->rsdp_revision = r[RSDP_REVISION];
	out->root_phys = ld_le32(r + RSDP_RSDT);
	if (out->rsdp_revision >= 2) {
		u32 len;
		if (rlen < RSDP_V2_LEN)
			return pp_fail(err, PP_ETRUNC, "RSDP revision %u but only %u bytes copied",
				       out->rsdp_revision, rlen);
		len = ld_le32(r + RSDP_LENGTH);
		if (len < RSDP_V2_LEN || len > rlen)
			return pp_fail(err, PP_EINVAL, "RSDP Length %u outside 36..%u", len, rlen);
		if (!acpi_checksum_ok(r, len))
			return pp_fail(err, PP_ECHECKSUM,
				       "RSDP extended checksum over %u bytes is wrong", len);
		if (ld_le64(r + RSDP_XSDT) != 0) {
			out->use_xsdt = true;
			out->root_phys = ld_le64(r + RSDP_XSDT);
		}
	}
	if (out->root_phys == 0)
		return pp_fail(err, PP_ENOENT, "RSDP names no %s", out->use_xsdt ? "XSDT" : "RSDT");
	return 0;
}

/*
 * Map a whole table at phys: header first, then its Length; verify the
 * checksum. Returns the table (its length in *lenp) or NULL with *rc set.
 */
static const u8 *map_table(acpi_map_fn map, void *ctx, u64 phys, u32 *lenp, int *rc,
			   struct pp_err *err)
{
	const u8 *h, *t;
	char sig[5];
	u32 len;
	u64 end;

	h = map(phys, ACPI_SDT_HDR_LEN, ctx);
	if (!h) {
		*rc = pp_fail(err, PP_ERANGE, "cannot map table header at 0x%llx",
			      (unsigned long long)phys);
		return NULL;
	}
	sig_str(h, sig);
	len = ld_le32(h + ACPI_SDT_LENGTH);
	if (len < ACPI_SDT_HDR_LEN) {
		*rc = pp_fail(err, PP_ETRUNC, "table %s at 0x%llx: Length %u < 36", sig,
			      (unsigned long long)phys, len);
		return NULL;
	}
	if (len > ACPI_TABLE_MAX_LEN || !pp_add_ok(phys, len, &end)) {
		*rc = pp_fail(err, PP_ERANGE, "table %s at 0x%llx: Length 0x%x too large", sig,
			      (unsigned long long)phys, len);
		return NULL;
	}
	t = map(phys, len, ctx);
	if (!t) {
		*rc = pp_fail(err, PP_ERANGE, "table %s at 0x%llx: cannot map Length 0x%x", sig,
			      (unsigned long long)phys, len);
		return NULL;
	}
	if (ld_le32(t + ACPI_SDT_LENGTH) != len || memcmp(t, h, 4) != 0) {
		*rc = pp_fail(err, PP_EINVAL, "table %s at 0x%llx changed between mappings", sig,
			      (unsigned long long)phys);
		return NULL;
	}
	if (!acpi_checksum_ok(t, len)) {
		*rc = pp_fail(err, PP_ECHECKSUM, "table %s at 0x%llx: checksum mismatch", sig,
			      (unsigned long long)phys);
		return NULL;
	}
	*lenp = len;
	return t;
}

static int dispatch(const u8 *t, u32 len, u64 phys, unsigned *seen, struct acpi_info *out,
		    struct pp_err *err)
{
	for (u32 i = 0; i < PP_ARRAY_SIZE(parsers); i++) {
		if (!acpi_sig_is(t, parsers[i].sig))
			continue;
		if (*seen & parsers[i].bit)
			return pp_fail(err, PP_EINVAL, "second %s table at 0x%llx", parsers[i].sig,
				       (unsigned long long)phys);
		*seen |= parsers[i].bit;
		return parsers[i].parse(t, len, out, err);
	}
	return 0;
}

static int walk_root(acpi_map_fn map, void *ctx, struct acpi_info *out, struct pp_err *err)
{
	const char *rsig = out->use_xsdt ? "XSDT" : "RSDT";
	u32 esz = out->use_xsdt ? 8 : 4, len = 0, n;
	unsigned seen = 0;
	const u8 *root;
	int rc = 0;

	root = map_table(map, ctx, out->root_phys, &len, &rc, err);
	if (!root)
		return rc;
	if (!acpi_sig_is(root, rsig))
		return pp_fail(err, PP_EMAGIC, "root table at 0x%llx is not an %s",
			       (unsigned long long)out->root_phys, rsig);
	if ((len - ACPI_SDT_HDR_LEN) % esz)
		return pp_fail(err, PP_EINVAL, "%s length 0x%x is not 36 + a multiple of %u", rsig,
			       len, esz);
	n = (len - ACPI_SDT_HDR_LEN) / esz;
	if (n > ACPI_MAX_TABLES)
		return pp_fail(err, PP_ENOMEM, "%s lists %u tables (more than %u)", rsig, n,
			       ACPI_MAX_TABLES);
	for (u32 i = 0; i < n; i++) {
		const u8 *e = root + ACPI_SDT_HDR_LEN + (size_t)i * esz;
		u64 phys = esz == 8 ? ld_le64(e) : ld_le32(e);
		const u8 *t;
		u32 tlen = 0;
		if (phys == 0)
			continue; /* empty slot */
		t = map_table(map, ctx, phys, &tlen, &rc, err);
		if (!t)
			return rc;
		sig_str(t, out->table_sigs[out->table_count++]);
		rc = dispatch(t, tlen, phys, &seen, out, err);
		if (rc)
			return rc;
	}
	if (!(seen & SEEN_MADT))
		return pp_fail(err, PP_ENOENT, "%s lists no MADT (APIC) table", rsig);
	if ((seen & SEEN_IVRS) && (seen & SEEN_DMAR))
		return pp_fail(err, PP_EINVAL, "both IVRS (AMD-Vi) and DMAR (VT-d) tables present");
	return 0;
}

int acpi_parse(const u8 *rsdp, u32 rsdp_len, acpi_map_fn map, void *ctx, struct acpi_info *out,
	       struct pp_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = check_rsdp(rsdp, rsdp_len, out, err);
	if (!rc)
		rc = walk_root(map, ctx, out, err);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}
