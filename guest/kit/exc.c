// SPDX-License-Identifier: GPL-2.0-only
/* Exception vector names and error codes (exc.h). */
#include "exc.h"

/* Table 8-1's mnemonics; 9 (coprocessor segment overrun, reserved since
 * the 486) is "CSO", 19 AMD's #XF (Intel: #XM), 20 Intel's #VE (reserved
 * on AMD), 28 #HV, 29 #VC, 30 #SX; 15, 22-27 and 31 are reserved. */
// clang-format off
static const char *const names[GK_EXC_COUNT] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "reserved",
	"#MF", "#AC", "#MC", "#XF", "#VE", "#CP", "reserved", "reserved",
	"reserved", "reserved", "reserved", "reserved", "#HV", "#VC", "#SX", "reserved",
};
// clang-format on

const char *gk_exc_name(uint64_t vector)
{
	return vector < GK_EXC_COUNT ? names[vector] : "?";
}

int gk_exc_has_error(uint64_t vector)
{
	return vector < GK_EXC_COUNT && ((uint32_t)GK_EXC_ERRCODE_MASK >> vector & 1u);
}
