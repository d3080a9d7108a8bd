// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: loading a Linux partition (hypervisor/core/linux/load.c)
 * from any kernel bytes, any command-line module and hypervisor arguments,
 * any initramfs, RAM and host-RAM sizes, entry and vCPUs. The input is a
 * 19-byte prefix, then the module's bytes, the arguments' bytes, and the
 * image (the rest):
 *
 *   0       flags: bit 0 a command-line module, bit 1 hypervisor arguments,
 *           bit 2 an initramfs, bit 3 the host backs only part of the RAM,
 *           bit 4 the entry from bytes 8..11 (else the one the layout
 *           predicts), bit 5 vCPUs from bytes 14..18 (else one, APIC ID 0),
 *           bit 6 a RAM size 4 KiB off a 2 MiB multiple, bit 7 a device's
 *           PCI view (six BARs: type from bytes 1..6 bits 1:0, size 4 KiB
 *           << bits 4:2, at 0xC0000000 + i MiB + bits 7:6 pages, so
 *           some overlap)
 *   1..2    RAM size in 2 MiB units
 *   3..4    module length          5  arguments length (NULs end them early)
 *   6..7    initramfs length in 16-byte units (up to 1 MiB)
 *   8..11   entry                  12..13  host RAM in 64 KiB units
 *   14      vCPUs - 1 (mod 4)      15..18  their APIC IDs
 *
 * The fake RAM hands out, for each request, a fresh host buffer of exactly
 * the requested size (so ASan catches a write past what was granted),
 * filled with a poison byte; it aborts on a request outside [0, RAM size)
 * or of 0 bytes, and refuses (NULL) what lies above the host's part.
 * Invariants: granted ranges never overlap one another; a refusal carries
 * a negative code and a message (never the command line's bytes when the
 * module is printable), leaves the register state untouched and,
 * unless the callback refused a range, leaves every granted buffer
 * unwritten (load.h: every check runs before the first write); a success
 * gives RIP = the entry = load + 0x200 inside the RAM and identity-mapped
 * by the written tables, RSI = the zero page 0x7000, RSP and CR3 from the
 * layout, IF clear, long mode, CS 0x10 and DS 0x18; the kernel's code and
 * the initramfs are copied byte for byte, disjoint; the command line is
 * the module without its trailing blanks, " ", the arguments and a NUL,
 * no longer than cmdline_size, and the module was printable ASCII; the
 * zero page points at the command line, the initramfs and the RSDP
 * ("RSD PTR " at 0xE0000), its e820 map ends at the RAM's end; the DSDT
 * holds \_SB.PCI0 exactly when there is a device view.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include "hypervisor/core/linux/load.h"
#include "tests/unit/boot_state_eq.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define PREFIX 19u
#define POISON 0xA5u
#define MAX_GRANTS 32u
#define MB (1ull << 20)

struct grant {
	u64 gpa, len;
	u8 *p;
};

struct fake_ram {
	u64 ram_size; /* the policy's: nothing is asked for beyond it */
	u64 host;     /* the callback refuses what ends above it */
	u32 n, refused;
	struct grant g[MAX_GRANTS];
};

static u8 *ram_ptr(void *ctx, u64 g, u64 len)
{
	struct fake_ram *r = ctx;
	if (!len || g >= r->ram_size || len > r->ram_size - g || r->n == MAX_GRANTS)
		abort(); /* load.c asked for memory outside the partition's RAM */
	if (g >= r->host || len > r->host - g) {
		r->refused++;
		return NULL;
	}
	for (u32 i = 0; i < r->n; i++)
		if (g < r->g[i].gpa + r->g[i].len && r->g[i].gpa < g + len)
			abort(); /* two pieces of the layout on one another */
	u8 *p = malloc((size_t)len);
	if (!p)
		abort();
	memset(p, POISON, (size_t)len);
	r->g[r->n++] = (struct grant){g, len, p};
	return p;
}

static void ram_free(struct fake_ram *r)
{
	for (u32 i = 0; i < r->n; i++)
		free(r->g[i].p);
}

/* Host bytes of [g, g + len) inside one granted buffer, or abort. */
static const u8 *at(const struct fake_ram *r, u64 g, u64 len)
{
	for (u32 i = 0; i < r->n; i++)
		if (g >= r->g[i].gpa && len <= r->g[i].len && g - r->g[i].gpa <= r->g[i].len - len)
			return r->g[i].p + (g - r->g[i].gpa);
	abort();
}

/* The guest's own walk (APM vol. 2, 5.3) through the written tables. */
static void identity(const struct fake_ram *r, u64 cr3, u64 g)
{
	u64 e = ld_le64(at(r, cr3 + 8 * ((g >> 39) & 511), 8));
	if ((e & 3) != 3)
		abort();
	e = ld_le64(at(r, (e & ~0xfffull) + 8 * ((g >> 30) & 511), 8));
	if ((e & 3) != 3 || (e & 0x80))
		abort();
	e = ld_le64(at(r, (e & ~0xfffull) + 8 * ((g >> 21) & 511), 8));
	if (e != ((g & ~(LNX_LARGE_PAGE - 1)) | 0x83))
		abort();
}

static bool blank(u8 c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The module without its trailing blanks is printable ASCII. */
static bool printable(const u8 *s, u64 len)
{
	while (len && blank(s[len - 1]))
		len--;
	for (u64 i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

static void check_success(const struct lnx_load_in *in, const struct fake_ram *r,
			  const struct lnx_load_out *o, const struct part_boot_state *st)
{
	const struct lnx_layout *l = &o->l;
	if (r->refused)
		abort();
	/* the register state */
	if (st->rip != in->entry || st->rip != l->kernel_load + LNX_ENTRY64_OFF ||
	    st->rip >= in->ram_size || st->rsi != LNX_ZP_GPA || st->rsp != LNX_STACK_TOP ||
	    st->cr3 != LNX_PML4_GPA || (st->rflags & (1u << 9)) || !(st->cr0 & PART_CR0_PG) ||
	    !(st->cr0 & PART_CR0_PE) || !(st->cr4 & PART_CR4_PAE) || !(st->efer & PART_EFER_LMA) ||
	    !(st->efer & PART_EFER_SVME) || st->cs.sel != LNX_SEL_CS || st->ds.sel != LNX_SEL_DS ||
	    st->ss.sel != LNX_SEL_DS || st->gdtr.base != LNX_GDT_GPA)
		abort();
	identity(r, st->cr3, st->rip);
	identity(r, st->cr3, st->rsi);
	identity(r, st->cr3, st->rsp - 8);
	identity(r, st->cr3, l->cmdline);
	/* the kernel and the initramfs, byte for byte, inside the RAM */
	if (l->kernel_load < LNX_LOW_LIMIT || l->kernel_end > in->ram_size ||
	    memcmp(at(r, l->kernel_load, l->kernel_len), in->kernel + l->kernel_off,
		   (size_t)l->kernel_len) != 0)
		abort();
	if (in->initrd_len &&
	    (memcmp(at(r, l->initrd, in->initrd_len), in->initrd, (size_t)in->initrd_len) != 0 ||
	     l->initrd + in->initrd_len > in->ram_size ||
	     (l->initrd < l->kernel_end && l->kernel_load < l->initrd + in->initrd_len)))
		abort();
	/* the command line, composed again here */
	u64 clen = in->cmdline_len, xlen = in->extra ? strlen(in->extra) : 0;
	if (!printable(in->cmdline, clen))
		abort();
	while (clen && blank(in->cmdline[clen - 1]))
		clen--;
	u64 want = clen + (clen && xlen ? 1 : 0) + xlen;
	if (o->cmdline_len != want || want > o->bz.cmdline_size || xlen > LNX_EXTRA_MAX)
		abort();
	const u8 *c = at(r, l->cmdline, want + 1);
	if ((clen && memcmp(c, in->cmdline, (size_t)clen) != 0) ||
	    (clen && xlen && c[clen] != ' ') ||
	    (xlen && memcmp(c + want - xlen, in->extra, (size_t)xlen) != 0) || c[want])
		abort();
	/* the zero page and the RSDP */
	const u8 *zp = at(r, LNX_ZP_GPA, LNX_ZP_SIZE);
	u32 n = zp[LNX_ZP_OFF(e820_entries)];
	if (zp[LNX_ZP_OFF(hdr.type_of_loader)] != LNX_TYPE_OF_LOADER_UNDEF ||
	    ld_le32(zp + LNX_ZP_OFF(hdr.cmd_line_ptr)) != l->cmdline ||
	    ld_le32(zp + LNX_ZP_OFF(hdr.ramdisk_image)) != (in->initrd_len ? l->initrd : 0) ||
	    ld_le32(zp + LNX_ZP_OFF(hdr.ramdisk_size)) != in->initrd_len ||
	    ld_le64(zp + LNX_ZP_OFF(acpi_rsdp_addr)) != LNX_ACPI_GPA || n < 3 || n > 4)
		abort();
	const u8 *last = zp + LNX_ZP_OFF(e820_table) + 20 * (size_t)(n - 1);
	if (ld_le64(last) + ld_le64(last + 8) != in->ram_size)
		abort();
	if (memcmp(at(r, LNX_ACPI_GPA, 8), "RSD PTR ", 8) != 0)
		abort();
}

/* 1 MiB of initramfs bytes, not all alike (a copy from a wrong offset shows). */
static const u8 *pattern(void)
{
	static u8 p[0xFFFF * 16];
	static bool done;
	if (!done)
		for (u32 i = 0; i < sizeof(p); i++)
			p[i] = (u8)(i * 13 + i / 251 + 1);
	done = true;
	return p;
}

/* A copy of exactly n bytes (ASan sees a read past them); NULL when n is 0. */
static u8 *exact(const u8 *src, size_t n)
{
	if (!n)
		return NULL;
	u8 *p = malloc(n);
	if (!p)
		abort();
	memcpy(p, src, n);
	return p;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size < PREFIX)
		return 0;
	const u8 f = data[0];
	const u8 *rest = data + PREFIX;
	size_t left = size - PREFIX;
	size_t clen = f & 1 ? PP_MIN((size_t)ld_le16(data + 3), left) : 0;
	const u8 *cmd = rest;
	rest += clen, left -= clen;
	size_t xlen = f & 2 ? PP_MIN((size_t)data[5], left) : 0;
	const u8 *xb = rest;
	rest += xlen, left -= xlen;

	u8 *cmdline = exact(cmd, clen), *kernel = exact(rest, left), *initrd = NULL;
	char *extra = NULL;
	if (f & 2) {
		extra = malloc(xlen + 1);
		if (!extra)
			abort();
		memcpy(extra, xb, xlen);
		extra[xlen] = 0;
	}
	u64 ilen = f & 4 ? (u64)ld_le16(data + 6) * 16 : 0;
	if (ilen) {
		initrd = malloc((size_t)ilen);
		if (!initrd)
			abort();
		memcpy(initrd, pattern(), (size_t)ilen);
	}
	u32 apic[4] = {0};
	u32 cpus = 1;
	if (f & 0x20) {
		cpus = 1 + data[14] % 4;
		for (u32 i = 0; i < 4; i++)
			apic[i] = data[15 + i];
	}
	struct lnx_load_in in = {
	    .kernel = kernel,
	    .kernel_len = left,
	    .initrd = initrd,
	    .initrd_len = ilen,
	    .cmdline = cmdline,
	    .cmdline_len = clen,
	    .extra = extra,
	    .ram_size = (u64)ld_le16(data + 1) * LNX_LARGE_PAGE + (f & 0x40 ? PP_PAGE_SIZE : 0),
	    .entry = ld_le32(data + 8),
	    .cpu_count = cpus,
	    .apic_ids = apic,
	};
	if (!(f & 0x10)) {
		/* the entry the layout predicts, so that most loads can succeed */
		struct lnx_bzimage b;
		struct lnx_layout l;
		struct pp_err e;
		struct lnx_layout_req q = {.ram_size = in.ram_size, .initrd_size = ilen};
		if (!lnx_bzimage_parse(kernel, left, &b, &e) && !lnx_layout_plan(&b, &q, &l, &e))
			in.entry = l.rip;
	}
	struct fake_ram r = {.ram_size = in.ram_size, .host = in.ram_size};
	if (f & 8)
		r.host = PP_MIN(in.ram_size, (u64)ld_le16(data + 12) << 16);

	struct vpci_cfg view;
	if (f & 0x80) {
		memset(&view, 0, sizeof(view));
		for (u32 b = 0; b < VPCI_BARS; b++)
			view.bar[b] =
			    (struct vpci_bar_cfg){.type = (u8)(data[1 + b] & 3),
						  .prefetch = (data[1 + b] & 0x20) != 0,
						  .size = 0x1000ull << ((data[1 + b] >> 2) & 7),
						  .addr = 0xC0000000ull + ((u64)b << 20) +
							  ((u64)(data[1 + b] >> 6) << 12)};
		in.pci = &view;
	}
	struct lnx_load_out out;
	struct part_boot_state st, before;
	struct pp_err err = {0};
	memset(&st, 0x5A, sizeof(st));
	before = st;
	int rc = lnx_load(&in, ram_ptr, &r, &out, &st, &err);
	if (rc) {
		if (rc >= 0 || err.code != rc || !err.msg[0] || !boot_state_eq(&st, &before))
			abort();
		/* a printable module is never refused for its bytes */
		if (printable(cmdline, clen) && !strncmp(err.msg, "command line: byte", 18))
			abort();
		/* nothing written unless the callback refused a range mid-way */
		if (!r.refused)
			for (u32 i = 0; i < r.n; i++)
				for (u64 j = 0; j < r.g[i].len; j++)
					if (r.g[i].p[j] != POISON)
						abort();
	} else {
		check_success(&in, &r, &out, &st);
		const u64 dsdt = gpa_val(out.acpi.dsdt);
		const u32 dlen = ld_le32(at(&r, dsdt, 8) + 4);
		if (dlen < 36 ||
		    (memmem(at(&r, dsdt, dlen), dlen, "PCI0", 4) != NULL) != !!(f & 0x80))
			abort();
	}
	ram_free(&r);
	free(cmdline);
	free(kernel);
	free(initrd);
	free(extra);
	return 0;
}
