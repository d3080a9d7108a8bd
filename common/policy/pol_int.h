/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal helpers of common/policy/ (not a public API). */
#ifndef PARAPET_COMMON_POLICY_INT_H
#define PARAPET_COMMON_POLICY_INT_H

#include <parapet/policy.h>

/* Table t's record i (i >= 1) does not sort before record i - 1. */
bool pol_in_order(const struct pp_policy *p, u32 t, u32 i);

/* Record a validator finding; returns the PP_E* code. */
int pol_fail(struct pp_pol_error *out, enum pp_pol_rule rule, int code, const char *fmt, ...)
    PP_PRINTF(4, 5);

/* The partition's name for messages ("?" when the id names none). */
const char *pol_pname(const struct pp_policy *p, u32 id);

/* A name: 1..cap-1 characters from [A-Za-z0-9._-], NUL within cap. */
bool pol_name_ok(const char *s, u32 cap);

/* The validator's steps, in the order pp_policy_validate runs them. */
typedef int (*pol_step_fn)(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_structure(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_binding(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_align(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_memory(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_forbidden(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_devices(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_dma(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_irqs(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_ports(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_cpus(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_cache(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_channels(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_caps(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_image(const struct pp_policy *p, struct pp_pol_error *out);
int pol_v_linux(const struct pp_policy *p, struct pp_pol_error *out);

/* Architectural addresses (docs/policy.md, "Never passed through"). */
#define POL_PAGE 0x1000ull
#define POL_MAX_ADDR (1ull << 52)  /* x86-64 architectural MAXPHYADDR limit */
#define POL_TPM_LOC0 0xfed40000ull /* TCG PC Client PTP: locality n at +n * 4 KiB */
#define POL_TPM_LOC_SIZE 0x1000ull

/* [a, a + as) and [b, b + bs) intersect (sizes > 0, no wrap: checked first). */
static inline bool pol_overlap(u64 a, u64 as, u64 b, u64 bs)
{
	return a < b + bs && b < a + as;
}

#endif
