// SPDX-License-Identifier: GPL-2.0-only
/*
 * `service`: the default appliance's service partition. Prints its
 * partition info and capability table, maps its evidence (service_logs.h),
 * starts the attestation agent (service_agent.h), then serves the agent's
 * line and prints a heartbeat line with its core every SERVICE_BEAT_MS.
 */
#include <stdbool.h>
#include "kit/gk.h"
#include "service_agent.h"
#include "service_logs.h"

#define SERVICE_BEAT_MS 1000u

static void print_caps(uint64_t ncaps)
{
	for (uint64_t sel = 0; sel < ncaps; sel++) {
		uint64_t type, target, rights;
		int64_t st = gk_hc_cap_info(sel, &type, &target, &rights);
		if (st != PP_HC_OK) {
			gk_printf("cap %llu: %s\n", (unsigned long long)sel, gk_status_name(st));
			continue;
		}
		gk_printf(
		    "cap %llu: %s target %llu rights %c%c%c%c%c\n", (unsigned long long)sel,
		    gk_cap_type_name(type), (unsigned long long)target,
		    rights & PP_HC_RIGHT_READ ? 'r' : '-', rights & PP_HC_RIGHT_WRITE ? 'w' : '-',
		    rights & PP_HC_RIGHT_EXEC ? 'x' : '-', rights & PP_HC_RIGHT_SIGNAL ? 's' : '-',
		    rights & PP_HC_RIGHT_USE ? 'u' : '-');
	}
}

int main(void)
{
	uint64_t abi = 0, id = 0, ncaps = 0;
	int64_t st = gk_hc_version(&abi);
	gk_printf("guest kit up, abi %llu (%s), apic %u\n", (unsigned long long)abi,
		  gk_status_name(st), gk_apic_id());
	st = gk_self(&id, &ncaps);
	if (st != PP_HC_OK) {
		gk_printf("partition info: %s\n", gk_status_name(st));
		return 1;
	}
	gk_printf("partition %llu, %llu capabilities\n", (unsigned long long)id,
		  (unsigned long long)ncaps);
	print_caps(ncaps);
	struct service_logs logs;
	service_logs_map(&logs);
	const char *src;
	uint32_t khz = gk_tsc_khz(&src);
	gk_printf("tsc %u kHz (%s), heartbeat every %u ms\n", khz, src, SERVICE_BEAT_MS);
	gk_printf("heartbeat 0 apic %u\n", gk_apic_id());
	uint64_t next = gk_now_ms() + SERVICE_BEAT_MS;
	(void)service_agent_start(&logs);
	for (uint64_t beat = 1;;) {
		service_agent_poll();
		if (gk_now_ms() < next) {
			gk_pause();
			continue;
		}
		gk_printf("heartbeat %llu apic %u\n", (unsigned long long)beat++, gk_apic_id());
		/* the rate, not a catch-up burst after a long TPM command */
		next += SERVICE_BEAT_MS;
		if (next <= gk_now_ms())
			next = gk_now_ms() + SERVICE_BEAT_MS;
	}
}
