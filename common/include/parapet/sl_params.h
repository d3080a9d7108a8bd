/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secure loader (SL, launch/sl/) and its Secure Loader Block: fixed
 * placement and the parameter block launch hands to it.
 *
 * Placement (docs/launch.md, "Secure loader"): launch's linker script
 * reserves [SL_REGION_BASE, SL_REGION_END) inside launch's own image (so
 * GRUB allocates it and the hypervisor excludes it as launch memory):
 *   SL_SLB_BASE     64 KiB SLB: sl.bin (header, code, constants: measured),
 *                   then zeros; the SL's stack grows down from SLB + 64 KiB
 *   SL_PARAMS_BASE  the parameter block below (NOT measured, untrusted)
 *   SL_SCRATCH_BASE the SL's .bss: its page tables, TPM buffers, the copy
 *                   of the handoff it hands on, the DRTM event log
 * The SL is linked at these fixed addresses (launch/sl/sl.ld), so it never
 * takes an address from the parameter block to build its page tables.
 *
 * The parameter block is written by launch (untrusted, pre-launch) and
 * validated by the SL with sl_params_check() (launch/sl/params.c,
 * host-tested) before any field is used. Little-endian; read with ld_le*.
 */
#ifndef PARAPET_SL_PARAMS_H
#define PARAPET_SL_PARAMS_H

#include <parapet/err.h>
#include <parapet/types.h>

#define SL_SLB_BASE 0x400000ull
#define SL_SLB_SIZE 0x10000ull /* SKINIT protects exactly 64 KiB */
#define SL_STACK_RESERVE                                                                           \
	0x1800u /* top of the SLB: the SL's stack (6 KiB; sl_main checks its depth) */
#define SL_MEASURED_MAX (SL_SLB_SIZE - SL_STACK_RESERVE)
#define SL_PARAMS_BASE 0x410000ull
#define SL_PARAMS_SIZE 0x1000ull
#define SL_SCRATCH_BASE 0x411000ull
#define SL_REGION_BASE SL_SLB_BASE
#define SL_REGION_END 0x460000ull

/*
 * Intel TXT (docs/drtm.md, "The MLE"; HARDWARE-ONLY, untested on hardware):
 * the MLE is the same secure loader built with its TXT entry and checks
 * (build/launch/mle.bin, launch/sl/mle.ld.S), placed in the same region:
 *   SL_MLE_PT_BASE  the MLE page table: built by launch (untrusted), walked
 *                   by SINIT to measure the MLE, re-walked by the MLE
 *                   (mle_pt_walk) before it trusts that SINIT hashed it
 *   SL_MLE_BASE     the MLE: header, code, constants (measured by SINIT)
 *   its stack       [MLE end, SL_REGION_END), at least SL_MLE_STACK bytes
 * The MLE's .bss is the SL's scratch, below SL_MLE_PT_BASE. It reads the
 * same parameter block at SL_PARAMS_BASE (untrusted, validated).
 */
#define SL_MLE_PT_BASE 0x43c000ull
#define SL_MLE_PT_SIZE 0x4000ull /* PDPT + PD + PT: an MLE up to 2 MiB */
#define SL_MLE_BASE 0x440000ull
#define SL_MLE_STACK 0x2000ull
#define SL_MLE_MAX (SL_REGION_END - SL_MLE_BASE - SL_MLE_STACK)
#define SL_SCRATCH_END SL_MLE_PT_BASE

/*
 * The DMA guard's tables (launch/sl/dma_guard*.c; docs/launch.md, "DMA
 * guard"): [SL_DMA_BASE, SL_DMA_END), right after the SL region, reserved
 * in launch's image the same way (launch/launch.ld: NOLOAD, fixed
 * addresses, asserted), so GRUB allocates it and the hypervisor excludes it
 * as launch memory. NOT measured (the SL writes it at run time) and NOT
 * trusted as found: launch never writes it, and the SL writes every byte
 * it points a unit at (device table, command buffers, interrupt table,
 * root table) before it points the unit there. The hypervisor takes the
 * units over on these tables; it validates the handoff's DMA record
 * against these constants (pp_handoff_check, common/lib/handoff.c).
 *   SL_DMA_DEVTAB  the AMD-Vi device table: 65536 deny entries of 32 bytes
 *                  (every requester ID), shared by every AMD-Vi unit
 *   SL_DMA_CMD     one 4 KiB command buffer per AMD-Vi unit, in list order
 *   SL_DMA_SEM     the COMPLETION_WAIT store word (the rest of its page 0)
 *   SL_DMA_IRT     a zeroed interrupt remapping table every DTE names
 *   SL_DMA_ROOT    the VT-d root table: 256 entries, none present (zero),
 *                  shared by every VT-d unit
 */
#define SL_DMA_BASE SL_REGION_END
#define SL_DMA_MAX_UNITS 8u /* = ACPI_MAX_IOMMUS */
#define SL_DMA_DEVTAB SL_DMA_BASE
#define SL_DMA_DEVTAB_SIZE 0x200000ull /* 65536 x 32 bytes */
#define SL_DMA_CMD (SL_DMA_DEVTAB + SL_DMA_DEVTAB_SIZE)
#define SL_DMA_CMD_SIZE 0x1000ull /* 256 commands of 16 bytes */
#define SL_DMA_SEM (SL_DMA_CMD + SL_DMA_MAX_UNITS * SL_DMA_CMD_SIZE)
#define SL_DMA_IRT (SL_DMA_SEM + 0x1000ull)
#define SL_DMA_ROOT (SL_DMA_IRT + 0x1000ull)
#define SL_DMA_END (SL_DMA_ROOT + 0x1000ull)
_Static_assert(SL_DMA_BASE == 0x460000ull && SL_DMA_END == 0x66b000ull,
	       "launch/launch.ld reserves exactly this");

#define SL_PARAMS_MAGIC 0x314d5250534c5050ull /* "PPSLPRM1" little-endian */
#define SL_PARAMS_VERSION 1u

/* flags: the launch configuration (struct launch_config) */
#define SL_PF_ALLOW_STATIC (1u << 0) /* a static launch is acceptable */
#define SL_PF_STRICT (1u << 1)	     /* no fallback, no warning-continue */
#define SL_PF_MASK (SL_PF_ALLOW_STATIC | SL_PF_STRICT)

/* The handoff launch built must lie here (and outside the SL region). */
#define SL_HANDOFF_MIN_PA 0x100000ull
#define SL_HANDOFF_MAX_END 0x100000000ull

struct sl_params {
	u64 magic;	 /* SL_PARAMS_MAGIC */
	u32 version;	 /* SL_PARAMS_VERSION */
	u32 size;	 /* sizeof(struct sl_params) */
	u64 slb_base;	 /* == SL_SLB_BASE */
	u64 handoff_pa;	 /* launch's handoff blob (8-byte aligned) */
	u32 handoff_len; /* its total_size, 216..64 KiB */
	u32 attempted;	 /* PP_LAUNCH_SKINIT / _TXT / _EMULATED / _STATIC: what launch did */
	u32 flags;	 /* SL_PF_* */
	u32 reserved0;	 /* 0 */
	u64 reserved[4]; /* 0 */
};
_Static_assert(sizeof(struct sl_params) == 80, "sl_params size");
_Static_assert(__builtin_offsetof(struct sl_params, version) == 8, "version");
_Static_assert(__builtin_offsetof(struct sl_params, slb_base) == 16, "slb_base");
_Static_assert(__builtin_offsetof(struct sl_params, handoff_pa) == 24, "handoff_pa");
_Static_assert(__builtin_offsetof(struct sl_params, handoff_len) == 32, "handoff_len");
_Static_assert(__builtin_offsetof(struct sl_params, attempted) == 36, "attempted");
_Static_assert(__builtin_offsetof(struct sl_params, flags) == 40, "flags");
_Static_assert(__builtin_offsetof(struct sl_params, reserved) == 48, "reserved");
_Static_assert(sizeof(struct sl_params) <= SL_PARAMS_SIZE, "fits its page");
_Static_assert(SL_PARAMS_BASE == SL_SLB_BASE + SL_SLB_SIZE, "params follow the SLB");
_Static_assert(SL_MLE_PT_BASE + SL_MLE_PT_SIZE == SL_MLE_BASE,
	       "MLE page table right below the MLE");
_Static_assert(SL_SCRATCH_BASE < SL_SCRATCH_END, "scratch");

/* What sl_params_check extracted (host order). */
struct sl_params_info {
	u64 handoff_pa;
	u32 handoff_len;
	u32 attempted;
	u32 flags;
};

/* Validate len bytes of a parameter block (rules in docs/launch.md). */
int sl_params_check(const u8 *p, u32 len, struct sl_params_info *out, struct pp_err *err);
/* Serialise (launch side; explicit little-endian). out holds sizeof(struct sl_params). */
void sl_params_write(u8 *out, const struct sl_params_info *in);

#endif
