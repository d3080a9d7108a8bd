// SPDX-License-Identifier: GPL-2.0-only
/* A partition's image into its RAM (image.h). */
#include <parapet/fmt.h>
#include <parapet/string.h>
#include "hypervisor/core/part/image.h"
#include "launch/elf.h"

/* [g, g + len) (len > 0) lies in one RAM region of the plan and outside the
 * boot area. */
static int check_in_ram(const struct part_plan *plan, const char *pname, const char *what, u64 g,
			u64 len, struct pp_err *err)
{
	u64 end;
	const struct part_region *r = part_plan_find(plan, gpa(g));
	if (!pp_add_ok(g, len, &end) || !r || r->kind != PART_REG_RAM ||
	    end - gpa_val(r->gpa) > r->size)
		return pp_fail(err, PP_ERANGE,
			       "part %s: %s [0x%llx, 0x%llx) is not inside one RAM region", pname,
			       what, (unsigned long long)g, (unsigned long long)g + len);
	u64 boot = gpa_val(plan->boot_gpa), boot_len = (u64)plan->boot_pages * PP_PAGE_SIZE;
	if (boot_len && pp_ranges_overlap(g, len, boot, boot_len))
		return pp_fail(err, PP_EOVERLAP,
			       "part %s: %s [0x%llx, 0x%llx) overlaps the boot area [0x%llx, "
			       "0x%llx)",
			       pname, what, (unsigned long long)g, (unsigned long long)end,
			       (unsigned long long)boot, (unsigned long long)boot + boot_len);
	return PP_OK;
}

static int load_flat(const struct part_plan *plan, const struct pp_pol_part *pp, const u8 *img,
		     u64 len, part_gpa_ptr_fn ptr, void *ctx, struct part_image_info *out,
		     struct pp_err *err)
{
	const struct part_region *r = part_plan_find(plan, gpa(pp->entry));
	if (!r || r->kind != PART_REG_RAM)
		return pp_fail(err, PP_ERANGE, "part %s: entry 0x%llx is not in its RAM", pp->name,
			       (unsigned long long)pp->entry);
	u64 load = PP_MAX(gpa_val(r->gpa), PP_ALIGN_DOWN(pp->entry, PART_FLAT_ALIGN));
	if (pp->entry - load >= len)
		return pp_fail(err, PP_ERANGE,
			       "part %s: flat image of 0x%llx bytes loaded at 0x%llx does not "
			       "hold the entry 0x%llx",
			       pp->name, (unsigned long long)len, (unsigned long long)load,
			       (unsigned long long)pp->entry);
	int rc = check_in_ram(plan, pp->name, "flat image", load, len, err);
	if (rc)
		return rc;
	u8 *d = ptr(ctx, gpa(load), len);
	if (!d)
		return pp_fail(err, PP_ERANGE, "part %s: no memory at gpa 0x%llx for the image",
			       pp->name, (unsigned long long)load);
	memcpy(d, img, (size_t)len);
	*out = (struct part_image_info){
	    .kind = PART_IMAGE_FLAT, .nseg = 1, .lo = gpa(load), .span = len, .entry = pp->entry};
	return PP_OK;
}

struct elf_dest {
	part_gpa_ptr_fn ptr;
	void *ctx;
};

static u8 *elf_dest(void *ctx, u64 paddr, u64 len)
{
	struct elf_dest *d = ctx;
	return d->ptr(d->ctx, gpa(paddr), len);
}

static int load_elf(const struct part_plan *plan, const struct pp_pol_part *pp, const u8 *img,
		    u64 len, part_gpa_ptr_fn ptr, void *ctx, struct part_image_info *out,
		    struct pp_err *err)
{
	struct elf_image im;
	/*
	 * The window is the whole guest-physical space and nothing is passed
	 * as forbidden: elf_check refuses a forbidden range anywhere in the
	 * span of all segments, and a partition's RAM regions may have holes
	 * (and the boot area) between them. check_in_ram checks each segment
	 * exactly instead.
	 */
	struct elf_policy pol = {.win_lo = 0, .win_hi = 1ull << PART_GPA_BITS};
	struct pp_err e;
	int rc = elf_check(img, len, &pol, &im, &e);
	if (rc)
		return pp_fail(err, rc, "part %s: %s", pp->name, e.msg);
	if (im.entry != pp->entry)
		return pp_fail(
		    err, PP_ERANGE, "part %s: ELF entry 0x%llx is not the policy's entry 0x%llx",
		    pp->name, (unsigned long long)im.entry, (unsigned long long)pp->entry);
	u64 lo = ~0ull, hi = 0;
	for (u32 k = 0; k < im.nseg; k++) {
		const struct elf_segment *s = &im.seg[k];
		char what[40];
		pp_snprintf(what, sizeof(what), "ELF program header %u", s->phdr_index);
		rc = check_in_ram(plan, pp->name, what, s->paddr, s->memsz, err);
		if (rc)
			return rc;
		lo = PP_MIN(lo, s->paddr);
		hi = PP_MAX(hi, s->paddr + s->memsz);
	}
	struct elf_dest d = {.ptr = ptr, .ctx = ctx};
	rc = elf_load(img, len, &im, elf_dest, &d, &e);
	if (rc)
		return pp_fail(err, rc, "part %s: %s", pp->name, e.msg);
	*out = (struct part_image_info){.kind = PART_IMAGE_ELF,
					.nseg = im.nseg,
					.lo = gpa(lo),
					.span = hi - lo,
					.entry = pp->entry};
	return PP_OK;
}

int part_image_load(const struct part_plan *plan, const struct pp_pol_part *pp, const u8 *img,
		    u64 len, part_gpa_ptr_fn ptr, void *ctx, struct part_image_info *out,
		    struct pp_err *err)
{
	if (!img || len == 0)
		return pp_fail(err, PP_ENOENT, "part %s: image \"%s\" is empty", pp->name,
			       pp->image);
	if (len >= 4 && img[0] == 0x7f && img[1] == 'E' && img[2] == 'L' && img[3] == 'F')
		return load_elf(plan, pp, img, len, ptr, ctx, out, err);
	return load_flat(plan, pp, img, len, ptr, ctx, out, err);
}
