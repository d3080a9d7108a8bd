/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A strict parser of a Linux bzImage for the 64-bit boot protocol
 * (Documentation/arch/x86/boot.rst; docs/linux-partition.md, "Boot
 * protocol"). The bytes are a measured boot module, but untrusted: every
 * field is read with ld_le* at its documented offset (bootparam.h), every
 * length is checked against the file, and an image this loader cannot
 * start through the 64-bit entry is refused with a precise error:
 *
 *  - boot sector flag 0xAA55 at 0x1FE and "HdrS" at 0x202 (PP_EMAGIC);
 *  - protocol >= 2.12 (PP_EVERSION);
 *  - the header's extent 0x202 + byte[0x201] (a short jump at 0x200)
 *    covering init_size and ending by 0x290 (PP_EINVAL);
 *  - setup_sects (0 means 4), syssize > 0, and the setup plus syssize * 16
 *    bytes inside the file (PP_ETRUNC); bytes after that (an appended
 *    signature) are measured but not loaded;
 *  - loadflags LOADED_HIGH, xloadflags XLF_KERNEL_64 and
 *    relocatable_kernel, all required (PP_ENOTSUP);
 *  - kernel_alignment a power of two in [4 KiB, 1 GiB] and at least
 *    1 << min_alignment; init_size >= the protected-mode code; cmdline_size
 *    > 0; pref_address + init_size inside a 48-bit address space (PP_ERANGE
 *    / PP_EINVAL).
 *
 * Nothing is written on failure; *out only on success.
 */
#ifndef PARAPET_HV_LINUX_BZIMAGE_H
#define PARAPET_HV_LINUX_BZIMAGE_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "hypervisor/core/linux/bootparam.h"

#define LNX_ALIGN_MIN 0x1000u
#define LNX_ALIGN_MAX 0x40000000u
#define LNX_HDR_END_MAX 0x290u /* edd_mbr_sig_buffer follows the header */
#define LNX_GPA_LIMIT (1ull << 48)

struct lnx_bzimage {
	u16 version;	/* protocol, major << 8 | minor */
	u8 setup_sects; /* effective (0 in the file reads as 4) */
	u8 loadflags;
	u16 xloadflags;
	u8 min_alignment;
	u32 hdr_end;	      /* the setup header is [0x1F1, hdr_end) of the file */
	u64 kernel_off;	      /* the protected-mode code: (setup_sects + 1) * 512 */
	u64 kernel_len;	      /* syssize * 16 */
	u32 kernel_alignment; /* a power of two */
	u64 pref_address;
	u32 init_size;	     /* bytes the kernel needs from its load address */
	u32 cmdline_size;    /* longest command line, without the NUL */
	u32 initrd_addr_max; /* highest address of the initrd's last byte */
};

/* Parse [img, img + len). PP_OK and *out, or an error naming the field. */
int lnx_bzimage_parse(const u8 *img, u64 len, struct lnx_bzimage *out, struct pp_err *err);

#endif
