// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-busy`: an attack guest (attack.h). Says `probe-busy: spinning`
 * once, then loops forever with interrupts off and no exit of its own
 * (only the host's ticks interrupt it): on a time-shared core it must not
 * get more than its slice.
 */
#include "attack.h"
#include "kit/gk.h"

int main(void)
{
	gk_printf("probe-busy: start\n");
	gk_printf("probe-busy: spinning\n");
	volatile uint64_t spins = 0;
	for (;;)
		spins = spins + 1;
}
