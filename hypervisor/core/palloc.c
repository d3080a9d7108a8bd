// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bitmap page allocator (rules in palloc.h and docs/hypervisor.md). Two
 * bitmaps share the caller's storage: `bitmap` (1 = free now) and `managed`
 * (1 = free at init, so it may be handed out and given back).
 */
#include <parapet/string.h>
#include "palloc.h"

#define BITS 64u

static u64 words_for(u64 npages)
{
	return (npages + BITS - 1) / BITS;
}

/* End of [base, base+len), saturating instead of wrapping. */
static u64 range_end(u64 base, u64 len)
{
	u64 end;
	return pp_add_ok(base, len, &end) ? end : UINT64_MAX;
}

u64 palloc_bitmap_bytes(u64 lo, u64 hi)
{
	if (hi <= lo)
		return 0;
	u64 lo_pfn = lo >> PP_PAGE_SHIFT;
	u64 hi_pfn = (hi >> PP_PAGE_SHIFT) + ((hi & (PP_PAGE_SIZE - 1)) ? 1 : 0);
	return 2 * words_for(hi_pfn - lo_pfn) * sizeof(u64);
}

/* Set or clear bits [from, to) of v (bit indices, to <= size). */
static void bits_assign(u64 *v, u64 from, u64 to, bool set)
{
	while (from < to) {
		u64 w = from / BITS, b = from % BITS;
		u64 n = PP_MIN(BITS - b, to - from);
		u64 mask = (n == BITS) ? ~0ull : (((1ull << n) - 1) << b);
		if (set)
			v[w] |= mask;
		else
			v[w] &= ~mask;
		from += n;
	}
}

/* Clear every tracked page that overlaps the byte range [base, end). */
static void clear_overlapping(struct palloc *pa, u64 base, u64 end)
{
	if (end <= base)
		return;
	u64 first = base >> PP_PAGE_SHIFT;
	u64 last = ((end - 1) >> PP_PAGE_SHIFT) + 1; /* exclusive */
	u64 lo = pa->base_pfn, hi = pa->base_pfn + pa->npages;
	first = PP_MAX(first, lo);
	last = PP_MIN(last, hi);
	if (first < last)
		bits_assign(pa->bitmap, first - lo, last - lo, false);
}

/* SWAR population count (no libgcc in freestanding builds). */
static u64 popcount64(u64 x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (x * 0x0101010101010101ull) >> 56;
}

static u64 popcount_all(const u64 *v, u64 words)
{
	u64 n = 0;
	for (u64 i = 0; i < words; i++)
		n += popcount64(v[i]);
	return n;
}

int palloc_init(struct palloc *pa, u64 *bitmap, u64 bitmap_bytes, const struct pp_mem_range *map,
		u32 map_count, const struct palloc_range *excl, u32 excl_count, struct pp_err *err)
{
	if (!pa || !bitmap || (map_count && !map) || (excl_count && !excl))
		return pp_fail(err, PP_EINVAL, "palloc: NULL argument");
	if (excl_count > PALLOC_MAX_EXCLUDE)
		return pp_fail(err, PP_ERANGE, "palloc: %u exclusions, at most %u", excl_count,
			       PALLOC_MAX_EXCLUDE);
	u64 cap_words = bitmap_bytes / (2 * sizeof(u64));
	if (!cap_words)
		return pp_fail(err, PP_ERANGE, "palloc: bitmap storage of %llu bytes too small",
			       (unsigned long long)bitmap_bytes);
	memset(pa, 0, sizeof(*pa));

	/* Tracked window: whole pages of the usable entries. */
	u64 lo_pfn = UINT64_MAX, hi_pfn = 0;
	for (u32 i = 0; i < map_count; i++) {
		if (map[i].type != PP_MEM_USABLE || !map[i].length)
			continue;
		u64 first = PP_ALIGN_UP(map[i].base, PP_PAGE_SIZE) >> PP_PAGE_SHIFT;
		if (map[i].base > UINT64_MAX - (PP_PAGE_SIZE - 1))
			continue; /* no whole page starts in it */
		u64 last = range_end(map[i].base, map[i].length) >> PP_PAGE_SHIFT;
		if (first >= last)
			continue;
		lo_pfn = PP_MIN(lo_pfn, first);
		hi_pfn = PP_MAX(hi_pfn, last);
	}
	if (lo_pfn >= hi_pfn) /* nothing usable: an empty, valid allocator */
		return PP_OK;
	if (hi_pfn - lo_pfn > cap_words * BITS) {
		pa->truncated = true;
		pa->untracked_end = hi_pfn << PP_PAGE_SHIFT;
		hi_pfn = lo_pfn + cap_words * BITS;
	}
	pa->base_pfn = lo_pfn;
	pa->npages = hi_pfn - lo_pfn;
	u64 words = words_for(pa->npages);
	pa->bitmap = bitmap;
	pa->managed = bitmap + words;
	memset(pa->bitmap, 0, words * sizeof(u64));

	for (u32 i = 0; i < map_count; i++) {
		if (map[i].type != PP_MEM_USABLE || !map[i].length ||
		    map[i].base > UINT64_MAX - (PP_PAGE_SIZE - 1))
			continue;
		u64 first = PP_ALIGN_UP(map[i].base, PP_PAGE_SIZE) >> PP_PAGE_SHIFT;
		u64 last = range_end(map[i].base, map[i].length) >> PP_PAGE_SHIFT;
		first = PP_MAX(first, lo_pfn);
		last = PP_MIN(last, hi_pfn);
		if (first < last)
			bits_assign(pa->bitmap, first - lo_pfn, last - lo_pfn, true);
	}
	/* Any page touched by a non-usable entry is never free. */
	for (u32 i = 0; i < map_count; i++)
		if (map[i].type != PP_MEM_USABLE && map[i].length)
			clear_overlapping(pa, map[i].base, range_end(map[i].base, map[i].length));
	for (u32 i = 0; i < excl_count; i++)
		if (excl[i].length)
			clear_overlapping(pa, excl[i].base,
					  range_end(excl[i].base, excl[i].length));
	clear_overlapping(pa, 0, PP_PAGE_SIZE); /* page 0 */

	memcpy(pa->managed, pa->bitmap, words * sizeof(u64));
	pa->free_pages = pa->usable_pages = popcount_all(pa->bitmap, words);
	return PP_OK;
}

static hpa_t take(struct palloc *pa, u64 idx)
{
	pa->bitmap[idx / BITS] &= ~(1ull << (idx % BITS));
	pa->free_pages--;
	return hpa((pa->base_pfn + idx) << PP_PAGE_SHIFT);
}

/* First free page index in [0, limit_idx) starting at word `from`, or UINT64_MAX. */
static u64 find_free(const struct palloc *pa, u64 from, u64 limit_idx)
{
	u64 words = words_for(limit_idx);
	for (u64 w = from; w < words; w++) {
		if (!pa->bitmap[w])
			continue;
		u64 idx = w * BITS + (u64)__builtin_ctzll(pa->bitmap[w]);
		return idx < limit_idx ? idx : UINT64_MAX;
	}
	return UINT64_MAX;
}

/* Number of tracked pages whose end is at or below limit. */
static u64 pages_below(const struct palloc *pa, u64 limit)
{
	u64 limit_pfn = limit >> PP_PAGE_SHIFT;
	if (limit_pfn <= pa->base_pfn)
		return 0;
	return PP_MIN(pa->npages, limit_pfn - pa->base_pfn);
}

hpa_t palloc_alloc(struct palloc *pa)
{
	if (!pa->free_pages)
		return hpa(0);
	u64 idx = find_free(pa, pa->hint, pa->npages);
	if (idx == UINT64_MAX)
		idx = find_free(pa, 0, pa->npages);
	if (idx == UINT64_MAX)
		return hpa(0);
	pa->hint = idx / BITS;
	return take(pa, idx);
}

hpa_t palloc_alloc_below(struct palloc *pa, u64 limit)
{
	u64 idx = find_free(pa, 0, pages_below(pa, limit));
	return idx == UINT64_MAX ? hpa(0) : take(pa, idx);
}

static bool is_free(const struct palloc *pa, u64 idx)
{
	return (pa->bitmap[idx / BITS] >> (idx % BITS)) & 1;
}

hpa_t palloc_alloc_run(struct palloc *pa, u64 npages, u64 limit)
{
	u64 n = pages_below(pa, limit);
	if (!npages || npages > pa->free_pages || npages > n)
		return hpa(0);
	u64 run = 0;
	for (u64 idx = 0; idx < n; idx++) {
		if (!(idx % BITS) && !pa->bitmap[idx / BITS]) {
			run = 0;
			idx += BITS - 1; /* skip a fully allocated word */
			continue;
		}
		run = is_free(pa, idx) ? run + 1 : 0;
		if (run == npages) {
			u64 first = idx + 1 - npages;
			for (u64 i = first; i <= idx; i++)
				take(pa, i);
			return hpa((pa->base_pfn + first) << PP_PAGE_SHIFT);
		}
	}
	return hpa(0);
}

int palloc_free(struct palloc *pa, hpa_t page)
{
	u64 a = hpa_val(page);
	if (!PP_IS_ALIGNED(a, PP_PAGE_SIZE))
		return PP_EINVAL;
	u64 pfn = a >> PP_PAGE_SHIFT;
	if (pfn < pa->base_pfn || pfn - pa->base_pfn >= pa->npages)
		return PP_EINVAL;
	u64 idx = pfn - pa->base_pfn;
	if (!((pa->managed[idx / BITS] >> (idx % BITS)) & 1) || is_free(pa, idx))
		return PP_EINVAL; /* foreign page or double free */
	pa->bitmap[idx / BITS] |= 1ull << (idx % BITS);
	pa->free_pages++;
	return PP_OK;
}
