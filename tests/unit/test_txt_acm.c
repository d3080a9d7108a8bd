// SPDX-License-Identifier: GPL-2.0-only
/* The SINIT ACM header and information table (launch/drtm/txt_acm.c). */
#include <string.h>
#include <parapet/bytes.h>
#include "launch/drtm/txt_acm.h"
#include "unit.h"

#define MOD_SIZE 0x1000u
#define HDR_DW 0xa1u /* HeaderLen: 644 bytes, as a 2048-bit-key header */
#define SCRATCH_DW 0x8fu
#define INFO_OFF ((size_t)(HDR_DW + SCRATCH_DW) * 4u)

static u8 acm[MOD_SIZE + 64];

/* A well-formed SINIT: the fields the parser reads, everything else 0. */
static void good(void)
{
	static const u8 uuid[16] = ACM_INFO_UUID;
	memset(acm, 0, sizeof(acm));
	st_le16(acm + ACM_OFF_MODULE_TYPE, ACM_TYPE_CHIPSET);
	st_le32(acm + ACM_OFF_HEADER_LEN, HDR_DW);
	st_le32(acm + ACM_OFF_MODULE_VENDOR, ACM_VENDOR_INTEL);
	st_le32(acm + ACM_OFF_SIZE, MOD_SIZE / 4);
	st_le32(acm + ACM_OFF_SCRATCH_SIZE, SCRATCH_DW);
	u8 *t = acm + INFO_OFF;
	memcpy(t, uuid, 16);
	t[ACM_INFO_OFF_TYPE] = 0x09; /* SINIT, revocation bit set: masked */
	t[ACM_INFO_OFF_VERSION] = 5;
	st_le16(t + ACM_INFO_OFF_LENGTH, 0x30);
	st_le32(t + ACM_INFO_OFF_OS_SINIT_VER, 7);
	st_le32(t + ACM_INFO_OFF_MIN_MLE_HDR, 0x00020000);
	st_le32(t + ACM_INFO_OFF_CAPABILITIES, 0x227);
}

static int parse(u64 len, struct txt_acm_info *o, struct pp_err *e)
{
	return txt_acm_parse(acm, len, 0x7ffd0000ull, o, e);
}

TEST(txt_acm_parse_fields)
{
	struct txt_acm_info o;
	struct pp_err e;
	good();
	REQUIRE(parse(MOD_SIZE, &o, &e) == PP_OK);
	CHECK_EQ(o.size, MOD_SIZE);
	CHECK_EQ(o.os_sinit_ver, 7);
	CHECK_EQ(o.min_mle_hdr_ver, 0x00020000);
	CHECK_EQ(o.capabilities, 0x227);
	CHECK_EQ(o.info_version, 5);
	/* a region larger than the module (TXT.SINIT.SIZE is padded) */
	REQUIRE(parse(sizeof(acm), &o, &e) == PP_OK);
	CHECK_EQ(o.size, MOD_SIZE);
}

#define REFUSE(mutate, len, code, msg)                                                             \
	do {                                                                                       \
		struct txt_acm_info o_;                                                            \
		good();                                                                            \
		mutate;                                                                            \
		CHECK_EQ(parse(len, &o_, &e), code);                                               \
		CHECK_MSG(&e, msg);                                                                \
	} while (0)

TEST(txt_acm_parse_refusals)
{
	struct pp_err e;
	struct txt_acm_info o;
	good();
	CHECK_EQ(txt_acm_parse(acm, MOD_SIZE, 0x7ffd0800ull, &o, &e), PP_EINVAL);
	CHECK_MSG(&e, "not 4 KiB aligned");
	REFUSE((void)0, ACM_FIXED_HDR - 1, PP_ETRUNC, "the header alone needs 128");
	REFUSE(st_le16(acm, 1), MOD_SIZE, PP_EMAGIC, "module type 1");
	REFUSE(st_le32(acm + ACM_OFF_MODULE_VENDOR, 0x1022), MOD_SIZE, PP_EMAGIC, "vendor 0x1022");
	REFUSE((void)0, MOD_SIZE - 64, PP_ERANGE, "module size 4096 outside [128, 4032]");
	REFUSE(st_le32(acm + ACM_OFF_SIZE, 0x10), MOD_SIZE, PP_ERANGE, "module size 64");
	REFUSE(st_le32(acm + ACM_OFF_SIZE, MOD_SIZE / 4 - 1), MOD_SIZE, PP_EINVAL,
	       "not a multiple of 64");
	REFUSE(st_le32(acm + ACM_OFF_HEADER_LEN, 0x1f), MOD_SIZE, PP_EINVAL, "header length 124");
	/* the table past the module; huge sizes that would wrap 32-bit sums */
	REFUSE(st_le32(acm + ACM_OFF_SCRATCH_SIZE, 0x400), MOD_SIZE, PP_ERANGE, "does not fit");
	REFUSE(st_le32(acm + ACM_OFF_SCRATCH_SIZE, 0xffffffffu), MOD_SIZE, PP_ERANGE,
	       "does not fit");
	REFUSE(st_le32(acm + ACM_OFF_HEADER_LEN, 0xffffffffu), MOD_SIZE, PP_ERANGE, "does not fit");
	/* the table's first 0x24 bytes must fit: 32 left */
	REFUSE(st_le32(acm + ACM_OFF_SCRATCH_SIZE, (MOD_SIZE - 0x20) / 4 - HDR_DW), MOD_SIZE,
	       PP_ERANGE, "does not fit");
	REFUSE(acm[INFO_OFF + 3] ^= 1, MOD_SIZE, PP_EMAGIC, "UUID mismatch");
	REFUSE(acm[INFO_OFF + ACM_INFO_OFF_TYPE] = 0, MOD_SIZE, PP_EINVAL,
	       "ChipsetACMType 0 is not SINIT");
	REFUSE(acm[INFO_OFF + ACM_INFO_OFF_VERSION] = 2, MOD_SIZE, PP_EVERSION,
	       "version 2 below 3");
	REFUSE(st_le16(acm + INFO_OFF + ACM_INFO_OFF_LENGTH, 0x23), MOD_SIZE, PP_ERANGE,
	       "length 35 outside");
	REFUSE(st_le16(acm + INFO_OFF + ACM_INFO_OFF_LENGTH, 0xffff), MOD_SIZE, PP_ERANGE,
	       "length 65535 outside");
}
