/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PC's CMOS real-time clock, after the Motorola MC146818A data sheet
 * ("Address Map", "Time, Calendar and Alarm Data Modes" table, registers
 * A-D): index port 0x70 (bit 7 of an index write is the PC's NMI-disable
 * line, not an address bit), data port 0x71. Shared by the clock a Linux
 * partition sees (core/linux/vports_rtc.c) and the hypervisor's read of
 * the host's clock (cmos.c).
 */
#ifndef PARAPET_HV_RTC_MC146818_H
#define PARAPET_HV_RTC_MC146818_H

#define RTC_PORT_INDEX 0x70u
#define RTC_PORT_DATA 0x71u

#define RTC_SEC 0x00u
#define RTC_SEC_ALARM 0x01u
#define RTC_MIN 0x02u
#define RTC_MIN_ALARM 0x03u
#define RTC_HOUR 0x04u
#define RTC_HOUR_ALARM 0x05u
#define RTC_WDAY 0x06u /* 1-7, 1 = Sunday */
#define RTC_MDAY 0x07u
#define RTC_MONTH 0x08u
#define RTC_YEAR 0x09u /* two digits: no century register in the chip */
#define RTC_REG_A 0x0Au
#define RTC_REG_B 0x0Bu
#define RTC_REG_C 0x0Cu
#define RTC_REG_D 0x0Du
#define RTC_INDEX_MASK 0x7Fu

#define RTC_A_UIP 0x80u	      /* update in progress: the time registers may change */
#define RTC_B_SET 0x80u	      /* updates halted while software sets the clock */
#define RTC_B_DM_BINARY 0x04u /* data mode: 1 binary, 0 BCD */
#define RTC_B_24H 0x02u	      /* 1: 24-hour, 0: 12-hour */
#define RTC_D_VRT 0x80u	      /* valid RAM and time: the battery is good */
#define RTC_HOUR_PM 0x80u     /* 12-hour mode: bit 7 of the hours is PM */

/* The update cycle: UIP reads 1 from 244 us before it until it ends, and
 * an update takes at most 1984 us (data sheet, "Update Cycle"): so a
 * clock that shows UIP for longer than that is not ticking as specified. */
#define RTC_UPDATE_MAX_US 2228u

#endif
