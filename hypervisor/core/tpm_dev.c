// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's TPM session (tpm_dev.h): the interface tpm_probe found,
 * driven through the TIS or CRB transport (hypervisor/drivers/tpm/) and the
 * command layer (common/tpm/) at locality 0. The hypervisor only reads:
 * Startup (tolerating a started TPM), the active banks, PCR_Read.
 */
#include <parapet/eventlog.h>
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/tpm2.h>
#include "hypervisor/arch/x86_64/timer.h"
#include "hypervisor/drivers/tpm/tpm_xport.h"
#include "console.h"
#include "tpm_dev.h"

#define HV_TPM_LOCALITY 0u

static struct tpm_mmio_dev hv_mmio;
static struct tpm2_dev hv_tpm; /* ~4.7 KiB: static, never on a stack */
static bool hv_tpm_ok;

static void hv_tpm_udelay(u32 us)
{
	udelay(us);
}

int hv_tpm_init(const struct tpm_iface *iface, struct pp_err *err)
{
	bool already = false;
	int rc;

	hv_tpm_ok = false;
	if (!iface || iface->kind == TPM_IFACE_NONE)
		return pp_fail(err, PP_ENOENT, "no TPM");
	if (iface->kind != TPM_IFACE_TIS && iface->kind != TPM_IFACE_CRB)
		return pp_fail(err, PP_ENOTSUP, "TPM interface kind %u not supported", iface->kind);

	tpm_mmio_dev_init(&hv_mmio, &tpm_mmio_direct, iface->base, hv_tpm_udelay);
	tpm2_init(&hv_tpm, iface->kind == TPM_IFACE_CRB ? &tpm_crb_transport : &tpm_tis_transport,
		  &hv_mmio);
	hv_tpm.udelay = hv_tpm_udelay;

	rc = tpm2_request_locality(&hv_tpm, HV_TPM_LOCALITY, err);
	if (rc)
		return rc;
	rc = tpm2_startup(&hv_tpm, &already, err);
	if (!rc)
		rc = tpm2_get_banks(&hv_tpm, NULL, err);
	if (rc) {
		struct pp_err ignore;
		(void)tpm2_release_locality(&hv_tpm, &ignore);
		return rc;
	}
	hv_tpm_ok = true;

	char line[128];
	size_t used = 0;
	for (u32 i = 0; i < hv_tpm.banks.count && used < sizeof(line); i++) {
		const struct tpm2_bank *b = &hv_tpm.banks.bank[i];
		if (!b->active)
			continue;
		int n = pp_hash_digest_size(b->alg)
			    ? pp_snprintf(line + used, sizeof(line) - used, " %s",
					  pp_evlog_alg_name(b->alg))
			    : pp_snprintf(line + used, sizeof(line) - used, " 0x%04x", b->alg);
		if (n > 0)
			used += (size_t)n;
	}
	if (used >= sizeof(line))
		used = sizeof(line) - 1;
	line[used] = '\0';
	hv_printf("hv: tpm: banks%s (%s at locality %u, startup %s)\n", used ? line : " none",
		  tpm_iface_name(iface->kind), HV_TPM_LOCALITY,
		  already ? "done by firmware" : "sent by us");
	return 0;
}

bool hv_tpm_ready(void)
{
	return hv_tpm_ok;
}

u32 hv_tpm_banks(u16 *algs, u32 max)
{
	u32 n = 0;
	if (!hv_tpm_ok)
		return 0;
	for (u32 i = 0; i < hv_tpm.banks.count && n < max; i++)
		if (hv_tpm.banks.bank[i].active)
			algs[n++] = hv_tpm.banks.bank[i].alg;
	return n;
}

int hv_tpm_pcr_read(u32 pcr, u16 alg, u8 *out, u32 *size, struct pp_err *err)
{
	if (!hv_tpm_ok)
		return pp_fail(err, PP_ENOENT, "TPM not open");
	return tpm2_pcr_read(&hv_tpm, pcr, alg, out, PP_HASH_MAX_DIGEST, size, err);
}
