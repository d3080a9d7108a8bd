// SPDX-License-Identifier: GPL-2.0-only
/*
 * policy_enforce (policy_boot.h). With slotted modules `policy a` /
 * `policy b` the A/B slot path runs instead (policy_slots.c; the same
 * checks per slot, then the slot rule of docs/policy-update.md). For one
 * bare `policy` module, in order, each step refusing the boot on failure:
 *   1. the policy module: exactly one boot module whose role word is
 *      `policy` (the secure loader measured it into PCR 18 and the handoff
 *      names its measured copy);
 *   2. pp_policy_load_signed with the built-in keys (pp_pol_keys: linked
 *      into this image, so PCR 17 covers them): framing, key id, Ed25519
 *      signature, binary and body hash, the model's rules;
 *   3. the machine rules (pp_policy_validate_machine) against the machine
 *      this hypervisor booted on (policy_machine.c): platform binding,
 *      version, CPUs, memory, devices and IOMMU scopes, GSIs, cache;
 *   4. the rollback floor (docs/tpm-nv-floor.md): after a DRTM launch the
 *      policy's epoch must not be below the floor in TPM NV, read at
 *      locality 2 (a missing, foreign or unreadable floor refuses the
 *      boot, never counts as 0); after a static launch locality 2 is not
 *      the hypervisor's alone, so the floor proves nothing: not checked,
 *      and the console says the boot is not rollback-protected;
 *   5. then, and only then, hv_policy holds it.
 * policy_confirm, once boot reaches ready, raises the floor to the
 * enforced policy's epoch.
 * Trust: the module's bytes are untrusted until step 2 passes; they are
 * read in place (the measured copy), never written.
 */
#include <parapet/fmt.h>
#include <parapet/policy_keys.h>
#include <parapet/tpm2_nv.h>
#include <parapet/policy_signed.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "console.h"
#include "policy_boot.h"
#include "policy_int.h"
#include "policy_machine.h"
#include "tpm_dev.h"

struct pp_policy hv_policy;
static struct pp_policy candidate;
static struct pp_pol_machine machine;
static bool machine_built;
bool policy_floor_checked;
struct nvfloor_state policy_floor;
static const u8 *enforced_bytes;
static u32 enforced_len;

void policy_set_enforced_bytes(const u8 *bytes, u64 len)
{
	enforced_bytes = bytes;
	enforced_len = (u32)len; /* the loader took it as a u32 length */
}

const u8 *policy_enforced_bytes(u32 *len)
{
	*len = enforced_len;
	return enforced_bytes;
}

static const char *const stage_name[] = {
    [PP_POLSIG_OK] = "ok",	     [PP_POLSIG_FRAMING] = "framing",
    [PP_POLSIG_KEY] = "unknown key", [PP_POLSIG_SIGNATURE] = "signature",
    [PP_POLSIG_BINARY] = "binary",   [PP_POLSIG_RULES] = "rule",
};

PP_NORETURN void policy_refuse(const char *stage, const char *detail, const char *msg)
{
	static char line[PP_ERR_MSG_MAX * 2 + 64];
	pp_snprintf(line, sizeof(line), "%s%s%s: %s", stage, detail ? " " : "",
		    detail ? detail : "", msg);
	hv_printf("policy: refused: %s\n", line);
	policy_verdict_refused(line);
	hv_printf("policy: no partition started; halting\n");
	cpu_halt_forever();
}

const char *policy_stage_name(const struct pp_polsig_result *res)
{
	return res->stage <= PP_POLSIG_RULES ? stage_name[res->stage] : "?";
}

const char *policy_stage_detail(const struct pp_polsig_result *res)
{
	return res->stage == PP_POLSIG_RULES ? pp_pol_rule_name(res->why.rule) : NULL;
}

int policy_module_slot(const char *s, u32 len)
{
	if (len < 6 || memcmp(s, "policy", 6) != 0 || (len > 6 && s[6] != ' '))
		return -1;
	u32 i = 6;
	while (i < len && s[i] == ' ')
		i++;
	while (len > i && s[len - 1] == ' ')
		len--;
	if (i == len)
		return 0;
	if (len - i == 1 && (s[i] == 'a' || s[i] == 'b'))
		return s[i];
	return -2;
}

static const struct pp_module *find_module(const struct pp_handoff *h)
{
	const struct pp_module *mod = pp_handoff_modules(h), *found = NULL;
	for (u32 i = 0; i < h->mod_count; i++) {
		if (policy_module_slot(pp_handoff_str(h, mod[i].cmdline_off), mod[i].cmdline_len))
			continue;
		if (found)
			policy_refuse("module", NULL, "more than one policy module");
		found = &mod[i];
	}
	if (!found)
		policy_refuse("module", NULL, "no policy module (GRUB: module2 ... policy)");
	if (found->length > 0xffffffffull || found->base + found->length < found->base)
		policy_refuse("module", NULL, "policy module size out of range");
	return found;
}

/* Slotted modules present (then a bare one is refused). */
static bool slot_mode(const struct pp_handoff *h)
{
	const struct pp_module *mod = pp_handoff_modules(h);
	bool bare = false, slots = false;
	for (u32 i = 0; i < h->mod_count; i++) {
		int k =
		    policy_module_slot(pp_handoff_str(h, mod[i].cmdline_off), mod[i].cmdline_len);
		if (k == -2)
			policy_refuse("module", NULL, "policy module slot must be `a` or `b`");
		bare |= k == 0;
		slots |= k > 0;
	}
	if (bare && slots)
		policy_refuse("module", NULL, "a bare policy module and slotted ones together");
	return slots;
}

bool policy_drtm(const struct pp_handoff *h)
{
	u32 type = h->launch_type;
	return type == PP_LAUNCH_SKINIT || type == PP_LAUNCH_TXT || type == PP_LAUNCH_EMULATED;
}

void policy_locality0(void)
{
	struct pp_err ignore;
	(void)hv_tpm_at(0, &ignore);
}

const struct pp_pol_machine *policy_machine_get(const struct pp_handoff *h)
{
	struct pp_err err = {0, ""};
	if (machine_built)
		return &machine;
	if (hv_machine_build(h, &machine, &err))
		policy_refuse("machine", NULL, err.msg);
	machine_built = true;
	hv_printf("policy: machine: platform \"%s\", %u CPUs, %u PCI functions, %u IOMMU "
		  "unit(s), %u GSIs, %u-bit addresses\n",
		  machine.platform, machine.n_cpus, machine.n_devs, machine.n_iommus,
		  machine.n_gsis, machine.addr_bits);
	return &machine;
}

void policy_print_verified(const struct pp_policy *p, u32 key)
{
	char id[17];
	pp_hex(id, pp_pol_keys[key].id, 8);
	hv_printf("policy: verified: \"%s\" version %u epoch %u platform \"%s\", signed by the "
		  "%s key %s\n",
		  p->name, p->version, p->epoch, p->platform, pp_pol_keys[key].role, id);
}

bool policy_floor_read(const struct pp_handoff *h)
{
	struct pp_err err = {0, ""};
	if (!policy_drtm(h))
		return false;
	struct tpm2_dev *t = hv_tpm_at(NVFLOOR_LOCALITY, &err);
	if (!t)
		policy_refuse("rollback", NULL, err.msg);
	if (nvfloor_read(t, &nvfloor_default_layout, &policy_floor, &err)) {
		policy_locality0();
		policy_refuse("rollback", NULL, err.msg);
	}
	policy_locality0();
	policy_floor_checked = true;
	return true;
}

void policy_floor_print(u32 epoch)
{
	if (!policy_floor_checked) {
		hv_printf("policy: rollback floor: not checked (no DRTM launch, so TPM locality 2 "
			  "is not the hypervisor's alone): this boot is not rollback-protected\n");
		return;
	}
	if (epoch < policy_floor.floor) {
		char msg[PP_ERR_MSG_MAX];
		pp_snprintf(msg, sizeof(msg),
			    "policy epoch %u is below the TPM floor %u (NV counter 0x%08x)", epoch,
			    policy_floor.floor, nvfloor_default_layout.counter);
		policy_refuse("rollback", NULL, msg);
	}
	hv_printf("policy: rollback floor %u (NV counter 0x%08x): epoch %u accepted\n",
		  policy_floor.floor, nvfloor_default_layout.counter, epoch);
}

void policy_confirm(void)
{
	struct pp_err err = {0, ""};
	bool rec_ok = true;
	char slot = policy_slots_confirm(&rec_ok);
	if (!policy_floor_checked) {
		hv_printf("policy: confirmed without a rollback floor (not rollback-protected)\n");
		return;
	}
	u32 was = policy_floor.floor;
	if (slot && !rec_ok) { /* never a floor above what the record confirms */
		hv_printf("policy: confirm: the rollback floor stays %u: slot record not written\n",
			  was);
		return;
	}
	struct tpm2_dev *t = hv_tpm_at(NVFLOOR_LOCALITY, &err);
	if (!t || nvfloor_raise(t, &nvfloor_default_layout, hv_policy.epoch, &policy_floor, &err)) {
		policy_locality0();
		hv_printf("policy: confirm: the rollback floor stays %u: %s\n", was, err.msg);
		return;
	}
	policy_locality0();
	char what[24] = "";
	if (slot)
		pp_snprintf(what, sizeof(what), "slot %c, ", slot);
	if (policy_floor.floor == was)
		hv_printf("policy: confirmed: %sepoch %u, rollback floor stays %u\n", what,
			  hv_policy.epoch, policy_floor.floor);
	else
		hv_printf("policy: confirmed: %sepoch %u, rollback floor raised from %u to %u\n",
			  what, hv_policy.epoch, was, policy_floor.floor);
}

void policy_enforce(const struct pp_handoff *h)
{
	struct pp_polsig_result res;
	if (slot_mode(h)) {
		policy_slots_enforce(h);
		return;
	}
	const struct pp_module *m = find_module(h);
	const u8 *bytes = (const u8 *)(uintptr_t)m->base;

	hv_printf("policy: module 0x%llx (%llu bytes), %u built-in key(s)\n",
		  (unsigned long long)m->base, (unsigned long long)m->length, pp_pol_n_keys);
	if (pp_policy_load_signed(bytes, (u32)m->length, pp_pol_keys, pp_pol_n_keys, &candidate,
				  &res))
		policy_refuse(policy_stage_name(&res), policy_stage_detail(&res), res.why.err.msg);
	policy_print_verified(&candidate, res.key);
	const struct pp_pol_machine *mach = policy_machine_get(h);
	struct pp_pol_error why;
	if (pp_policy_validate_machine(&candidate, mach, &why))
		policy_refuse("rule", pp_pol_rule_name(why.rule), why.err.msg);
	policy_floor_read(h);
	policy_floor_print(candidate.epoch);
	struct pp_err err = {0, ""};
	if (policy_verdict_enforced(0, &err))
		policy_refuse("verdict", NULL, err.msg);
	memcpy(&hv_policy, &candidate, sizeof(hv_policy));
	policy_set_enforced_bytes(bytes, m->length);
	hv_printf("policy: in force: %u partition(s)\n", hv_policy.n_parts);
}
