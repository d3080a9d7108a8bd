/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How a `boot long64` partition starts (docs/partitions.md, "Boot state"):
 * its first virtual CPU runs in 64-bit long mode at CPL 0 on guest page
 * tables that identity-map every region of its plan with 2 MiB pages,
 * with a flat GDT, a TSS and a stack, all in the boot area that the plan
 * reserves at the top of the RAM region holding `entry`:
 *
 *   boot_gpa + 0x0000  stack, PART_BOOT_STACK_PAGES pages; RSP = its top
 *   boot_gpa + 0x4000  GDT (null, code64 0x08, data 0x10, TSS 0x18) and,
 *                      at +PART_BOOT_TSS_OFF, the 64-bit TSS
 *   boot_gpa + 0x5000  PML4
 *   then               boot_pdpts PDPTs, then boot_pds page directories
 *
 * A `boot real16` partition gets no boot area and no page tables: its
 * first virtual CPU starts in real mode at `entry` (below 1 MiB) in the
 * state after INIT (AMD64 APM vol. 2, 14.1.3, Table 14-1; docs/partitions.md,
 * "Boot state for real16"): CS = (entry >> 4) & 0xf000, its base CS << 4,
 * IP = entry - that base; SVM runs it natively under nested paging with
 * guest paging off.
 *
 * part_boot_state holds the register state in the form of the VMCB's state
 * save area (AMD64 APM vol. 2, Appendix B, table B-2; segment attributes
 * in the VMCB's 12-bit format: descriptor bits 47:40 in attrib 7:0, bits
 * 55:52 in attrib 11:8); the SVM side copies it into the VMCB.
 */
#ifndef PARAPET_HV_PART_BOOT_H
#define PARAPET_HV_PART_BOOT_H

#include <parapet/err.h>
#include <parapet/policy.h>
#include "hypervisor/core/part/plan.h"

#define PART_BOOT_STACK_PAGES 4u
#define PART_BOOT_GDT_PAGE PART_BOOT_STACK_PAGES /* page index in the area */
#define PART_BOOT_PML4_PAGE (PART_BOOT_GDT_PAGE + 1u)
#define PART_BOOT_FIXED_PAGES (PART_BOOT_PML4_PAGE + 1u)
#define PART_BOOT_TSS_OFF 0x80u
#define PART_BOOT_TSS_LIMIT 0x67u /* 104-byte 64-bit TSS */
#define PART_BOOT_MAX_PDS 64u	  /* page directories: 64 GiB of address space */

/* Selectors of the boot GDT. */
#define PART_SEL_CODE 0x08u
#define PART_SEL_DATA 0x10u
#define PART_SEL_TSS 0x18u
#define PART_GDT_LIMIT 0x27u /* 5 eight-byte slots (the TSS descriptor takes two) */

/* Register bits (APM vol. 2: 3.1.1 CR0, 3.1.3 CR4, 3.1.7 EFER). */
#define PART_CR0_PE (1ull << 0)
#define PART_CR0_MP (1ull << 1)
#define PART_CR0_ET (1ull << 4)
#define PART_CR0_NE (1ull << 5)
#define PART_CR0_WP (1ull << 16)
#define PART_CR0_NW (1ull << 29)
#define PART_CR0_CD (1ull << 30)
#define PART_CR0_PG (1ull << 31)
#define PART_CR4_PAE (1ull << 5)
#define PART_CR4_OSFXSR (1ull << 9)
#define PART_CR4_OSXMMEXCPT (1ull << 10)
#define PART_EFER_LME (1ull << 8)
#define PART_EFER_LMA (1ull << 10)
#define PART_EFER_NXE (1ull << 11)
#define PART_EFER_SVME (1ull << 12) /* VMRUN requires it set in the guest's EFER (15.5.1) */

/* Real mode (APM vol. 2, 14.1.3, Table 14-1: the state after RESET/INIT). */
#define PART_REAL16_LIMIT 0x100000ull /* entries at or above 1 MiB are refused */
#define PART_REAL16_CR0 (PART_CR0_CD | PART_CR0_NW | PART_CR0_ET) /* 0x60000010 */
#define PART_REAL16_SEG_LIMIT 0xffffu
#define PART_REAL16_CS_SEL(entry) ((u16)(((entry) >> 4) & 0xf000u))

/* Guest page-table entry bits (APM vol. 2, 5.4.1). */
#define PART_PTE_P (1ull << 0)
#define PART_PTE_RW (1ull << 1)
#define PART_PTE_PWT (1ull << 3)
#define PART_PTE_PCD (1ull << 4)
#define PART_PTE_PS (1ull << 7)
#define PART_PTE_NX (1ull << 63)
#define PART_PTE_ADDR 0x000ffffffffff000ull

/* VMCB segment attribute bits (APM vol. 2, Appendix B, "Segment attributes"). */
#define PART_SEG_S (1u << 4)
#define PART_SEG_P (1u << 7)
#define PART_SEG_L (1u << 9)
#define PART_SEG_DB (1u << 10)
#define PART_SEG_G (1u << 11)
/* Real-mode attributes as at RESET (Table 14-1: present, read/write or
 * execute/read, accessed; LDT type 2; TR a busy 32-bit TSS, type 0xb). */
#define PART_SEG_REAL_CODE 0x9bu
#define PART_SEG_REAL_DATA 0x93u
#define PART_SEG_REAL_LDT 0x82u
#define PART_SEG_REAL_TSS 0x8bu

/* One segment register as the VMCB holds it (selector, attrib, limit, base). */
struct part_seg {
	u16 sel;
	u16 attrib;
	u32 limit;
	u64 base;
};

struct part_boot_state {
	u64 rip, rsp, rflags;
	u64 rsi; /* not in the VMCB: the vCPU's saved GPRs (linux64: the zero page) */
	u64 cr0, cr2, cr3, cr4, efer;
	u64 dr6, dr7;
	u64 g_pat; /* the guest PAT MSR (power-on value) */
	u8 cpl;
	struct part_seg es, cs, ss, ds, fs, gs;
	struct part_seg gdtr, ldtr, idtr, tr; /* gdtr/idtr: base and limit only */
};

/* Pages the boot area needs for plan (set in plan->boot_*); the plan calls it. */
int part_boot_reserve(struct part_plan *plan, const struct pp_pol_part *pp, struct pp_err *err);

/*
 * boot long64: write the boot area (stack zeroed, GDT, TSS, page tables)
 * through ptr and fill *st for partition pp of plan. boot real16: fill *st
 * only (ptr is not called). Errors: PP_ENOTSUP (neither mode), PP_EINVAL
 * (long64: no boot area in the plan; real16: the plan is another
 * partition's or has a boot area), PP_ERANGE (long64: ptr refused the area,
 * or the tables outgrew it; real16: entry at or above 1 MiB). *st is
 * written only on success.
 */
int part_boot_build(const struct part_plan *plan, const struct pp_pol_part *pp, part_gpa_ptr_fn ptr,
		    void *ctx, struct part_boot_state *st, struct pp_err *err);

/* An application processor's state after INIT and a SIPI with `vector`
 * (a Linux partition's vCPU i >= 1, partition_lsmp.c): real mode at
 * vector << 12, CS = vector << 8, IP = 0; otherwise real16's state. */
void part_boot_sipi(u8 vector, struct part_boot_state *st);

#endif
