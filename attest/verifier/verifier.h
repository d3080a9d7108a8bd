/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The offline attestation verifier (`parapet attest verify`,
 * docs/attestation.md): a pure function of an evidence bundle, the
 * enrolled AKs, an optional reference and an optional state database.
 *
 *   result.c     failure ids, the verdict and its status
 *   bundle.c     the bundle directory read into memory (files only)
 *   tpm_key.c    TPM2B_PUBLIC: strict unmarshal, name, OpenSSL key
 *   key_cache.c  the AKs' OpenSSL verification contexts, made once
 *   spki.c       its DER SubjectPublicKeyInfo (to compare ak.pem with)
 *   signature.c  TPMT_SIGNATURE over quote.msg
 *   quote.c      TPMS_ATTEST, the nonce, quote.pcrs, pcrDigest
 *   evlog.c      the event log: padding, two logs, replay, digests of data
 *   plan.c       event types and the launch type against the PCR plan
 *   reference.c  reference.json (refgen) or a known-good binary log
 *   state.c      SQLite: the last clockInfo per AK name
 *   policy.c     policy.bin: the policy in force, its signer and version
 *   verify.c     every check in order
 *   report.c     the table and the JSON result
 *
 * Nothing here trusts the bundle: every file is parsed strictly and every
 * rejection is a failure id with a message, never a crash.
 */
#ifndef PARAPET_ATTEST_VERIFIER_H
#define PARAPET_ATTEST_VERIFIER_H

#include <stdio.h>
#include <tss2/tss2_tpm2_types.h>
#include <parapet/eventlog.h>
#include <parapet/policy_keys.h>
#include <parapet/policy_signed.h>
#include <parapet/types.h>

/* Failure ids (issue 12, "Results"); av_fail_name gives the text. */
enum av_fail {
	AV_SIGNATURE_INVALID,
	AV_ATTEST_MAGIC_INVALID,
	AV_ATTEST_TYPE_INVALID,
	AV_NONCE_MISMATCH,
	AV_AK_NOT_ENROLLED,
	AV_AK_MISMATCH,
	AV_AK_NOT_RESTRICTED,
	AV_PCR_SELECTION_MISMATCH,
	AV_PCR_DIGEST_MISMATCH,
	AV_EVENTLOG_MALFORMED,
	AV_EVENTLOG_DIGEST_MISMATCH,
	AV_EVENTLOG_REPLAY_MISMATCH,
	AV_REFERENCE_MISMATCH,
	AV_RESET_COUNT_REGRESSED,
	AV_RESTART_COUNT_REGRESSED,
	AV_CLOCKINFO_REGRESSED,
	AV_LAUNCH_TYPE_REFUSED,
	AV_EVIDENCE_MALFORMED,
	AV_POLICY_REFUSED,
	AV_POLICY_MISMATCH,	    /* policy.bin is not the file PCR 18 measured */
	AV_POLICY_SIGNER_UNTRUSTED, /* not signed by a trusted policy key */
	AV_POLICY_VERSION_TOO_OLD,  /* version or epoch below the minimum */
	AV_POLICY_MISSING,	    /* no policy.bin although its checks were asked for */
	AV_NFAIL
};

enum av_status { AV_AFFIRMING, AV_WARNING, AV_CONTRAINDICATED };

#define AV_MSG_MAX 256u
#define AV_MAX_ITEMS 64u
#define AV_MAX_AKS 16u
#define AV_MAX_FILE (PP_EVLOG_MAX_SIZE * 2u + 4096u)

struct av_item {
	enum av_fail id; /* failures only */
	char msg[AV_MSG_MAX];
};

struct av_result {
	u32 nfail, nwarn;
	struct av_item fail[AV_MAX_ITEMS];
	struct av_item warn[AV_MAX_ITEMS]; /* why the verdict is not affirming */
	u32 dropped;			   /* items past AV_MAX_ITEMS */
	/* what the evidence says (reported, valid only where set) */
	bool have_clock;
	TPMS_CLOCK_INFO clock;
	bool have_signer;
	char signer[2 * (sizeof(TPM2B_NAME) + 1)]; /* hex name of the enrolled AK */
	const char *launch;			   /* launch type name, "none" */
	bool launch_accepted;
	int secure_boot;     /* -1 unknown, 0 off, 1 on (PCR 7 SecureBoot variable) */
	u32 grub_cmds;	     /* GRUB's PCR 8 commands in the log */
	bool reference_drtm; /* a reference covered PCR 17-19 */
	bool state_checked;
	/* notes: said, but the status does not depend on them */
	u32 nnote;
	struct av_item note[4];
	/* the policy in force (policy.c), valid when have_policy */
	bool have_policy;
	struct {
		char name[PP_POL_NAME_MAX + 1];
		u32 version, epoch;
		char key_id[2 * PP_POL_KEY_ID_LEN + 1];
		char key[128]; /* where the trusted key came from */
		char slot[8];  /* "a", "b" or "none" (a bare policy) */
	} policy;
};

void av_result_init(struct av_result *r);
void av_failf(struct av_result *r, enum av_fail id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void av_warnf(struct av_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void av_notef(struct av_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *av_fail_name(enum av_fail id);
bool av_has(const struct av_result *r, enum av_fail id);
enum av_status av_status_of(const struct av_result *r);
const char *av_status_name(enum av_status s);

/* ------------------------------------------------------------- inputs */

struct av_buf {
	u8 *p;
	size_t n;
};

/* The bundle's files (issue 12 item 3), read whole. */
struct av_bundle {
	struct av_buf msg;   /* quote.msg: TPMS_ATTEST as signed */
	struct av_buf sig;   /* quote.sig: TPMT_SIGNATURE */
	struct av_buf pcrs;  /* quote.pcrs: tpm2-tools serialized PCR file */
	struct av_buf log;   /* eventlog.bin */
	struct av_buf nonce; /* nonce.hex */
	struct av_buf akpub; /* ak.pub: TPM2B_PUBLIC */
	struct av_buf akpem; /* ak.pem */
	/* policy.bin: the enforced policy's signed file; optional, p NULL if absent */
	struct av_buf policy;
};

/* The bundle's required file names, in struct order; then the optional one. */
extern const char *const av_bundle_files[7];
#define AV_BUNDLE_POLICY "policy.bin"
/*
 * Read DIR/<file> for every file (policy.bin only if it exists); 0, or -1
 * with why in err (a usage error).
 */
int av_bundle_load(const char *dir, struct av_bundle *b, char *err, size_t errlen);
void av_bundle_free(struct av_bundle *b);
/* Read one whole file (at most AV_MAX_FILE bytes). */
int av_read_file(const char *path, struct av_buf *out, char *err, size_t errlen);

/* An enrolled AK: its public area and TPM name. */
struct av_key {
	TPM2B_PUBLIC pub;
	TPM2B_NAME name;
	char label[128]; /* where it came from (the --ak path) */
};

/* Launch types the verifier accepts: bit (1 << PP_LAUNCH_*). */
#define AV_ACCEPT_DEFAULT ((1u << 1) | (1u << 2)) /* skinit, txt */
int av_accept_parse(const char *list, u32 *mask);

struct av_ref; /* reference.c */

/* What policy.bin is judged against (policy.c). */
#define AV_MAX_POLKEYS 16u
struct av_policy_opts {
	struct pp_pol_key keys[AV_MAX_POLKEYS]; /* trusted policy keys */
	const char *source[AV_MAX_POLKEYS];	/* each one's origin: a PEM path, "built-in" */
	u32 nkeys;
	bool keys_given;	    /* --policy-key: policy.bin is required */
	u32 min_version, min_epoch; /* min_version 0 means 1 */
	bool min_version_given, min_epoch_given;
};

struct av_inputs {
	const struct av_bundle *bundle;
	const struct av_key *aks;
	u32 naks;
	const struct av_ref *ref;	  /* may be NULL */
	const char *state_path;		  /* may be NULL */
	u32 accept;			  /* AV_ACCEPT_* mask */
	const struct av_policy_opts *pol; /* NULL: no trusted policy key, minimum 1 */
};

/* ----------------------------------------------------------- tpm_key.c */

/* Strict: the bytes must be exactly one canonical TPM2B_PUBLIC. */
int av_key_parse(const u8 *p, size_t n, TPM2B_PUBLIC *pub, char *why, size_t whylen);
/* name = nameAlg || H_nameAlg(TPMT_PUBLIC marshalled). */
int av_key_name(const TPM2B_PUBLIC *pub, TPM2B_NAME *name);
bool av_key_restricted_signer(const TPM2B_PUBLIC *pub);
/* OpenSSL key of the public area (EVP_PKEY *), NULL if unsupported. */
void *av_key_evp(const TPM2B_PUBLIC *pub);
/*
 * key_cache.c: the verification context (EVP_PKEY_CTX *, ready for
 * EVP_PKEY_verify) of key with the scheme sig_alg/hash, made once per
 * process. get: a copy the caller frees, NULL if none is kept; put: keep a
 * copy of ctx (the caller still owns ctx).
 */
void *av_key_ctx_get(const TPM2B_PUBLIC *pub, u16 sig_alg, u16 hash);
void av_key_ctx_put(const TPM2B_PUBLIC *pub, u16 sig_alg, u16 hash, void *ctx);
/* The DER SubjectPublicKeyInfo of the key (spki.c); its length, 0 if none. */
#define AV_SPKI_MAX 600u
size_t av_key_spki(const TPM2B_PUBLIC *pub, u8 *out, size_t cap);
/*
 * ak.pem holds exactly the key's SubjectPublicKeyInfo: 1 equal, 0 another
 * key or encoding, -1 not one PEM "PUBLIC KEY" block.
 */
int av_key_pem_equal(const TPM2B_PUBLIC *pub, const u8 *pem, size_t n);
void av_hex(char *out, const u8 *p, size_t n);

/* --------------------------------------------------------- signature.c */

int av_sig_parse(const u8 *p, size_t n, TPMT_SIGNATURE *sig);
/* 1 valid, 0 invalid; why says what did not match. */
int av_sig_verify(const TPM2B_PUBLIC *key, const TPMT_SIGNATURE *sig, const u8 *msg, size_t n,
		  char *why, size_t whylen);

/* ------------------------------------------------------------- quote.c */

/* The PCR values the bundle claims (quote.pcrs), per selected PCR. */
struct av_pcr_values {
	TPML_PCR_SELECTION sel;
	u32 n;
	struct {
		u16 alg;
		u8 pcr;
		u16 size;
		u8 v[64];
	} v[TPM2_NUM_PCR_BANKS * 24];
};

int av_pcrs_parse(const u8 *p, size_t n, struct av_pcr_values *out, char *why, size_t whylen);
bool av_pcr_selected(const TPML_PCR_SELECTION *sel, u16 alg, u32 pcr);
/* The checks of the TPMS_ATTEST; fills attest when it unmarshals. */
bool av_check_quote(const struct av_bundle *b, u16 sig_hash, const struct av_pcr_values *pv,
		    TPMS_ATTEST *attest, struct av_result *r);

/* -------------------------------------------------------------- evlog.c */

/* The evidence log: one log, or a firmware log followed by a DRTM log. */
struct av_log_event {
	u32 part;
	struct pp_evlog_event ev;
};
struct av_log {
	u32 nparts;
	struct {
		const u8 *p;
		struct pp_evlog_info info;
	} part[2];
	struct pp_evlog_pcrs pcrs;	    /* merged replay, part 0's banks */
	bool drtm_known[PP_EVLOG_MAX_ALGS]; /* PCR 17-22 of that bank known */
	u32 launch_type;		    /* marker, 0 none */
	/* every event decoded once by av_log_load, for av_log_each; kept across loads */
	struct av_log_event *ev;
	u32 nev, ev_cap;
	bool decoded;
};

/*
 * Check (strict, zero tail accepted), replay; 0 or failure added. log must
 * start zeroed (static or calloc) and may be loaded again; av_log_free
 * releases the decoded events.
 */
/* alg_mask: the banks to replay (bit = TPM_ALG_ID, PP_EVLOG_ALL_BANKS); the
 * others read as unknown (av_log_pcr NULL). */
int av_log_load(const u8 *p, size_t n, u32 alg_mask, struct av_log *log, const char *what,
		struct pp_err *err);
void av_log_free(struct av_log *log);
void av_log_check_digests(const struct av_log *log, struct av_result *r);
/* GRUB's PCR 8 string (prefix + text + NUL): the prefix length, 0 if not. */
u32 av_grub_string(const u8 *data, u32 len);
void av_log_check_replay(const struct av_log *log, const struct av_pcr_values *pv,
			 struct av_result *r);
const u8 *av_log_pcr(const struct av_log *log, u16 alg, u32 pcr, u16 *size);
/* Calls fn for every event of every part. */
typedef void (*av_event_fn)(u32 part, const u8 *log, const struct pp_evlog_info *info,
			    const struct pp_evlog_event *ev, void *ctx);
void av_log_each(const struct av_log *log, av_event_fn fn, void *ctx);
/* PCRs with at least one event other than EV_NO_ACTION (bit n). */
u32 av_log_pcr_mask(const struct av_log *log);
/* "event N (log 2) on PCR P, type T" for messages. */
void av_log_where(char *out, size_t cap, u32 part, const struct av_log *log,
		  const struct pp_evlog_event *ev);

/* -------------------------------------------------------------- plan.c */

void av_plan_check_types(const struct av_log *log, struct av_result *r);
void av_plan_launch(const struct av_log *log, u32 accept, bool known_good_log, struct av_result *r);
void av_plan_firmware(const struct av_log *log, struct av_result *r);
/* The plan's quote selection: PCR 0-9 and 17-20 in one bank at least. */
bool av_plan_selection(const TPML_PCR_SELECTION *sel, char *why, size_t whylen);

/* ---------------------------------------------------------- reference.c */

/* Load FILE: reference.json (parapet-reference-v1) or a binary log. */
int av_ref_load(const char *path, struct av_ref **out, char *err, size_t errlen);
int av_ref_from_bytes(const u8 *p, size_t n, struct av_ref **out, char *err, size_t errlen);
void av_ref_free(struct av_ref *ref);
bool av_ref_is_log(const struct av_ref *ref);
void av_ref_check(const struct av_ref *ref, const struct av_log *log,
		  const struct av_pcr_values *pv, struct av_result *r);

/* -------------------------------------------------------------- state.c */

void av_state_check(const char *path, const TPM2B_NAME *ak, const TPMS_CLOCK_INFO *c, bool update,
		    struct av_result *r);

/* ------------------------------------------------------------- policy.c */

/*
 * policy.bin against the PCR 18 event the verdict names (log may be NULL
 * when it did not load), a trusted key, the minimum version and epoch.
 */
void av_policy_check(const struct av_inputs *in, const struct av_log *log, struct av_result *r);
/* An Ed25519 public key PEM (SubjectPublicKeyInfo) as a trusted policy key. */
int av_policy_add_key_pem(struct av_policy_opts *o, const char *path, char *err, size_t errlen);

/* ------------------------------------------------------ verify / report */

void av_verify(const struct av_inputs *in, struct av_result *r);
void av_report_table(FILE *f, const struct av_result *r);
void av_report_json(FILE *f, const struct av_result *r);

#endif
