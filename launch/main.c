// SPDX-License-Identifier: GPL-2.0-only
/*
 * launch_main: the part of the pre-launch stage shared by the BIOS and the
 * UEFI path. Parse the MBI, validate the hypervisor ELF (early, precise
 * errors; the secure loader checks it again), (UEFI) leave the firmware,
 * build the handoff, place the secure loader in its SLB, run the DRTM
 * (emulated / SKINIT / static fallback) and enter the secure loader, which
 * measures and loads the hypervisor. docs/launch.md.
 */
#include <parapet/bytes.h>
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>
#include "console.h"
#include "efi_boot.h"
#include "elf.h"
#include "idt.h"
#include "launch.h"
#include "mb2.h"
#include "memmap.h"
#include "options.h"
#include "paging.h"
#include "sl_place.h"

#define RSDP_SIG "RSD PTR "
#define RSDP_REVISION 15 /* ACPI 6.5, 5.2.5.3: Revision byte */

static struct mb2_info mbi_info;
static struct elf_image hv_image;
static struct pp_handoff_builder hb;
static struct elf_forbidden forbid[MB2_MAX_MODULES + 2];
static u8 handoff_buf[PP_HANDOFF_MAX_SIZE] __attribute__((aligned(8)));
static struct launch_config launch_cfg;

static u64 launch_image_size(void)
{
	return (u64)(uintptr_t)__launch_end - (u64)(uintptr_t)__launch_start;
}

static void set_rsdp(const u8 *p, const char *source)
{
	if (memcmp(p, RSDP_SIG, 8) != 0)
		launch_failf(PP_EMAGIC, "ACPI RSDP from %s at 0x%llx has a bad signature", source,
			     (unsigned long long)(uintptr_t)p);
	u32 len = p[RSDP_REVISION] >= 2 ? 36 : 20;
	memcpy(hb.hdr.rsdp, p, len);
	hb.hdr.rsdp_len = len;
}

static const u8 *parse_mbi(u64 mbi_pa, struct mb2_info *mi)
{
	struct pp_err err;
	if (!mbi_pa || (mbi_pa & 7) || mbi_pa > LAUNCH_LOAD_WIN_HI - MB2_MAX_TOTAL)
		launch_failf(PP_EINVAL, "MBI address 0x%llx not 8-byte aligned or out of range",
			     (unsigned long long)mbi_pa);
	const u8 *mbi = (const u8 *)(uintptr_t)mbi_pa;
	/* Read total_size once; the parser never reads beyond it. */
	if (mb2_parse(mbi, ld_le32(mbi), mi, &err))
		launch_fail(&err);
	return mbi;
}

static void check_hypervisor(const u8 *mbi, const struct mb2_info *mi, u32 hv, struct elf_image *im)
{
	struct pp_err err;
	u32 n = 0;

	forbid[n++] = (struct elf_forbidden){(u64)(uintptr_t)__launch_start, launch_image_size(),
					     "the launch image"};
	forbid[n++] = (struct elf_forbidden){(u64)(uintptr_t)mbi, mi->total_size,
					     "the Multiboot2 information"};
	for (u32 i = 0; i < mi->mod_count; i++)
		forbid[n++] =
		    (struct elf_forbidden){mi->mod[i].start, (u64)mi->mod[i].end - mi->mod[i].start,
					   i == hv ? "the hypervisor ELF module" : "a boot module"};
	const struct elf_policy pol = {LAUNCH_LOAD_WIN_LO, LAUNCH_LOAD_WIN_HI, forbid, n};
	const struct mb2_module *m = &mi->mod[hv];
	if (elf_check((const u8 *)(uintptr_t)m->start, (u64)m->end - m->start, &pol, im, &err))
		launch_failf(err.code, "hypervisor %s", err.msg);
}

void launch_main(u32 magic, u64 mbi_pa, u32 boot_services_alive)
{
	struct mb2_info *mi = &mbi_info;
	struct elf_image *im = &hv_image;
	struct pp_err err;
	u32 args_off, args_len, fw_entries;

	launch_console_init();
	if (!boot_services_alive)
		launch_idt_install(); /* no firmware owns the CPU: report our own faults */
	if (magic != MB2_BOOTLOADER_MAGIC)
		launch_failf(PP_EMAGIC, "boot loader magic 0x%x, expected 0x%x (not Multiboot2)",
			     magic, MB2_BOOTLOADER_MAGIC);
	const u8 *mbi = parse_mbi(mbi_pa, mi);
	bool uefi = mi->has_efi64_st;
	launch_printf("firmware: %s (%s)", uefi ? "uefi" : "bios",
		      boot_services_alive ? "EFI amd64 entry, boot services alive"
					  : "32-bit entry");
	if (boot_services_alive && (!mi->efi_bs_alive || !mi->has_efi64_st || !mi->has_efi64_ih))
		launch_failf(PP_ENOENT,
			     "EFI entry but the MBI lacks tag %u (boot services), %u (system "
			     "table) or %u (image handle)",
			     MB2_TAG_EFI_BS_ALIVE, MB2_TAG_EFI64_ST, MB2_TAG_EFI64_IH);

	/* launch's own options (options.h); a bad one stops the boot here */
	const char *opts = mi->has_cmdline ? (const char *)mbi + mi->cmdline_off : "";
	u32 opts_len = mi->has_cmdline ? mi->cmdline_len : 0;
	if (launch_options_parse(opts, opts_len, &launch_cfg, &err))
		launch_fail(&err);
	launch_printf("options: drtm=%s%s", launch_cfg.strict ? "strict" : "auto",
		      launch_cfg.test_txt_entry ? " test=txt-entry" : "");

	int hv = mb2_find_hypervisor(mbi, mi, &args_off, &args_len, &err);
	if (hv < 0)
		launch_fail(&err);
	launch_printf("modules: %u (hypervisor is module %d)", mi->mod_count, hv);
	if (boot_services_alive) {
		/* the hypervisor's range first, then modules moved out of it */
		const struct elf_policy probe = {LAUNCH_LOAD_WIN_LO, LAUNCH_LOAD_WIN_HI, NULL, 0};
		const struct mb2_module *m = &mi->mod[hv];
		if (elf_check((const u8 *)(uintptr_t)m->start, (u64)m->end - m->start, &probe, im,
			      &err))
			launch_failf(err.code, "hypervisor %s", err.msg);
		efi_move_modules(mi->efi64_st, mi, (u32)hv, im->span_base, im->span_size);
	}
	check_hypervisor(mbi, mi, (u32)hv, im);
	const u64 hv_end = im->span_base + im->span_size; /* checked by elf_check */
	launch_printf("hypervisor: load 0x%llx-0x%llx entry 0x%llx (%u segments)",
		      (unsigned long long)im->span_base, (unsigned long long)hv_end,
		      (unsigned long long)im->entry, im->nseg);

	pp_hb_init(&hb);
	hb.hdr.firmware = uefi ? PP_FW_UEFI : PP_FW_BIOS;
	hb.hdr.launch_type = PP_LAUNCH_NONE; /* the secure loader sets it */
	hb.hdr.launch_base = (u64)(uintptr_t)__launch_start;
	hb.hdr.launch_size = launch_image_size();
	/* launch's view of the hypervisor; the secure loader recomputes these */
	hb.hdr.hv_base = im->span_base;
	hb.hdr.hv_size = im->span_size;
	hb.hdr.hv_entry = im->entry;
	hb.hdr.efi_system_table = uefi ? mi->efi64_st : 0;
	/* Every module, the hypervisor ELF included, with its whole string (role first). */
	for (u32 i = 0; i < mi->mod_count; i++)
		pp_hb_add_module(&hb, mi->mod[i].start, (u64)mi->mod[i].end - mi->mod[i].start,
				 (const char *)mbi + mi->mod[i].cmdline_off);
	pp_hb_set_cmdline(&hb, (const char *)mbi + args_off); /* NUL-terminated at args_len */

	u64 rsdp = boot_services_alive ? efi_find_rsdp(mi->efi64_st) : 0;
	if (rsdp)
		set_rsdp((const u8 *)(uintptr_t)rsdp, "the EFI configuration table");
	else if (mi->has_rsdp_v2)
		set_rsdp(mi->rsdp_v2, "MBI tag 15");
	else if (mi->has_rsdp_v1)
		set_rsdp(mi->rsdp_v1, "MBI tag 14");

	if (boot_services_alive) {
		fw_entries = efi_exit_firmware(mi->efi64_st, mi->efi64_ih, im->span_base,
					       im->span_size, &hb);
	} else {
		if (!mi->has_mmap)
			launch_failf(PP_ENOENT, "MBI has no memory map (tag %u)", MB2_TAG_MMAP);
		if (!mb2_range_available(mi, im->span_base, im->span_size))
			launch_failf(PP_ERANGE,
				     "hypervisor range 0x%llx-0x%llx is not available RAM in the "
				     "MBI memory map",
				     (unsigned long long)im->span_base, (unsigned long long)hv_end);
		if (uefi && mi->has_efi_mmap) {
			int n = memmap_add_efi(&hb, mbi + mi->efi_mmap_off, mi->efi_mmap_size,
					       mi->efi_desc_size, &err);
			if (n < 0)
				launch_fail(&err);
			fw_entries = (u32)n;
		} else {
			memmap_add_mb2(&hb, mi);
			fw_entries = mi->mmap_count;
		}
	}

	/*
	 * Firmware is gone (or never ran in long mode): leave its page tables
	 * and GDT, which may sit in memory the hypervisor is about to occupy.
	 */
	launch_switch_cpu(paging_build_identity());
	launch_idt_install();

	int size = pp_hb_finish(&hb, handoff_buf, sizeof(handoff_buf));
	if (size < 0)
		launch_failf(size, "handoff: builder failed (%s)", pp_strerror(size));
	if (pp_handoff_check(handoff_buf, (size_t)size, &err))
		launch_fail(&err);
	const struct pp_handoff *h = (const struct pp_handoff *)handoff_buf;
	launch_printf("memory map: %u entries (%u from firmware)", h->mmap_count, fw_entries);
	launch_printf("handoff: 0x%llx, %d bytes", (unsigned long long)(uintptr_t)handoff_buf,
		      size);

	u32 measured = sl_place_slb();
	launch_printf("secure loader: SLB 0x%llx, measured length %u bytes",
		      (unsigned long long)SL_SLB_BASE, measured);
	launch_drtm_run(&launch_cfg, (u64)(uintptr_t)handoff_buf, (u32)size);
}
