// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verdict for people (a table) and for programs (--json): an
 * attestation result in the spirit of the IETF EAR draft
 * (draft-fv-rats-ear): "status" affirming / warning / contraindicated, the
 * failures as {"id", "message"}, the warnings and the notes (which never
 * change the status), and what the evidence said (signer, launch type,
 * clock, firmware state, the policy in force). Written with json-c so
 * every string is escaped.
 */
#include <json-c/json.h>
#include <stdio.h>
#include "attest/verifier/verifier.h"

static const char *secure_boot(int v)
{
	return v < 0 ? "unknown" : v ? "on" : "off";
}

void av_report_table(FILE *f, const struct av_result *r)
{
	fprintf(f, "verdict      %s\n", av_status_name(av_status_of(r)));
	fprintf(f, "signer       %s\n", r->have_signer ? r->signer : "(none verified)");
	fprintf(f, "launch type  %s (%s)\n", r->launch,
		r->launch_accepted ? "accepted" : "not accepted");
	if (r->have_clock)
		fprintf(f, "clock        reset %u, restart %u, clock %llu ms, safe %s%s\n",
			r->clock.resetCount, r->clock.restartCount,
			(unsigned long long)r->clock.clock, r->clock.safe ? "yes" : "no",
			r->state_checked ? " (state checked)" : "");
	fprintf(f, "firmware     secure boot %s, %u GRUB commands on PCR 8\n",
		secure_boot(r->secure_boot), r->grub_cmds);
	fprintf(f, "reference    %s\n",
		r->reference_drtm ? "PCR 17-19 covered" : "PCR 17-19 not covered");
	if (r->have_policy)
		fprintf(f, "policy       \"%s\" version %u epoch %u, slot %s, key %s (%s)\n",
			r->policy.name, r->policy.version, r->policy.epoch, r->policy.slot,
			r->policy.key_id, r->policy.key);
	for (u32 i = 0; i < r->nfail; i++)
		fprintf(f, "FAIL  %-26s %s\n", av_fail_name(r->fail[i].id), r->fail[i].msg);
	for (u32 i = 0; i < r->nwarn; i++)
		fprintf(f, "WARN  %s\n", r->warn[i].msg);
	for (u32 i = 0; i < r->nnote; i++)
		fprintf(f, "NOTE  %s\n", r->note[i].msg);
	if (r->dropped)
		fprintf(f, "      (%u more not shown)\n", r->dropped);
}

static json_object *items(const struct av_item *v, u32 n, bool ids)
{
	json_object *a = json_object_new_array();
	for (u32 i = 0; i < n; i++) {
		json_object *o = json_object_new_object();
		if (ids)
			json_object_object_add(o, "id",
					       json_object_new_string(av_fail_name(v[i].id)));
		json_object_object_add(o, "message", json_object_new_string(v[i].msg));
		json_object_array_add(a, o);
	}
	return a;
}

void av_report_json(FILE *f, const struct av_result *r)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "status",
			       json_object_new_string(av_status_name(av_status_of(r))));
	json_object_object_add(o, "failures", items(r->fail, r->nfail, true));
	json_object_object_add(o, "warnings", items(r->warn, r->nwarn, false));
	json_object_object_add(o, "notes", items(r->note, r->nnote, false));
	json_object_object_add(o, "signer",
			       r->have_signer ? json_object_new_string(r->signer) : NULL);
	json_object_object_add(o, "launch_type", json_object_new_string(r->launch));
	json_object_object_add(o, "launch_accepted", json_object_new_boolean(r->launch_accepted));
	json_object_object_add(o, "reference_covers_drtm",
			       json_object_new_boolean(r->reference_drtm));
	if (r->have_clock) {
		json_object *c = json_object_new_object();
		json_object_object_add(c, "reset_count",
				       json_object_new_int64(r->clock.resetCount));
		json_object_object_add(c, "restart_count",
				       json_object_new_int64(r->clock.restartCount));
		json_object_object_add(c, "clock", json_object_new_uint64(r->clock.clock));
		json_object_object_add(c, "safe", json_object_new_boolean(r->clock.safe));
		json_object_object_add(c, "state_checked",
				       json_object_new_boolean(r->state_checked));
		json_object_object_add(o, "clock_info", c);
	}
	json_object_object_add(o, "secure_boot",
			       json_object_new_string(secure_boot(r->secure_boot)));
	json_object_object_add(o, "grub_commands", json_object_new_int64(r->grub_cmds));
	if (r->have_policy) {
		json_object *p = json_object_new_object();
		json_object_object_add(p, "name", json_object_new_string(r->policy.name));
		json_object_object_add(p, "version", json_object_new_int64(r->policy.version));
		json_object_object_add(p, "epoch", json_object_new_int64(r->policy.epoch));
		json_object_object_add(p, "key_id", json_object_new_string(r->policy.key_id));
		json_object_object_add(p, "key", json_object_new_string(r->policy.key));
		json_object_object_add(p, "slot", json_object_new_string(r->policy.slot));
		json_object_object_add(o, "policy", p);
	}
	fprintf(f, "%s\n",
		json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
						      JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}
