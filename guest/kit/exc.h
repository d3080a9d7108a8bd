/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The 32 x86 exception vectors (AMD64 APM vol. 2, 8.2 "Vectors", Table 8-1):
 * their mnemonics for the kit's exception line and which of them push an
 * error code. Pure data, host-tested (tests/unit/test_guest_idt.c);
 * vectors.S uses GK_EXC_ERRCODE_MASK to give the others a dummy 0 so that
 * every trap frame has the same layout (idt.h).
 */
#ifndef GUEST_KIT_EXC_H
#define GUEST_KIT_EXC_H

#define GK_EXC_COUNT 32

/* Bit v set: vector v pushes an error code (Table 8-1): #DF 8, #TS 10,
 * #NP 11, #SS 12, #GP 13, #PF 14, #AC 17, #CP 21, #VC 29, #SX 30. */
#define GK_EXC_ERRCODE_MASK 0x60227d00 /* no suffix: vectors.S uses it */

#ifndef __ASSEMBLY__
#include <stdint.h>

/* "#GP" for 13, "NMI" for 2, "reserved" for the reserved vectors (15,
 * 22-27, 31), "?" above 31. Never NULL. */
const char *gk_exc_name(uint64_t vector);

/* 1 when the CPU pushes an error code for this exception vector, else 0
 * (also for every vector above 31). */
int gk_exc_has_error(uint64_t vector);
#endif

#endif
