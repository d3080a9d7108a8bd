// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the handoff validator (common/lib/handoff.c). The input
 * is copied into an 8-byte-aligned buffer of exactly its size; accepted
 * blobs are walked through the accessors the hypervisor uses.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/handoff.h>

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_err err;
	if (size > PP_HANDOFF_MAX_SIZE + 64)
		return 0;
	u8 *buf = aligned_alloc(8, size ? (size + 7) & ~(size_t)7 : 8);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (pp_handoff_check(buf, size, &err) == PP_OK) {
		const struct pp_handoff *h = (const struct pp_handoff *)buf;
		u64 sum = 0;
		const struct pp_mem_range *m = pp_handoff_mmap(h);
		for (u32 i = 0; i < h->mmap_count; i++)
			sum += m[i].base + m[i].length;
		const struct pp_module *mo = pp_handoff_modules(h);
		for (u32 i = 0; i < h->mod_count; i++)
			sum += strlen(pp_handoff_str(h, mo[i].cmdline_off));
		const struct pp_acpi_copy *a = pp_handoff_acpi(h);
		for (u32 i = 0; i < h->acpi_count; i++)
			sum += a[i].orig + a[i].copy + a[i].length;
		sum += strlen(pp_handoff_str(h, h->cmdline_off));
		if (sum == 0x5a5a5a5a5a5a5a5aull)
			abort(); /* keep the loads */
	}
	free(buf);
	return 0;
}
