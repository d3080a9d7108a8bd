/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own GNU build-id note (hypervisor/hypervisor.ld), which
 * names the unstripped ELF that matches the running, stripped one
 * (docs/hypervisor.md, "Debugging").
 */
#ifndef PARAPET_HV_BUILD_ID_H
#define PARAPET_HV_BUILD_ID_H

/* Prints `hv: build-id <hex>` (or why there is none). */
void build_id_report(void);

#endif
