/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Table memory for the page-table engine (hypervisor/lib/pt) in the
 * hypervisor: 4 KiB pages from hv_palloc, zeroed, reached through the
 * identity map of RAM (docs/hypervisor.md, "Page tables"). The engine is
 * lock-free; the allocator behind it takes a spinlock. That lock only
 * orders these callbacks among themselves: hv_palloc's other users (AP
 * stacks, the trampoline, CET shadow stacks) allocate during bring-up on
 * the BSP, before any page table is built.
 */
#ifndef PARAPET_HV_PT_PALLOC_H
#define PARAPET_HV_PT_PALLOC_H

#include "hypervisor/lib/pt/pt.h"

/* Fill *mem with hv_palloc-backed callbacks. */
void pt_palloc_mem(struct pt_mem *mem);

#endif
