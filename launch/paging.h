/* SPDX-License-Identifier: GPL-2.0-only */
/* launch's own identity page tables for 0-4 GiB (2-MiB pages, in .bss). */
#ifndef PARAPET_LAUNCH_PAGING_H
#define PARAPET_LAUNCH_PAGING_H

#include <parapet/types.h>
#include "cpu_defs.h"

extern u64 launch_pml4[PT_ENTRIES];
extern u64 launch_pdpt[PT_ENTRIES];
extern u64 launch_pd[IDMAP_PDS * PT_ENTRIES];

/* (Re)fill the tables (idempotent); returns the PML4's physical address for CR3. */
u64 paging_build_identity(void);

#endif
