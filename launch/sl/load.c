// SPDX-License-Identifier: GPL-2.0-only
/*
 * Load the hypervisor from its copy (stage.h): the same bytes measure.c
 * hashed, checked by elf_check (launch/elf.c) against the SL's own
 * forbidden ranges (its region, launch's image, launch's handoff, the copy
 * area with every module and ACPI copy in it), its span required to be
 * usable RAM in the handoff's memory map, then copied segment by segment.
 */
#include <parapet/sl_params.h>
#include "launch/elf.h"
#include "sl.h"
#include "span.h"
#include "stage.h"

#define LOAD_WIN_LO 0x100000ull
#define LOAD_WIN_HI 0x100000000ull

static u8 *dest(void *ctx, u64 paddr, u64 len)
{
	(void)ctx;
	if (len > LOAD_WIN_HI || paddr > LOAD_WIN_HI - len)
		return NULL;
	return sl_phys(paddr, len);
}

void sl_load_hypervisor(const struct pp_handoff *h, u32 hv, const struct sl_range *handoff,
			struct elf_image *im)
{
	struct pp_err err = {0, ""};
	const struct pp_module *m = pp_handoff_modules(h);
	const struct elf_forbidden forbid[] = {
	    {SL_REGION_BASE, SL_REGION_END - SL_REGION_BASE, "the secure loader region"},
	    {SL_DMA_BASE, SL_DMA_END - SL_DMA_BASE, "the DMA guard's tables"},
	    {h->launch_base, h->launch_size, "the launch image"},
	    {handoff->base, handoff->len, "launch's handoff"},
	    {h->copy_base, h->copy_size, "the secure loader's copy area"},
	};
	const struct elf_policy pol = {LOAD_WIN_LO, LOAD_WIN_HI, forbid, PP_ARRAY_SIZE(forbid)};
	const u8 *img = sl_phys(m[hv].base, m[hv].length);

	if (!img)
		sl_fatalf(LF_INTERNAL, PP_ERANGE, "hypervisor copy does not map");
	if (elf_check(img, m[hv].length, &pol, im, &err))
		sl_fatalf(LF_MALFORMED_MODULE, err.code, "hypervisor %s", err.msg);
	if (!sl_span_usable(pp_handoff_mmap(h), h->mmap_count, im->span_base, im->span_size))
		sl_fatalf(LF_MALFORMED_MODULE, PP_ERANGE,
			  "hypervisor span 0x%llx-0x%llx is not usable RAM in the memory map",
			  (unsigned long long)im->span_base,
			  (unsigned long long)im->span_base + im->span_size);
	if (elf_load(img, m[hv].length, im, dest, NULL, &err))
		sl_fatalf(LF_MALFORMED_MODULE, err.code, "hypervisor %s", err.msg);
	sl_printf("hypervisor: loaded 0x%llx-0x%llx entry 0x%llx (%u segments)",
		  (unsigned long long)im->span_base,
		  (unsigned long long)im->span_base + im->span_size, (unsigned long long)im->entry,
		  im->nseg);
}
