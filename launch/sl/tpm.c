// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SL's TPM: found where the PC Client PTP puts every TPM (0xFED40000,
 * common/drivers/tpm/tpm_ptp.h: the SL reads no ACPI table, and the
 * hypervisor accepts no other address either), identified as FIFO (TIS) or
 * CRB by its registers, and driven through the same transports and command
 * layer as the hypervisor's (common/drivers/tpm/, common/tpm/).
 *
 * Localities: every other active locality is asked to relinquish (firmware
 * and the boot loader leave locality 0 active), then locality 2 is
 * requested: the DRTM PCRs take extends from locality 2 (PTP, PCR
 * attributes), so without it nothing can be measured. A TPM whose locality
 * 2 is unusable (QEMU's tpm-crb decodes locality 0 only) is opened at
 * locality 0 for reading PCR 17 only: the SL can then tell whether a DRTM
 * ran, but neither measure nor cap (main.c decides).
 *
 * udelay: a bounded loop of writes to I/O port 0x80 (the POST-code port).
 * Each write is an ISA-speed bus cycle of about 1 us on PC hardware and a
 * VM exit under QEMU (about 1 us or more), so udelay(us) waits at least
 * roughly `us` microseconds and never hangs; the TPM timeouts of
 * docs/tpm.md are therefore upper bounds in iterations, not in time.
 * The SL has no timer of its own (no interrupts, no calibrated TSC).
 */
#include <parapet/hash.h>
#include <parapet/string.h>
#include <parapet/tpm2.h>
#include <parapet/x86.h>
#include "common/drivers/tpm/tpm_ptp.h"
#include "sl.h"

#define PORT_POST 0x80
#define CPUID1_ECX_HYPERVISOR (1u << 31)

static struct tpm_mmio_dev sl_mmio;
static struct tpm2_dev sl_tpm;
static struct tpm_iface sl_iface;
static bool sl_loc2; /* locality 2 held, commands may extend */

static void sl_udelay(u32 us)
{
	for (u32 i = 0; i < us; i++)
		outb(PORT_POST, 0);
}

int sl_tpm_find(struct pp_err *err)
{
	int rc = tpm_ptp_identify(&tpm_mmio_direct, TPM_PTP_BASE, TPM_IFACE_NONE, &sl_iface, err);
	return rc ? rc : (int)sl_iface.kind;
}

int sl_tpm_open(struct pp_err *err)
{
	bool already = false;
	int rc;

	tpm_mmio_dev_init(&sl_mmio, &tpm_mmio_direct, sl_iface.base, sl_udelay);
	tpm2_init(&sl_tpm, sl_iface.kind == TPM_IFACE_CRB ? &tpm_crb_transport : &tpm_tis_transport,
		  &sl_mmio);
	sl_tpm.udelay = sl_udelay;
	rc = tpm2_relinquish_others(&sl_tpm, SL_TPM_LOCALITY, err);
	if (!rc)
		rc = tpm2_request_locality(&sl_tpm, SL_TPM_LOCALITY, err);
	sl_loc2 = !rc;
	struct pp_err loc2 = *err; /* what the caller learns when locality 2 failed */
	if (rc) {
		/* read-only at locality 0: is there a DRTM value to protect? */
		sl_printf("tpm: %s at 0x%llx: locality %u unusable: %s",
			  tpm_iface_name(sl_iface.kind), (unsigned long long)sl_iface.base,
			  SL_TPM_LOCALITY, err->msg);
		tpm2_init(&sl_tpm, sl_tpm.ops, &sl_mmio);
		sl_tpm.udelay = sl_udelay;
		if (tpm2_request_locality(&sl_tpm, 0, err))
			return rc;
	}
	int rc2 = tpm2_startup(&sl_tpm, &already, err);
	if (!rc2)
		rc2 = tpm2_get_banks(&sl_tpm, NULL, err);
	if (rc2) {
		sl_loc2 = false;
		tpm2_init(&sl_tpm, sl_tpm.ops, &sl_mmio); /* no banks: nothing readable */
		return rc2;
	}
	sl_printf("tpm: %s at 0x%llx, locality %u, %s", tpm_iface_name(sl_iface.kind),
		  (unsigned long long)sl_iface.base, sl_tpm.locality,
		  already ? "already started" : "started");
	if (rc)
		*err = loc2;
	return rc;
}

bool sl_tpm_usable(void)
{
	return sl_loc2 && !sl_tpm.failed;
}

void sl_tpm_close(void)
{
	struct pp_err err = {0, ""};
	if (tpm2_release_locality(&sl_tpm, &err))
		sl_fatal(LF_TPM_ERROR, &err);
	sl_loc2 = false;
}

u32 sl_tpm_banks(u16 *algs, u32 max)
{
	u32 n = tpm2_active_banks(&sl_tpm, algs, max);
	return algs ? PP_MIN(n, max) : n;
}

const char *sl_tpm_banks_text(char *buf, size_t size)
{
	return tpm2_banks_describe(&sl_tpm, buf, size);
}

static bool all_bytes(const u8 *p, u32 n, u8 v)
{
	for (u32 i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

u32 sl_tpm_check_pcr17(const u8 *slb, u32 len)
{
	struct pp_err err = {0, ""};
	u16 algs[TPM2_MAX_BANKS];
	u32 n = sl_tpm_banks(algs, TPM2_MAX_BANKS), drtm = 0, ff = 0;
	for (u32 i = 0; i < n; i++) {
		u8 pcr[PP_HASH_MAX_DIGEST], buf[2 * PP_HASH_MAX_DIGEST], want[PP_HASH_MAX_DIGEST];
		u32 size = 0, ds = pp_hash_digest_size(algs[i]);
		if (!pp_hash_supported(algs[i]))
			sl_fatalf(LF_TPM_ERROR, PP_ENOTSUP,
				  "TPM bank %s (0x%04x) is active and the SL cannot hash it: it "
				  "could not be extended",
				  pp_evlog_alg_name(algs[i]), algs[i]);
		if (tpm2_pcr_read(&sl_tpm, 17, algs[i], pcr, sizeof(pcr), &size, &err))
			sl_fatal(LF_TPM_ERROR, &err);
		memset(buf, 0, ds);
		pp_hash(algs[i], slb, len, buf + ds);
		pp_hash(algs[i], buf, 2 * (size_t)ds, want);
		if (size == ds && !memcmp(pcr, want, ds))
			drtm++;
		else if (all_bytes(pcr, size, 0xff))
			ff++;
		else
			sl_fatalf(LF_POST_LAUNCH_CHECK, PP_EINVAL,
				  "PCR17 %s %02x%02x%02x%02x.. is neither H(0 || H(SLB)) "
				  "%02x%02x%02x%02x.. "
				  "nor all 0xFF: launch state unknown",
				  pp_evlog_alg_name(algs[i]), pcr[0], pcr[1], pcr[2], pcr[3],
				  want[0], want[1], want[2], want[3]);
	}
	if (n && drtm == n) {
		u32 a, b, c, d;
		cpuid(1, 0, &a, &b, &c, &d);
		return (c & CPUID1_ECX_HYPERVISOR) ? PP_LAUNCH_EMULATED : PP_LAUNCH_SKINIT;
	}
	if (n && ff == n)
		return PP_LAUNCH_STATIC;
	sl_fatalf(LF_POST_LAUNCH_CHECK, PP_EINVAL,
		  "PCR17 matches the DRTM value in %u of %u banks and is 0xFF in %u", drtm, n, ff);
}

int sl_tpm_digests(const void *data, size_t len, struct pp_evlog_digests *d)
{
	u16 algs[TPM2_MAX_BANKS];
	u32 n = sl_tpm_banks(algs, PP_EVLOG_MAX_ALGS);
	d->count = 0;
	for (u32 i = 0; i < n; i++) {
		if (!pp_hash_supported(algs[i]))
			return PP_ENOTSUP;
		d->v[i].alg = algs[i];
		d->v[i].size = (u16)pp_hash_digest_size(algs[i]);
		pp_hash(algs[i], data, len, d->v[i].bytes);
		d->count++;
	}
	return n ? PP_OK : PP_ENOENT;
}

int sl_tpm_extend_try(u32 pcr, const struct pp_evlog_digests *d, struct pp_err *err)
{
	static struct tpm2_digests td;
	if (d->count > PP_EVLOG_MAX_ALGS)
		return pp_fail(err, PP_EINVAL, "%u digests", d->count);
	if (!sl_loc2)
		return pp_fail(err, PP_EINVAL, "locality %u not held", SL_TPM_LOCALITY);
	td.count = d->count;
	for (u32 i = 0; i < d->count; i++) {
		td.d[i].alg = d->v[i].alg;
		memcpy(td.d[i].digest, d->v[i].bytes, d->v[i].size);
	}
	return tpm2_pcr_extend(&sl_tpm, pcr, &td, err);
}

void sl_tpm_extend(u32 pcr, const struct pp_evlog_digests *d)
{
	struct pp_err err = {0, ""};
	if (sl_tpm_extend_try(pcr, d, &err))
		sl_fatal(LF_TPM_ERROR, &err);
}
