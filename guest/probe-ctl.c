// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-ctl`: a test guest (attack.h) holding the one capability the other
 * probes lack: `control work-b`. It exercises PP_HC_PART_STOP and
 * PP_HC_PART_RESTART as the policy allows them (docs/hypercalls.md):
 *   1. waits 2 s (work-b is running), stops it -> ok;
 *   2. stops it again -> estate (it is not running);
 *   3. waits 1 s, restarts it -> ok (reloaded from its measured image);
 *   4. heartbeats.
 * Each step prints `probe-ctl: <step>: <status>`.
 */
#include "attack.h"
#include "kit/gk.h"

int main(void)
{
	struct gk_cap ctl;
	gk_printf("probe-ctl: start\n");
	if (gk_cap_find(PP_HC_CAP_CONTROL, PP_HC_RIGHT_USE, 0, &ctl) != 0) {
		gk_printf("probe-ctl: no control capability\n");
		return 1;
	}
	gk_printf("probe-ctl: control sel %llu, target %llu\n", (unsigned long long)ctl.sel,
		  (unsigned long long)ctl.target);
	gk_delay_ms(2000);
	gk_printf("probe-ctl: stop: %s\n", gk_status_name(gk_hc_part_stop(ctl.sel)));
	gk_printf("probe-ctl: stop again: %s\n", gk_status_name(gk_hc_part_stop(ctl.sel)));
	gk_delay_ms(1000);
	gk_printf("probe-ctl: restart: %s\n", gk_status_name(gk_hc_part_restart(ctl.sel)));
	attack_heartbeats();
}
