// SPDX-License-Identifier: GPL-2.0-only
/* A Linux partition's guest-physical layout and its boot tables (layout.h;
 * boot.rst "64-bit Boot Protocol" and "The Real-Mode Kernel Header";
 * AMD64 APM vol. 2, 5.3 "Long-Mode Page Translation", 4.8.1 "Code-Segment
 * Descriptors"). */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "hypervisor/core/linux/layout.h"

#define GIB (1ull << 30)
#define CMDLINE_ROOM (LNX_LOW_RAM_END - LNX_CMDLINE_GPA)
#define PTE_P 0x1ull
#define PTE_RW 0x2ull
#define PTE_PS 0x80ull
/* Descriptors (APM vol. 2, 4.7, 4.8): P, DPL 0, S; code: type 0xb, G, L;
 * data: type 0x3, G, D/B. The accessed bit is preset so the CPU never
 * writes the GDT. */
#define DESC_CODE64 0x00af9b000000ffffull
#define DESC_DATA 0x00cf93000000ffffull

static int plan_kernel(const struct lnx_bzimage *bz, u64 top, struct lnx_layout *l,
		       struct pp_err *err)
{
	u64 base = PP_MAX(bz->pref_address, LNX_LOW_LIMIT);
	l->kernel_load = PP_ALIGN_UP(base, (u64)bz->kernel_alignment);
	l->kernel_end = l->kernel_load + bz->init_size;
	if (l->kernel_end > top)
		return pp_fail(err, PP_ERANGE,
			       "linux layout: kernel [0x%llx, +init_size 0x%x) does not fit below "
			       "0x%llx",
			       (unsigned long long)l->kernel_load, bz->init_size,
			       (unsigned long long)top);
	l->kernel_off = bz->kernel_off;
	l->kernel_len = bz->kernel_len;
	l->rip = l->kernel_load + LNX_ENTRY64_OFF;
	return PP_OK;
}

static int plan_initrd(const struct lnx_bzimage *bz, u64 size, u64 top, struct lnx_layout *l,
		       struct pp_err *err)
{
	if (!size)
		return PP_OK;
	u64 max = PP_MIN((u64)bz->initrd_addr_max, LNX_INITRD_LIMIT - 1);
	u64 limit = PP_MIN(top, max + 1);
	u64 al = PP_ALIGN_UP(size, PP_PAGE_SIZE);
	if (size <= top && al <= limit &&
	    PP_ALIGN_DOWN(limit - size, PP_PAGE_SIZE) >= l->kernel_end)
		l->initrd = PP_ALIGN_DOWN(limit - size, PP_PAGE_SIZE);
	else if (size <= top && PP_MIN(limit, l->kernel_load) >= LNX_LOW_LIMIT + al)
		l->initrd = PP_ALIGN_DOWN(PP_MIN(limit, l->kernel_load) - size, PP_PAGE_SIZE);
	else
		return pp_fail(
		    err, PP_ERANGE,
		    "linux layout: initrd of 0x%llx bytes fits neither between the kernel "
		    "[0x%llx, 0x%llx) and 0x%llx nor below the kernel",
		    (unsigned long long)size, (unsigned long long)l->kernel_load,
		    (unsigned long long)l->kernel_end, (unsigned long long)limit);
	l->initrd_size = size;
	return PP_OK;
}

int lnx_layout_plan(const struct lnx_bzimage *bz, const struct lnx_layout_req *req,
		    struct lnx_layout *out, struct pp_err *err)
{
	struct lnx_layout l = {0};
	u64 ram = req->ram_size;
	int rc;
	if (!PP_IS_ALIGNED(ram, LNX_LARGE_PAGE))
		return pp_fail(err, PP_EINVAL, "linux layout: RAM size 0x%llx is not 2 MiB aligned",
			       (unsigned long long)ram);
	if (ram < LNX_RAM_MIN || ram > LNX_RAM_MAX)
		return pp_fail(err, PP_ERANGE,
			       "linux layout: RAM size 0x%llx outside [0x%llx, 0x%llx]",
			       (unsigned long long)ram, LNX_RAM_MIN, LNX_RAM_MAX);
	if (!bz->kernel_alignment || (bz->kernel_alignment & (bz->kernel_alignment - 1)) ||
	    bz->pref_address >= LNX_GPA_LIMIT)
		return pp_fail(err, PP_EINVAL, "linux layout: not a parsed bzImage");
	l.cmdline_max = PP_MIN((u64)bz->cmdline_size + 1, CMDLINE_ROOM);
	if (req->cmdline_len >= l.cmdline_max)
		return pp_fail(err, PP_ERANGE,
			       "linux layout: command line of %llu bytes, the kernel takes at most "
			       "%llu",
			       (unsigned long long)req->cmdline_len,
			       (unsigned long long)l.cmdline_max - 1);
	l.evlog_size = PP_ALIGN_UP(req->evlog_size, PP_PAGE_SIZE);
	if (req->evlog_size > ram - LNX_RAM_MIN)
		return pp_fail(err, PP_ERANGE,
			       "linux layout: event logs of 0x%llx bytes leave less than 0x%llx of "
			       "0x%llx RAM",
			       (unsigned long long)req->evlog_size, LNX_RAM_MIN,
			       (unsigned long long)ram);
	u64 top = ram - l.evlog_size;
	if ((rc = plan_kernel(bz, top, &l, err)) ||
	    (rc = plan_initrd(bz, req->initrd_size, top, &l, err)))
		return rc;

	l.zero_page = LNX_ZP_GPA;
	l.cmdline = LNX_CMDLINE_GPA;
	l.gdt = LNX_GDT_GPA;
	l.stack_top = LNX_STACK_TOP;
	l.pml4 = LNX_PML4_GPA;
	l.pt_pages = 2 + (u32)((ram + GIB - 1) / GIB);
	l.map_end = ram;
	l.acpi = LNX_ACPI_GPA;
	l.acpi_size = LNX_ACPI_SIZE;
	l.evlog = top;
	l.rsi = LNX_ZP_GPA;
	l.rsp = LNX_STACK_TOP;
	l.cr3 = LNX_PML4_GPA;
	l.mem[l.nmem++] = (struct lnx_mem_range){0, LNX_LOW_RAM_END, LNX_MEM_RAM};
	l.mem[l.nmem++] = (struct lnx_mem_range){LNX_ACPI_GPA, LNX_ACPI_SIZE, LNX_MEM_ACPI};
	l.mem[l.nmem++] = (struct lnx_mem_range){LNX_LOW_LIMIT, top - LNX_LOW_LIMIT, LNX_MEM_RAM};
	if (l.evlog_size)
		l.mem[l.nmem++] = (struct lnx_mem_range){top, l.evlog_size, LNX_MEM_EVLOG};
	*out = l;
	return PP_OK;
}

int lnx_layout_write_tables(const struct lnx_layout *l, lnx_gpa_ptr_fn ptr, void *ctx,
			    struct pp_err *err)
{
	u32 pds = l->pt_pages - 2;
	if (l->pml4 != LNX_PML4_GPA || l->pt_pages < 3 || pds > LNX_PT_MAX_PDS || !l->map_end ||
	    l->map_end > (u64)pds * GIB || !PP_IS_ALIGNED(l->map_end, LNX_LARGE_PAGE))
		return pp_fail(err, PP_ERANGE,
			       "linux layout: tables of %u pages for 0x%llx bytes: not a plan's",
			       l->pt_pages, (unsigned long long)l->map_end);
	u8 *gdt = ptr(ctx, LNX_GDT_GPA, (u64)LNX_GDT_LIMIT + 1);
	u8 *stack = ptr(ctx, LNX_STACK_GPA, LNX_STACK_TOP - LNX_STACK_GPA);
	u8 *pt = ptr(ctx, LNX_PML4_GPA, (u64)l->pt_pages * PP_PAGE_SIZE);
	if (!gdt || !stack || !pt)
		return pp_fail(err, PP_ERANGE,
			       "linux layout: no guest memory for the GDT, stack or tables below "
			       "0x%llx",
			       (unsigned long long)(LNX_PML4_GPA + l->pt_pages * PP_PAGE_SIZE));
	memset(gdt, 0, LNX_GDT_LIMIT + 1);
	st_le64(gdt + LNX_SEL_CS, DESC_CODE64);
	st_le64(gdt + LNX_SEL_DS, DESC_DATA);
	memset(stack, 0, LNX_STACK_TOP - LNX_STACK_GPA);
	memset(pt, 0, (size_t)l->pt_pages * PP_PAGE_SIZE);
	u64 pdpt = LNX_PML4_GPA + PP_PAGE_SIZE, pd = pdpt + PP_PAGE_SIZE;
	st_le64(pt, pdpt | PTE_P | PTE_RW);
	for (u32 i = 0; i < pds; i++)
		st_le64(pt + PP_PAGE_SIZE + 8 * (size_t)i,
			(pd + (u64)i * PP_PAGE_SIZE) | PTE_P | PTE_RW);
	for (u64 g = 0; g < l->map_end; g += LNX_LARGE_PAGE)
		st_le64(pt + 2 * PP_PAGE_SIZE + 8 * (g / LNX_LARGE_PAGE),
			g | PTE_P | PTE_RW | PTE_PS);
	return PP_OK;
}
