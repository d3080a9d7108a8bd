// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the TXT heap parsers (launch/drtm/txt_heap_parse.c)
 * and the post-launch check. The first byte picks the entry point:
 *   0: whole heap (layout, every table parser, txt_post_launch_check)
 *   1: BiosData table   2: SinitMleData table   3: extended element list
 *   (the rest of the input is the heap / table bytes)
 * Every accepted structure is re-checked for in-bounds offsets; an accepted
 * SinitMleData's DMAR copy (txt_sinit_dmar) must lie inside the table.
 */
#include <stdlib.h>
#include <string.h>
#include "launch/drtm/txt_dmar.h"
#include "launch/drtm/txt_heap.h"
#include "launch/drtm/txt_post.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static void check_sinit(const struct txt_sinit_mle_info *s)
{
	if ((u64)s->mdrs_off + (u64)s->num_mdrs * 24 > s->table_size)
		abort();
	if (s->dmar_size && (u64)s->dmar_off + s->dmar_size > s->table_size)
		abort();
	for (u32 i = 0; i < s->num_mdrs; i++) {
		struct txt_sinit_mdr m;
		txt_sinit_mdr(s, i, &m);
		if (m.base + m.length < m.base)
			abort();
	}
	(void)txt_mdrs_cover_good(s, 0x2000000, 0x100000);
	(void)txt_mdrs_cover_good(s, 0, ~0ull);
	const u8 *d;
	u32 len;
	if (txt_sinit_dmar(s, &d, &len, NULL) == PP_OK &&
	    (d < s->table || (u64)(d - s->table) + len > s->table_size || len < 48))
		abort();
	if (s->version >= 9 && (s->v8_fields || s->mle_hash[0] || s->edx_senter_flags))
		abort();
}

static void check_elts(const struct txt_elts *e)
{
	if (e->has_evtlog && (e->evtlog.first_record_offset > e->evtlog.next_record_offset ||
			      e->evtlog.next_record_offset > e->evtlog.allocated_size))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_err err;
	if (size < 1)
		return 0;
	u8 mode = data[0] & 3;
	const u8 *p = data + 1;
	u64 n = size - 1;
	/* Copy into an exact-size heap allocation so ASan sees any overread. */
	u8 *buf = malloc(n ? n : 1);
	if (!buf)
		return 0;
	memcpy(buf, p, n);
	switch (mode) {
	case 0: {
		struct txt_heap_layout l;
		if (txt_heap_layout(buf, n, &l, &err) == PP_OK) {
			if (l.used > n)
				abort();
			struct txt_bios_info b;
			struct txt_sinit_mle_info s;
			struct txt_os_sinit_info o;
			struct pp_os_mle_data m;
			if (txt_bios_data_parse(buf + l.off[0], l.size[0], &b, &err) == PP_OK)
				check_elts(&b.elts);
			(void)txt_os_mle_parse(buf + l.off[1], l.size[1], &m, &err);
			if (txt_os_sinit_parse(buf + l.off[2], l.size[2], &o, &err) == PP_OK) {
				check_elts(&o.elts);
				(void)txt_pmr_covers(&o, 0x2000000, 0x100000);
			}
			if (txt_sinit_mle_parse(buf + l.off[3], l.size[3], &s, &err) == PP_OK)
				check_sinit(&s);
			struct txt_expect x = {0x2000000, 0x100000, 0x2000000 - 0x3000, 0x3000000,
					       0x10000};
			(void)txt_post_launch_check(buf, n, &x, NULL, &err);
		}
		break;
	}
	case 1: {
		struct txt_bios_info b;
		if (txt_bios_data_parse(buf, n, &b, &err) == PP_OK)
			check_elts(&b.elts);
		break;
	}
	case 2: {
		struct txt_sinit_mle_info s;
		if (txt_sinit_mle_parse(buf, n, &s, &err) == PP_OK)
			check_sinit(&s);
		break;
	}
	default: {
		struct txt_elts e;
		if (txt_elts_parse(buf, n, "fuzz", &e, &err) == PP_OK)
			check_elts(&e);
		break;
	}
	}
	free(buf);
	return 0;
}
