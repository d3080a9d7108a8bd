/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the CPU left at the secure loader's entry: entry.S (SKINIT) and
 * entry_txt.S (TXT) lay it out at SL_STACK_TOP - SL_ES_SIZE, and the shared
 * tail copies it into sl_entry_state (struct sl_entry_state, sl.h, whose
 * offsets are asserted against these). For assembly and C.
 *
 * SL_STACK_TOP: where the SL's stack starts. SKINIT sets ESP to SLB base +
 * 64 KiB; the MLE gets no stack from SENTER and takes the top of the SL
 * region, above its own image (common/include/parapet/sl_params.h).
 */
#ifndef PARAPET_LAUNCH_SL_ENTRY_STATE_H
#define PARAPET_LAUNCH_SL_ENTRY_STATE_H

#ifdef SL_TXT
#define SL_STACK_TOP 0x460000 /* SL_REGION_END */
#else
#define SL_STACK_TOP 0x410000 /* SL_SLB_BASE + SL_SLB_SIZE */
#endif

#define SL_ENTRY_SKINIT 1 /* entry.S: SKINIT or its emulation, or the static entry */
#define SL_ENTRY_TXT 2	  /* entry_txt.S: as GETSEC[SENTER]'s SINIT leaves the MLE */

#define SL_ES_KIND 0
#define SL_ES_CS 4
#define SL_ES_SS 8
#define SL_ES_GS 12
#define SL_ES_FS 16
#define SL_ES_ES 20
#define SL_ES_DS 24
#define SL_ES_IDTR 28 /* u16 limit, u32 base (SIDT's layout), u16 pad */
#define SL_ES_EFER 36
#define SL_ES_CR4 40
#define SL_ES_CR0 44
#define SL_ES_ECX 48
#define SL_ES_EBX 52
#define SL_ES_EDX 56
#define SL_ES_EFLAGS 60
#define SL_ES_SIZE 64

#endif
