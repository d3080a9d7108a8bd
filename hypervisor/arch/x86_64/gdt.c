// SPDX-License-Identifier: GPL-2.0-only
/* Per-CPU GDT and TSS (layouts and citations in desc.h). */
#include <parapet/string.h>
#include "percpu.h"

static struct seg_desc seg(u8 access, u8 flags)
{
	return (struct seg_desc){
	    .limit_lo = 0xffff,
	    .access = (u8)(SEG_ACCESS_P | SEG_ACCESS_S | access),
	    .flags_limit_hi = (u8)(flags | 0x0f),
	};
}

void gdt_init_cpu(struct percpu *pc)
{
	struct tss64 *t = &pc->tss;
	memset(t, 0, sizeof(*t));
	t->ist[IST_DOUBLE_FAULT - 1] = pc->ist1_top;
	t->iomap_base = sizeof(*t); /* no I/O permission bitmap */

	struct gdt_table *g = &pc->gdt;
	memset(g, 0, sizeof(*g));
	g->code = seg(SEG_ACCESS_CODE, SEG_FLAG_G | SEG_FLAG_L); /* L=1 requires D=0 */
	g->data = seg(SEG_ACCESS_DATA, SEG_FLAG_G | SEG_FLAG_DB);
	u64 base = (u64)(uintptr_t)t;
	u32 limit = sizeof(*t) - 1;
	g->tss = (struct tss_desc){
	    .limit_lo = (u16)limit,
	    .base_lo = (u16)base,
	    .base_mid = (u8)(base >> 16),
	    .access = SEG_ACCESS_P | SEG_ACCESS_TSS64,
	    .flags_limit_hi = (u8)((limit >> 16) & 0x0f),
	    .base_hi = (u8)(base >> 24),
	    .base_top = (u32)(base >> 32),
	};

	struct desc_ptr p = {.limit = sizeof(*g) - 1, .base = (u64)(uintptr_t)g};
	gdt_load(&p);
	__asm__ volatile("ltr %w0" ::"r"((u16)GDT_SEL_TSS) : "memory");
}
