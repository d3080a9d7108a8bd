/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the port-I/O platform (vports.h): the devices vports_io hands a
 * byte access to. Not an interface for anyone else. Same trust rules as
 * vports.h: offsets and values come from the guest.
 */
#ifndef PARAPET_HV_LINUX_VPORTS_DEV_H
#define PARAPET_HV_LINUX_VPORTS_DEV_H

#include "hypervisor/core/linux/vports.h"

/* 16550 (vports_uart.c): off is 0-7 from VPORTS_UART_BASE. */
void vports_uart_reset(struct vports_uart *u);
u8 vports_uart_read(struct vports *st, u8 off);
void vports_uart_write(struct vports *st, u8 off, u8 v);

/* CMOS RTC (vports_rtc.c): port is VPORTS_CMOS_INDEX or VPORTS_CMOS_DATA. */
void vports_cmos_reset(struct vports_cmos *c);
u8 vports_cmos_read(struct vports *st, u16 port);
void vports_cmos_write(struct vports *st, u16 port, u8 v);

#endif
