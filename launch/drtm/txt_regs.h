/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intel TXT configuration registers (Intel TXT Software Development Guide /
 * MLE Developer's Guide, appendix B "Intel TXT Configuration Registers").
 * Offsets from the public (read-only to software) or private space base.
 * HARDWARE-ONLY: nothing in this tree reads them yet; QEMU has no TXT.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_REGS_H
#define PARAPET_LAUNCH_DRTM_TXT_REGS_H

#define TXT_PUB_BASE 0xFED30000ull  /* TXT public configuration space */
#define TXT_PRIV_BASE 0xFED20000ull /* TXT private configuration space */
#define TXT_CFG_SPACE_SIZE 0x10000ull

#define TXT_REG_STS 0x000	/* TXT.STS */
#define TXT_REG_ESTS 0x008	/* TXT.ESTS (error status) */
#define TXT_REG_ERRORCODE 0x030 /* TXT.ERRORCODE (decoded by txt_err.h) */
#define TXT_REG_CMD_RESET 0x038 /* TXT.CMD.RESET */
#define TXT_REG_CMD_CLOSE_PRIVATE 0x048
#define TXT_REG_VER_FSBIF 0x100
#define TXT_REG_DIDVID 0x110
#define TXT_REG_VER_QPIIF 0x200
#define TXT_REG_SINIT_BASE 0x270 /* TXT.SINIT.BASE */
#define TXT_REG_SINIT_SIZE 0x278 /* TXT.SINIT.SIZE */
#define TXT_REG_MLE_JOIN 0x290	 /* TXT.MLE.JOIN */
#define TXT_REG_HEAP_BASE 0x300	 /* TXT.HEAP.BASE */
#define TXT_REG_HEAP_SIZE 0x308	 /* TXT.HEAP.SIZE */
#define TXT_REG_DPR 0x330	 /* TXT.DPR */
#define TXT_REG_CMD_OPEN_LOCALITY1 0x380
#define TXT_REG_CMD_CLOSE_LOCALITY1 0x388
#define TXT_REG_CMD_OPEN_LOCALITY2 0x390
#define TXT_REG_CMD_CLOSE_LOCALITY2 0x398
#define TXT_REG_PUBLIC_KEY 0x400
#define TXT_REG_CMD_SECRETS 0x8E0
#define TXT_REG_CMD_NO_SECRETS 0x8E8
#define TXT_REG_E2STS 0x8F0

/* TXT.STS bits */
#define TXT_STS_SENTER_DONE (1u << 0)
#define TXT_STS_SEXIT_DONE (1u << 1)
#define TXT_STS_MEM_CONFIG_LOCK (1u << 6)
#define TXT_STS_PRIVATE_OPEN (1u << 7)
#define TXT_STS_LOCALITY1_OPEN (1u << 15)
#define TXT_STS_LOCALITY2_OPEN (1u << 16)

/* TXT.ESTS bits */
#define TXT_ESTS_TXT_RESET (1u << 0)

/* TXT.E2STS bits */
#define TXT_E2STS_SECRETS (1u << 1)

/* GETSEC leaves (Intel SDM vol. 2, chapter 6 "Safer Mode Extensions Reference") */
#define GETSEC_CAPABILITIES 0u
#define GETSEC_ENTERACCS 2u
#define GETSEC_EXITAC 3u
#define GETSEC_SENTER 4u
#define GETSEC_SEXIT 5u
#define GETSEC_PARAMETERS 6u
#define GETSEC_SMCTRL 7u
#define GETSEC_WAKEUP 8u

#endif
