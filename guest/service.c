// SPDX-License-Identifier: GPL-2.0-only
/*
 * `service`: the default appliance's service partition (the future home of
 * the attestation agent). Prints its partition info and capability table,
 * then a heartbeat line with its name and core every SERVICE_BEAT_MS.
 */
#include <stdbool.h>
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

/* Where it maps the DRTM log: 32 MiB, above its 16 MiB of RAM. */
#define SERVICE_LOG_GPA 0x2000000ull
#define PTE_P 0x1ull
#define PTE_PS 0x80ull
#define PTE_ADDR 0x000ffffffffff000ull

/* Its own tables (identity, docs/partitions.md): a read-only 2 MiB page at va. */
static void map_2m_ro(uint64_t va)
{
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t *pml4 = (uint64_t *)(uintptr_t)(cr3 & PTE_ADDR);
	uint64_t *pdpt = (uint64_t *)(uintptr_t)(pml4[0] & PTE_ADDR);
	uint64_t *pd = (uint64_t *)(uintptr_t)(pdpt[0] & PTE_ADDR);
	pd[(va >> 21) & 511] = va | PTE_P | PTE_PS;
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static bool bytes_eq(const volatile uint8_t *p, const char *s, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (p[i] != (uint8_t)s[i])
			return false;
	return true;
}

/*
 * The DRTM event log through PP_HC_LOG_MAP (the eventlog-read capability):
 * its size, the crypto-agile header's signature, and the hypervisor's
 * policy verdict (the log's last event, docs/policy-update.md). The
 * attestation agent will quote over this log (issue 12).
 */
static void show_drtm_log(void)
{
	struct gk_cap c;
	uint64_t len = 0;
	if (gk_cap_find(PP_HC_CAP_EVENTLOG_READ, PP_HC_RIGHT_USE, 0, &c) != 0) {
		gk_printf("drtm log: no eventlog-read capability\n");
		return;
	}
	int64_t st = gk_hc_log_map(c.sel, PP_HC_LOG_DRTM, SERVICE_LOG_GPA, &len);
	if (st != PP_HC_OK || len > (2u << 20)) {
		gk_printf("drtm log: map: %s\n", gk_status_name(st));
		return;
	}
	map_2m_ro(SERVICE_LOG_GPA);
	const volatile uint8_t *log = (const volatile uint8_t *)(uintptr_t)SERVICE_LOG_GPA;
	/* TCG_PCR_EVENT header: 32 bytes, then the Spec ID Event03 structure */
	bool spec = len > 48 && bytes_eq(log + 32, "Spec ID Event03", 16);
	gk_printf("drtm log: %llu bytes mapped read-only at 0x%llx, %s\n", (unsigned long long)len,
		  (unsigned long long)SERVICE_LOG_GPA,
		  spec ? "Spec ID Event03 header" : "no Spec ID Event03 header");
	static const char want[] = "enforced: ";
	/* from the end: the verdict is the last event */
	for (uint64_t k = len >= 16 ? len - 15 : 0; k > 0; k--) {
		const uint64_t i = k - 1;
		if (!bytes_eq(log + i, want, sizeof(want) - 1))
			continue;
		char v[17];
		for (int j = 0; j < 16; j++)
			v[j] = (char)log[i + (uint64_t)j];
		v[16] = '\0';
		gk_printf("drtm log: policy verdict \"%s\"\n", v);
		return;
	}
	gk_printf("drtm log: no policy verdict found\n");
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
	show_drtm_log();
	const char *src;
	uint32_t khz = gk_tsc_khz(&src);
	gk_printf("tsc %u kHz (%s), heartbeat every %u ms\n", khz, src, SERVICE_BEAT_MS);
	for (uint64_t beat = 0;; beat++) {
		gk_printf("heartbeat %llu apic %u\n", (unsigned long long)beat, gk_apic_id());
		gk_delay_ms(SERVICE_BEAT_MS);
	}
}
