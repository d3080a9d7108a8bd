// SPDX-License-Identifier: GPL-2.0-only
/*
 * The measurements of docs/measurements.md ("PCR plan"), in its order, each
 * logged (common/eventlog writer, every active bank) and extended at
 * locality 2 BEFORE the measured bytes are used, and always over the copies
 * stage.c made (never over what launch or the firmware left in place).
 * Log order: header, launch marker, DRTM start (DRTM launches only: logged,
 * not extended, the CPU or harness did it), launch type, hypervisor ELF,
 * hypervisor command line (PCR 17), policy (PCR 18), memory map, RSDP, each
 * ACPI table (PCR 20), each pd in module order, the module manifest (PCR
 * 19). (The event-log validator requires the marker before the DRTM start
 * event: docs/eventlog.md.)
 */
#include <parapet/bytes.h>
#include <parapet/fmt.h>
#include <parapet/measure_plan.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>
#include <parapet/tpm2.h>
#include <parapet/x86.h>
#include "sl.h"
#include "stage.h"

#define SL_EVLOG_CAP 0x10000u

static u8 sl_log_buf[SL_EVLOG_CAP] __attribute__((aligned(8)));
static u8 sl_manifest[PP_MANIFEST_SIZE(PP_HANDOFF_MAX_MODULES)];
static struct pp_evlog sl_log;
static bool sl_log_open;
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
	char hex[17]; /* the first bank's digest, abbreviated, for the console */
	pp_hex(hex, sl_dig.v[0].bytes, 8);
	sl_printf("measure: pcr%u type 0x%x %s (%llu bytes) %s %s...", pcr, type, what,
		  (unsigned long long)len, pp_evlog_alg_name(sl_dig.v[0].alg), hex);
}

/* A module's copy (stage.c put it there and checked it maps). */
static const u8 *module_bytes(const struct pp_module *m)
{
	const u8 *p = sl_phys(m->base, m->length);
	if (!p)
		sl_fatalf(LF_INTERNAL, PP_ERANGE, "module copy 0x%llx + 0x%llx does not map",
			  (unsigned long long)m->base, (unsigned long long)m->length);
	return p;
}

/* The SHA-256 of what measure() just hashed: from its digests, or computed. */
static void last_sha256(const u8 *data, u64 len, u8 out[32])
{
	for (u32 i = 0; i < sl_dig.count; i++)
		if (sl_dig.v[i].alg == PP_ALG_SHA256) {
			memcpy(out, sl_dig.v[i].bytes, 32);
			return;
		}
	pp_hash(PP_ALG_SHA256, data, (size_t)len, out);
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

/* PCR 20: what the firmware described, as the hypervisor will read it. */
static void measure_platform(const struct pp_handoff *h, const struct pp_err *acpi_err)
{
	const u32 mb = h->mmap_count * (u32)sizeof(struct pp_mem_range);
	measure(PP_PCR_PLATFORM, PP_EV_MEMORY_MAP, pp_handoff_mmap(h), mb, PP_EV_MMAP_NAME,
		(u32)strlen(PP_EV_MMAP_NAME), "memory map");
	if (acpi_err->code) {
		/* no ACPI the hypervisor may use: say so, digest over the reason */
		const char *why = acpi_err->msg;
		measure(PP_PCR_PLATFORM, PP_EV_ACPI_RSDP, why, strlen(why), why, (u32)strlen(why),
			"no ACPI");
		return;
	}
	measure(PP_PCR_PLATFORM, PP_EV_ACPI_RSDP, h->rsdp, h->rsdp_len, PP_EV_RSDP_NAME,
		(u32)strlen(PP_EV_RSDP_NAME), "acpi rsdp");
	const struct pp_acpi_copy *a = pp_handoff_acpi(h);
	for (u32 i = 0; i < h->acpi_count; i++) {
		u8 ev[PP_EV_ACPI_TABLE_LEN];
		char what[16];
		const u8 *t = sl_phys(a[i].copy, a[i].length);
		if (!t)
			sl_fatalf(LF_INTERNAL, PP_ERANGE, "ACPI copy %u does not map", i);
		pp_ev_acpi_table(ev, a[i].sig, a[i].orig);
		pp_snprintf(what, sizeof(what), "acpi %.4s", (const char *)a[i].sig);
		measure(PP_PCR_PLATFORM, PP_EV_ACPI_TABLE, t, a[i].length, ev, sizeof(ev), what);
	}
}

void sl_measure_all(const struct pp_handoff *h, const struct pp_module_role_info *roles,
		    const struct pp_err *acpi_err)
{
	u16 algs[TPM2_MAX_BANKS];
	u32 n = sl_tpm_banks(algs, PP_EVLOG_MAX_ALGS);
	const struct pp_module *mod = pp_handoff_modules(h);
	const char *name = pp_launch_type_name(sl_launch_type);
	u32 hv = h->mod_count;

	log_check(pp_evlog_init(&sl_log, sl_log_buf, sizeof(sl_log_buf), algs, n, NULL, 0));
	sl_log_open = true;
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
	for (u32 i = 0; i < h->mod_count; i++)
		if (roles[i].role == PP_ROLE_HYPERVISOR)
			hv = i;
	if (hv == h->mod_count)
		sl_fatalf(LF_INTERNAL, PP_EINVAL, "no hypervisor module to measure");

	measure(PP_PCR_LAUNCH, PP_EV_LAUNCH_TYPE, name, strlen(name), name, (u32)strlen(name),
		"launch type");
	const u8 *img = module_bytes(&mod[hv]);
	measure(PP_PCR_LAUNCH, PP_EV_HYPERVISOR, img, mod[hv].length, PP_EV_HV_NAME,
		(u32)strlen(PP_EV_HV_NAME), "hypervisor.elf");
	const char *cl = pp_handoff_str(h, h->cmdline_off);
	measure(PP_PCR_LAUNCH, PP_EV_CMDLINE, cl, h->cmdline_len, cl, h->cmdline_len,
		"command line");
	for (u32 i = 0; i < h->mod_count; i++)
		if (roles[i].role == PP_ROLE_POLICY) {
			char data[PP_EV_POLICY_DATA_MAX];
			u32 dl = pp_ev_policy_data(roles[i].slot, data);
			img = module_bytes(&mod[i]);
			measure(PP_PCR_POLICY, PP_EV_POLICY, img, mod[i].length, data, dl,
				"policy");
		}
	measure_platform(h, acpi_err);
	u32 npd = 0;
	for (u32 i = 0; i < h->mod_count; i++)
		if (roles[i].role == PP_ROLE_PD) {
			u8 sha[32];
			const char *pd = pp_handoff_str(h, mod[i].cmdline_off) + roles[i].arg_off;
			img = module_bytes(&mod[i]);
			measure(PP_PCR_PAYLOAD, PP_EV_PD_IMAGE, img, mod[i].length, pd,
				roles[i].arg_len, "pd image");
			last_sha256(img, mod[i].length, sha);
			pp_manifest_record(sl_manifest, npd++, PP_ROLE_PD, pd, roles[i].arg_len,
					   mod[i].length, sha);
		}
	pp_manifest_header(sl_manifest, npd);
	const u32 ml = PP_MANIFEST_SIZE(npd);
	measure(PP_PCR_PAYLOAD, PP_EV_MODULES, sl_manifest, ml, sl_manifest, ml, "module manifest");
	sl_printf("measure: drtm log: %u events, %u bytes at 0x%llx", sl_log.events, sl_log.len,
		  (unsigned long long)(uintptr_t)sl_log_buf);
	report_cost();
}

void sl_measure_cap(const char *why)
{
	static char data[PP_ERR_MSG_MAX + 32];
	struct pp_evlog_digests d;
	struct pp_err err = {0, ""};
	int n = pp_snprintf(data, sizeof(data), PP_EV_FAILED_PREFIX "%s", why);
	u32 len = (u32)PP_MIN((size_t)n, sizeof(data) - 1);

	if (!sl_tpm_usable()) {
		sl_printf("launch failed: PCR17 cannot be capped (no TPM locality 2 in use)");
		return;
	}
	if (sl_log_open) {
		/* logged when the log still takes it; the extend happens either way */
		if (pp_evlog_measure(&sl_log, PP_PCR_LAUNCH, PP_EV_LAUNCH_FAILED, data, len, data,
				     len, &d)) {
			sl_log_open = false;
		}
	}
	if (!sl_log_open && sl_tpm_digests(data, len, &d)) {
		sl_printf("launch failed: PCR17 not capped: no bank to hash");
		return;
	}
	if (sl_tpm_extend_try(PP_PCR_LAUNCH, &d, &err))
		sl_printf("launch failed: PCR17 not capped: %s", err.msg);
	else
		sl_printf("launch failed: PCR17 capped (event 0x%x \"%s\")", PP_EV_LAUNCH_FAILED,
			  data);
}
