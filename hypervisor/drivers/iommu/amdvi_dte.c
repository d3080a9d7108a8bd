// SPDX-License-Identifier: GPL-2.0-only
/* AMD-Vi device table entry builders and decoder (amdvi_dte.h). Pure;
 * host-tested (tests/unit/test_amdvi_dte.c). A refused argument leaves
 * the caller's entry untouched: the entry is built aside, then copied. */
#include "amdvi_dte.h"

static u64 field(const struct amdvi_dte *d, u32 w, u64 mask, u32 shift)
{
	return (d->q[w] & mask) >> shift;
}

#define GET(d, F) field((d), AMDVI_DTE_##F##_W, AMDVI_DTE_##F##_MASK, AMDVI_DTE_##F##_SHIFT)
#define SET(d, F, v)                                                                               \
	((d)->q[AMDVI_DTE_##F##_W] |= ((u64)(v) << AMDVI_DTE_##F##_SHIFT) & AMDVI_DTE_##F##_MASK)

static int check_irt(u64 irt_hpa, struct pp_err *err)
{
	if (irt_hpa == 0 || (irt_hpa & (AMDVI_IRT_ALIGN - 1)) ||
	    (irt_hpa & ~AMDVI_DTE_INTROOT_MASK))
		return pp_fail(
		    err, PP_EINVAL,
		    "amdvi dte: interrupt table root 0x%llx is zero, not 64-byte aligned "
		    "or beyond 52 bits",
		    (unsigned long long)irt_hpa);
	return PP_OK;
}

/* Interrupts blocked and every control at abort (see amdvi_dte_deny). */
static void blocked(struct amdvi_dte *d, u16 domain, u64 irt_hpa)
{
	*d = (struct amdvi_dte){0};
	SET(d, V, 1);
	SET(d, TV, 1);
	SET(d, MODE, AMDVI_MODE_OFF);
	SET(d, DOMAIN, domain);
	SET(d, IOCTL, 0);
	SET(d, SYSMGT, 0);
	SET(d, IV, 1);
	SET(d, INTTABLEN, 0);
	d->q[AMDVI_DTE_INTROOT_W] |= irt_hpa & AMDVI_DTE_INTROOT_MASK;
	SET(d, INTCTL, AMDVI_INTCTL_ABORT);
}

int amdvi_dte_deny(struct amdvi_dte *d, u16 domain, u64 irt_hpa, struct pp_err *err)
{
	int rc = check_irt(irt_hpa, err);
	if (rc)
		return rc;
	struct amdvi_dte n;
	blocked(&n, domain, irt_hpa);
	*d = n;
	return PP_OK;
}

int amdvi_dte_translate(struct amdvi_dte *d, u16 domain, u64 root_hpa, u32 mode, u64 irt_hpa,
			struct pp_err *err)
{
	if (mode < 1 || mode > AMDVI_MODE_MAX)
		return pp_fail(err, PP_EINVAL, "amdvi dte: paging mode %u is not 1..%u", mode,
			       AMDVI_MODE_MAX);
	if (root_hpa == 0 || (root_hpa & ~AMDVI_DTE_PTROOT_MASK))
		return pp_fail(err, PP_EINVAL,
			       "amdvi dte: page table root 0x%llx is zero, not 4 KiB aligned or "
			       "beyond 52 bits",
			       (unsigned long long)root_hpa);
	int rc = check_irt(irt_hpa, err);
	if (rc)
		return rc;
	struct amdvi_dte n;
	blocked(&n, domain, irt_hpa);
	SET(&n, MODE, mode);
	n.q[AMDVI_DTE_PTROOT_W] |= root_hpa & AMDVI_DTE_PTROOT_MASK;
	SET(&n, IR, 1);
	SET(&n, IW, 1);
	*d = n;
	return PP_OK;
}

/* Bits of each word that the decoder names and the builders may set. */
#define KNOWN_Q0                                                                                   \
	(AMDVI_DTE_V_MASK | AMDVI_DTE_TV_MASK | AMDVI_DTE_MODE_MASK | AMDVI_DTE_PTROOT_MASK |      \
	 AMDVI_DTE_IR_MASK | AMDVI_DTE_IW_MASK)
#define KNOWN_Q1                                                                                   \
	(AMDVI_DTE_DOMAIN_MASK | AMDVI_DTE_I_MASK | AMDVI_DTE_SE_MASK | AMDVI_DTE_SA_MASK |        \
	 AMDVI_DTE_IOCTL_MASK | AMDVI_DTE_CACHE_MASK | AMDVI_DTE_SD_MASK | AMDVI_DTE_EX_MASK |     \
	 AMDVI_DTE_SYSMGT_MASK)
#define KNOWN_Q2                                                                                   \
	(AMDVI_DTE_IV_MASK | AMDVI_DTE_INTTABLEN_MASK | AMDVI_DTE_IG_MASK |                        \
	 AMDVI_DTE_INTROOT_MASK | AMDVI_DTE_INITPASS_MASK | AMDVI_DTE_EINTPASS_MASK |              \
	 AMDVI_DTE_NMIPASS_MASK | AMDVI_DTE_INTCTL_MASK | AMDVI_DTE_LINT0PASS_MASK |               \
	 AMDVI_DTE_LINT1PASS_MASK)

void amdvi_dte_decode(const struct amdvi_dte *d, struct amdvi_dte_info *o)
{
	*o = (struct amdvi_dte_info){
	    .v = GET(d, V),
	    .tv = GET(d, TV),
	    .ir = GET(d, IR),
	    .iw = GET(d, IW),
	    .iv = GET(d, IV),
	    .ig = GET(d, IG),
	    .ex = GET(d, EX),
	    .se = GET(d, SE),
	    .sa = GET(d, SA),
	    .i = GET(d, I),
	    .sd = GET(d, SD),
	    .init_pass = GET(d, INITPASS),
	    .eint_pass = GET(d, EINTPASS),
	    .nmi_pass = GET(d, NMIPASS),
	    .lint0_pass = GET(d, LINT0PASS),
	    .lint1_pass = GET(d, LINT1PASS),
	    .mode = (u32)GET(d, MODE),
	    .int_tab_len = (u32)GET(d, INTTABLEN),
	    .int_ctl = (u32)GET(d, INTCTL),
	    .io_ctl = (u32)GET(d, IOCTL),
	    .sys_mgt = (u32)GET(d, SYSMGT),
	    .domain = (u16)GET(d, DOMAIN),
	    .root_hpa = d->q[AMDVI_DTE_PTROOT_W] & AMDVI_DTE_PTROOT_MASK,
	    .irt_hpa = d->q[AMDVI_DTE_INTROOT_W] & AMDVI_DTE_INTROOT_MASK,
	    .reserved_set =
		(d->q[0] & ~KNOWN_Q0) || (d->q[1] & ~KNOWN_Q1) || (d->q[2] & ~KNOWN_Q2) || d->q[3],
	};
}

bool amdvi_dte_blocks_all(const struct amdvi_dte *d)
{
	struct amdvi_dte_info i;
	amdvi_dte_decode(d, &i);
	return i.v && i.tv && i.mode == AMDVI_MODE_OFF && !i.ir && !i.iw && i.iv &&
	       i.int_ctl == AMDVI_INTCTL_ABORT && !i.init_pass && !i.eint_pass && !i.nmi_pass &&
	       !i.lint0_pass && !i.lint1_pass && !i.ex;
}
