// SPDX-License-Identifier: GPL-2.0-only
/*
 * The evidence against the PCR plan (docs/measurements.md, "PCR plan"):
 *  - event types: an event's type is not covered by its digest, so a
 *    relabelled event replays correctly; every event on PCR 17-22 must be a
 *    type the plan puts on that PCR (with the plan's fixed event data where
 *    it has one), every other event a type the PC Client PFP defines. The
 *    launch type event must come first after the DRTM start and name the
 *    marker's launch type. The hypervisor's policy verdict (PCR 18) is the
 *    last event there, at most one, "enforced: ..." or "refused: ..." in
 *    printable ASCII; a refusal is policy-refused. Which PFP type goes on which firmware PCR is
 *    not checked: only a reference covering PCR 0-9 (a known-good log)
 *    binds firmware event types;
 *  - the launch type (the marker) against --accept-launch;
 *  - the quote's selection: PCR 0-9 (firmware) and 17-20 (DRTM, platform)
 *    in one bank at least;
 *  - the firmware state, reported only: Secure Boot (the SecureBoot
 *    variable's EV_EFI_VARIABLE_DRIVER_CONFIG event on PCR 7, PC Client
 *    PFP "UEFI_VARIABLE_DATA") and GRUB's commands on PCR 8.
 */
#include <stdio.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/measure_plan.h>
#include "attest/verifier/verifier.h"

#define EV_EFI_VARIABLE_DRIVER_CONFIG 0x80000001u
#define EV_TXT_FIRST 0x400u /* SINIT's own events (Intel TXT): hardware-only */
#define EV_TXT_LAST 0x4FFu
#define PLAN_PCRS 0x001E03FFu /* PCR 0-9, 17-20 */

/* Event types the PC Client PFP defines ("Events": 0x0-0x12, EV_EFI_*). */
static bool pfp_type(u32 type)
{
	return type <= 0x12u || (type >= 0x80000001u && type <= 0x80000010u) ||
	       (type >= 0x800000E0u && type <= 0x800000E2u);
}

static bool type_on(u32 pcr, u32 type, u32 launch)
{
	if (type == PP_EV_NO_ACTION)
		return true;
	if (launch == PP_LAUNCH_TXT && (pcr == 17 || pcr == 18) && type >= EV_TXT_FIRST &&
	    type <= EV_TXT_LAST)
		return true; /* hardware-only, untested on hardware */
	switch (pcr) {
	case PP_PCR_LAUNCH:
		return type == PP_EV_DRTM_START || type == PP_EV_LAUNCH_TYPE ||
		       type == PP_EV_HYPERVISOR || type == PP_EV_CMDLINE ||
		       type == PP_EV_LAUNCH_FAILED;
	case PP_PCR_POLICY: return type == PP_EV_POLICY || type == PP_EV_POLICY_VERDICT;
	case PP_PCR_PAYLOAD: return type == PP_EV_PD_IMAGE || type == PP_EV_MODULES;
	case PP_PCR_PLATFORM:
		return type == PP_EV_MEMORY_MAP || type == PP_EV_ACPI_RSDP ||
		       type == PP_EV_ACPI_TABLE;
	case 21:
	case 22: return false;
	default: return pfp_type(type);
	}
}

/* The plan's fixed event data (docs/measurements.md), NULL where it varies. */
static const char *fixed_data(u32 type)
{
	switch (type) {
	case PP_EV_HYPERVISOR: return PP_EV_HV_NAME;
	case PP_EV_MEMORY_MAP: return PP_EV_MMAP_NAME;
	default: return NULL;
	}
}

/* A policy event names its slot (measure_plan.h, pp_ev_policy_data). */
static bool policy_data_ok(const u8 *d, u32 len)
{
	char want[PP_EV_POLICY_DATA_MAX];
	static const char slots[] = {0, 'a', 'b'};
	for (u32 i = 0; i < sizeof(slots); i++) {
		u32 n = pp_ev_policy_data(slots[i], want);
		if (len == n && !memcmp(d, want, n))
			return true;
	}
	return false;
}

struct types_ctx {
	const struct av_log *log;
	struct av_result *r;
	u32 launch;
	bool after_start; /* the next extend of PCR 17 must be the launch type */
	u32 launch_events;
	u32 verdicts; /* policy verdict events so far */
};

/* Where ev is, formatted into buf only when a message needs it. */
static const char *at(char *buf, size_t n, u32 part, const struct av_log *log,
		      const struct pp_evlog_event *ev)
{
	av_log_where(buf, n, part, log, ev);
	return buf;
}

static bool prefix(const u8 *d, u32 len, const char *p)
{
	size_t n = strlen(p);
	return len > n && !memcmp(d, p, n);
}

/*
 * The policy verdict (measure_plan.h): one, the last event on PCR 18,
 * "enforced: ..." or "refused: ..." in printable ASCII; a refusal means the
 * hypervisor enforces no policy.
 */
static void verdict_one(struct types_ctx *c, const char *w, const u8 *d, u32 len)
{
	if (++c->verdicts > 1) {
		av_failf(c->r, AV_EVENTLOG_MALFORMED,
			 "%s: a second policy verdict (0x60A), the plan has at most one", w);
		return;
	}
	if (len > PP_EV_VERDICT_MAX) {
		av_failf(c->r, AV_EVENTLOG_MALFORMED,
			 "%s: the policy verdict has %u bytes, at most %u", w, len,
			 PP_EV_VERDICT_MAX);
		return;
	}
	for (u32 i = 0; i < len; i++)
		if (d[i] < 0x20 || d[i] > 0x7e) {
			av_failf(c->r, AV_EVENTLOG_MALFORMED,
				 "%s: the policy verdict's byte %u (0x%02x) is not printable "
				 "ASCII",
				 w, i, d[i]);
			return;
		}
	if (prefix(d, len, PP_EV_VERDICT_REFUSED))
		av_failf(c->r, AV_POLICY_REFUSED, "%s: the hypervisor refused the policy: \"%.*s\"",
			 w, (int)len, (const char *)d);
	else if (!prefix(d, len, PP_EV_VERDICT_ENFORCED))
		av_failf(c->r, AV_EVENTLOG_MALFORMED,
			 "%s: the policy verdict must be \"" PP_EV_VERDICT_ENFORCED
			 "...\" or \"" PP_EV_VERDICT_REFUSED "...\", not \"%.*s\"",
			 w, (int)(len > 40 ? 40 : len), (const char *)d);
}

static void type_one(u32 part, const u8 *b, const struct pp_evlog_info *info,
		     const struct pp_evlog_event *ev, void *ctx)
{
	struct types_ctx *c = ctx;
	char w[96];
	(void)info;
	if (!type_on(ev->pcr, ev->type, c->launch)) {
		av_failf(
		    c->r, AV_EVENTLOG_MALFORMED,
		    "%s: neither the PCR plan nor the PC Client PFP has such an event on PCR %u",
		    at(w, sizeof(w), part, c->log, ev), ev->pcr);
		return;
	}
	if (ev->type == PP_EV_POLICY && !policy_data_ok(b + ev->data_off, ev->data_len))
		av_failf(c->r, AV_EVENTLOG_MALFORMED,
			 "%s: the event data must be \"policy\", \"policy a\" or \"policy b\"",
			 at(w, sizeof(w), part, c->log, ev));
	if (ev->type == PP_EV_POLICY && c->verdicts)
		av_failf(c->r, AV_EVENTLOG_MALFORMED,
			 "%s: a policy event after the policy verdict, which must come last",
			 at(w, sizeof(w), part, c->log, ev));
	if (ev->type == PP_EV_POLICY_VERDICT)
		verdict_one(c, at(w, sizeof(w), part, c->log, ev), b + ev->data_off, ev->data_len);
	const char *fixed = fixed_data(ev->type);
	if (fixed &&
	    (ev->data_len != strlen(fixed) || memcmp(b + ev->data_off, fixed, ev->data_len) != 0))
		av_failf(c->r, AV_EVENTLOG_MALFORMED, "%s: the event data must be \"%s\"",
			 at(w, sizeof(w), part, c->log, ev), fixed);
	if (ev->pcr == 8 && ev->type == PP_EV_IPL &&
	    !av_grub_string(b + ev->data_off, ev->data_len))
		av_warnf(c->r, "%s: not one of GRUB's strings, its data cannot be checked",
			 at(w, sizeof(w), part, c->log, ev));
	if (ev->type == PP_EV_DRTM_START) {
		c->after_start = true;
		return;
	}
	if (ev->pcr != PP_PCR_LAUNCH || ev->type == PP_EV_NO_ACTION)
		return;
	if (ev->type == PP_EV_LAUNCH_TYPE) {
		const char *name = pp_launch_type_name(c->launch);
		c->launch_events++;
		if (ev->data_len != strlen(name) ||
		    memcmp(b + ev->data_off, name, ev->data_len) != 0)
			av_failf(c->r, AV_EVENTLOG_MALFORMED,
				 "%s: the launch type event does not name the marker's type %s",
				 at(w, sizeof(w), part, c->log, ev), name);
	}
	if (c->after_start && ev->type != PP_EV_LAUNCH_TYPE)
		av_failf(c->r, AV_EVENTLOG_MALFORMED,
			 "%s: the first event after the DRTM start must be the launch type",
			 at(w, sizeof(w), part, c->log, ev));
	c->after_start = false;
}

void av_plan_check_types(const struct av_log *log, struct av_result *r)
{
	struct types_ctx c = {log, r, log->launch_type, false, 0, 0};
	av_log_each(log, type_one, &c);
	if (log->launch_type && c.launch_events != 1)
		av_failf(r, AV_EVENTLOG_MALFORMED,
			 "PCR 17: %u launch type events (0x601), the plan has exactly one",
			 c.launch_events);
}

void av_plan_launch(const struct av_log *log, u32 accept, bool known_good_log, struct av_result *r)
{
	char list[64] = "";
	u32 t = log->launch_type;
	r->launch = t ? pp_launch_type_name(t) : "none";
	r->launch_accepted = t && (accept & (1u << t));
	if (r->launch_accepted || known_good_log)
		return;
	for (u32 i = PP_LAUNCH_SKINIT; i <= PP_LAUNCH_STATIC; i++)
		if (accept & (1u << i)) {
			strcat(list, list[0] ? "," : "");
			strcat(list, pp_launch_type_name(i));
		}
	av_failf(r, AV_LAUNCH_TYPE_REFUSED,
		 "PCR 17: launch type %s (from the launch marker) is not accepted (accepted: %s; "
		 "--accept-launch)",
		 r->launch, list[0] ? list : "none");
}

int av_accept_parse(const char *list, u32 *mask)
{
	char word[16];
	*mask = 0;
	while (*list) {
		size_t n = strcspn(list, ",");
		u32 t;
		if (n == 0 || n >= sizeof(word))
			return -1;
		memcpy(word, list, n);
		word[n] = 0;
		if (pp_launch_type_parse(word, &t) != PP_OK)
			return -1;
		*mask |= 1u << t;
		list += n;
		if (*list == ',' && !*++list)
			return -1;
	}
	return *mask ? 0 : -1;
}

bool av_plan_selection(const TPML_PCR_SELECTION *sel, char *why, size_t whylen)
{
	for (u32 i = 0; i < sel->count && i < TPM2_NUM_PCR_BANKS; i++) {
		u32 have = 0;
		for (u32 pcr = 0; pcr < 24; pcr++)
			if (av_pcr_selected(sel, sel->pcrSelections[i].hash, pcr))
				have |= 1u << pcr;
		if ((have & PLAN_PCRS) == PLAN_PCRS)
			return true;
	}
	snprintf(why, whylen,
		 "the quote's selection covers PCR 0-9 and 17-20 (the PCR plan) in no bank");
	return false;
}

/* UEFI_VARIABLE_DATA: GUID (16), u64 name chars, u64 data bytes, name (UTF-16LE), data */
#define UVD_NAME_LEN 16u
#define UVD_DATA_LEN 24u
#define UVD_NAME 32u

static void firmware_one(u32 part, const u8 *b, const struct pp_evlog_info *info,
			 const struct pp_evlog_event *ev, void *ctx)
{
	static const char sb[] = "SecureBoot";
	struct av_result *r = ctx;
	const u8 *d = b + ev->data_off;
	(void)part;
	(void)info;
	if (ev->pcr == 8 && ev->type == PP_EV_IPL && av_grub_string(d, ev->data_len))
		r->grub_cmds++; /* its digest is checked (evlog.c) */
	if (ev->pcr != 7 || ev->type != EV_EFI_VARIABLE_DRIVER_CONFIG || ev->data_len < UVD_NAME)
		return;
	u64 chars = ld_le64(d + UVD_NAME_LEN), bytes = ld_le64(d + UVD_DATA_LEN);
	if (chars != sizeof(sb) - 1 || bytes != 1 || ev->data_len != UVD_NAME + 2 * chars + bytes)
		return;
	for (u32 i = 0; i < chars; i++)
		if (ld_le16(d + UVD_NAME + 2 * (size_t)i) != (u16)sb[i])
			return;
	r->secure_boot = d[UVD_NAME + 2 * chars] == 1;
}

void av_plan_firmware(const struct av_log *log, struct av_result *r)
{
	av_log_each(log, firmware_one, r);
}
