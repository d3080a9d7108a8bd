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
#define PP_EV_LAUNCH_TYPE 0x601u    /* PCR 17, data: the launch type name */
#define PP_EV_HYPERVISOR 0x602u	    /* PCR 17, data: PP_EV_HV_NAME */
#define PP_EV_CMDLINE 0x603u	    /* PCR 17, data: the command line itself */
#define PP_EV_POLICY 0x604u	    /* PCR 18, data: pp_ev_policy_data() */
#define PP_EV_PD_IMAGE 0x605u	    /* PCR 19, data: the pd name */
#define PP_EV_MODULES 0x606u	    /* PCR 19, data: the module manifest below */
#define PP_EV_MEMORY_MAP 0x607u	    /* PCR 20, data: PP_EV_MMAP_NAME */
#define PP_EV_ACPI_RSDP 0x608u	    /* PCR 20, data: PP_EV_RSDP_NAME, or why there is none */
#define PP_EV_ACPI_TABLE 0x609u	    /* PCR 20, data: signature (4) + u64 LE firmware address */
#define PP_EV_POLICY_VERDICT 0x60Au /* PCR 18, data: the verdict (below), by the hypervisor */
#define PP_EV_LAUNCH_FAILED 0x60Fu  /* PCR 17, data: "launch failed: <reason>" */

/* PCRs of the plan: platform (firmware-described) data has its own. */
#define PP_PCR_LAUNCH 17u
#define PP_PCR_POLICY 18u
#define PP_PCR_PAYLOAD 19u
#define PP_PCR_PLATFORM 20u

/* Event data (ASCII, no NUL) of the hypervisor image and policy events. */
#define PP_EV_HV_NAME "hypervisor.elf"
#define PP_EV_POLICY_NAME "policy"
#define PP_EV_MMAP_NAME "memory-map"
#define PP_EV_RSDP_NAME "rsdp"
#define PP_EV_FAILED_PREFIX "launch failed: "
#define PP_EV_ACPI_TABLE_LEN 12u

/*
 * Event data of a policy module's event: its role and slot as the module
 * string names them (parapet/module_role.h), "policy" for a bare policy,
 * "policy a" / "policy b" for the A/B slots (docs/policy-update.md), so the
 * log says which slot each measured policy came from. Writes at most
 * PP_EV_POLICY_DATA_MAX bytes (no NUL) and returns the length.
 */
/*
 * The hypervisor's policy verdict (docs/policy-update.md): the last event
 * on PCR 18, extended by the hypervisor at locality 2 after it chose (or
 * refused) the policy, before anything is built from it. Data (ASCII, no
 * NUL), digest in each bank = that bank's hash of the data:
 *   "enforced: slot a" / "enforced: slot b"   a slot chosen by the slot rule
 *   "enforced: policy"                         a bare policy module
 *   "refused: " + the refusal's line           (at most PP_EV_VERDICT_MAX)
 * The trial/confirmed state is not in it, so PCR 18 is the same on every
 * boot that enforces the same slot contents.
 */
#define PP_EV_VERDICT_ENFORCED "enforced: "
#define PP_EV_VERDICT_REFUSED "refused: "
#define PP_EV_VERDICT_MAX 160u
/* "enforced: slot a" (slot 'a' or 'b') or "enforced: policy" (slot 0); returns the length. */
static inline u32 pp_ev_verdict_enforced(char slot, char out[PP_EV_VERDICT_MAX])
{
	static const char pre[] = PP_EV_VERDICT_ENFORCED;
	static const char slot_pre[] = "slot ";
	static const char name[] = PP_EV_POLICY_NAME;
	u32 n = sizeof(pre) - 1;
	memcpy(out, pre, n);
	if (slot == 'a' || slot == 'b') {
		memcpy(out + n, slot_pre, sizeof(slot_pre) - 1);
		out[n + sizeof(slot_pre) - 1] = slot;
		return n + sizeof(slot_pre);
	}
	memcpy(out + n, name, sizeof(name) - 1);
	return n + sizeof(name) - 1;
}

#define PP_EV_POLICY_DATA_MAX 8u
static inline u32 pp_ev_policy_data(char slot, char out[PP_EV_POLICY_DATA_MAX])
{
	static const char name[] = PP_EV_POLICY_NAME;
	memcpy(out, name, sizeof(name) - 1);
	if (slot != 'a' && slot != 'b')
		return 6;
	out[6] = ' ';
	out[7] = slot;
	return 8;
}

/*
 * The module manifest (PP_EV_MODULES, PCR 19): binds the role and name of
 * every module extended into PCR 19 (the pd images) to its size and
 * SHA-256, so renaming or swapping them changes PCR 19 even where their
 * images alone would not. Little-endian:
 *   header  0 magic "PPMODS01" | 8 u32 count | 12 u32 record size (80)
 *   record  0 u8 role (enum pp_role) | 1 u8 name length | 2 u16 0 | 4 u32 0
 *           8 u64 size | 16 SHA-256 of the module (32) | 48 name (32, zero-padded)
 * One record per pd module in module order (the hypervisor and the policy
 * are bound by their own PCR and position: 17 and 18). The event's digest
 * in each bank is that bank's hash of these bytes.
 */
#define PP_MANIFEST_MAGIC "PPMODS01"
#define PP_MANIFEST_MAGIC_LE 0x313053444f4d5050ull /* the same 8 bytes, read LE */
#define PP_MANIFEST_HDR 16u
#define PP_MANIFEST_REC 80u
#define PP_MANIFEST_NAME_MAX 32u
#define PP_MANIFEST_SIZE(n) (PP_MANIFEST_HDR + (n)*PP_MANIFEST_REC)

static inline void pp_manifest_header(u8 *out, u32 count)
{
	st_le64(out, PP_MANIFEST_MAGIC_LE);
	st_le32(out + 8, count);
	st_le32(out + 12, PP_MANIFEST_REC);
}

static inline void pp_manifest_record(u8 *out, u32 index, u32 role, const char *name, u32 name_len,
				      u64 size, const u8 sha256[32])
{
	u8 *r = out + PP_MANIFEST_HDR + (size_t)index * PP_MANIFEST_REC;
	if (name_len > PP_MANIFEST_NAME_MAX)
		name_len = PP_MANIFEST_NAME_MAX; /* pd names are at most 32 (module_role.h) */
	memset(r, 0, PP_MANIFEST_REC);
	r[0] = (u8)role;
	r[1] = (u8)name_len;
	st_le64(r + 8, size);
	memcpy(r + 16, sha256, 32);
	memcpy(r + 48, name, name_len);
}

/* ACPI table event data: the signature and the address it was read from. */
static inline void pp_ev_acpi_table(u8 *ev, const u8 sig[4], u64 orig)
{
	memcpy(ev, sig, 4);
	st_le64(ev + 4, orig);
}

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
