// SPDX-License-Identifier: GPL-2.0-only
/*
 * Identity page tables from a static pool (docs/hypervisor.md, "Page tables").
 * A 1 GiB or 2 MiB region gets one large page when every byte in it has the
 * same attributes; otherwise it is split one level down. A 4 KiB page only
 * partly covered by RAM is mapped uncached.
 */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "paging.h"
#include "regs.h"

extern const char __text_start[], __text_end[], __rodata_end[];

struct paging_info paging_info;

static u64 pool[PAGING_POOL_PAGES][PT_ENTRIES] __attribute__((aligned(4096)));
static u32 pool_used;
static u64 *pml4;
static u64 pte_nx;

static const struct pp_mem_range *map;
static u32 map_count;

#define ATTR_MIXED (~0ull)
#define TABLE_FLAGS (PTE_P | PTE_W) /* non-leaf: the leaf decides W/NX */
#define PAGE_4K PP_PAGE_SIZE

static u64 *table_alloc(void)
{
	if (pool_used >= PAGING_POOL_PAGES)
		return NULL;
	u64 *t = pool[pool_used++];
	memset(t, 0, PAGE_4K);
	return t;
}

static bool is_ram_type(u32 type)
{
	switch (type) {
	case PP_MEM_USABLE:
	case PP_MEM_ACPI_RECLAIM:
	case PP_MEM_ACPI_NVS:
	case PP_MEM_FW_RUNTIME:
	case PP_MEM_PERSISTENT: return true;
	default: return false;
	}
}

/* 1: [a, e) entirely RAM, 0: no RAM in it, -1: mixed. The map is sorted and disjoint. */
static int ram_coverage(u64 a, u64 e)
{
	u64 covered = a; /* [a, covered) is RAM so far, contiguously */
	bool any = false;
	for (u32 i = 0; i < map_count; i++) {
		u64 b = map[i].base, be = map[i].base + map[i].length;
		if (!is_ram_type(map[i].type) || be <= a || b >= e)
			continue;
		any = true;
		if (b <= covered && be > covered)
			covered = be;
	}
	if (!any)
		return 0;
	return covered >= e ? 1 : -1;
}

/* 1: inside [s, t), 0: disjoint, -1: straddles. */
static int inside(u64 a, u64 e, u64 s, u64 t)
{
	if (e <= s || a >= t)
		return 0;
	return (a >= s && e <= t) ? 1 : -1;
}

/* Leaf attributes for [a, a+len), or ATTR_MIXED. */
static u64 range_attr(u64 a, u64 len)
{
	u64 e = a + len;
	u64 ts = (u64)(uintptr_t)__text_start, te = (u64)(uintptr_t)__text_end;
	u64 re = (u64)(uintptr_t)__rodata_end;
	int ram = ram_coverage(a, e);
	int text = inside(a, e, ts, te);
	int ro = inside(a, e, te, re);
	if (len > PAGE_4K && (ram < 0 || text < 0 || ro < 0))
		return ATTR_MIXED;
	u64 attr = PTE_P;
	if (ram != 1)
		attr |= PTE_PCD | PTE_PWT; /* MMIO, gaps, reserved, partial pages */
	if (text == 1)
		return attr; /* read-only, executable */
	attr |= pte_nx;
	if (ro != 1)
		attr |= PTE_W;
	return attr;
}

static int fill_pt(u64 *pt, u64 base)
{
	for (u32 i = 0; i < PT_ENTRIES; i++)
		pt[i] = (base + i * PAGE_4K) | range_attr(base + i * PAGE_4K, PAGE_4K);
	return PP_OK;
}

static int fill_pd(u64 *pd, u64 base, struct pp_err *err)
{
	for (u32 i = 0; i < PT_ENTRIES; i++) {
		u64 a = base + i * PAGE_2M;
		u64 attr = range_attr(a, PAGE_2M);
		if (attr != ATTR_MIXED) {
			pd[i] = a | attr | PTE_PS;
			continue;
		}
		u64 *pt = table_alloc();
		if (!pt)
			return pp_fail(err, PP_ENOMEM,
				       "paging: pool of %u tables exhausted at 0x%llx",
				       PAGING_POOL_PAGES, (unsigned long long)a);
		fill_pt(pt, a);
		pd[i] = (u64)(uintptr_t)pt | TABLE_FLAGS;
	}
	return PP_OK;
}

static int map_1g(u64 a, bool page1gb, struct pp_err *err)
{
	u32 i4 = (u32)(a >> 39) & 511, i3 = (u32)(a >> 30) & 511;
	if (!(pml4[i4] & PTE_P)) {
		u64 *pdpt = table_alloc();
		if (!pdpt)
			return pp_fail(err, PP_ENOMEM, "paging: pool exhausted (PDPT for 0x%llx)",
				       (unsigned long long)a);
		pml4[i4] = (u64)(uintptr_t)pdpt | TABLE_FLAGS;
	}
	u64 *pdpt = (u64 *)(uintptr_t)(pml4[i4] & PTE_ADDR_MASK);
	u64 attr = page1gb ? range_attr(a, PAGE_1G) : ATTR_MIXED;
	if (attr != ATTR_MIXED) {
		pdpt[i3] = a | attr | PTE_PS;
		return PP_OK;
	}
	u64 *pd = table_alloc();
	if (!pd)
		return pp_fail(err, PP_ENOMEM, "paging: pool exhausted (PD for 0x%llx)",
			       (unsigned long long)a);
	pdpt[i3] = (u64)(uintptr_t)pd | TABLE_FLAGS;
	return fill_pd(pd, a, err);
}

void paging_cpu_setup(void)
{
	wrmsr(MSR_PAT, PAT_DEFAULT);
	write_cr0(read_cr0() | CR0_WP);
}

/* 0-4 GiB always; above, only 1 GiB regions holding RAM of the memory map. */
static bool region_wanted(u64 a)
{
	if (a < (4ull << 30))
		return true;
	return ram_coverage(a, a + PAGE_1G) != 0;
}

int paging_init(const struct pp_handoff *h, bool nx, bool page1gb, struct pp_err *err)
{
	map = pp_handoff_mmap(h);
	map_count = h->mmap_count;
	pte_nx = nx ? PTE_NX : 0;
	memset(&paging_info, 0, sizeof(paging_info));

	u64 end = 4ull << 30;
	for (u32 i = 0; i < map_count; i++)
		if (is_ram_type(map[i].type))
			end = PP_MAX(end, map[i].base + map[i].length);
	if (end > PAGING_MAP_LIMIT) {
		paging_info.clipped = true;
		end = PAGING_MAP_LIMIT;
	}
	end = PP_ALIGN_UP(end, PAGE_1G);

	pml4 = table_alloc();
	for (u64 a = 0; a < end; a += PAGE_1G) {
		if (!region_wanted(a))
			continue;
		int rc = map_1g(a, page1gb, err);
		if (rc)
			return rc;
	}
	paging_info.mapped_end = end;
	paging_info.cr3 = (u64)(uintptr_t)pml4;
	paging_info.page1gb = page1gb;

	/* NXE before any NX bit is live; the PAT the PCD/PWT choice relies on. */
	if (nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	paging_cpu_setup();
	write_cr3(paging_info.cr3);
	u64 cr4 = read_cr4();
	if (cr4 & CR4_PGE) { /* flush global entries left by launch/firmware */
		write_cr4(cr4 & ~(u64)CR4_PGE);
		write_cr4(cr4);
	}
	paging_info.tables_used = pool_used;
	return PP_OK;
}

/* The leaf entry mapping addr, or NULL (not present). */
static const u64 *lookup(u64 addr)
{
	const u64 *t = pml4;
	if (!t || addr >= paging_info.mapped_end)
		return NULL;
	for (int level = 3; level >= 1; level--) {
		const u64 *e = &t[(addr >> (12 + 9 * level)) & 511];
		if (!(*e & PTE_P))
			return NULL;
		if (level < 3 && (*e & PTE_PS))
			return e;
		t = (const u64 *)(uintptr_t)(*e & PTE_ADDR_MASK);
	}
	const u64 *e = &t[(addr >> 12) & 511];
	return (*e & PTE_P) ? e : NULL;
}

bool paging_is_mapped(u64 base, u64 len)
{
	u64 end;
	if (!len || !pp_add_ok(base, len, &end))
		return false;
	for (u64 a = PP_ALIGN_DOWN(base, PAGE_4K); a < end; a += PAGE_4K)
		if (!lookup(a))
			return false;
	return true;
}

/* Leaf PTE for a 4 KiB page, splitting 1 GiB / 2 MiB pages on the way. */
static u64 *walk_split(u64 addr, struct pp_err *err)
{
	if (!pml4 || addr >= paging_info.mapped_end)
		return pp_fail(err, PP_ERANGE, "paging: 0x%llx not mapped",
			       (unsigned long long)addr),
		       NULL;
	u64 *t = pml4;
	for (int level = 3; level >= 1; level--) {
		u64 *e = &t[(addr >> (12 + 9 * level)) & 511];
		if (!(*e & PTE_P))
			return pp_fail(err, PP_ERANGE, "paging: 0x%llx not present",
				       (unsigned long long)addr),
			       NULL;
		if (level < 3 && (*e & PTE_PS)) {
			u64 *n = table_alloc();
			if (!n)
				return pp_fail(err, PP_ENOMEM,
					       "paging: pool exhausted splitting 0x%llx",
					       (unsigned long long)addr),
				       NULL;
			u64 flags = *e & ~PTE_ADDR_MASK;
			u64 base = *e & PTE_ADDR_MASK;
			u64 step = level == 2 ? PAGE_2M : PAGE_4K; /* size of the new entries */
			if (level == 1)
				flags &= ~PTE_PS; /* 4 KiB entries have no PS bit */
			for (u32 i = 0; i < PT_ENTRIES; i++)
				n[i] = (base + i * step) | flags;
			*e = (u64)(uintptr_t)n | TABLE_FLAGS;
			paging_info.tables_used = pool_used;
		}
		t = (u64 *)(uintptr_t)(*e & PTE_ADDR_MASK);
	}
	return &t[(addr >> 12) & 511];
}

static void flush_all(void)
{
	write_cr3(read_cr3());
}

int paging_unmap_page(u64 addr, struct pp_err *err)
{
	u64 *pte = walk_split(addr, err);
	if (!pte)
		return err ? err->code : PP_EINVAL;
	*pte = 0;
	flush_all();
	return PP_OK;
}

int paging_set_exec(u64 addr, bool exec, struct pp_err *err)
{
	u64 *pte = walk_split(addr, err);
	if (!pte)
		return err ? err->code : PP_EINVAL;
	if (exec)
		*pte &= ~PTE_NX;
	else
		*pte |= pte_nx;
	flush_all();
	return PP_OK;
}

#ifdef PP_CET
/* Only CET=1 builds have a caller: the default build stays as it was. */
int paging_change_page(u64 addr, u64 clear, u64 set, struct pp_err *err)
{
	u64 *pte = walk_split(addr, err);
	if (!pte)
		return err ? err->code : PP_EINVAL;
	if (!(*pte & PTE_P))
		return pp_fail(err, PP_ERANGE, "paging: 0x%llx not present",
			       (unsigned long long)addr);
	*pte = (*pte & ~clear) | set;
	flush_all();
	return PP_OK;
}
#endif
