/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The DMA fault-log pages (docs/iommu-faults.md): the page format the
 * hypervisor's recorder (hypervisor/core/faultlog.c) writes and partitions
 * holding `faultlog-read` map read-only (PP_HC_LOG_MAP, PP_HC_LOG_FAULT and
 * PP_HC_LOG_FAULT_SUMMARY), and the reader (common/faultlog/fl_read.c) the
 * guest kit, the attestation agent and the host verifier use.
 *
 * Two pages, one header layout:
 *   "PPFL"  one partition's log: up to FL_MAX_ENTRIES distinct faults keyed
 *           by (segment, requester id, unit type, code, access, DMA page)
 *   "PPFS"  the machine summary: up to FL_MAX_SUMMARY counters keyed by
 *           (segment, requester id, unit type, code, owner partition id)
 * All fields little-endian at the offsets below (no struct is laid over the
 * bytes: the writer uses st_le*, the reader ld_le*). Reserved bytes are 0.
 *
 * Trust: to a reader the page is untrusted input (a copy of memory another
 * party wrote, possibly torn or forged): fl_read checks every count and
 * field before it fills a view, and refuses a copy taken while the
 * hypervisor was writing (odd sequence number, or a sequence that changed
 * across the copy: fl_copy).
 */
#ifndef PARAPET_FAULTLOG_H
#define PARAPET_FAULTLOG_H

#include <parapet/err.h>
#include <parapet/types.h>

#define FL_PAGE_SIZE 4096u
#define FL_VERSION 1u
#define FL_MAX_ENTRIES 64u  /* distinct faults kept per partition */
#define FL_MAX_SUMMARY 128u /* distinct counters in the machine summary */
#define FL_OWNER_NONE 0u    /* summary owner id of a device no partition owns */

/* Header (both pages), 64 bytes. */
#define FL_OFF_MAGIC 0u	    /* 4 bytes: "PPFL" or "PPFS" */
#define FL_OFF_VERSION 4u   /* u16: FL_VERSION */
#define FL_OFF_HDR_SIZE 6u  /* u16: FL_HDR_SIZE; entries follow the header */
#define FL_OFF_ENT_SIZE 8u  /* u16: bytes per entry (>= the base size below) */
#define FL_OFF_CAPACITY 10u /* u16: FL_MAX_ENTRIES / FL_MAX_SUMMARY */
#define FL_OFF_COUNT 12u    /* u32: entries in use (the first COUNT are valid) */
#define FL_OFF_SEQ 16u	    /* u32: odd while the hypervisor writes the page */
#define FL_OFF_PART_ID 20u  /* u32: the owner's policy id (PPFL); 0 (PPFS) */
#define FL_OFF_TOTAL 24u    /* u64: faults recorded, kept or not */
#define FL_OFF_DROPPED 32u  /* u64: faults of a new key when the table was full */
#define FL_OFF_LAST_US 40u  /* u64: time of the latest fault (0: none yet) */
/* 48..63 reserved */
#define FL_HDR_SIZE 64u

#define FL_MAGIC_LOG "PPFL"
#define FL_MAGIC_SUMMARY "PPFS"

/* Partition-log entry ("PPFL"), 48 bytes. The key is the first six fields. */
#define FL_E_SEG 0u	   /* u16: PCI segment */
#define FL_E_RID 2u	   /* u16: requester id (bus << 8 | dev << 3 | fn) */
#define FL_E_UNIT 4u	   /* u8: ACPI_IOMMU_AMDVI (1) / ACPI_IOMMU_VTD (2) */
#define FL_E_ACCESS 5u	   /* u8: IOMMU_ACC_* bits (1 read, 2 write, 4 exec) */
#define FL_E_CODE 6u	   /* u16: AMD-Vi EventCode / VT-d Fault Reason */
#define FL_E_COUNT 8u	   /* u32: faults with this key, saturating */
#define FL_E_DOMAIN 12u	   /* u16: the last one's AMD-Vi DomainID (else 0) */
#define FL_E_FLAGS 14u	   /* u16: the last one's AMD-Vi event flags (else 0) */
#define FL_E_PAGE 16u	   /* u64: DMA address & ~0xfff (key) */
#define FL_E_LAST_ADDR 24u /* u64: the last one's full DMA address */
#define FL_E_FIRST_US 32u  /* u64: microseconds since boot, first one */
#define FL_E_LAST_US 40u   /* u64: microseconds since boot, last one */
#define FL_ENT_SIZE 48u

/* Summary entry ("PPFS"), 24 bytes. The key is seg, rid, unit, code, owner. */
#define FL_S_SEG 0u	 /* u16 */
#define FL_S_RID 2u	 /* u16 */
#define FL_S_UNIT 4u	 /* u8 */
#define FL_S_ACCESS 5u	 /* u8: every IOMMU_ACC_* bit seen (OR) */
#define FL_S_CODE 6u	 /* u16 */
#define FL_S_OWNER 8u	 /* u32: owner's policy id, FL_OWNER_NONE for none */
#define FL_S_COUNT 12u	 /* u32: saturating */
#define FL_S_LAST_US 16u /* u64 */
#define FL_SUM_ENT_SIZE 24u

_Static_assert(FL_HDR_SIZE + FL_MAX_ENTRIES * FL_ENT_SIZE <= FL_PAGE_SIZE,
	       "a partition's fault log fits its page");
_Static_assert(FL_HDR_SIZE + FL_MAX_SUMMARY * FL_SUM_ENT_SIZE <= FL_PAGE_SIZE,
	       "the summary fits its page");
_Static_assert(FL_OFF_SEQ % 4 == 0, "the sequence is an aligned u32 (atomic access)");

#define FL_ACC_ALL 7u /* the IOMMU_ACC_* bits a valid entry may carry */

/* Decoded entries (the reader's output; not a layout). */
struct fl_entry {
	u16 seg, rid;
	u8 unit, access;
	u16 code;
	u32 count;
	u16 domain, flags;
	u64 page, last_addr, first_us, last_us;
};

struct fl_sum_entry {
	u16 seg, rid;
	u8 unit, access;
	u16 code;
	u32 owner, count;
	u64 last_us;
};

/* The header as read (both kinds). */
struct fl_hdr {
	u16 version, hdr_size, ent_size, capacity;
	u32 count, seq, part_id;
	u64 total, dropped, last_us;
};

struct fl_view {
	struct fl_hdr h;
	struct fl_entry e[FL_MAX_ENTRIES];
};

struct fl_sum_view {
	struct fl_hdr h;
	struct fl_sum_entry e[FL_MAX_SUMMARY];
};

/*
 * Validate a copy of a partition's fault-log page (len bytes, at least the
 * header and the entries it counts) and decode it into *out. Refused, with
 * a precise message and *out untouched: a short buffer (PP_ETRUNC), a
 * wrong magic (PP_EMAGIC), version (PP_EVERSION), an odd sequence (PP_EINVAL:
 * a torn copy), a header or entry size, a capacity or count out of range
 * (PP_ERANGE), an entry that cannot be (no count, times out of order, an
 * address outside its page, an unknown unit or access bit, a duplicate key,
 * counts above the total: PP_EINVAL).
 */
int fl_read(const u8 *page, u32 len, struct fl_view *out, struct pp_err *err);
/* The same for the machine summary ("PPFS"). */
int fl_read_summary(const u8 *page, u32 len, struct fl_sum_view *out, struct pp_err *err);

/*
 * Copy a live page (mapped read-only, written by the hypervisor) into buf
 * by the sequence protocol (docs/iommu-faults.md): read the sequence
 * (acquire), retry while it is odd, copy, re-read it; the copy stands when
 * both reads are equal and even. At most `tries` attempts, then PP_ETIMEOUT
 * ("the hypervisor was writing"). Then fl_read / fl_read_summary the copy.
 */
int fl_copy(const volatile u8 *live, u8 *buf, u32 len, u32 tries, struct pp_err *err);

#endif
