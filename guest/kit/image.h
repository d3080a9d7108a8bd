/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest kit's flat-binary image (docs/guest-kit.md, "Image"): linked
 * at GK_LINK_ADDR (guest-physical 1 MiB, identity mapped), the 64-byte
 * header below at offset 0, the entry stub at GK_ENTRY_OFFSET. So a policy
 * loads the file at GK_LINK_ADDR and names GK_LINK_ADDR + GK_ENTRY_OFFSET
 * (0x100040) as its entry. Shared by crt0.S, guest.ld (by value) and C.
 */
#ifndef GUEST_KIT_IMAGE_H
#define GUEST_KIT_IMAGE_H

#define GK_LINK_ADDR 0x100000
#define GK_ENTRY_OFFSET 0x40
#define GK_HDR_VERSION 1
#define GK_HDR_SIZE 64
#define GK_STACK_SIZE 16384

/* Byte offsets of the header's fields (little-endian). */
#define GK_HDR_MAGIC 0	     /* 8 bytes: "PPGUEST\0" */
#define GK_HDR_VER 8	     /* u32: GK_HDR_VERSION */
#define GK_HDR_HSIZE 12	     /* u32: GK_HDR_SIZE */
#define GK_HDR_LINK 16	     /* u64: link address (where the file must be loaded) */
#define GK_HDR_ENTRY 24	     /* u64: entry offset from the link address */
#define GK_HDR_FILE_SIZE 32  /* u64: bytes in the flat file */
#define GK_HDR_MEM_SIZE 40   /* u64: bytes from the link address to the end of .bss */
#define GK_HDR_STACK_SIZE 48 /* u64: the entry stub's stack, inside .bss */
/* 56..63: reserved, zero */

#ifndef __ASSEMBLY__
#include <stdint.h>

struct gk_image_hdr {
	char magic[8];
	uint32_t version;
	uint32_t hdr_size;
	uint64_t link_addr;
	uint64_t entry_offset;
	uint64_t file_size;
	uint64_t mem_size;
	uint64_t stack_size;
	uint64_t reserved;
};

_Static_assert(sizeof(struct gk_image_hdr) == GK_HDR_SIZE, "header size");
#endif

#endif
