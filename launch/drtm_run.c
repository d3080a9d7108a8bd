// SPDX-License-Identifier: GPL-2.0-only
/*
 * launch's DRTM step (docs/launch.md, "Secure loader"). After the SLB is
 * in place:
 *  - under a hypervisor (CPUID.1:ECX bit 31, i.e. QEMU): the emulated
 *    SKINIT (launch/drtm/emulated.c asks the test harness to measure the
 *    SLB into PCR17);
 *  - on hardware with SKINIT (CPUID 0x80000001 ECX bits 2 SVM and 12
 *    SKINIT, VM_CR.SVMDIS clear): SKINIT. HARDWARE-ONLY, UNTESTED: never
 *    executed anywhere in this project;
 *  - otherwise (no DRTM, e.g. Intel without TXT support here): none.
 * Every failure goes to launch_policy_decide; a static fallback returns
 * PP_LAUNCH_STATIC, anything else halts through launch_fail.
 *
 * Configuration (struct launch_config): allow_static and strict from the
 * boot options (launch/options.h: drtm=auto, drtm=strict); allow_emulated
 * = false (the emulated DRTM is tried first when a hypervisor is present,
 * not offered as a fallback).
 */
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include <parapet/x86.h>
#include "drtm/emulated.h"
#include "drtm/launch_policy.h"
#include "console.h"
#include "cpu_defs.h"
#include "sl_place.h"

#define CPUID1_ECX_HYPERVISOR (1u << 31)
#define CPUID_EXT_ECX_SVM (1u << 2)
#define CPUID_EXT_ECX_SKINIT (1u << 12)
#define MSR_VM_CR 0xc0010114u
#define VM_CR_SVMDIS (1u << 4)
#define EFER_SVME (1u << 12)

static bool cpu_has_skinit(void)
{
	u32 a, b, c, d;
	cpuid(CPUID_EXT_MAX_LEAF, 0, &a, &b, &c, &d);
	if (a < CPUID_EXT_FEATURES)
		return false;
	cpuid(CPUID_EXT_FEATURES, 0, &a, &b, &c, &d);
	if (!(c & CPUID_EXT_ECX_SVM) || !(c & CPUID_EXT_ECX_SKINIT))
		return false;
	return !(rdmsr(MSR_VM_CR) & VM_CR_SVMDIS);
}

/*
 * HARDWARE-ONLY, UNTESTED. SKINIT (APM vol. 2, 15.27; vol. 3 "SKINIT"):
 * EFER.SVME must be set; the APs are still in wait-for-SIPI (launch never
 * starts them); EAX = SLB base. The CPU measures SLB[0:len] into PCR17 at
 * locality 4 and enters the SL in 32-bit mode with ESP = SLB + 64 KiB.
 */
static PP_NORETURN void do_skinit(u32 slb)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	__asm__ volatile("skinit" ::"a"(slb) : "memory");
	__builtin_unreachable();
}

static u32 policy(enum launch_failure_kind kind, const struct pp_err *cause,
		  const struct launch_config *cfg)
{
	static char line[2 * PP_ERR_MSG_MAX + 128];
	struct launch_failure f = {0};
	f.kind = kind;
	f.stage = LS_PRE_DRTM;
	f.launch_type = PP_LAUNCH_EMULATED;
	f.detail = *cause;
	enum launch_action a = launch_policy_decide(&f, cfg);
	launch_policy_describe(&f, a, line, sizeof(line));
	if (a == LAUNCH_ACT_FALLBACK_STATIC) {
		launch_printf("%s", line);
		return PP_LAUNCH_STATIC;
	}
	struct pp_err e;
	pp_fail(&e, cause->code, "%s", line);
	launch_fail(&e);
}

u32 launch_drtm(const struct launch_config *opts, u32 *flags)
{
	struct pp_err err = {0, ""};
	u32 a, b, c, d;
	struct launch_config cfg = *opts;
	cfg.allow_emulated = false;
	*flags = (cfg.allow_static ? SL_PF_ALLOW_STATIC : 0) | (cfg.strict ? SL_PF_STRICT : 0);

	cpuid(1, 0, &a, &b, &c, &d);
	if (c & CPUID1_ECX_HYPERVISOR) {
		launch_printf("drtm: hypervisor present: emulated SKINIT (QEMU test harness)");
		int rc = drtm_emulated_skinit((u32)SL_SLB_BASE, &err);
		if (!rc) {
			launch_printf("drtm: the harness measured the SLB");
			return PP_LAUNCH_EMULATED;
		}
		/* The emulated DRTM was the fallback for a CPU without one: it failed. */
		return policy(LF_NO_DRTM_CPU, &err, &cfg);
	}
	if (cpu_has_skinit()) {
		launch_printf("drtm: SKINIT (hardware; this path is untested)");
		do_skinit((u32)SL_SLB_BASE);
	}
	pp_fail(&err, PP_ENOTSUP, "CPU has no usable SKINIT (SVM/SKINIT absent or SVM disabled)");
	return policy(LF_NO_DRTM_CPU, &err, &cfg);
}
