// SPDX-License-Identifier: GPL-2.0-only
/* The ACPI table walk (parapet/acpi_walk.h). */
#include <parapet/acpi_walk.h>
#include <parapet/bytes.h>
#include <parapet/string.h>

#define RSDP_REVISION 15u
#define RSDP_RSDT 16u
#define RSDP_LENGTH 20u
#define RSDP_XSDT 24u

bool acpi_checksum_ok(const u8 *p, u64 len)
{
	u8 sum = 0;
	for (u64 i = 0; i < len; i++)
		sum = (u8)(sum + p[i]);
	return sum == 0;
}

bool acpi_sig_is(const u8 *t, const char *sig)
{
	return memcmp(t, sig, 4) == 0;
}

void acpi_sig_str(const u8 *p, char s[5])
{
	for (int i = 0; i < 4; i++)
		s[i] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
	s[4] = 0;
}

static int check_rsdp(const u8 *r, u32 rlen, struct acpi_root *out, struct pp_err *err)
{
	if (!r || rlen == 0)
		return pp_fail(err, PP_ENOENT, "no RSDP");
	if (rlen < ACPI_RSDP_V1_LEN)
		return pp_fail(err, PP_ETRUNC, "RSDP copy is %u bytes (< 20)", rlen);
	if (memcmp(r, "RSD PTR ", 8) != 0)
		return pp_fail(err, PP_EMAGIC, "RSDP signature is not \"RSD PTR \"");
	if (!acpi_checksum_ok(r, ACPI_RSDP_V1_LEN))
		return pp_fail(err, PP_ECHECKSUM, "RSDP checksum over 20 bytes is wrong");
	out->rsdp_revision = r[RSDP_REVISION];
	out->root_phys = ld_le32(r + RSDP_RSDT);
	if (out->rsdp_revision >= 2) {
		u32 len;
		if (rlen < ACPI_RSDP_V2_LEN)
			return pp_fail(err, PP_ETRUNC, "RSDP revision %u but only %u bytes copied",
				       out->rsdp_revision, rlen);
		len = ld_le32(r + RSDP_LENGTH);
		if (len < ACPI_RSDP_V2_LEN || len > rlen)
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
	u8 raw[4];
	char sig[5];
	u32 len;
	u64 end;

	h = map(phys, ACPI_SDT_HDR_LEN, ctx);
	if (!h) {
		*rc = pp_fail(err, PP_ERANGE, "cannot map table header at 0x%llx",
			      (unsigned long long)phys);
		return NULL;
	}
	memcpy(raw, h, sizeof(raw)); /* h may be reused by the next mapping */
	acpi_sig_str(raw, sig);
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
	if (ld_le32(t + ACPI_SDT_LENGTH) != len || memcmp(t, raw, sizeof(raw)) != 0) {
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

int acpi_walk(const u8 *rsdp, u32 rsdp_len, acpi_map_fn map, void *map_ctx, acpi_visit_fn visit,
	      void *visit_ctx, struct acpi_root *root_out, struct pp_err *err)
{
	struct acpi_root r = {0};
	const u8 *root;
	u32 len = 0, esz, n;
	int rc = check_rsdp(rsdp, rsdp_len, &r, err);

	if (root_out)
		*root_out = r;
	if (rc)
		return rc;
	const char *rsig = r.use_xsdt ? "XSDT" : "RSDT";
	esz = r.use_xsdt ? 8 : 4;
	root = map_table(map, map_ctx, r.root_phys, &len, &rc, err);
	if (!root)
		return rc;
	if (!acpi_sig_is(root, rsig))
		return pp_fail(err, PP_EMAGIC, "root table at 0x%llx is not an %s",
			       (unsigned long long)r.root_phys, rsig);
	if ((len - ACPI_SDT_HDR_LEN) % esz)
		return pp_fail(err, PP_EINVAL, "%s length 0x%x is not 36 + a multiple of %u", rsig,
			       len, esz);
	n = (len - ACPI_SDT_HDR_LEN) / esz;
	if (n > ACPI_MAX_TABLES)
		return pp_fail(err, PP_ENOMEM, "%s lists %u tables (more than %u)", rsig, n,
			       ACPI_MAX_TABLES);
	rc = visit(visit_ctx, r.root_phys, root, len, true, err);
	for (u32 i = 0; !rc && i < n; i++) {
		/* entries are read from the mapped root, which the visitor may not change */
		const u8 *e = root + ACPI_SDT_HDR_LEN + (size_t)i * esz;
		u64 phys = esz == 8 ? ld_le64(e) : ld_le32(e);
		const u8 *t;
		u32 tlen = 0;
		if (phys == 0)
			continue; /* empty slot */
		t = map_table(map, map_ctx, phys, &tlen, &rc, err);
		if (!t)
			return rc;
		rc = visit(visit_ctx, phys, t, tlen, false, err);
	}
	return rc;
}
