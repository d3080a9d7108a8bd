/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VT-d remapping unit register offsets used by the probe (Intel
 * Virtualization Technology for Directed I/O spec, section 11.4 "Register
 * Descriptions"). The full driver extends this file.
 */
#ifndef PARAPET_HV_VTD_REGS_H
#define PARAPET_HV_VTD_REGS_H

#define VTD_VER_REG 0x00u  /* 32-bit: Major 7:4, Minor 3:0 */
#define VTD_CAP_REG 0x08u  /* 64-bit */
#define VTD_ECAP_REG 0x10u /* 64-bit */
#define VTD_GCMD_REG 0x18u
#define VTD_GSTS_REG 0x1Cu

#define VTD_VER_MAJOR(v) (((v) >> 4) & 0xFu)
#define VTD_VER_MINOR(v) ((v)&0xFu)

#endif
