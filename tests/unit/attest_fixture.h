/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Evidence bundles built honestly for the verifier's tests and fuzz target
 * (attest_fixture.c): a software AK (OpenSSL RSA-2048 or ECC P-256) as a
 * TPM2B_PUBLIC, an event log written with common/eventlog's writer in the
 * PCR plan's order (firmware events on PCR 0-9, then the secure loader's
 * DRTM events), the PCR values replayed from that log, a TPMS_ATTEST
 * marshalled with libtss2-mu over them and signed with the AK, and the
 * reference.json refgen's own writer prints for the DRTM log. The policy
 * measured into PCR 18 is a real signed policy (policy_fixture.h, signed
 * by OpenSSL with a fixed Ed25519 test key), optionally also policy.bin.
 */
#ifndef PARAPET_TESTS_ATTEST_FIXTURE_H
#define PARAPET_TESTS_ATTEST_FIXTURE_H

#include "attest/verifier/verifier.h"

struct fx_opts {
	u32 launch;		 /* PP_LAUNCH_*, default skinit */
	bool two_logs;		 /* firmware log, then the DRTM log */
	u32 zero_pad;		 /* zero bytes after the last event */
	bool ecc;		 /* ECDSA P-256 AK instead of RSASSA RSA-2048 */
	bool not_restricted;	 /* the AK lacks TPMA_OBJECT_RESTRICTED */
	bool other_key;		 /* sign with a second RSA key */
	u32 magic;		 /* 0: TPM_GENERATED_VALUE */
	u16 type;		 /* 0: TPM_ST_ATTEST_QUOTE; or TPM_ST_ATTEST_CERTIFY */
	bool relabel;		 /* quote.pcrs selection != the signed one (CVE-2024-29039) */
	u32 reset, restart;	 /* clockInfo */
	u64 clock;		 /* 0: 1000000 */
	const char *hypervisor;	 /* its image bytes; default "hypervisor image" */
	u32 extra_events;	 /* more PCR 9 events (136 bytes each): a longer log */
	const char *policy_data; /* the policy event's data; default "policy" */
	const char *verdict;	 /* the policy verdict's data (last); default "enforced: policy" */
	bool no_verdict;	 /* no policy verdict event (a log from before it) */
	const u8 *drtm_log;	 /* a DRTM log to use as the second log (refgen's) */
	u32 drtm_log_n;
	/* the policy measured into PCR 18: a signed policy (policy_fixture.h) */
	bool policy_bin;       /* put it into the bundle as policy.bin */
	u32 policy_version;    /* 0: the fixture's (3) */
	bool policy_other_key; /* signed by fixture policy key 1, not 0 */
	bool sha256_only;      /* the quote covers the SHA-256 bank alone (else SHA-1 too) */
};

struct fx_bundle {
	struct av_bundle b;
	struct av_key ak; /* the AK as enrolled (the key that signed) */
	u8 *ref_json;	  /* reference.json of the DRTM log */
	size_t ref_json_n;
	u8 *drtm_log; /* the DRTM part of the log, as a known-good log */
	size_t drtm_log_n;
};

/* 0 on success; free with fx_free. */
int fx_build(const struct fx_opts *o, struct fx_bundle *out);
void fx_free(struct fx_bundle *f);
/* An AK (key 0 RSA, 1 a second RSA, 2 ECC) as enrolled. */
int fx_key(u32 which, bool restricted, struct av_key *k);
/* The firmware events alone as a log (sha1, sha256), for a real TPM. */
int fx_firmware_log(struct av_buf *out);
/* Fixture policy key 0 (the one it signs with) or 1 (another) as trusted. */
int fx_policy_key(u32 which, struct pp_pol_key *k);
/* Replace one buffer of the bundle with a copy of p[0, n). */
void fx_set(struct av_buf *b, const void *p, size_t n);

#endif
