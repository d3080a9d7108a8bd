// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-port`: an attack guest (attack.h). 1000 OUTs to port 0x80 and
 * 1000 INs from port 0x61 (the PC speaker / NMI status port), none in its
 * policy: each is refused (OUT dropped, IN reads all ones) and counted.
 * Then `probe-port: 2000 refused accesses done`, how many INs read 0xff,
 * and heartbeats: it keeps running.
 */
#include "attack.h"
#include "kit/gk.h"

#define PROBE_PORT_N 1000u

int main(void)
{
	gk_printf("probe-port: start\n");
	for (unsigned i = 0; i < PROBE_PORT_N; i++)
		attack_outb(0x80, (uint8_t)i);
	unsigned ones = 0;
	for (unsigned i = 0; i < PROBE_PORT_N; i++)
		ones += attack_inb(0x61) == 0xff;
	gk_printf("probe-port: %u refused accesses done\n", 2 * PROBE_PORT_N);
	gk_printf("probe-port: in 0x61 read 0xff %u of %u times\n", ones, PROBE_PORT_N);
	attack_heartbeats();
}
