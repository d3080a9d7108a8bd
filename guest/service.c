// SPDX-License-Identifier: GPL-2.0-only
/*
 * `service`: the default appliance's service partition (the future home of
 * the attestation agent). Prints its partition info and capability table,
 * then a heartbeat line with its name and core every SERVICE_BEAT_MS.
 */
#include "kit/gk.h"

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
	const char *src;
	uint32_t khz = gk_tsc_khz(&src);
	gk_printf("tsc %u kHz (%s), heartbeat every %u ms\n", khz, src, SERVICE_BEAT_MS);
	for (uint64_t beat = 0;; beat++) {
		gk_printf("heartbeat %llu apic %u\n", (unsigned long long)beat, gk_apic_id());
		gk_delay_ms(SERVICE_BEAT_MS);
	}
}
