/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The facts of the measurement plan (docs/measurements.md, "PCR plan")
 * that the secure loader (launch/sl/, which measures) and the reference
 * generator (tools/refgen/, which predicts) must agree on byte for byte:
 * event types, event data, launch type names. Pure and freestanding-clean;
 * the module roles are in parapet/module_role.h.
 */
#ifndef PARAPET_MEASURE_PLAN_H
#define PARAPET_MEASURE_PLAN_H

#include <parapet/bytes.h>
#include <parapet/err.h>
#include <parapet/eventlog.h>
#include <parapet/handoff.h>
#include <parapet/string.h>
#include <parapet/types.h>

/* Event types of the plan; PP_EV_DRTM_START (0x600) is in parapet/eventlog.h. */
#define PP_EV_LAUNCH_TYPE 0x601u /* PCR 17, data: the launch type name */
#define PP_EV_HYPERVISOR 0x602u	 /* PCR 17, data: PP_EV_HV_NAME */
#define PP_EV_CMDLINE 0x603u	 /* PCR 17, data: the command line itself */
#define PP_EV_POLICY 0x604u	 /* PCR 18, data: PP_EV_POLICY_NAME */
#define PP_EV_PD_IMAGE 0x605u	 /* PCR 19, data: the pd name */

/* Event data (ASCII, no NUL) of the hypervisor image and policy events. */
#define PP_EV_HV_NAME "hypervisor.elf"
#define PP_EV_POLICY_NAME "policy"

/* DRTM start event data: "SLB" + u32 LE measured length. */
#define PP_EV_DRTM_START_LEN 7u

static inline void pp_ev_drtm_start(u8 *ev, u32 measured_len)
{
	ev[0] = 'S';
	ev[1] = 'L';
	ev[2] = 'B';
	st_le32(ev + 3, measured_len);
}

/*
 * The launch marker (parapet/eventlog.h) records the handoff's launch type:
 * the two sets of values must stay equal.
 */
_Static_assert(PP_EVLOG_LAUNCH_SKINIT == PP_LAUNCH_SKINIT, "launch type skinit");
_Static_assert(PP_EVLOG_LAUNCH_TXT == PP_LAUNCH_TXT, "launch type txt");
_Static_assert(PP_EVLOG_LAUNCH_EMULATED == PP_LAUNCH_EMULATED, "launch type emulated");
_Static_assert(PP_EVLOG_LAUNCH_STATIC == PP_LAUNCH_STATIC, "launch type static");

/* The launch type event's data (ASCII, no NUL); "none" for anything else. */
static inline const char *pp_launch_type_name(u32 t)
{
	switch (t) {
	case PP_LAUNCH_SKINIT: return "skinit";
	case PP_LAUNCH_TXT: return "txt";
	case PP_LAUNCH_EMULATED: return "emulated";
	case PP_LAUNCH_STATIC: return "static";
	default: return "none";
	}
}

/* The inverse for the launch types of the plan ("none" is not one). */
static inline int pp_launch_type_parse(const char *name, u32 *t)
{
	static const u32 types[] = {PP_LAUNCH_SKINIT, PP_LAUNCH_TXT, PP_LAUNCH_EMULATED,
				    PP_LAUNCH_STATIC};
	for (u32 i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(name, pp_launch_type_name(types[i]))) {
			*t = types[i];
			return PP_OK;
		}
	return PP_EINVAL;
}

#endif
