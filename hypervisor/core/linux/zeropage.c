// SPDX-License-Identifier: GPL-2.0-only
/* The e820 map and the zero page (zeropage.h; zero-page.rst, boot.rst). */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "hypervisor/core/linux/zeropage.h"

static const char *kind_name(u32 k)
{
	switch (k) {
	case LNX_MEM_RAM: return "RAM";
	case LNX_MEM_ACPI: return "ACPI";
	case LNX_MEM_EVLOG: return "event log";
	case LNX_MEM_MMIO: return "MMIO";
	default: return "?";
	}
}

static int check_range(const struct lnx_mem_range *m, u32 i, struct pp_err *err)
{
	u64 end;
	if (m->kind < LNX_MEM_RAM || m->kind > LNX_MEM_MMIO)
		return pp_fail(err, PP_EINVAL, "e820: range %u has unknown kind %u", i, m->kind);
	if (!m->size || !PP_IS_ALIGNED(m->gpa, PP_PAGE_SIZE) ||
	    !PP_IS_ALIGNED(m->size, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL,
			       "e820: %s range %u [0x%llx, +0x%llx) is empty or not 4 KiB aligned",
			       kind_name(m->kind), i, (unsigned long long)m->gpa,
			       (unsigned long long)m->size);
	if (!pp_add_ok(m->gpa, m->size, &end) || end > LNX_GPA_LIMIT)
		return pp_fail(
		    err, PP_ERANGE, "e820: %s range %u [0x%llx, +0x%llx) leaves the 48-bit space",
		    kind_name(m->kind), i, (unsigned long long)m->gpa, (unsigned long long)m->size);
	return PP_OK;
}

int lnx_e820_build(const struct lnx_mem_range *r, u32 n, struct lnx_e820 *out, u32 *nout,
		   struct pp_err *err)
{
	u32 idx[LNX_MEM_MAX];
	int rc;
	if (!r || !n || n > LNX_MEM_MAX)
		return pp_fail(err, PP_ERANGE, "e820: %u ranges, need 1 to %u", n, LNX_MEM_MAX);
	for (u32 i = 0; i < n; i++) {
		if ((rc = check_range(&r[i], i, err)))
			return rc;
		/* insertion sort of the indices by gpa */
		u32 j = i;
		for (; j > 0 && r[idx[j - 1]].gpa > r[i].gpa; j--)
			idx[j] = idx[j - 1];
		idx[j] = i;
	}
	bool low_ram = false;
	u32 entries = 0;
	for (u32 k = 0; k < n; k++) {
		const struct lnx_mem_range *m = &r[idx[k]];
		if (k > 0) {
			const struct lnx_mem_range *p = &r[idx[k - 1]];
			if (p->gpa + p->size > m->gpa)
				return pp_fail(err, PP_EOVERLAP,
					       "e820: %s [0x%llx, 0x%llx) overlaps %s [0x%llx, "
					       "0x%llx)",
					       kind_name(p->kind), (unsigned long long)p->gpa,
					       (unsigned long long)p->gpa + p->size,
					       kind_name(m->kind), (unsigned long long)m->gpa,
					       (unsigned long long)m->gpa + m->size);
		}
		if (m->kind == LNX_MEM_RAM && m->gpa < LNX_LOW_LIMIT)
			low_ram = true;
		if (m->kind != LNX_MEM_MMIO)
			entries++;
	}
	if (!low_ram)
		return pp_fail(err, PP_ENOENT,
			       "e820: no RAM below 1 MiB (Linux's real-mode trampoline needs it)");
	if (entries > LNX_E820_MAX)
		return pp_fail(err, PP_ERANGE, "e820: %u entries, the zero page holds %u", entries,
			       LNX_E820_MAX);
	u32 o = 0;
	for (u32 k = 0; k < n; k++) {
		const struct lnx_mem_range *m = &r[idx[k]];
		if (m->kind == LNX_MEM_MMIO)
			continue;
		out[o++] = (struct lnx_e820){.addr = m->gpa,
					     .size = m->size,
					     .type = m->kind == LNX_MEM_RAM ? LNX_E820_RAM
									    : LNX_E820_RESERVED};
	}
	*nout = o;
	return PP_OK;
}

static int check_args(u64 len, const struct lnx_bzimage *bz, const struct lnx_zp_args *a,
		      struct pp_err *err)
{
	u64 end;
	if (!bz->hdr_end || bz->hdr_end > LNX_HDR_END_MAX || bz->hdr_end <= LNX_HDR_OFF ||
	    len < bz->hdr_end)
		return pp_fail(err, PP_EINVAL,
			       "zero page: image of 0x%llx bytes, header end 0x%x: not a parsed "
			       "bzImage",
			       (unsigned long long)len, bz->hdr_end);
	if (!a->cmdline_gpa)
		return pp_fail(err, PP_EINVAL, "zero page: no command line");
	if (!pp_add_ok(a->initrd_gpa, a->initrd_size, &end) || end > LNX_GPA_LIMIT ||
	    (a->initrd_size && !a->initrd_gpa))
		return pp_fail(err, PP_ERANGE, "zero page: initrd [0x%llx, +0x%llx) is not valid",
			       (unsigned long long)a->initrd_gpa,
			       (unsigned long long)a->initrd_size);
	if (!a->e820 || !a->n_e820 || a->n_e820 > LNX_E820_MAX)
		return pp_fail(err, PP_EINVAL, "zero page: %u e820 entries, need 1 to %u",
			       a->n_e820, LNX_E820_MAX);
	for (u32 i = 0; i < a->n_e820; i++) {
		const struct lnx_e820 *e = &a->e820[i];
		if (!e->size || !pp_add_ok(e->addr, e->size, &end) ||
		    (i > 0 && a->e820[i - 1].addr + a->e820[i - 1].size > e->addr))
			return pp_fail(err, PP_EINVAL,
				       "zero page: e820 entry %u [0x%llx, +0x%llx) is empty, wraps "
				       "or is out of order",
				       i, (unsigned long long)e->addr, (unsigned long long)e->size);
	}
	return PP_OK;
}

int lnx_zeropage_build(u8 *zp, const u8 *img, u64 len, const struct lnx_bzimage *bz,
		       const struct lnx_zp_args *a, struct pp_err *err)
{
	int rc = check_args(len, bz, a, err);
	if (rc)
		return rc;
	memset(zp, 0, LNX_ZP_SIZE);
	memcpy(zp + LNX_HDR_OFF, img + LNX_HDR_OFF, bz->hdr_end - LNX_HDR_OFF);

	zp[LNX_ZP_OFF(hdr.type_of_loader)] = LNX_TYPE_OF_LOADER_UNDEF;
	zp[LNX_ZP_OFF(hdr.loadflags)] &= LNX_LOADED_HIGH;
	st_le16(zp + LNX_ZP_OFF(hdr.heap_end_ptr), 0);
	zp[LNX_ZP_OFF(hdr.ext_loader_ver)] = 0;
	zp[LNX_ZP_OFF(hdr.ext_loader_type)] = 0;
	st_le64(zp + LNX_ZP_OFF(hdr.setup_data), 0);
	st_le32(zp + LNX_ZP_OFF(hdr.hardware_subarch), 0);
	st_le64(zp + LNX_ZP_OFF(hdr.hardware_subarch_data), 0);
	st_le32(zp + LNX_ZP_OFF(hdr.cmd_line_ptr), (u32)a->cmdline_gpa);
	st_le32(zp + LNX_ZP_OFF(ext_cmd_line_ptr), (u32)(a->cmdline_gpa >> 32));
	st_le32(zp + LNX_ZP_OFF(hdr.ramdisk_image), (u32)a->initrd_gpa);
	st_le32(zp + LNX_ZP_OFF(ext_ramdisk_image), (u32)(a->initrd_gpa >> 32));
	st_le32(zp + LNX_ZP_OFF(hdr.ramdisk_size), (u32)a->initrd_size);
	st_le32(zp + LNX_ZP_OFF(ext_ramdisk_size), (u32)(a->initrd_size >> 32));
	st_le64(zp + LNX_ZP_OFF(acpi_rsdp_addr), a->rsdp_gpa);

	zp[LNX_ZP_OFF(e820_entries)] = (u8)a->n_e820;
	for (u32 i = 0; i < a->n_e820; i++) {
		u8 *e = zp + LNX_ZP_OFF(e820_table) + i * sizeof(struct lnx_e820_entry);
		st_le64(e + __builtin_offsetof(struct lnx_e820_entry, addr), a->e820[i].addr);
		st_le64(e + __builtin_offsetof(struct lnx_e820_entry, size), a->e820[i].size);
		st_le32(e + __builtin_offsetof(struct lnx_e820_entry, type), a->e820[i].type);
	}
	return PP_OK;
}
