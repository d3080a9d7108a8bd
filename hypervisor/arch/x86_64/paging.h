/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own 4-level page tables: an identity map of 0-4 GiB and of
 * every range in the handoff memory map. Page-table entry bits per AMD APM
 * vol. 2 §5.3 (long-mode page translation, §5.3.3-5.3.4 entry formats) and
 * Intel SDM vol. 3 §4.5 (4-level paging, tables 4-15 to 4-20).
 */
#ifndef PARAPET_HV_X86_PAGING_H
#define PARAPET_HV_X86_PAGING_H

#include <parapet/err.h>
#include <parapet/handoff.h>
#include <parapet/types.h>

#define PTE_P (1ull << 0)   /* present */
#define PTE_W (1ull << 1)   /* writable */
#define PTE_U (1ull << 2)   /* user (never set: everything is supervisor) */
#define PTE_PWT (1ull << 3) /* write-through */
#define PTE_PCD (1ull << 4) /* cache disable; PCD|PWT selects PAT entry 3 = UC */
#define PTE_A (1ull << 5)
#define PTE_D (1ull << 6)
#define PTE_PS (1ull << 7) /* page size: 1 GiB in a PDPTE, 2 MiB in a PDE */
#define PTE_G (1ull << 8)
#define PTE_NX (1ull << 63) /* no-execute (requires EFER.NXE) */
#define PTE_ADDR_MASK 0x000ffffffffff000ull

#define PT_ENTRIES 512u
#define PAGE_2M (2ull << 20)
#define PAGE_1G (1ull << 30)

/* Identity map: 0-4 GiB, plus every 1 GiB region holding memory-map RAM
 * below PAGING_MAP_LIMIT (4 PML4 entries). Non-RAM above 4 GiB is unmapped. */
#define PAGING_MAP_LIMIT (2048ull << 30)
/* Static page-table pool in .bss (PML4, PDPTs, PDs, PTs). */
#define PAGING_POOL_PAGES 192

struct paging_info {
	u64 mapped_end; /* identity map covers [0, mapped_end) */
	u64 cr3;
	u32 tables_used; /* pool pages in use */
	bool page1gb;	 /* 1 GiB pages used */
	bool clipped;	 /* memory-map ranges above PAGING_MAP_LIMIT were left unmapped */
};

extern struct paging_info paging_info;

/*
 * Build the tables from the (validated) handoff memory map and switch CR3 to
 * them: RAM types write-back, everything else (gaps, reserved, MMIO) PCD|PWT;
 * NX everywhere except the hypervisor's .text (read-only, executable);
 * .rodata read-only. Also sets EFER.NXE (when supported), CR0.WP and the
 * default PAT. Never uses allocator memory.
 */
int paging_init(const struct pp_handoff *h, bool nx, bool page1gb, struct pp_err *err);

/* Per-CPU part for APs: PAT, CR0.WP (EFER.NXE and CR3 come from the trampoline). */
void paging_cpu_setup(void);

/* True when every byte of [base, base+len) is mapped (walks the tables). */
bool paging_is_mapped(u64 base, u64 len);

/* Change one 4 KiB page (splitting large pages from the pool as needed). */
int paging_unmap_page(u64 addr, struct pp_err *err);
int paging_set_exec(u64 addr, bool exec, struct pp_err *err);
/* CET=1 builds only (cet_cpu.c: shadow-stack pages): leaf &= ~clear, |= set. */
int paging_change_page(u64 addr, u64 clear, u64 set, struct pp_err *err);

#endif
