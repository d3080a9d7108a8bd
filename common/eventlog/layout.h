/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * On-disk layouts of the TCG crypto-agile event log (TCG PC Client Platform
 * Firmware Profile Specification, Family 2.0, "Event Logging": TCG_PCR_EVENT,
 * TCG_EfiSpecIdEventStruct, TCG_EfiSpecIdEventAlgorithmSize, TCG_PCR_EVENT2;
 * TPML_DIGEST_VALUES / TPMT_HA from TPM 2.0 Part 2, but little-endian in the
 * log; TCG_EfiStartupLocalityEvent). All fields little-endian, no padding.
 *
 * These structs document offsets and sizes only: the code reads and writes
 * the bytes with ld_le* / st_le* at the offsetof() positions, never by
 * casting a struct over log memory.
 */
#ifndef PARAPET_EVENTLOG_LAYOUT_H
#define PARAPET_EVENTLOG_LAYOUT_H

#include <parapet/types.h>

#define EVL_OFF(t, f) __builtin_offsetof(t, f)

/* TCG_PCR_EVENT (the SHA-1 format), used only for the header record. */
struct tcg_pcr_event {
	u32 pcr_index;
	u32 event_type;
	u8 digest[20]; /* all zero in the header record */
	u32 event_size;
	/* u8 event[event_size]: the TCG_EfiSpecIdEventStruct */
} PP_PACKED;
_Static_assert(sizeof(struct tcg_pcr_event) == 32, "TCG_PCR_EVENT size");
_Static_assert(EVL_OFF(struct tcg_pcr_event, pcr_index) == 0, "pcrIndex");
_Static_assert(EVL_OFF(struct tcg_pcr_event, event_type) == 4, "eventType");
_Static_assert(EVL_OFF(struct tcg_pcr_event, digest) == 8, "digest");
_Static_assert(EVL_OFF(struct tcg_pcr_event, event_size) == 28, "eventSize");

/* TCG_EfiSpecIdEventStruct, fixed part ("Spec ID Event03"). */
struct tcg_spec_id_event {
	u8 signature[16]; /* "Spec ID Event03\0" */
	u32 platform_class;
	u8 spec_version_minor; /* 0 for family 2.0 */
	u8 spec_version_major; /* 2 */
	u8 spec_errata;
	u8 uintn_size; /* 1: UINT32, 2: UINT64 */
	u32 number_of_algorithms;
	/* struct tcg_spec_id_alg digest_sizes[number_of_algorithms]; */
	/* u8 vendor_info_size; u8 vendor_info[vendor_info_size]; */
} PP_PACKED;
_Static_assert(sizeof(struct tcg_spec_id_event) == 28, "Spec ID fixed part size");
_Static_assert(EVL_OFF(struct tcg_spec_id_event, signature) == 0, "signature");
_Static_assert(EVL_OFF(struct tcg_spec_id_event, platform_class) == 16, "platformClass");
_Static_assert(EVL_OFF(struct tcg_spec_id_event, spec_version_minor) == 20, "specVersionMinor");
_Static_assert(EVL_OFF(struct tcg_spec_id_event, spec_version_major) == 21, "specVersionMajor");
_Static_assert(EVL_OFF(struct tcg_spec_id_event, spec_errata) == 22, "specErrata");
_Static_assert(EVL_OFF(struct tcg_spec_id_event, uintn_size) == 23, "uintnSize");
_Static_assert(EVL_OFF(struct tcg_spec_id_event, number_of_algorithms) == 24, "numberOfAlgorithms");

/* TCG_EfiSpecIdEventAlgorithmSize */
struct tcg_spec_id_alg {
	u16 algorithm_id;
	u16 digest_size;
} PP_PACKED;
_Static_assert(sizeof(struct tcg_spec_id_alg) == 4, "algorithm size entry");
_Static_assert(EVL_OFF(struct tcg_spec_id_alg, digest_size) == 2, "digestSize");

/* TCG_PCR_EVENT2, fixed head; then count x {u16 hashAlg, digest}, u32 eventSize, event. */
struct tcg_pcr_event2_head {
	u32 pcr_index;
	u32 event_type;
	u32 digest_count; /* TPML_DIGEST_VALUES.count */
} PP_PACKED;
_Static_assert(sizeof(struct tcg_pcr_event2_head) == 12, "TCG_PCR_EVENT2 head size");
_Static_assert(EVL_OFF(struct tcg_pcr_event2_head, pcr_index) == 0, "pcrIndex");
_Static_assert(EVL_OFF(struct tcg_pcr_event2_head, event_type) == 4, "eventType");
_Static_assert(EVL_OFF(struct tcg_pcr_event2_head, digest_count) == 8, "digests.count");
#define EVL_HASHALG_SIZE 2u   /* TPMT_HA.hashAlg before each digest */
#define EVL_EVENTSIZE_SIZE 4u /* u32 eventSize after the digests */

/* TCG_EfiStartupLocalityEvent (EV_NO_ACTION, PCR 0). */
struct tcg_startup_locality {
	u8 signature[16]; /* "StartupLocality\0" */
	u8 startup_locality;
} PP_PACKED;
_Static_assert(sizeof(struct tcg_startup_locality) == 17, "StartupLocality size");
_Static_assert(EVL_OFF(struct tcg_startup_locality, startup_locality) == 16, "locality");

/* Parapet launch marker (EV_NO_ACTION, PCR 17), same shape. */
struct pp_launch_marker {
	u8 signature[16]; /* "ParapetLaunch\0\0\0" */
	u8 launch_type;	  /* PP_EVLOG_LAUNCH_* */
} PP_PACKED;
_Static_assert(sizeof(struct pp_launch_marker) == 17, "launch marker size");
_Static_assert(EVL_OFF(struct pp_launch_marker, launch_type) == 16, "launch type");

extern const u8 evl_sig_spec_id[16];
extern const u8 evl_sig_startup_locality[16];
extern const u8 evl_sig_launch[16];

/* Size of the Spec ID event data for n algorithms and v vendor bytes. */
static inline u32 evl_spec_id_size(u32 n, u32 v)
{
	return (u32)sizeof(struct tcg_spec_id_event) + n * (u32)sizeof(struct tcg_spec_id_alg) +
	       1u + v;
}

#define EVL_DRTM_PCR_FIRST 17u
#define EVL_DRTM_PCR_LAST 22u
#define EVL_DRTM_PCR_MASK 0x007E0000u /* PCR 17..22 */
#define EVL_LAUNCH_PCR 17u
#define EVL_LOCALITY_PCR 0u

#endif
