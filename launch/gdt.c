// SPDX-License-Identifier: GPL-2.0-only
/*
 * GDT used by the 32-bit entry to reach long mode and loaded again right
 * before the jump to the hypervisor (the firmware's GDT may sit in memory
 * the hypervisor reuses). Descriptor bits: AMD64 APM Vol. 2, 4.7 and 4.8
 * (long mode ignores base/limit, but they are set flat for the 32-bit stub).
 */
#include "gdt.h"

#define DESC_LIMIT_LOW 0xffffull
#define DESC_TYPE_DATA_RW (0x2ull << 40)
#define DESC_TYPE_CODE_XR (0xaull << 40)
#define DESC_S (1ull << 44) /* code/data, not system */
#define DESC_P (1ull << 47)
#define DESC_LIMIT_HIGH (0xfull << 48)
#define DESC_L (1ull << 53)  /* 64-bit code */
#define DESC_DB (1ull << 54) /* 32-bit default size (data) */
#define DESC_G (1ull << 55)  /* 4-KiB granularity */

#define DESC_FLAT (DESC_LIMIT_LOW | DESC_LIMIT_HIGH | DESC_S | DESC_P | DESC_G)

__attribute__((aligned(16))) const u64 launch_gdt[4] = {
    0, DESC_FLAT | DESC_TYPE_CODE_XR | DESC_L, /* LAUNCH_CS */
    DESC_FLAT | DESC_TYPE_DATA_RW | DESC_DB,   /* LAUNCH_DS */
    DESC_FLAT | DESC_TYPE_CODE_XR | DESC_DB,   /* LAUNCH_CS32 */
};
_Static_assert(LAUNCH_CS == 1 * 8 && LAUNCH_DS == 2 * 8 && LAUNCH_CS32 == 3 * 8,
	       "selectors match launch_gdt[]");
_Static_assert((DESC_FLAT | DESC_TYPE_CODE_XR | DESC_DB) == 0x00cf9a000000ffffull, "code32");
_Static_assert((DESC_FLAT | DESC_TYPE_CODE_XR | DESC_L) == 0x00af9a000000ffffull, "code64");
_Static_assert((DESC_FLAT | DESC_TYPE_DATA_RW | DESC_DB) == 0x00cf92000000ffffull, "data");

const struct gdt_ptr launch_gdt_ptr = {
    .limit = sizeof(launch_gdt) - 1,
    .base = (u64)(uintptr_t)launch_gdt,
};
