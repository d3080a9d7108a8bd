/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The attestation protocol between the verifier (host, `parapet attest`)
 * and the agent in the service partition (docs/attest-protocol.md), version
 * 1. One request, one reply, over a byte stream (a 16550 serial line that
 * QEMU carries as a socket). Shared by both ends: common/attest/.
 *
 * Frame (every integer little-endian):
 *   off 0  magic    "PPAT"
 *   off 4  version  u16 = PP_AT_VERSION
 *   off 6  type     u16 (enum pp_at_type)
 *   off 8  length   u32: payload bytes, <= PP_AT_MAX_PAYLOAD
 *   off 12 payload  items, back to back: tag u16, length u32, bytes
 *   then   crc32    u32: CRC-32 (IEEE 802.3, reflected, as zlib) over the
 *                   header and payload
 * The CRC catches a noisy or resynchronizing line, nothing more: the
 * security of attestation rests on the TPM's signature and the verifier's
 * checks, never on the channel. Everything a frame carries is untrusted on
 * both ends and parsed strictly: unknown type, unknown or repeated tag,
 * items running past the payload, a tag the type does not allow, each is a
 * precise error. A receiver resynchronizes by scanning for the magic.
 */
#ifndef PARAPET_ATTEST_PROTO_H
#define PARAPET_ATTEST_PROTO_H

#include <parapet/err.h>
#include <parapet/types.h>

#define PP_AT_MAGIC0 'P'
#define PP_AT_MAGIC1 'P'
#define PP_AT_MAGIC2 'A'
#define PP_AT_MAGIC3 'T'
#define PP_AT_VERSION 1u
#define PP_AT_HDR_SIZE 12u
#define PP_AT_CRC_SIZE 4u
#define PP_AT_ITEM_HDR 6u
/* Largest payload: both event logs (each at most 48 KiB), a fault summary
 * page, a quote and its PCR values. */
#define PP_AT_MAX_PAYLOAD 0x20000u /* 128 KiB */
#define PP_AT_MAX_FRAME (PP_AT_HDR_SIZE + PP_AT_MAX_PAYLOAD + PP_AT_CRC_SIZE)
#define PP_AT_MAX_ITEMS 16u
#define PP_AT_NONCE_SIZE 32u
#define PP_AT_AGENT_MAX 64u    /* AGENT item */
#define PP_AT_POLICY_MAX 160u  /* POLICY item */
#define PP_AT_ERR_MSG_MAX 160u /* ERR_MSG item */

enum pp_at_type {
	/* requests (verifier -> agent) */
	PP_AT_REQ_INFO = 0x0001,     /* no items */
	PP_AT_REQ_ACTIVATE = 0x0002, /* AK_ALG, CRED_BLOB, SECRET */
	PP_AT_REQ_QUOTE = 0x0003,    /* AK_ALG, NONCE */
	/* replies (agent -> verifier): request type | 0x8000, or ERROR */
	PP_AT_RSP_INFO = 0x8001,     /* AGENT, EK_PUB, [EK_CERT], AK_PUB (one per AK) */
	PP_AT_RSP_ACTIVATE = 0x8002, /* CERT_INFO */
	PP_AT_RSP_QUOTE = 0x8003,    /* QUOTE_MSG, QUOTE_SIG, PCRS, FW_LOG?, DRTM_LOG,
				      * [POLICY], [FAULTS], [POLICY_BIN] */
	PP_AT_RSP_ERROR = 0x80ff,    /* ERR_CODE, ERR_MSG */
};

enum pp_at_tag {
	PP_AT_T_AGENT = 0x01,	   /* ASCII: agent name and version, no NUL, <= 64 */
	PP_AT_T_EK_PUB = 0x02,	   /* TPM2B_PUBLIC of the EK (size field included) */
	PP_AT_T_EK_CERT = 0x03,	   /* DER X.509 EK certificate (NV 0x01c00002) */
	PP_AT_T_AK_PUB = 0x04,	   /* TPM2B_PUBLIC of an AK (repeatable: one per AK alg) */
	PP_AT_T_AK_ALG = 0x05,	   /* u16 LE: TPM_ALG_RSA 0x0001 or TPM_ALG_ECC 0x0023 */
	PP_AT_T_CRED_BLOB = 0x06,  /* TPM2B_ID_OBJECT (size field included) */
	PP_AT_T_SECRET = 0x07,	   /* TPM2B_ENCRYPTED_SECRET (size field included) */
	PP_AT_T_CERT_INFO = 0x08,  /* the credential ActivateCredential recovered */
	PP_AT_T_NONCE = 0x09,	   /* exactly PP_AT_NONCE_SIZE bytes */
	PP_AT_T_QUOTE_MSG = 0x0a,  /* TPMS_ATTEST as signed (TPM2B_ATTEST's buffer) */
	PP_AT_T_QUOTE_SIG = 0x0b,  /* TPMT_SIGNATURE */
	PP_AT_T_PCRS = 0x0c,	   /* u32 LE n, then n x {u16 LE alg, u8 pcr, u8 size,
				    * digest[size]}, in the quote's selection order */
	PP_AT_T_FW_LOG = 0x0d,	   /* the firmware's crypto-agile event log */
	PP_AT_T_DRTM_LOG = 0x0e,   /* the DRTM event log (ends with the policy verdict) */
	PP_AT_T_POLICY = 0x0f,	   /* ASCII: the policy verdict in force, no NUL */
	PP_AT_T_FAULTS = 0x10,	   /* the DMA fault summary page (docs/iommu-faults.md) */
	PP_AT_T_ERR_CODE = 0x11,   /* u32 LE: enum pp_at_err */
	PP_AT_T_ERR_MSG = 0x12,	   /* ASCII, no NUL, <= 160 */
	PP_AT_T_POLICY_BIN = 0x13, /* the enforced policy's signed file, the bytes
				    * measured into PCR 18 (PP_HC_LOG_POLICY) */
};

enum pp_at_err {
	PP_AT_E_MALFORMED = 1,	 /* the request's frame or items */
	PP_AT_E_UNSUPPORTED = 2, /* a type or AK algorithm this agent does not serve */
	PP_AT_E_TPM = 3,	 /* the TPM refused or failed (the message has its code) */
	PP_AT_E_UNAVAILABLE = 4, /* a key or evidence this boot does not have */
	PP_AT_E_TOO_LARGE = 5,	 /* the reply would not fit a frame or the agent's buffer */
};

struct pp_at_item {
	u16 tag;
	u32 len;
	const u8 *data; /* into the frame: valid while the frame is */
};

struct pp_at_msg {
	u16 type;
	u32 n;
	struct pp_at_item item[PP_AT_MAX_ITEMS];
};

/* Writer: never writes past cap; an overflow is sticky and reported by
 * pp_at_wr_finish (PP_ERANGE). */
struct pp_at_wr {
	u8 *buf;
	size_t cap;
	size_t off;
	bool overflow;
	u32 items;   /* items written (pp_at_wr_finish refuses > PP_AT_MAX_ITEMS) */
	size_t last; /* offset of the last item's header (pp_at_wr_trim) */
	u16 type;    /* for messages */
};
void pp_at_wr_begin(struct pp_at_wr *w, u8 *buf, size_t cap, u16 type);
void pp_at_wr_item(struct pp_at_wr *w, u16 tag, const void *data, u32 len);
/* Reserves an item of len bytes and returns where to write it (NULL on
 * overflow): for items produced in place (the PCR list, a log copy). */
u8 *pp_at_wr_reserve(struct pp_at_wr *w, u16 tag, u32 len);
/* Shrinks the last item reserved to len bytes (<= what was reserved; more
 * is an overflow): for items whose size is known only once produced. */
void pp_at_wr_trim(struct pp_at_wr *w, u32 len);
void pp_at_wr_u16_item(struct pp_at_wr *w, u16 tag, u16 v);
void pp_at_wr_u32_item(struct pp_at_wr *w, u16 tag, u32 v);
/* Patches the payload length, appends the CRC; *len = the frame's size. */
int pp_at_wr_finish(struct pp_at_wr *w, size_t *len, struct pp_err *err);

/* Parses one complete frame (exactly len bytes): magic, version, known
 * type, length, CRC, items (each inside the payload, at most
 * PP_AT_MAX_ITEMS, no tag twice except AK_PUB, every tag allowed for the
 * type, fixed-size items of their size, others 1 byte to their maximum,
 * every tag the type requires present). Items point into frame; *out is
 * written only when the whole frame passed. */
int pp_at_parse(const u8 *frame, size_t len, struct pp_at_msg *out, struct pp_err *err);
/* What every version's header must hold (the 12 bytes at hdr): the magic,
 * a version other than 0, a payload length <= PP_AT_MAX_PAYLOAD. The
 * receiver's test; pp_at_parse then wants version PP_AT_VERSION. */
int pp_at_check_header(const u8 *hdr, struct pp_err *err);
/* Whether a type allows / requires a tag (docs/attest-protocol.md). */
bool pp_at_tag_allowed(u16 type, u16 tag);
bool pp_at_tag_required(u16 type, u16 tag);
/* The first item with tag, or NULL. */
const struct pp_at_item *pp_at_find(const struct pp_at_msg *m, u16 tag);
/* The item with tag that must be present; PP_ENOENT with a message naming
 * the tag and the type otherwise. */
int pp_at_need(const struct pp_at_msg *m, u16 tag, const struct pp_at_item **it,
	       struct pp_err *err);

/* Stream receiver: feed bytes as they arrive; skips bytes until a magic,
 * checks the header (pp_at_check_header, and the frame must fit cap), then
 * collects one frame. A frame of another version is collected whole (the
 * header layout is the same in every version) for the agent to answer. */
struct pp_at_rx {
	u8 *buf;
	size_t cap; /* >= PP_AT_MAX_FRAME for full-size frames */
	size_t len;
	size_t need; /* bytes the frame has in all, once its header is in */
	u32 skipped; /* bytes discarded while looking for a magic */
};
enum pp_at_rx_state {
	PP_AT_RX_MORE = 0,  /* keep feeding */
	PP_AT_RX_FRAME = 1, /* buf[0, len) holds one frame: parse it; the next push
			     * starts a new frame (or call pp_at_rx_reset) */
	PP_AT_RX_ERROR = 2, /* header impossible (magic, version 0, length): err says
			     * why; the header's first byte was dropped and the rest
			     * rescanned: keep feeding (do not reset) */
};
void pp_at_rx_init(struct pp_at_rx *rx, u8 *buf, size_t cap);
void pp_at_rx_reset(struct pp_at_rx *rx);
enum pp_at_rx_state pp_at_rx_push(struct pp_at_rx *rx, u8 byte, struct pp_err *err);

/* CRC-32 (IEEE), continuing from crc (start with 0). */
u32 pp_at_crc32(u32 crc, const u8 *p, size_t n);

/* Names for messages: "QUOTE" (the request), "QUOTE reply", "ERROR",
 * "CRED_BLOB" ("0x1234" style never: unknown values give "unknown"). */
const char *pp_at_type_name(u16 type);
const char *pp_at_tag_name(u16 tag);

#endif
