/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event types and event data of the SL's measurements (docs/measurements.md,
 * "PCR plan"). Pure; the reference-value generator must produce the same
 * bytes.
 */
#ifndef PARAPET_LAUNCH_SL_MEASURE_EV_H
#define PARAPET_LAUNCH_SL_MEASURE_EV_H

#include <parapet/bytes.h>
#include <parapet/handoff.h>
#include <parapet/types.h>

#define PP_EV_LAUNCH_TYPE 0x601u
#define PP_EV_HYPERVISOR 0x602u
#define PP_EV_CMDLINE 0x603u
#define PP_EV_POLICY 0x604u
#define PP_EV_PD_IMAGE 0x605u

#define SL_EV_HV_NAME "hypervisor.elf"
#define SL_EV_POLICY_NAME "policy"
/* DRTM start event data: "SLB" + u32 LE measured length. */
#define SL_EV_DRTM_START_LEN 7u

static inline void sl_ev_drtm_start(u8 *ev, u32 measured_len)
{
	ev[0] = 'S';
	ev[1] = 'L';
	ev[2] = 'B';
	st_le32(ev + 3, measured_len);
}

/* The launch type event's data (ASCII, no NUL). */
static inline const char *sl_launch_type_name(u32 t)
{
	switch (t) {
	case PP_LAUNCH_SKINIT: return "skinit";
	case PP_LAUNCH_TXT: return "txt";
	case PP_LAUNCH_EMULATED: return "emulated";
	case PP_LAUNCH_STATIC: return "static";
	default: return "none";
	}
}

#endif
