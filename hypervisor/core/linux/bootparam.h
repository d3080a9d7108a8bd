/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Linux/x86 boot protocol's formats: the real-mode setup header at
 * 0x1F1 of a bzImage (Documentation/arch/x86/boot.rst, "The Real-Mode
 * Kernel Header"), the zero page (struct boot_params,
 * Documentation/arch/x86/zero-page.rst) that holds a copy of it at the same
 * offset, and its e820 entries. Layouts only: nothing here is ever cast
 * over untrusted bytes. The parser (bzimage.c) reads the image with
 * ld_le* at offsetof() these structs; the zero-page builder (zeropage.c)
 * writes its own output with st_le* the same way.
 */
#ifndef PARAPET_HV_LINUX_BOOTPARAM_H
#define PARAPET_HV_LINUX_BOOTPARAM_H

#include <parapet/types.h>

/* The setup header (boot.rst, "The Real-Mode Kernel Header"), protocol
 * 2.15: offsets below are in the image (and in the zero page). */
struct lnx_setup_header {
	u8 setup_sects;	       /* 0x1F1: 512-byte sectors of setup after the boot sector; 0 = 4 */
	u16 root_flags;	       /* 0x1F2 */
	u32 syssize;	       /* 0x1F4: protected-mode code, in 16-byte paragraphs (2.04+) */
	u16 ram_size;	       /* 0x1F8: obsolete */
	u16 vid_mode;	       /* 0x1FA */
	u16 root_dev;	       /* 0x1FC */
	u16 boot_flag;	       /* 0x1FE: 0xAA55 */
	u16 jump;	       /* 0x200: EB xx; the header ends at 0x202 + xx */
	u32 header;	       /* 0x202: "HdrS" */
	u16 version;	       /* 0x206: protocol, major << 8 | minor */
	u32 realmode_swtch;    /* 0x208 */
	u16 start_sys_seg;     /* 0x20C: obsolete */
	u16 kernel_version;    /* 0x20E */
	u8 type_of_loader;     /* 0x210: written by the loader */
	u8 loadflags;	       /* 0x211 */
	u16 setup_move_size;   /* 0x212 */
	u32 code32_start;      /* 0x214 */
	u32 ramdisk_image;     /* 0x218: written by the loader */
	u32 ramdisk_size;      /* 0x21C: written by the loader */
	u32 bootsect_kludge;   /* 0x220: obsolete */
	u16 heap_end_ptr;      /* 0x224 */
	u8 ext_loader_ver;     /* 0x226 */
	u8 ext_loader_type;    /* 0x227 */
	u32 cmd_line_ptr;      /* 0x228: written by the loader */
	u32 initrd_addr_max;   /* 0x22C: highest byte of the initrd (2.03+) */
	u32 kernel_alignment;  /* 0x230: 2.05+ */
	u8 relocatable_kernel; /* 0x234: 2.05+ */
	u8 min_alignment;      /* 0x235: log2, 2.10+ */
	u16 xloadflags;	       /* 0x236: 2.12+ */
	u32 cmdline_size;      /* 0x238: longest command line without its NUL, 2.06+ */
	u32 hardware_subarch;  /* 0x23C */
	u64 hardware_subarch_data; /* 0x240 */
	u32 payload_offset;	   /* 0x248 */
	u32 payload_length;	   /* 0x24C */
	u64 setup_data;		   /* 0x250 */
	u64 pref_address;	   /* 0x258: 2.10+ */
	u32 init_size;		   /* 0x260: 2.10+ */
	u32 handover_offset;	   /* 0x264: 2.11+ */
	u32 kernel_info_offset;	   /* 0x268: 2.15+ */
} PP_PACKED;

#define LNX_HDR_OFF 0x1F1u
/* offset of a setup-header field in the image and in the zero page */
#define LNX_HOFF(f) (LNX_HDR_OFF + (u32) __builtin_offsetof(struct lnx_setup_header, f))

_Static_assert(sizeof(struct lnx_setup_header) == 0x26C - 0x1F1, "setup header, boot.rst");
_Static_assert(LNX_HOFF(syssize) == 0x1F4, "syssize");
_Static_assert(LNX_HOFF(boot_flag) == 0x1FE, "boot_flag");
_Static_assert(LNX_HOFF(jump) == 0x200, "jump");
_Static_assert(LNX_HOFF(header) == 0x202, "header");
_Static_assert(LNX_HOFF(version) == 0x206, "version");
_Static_assert(LNX_HOFF(type_of_loader) == 0x210, "type_of_loader");
_Static_assert(LNX_HOFF(loadflags) == 0x211, "loadflags");
_Static_assert(LNX_HOFF(code32_start) == 0x214, "code32_start");
_Static_assert(LNX_HOFF(ramdisk_image) == 0x218, "ramdisk_image");
_Static_assert(LNX_HOFF(ramdisk_size) == 0x21C, "ramdisk_size");
_Static_assert(LNX_HOFF(heap_end_ptr) == 0x224, "heap_end_ptr");
_Static_assert(LNX_HOFF(cmd_line_ptr) == 0x228, "cmd_line_ptr");
_Static_assert(LNX_HOFF(initrd_addr_max) == 0x22C, "initrd_addr_max");
_Static_assert(LNX_HOFF(kernel_alignment) == 0x230, "kernel_alignment");
_Static_assert(LNX_HOFF(relocatable_kernel) == 0x234, "relocatable_kernel");
_Static_assert(LNX_HOFF(min_alignment) == 0x235, "min_alignment");
_Static_assert(LNX_HOFF(xloadflags) == 0x236, "xloadflags");
_Static_assert(LNX_HOFF(cmdline_size) == 0x238, "cmdline_size");
_Static_assert(LNX_HOFF(setup_data) == 0x250, "setup_data");
_Static_assert(LNX_HOFF(pref_address) == 0x258, "pref_address");
_Static_assert(LNX_HOFF(init_size) == 0x260, "init_size");
_Static_assert(LNX_HOFF(handover_offset) == 0x264, "handover_offset");
_Static_assert(LNX_HOFF(kernel_info_offset) == 0x268, "kernel_info_offset");

#define LNX_BOOT_FLAG 0xAA55u
#define LNX_HDRS_MAGIC 0x53726448u /* "HdrS" little-endian */
#define LNX_JMP_SHORT 0xEBu
#define LNX_MIN_VERSION 0x020Cu /* 2.12: xloadflags, the 64-bit entry flag */
#define LNX_SETUP_SECTS_DEFAULT 4u

/* loadflags (boot.rst, "loadflags") */
#define LNX_LOADED_HIGH 0x01u
#define LNX_KEEP_SEGMENTS 0x40u
#define LNX_CAN_USE_HEAP 0x80u
/* xloadflags (boot.rst, "xloadflags") */
#define LNX_XLF_KERNEL_64 0x0001u /* the 64-bit entry at load + 0x200 */
#define LNX_XLF_CAN_BE_LOADED_ABOVE_4G 0x0002u

#define LNX_TYPE_OF_LOADER_UNDEF 0xFFu /* boot.rst: "no assigned ID" */
#define LNX_ENTRY64_OFF 0x200u	       /* boot.rst, "64-bit Boot Protocol" */

/* One e820 entry (zero-page.rst: struct boot_e820_entry, 20 bytes, packed). */
struct lnx_e820_entry {
	u64 addr;
	u64 size;
	u32 type;
} PP_PACKED;
_Static_assert(sizeof(struct lnx_e820_entry) == 20, "boot_e820_entry");

#define LNX_E820_RAM 1u
#define LNX_E820_RESERVED 2u
#define LNX_E820_MAX 128u /* E820_MAX_ENTRIES_ZEROPAGE */

/* The zero page (zero-page.rst), the fields a loader writes plus padding. */
struct lnx_boot_params {
	u8 screen_info[0x40];				/* 0x000 */
	u8 apm_bios_info[0x14];				/* 0x040 */
	u8 pad0[4];					/* 0x054 */
	u64 tboot_addr;					/* 0x058 */
	u8 ist_info[0x10];				/* 0x060 */
	u64 acpi_rsdp_addr;				/* 0x070 */
	u8 pad1[8];					/* 0x078 */
	u8 hd0_info[0x10];				/* 0x080 */
	u8 hd1_info[0x10];				/* 0x090 */
	u8 sys_desc_table[0x10];			/* 0x0A0 */
	u8 olpc_ofw_header[0x10];			/* 0x0B0 */
	u32 ext_ramdisk_image;				/* 0x0C0 */
	u32 ext_ramdisk_size;				/* 0x0C4 */
	u32 ext_cmd_line_ptr;				/* 0x0C8 */
	u8 pad2[0x140 - 0xCC];				/* 0x0CC */
	u8 edid_info[0x80];				/* 0x140 */
	u8 efi_info[0x20];				/* 0x1C0 */
	u32 alt_mem_k;					/* 0x1E0 */
	u32 scratch;					/* 0x1E4 */
	u8 e820_entries;				/* 0x1E8 */
	u8 eddbuf_entries;				/* 0x1E9 */
	u8 edd_mbr_sig_buf_entries;			/* 0x1EA */
	u8 kbd_status;					/* 0x1EB */
	u8 secure_boot;					/* 0x1EC */
	u8 pad3[2];					/* 0x1ED */
	u8 sentinel;					/* 0x1EF */
	u8 pad4;					/* 0x1F0 */
	struct lnx_setup_header hdr;			/* 0x1F1 */
	u8 pad5[0x290 - 0x26C];				/* 0x26C */
	u32 edd_mbr_sig_buffer[16];			/* 0x290 */
	struct lnx_e820_entry e820_table[LNX_E820_MAX]; /* 0x2D0 */
	u8 pad6[0xD00 - 0xCD0];				/* 0xCD0 */
	u8 eddbuf[0x1EC];				/* 0xD00 */
	u8 pad7[0x1000 - 0xEEC];			/* 0xEEC */
} PP_PACKED;

#define LNX_ZP_OFF(f) ((u32) __builtin_offsetof(struct lnx_boot_params, f))
_Static_assert(sizeof(struct lnx_boot_params) == 4096, "boot_params is one page");
_Static_assert(LNX_ZP_OFF(acpi_rsdp_addr) == 0x070, "acpi_rsdp_addr");
_Static_assert(LNX_ZP_OFF(ext_ramdisk_image) == 0x0C0, "ext_ramdisk_image");
_Static_assert(LNX_ZP_OFF(ext_ramdisk_size) == 0x0C4, "ext_ramdisk_size");
_Static_assert(LNX_ZP_OFF(ext_cmd_line_ptr) == 0x0C8, "ext_cmd_line_ptr");
_Static_assert(LNX_ZP_OFF(alt_mem_k) == 0x1E0, "alt_mem_k");
_Static_assert(LNX_ZP_OFF(e820_entries) == 0x1E8, "e820_entries");
_Static_assert(LNX_ZP_OFF(sentinel) == 0x1EF, "sentinel");
_Static_assert(LNX_ZP_OFF(hdr) == LNX_HDR_OFF, "hdr");
_Static_assert(LNX_ZP_OFF(hdr.type_of_loader) == 0x210, "hdr.type_of_loader");
_Static_assert(LNX_ZP_OFF(hdr.loadflags) == 0x211, "hdr.loadflags");
_Static_assert(LNX_ZP_OFF(hdr.ramdisk_image) == 0x218, "hdr.ramdisk_image");
_Static_assert(LNX_ZP_OFF(hdr.ramdisk_size) == 0x21C, "hdr.ramdisk_size");
_Static_assert(LNX_ZP_OFF(hdr.cmd_line_ptr) == 0x228, "hdr.cmd_line_ptr");
_Static_assert(LNX_ZP_OFF(edd_mbr_sig_buffer) == 0x290, "edd_mbr_sig_buffer");
_Static_assert(LNX_ZP_OFF(e820_table) == 0x2D0, "e820_table");
_Static_assert(LNX_ZP_OFF(eddbuf) == 0xD00, "eddbuf");

#endif
