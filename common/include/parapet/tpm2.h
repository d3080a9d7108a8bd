/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM 2.0 command layer (common/tpm/, docs/tpm.md): marshals commands into a
 * buffer, hands them to a transport, and parses responses with bounds
 * checks. Freestanding and pure: the same code runs in launch/, the
 * hypervisor (over the TIS/CRB MMIO transports in hypervisor/drivers/tpm/)
 * and on the host against a private swtpm (tests/tpm/).
 *
 * Errors: every function returns 0 or a PP_E* code with a message in *err.
 * A TPM error response gives PP_EDEVICE and leaves the raw TPM_RC in
 * dev->last_rc (0 after a successful response, TPM2_RC_NONE when no
 * well-formed response arrived); a malformed response gives PP_EINVAL /
 * PP_ETRUNC; a silent device gives the transport's PP_ETIMEOUT.
 * A transport failure, a malformed response or a fatal response code
 * (tpm2_rc_is_fatal) marks the device failed: dev->failed, the first cause
 * in dev->fail; every later exchange is refused with PP_EDEVICE naming it,
 * so a TPM that stopped working is never half-used.
 */
#ifndef PARAPET_TPM2_H
#define PARAPET_TPM2_H

#include <parapet/err.h>
#include <parapet/hash.h>
#include <parapet/tpm2_types.h>
#include <parapet/types.h>

#define TPM2_LOCALITY_NONE 0xFFu
#define TPM2_LOCALITY_MAX 4u
#define TPM2_RC_NONE 0xFFFFFFFFu /* dev->last_rc when no response was parsed */

/* Command buffer (our commands are small) and response buffer (PTP: 4 KiB). */
#define TPM2_CMD_BUF_SIZE 512u
#define TPM2_RSP_BUF_SIZE 4096u

#define TPM2_MAX_BANKS 8u	   /* TPML_PCR_SELECTION entries we accept */
#define TPM2_PCR_SELECT_MAX 32u	   /* sizeofSelect we accept (256 PCRs) */
#define TPM2_PCR_SELECT_MIN 3u	   /* PC Client: 24 PCRs */
#define TPM2_NUM_PCRS 24u	   /* PCR indexes we address */
#define TPM2_GETRANDOM_CHUNK 32u   /* bytes asked per TPM2_GetRandom */
#define TPM2_MAX_RETRIES 5u	   /* resends on TPM_RC_RETRY/YIELDED/TESTING */
#define TPM2_RETRY_DELAY_US 20000u /* wait between those resends (if udelay) */

/*
 * Transport: moves bytes and selects localities. transmit sends cmd_len
 * bytes and stores the complete response (its header's size bytes) in rsp,
 * failing with PP_ERANGE when it would exceed rsp_cap.
 */
struct tpm2_transport_ops {
	int (*request_locality)(void *ctx, u8 loc, struct pp_err *err);
	int (*release_locality)(void *ctx, u8 loc, struct pp_err *err);
	int (*transmit)(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp, size_t rsp_cap,
			size_t *rsp_len, struct pp_err *err);
};

/* One PCR bank as reported by TPM2_GetCapability(TPM_CAP_PCRS). */
struct tpm2_bank {
	u16 alg;	 /* TPM_ALG_ID */
	u16 digest_size; /* pp_hash_digest_size(alg); 0 if unknown to us */
	bool active;	 /* select bitmap non-zero */
	u8 size_of_select;
	u8 select[TPM2_PCR_SELECT_MAX];
};

struct tpm2_banks {
	u32 count; /* entries in bank[] (active or not) */
	struct tpm2_bank bank[TPM2_MAX_BANKS];
};

/* TPML_DIGEST_VALUES: one digest per algorithm. */
struct tpm2_digests {
	u32 count;
	struct {
		u16 alg;
		u8 digest[PP_HASH_MAX_DIGEST];
	} d[TPM2_MAX_BANKS];
};

struct tpm2_dev {
	const struct tpm2_transport_ops *ops;
	void *ctx;
	u8 locality;		/* held locality or TPM2_LOCALITY_NONE */
	u32 last_rc;		/* raw TPM_RC of the last response */
	void (*udelay)(u32 us); /* optional: wait between TPM_RC_RETRY resends */
	bool banks_known;	/* banks filled by tpm2_get_banks */
	bool failed;		/* a transport failure, a malformed response or a fatal
				 * code: no further command is sent (tpm2_exchange) */
	struct pp_err fail;	/* the first such failure */
	struct tpm2_banks banks;
	u8 cmd[TPM2_CMD_BUF_SIZE];
	u8 rsp[TPM2_RSP_BUF_SIZE];
	size_t rsp_len;
};

void tpm2_init(struct tpm2_dev *dev, const struct tpm2_transport_ops *ops, void *ctx);

/* Localities: at most one held at a time; commands need one. */
int tpm2_request_locality(struct tpm2_dev *dev, u8 loc, struct pp_err *err);
int tpm2_release_locality(struct tpm2_dev *dev, struct pp_err *err);
/*
 * Ask every locality but keep (and the one held) to relinquish: firmware and
 * boot loaders leave locality 0 active, and the TPM keeps a request for
 * another pending until it is released (PTP, TPM_ACCESS_x.activeLocality /
 * TPM_LOC_CTRL_x.relinquish). Transports ignore localities not active.
 */
int tpm2_relinquish_others(struct tpm2_dev *dev, u8 keep, struct pp_err *err);

/* TPM2_Startup(SU_CLEAR). TPM_RC_INITIALIZE (already started) counts as
 * success; *already (may be NULL) tells which case it was. */
int tpm2_startup(struct tpm2_dev *dev, bool *already, struct pp_err *err);

/* TPM2_GetCapability(TPM_CAP_PCRS): fills dev->banks (and *out if non-NULL). */
int tpm2_get_banks(struct tpm2_dev *dev, struct tpm2_banks *out, struct pp_err *err);
/* The active banks as text, "sha1 sha256" ("0x0012" for one we cannot
 * name; "none" for none), truncated to size. Returns buf. */
const char *tpm2_banks_describe(const struct tpm2_dev *dev, char *buf, size_t size);
/* Number of active banks in dev->banks; their TPM_ALG_IDs, in the TPM's
 * order, go to algs[0, max) when algs is not NULL. */
u32 tpm2_active_banks(const struct tpm2_dev *dev, u16 *algs, u32 max);

/*
 * TPM2_PCR_Extend(pcr) with a password session (TPM_RS_PW, empty auth).
 * When dev->banks is known, digests must hold exactly one digest for each
 * active bank (no more, no fewer): a measurement missing from a bank would
 * leave that bank forgeable. PP_EDEVICE + last_rc on TPM refusal (e.g.
 * 0x907 TPM_RC_LOCALITY).
 */
int tpm2_pcr_extend(struct tpm2_dev *dev, u32 pcr, const struct tpm2_digests *digests,
		    struct pp_err *err);

/* TPM2_PCR_Read of one PCR in one bank; out receives digest_size bytes. */
int tpm2_pcr_read(struct tpm2_dev *dev, u32 pcr, u16 alg, u8 *out, u32 out_cap, u32 *out_len,
		  struct pp_err *err);

/*
 * Several PCRs of several banks with as few TPM2_PCR_Read commands as the
 * TPM allows (it returns at most 8 digests per response): the same PCRs
 * (mask, bit n = PCR n, PCR 0-23) in each of nbanks banks. On success got[k]
 * == mask for every bank and digest[k][pcr] holds the digest (the bank's
 * digest size). On failure got[] says what did arrive. A bank the TPM does
 * not have gives PP_ENOENT.
 */
struct tpm2_pcr_set {
	u32 nbanks;		 /* in: entries of alg[] */
	u16 alg[TPM2_MAX_BANKS]; /* in: banks, algorithms pp_hash knows */
	u32 mask;		 /* in: PCRs to read in every bank */
	u32 got[TPM2_MAX_BANKS]; /* out: PCRs read, per bank */
	u8 digest[TPM2_MAX_BANKS][TPM2_NUM_PCRS][PP_HASH_MAX_DIGEST];
};
int tpm2_pcr_read_set(struct tpm2_dev *dev, struct tpm2_pcr_set *set, struct pp_err *err);

/* TPM2_GetRandom repeated until len bytes are filled. */
int tpm2_get_random(struct tpm2_dev *dev, u8 *out, size_t len, struct pp_err *err);

/* Raw exchange: cmd (a marshaled command) -> dev->rsp; checks the header
 * (tag, size == bytes received), records last_rc, resends on RETRY-class
 * warnings. Returns PP_EDEVICE when the TPM answered an error code. */
int tpm2_exchange(struct tpm2_dev *dev, const u8 *cmd, size_t cmd_len, const char *what,
		  struct pp_err *err);

/* TPM_RC_FAILURE (failure mode) or a TPM 1.2-format code: the device cannot
 * be trusted to execute commands any more. */
bool tpm2_rc_is_fatal(u32 rc);

/* "LOCALITY" for TPM_RC_LOCALITY etc. (the name without its "TPM_RC_"
 * prefix), or NULL when the code is not one we name. */
const char *tpm2_rc_name(u32 rc);
/* Human-readable decoding into buf: "0x907 TPM_RC_LOCALITY", "0x18b
 * TPM_RC_HANDLE (handle 1)". Returns buf. */
const char *tpm2_rc_describe(u32 rc, char *buf, size_t size);

/*
 * Response parsers (used by the commands above, exposed for unit tests and
 * the fuzz target). rsp/len is a complete response whose header is
 * already checked to be a success (TPM_RC_SUCCESS).
 */
int tpm2_parse_get_banks(const u8 *rsp, size_t len, struct tpm2_banks *out, struct pp_err *err);
int tpm2_parse_pcr_read(const u8 *rsp, size_t len, u32 pcr, u16 alg, u8 *out, u32 out_cap,
			u32 *out_len, struct pp_err *err);
/* One response of tpm2_pcr_read_set: checks it against what set still
 * lacks, stores its digests, marks them in got[]; *newly = their count. */
int tpm2_parse_pcr_read_set(const u8 *rsp, size_t len, struct tpm2_pcr_set *set, u32 *newly,
			    struct pp_err *err);
int tpm2_parse_get_random(const u8 *rsp, size_t len, u32 asked, u8 *out, u32 *got,
			  struct pp_err *err);
int tpm2_parse_pcr_extend(const u8 *rsp, size_t len, struct pp_err *err);
/* Header check shared by all: tag, size field == len, rc out. */
int tpm2_parse_header(const u8 *rsp, size_t len, u16 *tag, u32 *rc, struct pp_err *err);

#endif
