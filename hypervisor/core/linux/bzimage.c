// SPDX-License-Identifier: GPL-2.0-only
/* The bzImage parser (bzimage.h): untrusted bytes, read at the offsets of
 * boot.rst's setup header (bootparam.h) with ld_le*, checked in the order
 * a field becomes readable. */
#include <parapet/bytes.h>
#include "hypervisor/core/linux/bzimage.h"

#define SECTOR 512u

static bool is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

static int need(u64 len, u32 end, const char *what, struct pp_err *err)
{
	if (len < end)
		return pp_fail(err, PP_ETRUNC, "bzImage: %u bytes end before %s (needs 0x%x)",
			       (unsigned)PP_MIN(len, 0xffffffffull), what, end);
	return PP_OK;
}

/* The magics, the version and the header's extent. */
static int parse_magic(const u8 *img, u64 len, struct lnx_bzimage *b, struct pp_err *err)
{
	int rc = need(len, LNX_HOFF(boot_flag) + 2, "the boot flag at 0x1FE", err);
	if (rc)
		return rc;
	u16 flag = ld_le16(img + LNX_HOFF(boot_flag));
	if (flag != LNX_BOOT_FLAG)
		return pp_fail(err, PP_EMAGIC, "bzImage: boot flag at 0x1FE is 0x%04x, not 0xAA55",
			       flag);
	rc = need(len, LNX_HOFF(version) + 2, "the protocol version at 0x206", err);
	if (rc)
		return rc;
	u32 magic = ld_le32(img + LNX_HOFF(header));
	if (magic != LNX_HDRS_MAGIC)
		return pp_fail(err, PP_EMAGIC, "bzImage: header magic at 0x202 is 0x%08x, not HdrS",
			       magic);
	b->version = ld_le16(img + LNX_HOFF(version));
	if (b->version < LNX_MIN_VERSION)
		return pp_fail(
		    err, PP_EVERSION,
		    "bzImage: boot protocol %u.%02u, the 64-bit entry needs 2.12 or later",
		    b->version >> 8, b->version & 0xffu);
	u8 jmp = img[LNX_HOFF(jump)];
	b->hdr_end = LNX_HOFF(header) + img[LNX_HOFF(jump) + 1];
	if (jmp != LNX_JMP_SHORT)
		return pp_fail(err, PP_EINVAL, "bzImage: byte 0x%02x at 0x200 is not a short jump",
			       jmp);
	if (b->hdr_end < LNX_HOFF(init_size) + 4 || b->hdr_end > LNX_HDR_END_MAX)
		return pp_fail(
		    err, PP_EINVAL,
		    "bzImage: setup header ends at 0x%x (0x202 + byte at 0x201), outside "
		    "[0x%x, 0x%x]",
		    b->hdr_end, LNX_HOFF(init_size) + 4, LNX_HDR_END_MAX);
	return need(len, b->hdr_end, "the end of its setup header", err);
}

/* setup_sects, syssize and the file's size. */
static int parse_sizes(const u8 *img, u64 len, struct lnx_bzimage *b, struct pp_err *err)
{
	u8 sects = img[LNX_HOFF(setup_sects)];
	b->setup_sects = sects ? sects : LNX_SETUP_SECTS_DEFAULT;
	b->kernel_off = ((u64)b->setup_sects + 1) * SECTOR;
	u32 syssize = ld_le32(img + LNX_HOFF(syssize));
	b->kernel_len = (u64)syssize * 16;
	if (!syssize)
		return pp_fail(err, PP_EINVAL, "bzImage: syssize at 0x1F4 is 0");
	if (b->kernel_off > len || b->kernel_len > len - b->kernel_off)
		return pp_fail(
		    err, PP_ETRUNC,
		    "bzImage: setup (%u sectors + boot sector, 0x%llx bytes) and syssize "
		    "0x%x (0x%llx bytes) need 0x%llx bytes, the file has 0x%llx",
		    b->setup_sects, (unsigned long long)b->kernel_off, syssize,
		    (unsigned long long)b->kernel_len,
		    (unsigned long long)b->kernel_off + b->kernel_len, (unsigned long long)len);
	return PP_OK;
}

/* What the 64-bit entry needs: a relocatable bzImage with XLF_KERNEL_64. */
static int parse_flags(const u8 *img, struct lnx_bzimage *b, struct pp_err *err)
{
	b->loadflags = img[LNX_HOFF(loadflags)];
	b->xloadflags = ld_le16(img + LNX_HOFF(xloadflags));
	u8 reloc = img[LNX_HOFF(relocatable_kernel)];
	if (!(b->loadflags & LNX_LOADED_HIGH))
		return pp_fail(err, PP_ENOTSUP,
			       "bzImage: loadflags 0x%02x at 0x211 lack LOADED_HIGH (a zImage)",
			       b->loadflags);
	if (!(b->xloadflags & LNX_XLF_KERNEL_64))
		return pp_fail(err, PP_ENOTSUP,
			       "bzImage: xloadflags 0x%04x at 0x236 lack XLF_KERNEL_64 (no 64-bit "
			       "entry)",
			       b->xloadflags);
	if (!reloc)
		return pp_fail(err, PP_ENOTSUP,
			       "bzImage: relocatable_kernel at 0x234 is 0 (not relocatable)");
	return PP_OK;
}

/* Alignment, preferred address, init_size and cmdline_size. */
static int parse_placement(const u8 *img, struct lnx_bzimage *b, struct pp_err *err)
{
	b->kernel_alignment = ld_le32(img + LNX_HOFF(kernel_alignment));
	b->min_alignment = img[LNX_HOFF(min_alignment)];
	b->pref_address = ld_le64(img + LNX_HOFF(pref_address));
	b->init_size = ld_le32(img + LNX_HOFF(init_size));
	b->cmdline_size = ld_le32(img + LNX_HOFF(cmdline_size));
	b->initrd_addr_max = ld_le32(img + LNX_HOFF(initrd_addr_max));
	if (!is_pow2(b->kernel_alignment) || b->kernel_alignment < LNX_ALIGN_MIN ||
	    b->kernel_alignment > LNX_ALIGN_MAX)
		return pp_fail(err, PP_EINVAL,
			       "bzImage: kernel_alignment 0x%x at 0x230 is not a power of two in "
			       "[0x%x, 0x%x]",
			       b->kernel_alignment, LNX_ALIGN_MIN, LNX_ALIGN_MAX);
	if (b->min_alignment >= 32 || (1ull << b->min_alignment) > b->kernel_alignment)
		return pp_fail(err, PP_EINVAL,
			       "bzImage: min_alignment %u at 0x235 exceeds kernel_alignment 0x%x",
			       b->min_alignment, b->kernel_alignment);
	if (b->init_size < b->kernel_len)
		return pp_fail(
		    err, PP_EINVAL,
		    "bzImage: init_size 0x%x at 0x260 is below the protected-mode code's "
		    "0x%llx bytes",
		    b->init_size, (unsigned long long)b->kernel_len);
	if (b->pref_address >= LNX_GPA_LIMIT || b->init_size > LNX_GPA_LIMIT - b->pref_address)
		return pp_fail(err, PP_ERANGE,
			       "bzImage: pref_address 0x%llx + init_size 0x%x at 0x258/0x260 leave "
			       "the 48-bit address space",
			       (unsigned long long)b->pref_address, b->init_size);
	if (!b->cmdline_size)
		return pp_fail(err, PP_EINVAL, "bzImage: cmdline_size at 0x238 is 0");
	return PP_OK;
}

int lnx_bzimage_parse(const u8 *img, u64 len, struct lnx_bzimage *out, struct pp_err *err)
{
	struct lnx_bzimage b = {0};
	int rc;
	if (!img)
		return pp_fail(err, PP_EINVAL, "bzImage: no image");
	if ((rc = parse_magic(img, len, &b, err)) || (rc = parse_sizes(img, len, &b, err)) ||
	    (rc = parse_flags(img, &b, err)) || (rc = parse_placement(img, &b, err)))
		return rc;
	*out = b;
	return PP_OK;
}
