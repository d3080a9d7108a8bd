// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a partition's image loader (hypervisor/core/part/
 * image.c, with launch/elf.c underneath) on any bytes, flat or ELF64. The
 * plan is fixed: RAM at 1 MiB (1 MiB, the boot area at its top) and at
 * 3 MiB (64 KiB), a channel page and an MMIO page; entry 0x100040. The
 * gpa -> host callback aborts when the loader asks for anything but RAM
 * outside the boot area, so a write outside the partition's RAM is a crash.
 */
#include <stdlib.h>
#include <string.h>
#include "hypervisor/core/part/image.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define RAM0 0x100000ull
#define RAM0_SIZE 0x100000ull
#define RAM1 0x300000ull
#define RAM1_SIZE 0x10000ull
#define BOOT_PAGES 8u

static u8 ram0[RAM0_SIZE], ram1[RAM1_SIZE];

static u8 *ptr(void *ctx, gpa_t g, u64 len)
{
	const struct part_plan *plan = ctx;
	u64 a = gpa_val(g), boot = gpa_val(plan->boot_gpa);
	if (len == 0 || a + len < a)
		abort();
	if (a < boot + BOOT_PAGES * PP_PAGE_SIZE && boot < a + len)
		abort(); /* the boot area */
	if (a >= RAM0 && a + len <= RAM0 + RAM0_SIZE)
		return ram0 + (a - RAM0);
	if (a >= RAM1 && a + len <= RAM1 + RAM1_SIZE)
		return ram1 + (a - RAM1);
	abort(); /* outside the RAM: channel, MMIO, holes */
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct part_plan plan = {
	    .part = 1,
	    .n = 4,
	    .r =
		{
		    {.kind = PART_REG_RAM, .perm = 7, .gpa = {RAM0}, .size = RAM0_SIZE},
		    {.kind = PART_REG_RAM, .perm = 3, .gpa = {RAM1}, .size = RAM1_SIZE},
		    {.kind = PART_REG_CHAN, .perm = 3, .gpa = {0x400000}, .size = 0x1000},
		    {.kind = PART_REG_MMIO, .perm = 3, .gpa = {0x500000}, .size = 0x1000},
		},
	    .boot_gpa = {RAM0 + RAM0_SIZE - BOOT_PAGES * PP_PAGE_SIZE},
	    .boot_pages = BOOT_PAGES,
	};
	static const struct pp_pol_part part = {
	    .id = 1, .name = "fuzz", .image = "fuzz.bin", .entry = 0x100040, .mode = 1};
	struct part_image_info info;
	struct pp_err err;
	if (part_image_load(&plan, &part, data, size, ptr, &plan, &info, &err) != PP_OK)
		return 0;
	/* accepted: what it reports lies in the RAM and holds the entry */
	if (gpa_val(info.lo) < RAM0 || info.span == 0 || info.entry != part.entry)
		abort();
	return 0;
}
