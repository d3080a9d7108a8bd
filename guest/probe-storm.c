// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-storm`: an attack guest (attack.h). An exit storm: OUT to port
 * 0x80 (not in its policy: refused, each one an exit) in a tight loop,
 * forever, printing nothing after its start line. Its own core is busy
 * with exits; the others must not notice.
 */
#include "attack.h"
#include "kit/gk.h"

int main(void)
{
	gk_printf("probe-storm: start\n");
	for (;;)
		attack_outb(0x80, 0);
}
