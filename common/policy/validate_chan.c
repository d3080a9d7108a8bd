// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy's rules for what partitions may do to each other and how they
 * start (docs/policy.md "Invariants"):
 *   channels  shared memory is declared by both participants: a channel
 *       end (part, peer, name) needs its mirror (peer, part, name) with the
 *       same size; a name is one channel between two partitions; data only
 *       (no execute); rule 3's only exception to disjoint RAM
 *   capabilities  known, each once per partition (and target); control
 *       names another partition; the TPM capability and the pass-through
 *       of TPM locality 0 come together, in one partition at most
 *   image  a module name and an entry inside the partition's executable
 *       RAM (below 1 MiB for a real-mode start)
 */
#include <parapet/policy.h>
#include <parapet/string.h>
#include "common/policy/pol_int.h"

static const struct pp_pol_chan *mirror(const struct pp_policy *p, const struct pp_pol_chan *c)
{
	for (u32 i = 0; i < p->n_chans; i++) {
		const struct pp_pol_chan *m = &p->chans[i];
		if (m->part == c->peer && m->peer == c->part && strcmp(m->name, c->name) == 0)
			return m;
	}
	return NULL;
}

int pol_v_channels(const struct pp_policy *p, struct pp_pol_error *out)
{
	for (u32 i = 0; i < p->n_chans; i++) {
		const struct pp_pol_chan *c = &p->chans[i], *m;
		const char *pn = pol_pname(p, c->part);
		u32 same_name = 0;
		if (c->peer == c->part || !pp_policy_part(p, c->peer))
			return pol_fail(out, PP_POL_CHANNEL, PP_EINVAL,
					"partition \"%s\": channel \"%s\": peer %u is not another "
					"partition",
					pn, c->name, c->peer);
		if (c->perm & PP_POL_X)
			return pol_fail(
			    out, PP_POL_CHANNEL, PP_EINVAL,
			    "partition \"%s\": channel \"%s\" is executable (data only)", pn,
			    c->name);
		m = mirror(p, c);
		if (!m)
			return pol_fail(out, PP_POL_CHANNEL, PP_ENOENT,
					"channel \"%s\": partition \"%s\" declares it with \"%s\", "
					"which does not declare it back",
					c->name, pn, pol_pname(p, c->peer));
		if (m->size != c->size)
			return pol_fail(out, PP_POL_CHANNEL, PP_EINVAL,
					"channel \"%s\": size 0x%llx in \"%s\", 0x%llx in \"%s\"",
					c->name, (unsigned long long)c->size, pn,
					(unsigned long long)m->size, pol_pname(p, m->part));
		for (u32 j = 0; j < p->n_chans; j++)
			same_name += strcmp(p->chans[j].name, c->name) == 0;
		if (same_name != 2)
			return pol_fail(out, PP_POL_CHANNEL, PP_EINVAL,
					"channel \"%s\" has %u ends (a channel joins exactly two "
					"partitions, each end once)",
					c->name, same_name);
	}
	return PP_OK;
}

static bool tpm_passed_through(const struct pp_policy *p, u32 part)
{
	for (u32 i = 0; i < p->n_mmio; i++)
		if (p->mmio[i].part == part &&
		    pol_overlap(p->mmio[i].hpa, p->mmio[i].size, POL_TPM_LOC0, POL_TPM_LOC_SIZE))
			return true;
	return false;
}

static bool has_tpm_cap(const struct pp_policy *p, u32 part)
{
	for (u32 i = 0; i < p->n_caps; i++)
		if (p->caps[i].part == part && p->caps[i].cap == PP_POL_CAP_TPM)
			return true;
	return false;
}

int pol_v_caps(const struct pp_policy *p, struct pp_pol_error *out)
{
	u32 tpm_owners = 0;
	for (u32 i = 0; i < p->n_caps; i++) {
		const struct pp_pol_cap_ent *c = &p->caps[i];
		const char *pn = pol_pname(p, c->part);
		if (c->cap == 0 || c->cap >= PP_POL_CAP_COUNT)
			return pol_fail(out, PP_POL_CAPABILITY, PP_EINVAL,
					"partition \"%s\": unknown capability %u", pn, c->cap);
		if (c->cap == PP_POL_CAP_CONTROL &&
		    (c->target == c->part || !pp_policy_part(p, c->target)))
			return pol_fail(out, PP_POL_CAPABILITY, PP_EINVAL,
					"partition \"%s\": control of %u, which is not another "
					"partition",
					pn, c->target);
		if (c->cap != PP_POL_CAP_CONTROL && c->target)
			return pol_fail(out, PP_POL_CAPABILITY, PP_EINVAL,
					"partition \"%s\": capability %u takes no target", pn,
					c->cap);
		for (u32 j = 0; j < i; j++)
			if (p->caps[j].part == c->part && p->caps[j].cap == c->cap &&
			    p->caps[j].target == c->target)
				return pol_fail(out, PP_POL_CAPABILITY, PP_EINVAL,
						"partition \"%s\": capability %u granted twice", pn,
						c->cap);
	}
	for (u32 k = 0; k < p->n_parts; k++) {
		u32 id = p->parts[k].id;
		bool cap = has_tpm_cap(p, id), mmio = tpm_passed_through(p, id);
		if (cap != mmio)
			return pol_fail(out, PP_POL_CAPABILITY, PP_EINVAL,
					"partition \"%s\": %s (the TPM capability and the TPM "
					"locality-0 page at 0x%llx come together)",
					p->parts[k].name,
					cap ? "TPM capability without locality 0 passed through"
					    : "TPM locality 0 passed through without the TPM "
					      "capability",
					(unsigned long long)POL_TPM_LOC0);
		tpm_owners += cap;
	}
	if (tpm_owners > 1)
		return pol_fail(out, PP_POL_CAPABILITY, PP_EINVAL,
				"%u partitions hold the TPM capability, at most one", tpm_owners);
	return PP_OK;
}

int pol_v_image(const struct pp_policy *p, struct pp_pol_error *out)
{
	for (u32 k = 0; k < p->n_parts; k++) {
		const struct pp_pol_part *a = &p->parts[k];
		bool in_x = false;
		if (!pol_name_ok(a->image, sizeof(a->image)))
			return pol_fail(out, PP_POL_IMAGE, PP_EINVAL,
					"partition \"%s\": image name empty, too long or not "
					"[A-Za-z0-9._-]",
					a->name);
		if (a->mode == PP_POL_BOOT_REAL16 && a->entry > 0xfffffull)
			return pol_fail(out, PP_POL_IMAGE, PP_ERANGE,
					"partition \"%s\": real-mode entry 0x%llx above 1 MiB",
					a->name, (unsigned long long)a->entry);
		for (u32 i = 0; i < p->n_ram; i++) {
			const struct pp_pol_ram *r = &p->ram[i];
			in_x |= r->part == a->id && (r->perm & PP_POL_X) && a->entry >= r->gpa &&
				a->entry - r->gpa < r->size;
		}
		if (!in_x)
			return pol_fail(
			    out, PP_POL_IMAGE, PP_ERANGE,
			    "partition \"%s\": entry 0x%llx is not in its executable RAM", a->name,
			    (unsigned long long)a->entry);
	}
	return PP_OK;
}
