// SPDX-License-Identifier: GPL-2.0-only
/*
 * sl_main: the secure loader after entry.S reached long mode on its own
 * page tables. Order (docs/launch.md, "Secure loader"):
 *   1. validate the parameter block and copy + validate the handoff;
 *   2. open the TPM (TIS, locality 2), read the banks, check PCR17 against
 *      H(0^n || H(SLB)) -> launch type (or static fallback / halt);
 *   3. measure + log everything (measure.c) before any of it is used;
 *   4. validate and load the hypervisor ELF, fill the handoff, re-check it,
 *      jump (64-bit, the SL's identity map, RDI = the handoff copy).
 * Every failure goes through sl_fail (console.c: the launch policy).
 */
#include <parapet/fmt.h>
#include <parapet/handoff.h>
#include <parapet/measure_plan.h>
#include <parapet/module_role.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "launch/elf.h"
#include "sl.h"
#include "span.h"

#define LOAD_WIN_LO 0x100000ull
#define LOAD_WIN_HI 0x100000000ull

static u8 sl_handoff[PP_HANDOFF_MAX_SIZE] __attribute__((aligned(8)));
static struct sl_params_info sl_params;
static struct elf_image sl_hv;
static struct elf_forbidden sl_forbid[PP_HANDOFF_MAX_MODULES + 3];
static struct pp_module_role_info sl_roles[PP_HANDOFF_MAX_MODULES];

static u8 *identity_dest(void *ctx, u64 paddr, u64 len)
{
	(void)ctx;
	if (len > LOAD_WIN_HI || paddr > LOAD_WIN_HI - len)
		return NULL;
	return (u8 *)(uintptr_t)paddr;
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
	if (h->launch_base > SL_REGION_BASE || h->launch_base + h->launch_size < SL_REGION_END)
		sl_fatalf(LF_DRTM_SETUP, PP_ERANGE,
			  "handoff: launch image 0x%llx+0x%llx does not cover the SL region "
			  "0x%llx-0x%llx (the hypervisor would reuse it)",
			  (unsigned long long)h->launch_base, (unsigned long long)h->launch_size,
			  (unsigned long long)SL_REGION_BASE, (unsigned long long)SL_REGION_END);
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

static void launch_type_decide(void)
{
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
}

static void load_hypervisor(struct pp_handoff *h, u32 hv)
{
	struct pp_err err = {0, ""};
	const struct pp_module *m = pp_handoff_modules(h);
	u32 n = 0;
	sl_forbid[n++] = (struct elf_forbidden){SL_REGION_BASE, SL_REGION_END - SL_REGION_BASE,
						"the secure loader region"};
	sl_forbid[n++] = (struct elf_forbidden){h->launch_base, h->launch_size, "the launch image"};
	sl_forbid[n++] =
	    (struct elf_forbidden){sl_params.handoff_pa, sl_params.handoff_len, "launch's handoff"};
	for (u32 i = 0; i < h->mod_count; i++)
		sl_forbid[n++] =
		    (struct elf_forbidden){m[i].base, m[i].length,
					   i == hv ? "the hypervisor ELF module" : "a boot module"};
	const struct elf_policy pol = {LOAD_WIN_LO, LOAD_WIN_HI, sl_forbid, n};
	const u8 *img = (const u8 *)(uintptr_t)m[hv].base;
	if (elf_check(img, m[hv].length, &pol, &sl_hv, &err))
		sl_fatalf(LF_MALFORMED_MODULE, err.code, "hypervisor %s", err.msg);
	if (!sl_span_usable(pp_handoff_mmap(h), h->mmap_count, sl_hv.span_base, sl_hv.span_size))
		sl_fatalf(LF_MALFORMED_MODULE, PP_ERANGE,
			  "hypervisor span 0x%llx-0x%llx is not usable RAM in the memory map",
			  (unsigned long long)sl_hv.span_base,
			  (unsigned long long)sl_hv.span_base + sl_hv.span_size);
	if (elf_load(img, m[hv].length, &sl_hv, identity_dest, NULL, &err))
		sl_fatalf(LF_MALFORMED_MODULE, err.code, "hypervisor %s", err.msg);
	sl_printf("hypervisor: loaded 0x%llx-0x%llx entry 0x%llx (%u segments)",
		  (unsigned long long)sl_hv.span_base,
		  (unsigned long long)sl_hv.span_base + sl_hv.span_size,
		  (unsigned long long)sl_hv.entry, sl_hv.nseg);
}

void sl_main(void)
{
	struct pp_err err = {0, ""};
	u16 algs[8];
	u64 tsc0 = rdtsc();

	sl_stage = LS_POST_DRTM; /* until the TPM says otherwise: no fallback */
	sl_console_init();
	sl_printf("secure loader at 0x%llx, measured %u bytes",
		  (unsigned long long)(uintptr_t)__sl_start, sl_measured_len());
	struct pp_handoff *h = take_handoff();
	u32 hv = classify_modules(h);

	if (!sl_tpm_present()) {
		/*
		 * No TIS TPM at 0xFED40000 (none, or a CRB interface, whose QEMU
		 * model has no locality 2): nothing can be measured. Documented
		 * exception (docs/launch.md): unless strict, boot unmeasured,
		 * launch type "none", no DRTM log. PCR17 may hold a DRTM value
		 * of the SLB, but no hypervisor measurement follows it, so no
		 * reference value can match.
		 */
		struct pp_err e;
		pp_fail(&e, PP_ENOENT, "no TIS TPM at 0xfed40000");
		if (sl_config.strict)
			sl_fatal(LF_TPM_ABSENT, &e);
		sl_printf("no TIS TPM at 0xfed40000: launch NOT measured (launch type none)");
		sl_launch_type = PP_LAUNCH_NONE;
	} else {
		sl_tpm_open();
		u32 nb = sl_tpm_banks(algs, 8);
		char names[64] = "";
		u32 at = 0;
		for (u32 i = 0; i < nb; i++)
			at += (u32)pp_snprintf(names + at, sizeof(names) - at, "%s%s", i ? " " : "",
					       pp_evlog_alg_name(algs[i]));
		sl_printf("tpm: active banks: %s", names);
		if (!nb)
			sl_fatalf(LF_TPM_ERROR, PP_ENOENT, "TPM reports no active PCR bank");
		launch_type_decide();
		sl_printf("launch type: %s", pp_launch_type_name(sl_launch_type));
		sl_measure_all(h, hv);
		sl_tpm_close();
	}

	load_hypervisor(h, hv);
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
	if (sl_launch_type == PP_LAUNCH_SKINIT) {
		/*
		 * HARDWARE-ONLY, UNTESTED: SKINIT cleared GIF (APM vol. 2, 15.27);
		 * set it again (STGI; EFER.SVME is still set from launch) so the
		 * hypervisor gets interrupts and NMIs.
		 */
		__asm__ volatile("stgi" ::: "memory");
	}
	sl_printf("time: %llu TSC cycles from entry to the jump",
		  (unsigned long long)(rdtsc() - tsc0));
	sl_printf("handoff: 0x%llx, %u bytes; jumping to 0x%llx", (unsigned long long)(uintptr_t)h,
		  h->total_size, (unsigned long long)h->hv_entry);
	sl_enter_hv(h->hv_entry, (u64)(uintptr_t)h, (u64)(uintptr_t)sl_pml4);
}
