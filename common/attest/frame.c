// SPDX-License-Identifier: GPL-2.0-only
/*
 * The attestation protocol's frames (parapet/attest_proto.h,
 * docs/attest-protocol.md): the writer both ends build frames with, and the
 * strict parser of one complete frame. Freestanding (the agent links it),
 * no allocation: items point into the caller's frame.
 *
 * Trust: pp_at_parse's input is untrusted bytes from the other end of a
 * line. Every field is read with ld_le*, every length checked against the
 * bytes present before it is used, and *out is written only once the whole
 * frame passed: a refusal changes nothing and says what, where and which
 * value. The writer trusts its caller (our own code) but never writes past
 * the buffer it was given.
 */
#include <parapet/attest_proto.h>
#include <parapet/bytes.h>
#include <parapet/string.h>

#define OFF_MAGIC 0u
#define OFF_VERSION 4u
#define OFF_TYPE 6u
#define OFF_LENGTH 8u
#define TAG_BIT(t) (1u << (t))

/* What each item may hold: exactly fixed bytes (when non-zero), else 1 to max. */
struct tag_rule {
	u32 fixed;
	u32 max;
};

static const struct tag_rule tag_rules[] = {
    [PP_AT_T_AGENT] = {0, 64},
    [PP_AT_T_EK_PUB] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_EK_CERT] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_AK_PUB] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_AK_ALG] = {2, 2},
    [PP_AT_T_CRED_BLOB] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_SECRET] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_CERT_INFO] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_NONCE] = {PP_AT_NONCE_SIZE, PP_AT_NONCE_SIZE},
    [PP_AT_T_QUOTE_MSG] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_QUOTE_SIG] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_PCRS] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_FW_LOG] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_DRTM_LOG] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_POLICY] = {0, PP_AT_POLICY_MAX},
    [PP_AT_T_FAULTS] = {0, PP_AT_MAX_PAYLOAD},
    [PP_AT_T_ERR_CODE] = {4, 4},
    [PP_AT_T_ERR_MSG] = {0, PP_AT_ERR_MSG_MAX},
    [PP_AT_T_POLICY_BIN] = {0, PP_AT_MAX_PAYLOAD},
};

/* The tags each type allows, and those it requires (docs/attest-protocol.md). */
struct type_rule {
	u16 type;
	u32 allow;
	u32 need;
};

#define ACT_TAGS (TAG_BIT(PP_AT_T_AK_ALG) | TAG_BIT(PP_AT_T_CRED_BLOB) | TAG_BIT(PP_AT_T_SECRET))
#define QREQ_TAGS (TAG_BIT(PP_AT_T_AK_ALG) | TAG_BIT(PP_AT_T_NONCE))
#define INFO_NEED (TAG_BIT(PP_AT_T_AGENT) | TAG_BIT(PP_AT_T_EK_PUB) | TAG_BIT(PP_AT_T_AK_PUB))
#define QRSP_NEED (TAG_BIT(PP_AT_T_QUOTE_MSG) | TAG_BIT(PP_AT_T_QUOTE_SIG) | TAG_BIT(PP_AT_T_PCRS))
#define QRSP_OPT                                                                                   \
	(TAG_BIT(PP_AT_T_FW_LOG) | TAG_BIT(PP_AT_T_DRTM_LOG) | TAG_BIT(PP_AT_T_POLICY) |           \
	 TAG_BIT(PP_AT_T_FAULTS) | TAG_BIT(PP_AT_T_POLICY_BIN))
#define ERR_TAGS (TAG_BIT(PP_AT_T_ERR_CODE) | TAG_BIT(PP_AT_T_ERR_MSG))

static const struct type_rule type_rules[] = {
    {PP_AT_REQ_INFO, 0, 0},
    {PP_AT_REQ_ACTIVATE, ACT_TAGS, ACT_TAGS},
    {PP_AT_REQ_QUOTE, QREQ_TAGS, QREQ_TAGS},
    {PP_AT_RSP_INFO, INFO_NEED | TAG_BIT(PP_AT_T_EK_CERT), INFO_NEED},
    {PP_AT_RSP_ACTIVATE, TAG_BIT(PP_AT_T_CERT_INFO), TAG_BIT(PP_AT_T_CERT_INFO)},
    {PP_AT_RSP_QUOTE, QRSP_NEED | QRSP_OPT, QRSP_NEED},
    {PP_AT_RSP_ERROR, ERR_TAGS, ERR_TAGS},
};

static const struct type_rule *type_rule(u16 type)
{
	for (size_t i = 0; i < PP_ARRAY_SIZE(type_rules); i++)
		if (type_rules[i].type == type)
			return &type_rules[i];
	return NULL;
}

static bool tag_known(u16 tag)
{
	return tag > 0 && tag < PP_ARRAY_SIZE(tag_rules);
}

bool pp_at_tag_allowed(u16 type, u16 tag)
{
	const struct type_rule *r = type_rule(type);
	return r && tag_known(tag) && (r->allow & TAG_BIT(tag));
}

bool pp_at_tag_required(u16 type, u16 tag)
{
	const struct type_rule *r = type_rule(type);
	return r && tag_known(tag) && (r->need & TAG_BIT(tag));
}

/* ---- writer ---- */

static u8 *wr_room(struct pp_at_wr *w, size_t n)
{
	u8 *p;
	if (w->overflow || n > w->cap - w->off) {
		w->overflow = true;
		return NULL;
	}
	p = w->buf + w->off;
	w->off += n;
	return p;
}

void pp_at_wr_begin(struct pp_at_wr *w, u8 *buf, size_t cap, u16 type)
{
	u8 *h;
	w->buf = buf;
	w->cap = cap;
	w->off = 0;
	w->overflow = false;
	w->items = 0;
	w->last = 0;
	w->type = type;
	h = wr_room(w, PP_AT_HDR_SIZE);
	if (!h)
		return;
	h[OFF_MAGIC + 0] = PP_AT_MAGIC0;
	h[OFF_MAGIC + 1] = PP_AT_MAGIC1;
	h[OFF_MAGIC + 2] = PP_AT_MAGIC2;
	h[OFF_MAGIC + 3] = PP_AT_MAGIC3;
	st_le16(h + OFF_VERSION, PP_AT_VERSION);
	st_le16(h + OFF_TYPE, type);
	st_le32(h + OFF_LENGTH, 0);
}

u8 *pp_at_wr_reserve(struct pp_at_wr *w, u16 tag, u32 len)
{
	u8 *h, *p;
	if (w->overflow || (u64)len + PP_AT_ITEM_HDR > w->cap - w->off) {
		w->overflow = true;
		return NULL;
	}
	h = wr_room(w, PP_AT_ITEM_HDR);
	p = wr_room(w, len);
	if (!h || !p)
		return NULL;
	st_le16(h, tag);
	st_le32(h + 2, len);
	w->last = (size_t)(h - w->buf);
	w->items++;
	return p;
}

void pp_at_wr_trim(struct pp_at_wr *w, u32 len)
{
	u8 *h;
	if (w->overflow)
		return;
	if (!w->items || len > ld_le32(w->buf + w->last + 2)) {
		w->overflow = true;
		return;
	}
	h = w->buf + w->last;
	st_le32(h + 2, len);
	w->off = w->last + PP_AT_ITEM_HDR + len;
}

void pp_at_wr_item(struct pp_at_wr *w, u16 tag, const void *data, u32 len)
{
	u8 *p = pp_at_wr_reserve(w, tag, len);
	if (p && len)
		memcpy(p, data, len);
}

void pp_at_wr_u16_item(struct pp_at_wr *w, u16 tag, u16 v)
{
	u8 *p = pp_at_wr_reserve(w, tag, 2);
	if (p)
		st_le16(p, v);
}

void pp_at_wr_u32_item(struct pp_at_wr *w, u16 tag, u32 v)
{
	u8 *p = pp_at_wr_reserve(w, tag, 4);
	if (p)
		st_le32(p, v);
}

int pp_at_wr_finish(struct pp_at_wr *w, size_t *len, struct pp_err *err)
{
	size_t payload;
	u8 *c;
	if (w->overflow)
		return pp_fail(err, PP_ERANGE, "%s frame: does not fit its %zu-byte buffer",
			       pp_at_type_name(w->type), w->cap);
	payload = w->off - PP_AT_HDR_SIZE;
	if (payload > PP_AT_MAX_PAYLOAD)
		return pp_fail(err, PP_ERANGE,
			       "%s frame: payload of %zu bytes above the maximum %u",
			       pp_at_type_name(w->type), payload, PP_AT_MAX_PAYLOAD);
	if (w->items > PP_AT_MAX_ITEMS)
		return pp_fail(err, PP_ERANGE, "%s frame: %u items, at most %u",
			       pp_at_type_name(w->type), w->items, PP_AT_MAX_ITEMS);
	c = wr_room(w, PP_AT_CRC_SIZE);
	if (!c)
		return pp_fail(err, PP_ERANGE,
			       "%s frame: no room for the CRC in its %zu-byte buffer",
			       pp_at_type_name(w->type), w->cap);
	st_le32(w->buf + OFF_LENGTH, (u32)payload);
	st_le32(c, pp_at_crc32(0, w->buf, PP_AT_HDR_SIZE + payload));
	*len = w->off;
	return PP_OK;
}

/* ---- parser ---- */

int pp_at_check_header(const u8 *hdr, struct pp_err *err)
{
	u16 version = ld_le16(hdr + OFF_VERSION);
	u32 length = ld_le32(hdr + OFF_LENGTH);
	if (hdr[0] != PP_AT_MAGIC0 || hdr[1] != PP_AT_MAGIC1 || hdr[2] != PP_AT_MAGIC2 ||
	    hdr[3] != PP_AT_MAGIC3)
		return pp_fail(err, PP_EMAGIC, "frame: magic 0x%08x at offset 0, expected \"PPAT\"",
			       ld_be32(hdr + OFF_MAGIC));
	if (version == 0)
		return pp_fail(err, PP_EVERSION,
			       "frame: version 0 at offset 4 (versions start at 1)");
	if (length > PP_AT_MAX_PAYLOAD)
		return pp_fail(err, PP_ERANGE,
			       "frame: payload length %u at offset 8 above the maximum %u", length,
			       PP_AT_MAX_PAYLOAD);
	return PP_OK;
}

static int parse_items(const u8 *pl, u32 plen, u16 type, struct pp_at_msg *m, struct pp_err *err)
{
	const struct type_rule *tr = type_rule(type);
	const char *tn = pp_at_type_name(type);
	u32 seen = 0, off = 0;

	while (off < plen) {
		u16 tag;
		u32 len;
		if (m->n == PP_AT_MAX_ITEMS)
			return pp_fail(err, PP_ERANGE,
				       "%s: more than %u items (the next at payload offset %u)", tn,
				       PP_AT_MAX_ITEMS, off);
		if (plen - off < PP_AT_ITEM_HDR)
			return pp_fail(
			    err, PP_ETRUNC,
			    "%s: item %u at payload offset %u: its 6-byte header runs past "
			    "the %u-byte payload",
			    tn, m->n, off, plen);
		tag = ld_le16(pl + off);
		len = ld_le32(pl + off + 2);
		if (len > plen - off - PP_AT_ITEM_HDR)
			return pp_fail(
			    err, PP_ETRUNC,
			    "%s: item %u (tag 0x%02x) at payload offset %u: %u bytes run "
			    "past the %u-byte payload",
			    tn, m->n, tag, off, len, plen);
		if (!tag_known(tag))
			return pp_fail(err, PP_EINVAL,
				       "%s: item %u at payload offset %u: unknown tag 0x%04x", tn,
				       m->n, off, tag);
		if (!(tr->allow & TAG_BIT(tag)))
			return pp_fail(
			    err, PP_EINVAL,
			    "%s: item %u at payload offset %u: tag %s not allowed in this type", tn,
			    m->n, off, pp_at_tag_name(tag));
		if ((seen & TAG_BIT(tag)) && tag != PP_AT_T_AK_PUB)
			return pp_fail(err, PP_EINVAL,
				       "%s: item %u at payload offset %u: tag %s repeated", tn,
				       m->n, off, pp_at_tag_name(tag));
		if (tag_rules[tag].fixed && len != tag_rules[tag].fixed)
			return pp_fail(err, PP_ERANGE,
				       "%s: item %u (%s): %u bytes, expected exactly %u", tn, m->n,
				       pp_at_tag_name(tag), len, tag_rules[tag].fixed);
		if (len == 0 || len > tag_rules[tag].max)
			return pp_fail(err, PP_ERANGE,
				       "%s: item %u (%s): %u bytes, expected 1 to %u", tn, m->n,
				       pp_at_tag_name(tag), len, tag_rules[tag].max);
		seen |= TAG_BIT(tag);
		m->item[m->n].tag = tag;
		m->item[m->n].len = len;
		m->item[m->n].data = pl + off + PP_AT_ITEM_HDR;
		m->n++;
		off += PP_AT_ITEM_HDR + len;
	}
	if (tr->need & ~seen) {
		u16 t = 1;
		while (!((tr->need & ~seen) & TAG_BIT(t)))
			t++;
		return pp_fail(err, PP_ENOENT, "%s: required item %s missing", tn,
			       pp_at_tag_name(t));
	}
	return PP_OK;
}

int pp_at_parse(const u8 *frame, size_t len, struct pp_at_msg *out, struct pp_err *err)
{
	struct pp_at_msg m;
	u16 version, type;
	u32 plen, crc, want;
	int rc;

	if (len < PP_AT_HDR_SIZE + PP_AT_CRC_SIZE)
		return pp_fail(err, PP_ETRUNC, "frame: %zu bytes, shorter than header and CRC (%u)",
			       len, PP_AT_HDR_SIZE + PP_AT_CRC_SIZE);
	rc = pp_at_check_header(frame, err);
	if (rc)
		return rc;
	version = ld_le16(frame + OFF_VERSION);
	type = ld_le16(frame + OFF_TYPE);
	plen = ld_le32(frame + OFF_LENGTH);
	if (version != PP_AT_VERSION)
		return pp_fail(err, PP_EVERSION,
			       "frame: version %u at offset 4, this end speaks %u", version,
			       PP_AT_VERSION);
	if (!type_rule(type))
		return pp_fail(err, PP_ENOTSUP, "frame: type 0x%04x at offset 6 unknown", type);
	if (len != (size_t)PP_AT_HDR_SIZE + plen + PP_AT_CRC_SIZE)
		return pp_fail(err, PP_ETRUNC,
			       "frame: %zu bytes, its header says %u (12 + payload %u + CRC 4)",
			       len, PP_AT_HDR_SIZE + plen + PP_AT_CRC_SIZE, plen);
	crc = ld_le32(frame + PP_AT_HDR_SIZE + plen);
	want = pp_at_crc32(0, frame, PP_AT_HDR_SIZE + plen);
	if (crc != want)
		return pp_fail(err, PP_ECHECKSUM, "frame: CRC 0x%08x at offset %u, computed 0x%08x",
			       crc, PP_AT_HDR_SIZE + plen, want);
	memset(&m, 0, sizeof(m));
	m.type = type;
	rc = parse_items(frame + PP_AT_HDR_SIZE, plen, type, &m, err);
	if (rc)
		return rc;
	*out = m;
	return PP_OK;
}

const struct pp_at_item *pp_at_find(const struct pp_at_msg *m, u16 tag)
{
	for (u32 i = 0; i < m->n; i++)
		if (m->item[i].tag == tag)
			return &m->item[i];
	return NULL;
}

int pp_at_need(const struct pp_at_msg *m, u16 tag, const struct pp_at_item **it, struct pp_err *err)
{
	const struct pp_at_item *f = pp_at_find(m, tag);
	if (!f)
		return pp_fail(err, PP_ENOENT, "%s: no %s item", pp_at_type_name(m->type),
			       pp_at_tag_name(tag));
	*it = f;
	return PP_OK;
}
