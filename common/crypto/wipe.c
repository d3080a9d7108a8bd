// SPDX-License-Identifier: GPL-2.0-only
/* Secret-wiping helper shared by the hash implementations. */
#include <parapet/sha2.h>
#include <parapet/string.h>

void pp_wipe(void *p, size_t n)
{
	memset(p, 0, n);
	/* The asm "uses" the memory, so the memset is not a dead store. */
	__asm__ __volatile__("" : : "r"(p) : "memory");
}
