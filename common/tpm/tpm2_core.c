// SPDX-License-Identifier: GPL-2.0-only
/*
 * TPM 2.0 device core: localities, the command/response exchange with its
 * header checks (TPM 2.0 Part 1, 18.2: u16 tag, u32 size, u32 code), the
 * raw TPM_RC kept for the caller, and bounded resends on the warnings that
 * ask for one (TPM_RC_RETRY, TPM_RC_YIELDED, TPM_RC_TESTING).
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include <parapet/tpm2.h>

void tpm2_init(struct tpm2_dev *dev, const struct tpm2_transport_ops *ops, void *ctx)
{
	memset(dev, 0, sizeof(*dev));
	dev->ops = ops;
	dev->ctx = ctx;
	dev->locality = TPM2_LOCALITY_NONE;
	dev->last_rc = TPM2_RC_NONE;
}

int tpm2_request_locality(struct tpm2_dev *dev, u8 loc, struct pp_err *err)
{
	int rc;

	if (loc > TPM2_LOCALITY_MAX)
		return pp_fail(err, PP_EINVAL, "TPM locality %u does not exist (0-4)", loc);
	if (dev->locality == loc)
		return 0;
	if (dev->locality != TPM2_LOCALITY_NONE) {
		rc = tpm2_release_locality(dev, err);
		if (rc)
			return rc;
	}
	rc = dev->ops->request_locality(dev->ctx, loc, err);
	if (rc)
		return rc;
	dev->locality = loc;
	return 0;
}

int tpm2_release_locality(struct tpm2_dev *dev, struct pp_err *err)
{
	u8 loc = dev->locality;

	if (loc == TPM2_LOCALITY_NONE)
		return 0;
	dev->locality = TPM2_LOCALITY_NONE;
	return dev->ops->release_locality(dev->ctx, loc, err);
}

int tpm2_relinquish_others(struct tpm2_dev *dev, u8 keep, struct pp_err *err)
{
	for (u8 loc = 0; loc <= TPM2_LOCALITY_MAX; loc++) {
		if (loc == keep || loc == dev->locality)
			continue;
		int rc = dev->ops->release_locality(dev->ctx, loc, err);
		if (rc)
			return rc;
	}
	return 0;
}

int tpm2_parse_header(const u8 *rsp, size_t len, u16 *tag, u32 *rc, struct pp_err *err)
{
	u32 size;

	if (len < TPM2_HDR_SIZE)
		return pp_fail(err, PP_ETRUNC,
			       "TPM response of %zu bytes is shorter than its header", len);
	*tag = ld_be16(rsp + TPM2_HDR_TAG);
	size = ld_be32(rsp + TPM2_HDR_SIZE_FIELD);
	*rc = ld_be32(rsp + TPM2_HDR_CODE);
	if (*tag == TPM2_ST_RSP_COMMAND) {
		/* legal only as an error response: record its code */
		if (*rc == TPM2_RC_SUCCESS)
			return pp_fail(err, PP_EINVAL,
				       "TPM response tag 0x00c4 (TPM_ST_RSP_COMMAND) with "
				       "TPM_RC_SUCCESS: only an error may carry it");
	} else if (*tag != TPM2_ST_NO_SESSIONS && *tag != TPM2_ST_SESSIONS) {
		return pp_fail(err, PP_EINVAL,
			       "TPM response tag 0x%04x is neither TPM_ST_*SESSIONS nor "
			       "TPM_ST_RSP_COMMAND",
			       *tag);
	}
	if (size != len)
		return pp_fail(err, PP_EINVAL,
			       "TPM response size field %u differs from the %zu bytes received",
			       size, len);
	return 0;
}

static bool rc_asks_retry(u32 rc)
{
	return rc == TPM2_RC_RETRY || rc == TPM2_RC_YIELDED || rc == TPM2_RC_TESTING;
}

bool tpm2_rc_is_fatal(u32 rc)
{
	return rc == TPM2_RC_FAILURE || (rc && !(rc & TPM2_RC_TPM12_MASK));
}

/* The first failure that leaves the device unusable: kept, and every later
 * exchange refused with it (tpm2.h). */
static int mark_failed(struct tpm2_dev *dev, int code, const struct pp_err *why)
{
	dev->failed = true;
	dev->fail = *why;
	dev->fail.code = code;
	return code;
}

int tpm2_exchange(struct tpm2_dev *dev, const u8 *cmd, size_t cmd_len, const char *what,
		  struct pp_err *err)
{
	char desc[64];
	u16 tag = 0;
	u32 rc = TPM2_RC_NONE;
	int ret;

	dev->last_rc = TPM2_RC_NONE;
	dev->rsp_len = 0;
	if (dev->failed)
		return pp_fail(err, PP_EDEVICE, "%s: TPM not used after an earlier failure (%s)",
			       what, dev->fail.msg);
	if (dev->locality == TPM2_LOCALITY_NONE)
		return pp_fail(err, PP_EINVAL, "%s: no TPM locality held", what);
	for (u32 attempt = 0; attempt <= TPM2_MAX_RETRIES; attempt++) {
		if (attempt && dev->udelay)
			dev->udelay(TPM2_RETRY_DELAY_US);
		dev->rsp_len = 0;
		ret = dev->ops->transmit(dev->ctx, cmd, cmd_len, dev->rsp, sizeof(dev->rsp),
					 &dev->rsp_len, err);
		if (ret)
			return mark_failed(dev, ret, err);
		if (dev->rsp_len > sizeof(dev->rsp)) {
			pp_fail(err, PP_ERANGE,
				"%s: transport reported %zu bytes for a %zu-byte buffer", what,
				dev->rsp_len, sizeof(dev->rsp));
			return mark_failed(dev, PP_ERANGE, err);
		}
		ret = tpm2_parse_header(dev->rsp, dev->rsp_len, &tag, &rc, err);
		if (ret)
			return mark_failed(dev, ret, err);
		dev->last_rc = rc;
		if (!rc_asks_retry(rc))
			break;
	}
	if (rc != TPM2_RC_SUCCESS) {
		pp_fail(err, PP_EDEVICE, "%s at locality %u: TPM returned %s%s", what,
			dev->locality, tpm2_rc_describe(rc, desc, sizeof(desc)),
			tag == TPM2_ST_RSP_COMMAND ? " (tag 0x00c4)" : "");
		return tpm2_rc_is_fatal(rc) ? mark_failed(dev, PP_EDEVICE, err) : PP_EDEVICE;
	}
	return 0;
}
