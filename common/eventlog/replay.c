// SPDX-License-Identifier: GPL-2.0-only
/*
 * Replay of a checked event log into PCR values, per bank (docs/eventlog.md):
 *  - PCR 0-16 and 23 start at 0, PCR 17-22 at all 0xFF (TPM 2.0 reset
 *    values of a PC Client TPM);
 *  - StartupLocality 3 sets PCR 0's initial value to 0...03;
 *  - the DRTM start event sets PCR 17-22 to 0 and then extends PCR 17 with
 *    its digest: PCR17 = H(0^n || H(SLB)), PCR18-22 = 0;
 *  - EV_NO_ACTION events are never extended;
 *  - every other event: PCR[i] = H(PCR[i] || digest).
 * Banks pp_hash cannot compute, and with pp_evlog_replay_some banks not
 * asked for, are reported with replayed = false.
 */
#include <parapet/bytes.h>
#include <parapet/eventlog.h>
#include <parapet/string.h>
#include "layout.h"

static int extend(u16 alg, u32 size, u8 *pcr, const u8 *digest)
{
	u8 buf[2 * PP_HASH_MAX_DIGEST];
	memcpy(buf, pcr, size);
	memcpy(buf + size, digest, size);
	return pp_hash(alg, buf, 2 * (size_t)size, pcr);
}

static bool wanted(u32 alg_mask, u16 alg)
{
	return alg_mask == PP_EVLOG_ALL_BANKS || (alg < 32 && (alg_mask >> alg & 1u));
}

int pp_evlog_replay(const void *log, const struct pp_evlog_info *info, struct pp_evlog_pcrs *out,
		    struct pp_err *err)
{
	return pp_evlog_replay_some(log, info, PP_EVLOG_ALL_BANKS, out, err);
}

int pp_evlog_replay_some(const void *log, const struct pp_evlog_info *info, u32 alg_mask,
			 struct pp_evlog_pcrs *out, struct pp_err *err)
{
	const u8 *b = log;
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;

	memset(out, 0, sizeof(*out));
	if (!log || info->nalgs == 0 || info->nalgs > PP_EVLOG_MAX_ALGS)
		return pp_fail(err, PP_EINVAL, "evlog replay: log not checked");
	out->nbanks = info->nalgs;
	for (u32 k = 0; k < info->nalgs; k++) {
		out->bank[k].alg = info->algs[k].alg;
		out->bank[k].size = info->algs[k].size;
		out->bank[k].replayed = pp_hash_supported(info->algs[k].alg) &&
					info->algs[k].size <= PP_HASH_MAX_DIGEST &&
					wanted(alg_mask, info->algs[k].alg);
		for (u32 p = EVL_DRTM_PCR_FIRST; p <= EVL_DRTM_PCR_LAST; p++)
			memset(out->bank[k].pcr[p], 0xFF, info->algs[k].size);
		if (info->has_startup_locality)
			out->bank[k].pcr[EVL_LOCALITY_PCR][info->algs[k].size - 1] =
			    info->startup_locality;
	}

	u32 seen = 0;
	pp_evlog_iter_init(&it, log, info);
	while (pp_evlog_iter_next(&it, &ev)) {
		seen++;
		if (ev.type == PP_EV_NO_ACTION)
			continue;
		if (ev.type == PP_EV_DRTM_START) {
			out->drtm = true;
			for (u32 k = 0; k < info->nalgs; k++)
				for (u32 p = EVL_DRTM_PCR_FIRST; p <= EVL_DRTM_PCR_LAST; p++)
					memset(out->bank[k].pcr[p], 0, PP_HASH_MAX_DIGEST);
		}
		for (u32 k = 0; k < info->nalgs; k++) {
			if (!out->bank[k].replayed)
				continue;
			if (extend(out->bank[k].alg, out->bank[k].size, out->bank[k].pcr[ev.pcr],
				   b + ev.digest_off[k]) != PP_OK)
				return pp_fail(err, PP_ENOTSUP, "evlog replay: cannot compute %s",
					       pp_evlog_alg_name(out->bank[k].alg));
		}
	}
	if (seen != info->events)
		return pp_fail(
		    err, PP_EINVAL,
		    "evlog replay: %u of %u events decoded: the log changed after its check", seen,
		    info->events);
	return PP_OK;
}
