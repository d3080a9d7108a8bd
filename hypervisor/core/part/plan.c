// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory plan of one partition (plan.h; docs/partitions.md): collect
 * and check its regions, sort them by gpa, reserve the long64 boot area,
 * then allocate the host memory of `hpa any` RAM and of new channels.
 * Every check comes before the first allocation, so a failure after an
 * allocation is only the allocator's PP_ENOMEM, unwound in reverse.
 */
#include <parapet/string.h>
#include "hypervisor/core/part/boot.h"
#include "hypervisor/core/part/plan.h"
#include "hypervisor/core/part/tpm_hold.h"

const char *part_region_kind_name(u32 kind)
{
	switch (kind) {
	case PART_REG_RAM: return "ram";
	case PART_REG_MMIO: return "mmio";
	case PART_REG_CHAN: return "channel";
	default: return "region";
	}
}

/* The common checks of one region: non-empty, 4 KiB aligned, no wrap,
 * inside the guest-physical space; a fixed hpa aligned and not wrapping. */
static int check_range(const char *pname, const struct part_region *r, bool has_hpa,
		       struct pp_err *err)
{
	const char *k = part_region_kind_name(r->kind);
	u64 g = gpa_val(r->gpa), h = hpa_val(r->hpa), end;
	if (r->size == 0)
		return pp_fail(err, PP_EINVAL, "part %s: %s at gpa 0x%llx is empty", pname, k,
			       (unsigned long long)g);
	if (!PP_IS_ALIGNED(g | r->size | (has_hpa ? h : 0), PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL,
			       "part %s: %s gpa 0x%llx hpa 0x%llx size 0x%llx not 4 KiB aligned",
			       pname, k, (unsigned long long)g, (unsigned long long)h,
			       (unsigned long long)r->size);
	if (!pp_add_ok(g, r->size, &end) || end > (1ull << PART_GPA_BITS))
		return pp_fail(err, PP_ERANGE,
			       "part %s: %s gpa 0x%llx + 0x%llx ends beyond the %u-bit "
			       "guest-physical space",
			       pname, k, (unsigned long long)g, (unsigned long long)r->size,
			       PART_GPA_BITS);
	if (has_hpa && !pp_add_ok(h, r->size, &end))
		return pp_fail(err, PP_ERANGE, "part %s: %s hpa 0x%llx + 0x%llx wraps", pname, k,
			       (unsigned long long)h, (unsigned long long)r->size);
	if (r->perm & ~PP_POL_PERM_MASK)
		return pp_fail(err, PP_EINVAL, "part %s: %s at gpa 0x%llx: unknown perm bits 0x%x",
			       pname, k, (unsigned long long)g, r->perm);
	if (r->kind != PART_REG_RAM && (r->perm & PP_POL_X))
		return pp_fail(err, PP_EINVAL,
			       "part %s: %s at gpa 0x%llx is executable (never allowed)", pname, k,
			       (unsigned long long)g);
	return PP_OK;
}

static const struct pp_pol_chan *mirror(const struct pp_policy *p, const struct pp_pol_chan *c)
{
	for (u32 i = 0; i < p->n_chans && i < PP_POL_MAX_CHANS; i++) {
		const struct pp_pol_chan *m = &p->chans[i];
		if (m->part == c->peer && m->peer == c->part && !strcmp(m->name, c->name))
			return m;
	}
	return NULL;
}

static struct part_chan_mem *chan_find(struct part_chans *ch, const char *name)
{
	for (u32 i = 0; i < ch->n; i++)
		if (!strcmp(ch->c[i].name, name))
			return &ch->c[i];
	return NULL;
}

static int collect(const struct pp_policy *p, const struct pp_pol_part *pp,
		   struct part_chans *chans, struct part_plan *plan, struct pp_err *err)
{
	int rc;
	for (u32 i = 0; i < p->n_ram && i < PP_POL_MAX_RAM; i++) {
		const struct pp_pol_ram *m = &p->ram[i];
		if (m->part != pp->id)
			continue;
		bool fixed = m->flags & PP_POL_RAM_FIXED;
		struct part_region *r = &plan->r[plan->n];
		*r = (struct part_region){
		    .kind = PART_REG_RAM,
		    .perm = m->perm,
		    .flags = (fixed ? PART_REG_FIXED : 0) |
			     ((m->flags & PP_POL_RAM_DMA) ? PART_REG_DMA : 0),
		    .index = i,
		    .gpa = gpa(m->gpa),
		    .hpa = hpa(fixed ? m->hpa : 0),
		    .size = m->size,
		};
		if ((rc = check_range(pp->name, r, fixed, err)))
			return rc;
		plan->n++;
	}
	for (u32 i = 0; i < p->n_mmio && i < PP_POL_MAX_MMIO; i++) {
		const struct pp_pol_mmio *m = &p->mmio[i];
		if (m->part != pp->id)
			continue;
		struct part_region *r = &plan->r[plan->n];
		*r = (struct part_region){
		    .kind = PART_REG_MMIO,
		    .perm = m->perm,
		    .flags = part_tpm_overlaps(m->hpa, m->size) ? PART_REG_TPM : 0u,
		    .index = i,
		    .gpa = gpa(m->gpa),
		    .hpa = hpa(m->hpa),
		    .size = m->size,
		};
		if ((rc = check_range(pp->name, r, true, err)))
			return rc;
		plan->n++;
	}
	for (u32 i = 0; i < p->n_chans && i < PP_POL_MAX_CHANS; i++) {
		const struct pp_pol_chan *c = &p->chans[i];
		if (c->part != pp->id)
			continue;
		struct part_region *r = &plan->r[plan->n];
		*r = (struct part_region){
		    .kind = PART_REG_CHAN,
		    .perm = c->perm,
		    .flags = PART_REG_SHARED,
		    .index = i,
		    .gpa = gpa(c->gpa),
		    .size = c->size,
		};
		if ((rc = check_range(pp->name, r, false, err)))
			return rc;
		const struct pp_pol_chan *m = mirror(p, c);
		if (!m)
			return pp_fail(err, PP_ENOENT,
				       "part %s: channel \"%s\" has no end in partition %u",
				       pp->name, c->name, c->peer);
		if (m->size != c->size)
			return pp_fail(err, PP_EINVAL,
				       "part %s: channel \"%s\" is 0x%llx bytes here, 0x%llx at "
				       "partition %u",
				       pp->name, c->name, (unsigned long long)c->size,
				       (unsigned long long)m->size, c->peer);
		const struct part_chan_mem *cm = chan_find(chans, c->name);
		if (cm && cm->size != c->size)
			return pp_fail(err, PP_EINVAL,
				       "part %s: channel \"%s\" is 0x%llx bytes, its memory 0x%llx",
				       pp->name, c->name, (unsigned long long)c->size,
				       (unsigned long long)cm->size);
		plan->n++;
	}
	return PP_OK;
}

static int sort_and_check(const char *pname, struct part_plan *plan, struct pp_err *err)
{
	for (u32 i = 1; i < plan->n; i++) {
		struct part_region t = plan->r[i];
		u32 j = i;
		for (; j > 0 && gpa_val(plan->r[j - 1].gpa) > gpa_val(t.gpa); j--)
			plan->r[j] = plan->r[j - 1];
		plan->r[j] = t;
	}
	for (u32 i = 1; i < plan->n; i++) {
		const struct part_region *a = &plan->r[i - 1], *b = &plan->r[i];
		if (gpa_val(a->gpa) + a->size > gpa_val(b->gpa))
			return pp_fail(err, PP_EOVERLAP,
				       "part %s: %s at gpa 0x%llx+0x%llx overlaps %s at gpa 0x%llx",
				       pname, part_region_kind_name(a->kind),
				       (unsigned long long)gpa_val(a->gpa),
				       (unsigned long long)a->size, part_region_kind_name(b->kind),
				       (unsigned long long)gpa_val(b->gpa));
	}
	return PP_OK;
}

/* 2 MiB alignment, congruent with the gpa, when the run can hold a large page. */
static int alloc_run(const struct part_alloc *a, const struct part_region *r, hpa_t *out)
{
	u64 align = r->size >= PART_LARGE_PAGE ? PART_LARGE_PAGE : PP_PAGE_SIZE;
	return a->alloc(a->ctx, r->size, align, gpa_val(r->gpa) & (align - 1), out);
}

static void unwind(struct part_plan *plan, u32 upto, struct part_chans *chans, u32 chans_n,
		   const struct part_alloc *a)
{
	for (u32 i = upto; i-- > 0;)
		if (plan->r[i].flags & PART_REG_OWNED)
			a->free(a->ctx, plan->r[i].hpa, plan->r[i].size);
	while (chans->n > chans_n) {
		chans->n--;
		a->free(a->ctx, chans->c[chans->n].hpa, chans->c[chans->n].size);
	}
	plan->n = 0;
	plan->boot_pages = 0;
}

static int allocate(const struct pp_policy *p, const char *pname, const struct part_alloc *a,
		    struct part_chans *chans, struct part_plan *plan, struct pp_err *err)
{
	u32 chans_n = chans->n, i;
	int rc;
	for (i = 0; i < plan->n; i++) {
		struct part_region *r = &plan->r[i];
		if (r->kind == PART_REG_RAM && !(r->flags & PART_REG_FIXED)) {
			if (alloc_run(a, r, &r->hpa))
				goto nomem;
			r->flags |= PART_REG_OWNED;
		} else if (r->kind == PART_REG_CHAN) {
			const char *name = p->chans[r->index].name;
			struct part_chan_mem *cm = chan_find(chans, name);
			if (!cm) {
				if (chans->n == PP_POL_MAX_CHANS) {
					rc = pp_fail(err, PP_ENOMEM,
						     "part %s: more than %u channels", pname,
						     PP_POL_MAX_CHANS);
					goto fail;
				}
				cm = &chans->c[chans->n];
				memset(cm, 0, sizeof(*cm));
				memcpy(cm->name, name, strnlen(name, PP_POL_NAME_MAX));
				cm->size = r->size;
				if (alloc_run(a, r, &cm->hpa))
					goto nomem;
				chans->n++;
			}
			r->hpa = cm->hpa;
		}
	}
	return PP_OK;
nomem:
	rc = pp_fail(err, PP_ENOMEM, "part %s: no host memory for %s at gpa 0x%llx (0x%llx bytes)",
		     pname, part_region_kind_name(plan->r[i].kind),
		     (unsigned long long)gpa_val(plan->r[i].gpa),
		     (unsigned long long)plan->r[i].size);
fail:
	unwind(plan, i, chans, chans_n, a);
	return rc;
}

int part_plan_build(const struct pp_policy *p, u32 part, const struct part_alloc *a,
		    struct part_chans *chans, struct part_plan *plan, struct pp_err *err)
{
	int rc;
	const struct pp_pol_part *pp = pp_policy_part(p, part);
	memset(plan, 0, sizeof(*plan));
	if (!pp)
		return pp_fail(err, PP_ENOENT, "part: no partition with id %u in the policy", part);
	plan->part = part;
	rc = collect(p, pp, chans, plan, err);
	if (!rc)
		rc = sort_and_check(pp->name, plan, err);
	if (!rc && pp->mode == PP_POL_BOOT_LONG64)
		rc = part_boot_reserve(plan, pp, err);
	if (!rc)
		rc = allocate(p, pp->name, a, chans, plan, err);
	if (rc) {
		plan->n = 0;
		plan->boot_pages = 0;
	}
	return rc;
}

const struct part_region *part_plan_find(const struct part_plan *plan, gpa_t g)
{
	for (u32 i = 0; i < plan->n; i++) {
		const struct part_region *r = &plan->r[i];
		if (gpa_val(g) >= gpa_val(r->gpa) && gpa_val(g) - gpa_val(r->gpa) < r->size)
			return r;
	}
	return NULL;
}

void part_plan_release(struct part_plan *plan, const struct part_alloc *a)
{
	unwind(plan, plan->n, &(struct part_chans){.n = 0}, 0, a);
}

void part_chans_release(struct part_chans *chans, const struct part_alloc *a)
{
	while (chans->n > 0) {
		chans->n--;
		a->free(a->ctx, chans->c[chans->n].hpa, chans->c[chans->n].size);
	}
}
