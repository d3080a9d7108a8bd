/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The port-I/O platform of a Linux partition (docs/linux-partition.md,
 * "Port I/O"): what every IN and OUT of the guest that reaches the
 * hypervisor (an IOIO exit, APM vol. 2 §15.10.2) does.
 *
 *   0x3F8-0x3FF  a polled 16550 (COM1, no interrupt line): THR bytes go to
 *                the caller's sink, received bytes come from a 16-byte FIFO
 *                the caller fills (vports_uart_input)         vports_uart.c
 *   0x40-0x43,   PIT and port B stubs that end Linux's PIT calibration at
 *   0x61         once (reads 0; port 0x61 reads OUT2 high)     vports.c
 *   0x70, 0x71   a CMOS RTC (MC146818) reading the caller's wall clock
 *                                                               vports_rtc.c
 *   0xCF9, 0x64  reset: a write with bit 2 (RST_CPU) to 0xCF9, 0xFE to 0x64
 *   VACPI_SLEEP_CTL_PORT  poweroff: SLP_EN with SLP_TYP = S5    vports.c
 *   anything else       reads all ones, writes ignored, counted per port
 *
 * Sizes 1, 2 and 4. Every register here is a byte register; a 2- or 4-byte
 * access that touches one reads all ones and writes nothing (it is counted
 * in `wide` and in the port table); see vports.c for why.
 *
 * Trust: every argument of vports_io comes from the guest (port, size,
 * direction, value); no value makes it fault, loop or write outside *st.
 * The wall clock and the sink come from the hypervisor. Pure code, no
 * allocation, no locking (one state per partition, used by the vCPU that
 * exits; the caller serialises). Host tested (tests/unit/test_vports.c,
 * tests/fuzz/fuzz_vports.c); not linked into the hypervisor yet.
 */
#ifndef PARAPET_HV_LINUX_VPORTS_H
#define PARAPET_HV_LINUX_VPORTS_H

#include <parapet/types.h>

#define VPORTS_UART_BASE 0x3F8u
#define VPORTS_UART_FIFO 16u   /* the 16550's receive FIFO depth */
#define VPORTS_PIT_BASE 0x40u  /* 0x40-0x43: counters 0-2 and the mode register */
#define VPORTS_PORT_B 0x61u    /* NMI status and control (speaker gate, OUT2) */
#define VPORTS_KBC_CMD 0x64u   /* 8042 status (read) and command (write) */
#define VPORTS_KBC_RESET 0xFEu /* 8042 command: pulse the CPU reset line */
#define VPORTS_CMOS_INDEX 0x70u
#define VPORTS_CMOS_DATA 0x71u
/* Reset Control Register (0xCF9): bit 2 starts a reset, bits 1 and 3 choose it. */
#define VPORTS_RST_CPU 0x04u
#define VPORTS_RST_KEEP 0x0Au /* SYS_RST (bit 1) and FULL_RST (bit 3): stored */

/* Unknown ports kept with their own counts (see struct vports_port). */
#define VPORTS_TOP 16u

enum vports_action {
	VPORTS_DONE = 0,     /* continue the guest after the instruction */
	VPORTS_RESET = 1,    /* restart the partition */
	VPORTS_POWEROFF = 2, /* stop the partition */
};

/* One port of the unknown-port table: an approximate top-VPORTS_TOP by
 * count (the Space-Saving scheme of Metwally, Agrawal and El Abbadi,
 * ICDT 2005): a port with more than total/VPORTS_TOP accesses is always
 * in the table; `count` over-counts by at most `err`. */
struct vports_port {
	u16 port;
	bool used;
	u64 count;	   /* reads + writes, plus err */
	u64 err;	   /* count inherited from the evicted port */
	u64 reads, writes; /* exact since this port entered the table */
};

struct vports_counts {
	u64 accesses;	   /* every vports_io call */
	u64 uart;	   /* accesses to 0x3F8-0x3FF */
	u64 uart_tx;	   /* bytes given to the sink */
	u64 uart_rx;	   /* bytes the guest read from the FIFO */
	u64 uart_loop;	   /* THR bytes looped back (MCR LOOP), not sent */
	u64 pit;	   /* accesses to 0x40-0x43 and 0x61 */
	u64 cmos;	   /* accesses to 0x70 and 0x71 */
	u64 cmos_ignored;  /* writes to read-only or clock registers */
	u64 kbc;	   /* accesses to 0x64 */
	u64 rst;	   /* accesses to 0xCF9 */
	u64 sleep;	   /* accesses to the sleep control and status ports */
	u64 sleep_ignored; /* SLP_EN with a sleep type other than S5 */
	u64 resets;	   /* VPORTS_RESET returned */
	u64 poweroffs;	   /* VPORTS_POWEROFF returned */
	u64 wide;	   /* 2- or 4-byte accesses touching a byte register above */
	u64 bad_size;	   /* size other than 1, 2, 4 (the caller's bug) */
	u64 unknown;	   /* accesses counted in the port table */
};

struct vports_uart {
	u8 ier, lcr, mcr, msr_in, scr, dll, dlm, fcr;
	u8 rbr;	      /* the last byte read from the FIFO */
	bool thre_ip; /* a THR-empty interrupt is pending (IIR 0x02) */
	u8 fifo[VPORTS_UART_FIFO];
	u8 head, len;
};

struct vports_cmos {
	u8 index;     /* 0x00-0x7F: bit 7 of the written byte (NMI disable) is dropped */
	u8 a, b;      /* registers A (no UIP) and B */
	u8 alarm[3];  /* seconds, minutes, hours alarm (registers 1, 3, 5) */
	bool latched; /* a read of A took a snapshot of the clock (vports_rtc.c) */
	u64 latch;    /* its Unix seconds */
};

struct vports_cfg {
	/* One console byte (THR write); NULL drops it. */
	void (*tx)(void *ctx, u8 byte);
	/* Wall clock: seconds since 1970-01-01 00:00:00 UTC. NULL: 2000-01-01. */
	u64 (*now)(void *ctx);
	void *ctx;
};

struct vports {
	struct vports_cfg cfg;
	struct vports_uart uart;
	struct vports_cmos cmos;
	u8 rst_cnt; /* 0xCF9 bits 1 and 3 */
	struct vports_counts n;
	struct vports_port top[VPORTS_TOP];
	u64 top_evictions; /* times a table entry went to another port */
};

/* Power-on state: 16550, RTC and reset register at their reset values,
 * counters and table zero. cfg is copied. */
void vports_init(struct vports *st, const struct vports_cfg *cfg);

/*
 * One port access of `size` bytes (1, 2 or 4). IN: *val receives the value
 * (zero-extended to 32 bits; the caller merges it into RAX as the CPU
 * would). OUT: the low `size` bytes of *val are written. Returns what the
 * partition does next; never fails.
 */
enum vports_action vports_io(struct vports *st, u16 port, u8 size, bool in, u32 *val);

/* The port table sorted by count (descending; ties by port): up to max
 * entries into out; returns how many. */
u32 vports_top(const struct vports *st, struct vports_port *out, u32 max);

/* Queue console input for the guest: up to the free FIFO space; returns
 * the bytes taken (the caller keeps the rest for later). */
u32 vports_uart_input(struct vports *st, const u8 *buf, u32 len);

#endif
