// SPDX-License-Identifier: GPL-2.0-only
/*
 * The log export (log_export.h, format in docs/console.md "Log export"):
 *
 *   evlog-begin <name> <bytes>
 *   evlog <hex of 32 bytes>            (the last line may be shorter)
 *   evlog-end <name> sha256=<hex of SHA-256 over the bytes>
 *   evlog-none <name> <why>            (instead, when there is no log)
 *   measure: banks <alg> ...
 *   measure: pcr<N> <alg> <hex>        (PCR 0-9, every active bank)
 */
#include <parapet/eventlog.h>
#include <parapet/fmt.h>
#include <parapet/hash.h>
#include <parapet/string.h>
#include "console.h"
#include "fwlog.h"
#include "log_export.h"
#include "measure_report.h"
#include "tpm_dev.h"

#define EXPORT_WORD "export-logs"
#define EXPORT_LINE_BYTES 32u
#define EXPORT_PCRS 10u /* PCR 0-9: the firmware's and GRUB's */
#define EXPORT_MAX_BANKS 8u

bool log_export_requested(const struct pp_handoff *h)
{
	return pp_handoff_cmdline_has(h, EXPORT_WORD);
}

void log_export_bytes(const char *name, const u8 *b, u32 len)
{
	u8 digest[32];
	char line[2 * EXPORT_LINE_BYTES + 1];

	hv_printf("evlog-begin %s %u\n", name, len);
	for (u32 off = 0; off < len; off += EXPORT_LINE_BYTES) {
		u32 n = PP_MIN(EXPORT_LINE_BYTES, len - off);
		pp_hex(line, b + off, n);
		hv_printf("evlog %s\n", line);
	}
	pp_hash(PP_ALG_SHA256, b, len, digest);
	pp_hex(line, digest, sizeof(digest));
	hv_printf("evlog-end %s sha256=%s\n", name, line);
}

/* The hypervisor's kept copy (measure_report.c): the secure loader's log,
 * checked when taken, with the policy verdict appended: what PCR 17-19 hold. */
static void export_drtm(void)
{
	u32 len;
	const u8 *b = measure_log_get(&len, NULL);
	if (!b) {
		hv_printf("evlog-none drtm no DRTM log in the handoff\n");
		return;
	}
	log_export_bytes("drtm", b, len);
}

static void export_fw(void)
{
	u32 len;
	const u8 *b = fwlog_get(&len, NULL);
	if (!b) {
		hv_printf("evlog-none fw no valid firmware log (see the hv: firmware log line)\n");
		return;
	}
	log_export_bytes("fw", b, len);
}

static struct tpm2_pcr_set export_set; /* ~12 KiB */

static void export_pcrs(void)
{
	u16 algs[EXPORT_MAX_BANKS];
	char hex[2 * PP_HASH_MAX_DIGEST + 1];
	char line[96];
	size_t used = 0;
	struct pp_err err = {0, ""};
	struct tpm2_pcr_set *t = &export_set;

	if (!hv_tpm_ready()) {
		hv_printf("measure: no TPM\n");
		return;
	}
	u32 n = hv_tpm_banks(algs, EXPORT_MAX_BANKS);
	line[0] = '\0';
	for (u32 i = 0; i < n && used < sizeof(line); i++) {
		int w = pp_snprintf(line + used, sizeof(line) - used, " %s",
				    pp_evlog_alg_name(algs[i]));
		if (w > 0)
			used += (size_t)w;
	}
	hv_printf("measure: banks%s\n", line);
	/* Every nameable bank in a few commands; on failure got[] says what arrived. */
	hv_tpm_nameable_banks(t);
	if (!t->nbanks)
		return;
	t->mask = (1u << EXPORT_PCRS) - 1u;
	(void)hv_tpm_pcr_read_set(t, &err);
	for (u32 i = 0; i < t->nbanks; i++) {
		const char *name = pp_evlog_alg_name(t->alg[i]);
		for (u32 pcr = 0; pcr < EXPORT_PCRS; pcr++) {
			if (!(t->got[i] & (1u << pcr))) {
				hv_printf("measure: pcr%u %s error: %s\n", pcr, name, err.msg);
				continue;
			}
			pp_hex(hex, t->digest[i][pcr], pp_hash_digest_size(t->alg[i]));
			hv_printf("measure: pcr%u %s %s\n", pcr, name, hex);
		}
	}
}

void log_export(const struct pp_handoff *h)
{
	if (!log_export_requested(h))
		return;
	hv_printf("hv: export-logs: DRTM log, firmware log, PCR 0-%u\n", EXPORT_PCRS - 1);
	export_drtm();
	export_fw();
	export_pcrs();
}
