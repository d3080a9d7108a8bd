// SPDX-License-Identifier: GPL-2.0-only
/* TXT.ERRORCODE decoder (txt_err.h). */
#include <parapet/fmt.h>
#include "launch/drtm/txt_err.h"

void txt_err_decode(u64 reg, struct txt_err_info *o)
{
	u32 v = (u32)reg;
	*o = (struct txt_err_info){.raw = v};
	if (!(v & TXT_ERR_VALID)) {
		o->source = TXT_ERRSRC_NONE;
		return;
	}
	if (!(v & TXT_ERR_EXTERNAL)) {
		o->source = TXT_ERRSRC_PROCESSOR;
		o->proc_code = v & TXT_ERR_PROC_MASK;
		return;
	}
	if (v & TXT_ERR_SW_MLE) {
		o->source = TXT_ERRSRC_MLE;
		o->mle_code = (v & 0x7fffu) | (((v >> 16) & 0x3fffu) << 15);
		return;
	}
	o->source = TXT_ERRSRC_ACM;
	o->module_type = (u8)(v & TXT_ERR_MODULE_MASK);
	o->class_code = (u8)((v >> TXT_ERR_CLASS_SHIFT) & TXT_ERR_CLASS_MASK);
	o->major = (u8)((v >> TXT_ERR_MAJOR_SHIFT) & TXT_ERR_MAJOR_MASK);
	o->minor = (u16)((v >> TXT_ERR_MINOR_SHIFT) & TXT_ERR_MINOR_MASK);
	o->reserved = (u8)((v >> TXT_ERR_RSVD_SHIFT) & TXT_ERR_RSVD_MASK);
}

/* Intel SDM vol. 2, GETSEC: TXT-shutdown error codes reported by the CPU. */
const char *txt_err_proc_name(u32 code)
{
	switch (code) {
	case 0x0: return "legacy shutdown";
	case 0x5: return "load memory type error in the authenticated code execution area";
	case 0x6: return "unrecognized ACM format";
	case 0x7: return "failure to authenticate the ACM";
	case 0x8: return "invalid ACM format";
	case 0x9: return "unexpected snoop hit";
	case 0xa: return "invalid event";
	case 0xb: return "invalid MLE JOIN format";
	case 0xc: return "unrecoverable machine check";
	case 0xd: return "VMX abort";
	case 0xe: return "authenticated code execution area corruption";
	default: return NULL;
	}
}

static const char *module_name(u8 t)
{
	switch (t) {
	case 0: return "BIOS ACM";
	case 1: return "SINIT ACM";
	default: return NULL;
	}
}

int txt_err_str(u64 reg, char *buf, size_t size)
{
	struct txt_err_info i;
	txt_err_decode(reg, &i);
	switch (i.source) {
	case TXT_ERRSRC_NONE:
		return pp_snprintf(
		    buf, size, "TXT.ERRORCODE 0x%08x: no error recorded (valid bit clear)", i.raw);
	case TXT_ERRSRC_PROCESSOR: {
		const char *n = txt_err_proc_name(i.proc_code);
		return pp_snprintf(buf, size, "TXT.ERRORCODE 0x%08x: processor error 0x%x (%s)",
				   i.raw, i.proc_code, n ? n : "not in the SDM's list");
	}
	case TXT_ERRSRC_MLE:
		return pp_snprintf(buf, size, "TXT.ERRORCODE 0x%08x: MLE-reported error 0x%x",
				   i.raw, i.mle_code);
	case TXT_ERRSRC_ACM:
	default: {
		const char *m = module_name(i.module_type);
		char mbuf[40];
		if (!m) {
			pp_snprintf(mbuf, sizeof(mbuf), "module type %u (reserved)", i.module_type);
			m = mbuf;
		}
		return pp_snprintf(
		    buf, size,
		    "TXT.ERRORCODE 0x%08x: %s error: class 0x%02x major 0x%02x minor 0x%03x%s",
		    i.raw, m, i.class_code, i.major, i.minor,
		    i.reserved ? " (reserved bits 29:28 set)" : "");
	}
	}
}
