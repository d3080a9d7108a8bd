// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SL's TPM: the TIS (FIFO) interface at its fixed PTP address
 * (0xFED40000; the SL reads no ACPI table: under QEMU the DRTM path needs
 * TPM=tis, docs/tpm.md), opened at locality 2 through the shared command
 * layer (common/tpm) and TIS transport (hypervisor/drivers/tpm/tis.c).
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
#include "hypervisor/drivers/tpm/tis_regs.h"
#include "hypervisor/drivers/tpm/tpm_xport.h"
#include "sl.h"

#define PORT_POST 0x80
#define CPUID1_ECX_HYPERVISOR (1u << 31)

static struct tpm_mmio_dev sl_mmio;
static struct tpm2_dev sl_tpm;

static void sl_udelay(u32 us)
{
	for (u32 i = 0; i < us; i++)
		outb(PORT_POST, 0);
}

bool sl_tpm_present(void)
{
	volatile u8 *regs = (volatile u8 *)(uintptr_t)TPM_TIS_BASE_DEFAULT;
	u32 id = mmio_read32(regs + TPM_INTERFACE_ID);
	u32 didvid = mmio_read32(regs + TPM_DID_VID);
	u8 access = mmio_read8(regs + TPM_ACCESS);
	u32 type = id & TPM_INTF_ID_TYPE_MASK;
	if (didvid == 0 || didvid == 0xffffffffu || !(access & TPM_ACCESS_VALID))
		return false;
	return type == TPM_INTF_ID_TYPE_FIFO || type == TPM_INTF_ID_TYPE_TIS_LEGACY;
}

/*
 * Another locality may still be active (firmware and boot loader use
 * locality 0 and often leave it so); the TPM then keeps our request
 * pending. Ask each other active locality to relinquish (PTP, TPM_ACCESS
 * activeLocality: writing 1 releases) before requesting ours.
 */
static void relinquish_others(void)
{
	for (u32 loc = 0; loc <= TPM2_LOCALITY_MAX; loc++) {
		volatile u8 *acc =
		    (volatile u8 *)(uintptr_t)(TPM_TIS_BASE_DEFAULT +
					       (u64)TPM_LOCALITY_STRIDE * loc + TPM_ACCESS);
		u8 v = mmio_read8(acc);
		if (loc != SL_TPM_LOCALITY && (v & TPM_ACCESS_VALID) &&
		    (v & TPM_ACCESS_ACTIVE_LOCALITY))
			mmio_write8(acc, TPM_ACCESS_ACTIVE_LOCALITY);
	}
}

void sl_tpm_close(void)
{
	struct pp_err err = {0, ""};
	if (tpm2_release_locality(&sl_tpm, &err))
		sl_fatal(LF_TPM_ERROR, &err);
}

void sl_tpm_open(void)
{
	struct pp_err err = {0, ""};
	bool already = false;
	relinquish_others();
	tpm_mmio_dev_init(&sl_mmio, &tpm_mmio_direct, TPM_TIS_BASE_DEFAULT, sl_udelay);
	tpm2_init(&sl_tpm, &tpm_tis_transport, &sl_mmio);
	sl_tpm.udelay = sl_udelay;
	if (tpm2_request_locality(&sl_tpm, SL_TPM_LOCALITY, &err) ||
	    tpm2_startup(&sl_tpm, &already, &err) || tpm2_get_banks(&sl_tpm, NULL, &err))
		sl_fatal(LF_TPM_ERROR, &err);
	sl_printf("tpm: TIS at 0x%llx, locality %u, %s", (unsigned long long)TPM_TIS_BASE_DEFAULT,
		  SL_TPM_LOCALITY, already ? "already started" : "started");
}

u32 sl_tpm_banks(u16 *algs, u32 max)
{
	u32 n = 0;
	for (u32 i = 0; i < sl_tpm.banks.count && n < max; i++)
		if (sl_tpm.banks.bank[i].active)
			algs[n++] = sl_tpm.banks.bank[i].alg;
	return n;
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

void sl_tpm_extend(u32 pcr, const struct pp_evlog_digests *d)
{
	static struct tpm2_digests td;
	struct pp_err err = {0, ""};
	td.count = d->count;
	if (d->count > PP_EVLOG_MAX_ALGS)
		sl_fatalf(LF_INTERNAL, PP_EINVAL, "%u digests", d->count);
	for (u32 i = 0; i < d->count; i++) {
		td.d[i].alg = d->v[i].alg;
		memcpy(td.d[i].digest, d->v[i].bytes, d->v[i].size);
	}
	if (tpm2_pcr_extend(&sl_tpm, pcr, &td, &err))
		sl_fatal(LF_TPM_ERROR, &err);
}
