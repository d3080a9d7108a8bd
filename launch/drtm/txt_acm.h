/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SINIT authenticated code module: its header and its information
 * table (pure parser of untrusted bytes; HARDWARE-ONLY path). Sources: Intel
 * TXT Software Development Guide, appendix A.1 "Authenticated Code Module
 * Format" (header, Table "AC module header") and A.1.1 "Chipset AC Module
 * Information Table"; Intel SDM vol. 2D GETSEC[ENTERACCS] (the module's
 * base 4 KiB aligned, its size a multiple of 64 bytes). All fields little
 * endian; header sizes in 4-byte units.
 *
 * Only what launch needs to choose what it builds is extracted: the
 * version of OsSinitData SINIT reads, the minimum MLE header version, and
 * SINIT's capabilities (txt_caps.h). The ACM's signature is checked by the
 * CPU (GETSEC), not by us: a module that parses here can still be refused
 * by SENTER.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_ACM_H
#define PARAPET_LAUNCH_DRTM_TXT_ACM_H

#include <parapet/err.h>
#include <parapet/types.h>

/* AC module header (A.1): the offsets this parser reads */
#define ACM_OFF_MODULE_TYPE 0x00   /* u16: 2 = chipset AC module */
#define ACM_OFF_HEADER_LEN 0x04	   /* u32, 4-byte units */
#define ACM_OFF_MODULE_VENDOR 0x10 /* u32: 0x8086 */
#define ACM_OFF_SIZE 0x18	   /* u32, 4-byte units: the whole module */
#define ACM_OFF_SCRATCH_SIZE 0x7c  /* u32, 4-byte units */
#define ACM_FIXED_HDR 0x80u	   /* bytes up to and including ScratchSize */
#define ACM_TYPE_CHIPSET 2u
#define ACM_VENDOR_INTEL 0x8086u

/* Information table (A.1.1): at (HeaderLen + ScratchSize) * 4 */
#define ACM_INFO_OFF_UUID 0x00	       /* 16 bytes */
#define ACM_INFO_OFF_TYPE 0x10	       /* u8 ChipsetACMType: bits 2:0 = 1 for SINIT */
#define ACM_INFO_OFF_VERSION 0x11      /* u8 */
#define ACM_INFO_OFF_LENGTH 0x12       /* u16 */
#define ACM_INFO_OFF_OS_SINIT_VER 0x18 /* u32 OsSinitTblVer */
#define ACM_INFO_OFF_MIN_MLE_HDR 0x1c  /* u32 MinMleHeaderVer */
#define ACM_INFO_OFF_CAPABILITIES 0x20 /* u32 */
#define ACM_INFO_MIN_LEN 0x24u	       /* through Capabilities */
#define ACM_INFO_TYPE_MASK 0x07u
#define ACM_INFO_TYPE_SINIT 1u
#define ACM_INFO_MIN_VERSION 3u
/* UUID 7fc03aaa-46a7-18db-ac2e-698f8d417f5a as stored (fields LE) */
#define ACM_INFO_UUID                                                                              \
	{                                                                                          \
		0xaa, 0x3a, 0xc0, 0x7f, 0xa7, 0x46, 0xdb, 0x18, 0x2e, 0xac, 0x69, 0x8f, 0x8d,      \
		    0x41, 0x7f, 0x5a                                                               \
	}

struct txt_acm_info {
	u64 size;	     /* bytes (Size * 4) */
	u32 os_sinit_ver;    /* OsSinitTblVer */
	u32 min_mle_hdr_ver; /* MinMleHeaderVer */
	u32 capabilities;    /* MLE_CAP_* layout */
	u8 info_version;
};

/*
 * Parse the module of len bytes at physical base (p its bytes): base 4 KiB
 * aligned, module type chipset, vendor Intel, Size * 4 in [the fixed
 * header, len] and a multiple of 64, HeaderLen * 4 >= the fixed header,
 * the information table inside the module (no overflow), its UUID, type
 * SINIT, version >= 3, Length >= 0x24 and inside the module.
 */
int txt_acm_parse(const u8 *p, u64 len, u64 base, struct txt_acm_info *out, struct pp_err *err);

#endif
