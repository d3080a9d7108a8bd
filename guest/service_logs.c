// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mapping the service's evidence (service_logs.h). Each log is one
 * PP_HC_LOG_MAP of at most 2 MiB, then a read-only 2 MiB page in the
 * guest's own identity tables (docs/partitions.md). The DRTM log's lines
 * (its header, the policy verdict it ends with) are the ones the
 * partition-service test asserts.
 */
#include <stdbool.h>
#include "kit/gk.h"
#include "service_logs.h"

#define PTE_P 0x1ull
#define PTE_PS 0x80ull
#define PTE_ADDR 0x000ffffffffff000ull
#define SERVICE_LOG_MAX (2ull << 20)

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

/* One log through the capability of type cap: its bytes, or NULL. */
static const uint8_t *map_log(uint64_t cap, uint64_t which, uint64_t gpa, const char *what,
			      uint64_t *len)
{
	struct gk_cap c;
	*len = 0;
	if (gk_cap_find(cap, PP_HC_RIGHT_USE, 0, &c) != 0) {
		gk_printf("%s: no capability to read it\n", what);
		return NULL;
	}
	int64_t st = gk_hc_log_map(c.sel, which, gpa, len);
	if (st != PP_HC_OK || *len > SERVICE_LOG_MAX) {
		gk_printf("%s: map: %s\n", what, gk_status_name(st));
		*len = 0;
		return NULL;
	}
	map_2m_ro(gpa);
	return (const uint8_t *)(uintptr_t)gpa;
}

/* The DRTM log's header and the hypervisor's policy verdict (the log's last
 * event, docs/policy-update.md), as the partition-service test expects. */
static void show_drtm_log(const volatile uint8_t *log, uint64_t len)
{
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

void service_logs_map(struct service_logs *out)
{
	out->drtm = map_log(PP_HC_CAP_EVENTLOG_READ, PP_HC_LOG_DRTM, SERVICE_LOG_GPA, "drtm log",
			    &out->drtm_len);
	if (out->drtm)
		show_drtm_log(out->drtm, out->drtm_len);
	out->fw = map_log(PP_HC_CAP_EVENTLOG_READ, PP_HC_LOG_FIRMWARE, SERVICE_FWLOG_GPA,
			  "firmware log", &out->fw_len);
	if (out->fw)
		gk_printf("firmware log: %llu bytes mapped read-only at 0x%llx\n",
			  (unsigned long long)out->fw_len, (unsigned long long)SERVICE_FWLOG_GPA);
	out->faults = map_log(PP_HC_CAP_FAULTLOG_READ, PP_HC_LOG_FAULT_SUMMARY, SERVICE_FAULTS_GPA,
			      "fault summary", &out->faults_len);
	if (out->faults)
		gk_printf("fault summary: %llu bytes mapped read-only at 0x%llx\n",
			  (unsigned long long)out->faults_len,
			  (unsigned long long)SERVICE_FAULTS_GPA);
	out->policy = map_log(PP_HC_CAP_EVENTLOG_READ, PP_HC_LOG_POLICY, SERVICE_POLICY_GPA,
			      "policy", &out->policy_len);
	if (out->policy)
		gk_printf(
		    "policy: %llu bytes (the enforced signed file) mapped read-only at 0x%llx\n",
		    (unsigned long long)out->policy_len, (unsigned long long)SERVICE_POLICY_GPA);
}
