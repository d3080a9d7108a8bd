// SPDX-License-Identifier: GPL-2.0-only
/* A Linux partition's RAM and first register state (load.h). */
#include <parapet/string.h>
#include "hypervisor/core/linux/load.h"

#define LNX_ENTRY64_OFF 0x200u /* boot.rst: the 64-bit entry, load address + 0x200 */

/* The boot GDT's descriptors as layout.c writes them (APM vol. 2, 4.8.1
 * code, 4.8.2 data): their VMCB attributes are bits 47:40 and 55:52. */
#define LNX_ATTR_CODE64 0xa9bu /* P, DPL 0, S, type 0xb (execute/read, accessed); G, L */
#define LNX_ATTR_DATA 0xc93u   /* P, DPL 0, S, type 0x3 (read/write, accessed); G, D/B */
#define LNX_ATTR_TSS 0x8bu     /* P, busy 64-bit TSS: never used, Linux loads its own */

static bool blank(u8 c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The command line module: printable ASCII after trailing blanks are
 * dropped (an editor's newline); returns its useful length or an error. */
static int check_cmdline(const u8 *s, u64 len, u64 *out, struct pp_err *err)
{
	while (len && blank(s[len - 1]))
		len--;
	for (u64 i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return pp_fail(err, PP_EINVAL,
				       "command line: byte %llu is 0x%02x, not printable ASCII",
				       (unsigned long long)i, s[i]);
	*out = len;
	return PP_OK;
}

static struct part_seg seg(u16 sel, u16 attrib)
{
	return (struct part_seg){.sel = sel, .attrib = attrib, .limit = 0xffffffffu};
}

static void fill_state(const struct lnx_layout *l, struct part_boot_state *st)
{
	memset(st, 0, sizeof(*st));
	st->rip = l->rip;
	st->rsp = l->rsp;
	st->rsi = l->rsi;
	st->rflags = 0x2; /* bit 1 reserved as 1; IF clear (boot.rst) */
	st->cr0 = PART_CR0_PE | PART_CR0_ET | PART_CR0_NE | PART_CR0_PG;
	st->cr3 = l->cr3;
	st->cr4 = PART_CR4_PAE;
	st->efer = PART_EFER_LME | PART_EFER_LMA | PART_EFER_SVME;
	st->dr6 = 0xffff0ff0ull; /* power-on values (APM vol. 2, 13.1) */
	st->dr7 = 0x400ull;
	st->g_pat = 0x0007040600070406ull; /* power-on PAT (APM vol. 2, 7.8.2) */
	st->cs = seg(LNX_SEL_CS, LNX_ATTR_CODE64);
	st->ds = st->es = st->ss = seg(LNX_SEL_DS, LNX_ATTR_DATA);
	st->fs = st->gs = seg(LNX_SEL_DS, LNX_ATTR_DATA);
	st->gdtr = (struct part_seg){.limit = LNX_GDT_LIMIT, .base = l->gdt};
	st->tr = (struct part_seg){.attrib = LNX_ATTR_TSS, .limit = 0x67u};
}

static int put(lnx_gpa_ptr_fn ptr, void *ctx, u64 gpa, const void *src, u64 len, const char *what,
	       struct pp_err *err)
{
	if (!len)
		return PP_OK;
	u8 *d = ptr(ctx, gpa, len);
	if (!d)
		return pp_fail(err, PP_ERANGE,
			       "%s: [0x%llx, +0x%llx) is not in the partition's RAM", what,
			       (unsigned long long)gpa, (unsigned long long)len);
	memcpy(d, src, (size_t)len);
	return PP_OK;
}

int lnx_pci_windows(const struct vpci_cfg *cfg, struct vacpi_pci *out, struct pp_err *err)
{
	memset(out, 0, sizeof(*out));
	for (u32 b = 0; b < VPCI_BARS; b++) {
		const struct vpci_bar_cfg *bar = &cfg->bar[b];
		if (bar->type == VPCI_BAR_NONE)
			continue;
		if (bar->type == VPCI_BAR_IO)
			return pp_fail(
			    err, PP_ENOTSUP,
			    "pci: BAR%u is an I/O BAR: the root bridge has no I/O window "
			    "(planned)",
			    b);
		if (bar->type != VPCI_BAR_MEM32 && bar->type != VPCI_BAR_MEM64)
			return pp_fail(err, PP_EINVAL, "pci: BAR%u has type %u", b, bar->type);
		out->win[out->nwin++] = (struct vacpi_pci_win){
		    .base = bar->addr, .size = bar->size, .prefetch = bar->prefetch};
		if (bar->type == VPCI_BAR_MEM64)
			b++; /* its upper half (PCI 3.0 6.2.5.1) */
	}
	return PP_OK;
}

int lnx_load(const struct lnx_load_in *in, lnx_gpa_ptr_fn ptr, void *ctx, struct lnx_load_out *out,
	     struct part_boot_state *st, struct pp_err *err)
{
	struct lnx_e820 e820[LNX_E820_MAX];
	u64 clen = 0, xlen = in->extra ? strlen(in->extra) : 0;
	u32 ne = 0;
	if (in->evlog_len > in->evlog_size || (in->evlog_len && !in->tpm))
		return pp_fail(err, PP_EINVAL, "event log: %u bytes in a %llu-byte area%s",
			       in->evlog_len, (unsigned long long)in->evlog_size,
			       in->tpm ? "" : " without a TPM");
	int rc = lnx_bzimage_parse(in->kernel, in->kernel_len, &out->bz, err);
	if (rc)
		return rc;
	if (in->cmdline_len && (rc = check_cmdline(in->cmdline, in->cmdline_len, &clen, err)))
		return rc;
	if (xlen > LNX_EXTRA_MAX)
		return pp_fail(err, PP_ERANGE, "command line: %llu bytes of hypervisor arguments",
			       (unsigned long long)xlen);
	out->cmdline_len = clen + (clen && xlen ? 1 : 0) + xlen;
	if (out->cmdline_len > out->bz.cmdline_size)
		return pp_fail(err, PP_ERANGE,
			       "command line: %llu bytes (%llu of the module), the kernel takes at "
			       "most %u (cmdline_size)",
			       (unsigned long long)out->cmdline_len, (unsigned long long)clen,
			       out->bz.cmdline_size);
	const struct lnx_layout_req req = {.ram_size = in->ram_size,
					   .cmdline_len = out->cmdline_len,
					   .initrd_size = in->initrd_len,
					   .evlog_size = in->evlog_size};
	rc = lnx_layout_plan(&out->bz, &req, &out->l, err);
	if (rc)
		return rc;
	const struct lnx_layout *l = &out->l;
	/* the 64-bit entry is at +0x200 of the protected-mode code (boot.rst,
	 * "64-bit Boot Protocol"): it must be among the measured bytes loaded,
	 * not the zeroed RAM after them */
	if (l->kernel_len <= LNX_ENTRY64_OFF)
		return pp_fail(
		    err, PP_EINVAL,
		    "kernel: its protected-mode code (%llu bytes) ends before the 64-bit "
		    "entry at +0x%x",
		    (unsigned long long)l->kernel_len, LNX_ENTRY64_OFF);
	if (l->rip != in->entry)
		return pp_fail(
		    err, PP_ERANGE,
		    "kernel: it would start at 0x%llx (load 0x%llx + 0x200), the policy's "
		    "entry is 0x%llx",
		    (unsigned long long)l->rip, (unsigned long long)l->kernel_load,
		    (unsigned long long)in->entry);
	struct vacpi_pci pci;
	if (in->pci && (rc = lnx_pci_windows(in->pci, &pci, err)))
		return rc;
	u8 *acpi = ptr(ctx, l->acpi, l->acpi_size);
	u8 *zp = ptr(ctx, l->zero_page, LNX_ZP_SIZE);
	if (!acpi || !zp)
		return pp_fail(err, PP_ERANGE,
			       "the ACPI tables or the zero page are not in its RAM");
	const struct vacpi_params ap = {.base = gpa(l->acpi),
					.cpu_count = in->cpu_count,
					.apic_ids = in->apic_ids,
					.lapic_base = VACPI_DEFAULT_LAPIC,
					.tpm = in->tpm,
					.tpm_log = gpa(in->evlog_len ? l->evlog : 0),
					.tpm_log_len = in->evlog_len,
					.pci = in->pci ? &pci : NULL};
	rc = vacpi_build(acpi, (u32)l->acpi_size, &ap, &out->acpi, err);
	if (!rc)
		rc = lnx_e820_build(l->mem, l->nmem, e820, &ne, err);
	if (rc)
		return rc;
	const struct lnx_zp_args za = {.cmdline_gpa = l->cmdline,
				       .initrd_gpa = in->initrd_len ? l->initrd : 0,
				       .initrd_size = in->initrd_len,
				       .rsdp_gpa = gpa_val(out->acpi.rsdp),
				       .e820 = e820,
				       .n_e820 = ne};
	/* the last check: each builder writes only on success */
	rc = lnx_zeropage_build(zp, in->kernel, in->kernel_len, &out->bz, &za, err);
	if (!rc)
		rc = lnx_layout_write_tables(l, ptr, ctx, err);
	if (!rc)
		rc = put(ptr, ctx, l->kernel_load, in->kernel + l->kernel_off, l->kernel_len,
			 "kernel", err);
	if (!rc)
		rc = put(ptr, ctx, l->initrd, in->initrd, in->initrd_len, "initramfs", err);
	if (rc)
		return rc;
	u8 *c = ptr(ctx, l->cmdline, out->cmdline_len + 1);
	if (!c)
		return pp_fail(err, PP_ERANGE, "command line: no RAM at 0x%llx",
			       (unsigned long long)l->cmdline);
	/* no module, no extra: their pointers may be NULL, and memcpy from NULL
	 * is undefined even for 0 bytes (C11 7.24.1p2) */
	u64 n = clen;
	if (clen)
		memcpy(c, in->cmdline, (size_t)clen);
	if (clen && xlen)
		c[n++] = ' ';
	if (xlen)
		memcpy(c + n, in->extra, (size_t)xlen);
	c[out->cmdline_len] = 0;
	fill_state(l, st);
	return PP_OK;
}
