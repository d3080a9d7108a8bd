// SPDX-License-Identifier: GPL-2.0-only
/*
 * build/reference.json (schema parapet-reference-v1, docs/measurements.md):
 * the log is validated and replayed with the common event-log code, so the
 * PCR values are exactly what our verifier-side replay computes.
 */
#include <string.h>
#include "tools/refgen/refgen.h"

static struct pp_evlog_pcrs pcrs; /* ~8 KiB: off the stack */

static const char *event_name(u32 type)
{
	switch (type) {
	case PP_EV_NO_ACTION: return "launch-marker";
	case PP_EV_DRTM_START: return "drtm-start";
	case PP_EV_LAUNCH_TYPE: return "launch-type";
	case PP_EV_HYPERVISOR: return "hypervisor";
	case PP_EV_CMDLINE: return "cmdline";
	case PP_EV_POLICY: return "policy";
	case PP_EV_PD_IMAGE: return "pd";
	case PP_EV_MODULES: return "modules";
	case PP_EV_MEMORY_MAP: return "memory-map";
	case PP_EV_ACPI_RSDP: return "acpi-rsdp";
	case PP_EV_ACPI_TABLE: return "acpi-table";
	case PP_EV_POLICY_VERDICT: return "policy-verdict";
	case PP_EV_LAUNCH_FAILED: return "launch-failed";
	default: return "unknown";
	}
}

static void hex(FILE *f, const u8 *p, u32 n)
{
	for (u32 i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

int rg_write_json(FILE *f, const u8 *log, u32 len, const char *entry_id, struct pp_err *err)
{
	struct pp_evlog_info info;
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	int rc = pp_evlog_check(log, len, PP_EVLOG_COUNT_ANY, &info, err);
	if (rc)
		return rc;
	rc = pp_evlog_replay(log, &info, &pcrs, err);
	if (rc)
		return rc;
	u32 lt = info.launch_type;
	if (lt != PP_LAUNCH_SKINIT && lt != PP_LAUNCH_TXT && lt != PP_LAUNCH_EMULATED &&
	    lt != PP_LAUNCH_STATIC)
		return pp_fail(err, PP_EINVAL, "log has no launch marker");
	const char *lname = pp_launch_type_name(lt);

	fprintf(f, "{\n  \"schema\": \"parapet-reference-v1\",\n  \"entry\": ");
	json_str(f, entry_id);
	fprintf(f, ",\n  \"launch_type\": \"%s\",\n  \"banks\": [", lname);
	for (u32 k = 0; k < info.nalgs; k++)
		fprintf(f, "%s\"%s\"", k ? ", " : "", pp_evlog_alg_name(info.algs[k].alg));
	fprintf(f, "],\n  \"pcrs\": {");
	bool first = true;
	for (u32 k = 0; k < pcrs.nbanks; k++) {
		if (!pcrs.bank[k].replayed)
			return pp_fail(err, PP_ENOTSUP, "bank %s not replayed",
				       pp_evlog_alg_name(pcrs.bank[k].alg));
		fprintf(f, "%s\n    \"%s\": {", first ? "" : ",",
			pp_evlog_alg_name(pcrs.bank[k].alg));
		first = false;
		for (u32 p = 17; p <= 19; p++) {
			fprintf(f, "%s\"%u\": \"", p == 17 ? " " : ", ", p);
			hex(f, pcrs.bank[k].pcr[p], pcrs.bank[k].size);
			fprintf(f, "\"");
		}
		fprintf(f, " }");
	}
	fprintf(f, "\n  },\n  \"event_count\": %u,\n  \"events\": [", info.events);
	pp_evlog_iter_init(&it, log, &info);
	first = true;
	while (pp_evlog_iter_next(&it, &ev)) {
		fprintf(f, "%s\n    { \"pcr\": %u, \"type\": \"0x%03x\", \"name\": \"%s\", ",
			first ? "" : ",", ev.pcr, ev.type, event_name(ev.type));
		first = false;
		fprintf(f, "\"data_hex\": \"");
		hex(f, log + ev.data_off, ev.data_len);
		fprintf(f, "\",\n      \"digests\": {");
		for (u32 k = 0; k < info.nalgs; k++) {
			fprintf(f, "%s\"%s\": \"", k ? ", " : " ",
				pp_evlog_alg_name(info.algs[k].alg));
			hex(f, log + ev.digest_off[k], info.algs[k].size);
			fprintf(f, "\"");
		}
		fprintf(f, " } }");
	}
	fprintf(f, "\n  ]\n}\n");
	if (ferror(f))
		return pp_fail(err, PP_EDEVICE, "write error");
	return PP_OK;
}
