// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-triple`: an attack guest (attack.h). Loads an IDT with limit 0
 * and executes INT3: #BP's gate is outside the limit -> #GP, whose gate is
 * too -> #DF, likewise -> triple fault (shutdown), which stops the
 * partition. `probe-triple: still running` must never be printed.
 */
#include "attack.h"
#include "kit/gk.h"

int main(void)
{
	gk_printf("probe-triple: start\n");
	gk_printf("probe-triple: int3 with an empty IDT\n");
	struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} idtr = {0, 0};
	__asm__ volatile("lidt %0\n\tint3" : : "m"(idtr) : "memory");
	gk_printf("probe-triple: still running\n");
	return 0;
}
