// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's view of the measured launch (measure_report.h,
 * docs/console.md "Measured launch").
 */
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/measure_plan.h>
#include "console.h"
#include "measure_report.h"
#include "tpm_dev.h"

static u8 drtm_log[HV_DRTM_LOG_MAX + HV_DRTM_LOG_ROOM] __attribute__((aligned(8)));
static u32 drtm_log_len;
static struct pp_evlog_info drtm_info;

void measure_log_take(const struct pp_handoff *h)
{
	struct pp_err err = {0, ""};
	if (!h->drtm_log_size) {
		if (h->launch_type != PP_LAUNCH_NONE)
			hv_panic("measure: launch type %u without a DRTM log", h->launch_type);
		return;
	}
	/* Launch identity-maps 0-4 GiB; the log must lie there and fit our copy. */
	if (h->drtm_log_size > HV_DRTM_LOG_MAX || h->drtm_log_base >= (4ull << 30) ||
	    h->drtm_log_size > (4ull << 30) - h->drtm_log_base)
		hv_panic("measure: DRTM log 0x%llx + %llu bytes: outside 4 GiB or above %u bytes",
			 (unsigned long long)h->drtm_log_base, (unsigned long long)h->drtm_log_size,
			 HV_DRTM_LOG_MAX);
	drtm_log_len = (u32)h->drtm_log_size;
	memcpy(drtm_log, (const void *)(uintptr_t)h->drtm_log_base, drtm_log_len);
	/* Check the copy, never the original: check and use see the same bytes. */
	if (pp_evlog_check(drtm_log, drtm_log_len, h->drtm_log_events, &drtm_info, &err))
		hv_panic("measure: DRTM log: %s", err.msg);
	if (drtm_info.launch_type != h->launch_type)
		hv_panic("measure: DRTM log launch marker says %u, the handoff %u",
			 drtm_info.launch_type, h->launch_type);
}

const u8 *measure_log_get(u32 *len, const struct pp_evlog_info **info)
{
	*len = drtm_log_len;
	if (info)
		*info = &drtm_info;
	return drtm_log_len ? drtm_log : NULL;
}

static const char *launch_line(u32 t)
{
	switch (t) {
	case PP_LAUNCH_EMULATED: return "emulated DRTM (QEMU test harness; not a hardware launch)";
	case PP_LAUNCH_SKINIT: return "skinit (AMD SKINIT DRTM)";
	case PP_LAUNCH_TXT: return "txt (Intel TXT DRTM)";
	case PP_LAUNCH_STATIC: return "static (no DRTM; PCR 17-19 extended on top of 0xFF)";
	default: return "none (nothing measured: no usable TPM locality 2, no DRTM)";
	}
}

/* PCR 17-20 of every bank we can name, in two PCR_Read commands. */
static struct tpm2_pcr_set report_pcrs; /* ~12 KiB */

static void report_pcrs_read(void)
{
	struct tpm2_pcr_set *t = &report_pcrs;
	struct pp_err err = {0, ""};

	hv_tpm_nameable_banks(t);
	if (!t->nbanks)
		return;
	t->mask = 0;
	for (u32 pcr = PP_PCR_LAUNCH; pcr <= PP_PCR_PLATFORM; pcr++)
		t->mask |= 1u << pcr;
	/* On failure got[] says which PCRs arrived; the others get the error. */
	(void)hv_tpm_pcr_read_set(t, &err);
	for (u32 pcr = PP_PCR_LAUNCH; pcr <= PP_PCR_PLATFORM; pcr++)
		for (u32 i = 0; i < t->nbanks; i++) {
			char line[2 * PP_HASH_MAX_DIGEST + 1];
			const char *name = pp_evlog_alg_name(t->alg[i]);
			if (!(t->got[i] & (1u << pcr))) {
				hv_printf("measure: pcr%u %s: %s\n", pcr, name, err.msg);
				continue;
			}
			pp_hex(line, t->digest[i][pcr], pp_hash_digest_size(t->alg[i]));
			hv_printf("measure: pcr%u %s %s\n", pcr, name, line);
		}
}

int measure_log_append(u32 pcr, u32 type, const struct pp_evlog_digests *d, const void *data,
		       u32 len, struct pp_err *err)
{
	static struct pp_evlog w;
	struct pp_evlog_info info;
	if (!drtm_log_len)
		return pp_fail(err, PP_ENOENT, "no DRTM log (the launch measured nothing)");
	if (pp_evlog_resume(&w, drtm_log, sizeof(drtm_log), &drtm_info) ||
	    pp_evlog_append(&w, pcr, type, d, data, len))
		return pp_fail(err, w.status, "%s", w.err.msg);
	if (pp_evlog_check(drtm_log, w.len, drtm_info.events + 1, &info, err))
		return err->code;
	drtm_log_len = w.len;
	drtm_info = info;
	return PP_OK;
}

void measure_report_pcrs(void)
{
	if (hv_tpm_ready())
		report_pcrs_read();
}

void measure_report(const struct pp_handoff *h)
{
	hv_printf("hv: launch: %s\n", launch_line(h->launch_type));
	if (!hv_tpm_ready())
		hv_printf("measure: tpm: not available, no PCR read back\n");
	if (drtm_log_len)
		hv_printf("measure: drtm log: %u events, %u bytes\n", drtm_info.events,
			  drtm_log_len);
	else
		hv_printf("measure: drtm log: none\n");
}
