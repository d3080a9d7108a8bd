/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intel TXT MLE header and MLE page table (pure data; HARDWARE-ONLY path).
 *
 * MLE header: Intel TXT MLE Developer's Guide, section 2.1 "MLE
 * Architecture Overview", Table 1 "MLE Header structure"; capability bits
 * in the "MLE/SINIT capabilities" table (Table 4 in the revisions quoted
 * by public loaders). Version 2.2 header, 0x34 bytes, every field a
 * little-endian u32. Addresses in it are linear addresses of the MLE's own
 * address space (the one the MLE page table describes, starting at 0).
 *
 * MLE page table: section 2.2 "MLE launch" (building the MLE page table):
 * SINIT walks a 3-level PAE-style table (PDPT -> PD -> PT, 4 KiB pages
 * only) from linear 0, hashing each mapped page in order; the pages must
 * appear in ascending physical order.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_MLE_H
#define PARAPET_LAUNCH_DRTM_TXT_MLE_H

#include <parapet/err.h>
#include <parapet/types.h>

/* UUID 9082ac5a-74a7476f-a2555c0f-42b651cb, stored as four LE u32 */
#define MLE_UUID0 0x9082ac5au
#define MLE_UUID1 0x74a7476fu
#define MLE_UUID2 0xa2555c0fu
#define MLE_UUID3 0x42b651cbu
#define MLE_HDR_VERSION_2_2 0x00020002u
#define MLE_HDR_VERSION_2_1 0x00020001u
#define MLE_HDR_LEN 0x34u

/* MLE header capabilities (also used in OsSinitData.Capabilities) */
#define MLE_CAP_RLP_WAKE_GETSEC (1u << 0)   /* RLP wakeup with GETSEC[WAKEUP] */
#define MLE_CAP_RLP_WAKE_MONITOR (1u << 1)  /* RLP wakeup with MONITOR address */
#define MLE_CAP_ECX_PGTBL (1u << 2)	    /* ECX = MLE page table on entry */
#define MLE_CAP_STM (1u << 3)		    /* STM supported */
#define MLE_CAP_PCR_MAP_NO_LEGACY (1u << 4) /* TPM 1.2: no legacy PCR mapping */
#define MLE_CAP_PCR_MAP_DA (1u << 5)	    /* TPM 1.2: details/authorities mapping */
#define MLE_CAP_PLATFORM_TYPE_SHIFT 6	    /* bits 7:6 platform type */
#define MLE_CAP_PLATFORM_TYPE_MASK (3u << 6)
#define MLE_CAP_MAXPHYADDR (1u << 8)	  /* PMR high may extend to MAXPHYADDR */
#define MLE_CAP_TCG_EVENT_LOG (1u << 9)	  /* TPM 2.0 event log in TCG format */
#define MLE_CAP_CBNT (1u << 10)		  /* Converged BtG/TXT supported */
#define MLE_CAP_RESERVED_MASK 0xfffff800u /* bits 31:11 */

/* Table 1 "MLE Header structure" */
struct mle_header {
	u32 uuid[4];	      /* 0x00 */
	u32 header_len;	      /* 0x10 size of this header in bytes */
	u32 version;	      /* 0x14 */
	u32 entry_point;      /* 0x18 linear entry point */
	u32 first_valid_page; /* 0x1c linear address of the first valid page */
	u32 mle_start;	      /* 0x20 linear start of the measured MLE */
	u32 mle_end;	      /* 0x24 linear end (exclusive) */
	u32 capabilities;     /* 0x28 MLE_CAP_* */
	u32 cmdline_start;    /* 0x2c linear start of the command line */
	u32 cmdline_end;      /* 0x30 */
} PP_PACKED;
_Static_assert(sizeof(struct mle_header) == MLE_HDR_LEN, "MLE header size (Table 1)");
_Static_assert(__builtin_offsetof(struct mle_header, uuid) == 0x00, "uuid");
_Static_assert(__builtin_offsetof(struct mle_header, header_len) == 0x10, "header_len");
_Static_assert(__builtin_offsetof(struct mle_header, version) == 0x14, "version");
_Static_assert(__builtin_offsetof(struct mle_header, entry_point) == 0x18, "entry_point");
_Static_assert(__builtin_offsetof(struct mle_header, first_valid_page) == 0x1c, "first_valid_page");
_Static_assert(__builtin_offsetof(struct mle_header, mle_start) == 0x20, "mle_start");
_Static_assert(__builtin_offsetof(struct mle_header, mle_end) == 0x24, "mle_end");
_Static_assert(__builtin_offsetof(struct mle_header, capabilities) == 0x28, "capabilities");
_Static_assert(__builtin_offsetof(struct mle_header, cmdline_start) == 0x2c, "cmdline_start");
_Static_assert(__builtin_offsetof(struct mle_header, cmdline_end) == 0x30, "cmdline_end");

/* Serialize h (uuid and header_len are forced to the architectural values). */
void mle_header_write(u8 out[MLE_HDR_LEN], const struct mle_header *h);

/*
 * Parse and check an MLE header found in our own image (len bytes at p):
 * UUID, header_len >= 0x34 and <= len, version 2.x >= 2.1, mle_start <
 * mle_end, entry point and first valid page inside [mle_start, mle_end),
 * first valid page 4 KiB aligned, command line range ordered and inside
 * the MLE when non-empty, no reserved capability bit, and the TCG event
 * log format bit (9) set (Parapet logs only in the TCG crypto-agile format).
 */
int mle_header_parse(const u8 *p, u64 len, struct mle_header *out, struct pp_err *err);

/* ---- MLE page table ---- */

#define MLE_PT_ENTRIES 512u
#define MLE_PT_PDPT_ENTRIES 4u	    /* PAE PDPT: 4 x 1 GiB */
#define MLE_PT_MAX_MLE (4ull << 30) /* linear space the PDPT covers */
#define MLE_PTE_P (1ull << 0)	    /* present; the only flag set */
#define MLE_PTE_ADDR_MASK 0x000ffffffffff000ull

/* Bytes of page tables (PDPT + PDs + PTs) mle_pt_build needs for mle_size. */
u64 mle_pt_size(u64 mle_size);

/*
 * Build the MLE page table into buf (buf_size bytes, which will sit at
 * physical pt_base) mapping linear [0, mle_size) onto physical
 * [mle_base, mle_base + mle_size), page by page in ascending order.
 * Layout: one PDPT page, then the PD pages, then the PT pages, contiguous.
 * Entries: physical address | P, nothing else; unused entries zero.
 * Rules checked: pt_base, mle_base 4 KiB aligned; 0 < mle_size <= 4 GiB;
 * both ranges below 4 GiB + no wrap; the tables lie entirely below the MLE
 * (our placement rule: tables immediately below the MLE so one PMR covers
 * both). *pt_bytes receives the table size.
 */
int mle_pt_build(u8 *buf, u64 buf_size, u64 pt_base, u64 mle_base, u64 mle_size, u64 *pt_bytes,
		 struct pp_err *err);

#endif
