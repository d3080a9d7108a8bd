/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The secure loader (SL): internal interfaces. docs/launch.md ("Secure
 * loader") and docs/measurements.md describe what it does and in which
 * order; everything the SL links is inside its measured part
 * (build/launch/sl.bin), everything it writes is in its scratch area.
 */
#ifndef PARAPET_LAUNCH_SL_SL_H
#define PARAPET_LAUNCH_SL_SL_H

#include <parapet/err.h>
#include <parapet/eventlog.h>
#include <parapet/handoff.h>
#include <parapet/module_role.h>
#include <parapet/types.h>
#include "launch/drtm/launch_policy.h"
#include "launch/sl/entry_state.h"

/* Linker symbols (launch/sl/sl.ld): the measured part [__sl_start, __sl_end). */
extern const u8 __sl_start[], __sl_end[];
extern u64 sl_pml4[];

/* The measured length: sl.bin's size (SLB word 1), mle.bin's (MleEnd). */
static inline u32 sl_measured_len(void)
{
	return (u32)((uintptr_t)__sl_end - (uintptr_t)__sl_start);
}

PP_NORETURN void sl_main(void);

/*
 * entry.S / entry_txt.S: what the CPU left at the SL's entry (entry_state.h
 * gives the layout both write; lowest address first).
 */
struct sl_entry_state {
	u32 kind;		    /* SL_ENTRY_SKINIT or SL_ENTRY_TXT */
	u32 cs, ss, gs, fs, es, ds; /* selectors (low 16 bits) */
	u16 idtr_limit;		    /* SKINIT entry only (0 for TXT) */
	u32 idtr_base;
	u16 pad;
	u32 efer, cr4, cr0, ecx, ebx, edx, eflags;
} PP_PACKED;
_Static_assert(sizeof(struct sl_entry_state) == SL_ES_SIZE, "entry state size");
_Static_assert(__builtin_offsetof(struct sl_entry_state, kind) == SL_ES_KIND, "kind");
_Static_assert(__builtin_offsetof(struct sl_entry_state, cs) == SL_ES_CS, "cs");
_Static_assert(__builtin_offsetof(struct sl_entry_state, ss) == SL_ES_SS, "ss");
_Static_assert(__builtin_offsetof(struct sl_entry_state, gs) == SL_ES_GS, "gs");
_Static_assert(__builtin_offsetof(struct sl_entry_state, fs) == SL_ES_FS, "fs");
_Static_assert(__builtin_offsetof(struct sl_entry_state, es) == SL_ES_ES, "es");
_Static_assert(__builtin_offsetof(struct sl_entry_state, ds) == SL_ES_DS, "ds");
_Static_assert(__builtin_offsetof(struct sl_entry_state, idtr_limit) == SL_ES_IDTR, "idtr");
_Static_assert(__builtin_offsetof(struct sl_entry_state, efer) == SL_ES_EFER, "efer");
_Static_assert(__builtin_offsetof(struct sl_entry_state, cr4) == SL_ES_CR4, "cr4");
_Static_assert(__builtin_offsetof(struct sl_entry_state, cr0) == SL_ES_CR0, "cr0");
_Static_assert(__builtin_offsetof(struct sl_entry_state, ecx) == SL_ES_ECX, "ecx");
_Static_assert(__builtin_offsetof(struct sl_entry_state, ebx) == SL_ES_EBX, "ebx");
_Static_assert(__builtin_offsetof(struct sl_entry_state, edx) == SL_ES_EDX, "edx");
_Static_assert(__builtin_offsetof(struct sl_entry_state, eflags) == SL_ES_EFLAGS, "eflags");
extern struct sl_entry_state sl_entry_state;
extern volatile u32 sl_nmi_count; /* entry.S's NMI gate counts here */

/* cpu.c: report the entry state; test GIF (a self-NMI); set it again. */
void sl_entry_report(void);
void sl_gif_probe(void);
void sl_gif_set(void);
/* entry.S: CR3 = cr3, the SL's GDT, jump to entry with RDI = handoff. */
PP_NORETURN void sl_enter_hv(u64 entry, u64 handoff, u64 cr3);

/* console.c: "sl: " lines on COM1. */
void sl_console_init(void);
void sl_printf(const char *fmt, ...) PP_PRINTF(1, 2);

/*
 * console.c: THE failure path of the SL. Builds a struct launch_failure
 * (kind, the current stage, the launch type being attempted, the cause),
 * asks launch_policy_decide with the configuration from the parameter
 * block, prints the policy's line, and returns the action only when it
 * lets the SL go on (FALLBACK_STATIC, CONTINUE_WARN); HALT and RESET (and
 * any other action) never return.
 */
enum launch_action sl_fail(enum launch_failure_kind kind, const struct pp_err *cause);
PP_NORETURN void sl_fatal(enum launch_failure_kind kind, const struct pp_err *cause);
PP_NORETURN void sl_fatalf(enum launch_failure_kind kind, int code, const char *fmt, ...)
    PP_PRINTF(3, 4);
/* What sl_fail reports: set as the SL learns it. */
extern enum launch_stage sl_stage;
extern u32 sl_launch_type;
extern struct launch_config sl_config;

/* tpm.c */
#define SL_TPM_LOCALITY 2u
/* Identify the TPM at the PTP address: TPM_IFACE_TIS / _CRB (> 0), or a
 * PP_E* code (PP_ENOENT: nothing there; PP_EDEVICE: inconsistent). */
int sl_tpm_find(struct pp_err *err);
/* Open it: other localities relinquished, locality 2, Startup, banks. When
 * locality 2 cannot be had, returns its error but leaves the TPM open at
 * locality 0 for reading (sl_tpm_usable() false) if that works. */
int sl_tpm_open(struct pp_err *err);
/* Locality 2 held and no fatal TPM failure: extends are possible. */
bool sl_tpm_usable(void);
/* Release locality 2 (the hypervisor opens locality 0 next). */
void sl_tpm_close(void);
/* Active banks (TPM_ALG_IDs) in the TPM's order, at most max of them into
 * algs; returns how many were stored (algs NULL: how many there are). */
u32 sl_tpm_banks(u16 *algs, u32 max);
const char *sl_tpm_banks_text(char *buf, size_t size);
/* PCR17 check (docs/measurements.md): returns PP_LAUNCH_EMULATED/SKINIT
 * when PCR17 = H(0^n || H(SLB)) in every bank, PP_LAUNCH_STATIC when it is
 * all 0xFF in every bank; anything else is fatal. */
u32 sl_tpm_check_pcr17(const u8 *slb, u32 len);
/* data hashed in every active bank (what an extend of it needs). */
int sl_tpm_digests(const void *data, size_t len, struct pp_evlog_digests *d);
int sl_tpm_extend_try(u32 pcr, const struct pp_evlog_digests *d, struct pp_err *err);
void sl_tpm_extend(u32 pcr, const struct pp_evlog_digests *d); /* fatal on error */

/* measure.c: the DRTM event log and the measurements, in plan order, over
 * the copies (stage.h). roles: the module roles, index by index. */
void sl_measure_all(const struct pp_handoff *h, const struct pp_module_role_info *roles,
		    const struct pp_err *acpi_err);
const struct pp_evlog *sl_evlog(void);
/* After a failure: extend PCR 17 with a "launch failed" event (logged when
 * the log takes it) so the launch's PCR values can never be reached; says
 * on the console whether it could. */
void sl_measure_cap(const char *why);

/* load.c: check the hypervisor ELF (its copy) and load it; fills span/entry.
 * handoff: launch's original blob (not to be overwritten either). */
struct elf_image;
struct sl_range;
void sl_load_hypervisor(const struct pp_handoff *h, u32 hv, const struct sl_range *handoff,
			struct elf_image *out);

#endif
