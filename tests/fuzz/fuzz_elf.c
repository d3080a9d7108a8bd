// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the ELF64 validator and loader (launch/elf.c). Accepted
 * images are loaded into a fake 1 MiB physical window at 16 MiB; the loader
 * must never ask for memory outside what elf_check() approved.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/err.h>
#include "launch/elf.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define WIN_LO 0x1000000ull
#define WIN_SIZE 0x100000ull

static u8 mem[WIN_SIZE];
static const struct elf_image *cur;

static u8 *dest(void *ctx, u64 paddr, u64 len)
{
	(void)ctx;
	if (paddr < cur->span_base || len > cur->span_size ||
	    paddr - cur->span_base > cur->span_size - len)
		abort(); /* outside the validated span */
	return mem + (paddr - WIN_LO);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const struct elf_forbidden forbid[] = {
	    {WIN_LO + 0x80000, 0x1000, "forbidden"},
	};
	const struct elf_policy pol = {WIN_LO, WIN_LO + WIN_SIZE, forbid, 1};
	struct elf_image im;
	struct pp_err err;
	if (elf_check(data, size, &pol, &im, &err) != PP_OK)
		return 0;
	if (im.span_base < WIN_LO || im.span_size > WIN_SIZE ||
	    im.span_base - WIN_LO > WIN_SIZE - im.span_size)
		abort();
	cur = &im;
	if (elf_load(data, size, &im, dest, NULL, &err) != PP_OK)
		abort();
	return 0;
}
