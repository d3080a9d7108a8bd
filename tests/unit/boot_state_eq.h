/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Equality of a partition's first register state (hypervisor/core/part/
 * boot.h) for the Linux loader's unit tests and fuzz target: member by
 * member, since the struct has padding, which memcmp would compare too
 * (clang-tidy bugprone-suspicious-memory-comparison).
 */
#ifndef PARAPET_TESTS_BOOT_STATE_EQ_H
#define PARAPET_TESTS_BOOT_STATE_EQ_H

#include <stdbool.h>
#include "hypervisor/core/part/boot.h"

static inline bool seg_eq(const struct part_seg *a, const struct part_seg *b)
{
	return a->sel == b->sel && a->attrib == b->attrib && a->limit == b->limit &&
	       a->base == b->base;
}

static inline bool boot_state_eq(const struct part_boot_state *a, const struct part_boot_state *b)
{
	return a->rip == b->rip && a->rsp == b->rsp && a->rflags == b->rflags && a->rsi == b->rsi &&
	       a->cr0 == b->cr0 && a->cr2 == b->cr2 && a->cr3 == b->cr3 && a->cr4 == b->cr4 &&
	       a->efer == b->efer && a->dr6 == b->dr6 && a->dr7 == b->dr7 && a->g_pat == b->g_pat &&
	       a->cpl == b->cpl && seg_eq(&a->es, &b->es) && seg_eq(&a->cs, &b->cs) &&
	       seg_eq(&a->ss, &b->ss) && seg_eq(&a->ds, &b->ds) && seg_eq(&a->fs, &b->fs) &&
	       seg_eq(&a->gs, &b->gs) && seg_eq(&a->gdtr, &b->gdtr) && seg_eq(&a->ldtr, &b->ldtr) &&
	       seg_eq(&a->idtr, &b->idtr) && seg_eq(&a->tr, &b->tr);
}

#endif
