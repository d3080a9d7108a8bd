/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Control-flow Enforcement Technology for the hypervisor's own code, built
 * with `make CET=1` only (docs/hypervisor.md, "CET"):
 *
 *  IBT   indirect branch tracking: with IA32_S_CET.ENDBR_EN, an indirect
 *        CALL/JMP and event delivery through the IDT must land on ENDBR64,
 *        or the CPU raises #CP (Intel SDM vol. 1 ch. 17, "Indirect Branch
 *        Tracking"). Intel only: AMD's APM (vol. 2 ch. 18) defines shadow
 *        stacks alone, and its IA32_S_CET has bits 0-1 only.
 *  SS    supervisor shadow stacks: with IA32_S_CET.SH_STK_EN, CALL also
 *        pushes the return address on a stack that ordinary stores cannot
 *        write and RET compares both copies, #CP on a mismatch (Intel SDM
 *        vol. 1 ch. 17, "Shadow Stacks"; AMD APM vol. 2 ch. 18).
 *
 * Both need CR4.CET, which needs CR0.WP (regs.h). This header holds the
 * layouts and the pure decisions (host-tested, tests/unit/test_cet.c);
 * cet_cpu.h turns them into CPU state. Assembly includes it for
 * CET_ENDBR64, which is ENDBR64 in the CET build and nothing otherwise.
 */
#ifndef PARAPET_HV_X86_CET_H
#define PARAPET_HV_X86_CET_H

#ifdef __ASSEMBLY__
#ifdef PP_CET
#define CET_ENDBR64 endbr64
#else
#define CET_ENDBR64
#endif
#else
#include <parapet/err.h>
#include <parapet/types.h>
#include "paging.h"

/*
 * Supervisor shadow-stack token (Intel SDM vol. 1 ch. 17, "Supervisor
 * Shadow Stack Token"; AMD APM vol. 2 ch. 18): 8 bytes at an 8-byte
 * aligned linear address A on a shadow-stack page, holding A itself with
 * bit 0 (busy) clear; bits 2:1 are reserved (0). SETSSBSY (with
 * IA32_PL0_SSP = A) and event delivery through IST n (with interrupt SSP
 * table entry n = A) accept only such a token, set its busy bit and load
 * SSP = A. The token sits in the top 8 bytes of its stack, so the first
 * CALL pushes right below it.
 */
#define CET_TOKEN_BUSY (1ull << 0)
#define CET_TOKEN_RSVD (3ull << 1)
#define CET_TOKEN_SIZE 8u

/*
 * Interrupt SSP table (IA32_INTERRUPT_SSP_TABLE_ADDR, MSR 0x6a8; Intel SDM
 * vol. 3A §6.14.5 "Interrupt Stack Table"; AMD APM vol. 2 ch. 18, where the
 * MSR is ISST_ADDR): eight 8-byte SSPs indexed by an IDT gate's IST field;
 * entry 0 is not used (IST 0 means no stack switch).
 */
#define CET_SSP_TABLE_ENTRIES 8u

struct cet_ssp_table {
	u64 ssp[CET_SSP_TABLE_ENTRIES];
};
_Static_assert(sizeof(struct cet_ssp_table) == 64, "interrupt SSP table is 8 x 8 bytes");
_Static_assert(__builtin_offsetof(struct cet_ssp_table, ssp[1]) == 8, "entry 1 (IST1) at +8");
_Static_assert(__builtin_offsetof(struct cet_ssp_table, ssp[7]) == 56, "entry 7 (IST7) at +56");

/* What the CPU reports (CPUID.(EAX=7,ECX=0):ECX[7] CET_SS, EDX[20] CET_IBT). */
struct cet_features {
	bool shstk;
	bool ibt;
};

/* The CPUID decision: leaf 7 counts only when max_basic_leaf >= 7. */
struct cet_features cet_features_from_cpuid(u32 max_basic_leaf, u32 leaf7_ecx, u32 leaf7_edx);
/* True when f has every feature of `need` (an AP must match the BSP). */
bool cet_features_cover(struct cet_features f, struct cet_features need);

/* IA32_S_CET for f: SH_STK_EN and/or ENDBR_EN, never WR_SHSTK_EN,
 * LEG_IW_EN, NO_TRACK_EN or SUPPRESS (the build has no notrack branch). */
u64 cet_s_cet_value(struct cet_features f);

/* CR4 with CET set when f has anything to enable, else cr4 unchanged;
 * PP_EINVAL if that would set CR4.CET with CR0.WP clear (a #GP). */
int cet_cr4_value(u64 cr0, u64 cr4, struct cet_features f, u64 *out, struct pp_err *err);

/* Token placement for a shadow stack [base, base + size): size a non-zero
 * multiple of 4 KiB, base page aligned, no wrap. *addr = base + size - 8,
 * *value = the non-busy token for it. */
int cet_token_place(u64 base, u64 size, u64 *addr, u64 *value, struct pp_err *err);
/* True when `value`, read at `addr`, is a valid token (busy or not as asked). */
bool cet_token_valid(u64 addr, u64 value, bool busy);

/* Entry `ist` (1..7) of t = the token address of that IST's shadow stack. */
int cet_ssp_table_set(struct cet_ssp_table *t, u32 ist, u64 token_addr, struct pp_err *err);

/* A present leaf PTE turned into a supervisor shadow-stack mapping: R/W = 0,
 * Dirty = 1, U/S = 0, the rest (address, NX, caching) kept (Intel SDM vol.
 * 3A §4.6 "Access Rights": shadow-stack pages; AMD APM vol. 2 ch. 18). The
 * upper levels stay writable, as a shadow-stack access requires. */
#define CET_SHSTK_PTE_CLEAR (PTE_W | PTE_U)
#define CET_SHSTK_PTE_SET PTE_D
u64 cet_shstk_pte(u64 pte);
bool cet_pte_is_shstk(u64 pte);
#endif

#endif
