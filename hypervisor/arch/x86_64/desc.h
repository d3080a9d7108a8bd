/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Long-mode descriptor tables: GDT (null, 64-bit code, data, 16-byte TSS
 * descriptor), the 64-bit TSS and the 256-gate IDT.
 *   Segment descriptors: AMD APM vol. 2 §4.8.1-4.8.2, Intel SDM vol. 3 §3.4.5.
 *   System (TSS) descriptor, 16 bytes in long mode: AMD APM vol. 2 §4.8.3,
 *   Intel SDM vol. 3 §7.2.3.
 *   64-bit TSS: AMD APM vol. 2 §12.2.5, Intel SDM vol. 3 §7.7.
 *   Interrupt gates: AMD APM vol. 2 §4.8.4, Intel SDM vol. 3 §6.14.1.
 */
#ifndef PARAPET_HV_X86_DESC_H
#define PARAPET_HV_X86_DESC_H

#define GDT_SEL_CODE 0x08
#define GDT_SEL_DATA 0x10
#define GDT_SEL_TSS 0x18

#define IST_DOUBLE_FAULT 1 /* IST1: #DF, #NMI, #MC */
#define IDT_VECTORS 256
#define ISR_STUB_SIZE 16 /* isr.S: one 16-byte stub per vector */
#define VECTOR_SPURIOUS 0xff

#ifndef __ASSEMBLY__
#include <parapet/types.h>

/* Segment descriptor access byte / flags. */
#define SEG_ACCESS_P 0x80
#define SEG_ACCESS_S 0x10     /* code/data (not system) */
#define SEG_ACCESS_CODE 0x0a  /* execute/read */
#define SEG_ACCESS_DATA 0x02  /* read/write */
#define SEG_ACCESS_TSS64 0x09 /* available 64-bit TSS (system type 9) */
#define SEG_FLAG_G 0x80
#define SEG_FLAG_DB 0x40
#define SEG_FLAG_L 0x20

struct seg_desc {
	u16 limit_lo;
	u16 base_lo;
	u8 base_mid;
	u8 access;
	u8 flags_limit_hi; /* G D/B L AVL | limit 19:16 */
	u8 base_hi;
};
_Static_assert(sizeof(struct seg_desc) == 8, "segment descriptor is 8 bytes");

struct tss_desc {
	u16 limit_lo;
	u16 base_lo;
	u8 base_mid;
	u8 access;
	u8 flags_limit_hi;
	u8 base_hi;
	u32 base_top; /* base 63:32 */
	u32 reserved;
};
_Static_assert(sizeof(struct tss_desc) == 16, "long-mode TSS descriptor is 16 bytes");

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7]; /* ist[0] is IST1 */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} PP_PACKED;
_Static_assert(sizeof(struct tss64) == 104, "64-bit TSS is 104 bytes");
_Static_assert(__builtin_offsetof(struct tss64, rsp) == 0x04, "TSS RSP0");
_Static_assert(__builtin_offsetof(struct tss64, ist) == 0x24, "TSS IST1");
_Static_assert(__builtin_offsetof(struct tss64, iomap_base) == 0x66, "TSS I/O map base");

struct gdt_table {
	struct seg_desc null;
	struct seg_desc code; /* GDT_SEL_CODE */
	struct seg_desc data; /* GDT_SEL_DATA */
	struct tss_desc tss;  /* GDT_SEL_TSS */
};
_Static_assert(__builtin_offsetof(struct gdt_table, code) == GDT_SEL_CODE, "code selector");
_Static_assert(__builtin_offsetof(struct gdt_table, data) == GDT_SEL_DATA, "data selector");
_Static_assert(__builtin_offsetof(struct gdt_table, tss) == GDT_SEL_TSS, "TSS selector");
_Static_assert(sizeof(struct gdt_table) == 40, "GDT size");

#define IDT_TYPE_INTR64 0x8e /* P, DPL 0, 64-bit interrupt gate (type 0xE) */

struct idt_gate {
	u16 off_lo;
	u16 selector;
	u8 ist;	      /* bits 2:0 */
	u8 type_attr; /* P DPL 0 type */
	u16 off_mid;
	u32 off_hi;
	u32 reserved;
};
_Static_assert(sizeof(struct idt_gate) == 16, "long-mode IDT gate is 16 bytes");
_Static_assert(__builtin_offsetof(struct idt_gate, off_mid) == 6, "gate offset 31:16");

/* Operand of LGDT/LIDT in 64-bit mode. */
struct desc_ptr {
	u16 limit;
	u64 base;
} PP_PACKED;
_Static_assert(sizeof(struct desc_ptr) == 10, "pseudo-descriptor is 10 bytes");

struct percpu;
/* Build and load this CPU's GDT and TSS (desc_load.S reloads CS/DS/ES/SS). */
void gdt_init_cpu(struct percpu *pc);
/* Build the shared IDT once (BSP), then load it on each CPU. */
void idt_init(void);
void idt_load(void);

/* desc_load.S */
void gdt_load(const struct desc_ptr *p); /* never once shadow stacks are on (cet_cpu.h) */
#endif

#endif
