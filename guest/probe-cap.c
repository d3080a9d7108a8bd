// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-cap`: an attack guest (attack.h). PP_HC_PART_STOP and
 * PP_HC_PART_RESTART with every selector it holds (none is a control
 * capability) and with ATTACK_BAD_SEL: each must be refused (eperm) and
 * nothing stopped. Prints each status (`probe-cap: stop sel S: eperm`),
 * then heartbeats.
 */
#include "attack.h"
#include "kit/gk.h"

static void try_sel(uint64_t sel)
{
	gk_printf("probe-cap: stop sel %llu: %s\n", (unsigned long long)sel,
		  gk_status_name(gk_hc_part_stop(sel)));
	gk_printf("probe-cap: restart sel %llu: %s\n", (unsigned long long)sel,
		  gk_status_name(gk_hc_part_restart(sel)));
}

int main(void)
{
	gk_printf("probe-cap: start\n");
	uint64_t ncaps = 0;
	int64_t st = gk_self(0, &ncaps);
	gk_printf("probe-cap: %llu capabilities (%s)\n", (unsigned long long)ncaps,
		  gk_status_name(st));
	for (uint64_t sel = 0; sel < ncaps; sel++)
		try_sel(sel);
	try_sel(ATTACK_BAD_SEL);
	attack_heartbeats();
}
