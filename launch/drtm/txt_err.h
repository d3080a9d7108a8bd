/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TXT.ERRORCODE (public space 0xFED30000 + 0x30) decoder. Pure: takes the
 * register value. HARDWARE-ONLY source of values; decoding is host-tested.
 *
 * Layout (Intel TXT Software Development Guide, appendix B, TXT.ERRORCODE;
 * ACM error-code format shared by BIOS ACM and SINIT):
 *   bit 31      valid
 *   bit 30      external: 0 = induced by the processor, 1 = by software
 *   processor (bit 30 = 0): bits 29:0 processor error (TXT-shutdown type,
 *               Intel SDM vol. 2 GETSEC "TXT-shutdown" error codes)
 *   software (bit 30 = 1):
 *     bit 15    source: 0 = authenticated code module, 1 = MLE
 *     ACM (bit 15 = 0):
 *       bits 3:0   module type (0 BIOS ACM, 1 SINIT, others reserved)
 *       bits 9:4   class code
 *       bits 14:10 major error code
 *       bits 27:16 minor error code
 *       bits 29:28 reserved
 *     MLE (bit 15 = 1): bits 14:0 and 29:16 are MLE-defined.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_ERR_H
#define PARAPET_LAUNCH_DRTM_TXT_ERR_H

#include <parapet/types.h>

#define TXT_ERR_VALID (1u << 31)
#define TXT_ERR_EXTERNAL (1u << 30)
#define TXT_ERR_PROC_MASK 0x3fffffffu
#define TXT_ERR_SW_MLE (1u << 15)
#define TXT_ERR_MODULE_MASK 0xfu
#define TXT_ERR_CLASS_SHIFT 4
#define TXT_ERR_CLASS_MASK 0x3fu
#define TXT_ERR_MAJOR_SHIFT 10
#define TXT_ERR_MAJOR_MASK 0x1fu
#define TXT_ERR_MINOR_SHIFT 16
#define TXT_ERR_MINOR_MASK 0xfffu
#define TXT_ERR_RSVD_SHIFT 28
#define TXT_ERR_RSVD_MASK 0x3u

enum txt_err_source {
	TXT_ERRSRC_NONE = 0,  /* valid bit clear */
	TXT_ERRSRC_PROCESSOR, /* external = 0 */
	TXT_ERRSRC_ACM,	      /* external = 1, bit 15 = 0 */
	TXT_ERRSRC_MLE,	      /* external = 1, bit 15 = 1 */
};

struct txt_err_info {
	enum txt_err_source source;
	u32 raw;
	u32 proc_code;	/* PROCESSOR */
	u8 module_type; /* ACM */
	u8 class_code;	/* ACM */
	u8 major;	/* ACM */
	u16 minor;	/* ACM */
	u8 reserved;	/* ACM bits 29:28 */
	u32 mle_code;	/* MLE: bits 14:0 | bits 29:16 << 15 */
};

void txt_err_decode(u64 reg, struct txt_err_info *out);

/*
 * One precise line, e.g.
 *  "TXT.ERRORCODE 0xc0033451: SINIT ACM error: class 0x05 major 0x0d minor 0x003"
 *  "TXT.ERRORCODE 0x80000007: processor error 0x7 (failure to authenticate the ACM)"
 * Always NUL-terminates (size > 0); returns the untruncated length.
 */
int txt_err_str(u64 reg, char *buf, size_t size);

/* Name of a processor-induced TXT-shutdown code, or NULL when unlisted. */
const char *txt_err_proc_name(u32 code);

#endif
