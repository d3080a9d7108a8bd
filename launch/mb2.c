// SPDX-License-Identifier: GPL-2.0-only
/*
 * Multiboot2 boot information parser (Multiboot2 specification 1.0, 3.6).
 * Every tag is 8-byte aligned, at least 8 bytes long and lies inside
 * total_size; the list ends with the end tag (type 0, size 8) and nothing but
 * that tag's end follows. Unknown tags are skipped; tags that may appear once
 * are rejected when repeated.
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "mb2.h"

#define MB2_TAG_HDR 8u

/* Tags that may appear at most once. */
static bool mb2_singleton(u32 type)
{
	switch (type) {
	case MB2_TAG_CMDLINE:
	case MB2_TAG_LOADER_NAME:
	case MB2_TAG_BASIC_MEMINFO:
	case MB2_TAG_BOOTDEV:
	case MB2_TAG_MMAP:
	case MB2_TAG_EFI32_ST:
	case MB2_TAG_EFI64_ST:
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
	case MB2_TAG_EFI_MMAP:
	case MB2_TAG_EFI_BS_ALIVE:
	case MB2_TAG_EFI32_IH:
	case MB2_TAG_EFI64_IH:
	case MB2_TAG_LOAD_BASE: return true;
	default: return false;
	}
}

/* A NUL-terminated string starting at soff inside the tag [off, off+size). */
static int tag_string(const u8 *buf, u32 off, u32 size, u32 soff, u32 type, u32 *len,
		      struct pp_err *err)
{
	for (u32 i = soff; i < off + size; i++) {
		if (buf[i] == '\0') {
			*len = i - soff;
			return PP_OK;
		}
	}
	return pp_fail(err, PP_EINVAL,
		       "MBI: tag %u at offset %u: string not NUL-terminated inside the tag", type,
		       off);
}

static int tag_size_exact(u32 type, u32 off, u32 size, u32 want, struct pp_err *err)
{
	if (size != want)
		return pp_fail(err, PP_EINVAL, "MBI: tag %u at offset %u: size %u, expected %u",
			       type, off, size, want);
	return PP_OK;
}

static int parse_module(const u8 *buf, u32 off, u32 size, struct mb2_info *mi, struct pp_err *err)
{
	if (size < MB2_TAG_HDR + 8 + 1)
		return pp_fail(err, PP_ETRUNC, "MBI: module tag at offset %u: size %u < 17", off,
			       size);
	if (mi->mod_count == MB2_MAX_MODULES)
		return pp_fail(err, PP_ENOMEM, "MBI: more than %u modules", MB2_MAX_MODULES);
	struct mb2_module *m = &mi->mod[mi->mod_count];
	m->start = ld_le32(buf + off + 8);
	m->end = ld_le32(buf + off + 12);
	if (m->start >= m->end)
		return pp_fail(err, PP_ERANGE, "MBI: module %u: start 0x%x not below end 0x%x",
			       mi->mod_count, m->start, m->end);
	m->cmdline_off = off + 16;
	int rc = tag_string(buf, off, size, off + 16, MB2_TAG_MODULE, &m->cmdline_len, err);
	if (rc)
		return rc;
	mi->mod_count++;
	return PP_OK;
}

static int parse_mmap(const u8 *buf, u32 off, u32 size, struct mb2_info *mi, struct pp_err *err)
{
	if (size < MB2_TAG_HDR + 8)
		return pp_fail(err, PP_ETRUNC, "MBI: mmap tag at offset %u: size %u < 16", off,
			       size);
	u32 esize = ld_le32(buf + off + 8);
	u32 ever = ld_le32(buf + off + 12);
	if (esize < MB2_MMAP_ENTRY_MIN || (esize & 7))
		return pp_fail(err, PP_EINVAL, "MBI: mmap entry_size %u not a multiple of 8 >= %u",
			       esize, MB2_MMAP_ENTRY_MIN);
	if (ever != 0)
		return pp_fail(err, PP_EVERSION, "MBI: mmap entry_version %u, expected 0", ever);
	u32 bytes = size - 16;
	if (bytes % esize)
		return pp_fail(err, PP_EINVAL,
			       "MBI: mmap tag: %u bytes of entries not a multiple of entry_size %u",
			       bytes, esize);
	u32 n = bytes / esize;
	if (n > MB2_MAX_MMAP)
		return pp_fail(err, PP_ENOMEM, "MBI: mmap has %u entries, at most %u", n,
			       MB2_MAX_MMAP);
	for (u32 i = 0; i < n; i++) {
		const u8 *e = buf + off + 16 + (size_t)i * esize;
		struct mb2_mmap_entry *d = &mi->mmap[i];
		u64 end;
		d->base = ld_le64(e);
		d->length = ld_le64(e + 8);
		d->type = ld_le32(e + 16);
		if (!pp_add_ok(d->base, d->length, &end))
			return pp_fail(err, PP_ERANGE, "MBI: mmap entry %u: 0x%llx+0x%llx wraps", i,
				       (unsigned long long)d->base, (unsigned long long)d->length);
	}
	mi->mmap_count = n;
	mi->has_mmap = true;
	return PP_OK;
}

static int parse_rsdp(const u8 *buf, u32 off, u32 size, u32 type, u8 *dst, u32 want,
		      struct pp_err *err)
{
	if (size < MB2_TAG_HDR + want)
		return pp_fail(err, PP_ETRUNC, "MBI: ACPI RSDP tag %u at offset %u: size %u < %u",
			       type, off, size, MB2_TAG_HDR + want);
	if (memcmp(buf + off + 8, "RSD PTR ", 8) != 0)
		return pp_fail(err, PP_EMAGIC, "MBI: ACPI RSDP tag %u at offset %u: bad signature",
			       type, off);
	memcpy(dst, buf + off + 8, want);
	return PP_OK;
}

static int parse_efi_mmap(const u8 *buf, u32 off, u32 size, struct mb2_info *mi, struct pp_err *err)
{
	if (size < MB2_TAG_HDR + 8)
		return pp_fail(err, PP_ETRUNC, "MBI: EFI mmap tag at offset %u: size %u < 16", off,
			       size);
	u32 dsize = ld_le32(buf + off + 8);
	if (dsize < MB2_EFI_DESC_MIN || dsize > MB2_EFI_DESC_MAX || (dsize & 7))
		return pp_fail(err, PP_EINVAL,
			       "MBI: EFI mmap descriptor size %u not a multiple of 8 in [%u, %u]",
			       dsize, MB2_EFI_DESC_MIN, MB2_EFI_DESC_MAX);
	if ((size - 16) % dsize)
		return pp_fail(err, PP_EINVAL,
			       "MBI: EFI mmap: %u bytes not a multiple of descriptor size %u",
			       size - 16, dsize);
	mi->has_efi_mmap = true;
	mi->efi_desc_size = dsize;
	mi->efi_desc_version = ld_le32(buf + off + 12);
	mi->efi_mmap_off = off + 16;
	mi->efi_mmap_size = size - 16;
	return PP_OK;
}

static int parse_tag(const u8 *buf, u32 off, u32 type, u32 size, struct mb2_info *mi,
		     struct pp_err *err)
{
	int rc;
	u32 len = 0;

	switch (type) {
	case MB2_TAG_CMDLINE:
		rc = tag_string(buf, off, size, off + 8, type, &len, err);
		if (rc)
			return rc;
		mi->has_cmdline = true;
		mi->cmdline_off = off + 8;
		mi->cmdline_len = len;
		return PP_OK;
	case MB2_TAG_LOADER_NAME: return tag_string(buf, off, size, off + 8, type, &len, err);
	case MB2_TAG_MODULE: return parse_module(buf, off, size, mi, err);
	case MB2_TAG_MMAP: return parse_mmap(buf, off, size, mi, err);
	case MB2_TAG_EFI64_ST:
	case MB2_TAG_EFI64_IH: {
		rc = tag_size_exact(type, off, size, 16, err);
		if (rc)
			return rc;
		u64 p = ld_le64(buf + off + 8);
		if (!p)
			return pp_fail(err, PP_EINVAL, "MBI: tag %u at offset %u: EFI pointer is 0",
				       type, off);
		if (type == MB2_TAG_EFI64_ST) {
			mi->has_efi64_st = true;
			mi->efi64_st = p;
		} else {
			mi->has_efi64_ih = true;
			mi->efi64_ih = p;
		}
		return PP_OK;
	}
	case MB2_TAG_ACPI_OLD:
		rc = parse_rsdp(buf, off, size, type, mi->rsdp_v1, MB2_RSDP_V1_LEN, err);
		mi->has_rsdp_v1 = rc == PP_OK;
		return rc;
	case MB2_TAG_ACPI_NEW:
		rc = parse_rsdp(buf, off, size, type, mi->rsdp_v2, MB2_RSDP_V2_LEN, err);
		mi->has_rsdp_v2 = rc == PP_OK;
		return rc;
	case MB2_TAG_EFI_MMAP: return parse_efi_mmap(buf, off, size, mi, err);
	case MB2_TAG_EFI_BS_ALIVE:
		rc = tag_size_exact(type, off, size, 8, err);
		mi->efi_bs_alive = rc == PP_OK;
		return rc;
	case MB2_TAG_LOAD_BASE:
		rc = tag_size_exact(type, off, size, 12, err);
		if (rc)
			return rc;
		mi->has_load_base = true;
		mi->load_base = ld_le32(buf + off + 8);
		return PP_OK;
	default: return PP_OK; /* unknown or unused: skipped */
	}
}

int mb2_parse(const u8 *buf, size_t len, struct mb2_info *mi, struct pp_err *err)
{
	if (!buf || len < 8)
		return pp_fail(err, PP_ETRUNC, "MBI: %zu bytes, the header needs 8", buf ? len : 0);
	u32 total = ld_le32(buf); /* the reserved word at +4 is ignored (spec 3.6.1) */
	if (total < 16)
		return pp_fail(err, PP_ERANGE, "MBI: total_size %u < 16 (header + end tag)", total);
	if (total > len)
		return pp_fail(err, PP_ETRUNC, "MBI: total_size %u exceeds the %zu readable bytes",
			       total, len);
	if (total > MB2_MAX_TOTAL)
		return pp_fail(err, PP_ERANGE, "MBI: total_size %u above the %u limit", total,
			       MB2_MAX_TOTAL);
	if (total & 7)
		return pp_fail(err, PP_EINVAL, "MBI: total_size %u not a multiple of 8", total);

	memset(mi, 0, sizeof(*mi));
	mi->total_size = total;
	u32 seen = 0; /* bit per singleton tag type <= MB2_TAG_TYPE_MAX */
	u32 off = 8;
	for (;;) {
		if (!pp_span_ok(off, MB2_TAG_HDR, total))
			return pp_fail(
			    err, PP_ETRUNC,
			    "MBI: tag header at offset %u past total_size %u (no end tag)", off,
			    total);
		u32 type = ld_le32(buf + off);
		u32 size = ld_le32(buf + off + 4);
		if (size < MB2_TAG_HDR)
			return pp_fail(err, PP_EINVAL, "MBI: tag %u at offset %u: size %u < 8",
				       type, off, size);
		if (!pp_span_ok(off, size, total))
			return pp_fail(err, PP_ERANGE,
				       "MBI: tag %u at offset %u: size %u runs past total_size %u",
				       type, off, size, total);
		if (type == MB2_TAG_END) {
			if (size != MB2_TAG_HDR)
				return pp_fail(err, PP_EINVAL,
					       "MBI: end tag at offset %u: size %u, expected 8",
					       off, size);
			if (off + MB2_TAG_HDR != total)
				return pp_fail(err, PP_EINVAL,
					       "MBI: %u bytes after the end tag at offset %u",
					       total - off - MB2_TAG_HDR, off);
			return PP_OK;
		}
		if (mb2_singleton(type)) {
			if (seen & (1u << type))
				return pp_fail(err, PP_EINVAL, "MBI: duplicate tag %u at offset %u",
					       type, off);
			seen |= 1u << type;
		}
		int rc = parse_tag(buf, off, type, size, mi, err);
		if (rc)
			return rc;
		off += (u32)PP_ALIGN_UP(size, 8); /* size <= total <= 1 MiB: no wrap */
	}
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int mb2_find_hypervisor(const u8 *buf, const struct mb2_info *mi, u32 *args_off, u32 *args_len,
			struct pp_err *err)
{
	static const char word[] = "hypervisor";
	const u32 wlen = sizeof(word) - 1;
	int found = -1;

	for (u32 i = 0; i < mi->mod_count; i++) {
		const struct mb2_module *m = &mi->mod[i];
		const char *s = (const char *)buf + m->cmdline_off;
		if (m->cmdline_len < wlen || memcmp(s, word, wlen) != 0)
			continue;
		if (m->cmdline_len > wlen && !is_blank(s[wlen]))
			continue; /* e.g. "hypervisor2" */
		if (found >= 0)
			return pp_fail(err, PP_EINVAL,
				       "MBI: modules %d and %u both say \"hypervisor\"", found, i);
		found = (int)i;
	}
	if (found < 0)
		return pp_fail(
		    err, PP_ENOENT,
		    "MBI: no module command line starts with \"hypervisor\" (%u modules)",
		    mi->mod_count);
	const struct mb2_module *m = &mi->mod[found];
	u32 a = wlen;
	while (a < m->cmdline_len && is_blank((char)buf[m->cmdline_off + a]))
		a++;
	*args_off = m->cmdline_off + a;
	*args_len = m->cmdline_len - a;
	return found;
}

bool mb2_range_available(const struct mb2_info *mi, u64 base, u64 len)
{
	u64 end, cur = base;
	if (!len || !pp_add_ok(base, len, &end))
		return false;
	/* Each round advances cur to the end of an available entry containing it. */
	for (u32 round = 0; round <= mi->mmap_count && cur < end; round++) {
		bool moved = false;
		for (u32 i = 0; i < mi->mmap_count; i++) {
			const struct mb2_mmap_entry *e = &mi->mmap[i];
			if (e->type == MB2_MMAP_AVAILABLE && e->base <= cur &&
			    cur - e->base < e->length) {
				cur = e->base + e->length;
				moved = true;
				break;
			}
		}
		if (!moved)
			return false;
	}
	return cur >= end;
}
