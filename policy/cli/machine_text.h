/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The text files of a machine directory (docs/policy-machine.md): the
 * parsers behind pol_machine_load_dir, one per file format, on a buffer
 * so the fuzzer and the unit tests can drive them directly. Every input
 * is untrusted; an error names file:line and what was expected there.
 *
 *   lspci.txt    `lspci -D -n`: "SSSS:BB:DD.F CCCC: VVVV:DDDD ..."
 *   memmap.txt   /sys/firmware/memmap, one entry a line:
 *                "START END TYPE" (hex, END inclusive, TYPE as the kernel
 *                names it; "System RAM" is usable RAM)
 *   machine.txt  what the tables cannot say: "maxphyaddr N", "cat-bits N",
 *                "hv-version N", "reserved BASE SIZE", "ioapic-gsis ID N",
 *                "bridge SSSS:BB:DD.F SECONDARY SUBORDINATE"; '#' comments
 */
#ifndef PARAPET_POLICY_CLI_MACHINE_TEXT_H
#define PARAPET_POLICY_CLI_MACHINE_TEXT_H

#include <stddef.h>
#include <parapet/policy_machine.h>

#define POL_M_LINE_MAX 512u  /* longest line accepted */
#define POL_M_MEM_MAX 256u   /* memory map entries */
#define POL_M_BRIDGES 64u    /* bridge lines */
#define POL_M_IOAPIC_SET 16u /* ioapic-gsis lines */

/* Defaults when machine.txt does not say (docs/policy-machine.md). */
#define POL_M_DEFAULT_MAXPHYADDR 36u /* the smallest x86-64 MAXPHYADDR */
#define POL_M_DEFAULT_HV_VERSION 1u

struct pol_m_ioapic_set {
	u32 id, gsis, line;
};

struct pol_m_conf {
	u32 maxphyaddr, cat_bits, hv_version;
	bool reserved_set; /* reserved lines given: they replace the defaults */
	u32 n_reserved, n_ioapic, n_bridges;
	struct pp_pol_range reserved[PP_POL_MACHINE_RANGES];
	struct pol_m_ioapic_set ioapic[POL_M_IOAPIC_SET];
	struct pp_pol_bridge bridges[POL_M_BRIDGES];
};

/* Each: parse text[len] (named `name` in messages); 0, or -1 with msg set. */
int pol_m_parse_lspci(const char *name, const char *text, size_t len, struct pp_pol_pci_fn *out,
		      u32 cap, u32 *n, char *msg, size_t msglen);
int pol_m_parse_memmap(const char *name, const char *text, size_t len, struct pp_pol_mem_ent *out,
		       u32 cap, u32 *n, char *msg, size_t msglen);
/* Fills every field of *conf (defaults first). */
int pol_m_parse_conf(const char *name, const char *text, size_t len, struct pol_m_conf *conf,
		     char *msg, size_t msglen);

#endif
