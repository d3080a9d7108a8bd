// SPDX-License-Identifier: GPL-2.0-only
/*
 * sl_main: the secure loader after entry.S reached long mode on its own
 * page tables. Order (docs/launch.md, "Secure loader"):
 *   1. validate the parameter block; copy + validate the handoff; the DMA
 *      guard: every IOMMU unit the firmware's IVRS/DMAR name blocks every
 *      requester (dma_guard_sl.c), before anything is copied or measured;
 *   2. find the TPM at the PTP address and open it at locality 2; read
 *      PCR17 -> launch type. Measure everything or stop: a DRTM that
 *      cannot be measured halts, and every later failure caps PCR17 first;
 *      classify the modules (once: measure.c and load.c use these roles);
 *   3. copy every module and ACPI table into the copy area (stage.c);
 *   4. measure + log the copies (measure.c) before any of it is used; the
 *      measured IVRS/DMAR copies must name exactly the guarded units;
 *   5. load the hypervisor from its copy (load.c), fill the handoff,
 *      re-check it, jump (64-bit, the SL's identity map, RDI = the handoff).
 * Every failure goes through sl_fail (console.c: the launch policy).
 * The parameter block and launch's boot options can only make this
 * stricter (strict, attempted = a DRTM): never skip a measurement.
 */
#include <parapet/fmt.h>
#include <parapet/handoff.h>
#include <parapet/measure_plan.h>
#include <parapet/module_role.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "launch/elf.h"
#include "dma_guard.h"
#include "sl.h"
#include "stage.h"
#include "txt.h"

static u8 sl_handoff[PP_HANDOFF_MAX_SIZE] __attribute__((aligned(8)));
static struct sl_params_info sl_params;
static struct elf_image sl_hv;
static struct pp_module_role_info sl_roles[PP_HANDOFF_MAX_MODULES];
static struct sl_area sl_area;
static struct pp_err sl_acpi_err;

u8 *sl_phys(u64 pa, u64 len)
{
	/* the SL's identity map covers [0, 4 GiB) */
	if (len > SL_AREA_MAX || pa > SL_AREA_MAX - len)
		return NULL;
	return (u8 *)(uintptr_t)pa;
}

static struct pp_handoff *take_handoff(void)
{
	struct pp_err err = {0, ""};
	if (sl_params_check((const u8 *)(uintptr_t)SL_PARAMS_BASE, sizeof(struct sl_params),
			    &sl_params, &err))
		sl_fatal(LF_DRTM_SETUP, &err);
	sl_config.allow_emulated = false; /* the SL cannot start another DRTM */
	sl_config.allow_static = !!(sl_params.flags & SL_PF_ALLOW_STATIC);
	sl_config.strict = !!(sl_params.flags & SL_PF_STRICT);
	sl_launch_type = sl_params.attempted;
	/* One copy, in the SL's memory: checked, measured and used as copied. */
	memcpy(sl_handoff, (const void *)(uintptr_t)sl_params.handoff_pa, sl_params.handoff_len);
	if (pp_handoff_check(sl_handoff, sl_params.handoff_len, &err))
		sl_fatal(LF_DRTM_SETUP, &err);
	struct pp_handoff *h = (struct pp_handoff *)sl_handoff;
	if (h->launch_base > SL_REGION_BASE || h->launch_base + h->launch_size < SL_DMA_END)
		sl_fatalf(LF_DRTM_SETUP, PP_ERANGE,
			  "handoff: launch image 0x%llx+0x%llx does not cover the SL region "
			  "0x%llx-0x%llx (the hypervisor would reuse it)",
			  (unsigned long long)h->launch_base, (unsigned long long)h->launch_size,
			  (unsigned long long)SL_REGION_BASE, (unsigned long long)SL_DMA_END);
	if (h->copy_size || h->acpi_count || h->flags || h->dma_count)
		sl_fatalf(LF_DRTM_SETUP, PP_EINVAL, "handoff: launch filled the SL's copy fields");
	return h;
}

static u32 classify_modules(const struct pp_handoff *h)
{
	const char *strs[PP_HANDOFF_MAX_MODULES];
	u32 lens[PP_HANDOFF_MAX_MODULES], hv = 0;
	struct pp_err err = {0, ""};
	const struct pp_module *m = pp_handoff_modules(h);
	for (u32 i = 0; i < h->mod_count; i++) {
		strs[i] = pp_handoff_str(h, m[i].cmdline_off);
		lens[i] = m[i].cmdline_len;
	}
	if (pp_module_roles(strs, lens, h->mod_count, sl_roles, &hv, &err))
		sl_fatal(LF_MALFORMED_MODULE, &err);
	/* The command line the hypervisor reads must be its module's. */
	const struct pp_module_role_info *r = &sl_roles[hv];
	if (r->arg_len != h->cmdline_len ||
	    memcmp(strs[hv] + r->arg_off, pp_handoff_str(h, h->cmdline_off), r->arg_len) != 0)
		sl_fatalf(LF_MALFORMED_MODULE, PP_EINVAL,
			  "handoff: hypervisor command line differs from module %u's", hv);
	return hv;
}

/* PCR17 in every bank decides; launch's claim can only make it stricter.
 * The MLE (Intel TXT) decides by TXT's registers and heap instead (txt.c). */
static void launch_type_decide(void)
{
#ifdef SL_TXT
	sl_launch_type = sl_txt_decide();
	sl_stage = sl_launch_type == PP_LAUNCH_STATIC ? LS_PRE_DRTM : LS_POST_DRTM;
#else
	u32 found = sl_tpm_check_pcr17(__sl_start, sl_measured_len());
	if (found == PP_LAUNCH_STATIC && sl_params.attempted != PP_LAUNCH_STATIC) {
		/* Launch says it ran a DRTM, the TPM says none happened. */
		struct pp_err e = {PP_EINVAL, ""};
		sl_stage = LS_PRE_DRTM;
		pp_fail(&e, PP_EINVAL, "launch attempted %s but PCR17 is all 0xFF: no DRTM ran",
			pp_launch_type_name(sl_params.attempted));
		sl_fail(LF_SKINIT_UD, &e); /* returns only for a static fallback */
		sl_printf("no DRTM: continuing as a static launch");
	}
	sl_launch_type = found;
	sl_stage = found == PP_LAUNCH_STATIC ? LS_PRE_DRTM : LS_POST_DRTM;
#endif
}

/*
 * No TPM at the PTP address at all: nothing can hold a DRTM value, nothing
 * can be measured. Boot unmeasured (launch type none) unless launch said it
 * ran a DRTM or the configuration is strict: then stop.
 */
static void no_tpm(const struct pp_err *why)
{
	if (sl_params.attempted != PP_LAUNCH_STATIC)
		sl_fatalf(LF_TPM_ABSENT, PP_ENOENT,
			  "launch ran a DRTM (%s) but %s: nothing can be "
			  "measured",
			  pp_launch_type_name(sl_params.attempted), why->msg);
	if (sl_config.strict)
		sl_fatal(LF_TPM_ABSENT, why);
	sl_stage = LS_PRE_DRTM;
	sl_printf("%s: no DRTM PCR exists; launch NOT measured (launch type none)", why->msg);
	sl_launch_type = PP_LAUNCH_NONE;
}

/*
 * A TPM we can read but not extend at locality 2. Without a DRTM (PCR17
 * all 0xFF) the boot is unmeasured like without a TPM; after one, stop:
 * nothing could be measured, and PCR17 cannot be capped from locality 0.
 */
static void no_locality2(const struct pp_err *why)
{
	u32 found = sl_tpm_check_pcr17(__sl_start, sl_measured_len());
	if (found != PP_LAUNCH_STATIC)
		sl_fatalf(LF_TPM_ERROR, PP_EDEVICE,
			  "%s launch but no TPM locality %u: cannot measure, cannot cap PCR17 "
			  "(%s)",
			  pp_launch_type_name(found), SL_TPM_LOCALITY, why->msg);
	no_tpm(why);
}

static void open_tpm(void)
{
	struct pp_err err = {0, ""};
	char banks[64];
	int kind = sl_tpm_find(&err);
	if (kind == PP_ENOENT) {
		no_tpm(&err);
		return;
	}
	if (kind < 0) /* something is there but not a TPM we can trust to identify */
		sl_fatal(LF_TPM_ERROR, &err);
	if (sl_tpm_open(&err)) {
		if (sl_tpm_banks(NULL, 0) == 0)
			sl_fatal(LF_TPM_ERROR, &err); /* not even readable */
		no_locality2(&err);
		return;
	}
	sl_printf("tpm: active banks: %s", sl_tpm_banks_text(banks, sizeof(banks)));
	if (!sl_tpm_banks(NULL, 0))
		sl_fatalf(LF_TPM_ERROR, PP_ENOENT, "TPM reports no active PCR bank");
	launch_type_decide();
}

/* How deep the SLB stack went: launch zeroes the SLB past sl.bin. */
static void stack_report(void)
{
	const u8 *lo = __sl_end, *top = (const u8 *)(uintptr_t)SL_STACK_TOP;
	const u8 *p = lo;
	while (p < top && !*p)
		p++;
	u32 used = (u32)(top - p), room = (u32)(top - lo);
	if (used + 256 > room) /* the guard: the lowest 256 bytes never written */
		sl_fatalf(LF_INTERNAL, PP_ERANGE, "stack: %u of %u bytes used: no guard left", used,
			  room);
	sl_printf("stack: %u of %u bytes used", used, room);
}

void sl_main(void)
{
	struct pp_err err = {0, ""};
	u64 tsc0 = rdtsc();

	sl_stage = LS_POST_DRTM; /* until the TPM says otherwise: no fallback */
	sl_console_init();
	sl_printf("secure loader at 0x%llx, measured %u bytes",
		  (unsigned long long)(uintptr_t)__sl_start, sl_measured_len());
	sl_entry_report();
	sl_gif_probe();
	struct pp_handoff *h = take_handoff();
	sl_dma_guard_on(h); /* first: nothing copied or measured yet */
	open_tpm();	    /* first: any failure after a DRTM can then cap PCR17 */
	sl_printf("launch type: %s", pp_launch_type_name(sl_launch_type));
	u32 hv = classify_modules(h);
	if (sl_stage_area(h, sizeof(sl_handoff), &sl_area, &sl_acpi_err, &err))
		sl_fatal(LF_DRTM_SETUP, &err);
	const u64 area_end = sl_area.base + sl_area.size;
	sl_printf("copies: 0x%llx-0x%llx: %u modules, %u ACPI tables%s%s",
		  (unsigned long long)sl_area.base, (unsigned long long)area_end, h->mod_count,
		  h->acpi_count, sl_acpi_err.code ? "; no ACPI: " : "", sl_acpi_err.msg);
#ifdef SL_TXT
	if (sl_launch_type == PP_LAUNCH_TXT)
		sl_txt_finish(h, sl_params.handoff_pa);
#endif
	if (sl_launch_type != PP_LAUNCH_NONE) {
		sl_measure_all(h, sl_roles, &sl_acpi_err);
		sl_tpm_close();
	}
	sl_dma_guard_check(h, sizeof(sl_handoff));

	const struct sl_range launch_blob = {sl_params.handoff_pa, sl_params.handoff_len};
	sl_load_hypervisor(h, hv, &launch_blob, &sl_hv);
	h->launch_type = sl_launch_type;
	h->hv_base = sl_hv.span_base;
	h->hv_size = sl_hv.span_size;
	h->hv_entry = sl_hv.entry;
	if (sl_launch_type != PP_LAUNCH_NONE) {
		const struct pp_evlog *log = sl_evlog();
		h->drtm_log_base = (u64)(uintptr_t)log->buf;
		h->drtm_log_size = log->len;
		h->drtm_log_events = log->events;
	}
	if (pp_handoff_check(h, h->total_size, &err))
		sl_fatal(LF_INTERNAL, &err);
	/* SKINIT (or its emulation) cleared GIF: set it again, so the hypervisor
	 * gets NMIs and interrupts; the SL's NMI gate stays until it has its IDT */
	sl_gif_set();
	stack_report();
	sl_printf("time: %llu TSC cycles from entry to the jump",
		  (unsigned long long)(rdtsc() - tsc0));
	sl_printf("handoff: 0x%llx, %u bytes; jumping to 0x%llx", (unsigned long long)(uintptr_t)h,
		  h->total_size, (unsigned long long)h->hv_entry);
	sl_enter_hv(h->hv_entry, (u64)(uintptr_t)h, (u64)(uintptr_t)sl_pml4);
}
