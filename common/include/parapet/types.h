/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Basic types shared by freestanding code and host tools.
 *
 * Addresses are typed so that host-physical, guest-physical and host-virtual
 * addresses cannot be mixed silently: each is a distinct one-member struct,
 * converted only through the named helpers below.
 */
#ifndef PARAPET_TYPES_H
#define PARAPET_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

/* Host-physical address. */
typedef struct {
	u64 v;
} hpa_t;
/* Guest-physical address (inside a protection domain). */
typedef struct {
	u64 v;
} gpa_t;

static inline hpa_t hpa(u64 v)
{
	return (hpa_t){v};
}
static inline gpa_t gpa(u64 v)
{
	return (gpa_t){v};
}
static inline u64 hpa_val(hpa_t a)
{
	return a.v;
}
static inline u64 gpa_val(gpa_t a)
{
	return a.v;
}

#define PP_PAGE_SIZE 4096ull
#define PP_PAGE_SHIFT 12
#define PP_ALIGN_UP(x, a) (((x) + ((a)-1)) & ~((u64)(a)-1))
#define PP_ALIGN_DOWN(x, a) ((x) & ~((u64)(a)-1))
#define PP_IS_ALIGNED(x, a) (((x) & ((u64)(a)-1)) == 0)
#define PP_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PP_MIN(a, b) ((a) < (b) ? (a) : (b))
#define PP_MAX(a, b) ((a) > (b) ? (a) : (b))

#define PP_PACKED __attribute__((packed))
#define PP_NORETURN __attribute__((noreturn))
#define PP_UNUSED __attribute__((unused))
#define PP_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Checked 64-bit addition: returns false on overflow. */
static inline bool pp_add_ok(u64 a, u64 b, u64 *out)
{
	return !__builtin_add_overflow(a, b, out);
}

/* True when [a, a+alen) and [b, b+blen) intersect (lengths non-zero, no wrap). */
static inline bool pp_ranges_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

#endif
