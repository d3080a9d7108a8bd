/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VT-d interrupt remapping (Intel Virtualization Technology for Directed
 * I/O Architecture Specification, rev 3.x/4.x): the remapped-format
 * interrupt remapping table entry (§9.10 "Interrupt Remapping Table Entry
 * (IRTE) for Remapped Interrupts"), the interrupt remapping table address
 * register (§11.4.8.1 IRTA_REG), the interrupt entry cache invalidation
 * descriptor (§6.5.2.7) and the remappable-format MSI address a device is
 * given to use entry i (§5.1.2.2 "Interrupt Requests in Remappable
 * Format"). Pure builders; no hardware access; host-tested
 * (tests/unit/test_vtd_irte.c).
 *
 * How the unit uses them (§5.1): with GSTS.IRES set, an MSI write to
 * 0xFEEx_xxxx with address bit 4 set is remappable: its handle (address
 * 19:5 and bit 2) plus, with SHV (bit 3), the data's subhandle, indexes
 * the unit's one table; an entry that is not present, an index beyond the
 * table, or (SVT = 01b) a requester ID other than the entry's SID faults
 * and the interrupt is blocked. A compatibility-format MSI (bit 4 clear)
 * is blocked while GSTS.CFIS is clear (Parapet never sets CFI). So a
 * device can only use entries whose SID is its own requester ID.
 *
 * Trust: arguments are the hypervisor's; a refused one (PP_EINVAL) leaves
 * the output untouched.
 */
#ifndef PARAPET_HV_VTD_IRTE_H
#define PARAPET_HV_VTD_IRTE_H

#include <parapet/err.h>
#include <parapet/types.h>

/* IRTE low qword (bits 63:0), §9.10. */
#define VTD_IRTE_P (1ull << 0)	 /* present */
#define VTD_IRTE_FPD (1ull << 1) /* fault processing disable (faults not recorded) */
#define VTD_IRTE_DM (1ull << 2)	 /* destination mode: 0 physical, 1 logical */
#define VTD_IRTE_RH (1ull << 3)	 /* redirection hint */
#define VTD_IRTE_TM (1ull << 4)	 /* trigger mode: 0 edge, 1 level */
#define VTD_IRTE_DLM_SHIFT 5u	 /* 7:5 delivery mode (000b fixed) */
#define VTD_IRTE_DLM_MASK (7ull << 5)
#define VTD_IRTE_AVAIL_MASK (0xfull << 8) /* 11:8 available to software */
/* 14:12 reserved. */
#define VTD_IRTE_IM (1ull << 15) /* IRTE mode: 0 remapped, 1 posted */
#define VTD_IRTE_V_SHIFT 16u	 /* 23:16 vector */
#define VTD_IRTE_V_MASK (0xffull << 16)
/* 31:24 reserved. */
#define VTD_IRTE_DST_SHIFT 32u /* 63:32 destination ID; xAPIC: the APIC ID in 47:40 */
#define VTD_IRTE_DST_MASK (0xffffffffull << 32)
#define VTD_IRTE_DST_XAPIC_SHIFT 40u
/* IRTE high qword (bits 127:64). */
#define VTD_IRTE_SID_MASK 0xffffull /* 79:64 source identifier */
#define VTD_IRTE_SQ_SHIFT 16u	    /* 81:80 source-id qualifier */
#define VTD_IRTE_SQ_MASK (3ull << 16)
#define VTD_IRTE_SVT_SHIFT 18u /* 83:82 source validation type */
#define VTD_IRTE_SVT_MASK (3ull << 18)
#define VTD_IRTE_SVT_NONE 0u /* no validation */
#define VTD_IRTE_SVT_SID 1u  /* requester ID must equal SID (under SQ's mask) */
#define VTD_IRTE_SVT_BUS 2u  /* requester's bus within SID's range */
/* 127:84 reserved. */
#define VTD_IRTE_LO_RESERVED (0x7ull << 12 | 0xffull << 24)
#define VTD_IRTE_HI_RESERVED (~0ull << 20)

struct vtd_irte {
	u64 lo; /* bits 63:0 at byte 0 */
	u64 hi; /* bits 127:64 at byte 8 */
};
_Static_assert(sizeof(struct vtd_irte) == 16, "an IRTE is 128 bits (§9.10)");
_Static_assert(__builtin_offsetof(struct vtd_irte, hi) == 8, "bits 127:64 at byte 8");
_Static_assert((VTD_IRTE_P | VTD_IRTE_FPD | VTD_IRTE_DM | VTD_IRTE_RH | VTD_IRTE_TM |
		VTD_IRTE_DLM_MASK | VTD_IRTE_AVAIL_MASK | VTD_IRTE_IM | VTD_IRTE_V_MASK |
		VTD_IRTE_DST_MASK | VTD_IRTE_LO_RESERVED) == ~0ull,
	       "the low qword's fields and reserved bits tile it");
_Static_assert((VTD_IRTE_SID_MASK | VTD_IRTE_SQ_MASK | VTD_IRTE_SVT_MASK | VTD_IRTE_HI_RESERVED) ==
		   ~0ull,
	       "the high qword's fields and reserved bits tile it");

/* Parapet's table: one 4 KiB page of 256 entries per unit. */
#define VTD_IRT_ENTRIES 256u
_Static_assert(VTD_IRT_ENTRIES * sizeof(struct vtd_irte) == 4096u, "the table is one page");

/* IRTA_REG (§11.4.8.1): IRTA 63:12, EIME 11 (0: xAPIC mode, the 8-bit
 * destination), S 3:0 (the table holds 2^(S+1) entries). */
#define VTD_IRTA_REG 0xB8u
#define VTD_IRTA_ADDR 0xFFFFFFFFFFFFF000ull
#define VTD_IRTA_EIME (1ull << 11)
#define VTD_IRTA_S_MASK 0xFull
#define VTD_GSTS_IRTPS (1u << 24) /* SIRTP done (§11.4.4.2) */
#define VTD_GSTS_CFIS (1u << 23)  /* compatibility format interrupts pass */

/* Interrupt entry cache invalidation descriptor (§6.5.2.7): type 4 in
 * 3:0, G 4 (0 global, 1 index-selective), IM 31:27 (2^IM entries from
 * IIDX), IIDX 47:32; the high qword is reserved (0). */
#define VTD_QI_TYPE_IEC 0x4ull
#define VTD_QI_IEC_G_INDEX (1ull << 4)
#define VTD_QI_IEC_IM_SHIFT 27u
#define VTD_QI_IEC_IIDX_SHIFT 32u

/* Remappable-format MSI address (§5.1.2.2): 0xFEE in 31:20, handle[14:0]
 * in 19:5, interrupt format 4 (1: remappable), SHV 3, handle[15] in 2. */
#define VTD_MSI_ADDR_BASE 0xfee00000u
#define VTD_MSI_ADDR_IF (1u << 4)
#define VTD_MSI_ADDR_SHV (1u << 3)
#define VTD_MSI_ADDR_HANDLE15 (1u << 2)
#define VTD_MSI_ADDR_HANDLE_SHIFT 5u

/* Interrupt-remapping fault reasons (Appendix A, "Non-Recoverable Fault
 * Reasons"), as FRCD.FR reports them. */
#define VTD_FR_IR_INDEX 0x21u	    /* index beyond the table */
#define VTD_FR_IR_NOT_PRESENT 0x22u /* IRTE not present */
#define VTD_FR_IR_COMPAT 0x25u	    /* compatibility format blocked */
#define VTD_FR_IR_SID 0x26u	    /* source-id validation failed */

/* Remapped: present, fixed, edge, physical destination `apic_id` (xAPIC,
 * 8 bits), vector `vector` (0x10..0xff), faults recorded (FPD clear),
 * usable only by requester `sid` (SVT 01b, SQ 00b: all 16 bits compared).
 * PP_EINVAL for a vector below 0x10 or an APIC ID above 255. */
int vtd_irte_remapped(struct vtd_irte *e, u32 vector, u32 apic_id, u16 sid, struct pp_err *err);
/* Blocked: not present (all zero): its index faults (reason 0x22). */
struct vtd_irte vtd_irte_blocked(void);

struct vtd_irte_info {
	bool p, fpd, dm, rh, tm, im;
	u32 dlm, vector, dst, apic_id, sq, svt;
	u16 sid;
	bool reserved_set;
};
void vtd_irte_decode(const struct vtd_irte *e, struct vtd_irte_info *out);

/* IRTA for a table at table_hpa (4 KiB aligned, not 0) of VTD_IRT_ENTRIES
 * entries, xAPIC mode. */
int vtd_irta(u64 table_hpa, u64 *irta, struct pp_err *err);
/* Descriptor low qwords: global, and the one entry `index`. */
u64 vtd_qi_iec_global(void);
u64 vtd_qi_iec_index(u16 index);

/* The MSI a device must send to use entry `index` (< VTD_IRT_ENTRIES):
 * remappable format, SHV clear (the handle alone is the index), data 0. */
int vtd_irte_msi(u32 index, u64 *addr, u32 *data, struct pp_err *err);

#endif
