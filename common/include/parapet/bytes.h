/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Explicit little/big-endian loads and stores, and a bounds-checked reader.
 * Parsers of untrusted bytes use these, never casts of packed structs.
 */
#ifndef PARAPET_BYTES_H
#define PARAPET_BYTES_H

#include <parapet/types.h>

static inline u16 ld_le16(const u8 *p)
{
	return (u16)(p[0] | (p[1] << 8));
}
static inline u32 ld_le32(const u8 *p)
{
	return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24);
}
static inline u64 ld_le64(const u8 *p)
{
	return (u64)ld_le32(p) | ((u64)ld_le32(p + 4) << 32);
}
static inline u16 ld_be16(const u8 *p)
{
	return (u16)((p[0] << 8) | p[1]);
}
static inline u32 ld_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | (u32)p[3];
}
static inline u64 ld_be64(const u8 *p)
{
	return ((u64)ld_be32(p) << 32) | ld_be32(p + 4);
}

static inline void st_le16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}
static inline void st_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}
static inline void st_le64(u8 *p, u64 v)
{
	st_le32(p, (u32)v);
	st_le32(p + 4, (u32)(v >> 32));
}
static inline void st_be16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}
static inline void st_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}
static inline void st_be64(u8 *p, u64 v)
{
	st_be32(p, (u32)(v >> 32));
	st_be32(p + 4, (u32)v);
}

/* True when [off, off+len) lies inside a buffer of size total (no wrap). */
static inline bool pp_span_ok(u64 off, u64 len, u64 total)
{
	return off <= total && len <= total - off;
}

#endif
