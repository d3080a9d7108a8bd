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
#include <parapet/measure_plan.h>
#include <parapet/module_role.h>
#include <parapet/types.h>

/*
 * The plan's event types, event data and launch type names are
 * parapet/measure_plan.h, the module roles parapet/module_role.h: the
 * secure loader's own definitions and classifier.
 */
#define RG_MAX_MODULES 16u
_Static_assert(RG_MAX_MODULES <= PP_MAX_MODULES, "refgen: more modules than the SL takes");
#define RG_MAX_PATH 256u
#define RG_MAX_CMDLINE 1024u

/*
 * One boot module: the path GRUB loads, its module string (what the secure
 * loader classifies) and, filled from the shared classifier, its role and
 * argument.
 */
struct rg_module {
	enum pp_role role;
	char path[RG_MAX_PATH]; /* as written in grub.cfg, e.g. /boot/parapet/x.bin */
	char str[RG_MAX_CMDLINE + sizeof("hypervisor ")]; /* e.g. "pd service" */
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

/*
 * Set m's module string to str[0, len) and fill its role and argument with
 * pp_module_role (the secure loader's classifier); the error is its message.
 */
int rg_module_set(struct rg_module *m, const char *str, size_t len, struct pp_err *err);

/*
 * Check the role rules of docs/measurements.md ("Boot modules") over the
 * entry's module strings with pp_module_roles, as the secure loader does.
 */
int rg_check_modules(const struct rg_entry *e, struct pp_err *err);

struct rg_input {
	u32 launch_type; /* PP_EVLOG_LAUNCH_EMULATED, _SKINIT or _STATIC */
	const u8 *sl;	 /* the SLB image (build/launch/sl.bin); NULL for static */
	size_t sl_len;
	const u16 *banks; /* TPM_ALG_IDs, the log header's order */
	u32 nbanks;
	const struct rg_entry *entry; /* modules with data */
	/*
	 * The hypervisor's policy verdict (measure_plan.h, PP_EV_POLICY_VERDICT),
	 * the log's last event: NULL predicts the default (rg_verdict_default),
	 * RG_VERDICT_NONE leaves it out, anything else is its data.
	 */
	const char *verdict;
};

#define RG_VERDICT_NONE "none"

/*
 * The verdict a correct boot of entry e logs: "enforced: slot a" when it
 * has slot a (the image holds the same policy in both slots), "enforced:
 * slot b" with slot b alone, "enforced: policy" for a bare policy module.
 * Writes out (at least PP_EV_VERDICT_MAX + 1 bytes, NUL-terminated) and
 * returns false when e has no policy module: the hypervisor refuses then,
 * and the refusal's text is not predicted.
 */
bool rg_verdict_default(const struct rg_entry *e, char *out);

/*
 * Check verdict data as the verifier does (attest/verifier/plan.c):
 * "enforced: " or "refused: " and more, printable ASCII, at most
 * PP_EV_VERDICT_MAX bytes.
 */
int rg_verdict_check(const char *v, struct pp_err *err);

/*
 * Write the DRTM event log the secure loader must write for these inputs
 * (docs/measurements.md, "PCR plan") into log (initialised here over
 * buf[0, cap)), ending with the hypervisor's policy verdict (in->verdict).
 */
int rg_build_log(const struct rg_input *in, struct pp_evlog *log, void *buf, u32 cap,
		 struct pp_err *err);

/*
 * Check and replay log[0, len) with the common code and write the
 * reference JSON to f. entry names the menu entry (recorded in the file).
 */
int rg_write_json(FILE *f, const u8 *log, u32 len, const char *entry_id, struct pp_err *err);

#endif
