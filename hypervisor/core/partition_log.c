// SPDX-License-Identifier: GPL-2.0-only
/* Read-only event-log copies for partitions (partition_log.h). */
#include <parapet/fmt.h>
#include <parapet/hypercall.h>
#include <parapet/string.h>
#include "console.h"
#include "fwlog.h"
#include "measure_report.h"
#include "memory.h"
#include "partition_log.h"
#include "partition_mem.h"
#include "policy_boot.h"

struct log_copy {
	hpa_t base;
	u64 pages;
	u32 len;
};

static struct log_copy copies[PP_HC_LOG_LAST + 1];

static void snapshot(u32 which, const u8 *b, u32 len)
{
	struct log_copy *c = &copies[which];
	if (!b || !len)
		return;
	u64 pages = ((u64)len + PP_PAGE_SIZE - 1) / PP_PAGE_SIZE;
	hpa_t run = palloc_alloc_run(&hv_palloc, pages, PART_MEM_LIMIT);
	if (!hpa_val(run)) {
		hv_printf("partitions: no pages for a %u-byte log copy: it cannot be mapped\n",
			  len);
		return;
	}
	u8 *dst = (u8 *)(uintptr_t)hpa_val(run);
	memset(dst, 0, pages * PP_PAGE_SIZE); /* the tail of the last page too */
	memcpy(dst, b, len);
	*c = (struct log_copy){run, pages, len};
}

void partition_logs_snapshot(void)
{
	u32 len;
	const u8 *b = measure_log_get(&len, NULL);
	snapshot(PP_HC_LOG_DRTM, b, len);
	b = fwlog_get(&len, NULL);
	snapshot(PP_HC_LOG_FIRMWARE, b, len);
	b = policy_enforced_bytes(&len);
	snapshot(PP_HC_LOG_POLICY, b, len);
}

const u8 *partition_log_bytes(u64 which, u32 *len)
{
	*len = which < sizeof(copies) / sizeof(copies[0]) ? copies[which].len : 0;
	return *len ? (const u8 *)(uintptr_t)hpa_val(copies[which].base) : NULL;
}

u64 partition_log_span(u64 which)
{
	if (which >= sizeof(copies) / sizeof(copies[0]) || !copies[which].len)
		return 0;
	return copies[which].pages * PP_PAGE_SIZE;
}

long partition_log_map(struct pt *npt, u64 which, u64 gpa, u64 *len)
{
	struct pp_err err = {0, ""};
	if (which >= sizeof(copies) / sizeof(copies[0]) || !copies[which].len)
		return PP_HC_ESTATE;
	const struct log_copy *c = &copies[which];
	if (pt_map(npt, gpa, hpa_val(c->base), c->pages * PP_PAGE_SIZE, PT_PERM_R, &err))
		return err.code == PP_ENOMEM ? PP_HC_ESTATE : PP_HC_EINVAL;
	*len = c->len;
	return PP_HC_OK;
}
