/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF64 validator and loader for the hypervisor image (System V ABI, ELF-64
 * Object File Format 1.5, and the AMD64 psABI). Pure and host-testable: the
 * file is read with ld_le* and bounds checks; loading writes only through a
 * caller-supplied destination accessor.
 *
 * The hypervisor is identity-linked (vaddr == paddr): launch copies each
 * PT_LOAD segment to its physical address and jumps to e_entry with paging
 * identity-mapped, so a segment whose vaddr differs from its paddr is refused.
 */
#ifndef PARAPET_LAUNCH_ELF_H
#define PARAPET_LAUNCH_ELF_H

#include <parapet/err.h>
#include <parapet/types.h>

/* ELF-64 Object File Format, "ELF Header" and "Program header table". */
#define ELF_EHDR_SIZE 64u
#define ELF_PHDR_SIZE 56u
#define ELF_MAX_PHNUM 64u /* more program headers than this is treated as corrupt */
#define ELF_MAX_LOAD 16u  /* PT_LOAD segments kept */

#define ELF_PT_NULL 0u
#define ELF_PT_LOAD 1u
#define ELF_PT_DYNAMIC 2u
#define ELF_PT_INTERP 3u
#define ELF_PF_X 1u
#define ELF_PF_W 2u
#define ELF_PF_R 4u

/* A physical range the image must not touch (launch, MBI, modules, ...). */
struct elf_forbidden {
	u64 base, length;
	const char *what; /* for the error message */
};

struct elf_policy {
	u64 win_lo, win_hi;		    /* every segment inside [win_lo, win_hi) */
	const struct elf_forbidden *forbid; /* may be NULL when nforbid == 0 */
	u32 nforbid;
};

struct elf_segment {
	u64 offset, filesz; /* file bytes copied */
	u64 paddr, memsz;   /* destination; [paddr+filesz, paddr+memsz) is zeroed */
	u32 flags;	    /* ELF_PF_* */
	u32 phdr_index;
};

struct elf_image {
	u64 entry;
	u64 span_base, span_size; /* page-rounded span of all PT_LOAD segments */
	u32 nseg;
	struct elf_segment seg[ELF_MAX_LOAD];
};

/*
 * Validate the ELF64 file [img, img+len) against the policy. On success
 * *out describes the loadable segments; on failure returns a PP_E* code and
 * an "ELF: ..." message.
 */
int elf_check(const u8 *img, u64 len, const struct elf_policy *pol, struct elf_image *out,
	      struct pp_err *err);

/*
 * Destination accessor: return a writable pointer to the len bytes at
 * physical address paddr, or NULL when that range is not writable.
 */
typedef u8 *(*elf_dest_fn)(void *ctx, u64 paddr, u64 len);

/*
 * Load a checked image: for every segment copy filesz bytes from the file and
 * zero the remaining memsz - filesz bytes. Nothing else is written.
 */
int elf_load(const u8 *img, u64 len, const struct elf_image *im, elf_dest_fn dest, void *ctx,
	     struct pp_err *err);

#endif
