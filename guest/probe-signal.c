// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-signal`: an attack guest (attack.h). PP_HC_CHAN_SIGNAL with every
 * selector it holds and with ATTACK_BAD_SEL: without a channel end (it has
 * no channel to anyone) each must be refused (eperm) and no partition
 * interrupted. Prints each status (`probe-signal: signal sel S: eperm`),
 * then heartbeats.
 */
#include "attack.h"
#include "kit/gk.h"

static void try_sel(uint64_t sel)
{
	gk_printf("probe-signal: signal sel %llu: %s\n", (unsigned long long)sel,
		  gk_status_name(gk_hc_chan_signal(sel)));
}

int main(void)
{
	gk_printf("probe-signal: start\n");
	uint64_t ncaps = 0;
	int64_t st = gk_self(0, &ncaps);
	gk_printf("probe-signal: %llu capabilities (%s)\n", (unsigned long long)ncaps,
		  gk_status_name(st));
	for (uint64_t sel = 0; sel < ncaps; sel++)
		try_sel(sel);
	try_sel(ATTACK_BAD_SEL);
	attack_heartbeats();
}
