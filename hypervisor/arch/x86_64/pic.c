// SPDX-License-Identifier: GPL-2.0-only
/*
 * The legacy 8259A PICs remapped and masked (pic.h). Initialization
 * sequence from the 8259A data sheet: ICW1 (edge, cascade, ICW4 needed),
 * ICW2 (vector base), ICW3 (master: slave on IR2; slave: its ID 2), ICW4
 * (8086 mode), then OCW1 (interrupt mask register) all ones.
 */
#include <parapet/x86.h>
#include "pic.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_ICW1_INIT 0x10
#define PIC_ICW1_ICW4 0x01
#define PIC_ICW3_MASTER 0x04 /* slave on IR2 */
#define PIC_ICW3_SLAVE 0x02  /* cascade identity 2 */
#define PIC_ICW4_8086 0x01
#define PIC_MASK_ALL 0xff
#define PORT_IO_DELAY 0x80 /* POST port: a write gives the PIC time between ICWs */

static void out_slow(u16 port, u8 v)
{
	outb(port, v);
	outb(PORT_IO_DELAY, 0);
}

void pic_disable(void)
{
	out_slow(PIC1_DATA, PIC_MASK_ALL);
	out_slow(PIC2_DATA, PIC_MASK_ALL);
	out_slow(PIC1_CMD, PIC_ICW1_INIT | PIC_ICW1_ICW4);
	out_slow(PIC2_CMD, PIC_ICW1_INIT | PIC_ICW1_ICW4);
	out_slow(PIC1_DATA, PIC_VEC_BASE);
	out_slow(PIC2_DATA, PIC_VEC_BASE + 8);
	out_slow(PIC1_DATA, PIC_ICW3_MASTER);
	out_slow(PIC2_DATA, PIC_ICW3_SLAVE);
	out_slow(PIC1_DATA, PIC_ICW4_8086);
	out_slow(PIC2_DATA, PIC_ICW4_8086);
	out_slow(PIC1_DATA, PIC_MASK_ALL);
	out_slow(PIC2_DATA, PIC_MASK_ALL);
}
