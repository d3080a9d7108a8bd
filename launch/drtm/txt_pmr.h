/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DMA protection and memory-map rules of a TXT launch (HARDWARE-ONLY path;
 * pure decisions over the parsed heap and the handoff-style memory map,
 * host-tested in tests/unit/test_txt_pmr.c).
 *
 * SINIT programs the two VT-d Protected Memory Regions from OsSinitData
 * (Intel TXT Software Development Guide / MLE Developer's Guide, appendix
 * C.3: PMR low base/size below 4 GiB, PMR high base/size, 2 MiB granular)
 * and checks that they cover the MLE and its page table; nothing else is
 * DMA-protected until the hypervisor programs the IOMMU. So, as tboot and
 * Linux Secure Launch do, the MLE refuses to go on unless:
 *   - every RAM range of the memory map it hands on (PP_MEM_USABLE and
 *     PP_MEM_ACPI_RECLAIM: the types the hypervisor may use or reclaim) and
 *     every buffer it measured or uses (handoff, modules and their copy
 *     area, event log, ...) lies inside the union of the two PMRs
 *     (txt_pmr_check_coverage; a gap anywhere is refused);
 *   - the DRTM event log does not overlap the MLE or its page table
 *     (txt_log_check_placement): SINIT writes the log after hashing the MLE;
 *   - the TXT heap, the SINIT region and the TXT private configuration space
 *     are not usable in the map handed on (txt_reserved_regions,
 *     txt_mmap_check_reserved): the hypervisor must never hand them out.
 *     How: the builder adds them as PP_MEM_RESERVED (pp_hb_add_mem; on an
 *     overlap pp_hb_finish keeps the more restrictive type, so they end up
 *     reserved whatever the firmware map said), and the check proves the
 *     result.
 * txt_pmr_plan computes the PMRs to request before SENTER so that the
 * coverage rule can hold: low [0, top of RAM below 4 GiB), high [4 GiB, top
 * of RAM), each rounded up to 2 MiB.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_PMR_H
#define PARAPET_LAUNCH_DRTM_TXT_PMR_H

#include <parapet/err.h>
#include <parapet/handoff.h>
#include <parapet/types.h>
#include "launch/drtm/txt_heap.h"

#define TXT_PRIV_SPACE_BASE 0xFED20000ull /* MLE guide appendix B */
#define TXT_PRIV_SPACE_SIZE 0x10000ull
#define TXT_RESERVED_REGIONS 3u /* heap, SINIT, private space */

/* A named physical buffer (for precise errors). */
struct txt_buf {
	const char *name;
	u64 base, size;
};

struct txt_pmr_plan {
	u64 lo_base, lo_size, hi_base, hi_size;
};

/* True when [base, base + size) (size > 0, no wrap) lies inside the union
 * of the low and the high PMR of o (a range may run from one into the
 * other when they touch). */
bool txt_pmr_covers(const struct txt_os_sinit_info *o, u64 base, u64 size);

/* RAM ranges of map[n] and bufs[nbufs] all covered (see above): the first
 * one that is not, and the first byte left unprotected, are named. */
int txt_pmr_check_coverage(const struct txt_os_sinit_info *o, const struct pp_mem_range *map, u32 n,
			   const struct txt_buf *bufs, u32 nbufs, struct pp_err *err);

/* The log [log_pa, + log_size) overlaps neither the MLE nor its table. */
int txt_log_check_placement(u64 log_pa, u64 log_size, u64 mle_base, u64 mle_size, u64 pt_base,
			    u64 pt_size, struct pp_err *err);

/* The regions that must not be usable (heap and SINIT from TXT.HEAP.* and
 * TXT.SINIT.*, the private space): fills out[], returns their count. */
u32 txt_reserved_regions(u64 heap_base, u64 heap_size, u64 sinit_base, u64 sinit_size,
			 struct txt_buf out[TXT_RESERVED_REGIONS]);

/* No region overlaps a PP_MEM_USABLE or PP_MEM_ACPI_RECLAIM range of map;
 * empty or wrapping regions are refused too. */
int txt_mmap_check_reserved(const struct pp_mem_range *map, u32 n, const struct txt_buf *reg,
			    u32 nreg, struct pp_err *err);

/* PMRs covering every RAM range of map (types as above). PP_ENOENT when
 * the map has no RAM. */
int txt_pmr_plan(const struct pp_mem_range *map, u32 n, struct txt_pmr_plan *out,
		 struct pp_err *err);

#endif
