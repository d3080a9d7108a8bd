/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * launch's boot options: the words of launch.elf's own Multiboot2 command
 * line (grub.cfg: `multiboot2 /boot/parapet/launch.elf drtm=strict`),
 * docs/launch.md "Boot options". Pure; host-tested (test_launch_options.c)
 * and fuzzed (fuzz_launch_options.c).
 *
 *   drtm=auto    the default: a DRTM where the platform has one (SKINIT;
 *                under a hypervisor the emulated DRTM), else the static
 *                fallback, which the log and the launch type record
 *   drtm=strict  a DRTM launch or nothing: no static fallback, no
 *                unmeasured boot without a TPM, non-security failures halt
 *   test=txt-entry  no DRTM at all: launch places the Intel TXT MLE and
 *                enters it in the state GETSEC[SENTER] leaves, to test the
 *                MLE's entry where there is no TXT (QEMU). The MLE finds no
 *                SENTER; the launch policy then allows a static launch
 *                (drtm=auto) or halts (drtm=strict). Never more than static.
 *
 * Words are separated by blanks. An unknown word, an unknown value or a
 * repeated option is an error: a mistyped security option must not quietly
 * mean the default.
 */
#ifndef PARAPET_LAUNCH_OPTIONS_H
#define PARAPET_LAUNCH_OPTIONS_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "launch/drtm/launch_policy.h"

#define LAUNCH_OPTIONS_MAX_LEN 1024u

/* The defaults (drtm=auto); allow_emulated is decided by launch_drtm. */
void launch_options_default(struct launch_config *cfg);

/* Parse s[0, len) (no NUL inside) into cfg, which starts at the defaults. */
int launch_options_parse(const char *s, u32 len, struct launch_config *cfg, struct pp_err *err);

#endif
