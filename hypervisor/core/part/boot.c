// SPDX-License-Identifier: GPL-2.0-only
/*
 * The long64 boot area's contents and the first virtual CPU's register
 * state, and the real16 register state (boot.h; docs/partitions.md, "Boot
 * state for long64", "Boot state for real16"). Long mode needs
 * CR0.PG and PE, CR4.PAE, EFER.LME and LMA, and a code segment with L=1
 * and D=0 (AMD64 APM vol. 2, 14.6 "Enabling and activating long mode",
 * 4.8.1 "Code-segment descriptors"); VMRUN's consistency checks (15.5.1)
 * are the other constraints (EFER.SVME, no CR0.NW without CD, reserved
 * bits clear).
 */
#include <parapet/string.h>
#include "hypervisor/core/part/boot.h"

/* Descriptor access byte and flags (APM vol. 2, 4.7, 4.8). */
#define DESC_CODE64 0x00af9b000000ffffull /* P, DPL 0, S, type 0xb; G, L */
#define DESC_DATA 0x00cf93000000ffffull	  /* P, DPL 0, S, type 0x3; G, D/B */
#define DESC_TSS_TYPE 0x8bull		  /* P, S=0, busy 64-bit TSS */
#define TSS_IOPB_OFF 0x66u		  /* I/O map base field of the TSS */

/* The VMCB attribute of a descriptor: bits 47:40 and 55:52. */
static u16 desc_attrib(u64 d)
{
	return (u16)(((d >> 40) & 0xff) | (((d >> 52) & 0xf) << 8));
}

static void put64(u8 *p, u64 v)
{
	for (u32 i = 0; i < 8; i++)
		p[i] = (u8)(v >> (8 * i));
}

static u64 get64(const u8 *p)
{
	u64 v = 0;
	for (u32 i = 0; i < 8; i++)
		v |= (u64)p[i] << (8 * i);
	return v;
}

struct tables {
	u8 *area; /* host pointer to the boot area */
	u64 base; /* its gpa */
	u32 next; /* next free table page (index in the area) */
	u32 limit;
};

/* The table entry at index idx of the table page at gpa t: present, or a
 * new table page from the area. Returns the next table's gpa or 0. */
static u64 descend(struct tables *t, u64 table, u32 idx)
{
	u8 *e = t->area + (table - t->base) + (u64)idx * 8;
	u64 v = get64(e);
	if (v & PART_PTE_P)
		return v & PART_PTE_ADDR;
	if (t->next >= t->limit)
		return 0;
	u64 next = t->base + (u64)t->next++ * PP_PAGE_SIZE;
	put64(e, next | PART_PTE_P | PART_PTE_RW);
	return next;
}

static int map_region(struct tables *t, const struct part_region *r, struct pp_err *err)
{
	u64 lo = PP_ALIGN_DOWN(gpa_val(r->gpa), PART_LARGE_PAGE);
	u64 hi = PP_ALIGN_UP(gpa_val(r->gpa) + r->size, PART_LARGE_PAGE);
	u64 pml4 = t->base + PART_BOOT_PML4_PAGE * PP_PAGE_SIZE;
	for (u64 g = lo; g < hi; g += PART_LARGE_PAGE) {
		u64 pdpt = descend(t, pml4, (u32)((g >> 39) & 511));
		u64 pd = pdpt ? descend(t, pdpt, (u32)((g >> 30) & 511)) : 0;
		if (!pd)
			return pp_fail(err, PP_ERANGE,
				       "part: boot tables outgrew their %u pages at gpa 0x%llx",
				       t->limit, (unsigned long long)g);
		u8 *e = t->area + (pd - t->base) + ((g >> 21) & 511) * 8;
		u64 v = get64(e);
		if (!(v & PART_PTE_P))
			v = g | PART_PTE_P | PART_PTE_PS | PART_PTE_NX;
		/* A 2 MiB page shared by regions gets the union of their rights. */
		if (r->perm & PP_POL_W)
			v |= PART_PTE_RW;
		if (r->perm & PP_POL_X)
			v &= ~PART_PTE_NX;
		if (r->kind == PART_REG_MMIO)
			v |= PART_PTE_PCD | PART_PTE_PWT;
		put64(e, v);
	}
	return PP_OK;
}

static void write_gdt(u8 *page, u64 page_gpa)
{
	u64 tss = page_gpa + PART_BOOT_TSS_OFF;
	put64(page + 0x00, 0);
	put64(page + PART_SEL_CODE, DESC_CODE64);
	put64(page + PART_SEL_DATA, DESC_DATA);
	/* 16-byte system descriptor (APM vol. 2, 4.8.3): limit, base, type. */
	u64 lo = PART_BOOT_TSS_LIMIT | ((tss & 0xffffff) << 16) | (DESC_TSS_TYPE << 40) |
		 (((tss >> 24) & 0xff) << 56);
	put64(page + PART_SEL_TSS, lo);
	put64(page + PART_SEL_TSS + 8, tss >> 32);
	/* No I/O permission bitmap: its offset at the TSS limit + 1. */
	page[PART_BOOT_TSS_OFF + TSS_IOPB_OFF] = PART_BOOT_TSS_LIMIT + 1;
}

static struct part_seg flat(u16 sel, u64 desc)
{
	return (struct part_seg){.sel = sel, .attrib = desc_attrib(desc), .limit = 0xffffffffu};
}

static void fill_state(const struct part_plan *plan, const struct pp_pol_part *pp,
		       struct part_boot_state *st)
{
	u64 base = gpa_val(plan->boot_gpa);
	u64 gdt = base + PART_BOOT_GDT_PAGE * PP_PAGE_SIZE;
	memset(st, 0, sizeof(*st));
	st->rip = pp->entry;
	st->rsp = base + PART_BOOT_STACK_PAGES * PP_PAGE_SIZE;
	st->rflags = 0x2; /* bit 1 is reserved, always 1 */
	st->cr0 = PART_CR0_PE | PART_CR0_MP | PART_CR0_ET | PART_CR0_NE | PART_CR0_WP | PART_CR0_PG;
	st->cr3 = base + PART_BOOT_PML4_PAGE * PP_PAGE_SIZE;
	st->cr4 = PART_CR4_PAE | PART_CR4_OSFXSR | PART_CR4_OSXMMEXCPT;
	st->efer = PART_EFER_LME | PART_EFER_LMA | PART_EFER_NXE | PART_EFER_SVME;
	st->dr6 = 0xffff0ff0ull; /* power-on values (APM vol. 2, 13.1) */
	st->dr7 = 0x400ull;
	st->g_pat = 0x0007040600070406ull; /* power-on PAT (7.8.2) */
	st->cpl = 0;
	st->cs = flat(PART_SEL_CODE, DESC_CODE64);
	st->ds = st->es = st->ss = st->fs = st->gs = flat(PART_SEL_DATA, DESC_DATA);
	st->gdtr = (struct part_seg){.limit = PART_GDT_LIMIT, .base = gdt};
	st->idtr = (struct part_seg){.limit = 0, .base = 0}; /* the guest sets its own */
	st->ldtr = (struct part_seg){0};		     /* null: unusable */
	st->tr = (struct part_seg){.sel = PART_SEL_TSS,
				   .attrib = desc_attrib(DESC_TSS_TYPE << 40),
				   .limit = PART_BOOT_TSS_LIMIT,
				   .base = gdt + PART_BOOT_TSS_OFF};
}

static struct part_seg real_seg(u16 sel, u16 attrib)
{
	return (struct part_seg){
	    .sel = sel, .attrib = attrib, .limit = PART_REAL16_SEG_LIMIT, .base = (u64)sel << 4};
}

/* The real-mode register state after INIT with CS = cs (its base cs << 4),
 * IP left 0: the common part of real16 and of an AP's SIPI start. */
static void real_state(struct part_boot_state *st, u16 cs)
{
	const struct part_seg data = real_seg(0, PART_SEG_REAL_DATA);
	memset(st, 0, sizeof(*st));
	st->cs = real_seg(cs, PART_SEG_REAL_CODE);
	st->rsp = 0;
	st->rflags = 0x2; /* bit 1 is reserved, always 1; IF clear */
	st->cr0 = PART_REAL16_CR0;
	st->efer = PART_EFER_SVME;
	st->dr6 = 0xffff0ff0ull; /* power-on values (APM vol. 2, 13.1) */
	st->dr7 = 0x400ull;
	st->g_pat = 0x0007040600070406ull; /* power-on PAT (7.8.2) */
	st->cpl = 0;			   /* real mode runs at CPL 0 */
	st->ds = st->es = st->ss = st->fs = st->gs = data;
	st->gdtr = (struct part_seg){.limit = PART_REAL16_SEG_LIMIT};
	st->idtr = (struct part_seg){.limit = PART_REAL16_SEG_LIMIT}; /* the IVT at 0 */
	st->ldtr = real_seg(0, PART_SEG_REAL_LDT);
	st->tr = real_seg(0, PART_SEG_REAL_TSS);
}

/*
 * Real mode after INIT (APM vol. 2, 14.1.3, Table 14-1), except: CS:IP
 * from entry instead of F000:FFF0 with base FFFF0000; CR0 keeps the reset
 * value's CD and NW (caches off until the guest turns them on, as firmware
 * does; legal for VMRUN, 15.5.1 refuses only NW without CD); EFER.SVME,
 * which VMRUN requires (15.5.1), and which the guest cannot read (every MSR
 * is intercepted). SVM runs real mode natively: no page tables, the NPT
 * translates its addresses (15.25: guest paging off, guest-linear is
 * guest-physical).
 */
static int build_real16(const struct part_plan *plan, const struct pp_pol_part *pp,
			struct part_boot_state *st, struct pp_err *err)
{
	if (plan->part != pp->id || plan->boot_pages)
		return pp_fail(err, PP_EINVAL,
			       "part %s: the plan (partition %u, %u boot pages) is not a real16 "
			       "plan for partition %u",
			       pp->name, plan->part, plan->boot_pages, pp->id);
	if (pp->entry >= PART_REAL16_LIMIT)
		return pp_fail(err, PP_ERANGE,
			       "part %s: real16 entry 0x%llx is not below 1 MiB (0x%llx)", pp->name,
			       (unsigned long long)pp->entry, PART_REAL16_LIMIT);
	real_state(st, PART_REAL16_CS_SEL(pp->entry));
	st->rip = pp->entry - st->cs.base; /* below 0x10000 */
	return PP_OK;
}

/*
 * An application processor after INIT, then STARTUP with `vector`: the
 * INIT state (APM vol. 2, 14.1.3, Table 14-1; Intel SDM vol. 3A, 9.1.1,
 * Table 9-1) with CS.selector = vector << 8, CS.base = vector << 12 and
 * IP = 0 (SDM vol. 3A, 9.4.4.1 and 11.6.1: the SIPI vector names the 4 KiB
 * page where the AP starts in real mode), CR0 and EFER as real16's above.
 */
void part_boot_sipi(u8 vector, struct part_boot_state *st)
{
	real_state(st, (u16)((u16)vector << 8));
	st->rip = 0;
}

int part_boot_build(const struct part_plan *plan, const struct pp_pol_part *pp, part_gpa_ptr_fn ptr,
		    void *ctx, struct part_boot_state *st, struct pp_err *err)
{
	if (pp->mode == PP_POL_BOOT_REAL16)
		return build_real16(plan, pp, st, err);
	if (pp->mode != PP_POL_BOOT_LONG64)
		return pp_fail(err, PP_ENOTSUP,
			       "part %s: boot mode %u is neither long64 nor real16", pp->name,
			       pp->mode);
	if (plan->boot_pages < PART_BOOT_FIXED_PAGES || plan->part != pp->id)
		return pp_fail(err, PP_EINVAL, "part %s: its plan has no boot area", pp->name);
	u64 bytes = (u64)plan->boot_pages * PP_PAGE_SIZE;
	struct tables t = {
	    .area = ptr(ctx, plan->boot_gpa, bytes),
	    .base = gpa_val(plan->boot_gpa),
	    .next = PART_BOOT_FIXED_PAGES,
	    .limit = plan->boot_pages,
	};
	if (!t.area)
		return pp_fail(err, PP_ERANGE, "part %s: no memory for the boot area at gpa 0x%llx",
			       pp->name, (unsigned long long)t.base);
	memset(t.area, 0, (size_t)bytes);
	write_gdt(t.area + PART_BOOT_GDT_PAGE * PP_PAGE_SIZE,
		  t.base + PART_BOOT_GDT_PAGE * PP_PAGE_SIZE);
	for (u32 i = 0; i < plan->n; i++) {
		int rc = map_region(&t, &plan->r[i], err);
		if (rc)
			return rc;
	}
	fill_state(plan, pp, st);
	return PP_OK;
}
