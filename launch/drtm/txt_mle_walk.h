/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * After GETSEC[SENTER]: check that SINIT measured the MLE we placed, by
 * walking the MLE page table the way SINIT does, and that the CPU entered
 * the MLE where its header says (HARDWARE-ONLY path; pure code over an
 * injected memory reader, host-tested in tests/unit/test_txt_mle_walk.c).
 *
 * Intel TXT Software Development Guide / MLE Developer's Guide, section 2.2
 * ("MLE launch": the MLE page table): SINIT walks a 3-level PAE-style table
 * (PDPT -> PD -> PT, 4 KiB pages only) from linear address 0 and hashes the
 * pages it maps, in order, up to OsSinitData.MleSize bytes; the pages must
 * be in ascending physical order. Section 2.3 ("MLE initialization", the
 * register state after SENTER): EBX holds the physical address of the MLE
 * entry point (the header's linear EntryPoint translated through that
 * table), ECX the page table base when the ECX capability was chosen
 * (txt_caps.h); no other register, segment but CS, or stack is defined.
 *
 * Parapet's own rule (what mle_pt_build writes, txt_mle.h) is stricter than
 * SINIT's: linear page i maps physical mle_base + i * 4 KiB exactly, every
 * entry is address | P and nothing else, and no linear address past the MLE
 * maps anything. The walk enforces exactly that, so any table other than the
 * one we built, or a table changed after we built it, is refused.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_MLE_WALK_H
#define PARAPET_LAUNCH_DRTM_TXT_MLE_WALK_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "launch/drtm/txt_mle.h"

/* Read the little-endian u64 at physical address pa (8-byte aligned) into
 * *val; return 0, or non-zero when pa cannot be read. */
typedef int (*mle_read64_fn)(void *ctx, u64 pa, u64 *val);

struct mle_walk_req {
	u64 pt_base;  /* the PDPT: OsSinitData.MLE page table base */
	u64 pt_size;  /* [pt_base, pt_base + pt_size): the (PMR-protected) table area */
	u64 mle_base; /* physical base of the MLE (OsMleData) */
	u64 mle_size; /* OsSinitData.MleSize: bytes SINIT hashed */
};

/*
 * Walk as SINIT would. Refused: a non-present entry before mle_size bytes
 * are mapped (the walk ends short, PP_ETRUNC); an entry with any bit but the
 * address and P (a large page, flags, bits above 51), a table page outside
 * [pt_base, pt_base + pt_size) or a table area overlapping the MLE
 * (PP_EINVAL / PP_ERANGE); a page outside [mle_base, mle_base + mle_size)
 * (PP_ERANGE), a page not above the previous one (PP_EINVAL, "not
 * ascending"), a page that skips physical pages (PP_EINVAL, "gap"); any
 * present entry for a linear address at or after the MLE's last page
 * (PP_ERANGE); a read the reader refuses (PP_ERANGE). *pages receives the
 * pages walked on success.
 */
int mle_pt_walk(const struct mle_walk_req *r, mle_read64_fn rd, void *ctx, u64 *pages,
		struct pp_err *err);

/*
 * The MLE entry registers SINIT left: EBX must equal mle_base + the
 * header's EntryPoint (linear page i is physical mle_base + i * 4 KiB, the
 * walk above proves it), and EntryPoint must lie inside both [MleStart,
 * MleEnd) and the mle_size bytes SINIT measured. When chosen_caps has
 * MLE_CAP_ECX_PGTBL, ECX must equal the page table base; otherwise ECX is
 * undefined and not looked at.
 */
int mle_entry_regs_check(const struct mle_header *h, u64 mle_base, u64 mle_size, u64 pt_base,
			 u32 chosen_caps, u32 ebx, u32 ecx, struct pp_err *err);

#endif
