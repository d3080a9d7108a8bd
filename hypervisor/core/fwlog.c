// SPDX-License-Identifier: GPL-2.0-only
/*
 * The firmware event log's hypervisor copy (fwlog.h). Firmware data is
 * untrusted: it is copied first (check and use see the same bytes), then
 * its end is found (ACPI area) and the copy validated in full.
 */
#include <parapet/fmt.h>
#include <parapet/fwlog.h>
#include <parapet/string.h>
#include "hypervisor/arch/x86_64/paging.h"
#include "console.h"
#include "fwlog.h"
#include "platform.h"
#include "tpm_dev.h"

static u8 fw_log[PP_FWLOG_MAX_SIZE] __attribute__((aligned(8)));
static u32 fw_log_len;
static struct pp_evlog_info fw_log_info;

/* The Spec ID Event03 signature sits at offset 32 of a crypto-agile log. */
#define SPEC_ID_OFF 32u
static const char spec_id03[16] = "Spec ID Event03";

static int copy_in(u64 base, u64 size, const char *what, struct pp_err *err)
{
	if (!base || !size)
		return pp_fail(err, PP_EINVAL, "%s: empty", what);
	if (size > PP_FWLOG_MAX_SIZE)
		return pp_fail(err, PP_ENOMEM, "%s: %llu bytes, Parapet keeps at most %u", what,
			       (unsigned long long)size, PP_FWLOG_MAX_SIZE);
	if (!paging_is_mapped(base, size))
		return pp_fail(err, PP_ERANGE, "%s: 0x%llx (+%llu) is not mapped", what,
			       (unsigned long long)base, (unsigned long long)size);
	memcpy(fw_log, (const void *)(uintptr_t)base, (size_t)size);
	return 0;
}

/* Not crypto-agile: name what it is, for the report. */
static int not_agile(u32 len, const char *what, struct pp_err *err)
{
	if (len >= SPEC_ID_OFF + 16 && memcmp(fw_log + SPEC_ID_OFF, spec_id03, 16) != 0 &&
	    memcmp(fw_log + SPEC_ID_OFF, "Spec ID Event", 13) == 0)
		return pp_fail(err, PP_ENOTSUP, "%s: \"%.15s\" header (TCG 1.2 log), not supported",
			       what, (const char *)fw_log + SPEC_ID_OFF);
	return 0;
}

static int from_handoff(const struct pp_handoff *h, struct pp_err *err)
{
	const char *what = "handoff log";
	if (h->fw_log_format != PP_FWLOG_FORMAT_AGILE)
		return pp_fail(err, PP_ENOTSUP, "%s: format %u, only 2 (crypto-agile) is supported",
			       what, h->fw_log_format);
	int rc = copy_in(h->fw_log_base, h->fw_log_size, what, err);
	if (rc)
		return rc;
	fw_log_len = (u32)h->fw_log_size;
	return 0;
}

static int from_acpi(const struct acpi_info *a, struct pp_err *err)
{
	const char *what = "ACPI TPM2 log area";
	u32 len, events;
	u64 size = PP_MIN((u64)a->tpm2_log_len, (u64)PP_FWLOG_MAX_SIZE);
	int rc = copy_in(a->tpm2_log_base, size, what, err);
	if (rc)
		return rc;
	rc = not_agile((u32)size, what, err);
	if (!rc)
		rc = pp_fwlog_find_end(fw_log, (size_t)size, &len, &events, err);
	if (rc)
		return rc;
	if (len == size && a->tpm2_log_len > size)
		return pp_fail(err, PP_ENOMEM,
			       "%s: log fills the first %u of %u bytes, Parapet "
			       "keeps at most %u",
			       what, len, a->tpm2_log_len, PP_FWLOG_MAX_SIZE);
	hv_printf("hv: firmware log: ACPI TPM2 LASA 0x%llx LAML %u: log ends at %u (%u events)\n",
		  (unsigned long long)a->tpm2_log_base, a->tpm2_log_len, len, events);
	memset(fw_log + len, 0, (size_t)(size - len));
	fw_log_len = len;
	return 0;
}

/*
 * Replay the kept log and compare PCR 0-9 with the TPM in every bank both
 * have: a diagnostic line (the verifier's own replay is what counts). The
 * TPM's values come in a handful of PCR_Read commands (tpm2_pcr_read_set),
 * not one per PCR and bank.
 */
#define FWLOG_CHECK_PCRS 10u
static struct pp_evlog_pcrs fw_replay;	/* ~8 KiB */
static struct tpm2_pcr_set fw_tpm_pcrs; /* ~12 KiB */

static void compare_tpm(void)
{
	struct pp_err err = {0, ""};
	struct tpm2_pcr_set *t = &fw_tpm_pcrs;
	u32 replay_bank[TPM2_MAX_BANKS];
	char banks[64];
	size_t used = 0;

	if (!hv_tpm_ready())
		return;
	if (pp_evlog_replay(fw_log, &fw_log_info, &fw_replay, &err)) {
		hv_printf("hv: firmware log: replay failed: %s\n", err.msg);
		return;
	}
	t->nbanks = 0;
	t->mask = (1u << FWLOG_CHECK_PCRS) - 1u;
	for (u32 k = 0; k < fw_replay.nbanks && t->nbanks < TPM2_MAX_BANKS; k++) {
		if (!fw_replay.bank[k].replayed)
			continue;
		replay_bank[t->nbanks] = k;
		t->alg[t->nbanks++] = fw_replay.bank[k].alg;
	}
	if (!t->nbanks)
		return;
	if (hv_tpm_pcr_read_set(t, &err)) {
		hv_printf("hv: firmware log: TPM PCR read: %s\n", err.msg);
		return;
	}
	banks[0] = '\0';
	for (u32 i = 0; i < t->nbanks; i++) {
		u32 r = replay_bank[i], size = fw_replay.bank[r].size;
		for (u32 pcr = 0; pcr < FWLOG_CHECK_PCRS; pcr++)
			if (size != pp_hash_digest_size(t->alg[i]) ||
			    memcmp(t->digest[i][pcr], fw_replay.bank[r].pcr[pcr], size) != 0) {
				hv_printf("hv: firmware log: replay DIFFERS from the TPM in PCR %u "
					  "(%s)\n",
					  pcr, pp_evlog_alg_name(t->alg[i]));
				return;
			}
		int w = pp_snprintf(banks + used, sizeof(banks) - used, " %s",
				    pp_evlog_alg_name(t->alg[i]));
		if (w > 0 && (size_t)w < sizeof(banks) - used)
			used += (size_t)w;
	}
	hv_printf("hv: firmware log: replay equals the TPM in PCR 0-%u (banks%s)\n",
		  FWLOG_CHECK_PCRS - 1, banks);
}

void fwlog_init(const struct pp_handoff *h)
{
	struct pp_err err = {0, ""};
	const struct acpi_info *a = &platform.acpi;
	const char *source;
	int rc;

	fw_log_len = 0;
	if (h->fw_log_size) {
		source = "handoff";
		rc = from_handoff(h, &err);
	} else if (platform.acpi_ok && a->tpm2_present && a->tpm2_log_base && a->tpm2_log_len) {
		source = "acpi-tpm2";
		rc = from_acpi(a, &err);
	} else {
		hv_printf("hv: firmware log: none (%s)\n", h->firmware == PP_FW_UEFI
							       ? "launch handed none over"
							       : "no ACPI TPM2 log area");
		return;
	}
	if (!rc)
		rc = pp_evlog_check(fw_log, fw_log_len, PP_EVLOG_COUNT_ANY, &fw_log_info, &err);
	if (rc) {
		fw_log_len = 0;
		memset(fw_log, 0, sizeof(fw_log));
		hv_printf("hv: firmware log: kept out (source %s): %s\n", source, err.msg);
		return;
	}
	hv_printf("hv: firmware log: %u events, %u bytes (format crypto-agile, source %s)\n",
		  fw_log_info.events, fw_log_len, source);
	compare_tpm();
}

const u8 *fwlog_get(u32 *len, const struct pp_evlog_info **info)
{
	*len = fw_log_len;
	if (info)
		*info = &fw_log_info;
	return fw_log_len ? fw_log : NULL;
}
