/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TCG crypto-agile event log (TCG PC Client Platform Firmware Profile,
 * "Event Logging": TCG_PCR_EVENT header record carrying the
 * TCG_EfiSpecIdEventStruct "Spec ID Event03", then TCG_PCR_EVENT2 records
 * with a TPML_DIGEST_VALUES). Shared by launch/the secure loader (writer),
 * the hypervisor (validator, replay) and host tools. docs/eventlog.md
 * describes the format written, every validation rule and the replay rules.
 *
 * Writer: builds a log in a caller-provided fixed buffer; every call checks
 * the capacity; the first failure is sticky (later calls do nothing and
 * return the same code; log->err holds the message).
 *
 * Validator: pp_evlog_check() walks (bytes, length) with strict checks and
 * precise pp_fail messages. Events of a checked log are then visited with
 * the iterator, which yields offsets into the buffer (never pointers into
 * unchecked memory) and re-checks bounds as it goes. Copy a log into memory
 * nobody else can write before checking it: check and use must see the same
 * bytes.
 *
 * Replay: pp_evlog_replay() computes the 24 PCRs of every bank this build
 * can hash (pp_hash) from a checked log.
 */
#ifndef PARAPET_EVENTLOG_H
#define PARAPET_EVENTLOG_H

#include <parapet/err.h>
#include <parapet/hash.h>
#include <parapet/types.h>

/* Event types (PC Client PFP, "Events" table; Parapet's own at 0x600). */
#define PP_EV_POST_CODE 0x00000001u
#define PP_EV_NO_ACTION 0x00000003u /* not extended; digests all zero */
#define PP_EV_SEPARATOR 0x00000004u
#define PP_EV_ACTION 0x00000005u
#define PP_EV_EVENT_TAG 0x00000006u
#define PP_EV_IPL 0x0000000Du
/*
 * Parapet DRTM start (software-defined range; TXT uses 0x400-0x4ff, tboot
 * 0x501, TrenchBoot 0x502-0x504). PCR 17; digests = H(measured SLB) per
 * bank. Replay sets PCR17-22 to 0 and then extends PCR17 with it, giving
 * PCR17 = H(0^n || H(SLB)) and PCR18-22 = 0, exactly what SKINIT (and the
 * emulated DRTM's HASH_START/DATA/END) leave in the TPM.
 */
#define PP_EV_DRTM_START 0x00000600u

#define PP_EVLOG_NUM_PCRS 24u	       /* PCR index cap: 0..23 */
#define PP_EVLOG_MAX_ALGS 5u	       /* sha1, sha256, sha384, sha512, sm3_256 */
#define PP_EVLOG_MAX_EVENTS 8192u      /* TCG_PCR_EVENT2 records (header excluded) */
#define PP_EVLOG_MAX_SIZE (16u << 20)  /* bytes */
#define PP_EVLOG_COUNT_ANY 0xFFFFFFFFu /* no expected event count */

/* What the writer puts in the Spec ID event (docs/eventlog.md). */
#define PP_EVLOG_PLATFORM_CLIENT 0u
#define PP_EVLOG_PLATFORM_SERVER 1u
#define PP_EVLOG_SPEC_MAJOR 2u
#define PP_EVLOG_SPEC_MINOR 0u
#define PP_EVLOG_SPEC_ERRATA 0u
#define PP_EVLOG_UINTN_32 1u
#define PP_EVLOG_UINTN_64 2u

/* Launch marker (EV_NO_ACTION "ParapetLaunch"): values of PP_LAUNCH_*. */
#define PP_EVLOG_LAUNCH_SKINIT 1u
#define PP_EVLOG_LAUNCH_TXT 2u
#define PP_EVLOG_LAUNCH_EMULATED 3u
#define PP_EVLOG_LAUNCH_STATIC 4u

struct pp_evlog_alg {
	u16 alg;  /* TPM_ALG_ID */
	u16 size; /* digest bytes */
};

/* One TPML_DIGEST_VALUES, in the log header's algorithm order. */
struct pp_evlog_digests {
	u32 count;
	struct {
		u16 alg;
		u16 size;
		u8 bytes[PP_HASH_MAX_DIGEST];
	} v[PP_EVLOG_MAX_ALGS];
};

/* ---------------------------------------------------------------- writer */

struct pp_evlog_info;

struct pp_evlog {
	u8 *buf;
	u32 cap;
	u32 len;    /* bytes written: the log is buf[0, len) */
	u32 events; /* TCG_PCR_EVENT2 records written */
	u32 nalgs;
	struct pp_evlog_alg algs[PP_EVLOG_MAX_ALGS];
	u32 extended;	    /* bit n: an event extended PCR n */
	u32 launch_type;    /* marker written (0: none) */
	bool drtm_started;  /* PP_EV_DRTM_START written */
	bool locality_done; /* StartupLocality written */
	int status;	    /* 0 or the first PP_E* failure (sticky) */
	struct pp_err err;  /* its message */
	/*
	 * Optional cost accounting (make bench): with clock set (by
	 * pp_evlog_set_clock), pp_evlog_measure adds the clock ticks spent
	 * hashing in bank i to hash_ticks[i] and the bytes hashed (per bank)
	 * to hash_bytes. Never read by the log itself.
	 */
	u64 (*clock)(void);
	u64 hash_ticks[PP_EVLOG_MAX_ALGS];
	u64 hash_bytes;
};

/*
 * Start a log in buf[0, cap): writes the TCG_PCR_EVENT header record with a
 * Spec ID Event03 for the algorithms algs[0, nalgs) (known TPM_ALG_IDs, no
 * duplicates, at most PP_EVLOG_MAX_ALGS) and vendor info (<= 255 bytes).
 */
int pp_evlog_init(struct pp_evlog *log, void *buf, u32 cap, const u16 *algs, u32 nalgs,
		  const void *vendor, u32 vendor_len);
/*
 * Continue a log that pp_evlog_check accepted (info): buf[0, info->len) is
 * that log, cap >= info->len its buffer. The writer appends after its last
 * event in the header's banks; the launch marker and DRTM start state come
 * from info. The hypervisor appends its policy verdict so
 * (docs/measurements.md).
 */
int pp_evlog_resume(struct pp_evlog *log, void *buf, u32 cap, const struct pp_evlog_info *info);
/* Count hashing cost with clock from now on (after pp_evlog_init). */
void pp_evlog_set_clock(struct pp_evlog *log, u64 (*clock)(void));
/* Append a TCG_PCR_EVENT2 with caller-computed digests (header order). */
int pp_evlog_append(struct pp_evlog *log, u32 pcr, u32 type, const struct pp_evlog_digests *d,
		    const void *event, u32 event_len);
/*
 * Hash data[0, len) with pp_hash in each of the log's banks and append the
 * event; the digests are also returned in out (may be NULL) so the caller
 * extends exactly these into the TPM.
 */
int pp_evlog_measure(struct pp_evlog *log, u32 pcr, u32 type, const void *data, size_t len,
		     const void *event, u32 event_len, struct pp_evlog_digests *out);
/* EV_NO_ACTION event: all-zero digests, never extended on replay. */
int pp_evlog_no_action(struct pp_evlog *log, u32 pcr, const void *event, u32 event_len);
/* StartupLocality EV_NO_ACTION on PCR 0 ("StartupLocality\0" + u8): 0 or 3. */
int pp_evlog_startup_locality(struct pp_evlog *log, u8 locality);
/* Launch marker EV_NO_ACTION on PCR 17 ("ParapetLaunch\0\0\0" + u8 type). */
int pp_evlog_launch_marker(struct pp_evlog *log, u32 launch_type);
/* DRTM start event (PCR 17, PP_EV_DRTM_START) for the measured SLB bytes. */
int pp_evlog_drtm_start(struct pp_evlog *log, const void *slb, size_t slb_len, const void *event,
			u32 event_len, struct pp_evlog_digests *out);
/* Digests of an all-zero TPML_DIGEST_VALUES for the log's banks. */
void pp_evlog_zero_digests(const struct pp_evlog *log, struct pp_evlog_digests *d);

/* ------------------------------------------------------------- validator */

struct pp_evlog_info {
	/* Spec ID Event03 */
	u32 platform_class;
	u8 spec_errata;
	u8 uintn_size;
	u32 nalgs;
	struct pp_evlog_alg algs[PP_EVLOG_MAX_ALGS];
	u32 vendor_off, vendor_len; /* vendorInfo bytes */
	u32 header_len;		    /* bytes of the TCG_PCR_EVENT header record */
	/* whole log */
	u32 len;	 /* == the length checked: no trailing bytes */
	u32 events;	 /* TCG_PCR_EVENT2 records */
	u32 launch_type; /* from the launch marker, 0: none */
	bool drtm;	 /* a PP_EV_DRTM_START event is present */
	u32 drtm_off;	 /* its offset */
	bool has_startup_locality;
	u8 startup_locality;
};

struct pp_evlog_event {
	u32 index; /* 0-based among TCG_PCR_EVENT2 records */
	u32 off;   /* record start */
	u32 size;  /* record bytes */
	u32 pcr;
	u32 type;
	u32 digest_off[PP_EVLOG_MAX_ALGS]; /* per header algorithm */
	u32 data_off, data_len;
};

/*
 * Validate log[0, len) completely. expected_events is the number of
 * TCG_PCR_EVENT2 records the caller was told the log holds, or
 * PP_EVLOG_COUNT_ANY. On success fills info; on failure fills err and
 * leaves info unspecified, except when an event fails to decode: then
 * info->len is its offset (the end of the events before it, which passed
 * every rule so far) and info->events their count, so a caller can tell
 * padding or a second log after them (attest/verifier/evlog.c) and check
 * log[0, info->len) on its own.
 */
int pp_evlog_check(const void *log, size_t len, u32 expected_events, struct pp_evlog_info *info,
		   struct pp_err *err);

struct pp_evlog_iter {
	const u8 *log;
	const struct pp_evlog_info *info;
	u32 off;
	u32 index;
};

void pp_evlog_iter_init(struct pp_evlog_iter *it, const void *log,
			const struct pp_evlog_info *info);
/* Next event of a checked log; false at the end (or if the bytes changed). */
bool pp_evlog_iter_next(struct pp_evlog_iter *it, struct pp_evlog_event *ev);

const char *pp_evlog_alg_name(u16 alg);

/* ---------------------------------------------------------------- replay */

struct pp_evlog_pcrs {
	u32 nbanks; /* == info->nalgs, same order */
	struct {
		u16 alg;
		u16 size;
		bool replayed; /* false: pp_hash cannot compute this bank, or not asked for */
		u8 pcr[PP_EVLOG_NUM_PCRS][PP_HASH_MAX_DIGEST];
	} bank[PP_EVLOG_MAX_ALGS];
	bool drtm; /* PCR17-22 were reset by a DRTM start event */
};

/*
 * Replay a log checked by pp_evlog_check (same bytes, same info) into out
 * (about 8 KiB: keep it off small stacks). Rules in docs/eventlog.md.
 */
int pp_evlog_replay(const void *log, const struct pp_evlog_info *info, struct pp_evlog_pcrs *out,
		    struct pp_err *err);
/*
 * The same for the banks whose algorithm id a is in alg_mask (bit a; ids
 * below 32) or every bank (PP_EVLOG_ALL_BANKS); the others are reported
 * replayed = false. A verifier comparing one quoted bank hashes only that.
 */
#define PP_EVLOG_ALL_BANKS 0xffffffffu
int pp_evlog_replay_some(const void *log, const struct pp_evlog_info *info, u32 alg_mask,
			 struct pp_evlog_pcrs *out, struct pp_err *err);

#endif
