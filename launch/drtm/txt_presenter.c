// SPDX-License-Identifier: GPL-2.0-only
/* Decisions before GETSEC[SENTER] (txt_presenter.h). */
#include "common/drivers/tpm/tis_regs.h"
#include "launch/drtm/txt_presenter.h"
#include "launch/drtm/txt_regs.h"

int txt_check_getsec_caps(u32 eax, struct pp_err *err)
{
	if (!(eax & GETSEC_CAP_CHIPSET))
		return pp_fail(err, PP_ENOTSUP,
			       "TXT: GETSEC[CAPABILITIES] 0x%x: no TXT-capable chipset (bit 0)",
			       eax);
	if (!(eax & GETSEC_CAP_SENTER))
		return pp_fail(err, PP_ENOTSUP,
			       "TXT: GETSEC[CAPABILITIES] 0x%x: SENTER not available (bit 4)", eax);
	return PP_OK;
}

int txt_check_reset_sts(u64 ests, struct pp_err *err)
{
	if (ests & TXT_ESTS_TXT_RESET)
		return pp_fail(err, PP_EDEVICE,
			       "TXT: TXT.ESTS 0x%llx has TXT_RESET.STS set: a previous launch "
			       "failed, SENTER is disabled until the platform is power-cycled",
			       (unsigned long long)ests);
	return PP_OK;
}

int txt_check_feature_control(u64 fc, struct pp_err *err)
{
	if (!(fc & FEAT_CTL_LOCK))
		return pp_fail(err, PP_ENOTSUP,
			       "TXT: IA32_FEATURE_CONTROL 0x%llx not locked (bit 0): "
			       "GETSEC[SENTER] would fault",
			       (unsigned long long)fc);
	if (!(fc & FEAT_CTL_SENTER_GLOBAL))
		return pp_fail(err, PP_ENOTSUP,
			       "TXT: IA32_FEATURE_CONTROL 0x%llx: SENTER global enable (bit 15) "
			       "clear, TXT disabled by firmware",
			       (unsigned long long)fc);
	if (!(fc & FEAT_CTL_VMX_IN_SMX))
		return pp_fail(err, PP_ENOTSUP,
			       "TXT: IA32_FEATURE_CONTROL 0x%llx: VMX inside SMX (bit 1) clear, "
			       "the hypervisor could not run after the launch",
			       (unsigned long long)fc);
	return PP_OK;
}

static int mc_common(u64 mcg_cap, u64 mcg_status, const u64 *st, u32 n, struct pp_err *err)
{
	u32 count = (u32)(mcg_cap & MCG_CAP_COUNT_MASK);
	if (n != count || (n && !st))
		return pp_fail(err, PP_EINVAL, "TXT: %u machine-check banks given, MCG_CAP says %u",
			       n, count);
	if (count > TXT_MC_MAX_BANKS)
		return pp_fail(err, PP_ERANGE, "TXT: %u machine-check banks > %u", count,
			       TXT_MC_MAX_BANKS);
	if (mcg_status & MCG_STATUS_MCIP)
		return pp_fail(err, PP_EDEVICE,
			       "TXT: machine check in progress (IA32_MCG_STATUS 0x%llx, MCIP): "
			       "SENTER would shut down",
			       (unsigned long long)mcg_status);
	return PP_OK;
}

int txt_mc_plan(u64 mcg_cap, u64 mcg_status, const u64 *st, u32 n, struct txt_mc_plan *plan,
		struct pp_err *err)
{
	struct txt_mc_plan p = {n, 0};
	int rc = mc_common(mcg_cap, mcg_status, st, n, err);
	if (rc)
		return rc;
	for (u32 i = 0; i < n; i++) {
		if (!(st[i] & MCI_STATUS_VAL))
			continue;
		if (st[i] & (MCI_STATUS_UC | MCI_STATUS_PCC))
			return pp_fail(err, PP_EDEVICE,
				       "TXT: machine-check bank %u holds an uncorrected error "
				       "(IA32_MC%u_STATUS 0x%llx): reset the platform",
				       i, i, (unsigned long long)st[i]);
		p.clear |= 1ull << i;
	}
	if (plan)
		*plan = p;
	return PP_OK;
}

int txt_mc_check_clear(u64 mcg_cap, u64 mcg_status, const u64 *st, u32 n, struct pp_err *err)
{
	int rc = mc_common(mcg_cap, mcg_status, st, n, err);
	if (rc)
		return rc;
	for (u32 i = 0; i < n; i++)
		if (st[i] & MCI_STATUS_VAL)
			return pp_fail(err, PP_EDEVICE,
				       "TXT: machine-check bank %u still valid after clearing "
				       "(IA32_MC%u_STATUS 0x%llx)",
				       i, i, (unsigned long long)st[i]);
	return PP_OK;
}

int txt_check_locality0_released(u8 a, struct pp_err *err)
{
	if (a == 0xff)
		return pp_fail(err, PP_EDEVICE,
			       "TXT: TPM_ACCESS_0 reads 0xff: no TPM answers at 0xFED40000");
	if (!(a & TPM_ACCESS_VALID))
		return pp_fail(err, PP_EDEVICE,
			       "TXT: TPM_ACCESS_0 0x%02x not valid (tpmRegValidSts clear)", a);
	if (a & TPM_ACCESS_ACTIVE_LOCALITY)
		return pp_fail(err, PP_EINVAL,
			       "TXT: TPM locality 0 still active (TPM_ACCESS_0 0x%02x): release it "
			       "before SENTER",
			       a);
	return PP_OK;
}
