/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * refgen: the reference values a correct boot must produce
 * (docs/measurements.md, "Reference values"). Host-only. The DRTM event log
 * is written with the secure loader's own writer (common/eventlog) and SHA
 * code (common/crypto) and replayed with the common replay, so the
 * prediction and the boot share every line of measuring code.
 *
 *   grubcfg.c  the boot modules of one menu entry of image/grub.cfg
 *   plan.c     inputs -> the DRTM event log, in the PCR plan's order
 *   json.c     log -> build/reference.json (schema parapet-reference-v1)
 *   main.c     command line, files
 */
#ifndef PARAPET_REFGEN_H
#define PARAPET_REFGEN_H

#include <stdio.h>
#include <parapet/err.h>
#include <parapet/eventlog.h>
#include <parapet/types.h>

/*
 * Event types of the PCR plan (docs/measurements.md). PP_EV_DRTM_START
 * (0x600) is in parapet/eventlog.h; these mirror the plan's table.
 */
#define RG_EV_LAUNCH_TYPE 0x601u
#define RG_EV_HYPERVISOR 0x602u
#define RG_EV_CMDLINE 0x603u
#define RG_EV_POLICY 0x604u
#define RG_EV_PD_IMAGE 0x605u

#define RG_MAX_MODULES 16u
#define RG_MAX_PATH 256u
#define RG_MAX_CMDLINE 1024u
#define RG_PD_NAME_MAX 32u

enum rg_role { RG_ROLE_HYPERVISOR = 1, RG_ROLE_POLICY, RG_ROLE_PD };

/* One module2 line: the path GRUB loads, the role word and its argument. */
struct rg_module {
	enum rg_role role;
	char path[RG_MAX_PATH];	  /* as written in grub.cfg, e.g. /boot/parapet/x.bin */
	char arg[RG_MAX_CMDLINE]; /* hypervisor: its command line; pd: the name */
	const u8 *data;		  /* the file's bytes (filled in by the caller) */
	size_t len;
};

struct rg_entry {
	char id[64];
	char title[128];
	u32 nmod;
	struct rg_module mod[RG_MAX_MODULES];
};

/*
 * Find the menu entry with `--id id` in grub.cfg text[0, len) and collect
 * its module2 lines (paths, roles, arguments). The accepted syntax is the
 * plain subset image/grub.cfg uses (no quotes, variables or escapes inside
 * module lines), for which GRUB's module string is exactly the words after
 * the path joined by single spaces; anything else is rejected.
 */
int rg_grubcfg_entry(const char *text, size_t len, const char *id, struct rg_entry *out,
		     struct pp_err *err);

/* Check the role rules of docs/measurements.md ("Boot modules"). */
int rg_check_modules(const struct rg_entry *e, struct pp_err *err);

struct rg_input {
	u32 launch_type; /* PP_EVLOG_LAUNCH_EMULATED, _SKINIT or _STATIC */
	const u8 *sl;	 /* the SLB image (build/launch/sl.bin); NULL for static */
	size_t sl_len;
	const u16 *banks; /* TPM_ALG_IDs, the log header's order */
	u32 nbanks;
	const struct rg_entry *entry; /* modules with data */
};

/* Launch type <-> ASCII name of the plan (emulated, skinit, txt, static). */
const char *rg_launch_name(u32 type);
int rg_launch_parse(const char *name, u32 *type);

/*
 * Write the DRTM event log the secure loader must write for these inputs
 * (docs/measurements.md, "PCR plan") into log (initialised here over
 * buf[0, cap)).
 */
int rg_build_log(const struct rg_input *in, struct pp_evlog *log, void *buf, u32 cap,
		 struct pp_err *err);

/*
 * Check and replay log[0, len) with the common code and write the
 * reference JSON to f. entry names the menu entry (recorded in the file).
 */
int rg_write_json(FILE *f, const u8 *log, u32 len, const char *entry_id, struct pp_err *err);

#endif
