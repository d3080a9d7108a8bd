// SPDX-License-Identifier: GPL-2.0-only
/* The secure loader's copy area (stage.h). */
#include <parapet/acpi_walk.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>
#include "stage.h"

#define PAGE 0x1000ull
#define FORB_MAX (PP_HANDOFF_MAX_MODULES + 3)

static u64 page_up(u64 v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

static bool overlaps(u64 a, u64 alen, const struct sl_range *r)
{
	return r->len && a < r->base + r->len && r->base < a + alen;
}

int sl_area_find(const struct pp_mem_range *m, u32 n, const struct sl_range *forb, u32 nf, u64 size,
		 u64 *base, struct pp_err *err)
{
	u64 best = 0;
	bool found = false;

	size = page_up(size);
	for (u32 i = 0; size && i < n; i++) {
		if (m[i].type != PP_MEM_USABLE)
			continue;
		u64 lo = PP_MAX(m[i].base, SL_AREA_MIN);
		u64 end = PP_MIN(m[i].base + m[i].length, SL_AREA_MAX); /* checked: no wrap */
		/* each pass moves end below a forbidden range: at most nf + 1 passes */
		for (u32 pass = 0; pass <= nf && end >= lo + size; pass++) {
			u64 cand = (end - size) & ~(PAGE - 1), stop = end;
			if (cand < lo)
				break;
			for (u32 k = 0; k < nf; k++)
				if (overlaps(cand, size, &forb[k]))
					stop = PP_MIN(stop, forb[k].base);
			if (stop == end) {
				if (!found || cand > best)
					best = cand;
				found = true;
				break;
			}
			end = stop;
		}
	}
	if (!found)
		return pp_fail(err, PP_ENOMEM,
			       "copy area: no %llu KiB of usable RAM below 4 GiB clear of the "
			       "launch image and the boot modules",
			       (unsigned long long)(size >> 10));
	*base = best;
	return PP_OK;
}

/* Take len bytes (aligned) from the area. */
static u8 *area_take(struct sl_area *a, u64 len, u64 align, u64 *pa)
{
	u64 at = (a->used + align - 1) & ~(align - 1);
	if (at > a->size || len > a->size - at)
		return NULL;
	a->used = at + len;
	*pa = a->base + at;
	return sl_phys(*pa, len);
}

/* ---- ACPI: sizing walk over firmware memory, copying walk into the area ---- */

struct acpi_stage {
	struct sl_area *area;
	u64 total; /* sizing: bytes the copies need */
	struct pp_acpi_copy rec[PP_HANDOFF_MAX_ACPI];
	u32 nrec;
};

static const u8 *map_firmware(u64 phys, u64 len, void *ctx)
{
	(void)ctx;
	return sl_phys(phys, len);
}

static int visit_size(void *ctx, u64 phys, const u8 *t, u32 len, bool root, struct pp_err *err)
{
	struct acpi_stage *s = ctx;
	(void)phys, (void)t, (void)root, (void)err;
	s->total += (len + 7u) & ~7u;
	return 0;
}

/* Copy-on-map: the walk checks (and the visitor records) the copy only. */
static const u8 *map_copy(u64 phys, u64 len, void *ctx)
{
	struct acpi_stage *s = ctx;
	struct sl_area *a = s->area;
	if (a->used > a->size || len > a->size - a->used)
		return NULL;
	u8 *dst = sl_phys(a->base + a->used, len);
	const u8 *src = sl_phys(phys, len); /* mapped last: read once, right here */
	if (!dst || !src)
		return NULL;
	memcpy(dst, src, len);
	return dst;
}

static int visit_copy(void *ctx, u64 phys, const u8 *t, u32 len, bool root, struct pp_err *err)
{
	struct acpi_stage *s = ctx;
	struct sl_area *a = s->area;
	(void)root, (void)t;
	if (s->nrec == PP_HANDOFF_MAX_ACPI)
		return pp_fail(err, PP_ENOMEM, "more than %u ACPI tables", PP_HANDOFF_MAX_ACPI);
	struct pp_acpi_copy *r = &s->rec[s->nrec++];
	r->orig = phys;
	r->copy = a->base + a->used; /* where map_copy put it */
	r->length = len;
	memcpy(r->sig, t, sizeof(r->sig));
	a->used = (a->used + len + 7u) & ~7ull;
	return 0;
}

static struct acpi_stage sl_acpi; /* ~1.6 KiB: static, never on the SL's small stack */

int sl_stage_area(struct pp_handoff *h, u32 cap, struct sl_area *area, struct pp_err *acpi_err,
		  struct pp_err *err)
{
	struct pp_module *mod = (struct pp_module *)((u8 *)h + h->mod_off);
	struct sl_range forb[FORB_MAX];
	u32 nf = 0;
	u64 size = 0;
	int rc;

	memset(&sl_acpi, 0, sizeof(sl_acpi));
	acpi_err->code = 0;
	acpi_err->msg[0] = '\0';
	/* Size: the modules (page-aligned each), then the ACPI tables as found. */
	for (u32 i = 0; i < h->mod_count; i++) {
		size += page_up(mod[i].length);
		forb[nf++] = (struct sl_range){mod[i].base, mod[i].length};
	}
	if (h->rsdp_len)
		(void)acpi_walk(h->rsdp, h->rsdp_len, map_firmware, NULL, visit_size, &sl_acpi,
				NULL, acpi_err);
	acpi_err->code = 0; /* the copying walk below decides */
	size += page_up(sl_acpi.total);
	forb[nf++] = (struct sl_range){SL_REGION_BASE, SL_DMA_END - SL_REGION_BASE};
	forb[nf++] = (struct sl_range){h->launch_base, h->launch_size};
	forb[nf++] = (struct sl_range){h->hv_base, h->hv_size};
	rc = sl_area_find(pp_handoff_mmap(h), h->mmap_count, forb, nf, size, &area->base, err);
	if (rc)
		return rc;
	area->size = page_up(size);
	area->used = 0;

	for (u32 i = 0; i < h->mod_count; i++) {
		u64 pa = 0;
		u8 *dst = area_take(area, mod[i].length, PAGE, &pa);
		const u8 *src = sl_phys(mod[i].base, mod[i].length); /* mapped last, read once */
		if (!src || !dst)
			return pp_fail(
			    err, PP_ERANGE, "copy area: module %u (0x%llx+0x%llx) cannot be copied",
			    i, (unsigned long long)mod[i].base, (unsigned long long)mod[i].length);
		memcpy(dst, src, mod[i].length); /* the one read of the original */
		mod[i].base = pa;
	}
	h->copy_base = area->base;
	h->copy_size = area->size;

	area->used = page_up(area->used);
	if (!h->rsdp_len) {
		pp_fail(acpi_err, PP_ENOENT, "no RSDP in the handoff");
		return PP_OK;
	}
	sl_acpi.area = area;
	u64 acpi_start = area->used;
	if (acpi_walk(h->rsdp, h->rsdp_len, map_copy, &sl_acpi, visit_copy, &sl_acpi, NULL,
		      acpi_err)) {
		sl_acpi.nrec = 0; /* nothing half-copied is handed on */
		area->used = acpi_start;
		return PP_OK;
	}
	rc = pp_handoff_append(h, cap, sl_acpi.rec, sl_acpi.nrec * (u32)sizeof(sl_acpi.rec[0]),
			       &h->acpi_off);
	if (rc)
		return pp_fail(err, rc, "handoff: no room for %u ACPI copy records", sl_acpi.nrec);
	h->acpi_count = sl_acpi.nrec;
	return PP_OK;
}
