// SPDX-License-Identifier: GPL-2.0-only
/*
 * Place the secure loader (docs/launch.md, "Secure loader"): copy the
 * embedded build/launch/sl.bin into the SLB at SL_SLB_BASE (reserved in
 * launch's own image by launch/launch.ld), zero the rest of the 64 KiB,
 * check the SLB header (launch/drtm/skinit.c), and write the parameter
 * block after it.
 */
#include <parapet/sl_params.h>
#include <parapet/string.h>
#include "drtm/skinit.h"
#include "drtm/txt_mle.h"
#include "console.h"
#include "launch.h"
#include "sl_place.h"

extern const u8 sl_blob_start[], sl_blob_end[];
extern const u8 mle_blob_start[], mle_blob_end[];

u32 sl_place_slb(void)
{
	struct pp_err err;
	struct slb_info info;
	u8 *slb = (u8 *)(uintptr_t)SL_SLB_BASE;
	u64 len = (u64)(uintptr_t)sl_blob_end - (u64)(uintptr_t)sl_blob_start;
	if ((u64)(uintptr_t)__launch_start > SL_REGION_BASE ||
	    (u64)(uintptr_t)__launch_end < SL_DMA_END)
		launch_failf(PP_EINVAL, "SL region 0x%llx-0x%llx outside the launch image",
			     (unsigned long long)SL_REGION_BASE, (unsigned long long)SL_DMA_END);
	if (len > SL_MEASURED_MAX)
		launch_failf(PP_ERANGE, "secure loader is %llu bytes, at most %llu fit the SLB",
			     (unsigned long long)len, (unsigned long long)SL_MEASURED_MAX);
	memcpy(slb, sl_blob_start, len);
	memset(slb + len, 0, SL_SLB_SIZE - len);
	if (slb_check(SL_SLB_BASE, slb, SL_SLB_SIZE, &info, &err))
		launch_failf(err.code, "secure loader: %s", err.msg);
	if (info.measured_len != len)
		launch_failf(PP_EINVAL, "secure loader: measured length %u, image %llu bytes",
			     info.measured_len, (unsigned long long)len);
	return info.measured_len;
}

void sl_place_mle(u32 *entry, u32 *size)
{
	struct pp_err err;
	struct mle_header h;
	u8 *mle = (u8 *)(uintptr_t)SL_MLE_BASE;
	u64 len = (u64)(uintptr_t)mle_blob_end - (u64)(uintptr_t)mle_blob_start, pt_bytes;
	if (len > SL_MLE_MAX)
		launch_failf(PP_ERANGE, "MLE is %llu bytes, at most %llu fit",
			     (unsigned long long)len, (unsigned long long)SL_MLE_MAX);
	memcpy(mle, mle_blob_start, len);
	memset(mle + len, 0, SL_REGION_END - SL_MLE_BASE - len);
	if (mle_header_parse(mle, len, &h, &err))
		launch_failf(err.code, "MLE: %s", err.msg);
	if (h.mle_start != 0 || h.mle_end != len)
		launch_failf(PP_EINVAL, "MLE: header says [0x%x, 0x%x), the image is %llu bytes",
			     h.mle_start, h.mle_end, (unsigned long long)len);
	if (mle_pt_build((u8 *)(uintptr_t)SL_MLE_PT_BASE, SL_MLE_PT_SIZE, SL_MLE_PT_BASE,
			 SL_MLE_BASE, len, &pt_bytes, &err))
		launch_failf(err.code, "MLE page table: %s", err.msg);
	launch_printf("mle: %llu bytes at 0x%llx, entry 0x%llx; page table 0x%llx, %llu bytes",
		      (unsigned long long)len, (unsigned long long)SL_MLE_BASE,
		      (unsigned long long)(SL_MLE_BASE + h.entry_point),
		      (unsigned long long)SL_MLE_PT_BASE, (unsigned long long)pt_bytes);
	*entry = (u32)(SL_MLE_BASE + h.entry_point);
	*size = (u32)len;
}

void sl_place_params(u64 handoff_pa, u32 handoff_len, u32 attempted, u32 flags)
{
	struct sl_params_info p = {handoff_pa, handoff_len, attempted, flags};
	u8 *out = (u8 *)(uintptr_t)SL_PARAMS_BASE;
	memset(out, 0, SL_PARAMS_SIZE);
	sl_params_write(out, &p);
}
