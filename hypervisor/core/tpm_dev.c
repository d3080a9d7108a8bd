// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's TPM session (tpm_dev.h): the interface tpm_probe found,
 * driven through the TIS or CRB transport (common/drivers/tpm/) and the
 * command layer (common/tpm/) at locality 0: Startup (tolerating a
 * started TPM), the active banks, PCR_Read (many PCRs per command). The
 * policy's rollback floor (policy_floor.c) switches to locality 2, the
 * hypervisor's after a DRTM launch, for its NV reads and increments.
 */
#include <parapet/string.h>
#include <parapet/tpm2.h>
#include "hypervisor/arch/x86_64/timer.h"
#include "common/drivers/tpm/tpm_xport.h"
#include "console.h"
#include "tpm_dev.h"

#define HV_TPM_LOCALITY 0u

enum hv_tpm_state { HV_TPM_ABSENT, HV_TPM_OK, HV_TPM_FAILED };

static struct tpm_mmio_dev hv_mmio;
static struct tpm2_dev hv_tpm; /* ~4.7 KiB: static, never on a stack */
static enum hv_tpm_state hv_state;
static struct pp_err hv_why;
static bool hv_handed; /* hv_tpm_handover ran: never send again */

static void hv_tpm_udelay(u32 us)
{
	udelay(us);
}

static int set_failed(const struct pp_err *why)
{
	hv_state = HV_TPM_FAILED;
	hv_why = *why;
	return why->code ? why->code : PP_EDEVICE;
}

int hv_tpm_init(const struct tpm_iface *iface, const struct pp_err *probe_err, struct pp_err *err)
{
	char banks[64];
	bool already = false;
	int rc;

	hv_state = HV_TPM_ABSENT;
	if (probe_err && probe_err->code) {
		*err = *probe_err;
		return set_failed(err);
	}
	if (!iface || iface->kind == TPM_IFACE_NONE)
		return pp_fail(err, PP_ENOENT, "no TPM");
	if (iface->kind != TPM_IFACE_TIS && iface->kind != TPM_IFACE_CRB) {
		pp_fail(err, PP_ENOTSUP, "TPM interface kind %u not supported", iface->kind);
		return set_failed(err);
	}

	tpm_mmio_dev_init(&hv_mmio, &tpm_mmio_direct, iface->base, hv_tpm_udelay);
	tpm2_init(&hv_tpm, iface->kind == TPM_IFACE_CRB ? &tpm_crb_transport : &tpm_tis_transport,
		  &hv_mmio);
	hv_tpm.udelay = hv_tpm_udelay;

	rc = tpm2_request_locality(&hv_tpm, HV_TPM_LOCALITY, err);
	if (rc)
		return set_failed(err);
	rc = tpm2_startup(&hv_tpm, &already, err);
	if (!rc)
		rc = tpm2_get_banks(&hv_tpm, NULL, err);
	if (rc) {
		struct pp_err ignore;
		(void)tpm2_release_locality(&hv_tpm, &ignore);
		return set_failed(err);
	}
	hv_state = HV_TPM_OK;
	hv_printf("hv: tpm: banks %s (%s at locality %u, startup %s)\n",
		  tpm2_banks_describe(&hv_tpm, banks, sizeof(banks)), tpm_iface_name(iface->kind),
		  HV_TPM_LOCALITY, already ? "done by firmware" : "sent by us");
	return 0;
}

bool hv_tpm_ready(void)
{
	return hv_state == HV_TPM_OK;
}

const char *hv_tpm_failure(void)
{
	return hv_state == HV_TPM_FAILED ? hv_why.msg : NULL;
}

u32 hv_tpm_banks(u16 *algs, u32 max)
{
	if (!hv_tpm_ready())
		return 0;
	return PP_MIN(tpm2_active_banks(&hv_tpm, algs, max), max);
}

u32 hv_tpm_nameable_banks(struct tpm2_pcr_set *set)
{
	u16 algs[TPM2_MAX_BANKS];
	u32 n = hv_tpm_banks(algs, TPM2_MAX_BANKS);
	set->nbanks = 0;
	for (u32 i = 0; i < n; i++)
		if (pp_hash_digest_size(algs[i]))
			set->alg[set->nbanks++] = algs[i];
	return set->nbanks;
}

int hv_tpm_pcr_read_set(struct tpm2_pcr_set *set, struct pp_err *err)
{
	if (!hv_tpm_ready())
		return pp_fail(err, PP_ENOENT, "TPM not open");
	if (hv_handed)
		return pp_fail(err, PP_ENOENT, "TPM handed over at ready");
	int rc = tpm2_pcr_read_set(&hv_tpm, set, err);
	if (rc && hv_tpm.failed) {
		hv_printf("hv: tpm: failed: %s (not used again)\n", hv_tpm.fail.msg);
		set_failed(&hv_tpm.fail);
	}
	return rc;
}

struct tpm2_dev *hv_tpm_at(u8 locality, struct pp_err *err)
{
	if (!hv_tpm_ready())
		return hv_state == HV_TPM_FAILED
			   ? (pp_fail(err, PP_EDEVICE, "TPM failed: %s", hv_why.msg), NULL)
			   : (pp_fail(err, PP_ENOENT, "no TPM"), NULL);
	if (hv_handed)
		return pp_fail(err, PP_ENOENT, "TPM handed over at ready"), NULL;
	if (hv_tpm.locality == locality)
		return &hv_tpm;
	struct pp_err ignore;
	(void)tpm2_release_locality(&hv_tpm, &ignore);
	if (tpm2_request_locality(&hv_tpm, locality, err)) {
		/* back to where it was, so PCR reads still work */
		(void)tpm2_request_locality(&hv_tpm, HV_TPM_LOCALITY, &ignore);
		return NULL;
	}
	return &hv_tpm;
}

void hv_tpm_handover(const char *holder)
{
	struct pp_err ignore;
	if (!hv_tpm_ready() || hv_handed)
		return;
	u8 held = hv_tpm.locality;
	(void)tpm2_release_locality(&hv_tpm, &ignore);
	hv_handed = true;
	if (holder)
		hv_printf(
		    "hv: tpm: locality %u released; locality 0 is partition %s's from now on\n",
		    held, holder);
	else
		hv_printf("hv: tpm: locality %u released; no partition has the TPM\n", held);
}

bool hv_tpm_handed(void)
{
	return hv_handed;
}
