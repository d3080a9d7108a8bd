// SPDX-License-Identifier: GPL-2.0-only
/*
 * ELF64 executable validation and loading (ELF-64 Object File Format 1.5:
 * "ELF Header", "Program Header Table"; AMD64 psABI: EM_X86_64 = 62).
 * Field offsets below are the ELF64 ones; the file is never cast to a struct.
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "elf.h"

/* e_ident */
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
/* ELF header field offsets */
#define E_TYPE 16
#define E_MACHINE 18
#define E_VERSION 20
#define E_ENTRY 24
#define E_PHOFF 32
#define E_EHSIZE 52
#define E_PHENTSIZE 54
#define E_PHNUM 56
#define ET_EXEC 2
#define EM_X86_64 62
/* program header field offsets */
#define P_TYPE 0
#define P_FLAGS 4
#define P_OFFSET 8
#define P_VADDR 16
#define P_PADDR 24
#define P_FILESZ 32
#define P_MEMSZ 40

/* [a, aend) and [b, bend) intersect (exclusive ends). */
static bool span_overlap(u64 a, u64 aend, u64 b, u64 bend)
{
	return a < bend && b < aend;
}

/* idx < 0: the whole load span; otherwise the program header index. */
static int check_forbidden(const struct elf_policy *pol, u64 lo, u64 hi, int idx,
			   struct pp_err *err)
{
	for (u32 i = 0; i < pol->nforbid; i++) {
		const struct elf_forbidden *f = &pol->forbid[i];
		u64 fend;
		if (!f->length)
			continue;
		if (!pp_add_ok(f->base, f->length, &fend))
			fend = UINT64_MAX;
		if (!span_overlap(lo, hi, f->base, fend))
			continue;
		const char *fw = f->what ? f->what : "a forbidden range";
		if (idx < 0)
			return pp_fail(
			    err, PP_EOVERLAP,
			    "ELF: load span [0x%llx, 0x%llx) overlaps %s [0x%llx, 0x%llx)",
			    (unsigned long long)lo, (unsigned long long)hi, fw,
			    (unsigned long long)f->base, (unsigned long long)fend);
		return pp_fail(
		    err, PP_EOVERLAP,
		    "ELF: program header %d pages [0x%llx, 0x%llx) overlap %s [0x%llx, 0x%llx)",
		    idx, (unsigned long long)lo, (unsigned long long)hi, fw,
		    (unsigned long long)f->base, (unsigned long long)fend);
	}
	return PP_OK;
}

static int check_header(const u8 *img, u64 len, struct pp_err *err)
{
	if (!img || len < ELF_EHDR_SIZE)
		return pp_fail(err, PP_ETRUNC, "ELF: file is %llu bytes, the header needs %u",
			       (unsigned long long)(img ? len : 0), ELF_EHDR_SIZE);
	if (img[0] != 0x7f || img[1] != 'E' || img[2] != 'L' || img[3] != 'F')
		return pp_fail(err, PP_EMAGIC, "ELF: bad magic %02x %02x %02x %02x", img[0], img[1],
			       img[2], img[3]);
	if (img[EI_CLASS] != ELFCLASS64)
		return pp_fail(err, PP_ENOTSUP, "ELF: class %u, expected 2 (ELFCLASS64)",
			       img[EI_CLASS]);
	if (img[EI_DATA] != ELFDATA2LSB)
		return pp_fail(err, PP_ENOTSUP, "ELF: data encoding %u, expected 1 (little-endian)",
			       img[EI_DATA]);
	if (img[EI_VERSION] != EV_CURRENT || ld_le32(img + E_VERSION) != EV_CURRENT)
		return pp_fail(err, PP_EVERSION, "ELF: version %u/%u, expected 1", img[EI_VERSION],
			       ld_le32(img + E_VERSION));
	if (ld_le16(img + E_TYPE) != ET_EXEC)
		return pp_fail(err, PP_ENOTSUP, "ELF: e_type %u, expected 2 (ET_EXEC)",
			       ld_le16(img + E_TYPE));
	if (ld_le16(img + E_MACHINE) != EM_X86_64)
		return pp_fail(err, PP_ENOTSUP, "ELF: e_machine %u, expected 62 (x86_64)",
			       ld_le16(img + E_MACHINE));
	if (ld_le16(img + E_EHSIZE) != ELF_EHDR_SIZE)
		return pp_fail(err, PP_EINVAL, "ELF: e_ehsize %u, expected 64",
			       ld_le16(img + E_EHSIZE));
	if (ld_le16(img + E_PHENTSIZE) != ELF_PHDR_SIZE)
		return pp_fail(err, PP_EINVAL, "ELF: e_phentsize %u, expected 56",
			       ld_le16(img + E_PHENTSIZE));
	u16 phnum = ld_le16(img + E_PHNUM);
	u64 phoff = ld_le64(img + E_PHOFF);
	if (phnum == 0 || phnum > ELF_MAX_PHNUM)
		return pp_fail(err, PP_ERANGE, "ELF: e_phnum %u outside [1, %u]", phnum,
			       ELF_MAX_PHNUM);
	if (!pp_span_ok(phoff, (u64)phnum * ELF_PHDR_SIZE, len))
		return pp_fail(err, PP_ETRUNC,
			       "ELF: program headers at 0x%llx (%u x 56) beyond file size 0x%llx",
			       (unsigned long long)phoff, phnum, (unsigned long long)len);
	return PP_OK;
}

/* Validate one PT_LOAD (index i) and append it to im. */
static int check_load(const u8 *img, u64 len, const u8 *ph, u32 i, const struct elf_policy *pol,
		      struct elf_image *im, struct pp_err *err)
{
	struct elf_segment s = {
	    .offset = ld_le64(ph + P_OFFSET),
	    .filesz = ld_le64(ph + P_FILESZ),
	    .paddr = ld_le64(ph + P_PADDR),
	    .memsz = ld_le64(ph + P_MEMSZ),
	    .flags = ld_le32(ph + P_FLAGS),
	    .phdr_index = i,
	};
	u64 vaddr = ld_le64(ph + P_VADDR), end;
	(void)img;

	if (s.filesz > s.memsz)
		return pp_fail(err, PP_EINVAL,
			       "ELF: program header %u filesz 0x%llx > memsz 0x%llx", i,
			       (unsigned long long)s.filesz, (unsigned long long)s.memsz);
	if (!pp_span_ok(s.offset, s.filesz, len))
		return pp_fail(
		    err, PP_ETRUNC,
		    "ELF: program header %u offset 0x%llx + 0x%llx beyond file size 0x%llx", i,
		    (unsigned long long)s.offset, (unsigned long long)s.filesz,
		    (unsigned long long)len);
	if (s.memsz == 0)
		return PP_OK; /* empty segment: nothing to load */
	if (!pp_add_ok(s.paddr, s.memsz, &end))
		return pp_fail(err, PP_ERANGE, "ELF: program header %u paddr 0x%llx + 0x%llx wraps",
			       i, (unsigned long long)s.paddr, (unsigned long long)s.memsz);
	if (vaddr != s.paddr)
		return pp_fail(
		    err, PP_ENOTSUP,
		    "ELF: program header %u vaddr 0x%llx != paddr 0x%llx (must be identity-linked)",
		    i, (unsigned long long)vaddr, (unsigned long long)s.paddr);
	if (s.paddr < pol->win_lo || end > pol->win_hi)
		return pp_fail(err, PP_ERANGE,
			       "ELF: program header %u [0x%llx, 0x%llx) outside the load window "
			       "[0x%llx, 0x%llx)",
			       i, (unsigned long long)s.paddr, (unsigned long long)end,
			       (unsigned long long)pol->win_lo, (unsigned long long)pol->win_hi);
	for (u32 k = 0; k < im->nseg; k++) {
		const struct elf_segment *o = &im->seg[k];
		if (span_overlap(s.paddr, end, o->paddr, o->paddr + o->memsz))
			return pp_fail(
			    err, PP_EOVERLAP,
			    "ELF: program header %u [0x%llx, 0x%llx) overlaps program header %u", i,
			    (unsigned long long)s.paddr, (unsigned long long)end, o->phdr_index);
	}
	if (im->nseg == ELF_MAX_LOAD)
		return pp_fail(err, PP_ENOMEM, "ELF: more than %u PT_LOAD segments", ELF_MAX_LOAD);
	/* Page-rounded: the loaded pages, not only the bytes, must be free. */
	u64 lo = PP_ALIGN_DOWN(s.paddr, PP_PAGE_SIZE);
	u64 hi =
	    end > UINT64_MAX - (PP_PAGE_SIZE - 1) ? UINT64_MAX : PP_ALIGN_UP(end, PP_PAGE_SIZE);
	int rc = check_forbidden(pol, lo, hi, (int)i, err);
	if (rc)
		return rc;
	im->seg[im->nseg++] = s;
	return PP_OK;
}

int elf_check(const u8 *img, u64 len, const struct elf_policy *pol, struct elf_image *out,
	      struct pp_err *err)
{
	struct elf_image im;
	int rc = check_header(img, len, err);
	if (rc)
		return rc;
	memset(&im, 0, sizeof(im));
	im.entry = ld_le64(img + E_ENTRY);
	u16 phnum = ld_le16(img + E_PHNUM);
	u64 phoff = ld_le64(img + E_PHOFF);

	for (u32 i = 0; i < phnum; i++) {
		const u8 *ph = img + phoff + (u64)i * ELF_PHDR_SIZE;
		u32 type = ld_le32(ph + P_TYPE);
		if (type == ELF_PT_INTERP || type == ELF_PT_DYNAMIC)
			return pp_fail(err, PP_ENOTSUP,
				       "ELF: program header %u is %s: dynamic images are refused",
				       i, type == ELF_PT_INTERP ? "PT_INTERP" : "PT_DYNAMIC");
		if (type != ELF_PT_LOAD)
			continue;
		rc = check_load(img, len, ph, i, pol, &im, err);
		if (rc)
			return rc;
	}
	if (im.nseg == 0)
		return pp_fail(err, PP_ENOENT, "ELF: no non-empty PT_LOAD segment");

	u64 lo = UINT64_MAX, hi = 0;
	bool entry_ok = false;
	for (u32 k = 0; k < im.nseg; k++) {
		const struct elf_segment *s = &im.seg[k];
		lo = PP_MIN(lo, s->paddr);
		hi = PP_MAX(hi, s->paddr + s->memsz);
		if ((s->flags & ELF_PF_X) && im.entry >= s->paddr && im.entry - s->paddr < s->memsz)
			entry_ok = true;
	}
	if (!entry_ok)
		return pp_fail(err, PP_ERANGE,
			       "ELF: entry 0x%llx not inside an executable PT_LOAD segment",
			       (unsigned long long)im.entry);
	im.span_base = PP_ALIGN_DOWN(lo, PP_PAGE_SIZE);
	if (hi > UINT64_MAX - (PP_PAGE_SIZE - 1))
		return pp_fail(err, PP_ERANGE, "ELF: load span end 0x%llx cannot be page-rounded",
			       (unsigned long long)hi);
	hi = PP_ALIGN_UP(hi, PP_PAGE_SIZE);
	if (im.span_base < pol->win_lo || hi > pol->win_hi)
		return pp_fail(err, PP_ERANGE,
			       "ELF: page-rounded load span [0x%llx, 0x%llx) outside the load "
			       "window [0x%llx, 0x%llx)",
			       (unsigned long long)im.span_base, (unsigned long long)hi,
			       (unsigned long long)pol->win_lo, (unsigned long long)pol->win_hi);
	im.span_size = hi - im.span_base;
	rc = check_forbidden(pol, im.span_base, hi, -1, err);
	if (rc)
		return rc;
	*out = im;
	return PP_OK;
}

int elf_load(const u8 *img, u64 len, const struct elf_image *im, elf_dest_fn dest, void *ctx,
	     struct pp_err *err)
{
	for (u32 k = 0; k < im->nseg; k++) {
		const struct elf_segment *s = &im->seg[k];
		if (s->filesz > s->memsz || !pp_span_ok(s->offset, s->filesz, len))
			return pp_fail(err, PP_EINVAL, "ELF: segment %u changed after validation",
				       k);
		u8 *d = dest(ctx, s->paddr, s->memsz);
		if (!d)
			return pp_fail(
			    err, PP_ERANGE,
			    "ELF: no writable memory for program header %u at 0x%llx (+0x%llx)",
			    s->phdr_index, (unsigned long long)s->paddr,
			    (unsigned long long)s->memsz);
		memcpy(d, img + s->offset, (size_t)s->filesz);
		memset(d + s->filesz, 0, (size_t)(s->memsz - s->filesz));
	}
	return PP_OK;
}
