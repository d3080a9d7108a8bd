// SPDX-License-Identifier: GPL-2.0-only
/*
 * launch's DRTM step (docs/launch.md, "Secure loader"; docs/drtm.md,
 * "Before SKINIT"). After the SLB is in place, in this order:
 *  1. choose the launch: under a hypervisor (CPUID.1:ECX bit 31, i.e.
 *     QEMU) the emulated SKINIT; on a CPU that reports SKINIT (CPUID
 *     Fn8000_0001 ECX bit 12, whatever VM_CR.SVMDIS says: the APM allows
 *     SKINIT and STGI when EFER.SVME is set or that bit is) SKINIT; on one
 *     that reports SMX (CPUID.1:ECX bit 6) Intel TXT (drtm/txt_launch.c);
 *     both HARDWARE-ONLY, UNTESTED: never executed anywhere in this
 *     project; otherwise none (the launch policy: static fallback or halt);
 *  2. write the SL's parameter block, before any DRTM: nothing is written
 *     between the measurement and the SL (SKINIT jumps straight into it);
 *  3. the steps shared by SKINIT and its emulation (drtm/prep.c);
 *  4. the step itself: SKINIT; or the harness's measurement followed at
 *     once by launch_enter_sl (SKINIT's entry state); or, for the static
 *     fallback, launch_enter_sl alone. None of them returns.
 * Configuration (struct launch_config): allow_static and strict from the
 * boot options (launch/options.h); allow_emulated = false. The boot option
 * test=txt-entry replaces steps 1 and 4: the Intel TXT MLE is placed and
 * entered as SENTER would leave it, without any DRTM (launch/sl_enter.S).
 */
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include <parapet/x86.h>
#include "drtm/emulated.h"
#include "drtm/launch_policy.h"
#include "drtm/prep.h"
#include "drtm/txt_launch.h"
#include "console.h"
#include "cpu_defs.h"
#include "sl_place.h"

/*
 * HARDWARE-ONLY, UNTESTED. SKINIT (APM vol. 2, 15.27; vol. 3 "SKINIT"):
 * EAX = SLB base; the CPU measures SLB[0:len] into PCR17 at locality 4
 * and enters the SL in 32-bit mode with ESP = SLB + 64 KiB, GIF clear.
 */
static PP_NORETURN void do_skinit(u32 slb)
{
	__asm__ volatile("skinit" ::"a"(slb) : "memory");
	__builtin_unreachable();
}

/* The launch policy for a DRTM that is not there; returns only for static. */
static void no_drtm(enum launch_failure_kind kind, u32 launch_type, const struct pp_err *cause,
		    const struct launch_config *cfg)
{
	static char line[2 * PP_ERR_MSG_MAX + 128];
	struct launch_failure f = {0};
	f.kind = kind;
	f.stage = LS_PRE_DRTM;
	f.launch_type = launch_type;
	f.detail = *cause;
	enum launch_action a = launch_policy_decide(&f, cfg);
	launch_policy_describe(&f, a, line, sizeof(line));
	if (a == LAUNCH_ACT_FALLBACK_STATIC) {
		launch_printf("%s", line);
		return;
	}
	struct pp_err e;
	pp_fail(&e, cause->code, "%s", line);
	launch_fail(&e);
}

void launch_drtm_run(const struct launch_config *opts, u64 handoff_pa, u32 handoff_len)
{
	struct pp_err err = {0, ""};
	struct launch_config cfg = *opts;
	struct drtm_cpu cpu;
	u32 flags, attempted;
	bool prepared = false;
	cfg.allow_emulated = false;
	flags = (cfg.allow_static ? SL_PF_ALLOW_STATIC : 0) | (cfg.strict ? SL_PF_STRICT : 0);

	drtm_cpu_probe(&cpu);
	if (cfg.test_txt_entry) {
		u32 entry, size;
		sl_place_mle(&entry, &size);
		sl_place_params(handoff_pa, handoff_len, PP_LAUNCH_TXT, flags);
		drtm_prepare(&cpu);
		launch_printf("drtm: test=txt-entry: NO DRTM; entering the MLE as GETSEC[SENTER] "
			      "leaves it (a test of its entry: at most a static launch)");
		launch_enter_mle(entry, (u32)SL_MLE_PT_BASE);
	}
	attempted = drtm_choose(&cpu);
	if (attempted == PP_LAUNCH_STATIC) {
		pp_fail(
		    &err, PP_ENOTSUP,
		    "CPU has neither SKINIT (CPUID Fn8000_0001 ECX bit 12) nor SMX (CPUID.1 ECX "
		    "bit 6)");
		no_drtm(LF_NO_DRTM_CPU, PP_LAUNCH_STATIC, &err, &cfg);
	}
	if (attempted == PP_LAUNCH_TXT) {
		launch_printf("drtm: Intel TXT (hardware; this path is untested)");
		drtm_prepare(&cpu);
		prepared = true;
		if (txt_launch(handoff_pa, handoff_len, flags, &err)) {
			no_drtm(LF_TXT_NOT_READY, PP_LAUNCH_TXT, &err, &cfg);
			attempted = PP_LAUNCH_STATIC; /* the policy allowed a static launch */
		}
	}
	sl_place_params(handoff_pa, handoff_len, attempted, flags);
	if (!prepared)
		drtm_prepare(&cpu);
	const bool gif = drtm_gif_available(&cpu); /* CLGI exists */

	if (attempted == PP_LAUNCH_SKINIT) {
		launch_printf("drtm: SKINIT (hardware; this path is untested)");
		do_skinit((u32)SL_SLB_BASE);
	}
	if (attempted == PP_LAUNCH_EMULATED) {
		launch_printf("drtm: hypervisor present: emulated SKINIT (QEMU test harness)");
		if (!drtm_emulated_skinit((u32)SL_SLB_BASE, &err)) {
			/* the measurement and the entry: nothing the SL reads is
			 * written in between (these lines go to the UART only) */
			launch_printf("drtm: the harness measured the SLB");
			launch_printf("entering the secure loader (emulated DRTM)");
			launch_enter_sl((u32)SL_SLB_BASE, gif);
		}
		/* The emulated DRTM was the fallback for a CPU without one: it failed. */
		no_drtm(LF_NO_DRTM_CPU, PP_LAUNCH_EMULATED, &err, &cfg);
		sl_place_params(handoff_pa, handoff_len, PP_LAUNCH_STATIC, flags);
	}
	launch_printf("entering the secure loader (static launch)");
	launch_enter_sl((u32)SL_SLB_BASE, gif);
}
