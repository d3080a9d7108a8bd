/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Multiboot2 constants (Multiboot2 specification 1.0, sections 3.1 "OS image
 * format" and 3.6 "Boot information format"). Only #defines: this header is
 * included by the assembly entry (launch/entry.S) and by the C parser.
 */
#ifndef PARAPET_LAUNCH_MB2_ABI_H
#define PARAPET_LAUNCH_MB2_ABI_H

/* 3.1.1: the OS image header */
#define MB2_HEADER_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0 /* 32-bit protected mode i386 (also used for x86_64) */
#define MB2_HEADER_ALIGN 8
#define MB2_HEADER_SEARCH 32768 /* header must lie within the first 32 KiB */
#define MB2_HTAG_FLAG_OPTIONAL 1

/* 3.1.3 onwards: header tag types */
#define MB2_HTAG_END 0
#define MB2_HTAG_INFO_REQ 1
#define MB2_HTAG_ADDRESS 2
#define MB2_HTAG_ENTRY 3
#define MB2_HTAG_CONSOLE_FLAGS 4
#define MB2_HTAG_FRAMEBUFFER 5
#define MB2_HTAG_MODULE_ALIGN 6
#define MB2_HTAG_EFI_BS 7
#define MB2_HTAG_ENTRY_EFI32 8
#define MB2_HTAG_ENTRY_EFI64 9
#define MB2_HTAG_RELOCATABLE 10

/* 3.2: machine state; EAX holds this magic */
#define MB2_BOOTLOADER_MAGIC 0x36d76289

/* 3.6: boot information tag types */
#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER_NAME 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_BASIC_MEMINFO 4
#define MB2_TAG_BOOTDEV 5
#define MB2_TAG_MMAP 6
#define MB2_TAG_VBE 7
#define MB2_TAG_FRAMEBUFFER 8
#define MB2_TAG_ELF_SECTIONS 9
#define MB2_TAG_APM 10
#define MB2_TAG_EFI32_ST 11
#define MB2_TAG_EFI64_ST 12
#define MB2_TAG_SMBIOS 13
#define MB2_TAG_ACPI_OLD 14
#define MB2_TAG_ACPI_NEW 15
#define MB2_TAG_NETWORK 16
#define MB2_TAG_EFI_MMAP 17
#define MB2_TAG_EFI_BS_ALIVE 18 /* "EFI boot services not terminated" */
#define MB2_TAG_EFI32_IH 19
#define MB2_TAG_EFI64_IH 20
#define MB2_TAG_LOAD_BASE 21
#define MB2_TAG_TYPE_MAX 21

/* 3.6.8: memory map entry types */
#define MB2_MMAP_AVAILABLE 1
#define MB2_MMAP_ACPI_RECLAIM 3
#define MB2_MMAP_NVS 4
#define MB2_MMAP_BADRAM 5

#endif
