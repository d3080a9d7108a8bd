/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD-Vi interrupt remapping (AMD I/O Virtualization Technology (IOMMU)
 * Specification #48882, rev 3.x, §2.2.5 "Interrupt Remapping Tables"):
 * the basic-format (32-bit) interrupt remapping table entry of §2.2.5.1
 * (the format the unit uses while Control.GAEn is clear, which Parapet
 * never sets), a device's table as word 2 of its device table entry
 * (§2.2.2.1: IV, IntTabLen, IntTableRootPtr, IntCtl) and the MSI
 * address/data a device is given to use entry i. Pure builders; no
 * hardware access; host-tested (tests/unit/test_amdvi_irte.c).
 *
 * How the unit uses them (§2.2.5): an MSI write from requester R to
 * 0xFEEx_xxxx whose data bits 10:8 (message type) say fixed or arbitrated
 * is remapped per R's IntCtl; with IntCtl = remapped, data bits 10:0 index
 * R's table (2^IntTabLen entries); an entry with RemapEn clear, an index
 * beyond the table, or IntCtl = abort target-aborts the interrupt. So a
 * device can only ever raise the interrupts its own table names: the
 * table is per requester ID, and the hypervisor writes every entry.
 *
 * Trust: arguments are the hypervisor's; a refused one (PP_EINVAL) leaves
 * the output untouched.
 */
#ifndef PARAPET_HV_AMDVI_IRTE_H
#define PARAPET_HV_AMDVI_IRTE_H

#include <parapet/err.h>
#include <parapet/types.h>

/* Basic-format IRTE, 32 bits (§2.2.5.1, "Interrupt Remapping Table
 * Entry" fields). */
#define AMDVI_IRTE_REMAP_EN (1u << 0) /* 0: the interrupt is target-aborted */
#define AMDVI_IRTE_SUP_IOPF (1u << 1) /* suppress the IO_PAGE_FAULT event */
#define AMDVI_IRTE_INT_TYPE_SHIFT 2u  /* 4:2 interrupt type */
#define AMDVI_IRTE_INT_TYPE_MASK (7u << 2)
#define AMDVI_IRTE_RQ_EOI (1u << 5)	/* request EOI (level-triggered only) */
#define AMDVI_IRTE_DM (1u << 6)		/* destination mode: 0 physical, 1 logical */
#define AMDVI_IRTE_GUEST_MODE (1u << 7) /* must be zero in the basic format */
#define AMDVI_IRTE_DEST_SHIFT 8u	/* 15:8 destination APIC ID */
#define AMDVI_IRTE_DEST_MASK (0xffu << 8)
#define AMDVI_IRTE_VECTOR_SHIFT 16u /* 23:16 vector */
#define AMDVI_IRTE_VECTOR_MASK (0xffu << 16)
/* 31:24 reserved, zero. */
#define AMDVI_IRTE_INT_TYPE_FIXED 0u
#define AMDVI_IRTE_INT_TYPE_ARBITRATED 1u

_Static_assert((AMDVI_IRTE_REMAP_EN | AMDVI_IRTE_SUP_IOPF | AMDVI_IRTE_INT_TYPE_MASK |
		AMDVI_IRTE_RQ_EOI | AMDVI_IRTE_DM | AMDVI_IRTE_GUEST_MODE | AMDVI_IRTE_DEST_MASK |
		AMDVI_IRTE_VECTOR_MASK) == 0x00ffffffu,
	       "basic IRTE fields tile bits 23:0; 31:24 are reserved");

/* Parapet's per-device table: one 4 KiB page, 2^8 = 256 entries in use
 * (IntTabLen 8, 1 KiB; the root is 64-byte aligned: bits 51:6). Index
 * 0..255 keeps MSI data bits 10:8 zero, so every message Parapet gives a
 * device is "fixed" (§2.2.5: the type comes from data 10:8). */
#define AMDVI_IRT_LEN_LOG2 8u
#define AMDVI_IRT_ENTRIES (1u << AMDVI_IRT_LEN_LOG2)
#define AMDVI_IRT_MAX_LEN_LOG2 11u /* IntTabLen 1011b: 2048 entries; above is reserved */
#define AMDVI_IRT_ROOT_ALIGN 64u
_Static_assert(AMDVI_IRT_ENTRIES * 4u <= 4096u, "the table fits its page");

/* MSI address and data registers (Intel SDM vol. 3 §11.11.1, the format
 * the IOMMU receives): address 0xFEE << 20 | destination 19:12 | RH 3 |
 * DM 2; data vector 7:0, delivery mode 10:8, level 14, trigger 15. */
#define AMDVI_MSI_ADDR_BASE 0xfee00000u
#define AMDVI_MSI_DATA_INDEX_MASK 0x7ffu /* data 10:0: the table index (§2.2.5) */

/* Remapped: fixed, physical destination `apic_id` (xAPIC ID, 8 bits),
 * edge, vector `vector` (0x10..0xff: 0..15 are reserved by the
 * architecture). PP_EINVAL for a vector below 0x10. */
int amdvi_irte_remapped(u32 *irte, u32 vector, u32 apic_id, struct pp_err *err);
/* Blocked: RemapEn clear (every field zero): an interrupt that indexes it
 * is target-aborted. */
u32 amdvi_irte_blocked(void);

/*
 * A direct table (a Linux partition's assigned device, docs/linux-partition.md
 * "An assigned NIC"): the guest programs the device's MSI or MSI-X itself
 * with fixed delivery, so data 10:8 = 000b and data 7:0 = its vector v, and
 * the unit indexes the table with v (§2.2.5: data 10:0). Entry v (first <= v
 * < AMDVI_IRT_ENTRIES) is remapped: fixed, physical destination `apic_id`
 * (the partition's core), vector v. Entries below `first` (the exception
 * vectors: 0..31, Intel SDM vol. 3 §6.2) are blocked, as is any index
 * beyond the table (a message type other than fixed: data 10:8 != 0; the
 * unit target-aborts it). So the device can raise any vector of its
 * owner's core and nothing else: no other core (the destination is the
 * entry's, never the message's), no NMI, INIT, SMI or ExtInt (blocked
 * indexes; the DTE's pass bits are clear, amdvi_irte_dte_word2). The whole
 * table (AMDVI_IRT_ENTRIES words) is written. PP_EINVAL (nothing written)
 * for first outside 0x10..0xff or an APIC ID beyond 8 bits.
 */
int amdvi_irt_direct(u32 *table, u32 first, u32 apic_id, struct pp_err *err);

/* Decoded, for logs and tests. */
struct amdvi_irte_info {
	bool remap_en, sup_iopf, rq_eoi, dm, guest_mode;
	u32 int_type, dest, vector;
	bool reserved_set; /* bits 31:24 */
};
void amdvi_irte_decode(u32 irte, struct amdvi_irte_info *out);

/* Word 2 (bits 191:128) of a device table entry whose interrupts are
 * remapped through the table at table_hpa (64-byte aligned, below 2^52,
 * not 0) of 2^len_log2 entries (1..11): IV, IntTabLen, IntTableRootPtr,
 * IntCtl = remapped; IG clear (unmapped interrupts are logged); no
 * pass-through bits (INIT, ExtInt, NMI, LINT0/1 are aborted). */
int amdvi_irte_dte_word2(u64 *w2, u64 table_hpa, u32 len_log2, struct pp_err *err);

/* The MSI a device must send to use entry `index` (< AMDVI_IRT_ENTRIES):
 * address 0xFEE00000 (physical, destination 0: the IRTE decides), data =
 * index (fixed, edge). PP_EINVAL for an index out of range. */
int amdvi_irte_msi(u32 index, u64 *addr, u32 *data, struct pp_err *err);

#endif
