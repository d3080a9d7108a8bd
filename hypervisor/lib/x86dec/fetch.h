/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fetching the guest's instruction bytes at RIP for the MMIO decoder
 * (decode.h): a walk of the guest's own long-mode page tables, 4 levels
 * (PML4 -> PDPT -> PD -> PT; 2 MiB and 1 GiB leaves), from CR3, reading
 * each entry and the bytes through a guest-physical read callback (the
 * partition's NPT view). Intel SDM vol. 3A, 4.5 "4-Level Paging" (tables
 * 4-14 to 4-20, reserved bits 4.5.4 and 4.7); AMD APM vol. 2, 5.3
 * "Long-Mode Page Translation" and 5.4 "Page-Translation-Table Entry
 * Fields".
 *
 * What is checked: P at every level; reserved bits (physical-address bits
 * at or above MAXPHYADDR, PS in a PML4E, PS in a PDPTE without 1 GiB
 * pages, bits 29:13 of a 1 GiB and 20:13 of a 2 MiB leaf, NX without
 * EFER.NXE); a canonical RIP. Not enforced: R/W, U/S and NX (the CPU has
 * already fetched and executed the bytes; this is a re-read), protection
 * keys. The walker writes nothing: no accessed or dirty bits. 5-level
 * paging (CR4.LA57) and non-long modes are refused.
 *
 * Trust: CR3, the entries and the bytes are the guest's. Every access goes
 * through the callback, at most 8 bytes for an entry and never across a
 * 4 KiB page for the bytes; the callback decides what the partition may
 * read. Faults are errors naming the level, the entry, its gpa and value.
 */
#ifndef PARAPET_HV_X86DEC_FETCH_H
#define PARAPET_HV_X86DEC_FETCH_H

#include "decode.h"

/* Control-register and EFER bits (SDM vol. 3A, 2.5 and 2.2.1; APM vol. 2, 3.1). */
#define X86_CR0_PE (1ull << 0)
#define X86_CR0_PG (1ull << 31)
#define X86_CR4_PAE (1ull << 5)
#define X86_CR4_LA57 (1ull << 12)
#define X86_EFER_LME (1ull << 8)
#define X86_EFER_LMA (1ull << 10)
#define X86_EFER_NXE (1ull << 11)

/* Paging-structure entry bits (SDM vol. 3A, tables 4-15 to 4-20; APM vol. 2, 5.4.1). */
#define X86_PTE_P (1ull << 0)
#define X86_PTE_PS (1ull << 7)
#define X86_PTE_NX (1ull << 63)
#define X86_PTE_ADDR_TOP 52u /* address fields end at bit 51 */
#define X86_PT_ENTRIES 512u

_Static_assert(X86_PT_ENTRIES * sizeof(u64) == PP_PAGE_SIZE,
	       "a paging structure is 512 8-byte entries in one 4 KiB page (SDM vol. 3A, 4.5.1)");

/* The guest's paging state, as the VMCB holds it, and what its CPUID says. */
struct x86_paging {
	u64 cr0, cr3, cr4, efer;
	u8 maxphyaddr; /* CPUID 0x80000008 EAX[7:0]: 32..52 */
	bool page1gb;  /* CPUID 0x80000001 EDX[26] */
};

/* Read len bytes at guest-physical gpa (never across a 4 KiB page) into
 * buf; 0, or a negative PP_E* code the fetcher passes on. */
typedef int (*x86_read_gpa_fn)(void *ctx, u64 gpa, u8 *buf, u32 len);

struct x86_mem_ops {
	void *ctx;
	x86_read_gpa_fn read;
};

/* Translate a linear address; *gpa is written only on success. */
int x86_gva_to_gpa(const struct x86_paging *pg, const struct x86_mem_ops *mem, u64 gva, u64 *gpa,
		   struct pp_err *err);

/* Fetch len (1..15) bytes at rip, across a page boundary with a second
 * walk. out is written only on success. */
int x86_fetch(const struct x86_paging *pg, const struct x86_mem_ops *mem, u64 rip, u32 len, u8 *out,
	      struct pp_err *err);

/* Fetch and decode the instruction at rip: first the bytes up to the end
 * of its page (at most 15); the next page is walked only when the
 * instruction continues there, so an instruction that ends before an
 * unmapped page decodes. *in is written only on success. */
int x86_fetch_decode(const struct x86_paging *pg, const struct x86_mem_ops *mem, u64 rip,
		     struct x86_insn *in, struct pp_err *err);

#endif
