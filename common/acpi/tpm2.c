// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM2 table parser (TCG ACPI Specification, Family "1.2" and "2.0",
 * Version 1.3, section 8.3, "ACPI Table for TPM 2.0").
 *
 * Layout: SDT header (36, Revision 3 or 4 in current firmware), Platform
 * Class u16 at 36, reserved u16 at 38, Address of CRB Control Area u64 at
 * 40, Start Method u32 at 48 (52 bytes minimum), Start Method Specific
 * Parameters (12 bytes for the methods used here) from 52, then optionally
 * Log Area Minimum Length (LAML) u32 at 64 and Log Area Start Address
 * (LASA) u64 at 68 (table length 76).
 */
#include "common/acpi/acpi_int.h"

#define TPM2_MIN_LEN 52u
#define TPM2_CONTROL_AREA 40u
#define TPM2_START_METHOD 48u
#define TPM2_LAML 64u
#define TPM2_LASA 68u
#define TPM2_LOG_LEN 76u
#define TPM2_MIN_REVISION 3u

int acpi_parse_tpm2(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err)
{
	int rc = acpi_sdt_check(t, len, "TPM2", TPM2_MIN_LEN, err);
	u64 lasa = 0, end;
	u32 laml = 0;

	if (rc)
		return rc;
	if (t[ACPI_SDT_REVISION] < TPM2_MIN_REVISION)
		return pp_fail(err, PP_EVERSION, "TPM2 table revision %u (< %u)",
			       t[ACPI_SDT_REVISION], TPM2_MIN_REVISION);
	if (len >= TPM2_LOG_LEN) {
		laml = ld_le32(t + TPM2_LAML);
		lasa = ld_le64(t + TPM2_LASA);
		if ((laml == 0) != (lasa == 0))
			return pp_fail(err, PP_EINVAL, "TPM2 log area: LAML 0x%x with LASA 0x%llx",
				       laml, (unsigned long long)lasa);
		if (!pp_add_ok(lasa, laml, &end))
			return pp_fail(err, PP_ERANGE, "TPM2 log area 0x%llx + 0x%x wraps",
				       (unsigned long long)lasa, laml);
	}
	out->tpm2_present = true;
	out->tpm2_control_area = ld_le64(t + TPM2_CONTROL_AREA);
	out->tpm2_start_method = ld_le32(t + TPM2_START_METHOD);
	out->tpm2_log_base = lasa;
	out->tpm2_log_len = laml;
	return 0;
}
