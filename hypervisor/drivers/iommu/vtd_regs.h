/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VT-d remapping unit registers, root and context entries and queued
 * invalidation descriptors (Intel Virtualization Technology for Directed
 * I/O Architecture Specification; section numbers of revision 3.x/4.x).
 * One naming scheme: VTD_<REG>_REG is a register's offset from the unit's
 * base, VTD_<REG>_<FIELD> a bit or mask in it. Pure definitions, used by
 * the probe (iommu_probe.c) and the unit driver (vtd*.c); nothing here
 * touches hardware or parses untrusted bytes.
 */
#ifndef PARAPET_HV_VTD_REGS_H
#define PARAPET_HV_VTD_REGS_H

#include <parapet/types.h>

/* §11.4 "Register Descriptions": offsets (32-bit unless noted). */
#define VTD_VER_REG 0x00u     /* Major 7:4, Minor 3:0 */
#define VTD_CAP_REG 0x08u     /* 64-bit, §11.4.2 */
#define VTD_ECAP_REG 0x10u    /* 64-bit, §11.4.3 */
#define VTD_GCMD_REG 0x18u    /* §11.4.4.1 */
#define VTD_GSTS_REG 0x1Cu    /* §11.4.4.2 */
#define VTD_RTADDR_REG 0x20u  /* 64-bit, §11.4.5 */
#define VTD_CCMD_REG 0x28u    /* 64-bit, register-based context invalidation (SL guard) */
#define VTD_FSTS_REG 0x34u    /* §11.4.7.1 */
#define VTD_FECTL_REG 0x38u   /* §11.4.7.2 */
#define VTD_FEDATA_REG 0x3Cu  /* §11.4.7.3 */
#define VTD_FEADDR_REG 0x40u  /* §11.4.7.4 */
#define VTD_FEUADDR_REG 0x44u /* §11.4.7.5 */
#define VTD_PMEN_REG 0x64u    /* §11.4.13.1 (unused: PMRs are the TXT path) */
#define VTD_IQH_REG 0x80u     /* 64-bit, §11.4.9.1 */
#define VTD_IQT_REG 0x88u     /* 64-bit, §11.4.9.2 */
#define VTD_IQA_REG 0x90u     /* 64-bit, §11.4.9.3 */
#define VTD_ICS_REG 0x9Cu     /* §11.4.9.4 */

#define VTD_VER_MAJOR(v) (((v) >> 4) & 0xFu)
#define VTD_VER_MINOR(v) ((v)&0xFu)

/* CAP_REG (§11.4.2). */
#define VTD_CAP_ND_MASK 0x7ull	 /* 2:0 domains: 2^(4 + 2*ND) */
#define VTD_CAP_RWBF (1ull << 4) /* write-buffer flush required */
#define VTD_CAP_CM (1ull << 7)	 /* caching mode: not-present entries may be cached */
#define VTD_CAP_SAGAW_SHIFT 8u	 /* 12:8 supported adjusted guest address widths */
#define VTD_CAP_SAGAW_MASK (0x1Full << VTD_CAP_SAGAW_SHIFT)
#define VTD_CAP_SAGAW_39 (1ull << 9)  /* bit 1 of SAGAW: 39-bit, 3-level tables */
#define VTD_CAP_SAGAW_48 (1ull << 10) /* bit 2: 48-bit, 4-level */
#define VTD_CAP_SAGAW_57 (1ull << 11) /* bit 3: 57-bit, 5-level */
#define VTD_CAP_MGAW_SHIFT 16u	      /* 21:16 maximum guest address width - 1 */
#define VTD_CAP_MGAW_MASK (0x3Full << VTD_CAP_MGAW_SHIFT)
#define VTD_CAP_FRO_SHIFT 24u /* 33:24 fault recording offset, in 16-byte units */
#define VTD_CAP_FRO_MASK (0x3FFull << VTD_CAP_FRO_SHIFT)
#define VTD_CAP_SLLPS_2M (1ull << 34) /* second-level 2 MiB pages */
#define VTD_CAP_SLLPS_1G (1ull << 35) /* second-level 1 GiB pages */
#define VTD_CAP_NFR_SHIFT 40u	      /* 47:40 number of fault recording registers - 1 */
#define VTD_CAP_NFR_MASK (0xFFull << VTD_CAP_NFR_SHIFT)

#define VTD_CAP_ND(c) ((u32)((c)&VTD_CAP_ND_MASK))
#define VTD_CAP_MGAW(c) ((u32)(((c)&VTD_CAP_MGAW_MASK) >> VTD_CAP_MGAW_SHIFT) + 1u)
#define VTD_CAP_FRO(c) ((u32)(((c)&VTD_CAP_FRO_MASK) >> VTD_CAP_FRO_SHIFT) * 16u)
#define VTD_CAP_NFR(c) ((u32)(((c)&VTD_CAP_NFR_MASK) >> VTD_CAP_NFR_SHIFT) + 1u)

/* ECAP_REG (§11.4.3). */
#define VTD_ECAP_C (1ull << 0)	/* page-walk coherency (tables snooped) */
#define VTD_ECAP_QI (1ull << 1) /* queued invalidation */
#define VTD_ECAP_IR (1ull << 3) /* interrupt remapping */
#define VTD_ECAP_IRO_SHIFT 8u	/* 17:8 IOTLB registers offset (register-based only) */
#define VTD_ECAP_IRO_MASK (0x3FFull << VTD_ECAP_IRO_SHIFT)
#define VTD_ECAP_IRO(e) ((u32)(((e)&VTD_ECAP_IRO_MASK) >> VTD_ECAP_IRO_SHIFT) * 16u)

/* Register-based invalidation (§6.5.1; used by the secure loader's guard
 * only, launch/sl/dma_guard_vtd.c). CCMD_REG (Context Command, 64-bit):
 * ICC 63 (set to invalidate, clears when done), CIRG 62:61 (01b global).
 * IOTLB_REG (IOTLB Invalidate, 64-bit) at ECAP.IRO * 16 + 8: IVT 63 (same
 * handshake), IIRG 61:60 (01b global), DR 49 / DW 48 (drain reads/writes). */
#define VTD_CCMD_ICC (1ull << 63)
#define VTD_CCMD_CIRG_GLOBAL (1ull << 61)
#define VTD_IOTLB_REG_OFF 8u
#define VTD_IOTLB_IVT (1ull << 63)
#define VTD_IOTLB_IIRG_GLOBAL (1ull << 60)
#define VTD_IOTLB_DR (1ull << 49)
#define VTD_IOTLB_DW (1ull << 48)

/* GCMD_REG / GSTS_REG (§11.4.4.1, §11.4.4.2): command bit n reports in
 * status bit n. SRTP, SFL, WBF and SIRTP are one-shot commands; to change
 * one bit, software writes GCMD = (GSTS & VTD_GCMD_KEEP) with that bit set
 * or cleared (the recipe of §11.4.4.1), one command per write. */
#define VTD_GCMD_TE (1u << 31)	  /* translation enable */
#define VTD_GCMD_SRTP (1u << 30)  /* set root table pointer */
#define VTD_GCMD_SFL (1u << 29)	  /* set fault log */
#define VTD_GCMD_EAFL (1u << 28)  /* enable advanced fault logging */
#define VTD_GCMD_WBF (1u << 27)	  /* write buffer flush */
#define VTD_GCMD_QIE (1u << 26)	  /* queued invalidation enable */
#define VTD_GCMD_IRE (1u << 25)	  /* interrupt remapping enable */
#define VTD_GCMD_SIRTP (1u << 24) /* set interrupt remap table pointer */
#define VTD_GCMD_CFI (1u << 23)	  /* compatibility format interrupt */
#define VTD_GCMD_KEEP 0x96FFFFFFu /* GSTS bits to carry into GCMD (no one-shots) */
#define VTD_GSTS_TES VTD_GCMD_TE
#define VTD_GSTS_RTPS VTD_GCMD_SRTP
#define VTD_GSTS_WBFS VTD_GCMD_WBF
#define VTD_GSTS_QIES VTD_GCMD_QIE
#define VTD_GSTS_IRES VTD_GCMD_IRE

_Static_assert(VTD_GCMD_KEEP == ~(VTD_GCMD_SRTP | VTD_GCMD_SFL | VTD_GCMD_WBF | VTD_GCMD_SIRTP),
	       "the GCMD recipe clears exactly the one-shot commands");

/* RTADDR_REG (§11.4.5): root table address 63:12, TTM 11:10 (00 legacy). */
#define VTD_RTADDR_ADDR 0xFFFFFFFFFFFFF000ull
#define VTD_RTADDR_TTM_MASK (3ull << 10)

/* FSTS_REG (§11.4.7.1); PFO, PPF's records, IQE, ICE, ITE are RW1C. */
#define VTD_FSTS_PFO (1u << 0) /* primary fault overflow */
#define VTD_FSTS_PPF (1u << 1) /* primary pending fault (RO: OR of the F bits) */
#define VTD_FSTS_IQE (1u << 4) /* invalidation queue error */
#define VTD_FSTS_ICE (1u << 5) /* invalidation completion error (device-TLB) */
#define VTD_FSTS_ITE (1u << 6) /* invalidation time-out error (device-TLB) */
#define VTD_FSTS_FRI_SHIFT 8u  /* 15:8 fault record index */
#define VTD_FSTS_FRI(s) (((s) >> VTD_FSTS_FRI_SHIFT) & 0xFFu)

/* FECTL_REG (§11.4.7.2). */
#define VTD_FECTL_IM (1u << 31) /* interrupt mask */
#define VTD_FECTL_IP (1u << 30) /* interrupt pending */

/* IQH/IQT (§11.4.9.1-2): the index of a 128-bit descriptor in bits 18:4.
 * IQA (§11.4.9.3): base 63:12, DW bit 11 (0: 128-bit descriptors), QS 2:0
 * (2^QS pages of 256 descriptors). ICS (§11.4.9.4): IWC bit 0. */
#define VTD_IQ_INDEX_SHIFT 4u
#define VTD_IQ_INDEX_MASK (0x7FFFull << VTD_IQ_INDEX_SHIFT)
#define VTD_IQA_ADDR 0xFFFFFFFFFFFFF000ull
#define VTD_IQA_DW (1ull << 11)
#define VTD_IQA_QS_MASK 0x7ull
#define VTD_ICS_IWC (1u << 0)

/* Fault recording registers (§11.4.11): NFR 128-bit records at FRO.
 * Low qword: FI (fault information: the page address) 63:12. High qword:
 * SID 15:0, PRIV 29, EXE 30, PP 31, FR (reason) 39:32, PV 59:40, AT 61:60,
 * T 62 (0 write, 1 read or AtomicOp), F 63 (RW1C). */
#define VTD_FRCD_SIZE 16u
#define VTD_FRCD_HI 8u	     /* offset of the high qword in a record */
#define VTD_FRCD_F_DWORD 12u /* the dword holding F (bit 31): write 1 to clear */
#define VTD_FRCD_FI_MASK 0xFFFFFFFFFFFFF000ull
#define VTD_FRCD_SID_MASK 0xFFFFull
#define VTD_FRCD_PRIV (1ull << 29)
#define VTD_FRCD_EXE (1ull << 30)
#define VTD_FRCD_PP (1ull << 31)
#define VTD_FRCD_FR_SHIFT 32u
#define VTD_FRCD_FR_MASK (0xFFull << VTD_FRCD_FR_SHIFT)
#define VTD_FRCD_AT_SHIFT 60u
#define VTD_FRCD_AT_MASK (3ull << VTD_FRCD_AT_SHIFT)
#define VTD_FRCD_T (1ull << 62)
#define VTD_FRCD_F (1ull << 63)
#define VTD_FRCD_F32 (1u << 31)

/* Root entry, legacy mode (§9.1): 128 bits, one per bus, 256 in a 4 KiB
 * table. lo: P 0, CTP (context table pointer) 63:12; hi reserved (0). */
#define VTD_ROOT_P (1ull << 0)
#define VTD_ROOT_CTP 0xFFFFFFFFFFFFF000ull

/* Context entry, legacy mode (§9.3): 128 bits, one per devfn, 256 in a
 * 4 KiB table. lo: P 0, FPD 1 (fault processing disable), TT 3:2,
 * SLPTPTR 63:12. hi: AW 2:0, DID 23:8 (bits 87:72 of the entry). */
#define VTD_CTX_P (1ull << 0)
#define VTD_CTX_FPD (1ull << 1)
#define VTD_CTX_TT_SHIFT 2u
#define VTD_CTX_TT_MASK (3ull << VTD_CTX_TT_SHIFT)
#define VTD_CTX_TT_UNTRANSLATED 0ull /* untranslated requests only, through SL tables */
#define VTD_CTX_SLPTPTR 0xFFFFFFFFFFFFF000ull
#define VTD_CTX_AW_MASK 0x7ull /* 1: 39-bit (3-level), 2: 48-bit (4), 3: 57-bit (5) */
#define VTD_CTX_DID_SHIFT 8u
#define VTD_CTX_DID_MASK (0xFFFFull << VTD_CTX_DID_SHIFT)

/* A root or context entry: two qwords, lo first (§9.1, §9.3). */
struct vtd_entry128 {
	u64 lo;
	u64 hi;
};
_Static_assert(sizeof(struct vtd_entry128) == 16, "root and context entries are 128 bits");
_Static_assert(256 * sizeof(struct vtd_entry128) == 4096, "256 entries fill a 4 KiB table");

/* Queued invalidation descriptors, 128-bit (§6.5.2). Type in lo 3:0. */
#define VTD_QI_TYPE_CC 0x1ull	 /* context-cache invalidate (§6.5.2.1) */
#define VTD_QI_TYPE_IOTLB 0x2ull /* IOTLB invalidate (§6.5.2.3) */
#define VTD_QI_TYPE_WAIT 0x5ull	 /* invalidation wait (§6.5.2.8) */
#define VTD_QI_TYPE_MASK 0xFull
/* Context-cache: G 5:4 (1 global, 2 domain, 3 device), DID 31:16,
 * SID 47:32, FM 49:48. */
#define VTD_QI_CC_G_GLOBAL (1ull << 4)
#define VTD_QI_CC_G_DOMAIN (2ull << 4)
#define VTD_QI_CC_G_DEVICE (3ull << 4)
#define VTD_QI_DID(d) ((u64)(u16)(d) << 16)
#define VTD_QI_CC_SID(s) ((u64)(u16)(s) << 32)
/* IOTLB: G 5:4 (1 global, 2 domain, 3 page), DW 6 (drain writes), DR 7
 * (drain reads), DID 31:16; hi: ADDR 63:12, IH 6, AM 5:0 (page only). */
#define VTD_QI_IOTLB_G_GLOBAL (1ull << 4)
#define VTD_QI_IOTLB_G_DOMAIN (2ull << 4)
#define VTD_QI_IOTLB_DW (1ull << 6)
#define VTD_QI_IOTLB_DR (1ull << 7)
/* Invalidation wait: IF 4, SW 5 (status write), FN 6 (fence), PD 7,
 * status data 63:32; hi: status address 63:2 (dword aligned). */
#define VTD_QI_WAIT_IF (1ull << 4)
#define VTD_QI_WAIT_SW (1ull << 5)
#define VTD_QI_WAIT_FN (1ull << 6)
#define VTD_QI_WAIT_DATA(d) ((u64)(u32)(d) << 32)
#define VTD_QI_WAIT_ADDR_MASK 0xFFFFFFFFFFFFFFFCull

#endif
