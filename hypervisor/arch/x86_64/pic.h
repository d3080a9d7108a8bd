/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The legacy 8259A PIC pair (Intel 8259A data sheet; ports 0x20/0x21 and
 * 0xa0/0xa1). The hypervisor takes interrupts through the LAPIC only, but
 * firmware leaves the PICs programmed (SeaBIOS: vectors 0x08-0x0f, which
 * are exception vectors) and the LAPIC's LINT0 in ExtINT (virtual wire)
 * mode, so a PIT IRQ 0 would arrive as "#DF" once interrupts are enabled.
 * pic_disable() moves both PICs to vectors 0x20-0x2f (external vectors,
 * irq.h: counted as "other" if one ever arrives) and masks every line.
 */
#ifndef PARAPET_HV_X86_PIC_H
#define PARAPET_HV_X86_PIC_H

#define PIC_VEC_BASE 0x20 /* master 0x20-0x27, slave 0x28-0x2f */

/* BSP, once, with interrupts off. */
void pic_disable(void);

#endif
