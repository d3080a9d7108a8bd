// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a Linux partition's boot protocol (hypervisor/core/
 * linux/: bzimage.c, layout.c, zeropage.c) on any bytes and sizes. The
 * input is a 13-byte prefix, then the image:
 *
 *   0      mode: bit 0 also feeds the image's bytes to lnx_e820_build as
 *          up to 32 ranges (gpa and size in 4 KiB units, kind);
 *          bit 1 makes the RAM size 4 KiB off a 2 MiB multiple
 *   1..2   RAM size in 2 MiB units
 *   3..4   command-line length
 *   5..8   initrd size in bytes
 *   9..12  event-log size in bytes
 *
 * Invariants: a refusal carries a negative code and a message and leaves
 * the output untouched; an accepted image lies inside the file and keeps
 * the header's promises; an accepted layout puts the kernel at an aligned
 * address >= pref_address with init_size room below the event logs, the
 * initrd page-aligned below 2 GiB, initrd_addr_max and the event logs and
 * outside the kernel, the command line in its room; its e820 description
 * always builds, its zero page always builds with the image's header and
 * the loader's fields, and its tables, written into the low 1 MiB only,
 * identity-map the zero page, the command line, the kernel and the initrd.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include "hypervisor/core/linux/bzimage.h"
#include "hypervisor/core/linux/layout.h"
#include "hypervisor/core/linux/zeropage.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define PREFIX 13u
#define MB (1ull << 20)
#define LOW (1ull << 20)

static u8 low[LOW]; /* the guest's first MiB: GDT, stack, tables */
static u8 zp[LNX_ZP_SIZE];

static void refused(int rc, const struct pp_err *err)
{
	if (rc >= 0 || err->code != rc || !err->msg[0])
		abort();
}

static u8 *low_ptr(void *ctx, u64 g, u64 len)
{
	(void)ctx;
	if (!len || g >= LOW || len > LOW - g)
		abort(); /* the tables stay inside the first MiB */
	return low + g;
}

/* The guest's own 4-level walk of the written tables: g maps to itself. */
static void walk(u64 cr3, u64 g)
{
	u64 e = ld_le64(low + cr3 + 8 * ((g >> 39) & 511));
	if (!(e & 1) || (e & ~0xfffull) >= LOW)
		abort();
	e = ld_le64(low + (e & ~0xfffull) + 8 * ((g >> 30) & 511));
	if (!(e & 1) || (e & 0x80) || (e & ~0xfffull) >= LOW)
		abort();
	e = ld_le64(low + (e & ~0xfffull) + 8 * ((g >> 21) & 511));
	if (e != ((g & ~(LNX_LARGE_PAGE - 1)) | 0x83))
		abort();
}

static void check_image(const struct lnx_bzimage *b, u64 len)
{
	if (b->version < LNX_MIN_VERSION || b->hdr_end > LNX_HDR_END_MAX || b->hdr_end > len ||
	    b->kernel_off + b->kernel_len > len || !b->kernel_len ||
	    b->kernel_off != ((u64)b->setup_sects + 1) * 512 || !b->setup_sects ||
	    !(b->xloadflags & LNX_XLF_KERNEL_64) || !(b->loadflags & LNX_LOADED_HIGH) ||
	    b->kernel_alignment < LNX_ALIGN_MIN || b->kernel_alignment > LNX_ALIGN_MAX ||
	    (b->kernel_alignment & (b->kernel_alignment - 1)) || b->init_size < b->kernel_len ||
	    !b->cmdline_size || b->pref_address + b->init_size > LNX_GPA_LIMIT)
		abort();
}

static void check_layout(const struct lnx_bzimage *b, const struct lnx_layout_req *q,
			 const struct lnx_layout *l)
{
	if (l->kernel_load % b->kernel_alignment || l->kernel_load < b->pref_address ||
	    l->kernel_load < LOW || l->kernel_end != l->kernel_load + b->init_size ||
	    l->kernel_end > l->evlog || l->evlog + l->evlog_size != q->ram_size ||
	    l->evlog_size < q->evlog_size || l->rip != l->kernel_load + LNX_ENTRY64_OFF ||
	    l->rsi != l->zero_page || l->map_end != q->ram_size ||
	    q->cmdline_len >= l->cmdline_max || l->cmdline_max > b->cmdline_size + 1ull ||
	    l->cmdline + l->cmdline_max > LNX_LOW_RAM_END)
		abort();
	if (q->initrd_size) {
		u64 end = l->initrd + l->initrd_size;
		if (l->initrd_size != q->initrd_size || l->initrd % PP_PAGE_SIZE ||
		    l->initrd < LOW || end > l->evlog || end > LNX_INITRD_LIMIT ||
		    end > b->initrd_addr_max + 1ull ||
		    (l->initrd < l->kernel_end && l->kernel_load < end))
			abort();
	} else if (l->initrd || l->initrd_size) {
		abort();
	}
}

static void check_zeropage(const u8 *img, const struct lnx_bzimage *b, const struct lnx_layout *l,
			   u32 n820)
{
	/* the image's own header fields, and the loader's */
	if (ld_le16(zp + LNX_HOFF(version)) != b->version ||
	    ld_le32(zp + LNX_HOFF(kernel_alignment)) != ld_le32(img + LNX_HOFF(kernel_alignment)) ||
	    ld_le32(zp + LNX_HOFF(init_size)) != b->init_size ||
	    zp[LNX_ZP_OFF(hdr.type_of_loader)] != LNX_TYPE_OF_LOADER_UNDEF ||
	    zp[LNX_ZP_OFF(hdr.loadflags)] != LNX_LOADED_HIGH ||
	    ld_le32(zp + LNX_ZP_OFF(hdr.heap_end_ptr)) != 0 ||
	    ld_le64(zp + LNX_ZP_OFF(hdr.setup_data)) != 0 ||
	    ld_le32(zp + LNX_ZP_OFF(hdr.cmd_line_ptr)) != l->cmdline ||
	    ld_le32(zp + LNX_ZP_OFF(hdr.ramdisk_image)) != (u32)l->initrd ||
	    ld_le32(zp + LNX_ZP_OFF(hdr.ramdisk_size)) != (u32)l->initrd_size ||
	    ld_le64(zp + LNX_ZP_OFF(acpi_rsdp_addr)) != l->acpi ||
	    zp[LNX_ZP_OFF(e820_entries)] != n820 || ld_le64(zp + LNX_ZP_OFF(e820_table)) != 0)
		abort();
	for (u32 i = b->hdr_end; i < LNX_ZP_OFF(e820_table); i++)
		if (zp[i])
			abort(); /* nothing of the image past its header */
}

static void layout(const u8 *img, u64 len, const struct lnx_bzimage *b,
		   const struct lnx_layout_req *q)
{
	struct lnx_layout l, before;
	struct pp_err err;
	memset(&l, 0x5A, sizeof(l));
	before = l;
	int rc = lnx_layout_plan(b, q, &l, &err);
	if (rc) {
		refused(rc, &err);
		if (l.rip != before.rip || l.kernel_load != before.kernel_load ||
		    l.initrd != before.initrd || l.nmem != before.nmem)
			abort();
		return;
	}
	check_layout(b, q, &l);

	struct lnx_e820 e820[LNX_E820_MAX];
	u32 n820 = 0;
	if (lnx_e820_build(l.mem, l.nmem, e820, &n820, &err) || n820 != l.nmem)
		abort(); /* a planned layout always describes itself */
	struct lnx_zp_args za = {.cmdline_gpa = l.cmdline,
				 .initrd_gpa = l.initrd,
				 .initrd_size = l.initrd_size,
				 .rsdp_gpa = l.acpi,
				 .e820 = e820,
				 .n_e820 = n820};
	if (lnx_zeropage_build(zp, img, len, b, &za, &err))
		abort();
	check_zeropage(img, b, &l, n820);

	if (lnx_layout_write_tables(&l, low_ptr, NULL, &err))
		abort();
	walk(l.cr3, l.zero_page);
	walk(l.cr3, l.cmdline);
	walk(l.cr3, l.kernel_load);
	walk(l.cr3, l.kernel_end - 1);
	if (l.initrd_size)
		walk(l.cr3, l.initrd + l.initrd_size - 1);
	walk(l.cr3, q->ram_size - 1);
}

/* lnx_e820_build on ranges from the input. */
static void e820(const u8 *d, size_t n)
{
	struct lnx_mem_range r[LNX_MEM_MAX];
	struct lnx_e820 out[LNX_E820_MAX];
	u32 k = 0, nout = 777, want = 0;
	for (; k < LNX_MEM_MAX && n >= 9; k++, d += 9, n -= 9) {
		r[k].gpa = (u64)ld_le32(d) * PP_PAGE_SIZE;
		r[k].size = (u64)ld_le32(d + 4) * PP_PAGE_SIZE;
		r[k].kind = d[8] % 6;
		want += r[k].kind != LNX_MEM_MMIO;
	}
	struct pp_err err;
	memset(out, 0x5A, sizeof(out));
	int rc = lnx_e820_build(r, k, out, &nout, &err);
	if (rc) {
		refused(rc, &err);
		if (nout != 777 || out[0].addr != 0x5A5A5A5A5A5A5A5Aull)
			abort();
		return;
	}
	bool low_ram = false;
	if (nout != want)
		abort();
	for (u32 i = 0; i < nout; i++) {
		if (!out[i].size ||
		    (out[i].type != LNX_E820_RAM && out[i].type != LNX_E820_RESERVED))
			abort();
		if (i && out[i - 1].addr + out[i - 1].size > out[i].addr)
			abort();
		low_ram |= out[i].type == LNX_E820_RAM && out[i].addr < LOW;
	}
	if (!low_ram)
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size < PREFIX)
		return 0;
	const u8 *img = data + PREFIX;
	u64 len = size - PREFIX;
	struct lnx_layout_req q = {
	    .ram_size = (u64)ld_le16(data + 1) * LNX_LARGE_PAGE + (data[0] & 2 ? PP_PAGE_SIZE : 0),
	    .cmdline_len = ld_le16(data + 3),
	    .initrd_size = ld_le32(data + 5),
	    .evlog_size = ld_le32(data + 9),
	};
	if (data[0] & 1)
		e820(img, len);

	struct lnx_bzimage b;
	struct pp_err err;
	memset(&b, 0x5A, sizeof(b));
	int rc = lnx_bzimage_parse(img, len, &b, &err);
	if (rc) {
		refused(rc, &err);
		if (b.version != 0x5A5A)
			abort();
		return 0;
	}
	check_image(&b, len);
	layout(img, len, &b, &q);
	return 0;
}
