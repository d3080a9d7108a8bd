// SPDX-License-Identifier: GPL-2.0-only
/*
 * The measurements of docs/measurements.md ("PCR plan"), in its order, each
 * logged (common/eventlog writer, every active bank) and extended at
 * locality 2 BEFORE the measured bytes are used. Log order: header, launch
 * marker, DRTM start (DRTM launches only: logged, not extended, the CPU or
 * harness did it), launch type, hypervisor ELF, hypervisor command line,
 * policy, each pd in module order. (The event-log validator requires the
 * marker before the DRTM start event: docs/eventlog.md.)
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/measure_plan.h>
#include <parapet/module_role.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>
#include <parapet/tpm2.h>
#include <parapet/x86.h>
#include "sl.h"

#define SL_EVLOG_CAP 0x10000u

static u8 sl_log_buf[SL_EVLOG_CAP] __attribute__((aligned(8)));
static struct pp_evlog sl_log;
static struct pp_evlog_digests sl_dig;
static u64 sl_extend_ticks; /* TSC cycles spent in TPM2_PCR_Extend */
static u32 sl_extends;

static u64 sl_tsc(void)
{
	return rdtsc();
}

const struct pp_evlog *sl_evlog(void)
{
	return &sl_log;
}

static void log_check(int rc)
{
	if (rc)
		sl_fatal(LF_EVENT_LOG, &sl_log.err);
}

static void measure(u32 pcr, u32 type, const void *data, size_t len, const void *ev, u32 ev_len,
		    const char *what)
{
	log_check(pp_evlog_measure(&sl_log, pcr, type, data, len, ev, ev_len, &sl_dig));
	u64 t0 = rdtsc();
	sl_tpm_extend(pcr, &sl_dig);
	sl_extend_ticks += rdtsc() - t0;
	sl_extends++;
	/* the first bank's digest, abbreviated, for the console */
	char hex[17];
	for (size_t i = 0; i < 8; i++) {
		static const char x[] = "0123456789abcdef";
		hex[2 * i] = x[sl_dig.v[0].bytes[i] >> 4];
		hex[2 * i + 1] = x[sl_dig.v[0].bytes[i] & 15];
	}
	hex[16] = 0;
	sl_printf("measure: pcr%u type 0x%x %s (%llu bytes) %s %s...", pcr, type, what,
		  (unsigned long long)len, pp_evlog_alg_name(sl_dig.v[0].alg), hex);
}

static const u8 *module_bytes(const struct pp_module *m)
{
	/* identity-mapped below 4 GiB: pp_handoff_check checked no wrap */
	if (m->base >= SL_HANDOFF_MAX_END || m->length > SL_HANDOFF_MAX_END - m->base)
		sl_fatalf(LF_MALFORMED_MODULE, PP_ERANGE, "module 0x%llx + 0x%llx above 4 GiB",
			  (unsigned long long)m->base, (unsigned long long)m->length);
	return (const u8 *)(uintptr_t)m->base;
}

/*
 * What measuring cost, in TSC cycles (docs/console.md; tests/bench/boot.sh
 * turns it into MB/s with the hypervisor's calibrated TSC rate).
 */
static void report_cost(void)
{
	char line[256]; /* 5 banks x <= 40 characters */
	u32 at = 0;
	for (u32 i = 0; i < sl_log.nalgs; i++)
		at += (u32)pp_snprintf(line + at, sizeof(line) - at, ", %s %llu cycles",
				       pp_evlog_alg_name(sl_log.algs[i].alg),
				       (unsigned long long)sl_log.hash_ticks[i]);
	sl_printf("measure: cost: %llu bytes hashed per bank%s; %u tpm extends %llu cycles (TSC)",
		  (unsigned long long)sl_log.hash_bytes, line, sl_extends,
		  (unsigned long long)sl_extend_ticks);
}

void sl_measure_all(const struct pp_handoff *h, u32 hv_index)
{
	u16 algs[TPM2_MAX_BANKS];
	u32 n = sl_tpm_banks(algs, PP_EVLOG_MAX_ALGS);
	const struct pp_module *mod = pp_handoff_modules(h);
	const char *name = pp_launch_type_name(sl_launch_type);

	log_check(pp_evlog_init(&sl_log, sl_log_buf, sizeof(sl_log_buf), algs, n, NULL, 0));
	pp_evlog_set_clock(&sl_log, sl_tsc);
	log_check(pp_evlog_launch_marker(&sl_log, sl_launch_type));
	if (sl_launch_type != PP_LAUNCH_STATIC) {
		u8 ev[PP_EV_DRTM_START_LEN];
		u32 len = sl_measured_len();
		pp_ev_drtm_start(ev, len);
		log_check(pp_evlog_drtm_start(&sl_log, __sl_start, len, ev, sizeof(ev), NULL));
		sl_printf("measure: pcr17 drtm start: SLB 0x%llx, %u bytes (logged; extended by "
			  "the %s)",
			  (unsigned long long)SL_SLB_BASE, len,
			  sl_launch_type == PP_LAUNCH_EMULATED ? "test harness" : "CPU");
	}
	measure(17, PP_EV_LAUNCH_TYPE, name, strlen(name), name, (u32)strlen(name), "launch type");
	measure(17, PP_EV_HYPERVISOR, module_bytes(&mod[hv_index]), mod[hv_index].length,
		PP_EV_HV_NAME, (u32)strlen(PP_EV_HV_NAME), "hypervisor.elf");
	const char *cl = pp_handoff_str(h, h->cmdline_off);
	measure(17, PP_EV_CMDLINE, cl, h->cmdline_len, cl, h->cmdline_len, "command line");
	for (u32 i = 0; i < h->mod_count; i++) {
		struct pp_module_role_info r;
		struct pp_err err;
		const char *s = pp_handoff_str(h, mod[i].cmdline_off);
		if (pp_module_role(s, mod[i].cmdline_len, &r, &err))
			sl_fatal(LF_MALFORMED_MODULE, &err);
		if (r.role == PP_ROLE_POLICY)
			measure(18, PP_EV_POLICY, module_bytes(&mod[i]), mod[i].length,
				PP_EV_POLICY_NAME, (u32)strlen(PP_EV_POLICY_NAME), "policy");
	}
	for (u32 i = 0; i < h->mod_count; i++) {
		struct pp_module_role_info r;
		struct pp_err err;
		const char *s = pp_handoff_str(h, mod[i].cmdline_off);
		if (pp_module_role(s, mod[i].cmdline_len, &r, &err))
			sl_fatal(LF_MALFORMED_MODULE, &err);
		if (r.role == PP_ROLE_PD)
			measure(19, PP_EV_PD_IMAGE, module_bytes(&mod[i]), mod[i].length,
				s + r.arg_off, r.arg_len, "pd image");
	}
	sl_printf("measure: drtm log: %u events, %u bytes at 0x%llx", sl_log.events, sl_log.len,
		  (unsigned long long)(uintptr_t)sl_log_buf);
	report_cost();
}
