/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SINIT's copy of the ACPI DMAR table (HARDWARE-ONLY path; pure code over
 * the parsed SinitMleData, host-tested in tests/unit/test_txt_dmar.c).
 *
 * Intel TXT Software Development Guide / MLE Developer's Guide, appendix
 * C.4 (SinitMleData): SINIT validates the platform's DMAR, copies it into
 * SinitMleData and records SinitVtdDmarTableSize (0x88) and
 * SinitVtdDmarTableOffset (0x8c; counted, like SinitMdrTableOffset, from
 * the first byte of the table's u64 size field). The copy sits in the TXT
 * heap, which DMA cannot reach and the OS cannot change after SENTER, so the
 * MLE must describe the IOMMUs from this copy and not from the firmware's
 * DMAR in ACPI memory (as Linux Secure Launch does). Both fields stay valid
 * in SinitMleData version 9 (only 0x04..0x77 are zeroed there).
 *
 * txt_sinit_dmar returns the copy after checking it: present (size != 0),
 * inside the table and after its fixed part (the parser checked that and
 * that it does not overlap the MDR table; checked again here), signature
 * "DMAR", header Length in [48, size], checksum over Length bytes 0 (ACPI
 * 6.5 5.2.6). 48 = the 36-byte SDT header + Host Address Width, Flags and
 * 10 reserved bytes (Intel VT-d specification, chapter 8, DMAR table).
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_DMAR_H
#define PARAPET_LAUNCH_DRTM_TXT_DMAR_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "launch/drtm/txt_heap.h"

#define TXT_DMAR_MIN_LEN 48u

/* *dmar points into s->table (the heap), *len is the DMAR's Length. Absent
 * copy: PP_ENOENT; out of bounds: PP_ERANGE; wrong signature: PP_EMAGIC;
 * bad Length: PP_EINVAL; bad checksum: PP_ECHECKSUM. Outputs are written
 * only on success. */
int txt_sinit_dmar(const struct txt_sinit_mle_info *s, const u8 **dmar, u32 *len,
		   struct pp_err *err);

#endif
