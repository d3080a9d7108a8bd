// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: the Multiboot2 information parser (launch/mb2.c). */
#include <stdlib.h>
#include <string.h>
#include <parapet/err.h>
#include "launch/mb2.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct mb2_info mi;

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_err err;
	u32 off, len;
	if (mb2_parse(data, size, &mi, &err) != PP_OK)
		return 0;
	/* Every validated offset must be usable without going out of bounds. */
	if (mi.has_cmdline && strlen((const char *)data + mi.cmdline_off) != mi.cmdline_len)
		abort();
	for (u32 i = 0; i < mi.mod_count; i++)
		if (strlen((const char *)data + mi.mod[i].cmdline_off) != mi.mod[i].cmdline_len)
			abort();
	if (mi.has_efi_mmap && (u64)mi.efi_mmap_off + mi.efi_mmap_size > mi.total_size)
		abort();
	int hv = mb2_find_hypervisor(data, &mi, &off, &len, &err);
	if (hv >= 0 && strlen((const char *)data + off) != len)
		abort();
	(void)mb2_range_available(&mi, 0x1000000, 0x200000);
	return 0;
}
