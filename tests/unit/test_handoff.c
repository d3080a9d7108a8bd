// SPDX-License-Identifier: GPL-2.0-only
/* The launch -> hypervisor handoff: builder and validator (common/lib/handoff.c). */
#include <stdlib.h>
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include "unit.h"

static struct pp_handoff_builder hb;
static _Alignas(8) u8 blob[PP_HANDOFF_MAX_SIZE];
static _Alignas(8) u8 work[PP_HANDOFF_MAX_SIZE];
#define H ((struct pp_handoff *)work)

static void base_builder(void)
{
	pp_hb_init(&hb);
	hb.hdr.firmware = PP_FW_UEFI;
	hb.hdr.launch_type = PP_LAUNCH_NONE;
	hb.hdr.launch_base = 0x200000;
	hb.hdr.launch_size = 0x56000;
	hb.hdr.hv_base = 0x1000000;
	hb.hdr.hv_size = 0x200000;
	hb.hdr.hv_entry = 0x1000000;
	hb.hdr.efi_system_table = 0x3f5eb018;
	hb.hdr.rsdp_len = 36;
	memcpy(hb.hdr.rsdp, "RSD PTR ", 8);
}

/* A valid blob: 3 ranges, 2 modules, a command line. Returns its size. */
static int build_valid(void)
{
	base_builder();
	pp_hb_add_mem(&hb, 0x100000, 0x3ff00000, PP_MEM_USABLE);
	pp_hb_add_mem(&hb, 0, 0x9f000, PP_MEM_USABLE);
	pp_hb_add_mem(&hb, 0xfec00000, 0x1000, PP_MEM_RESERVED);
	pp_hb_add_module(&hb, 0x2d000, 0x12, "policy slot=a");
	pp_hb_add_module(&hb, 0x40000, 0x100, "");
	pp_hb_set_cmdline(&hb, "console=com1 loglevel=3");
	return pp_hb_finish(&hb, blob, sizeof(blob));
}

static int check_work(u32 len, struct pp_err *e)
{
	return pp_handoff_check(work, len, e);
}

TEST(handoff_build_valid)
{
	struct pp_err e = {0, ""};
	int n = build_valid();
	REQUIRE(n > 0);
	const struct pp_handoff *h = (const struct pp_handoff *)blob;
	CHECK_EQ(pp_handoff_check(blob, (size_t)n, &e), PP_OK);
	CHECK_EQ(h->total_size, (u32)n);
	CHECK_EQ(h->total_size % 8, 0);
	CHECK_EQ(h->header_size, sizeof(struct pp_handoff));
	CHECK_EQ(h->magic, PP_HANDOFF_MAGIC);
	CHECK_EQ(h->version, 2);
	CHECK_EQ(h->copy_size, 0);
	CHECK_EQ(h->acpi_count, 0);
	CHECK_EQ(h->mmap_off, sizeof(struct pp_handoff));
	REQUIRE(h->mmap_count == 3);
	const struct pp_mem_range *m = pp_handoff_mmap(h);
	CHECK_EQ(m[0].base, 0);
	CHECK_EQ(m[1].base, 0x100000);
	CHECK_EQ(m[2].type, PP_MEM_RESERVED);
	REQUIRE(h->mod_count == 2);
	const struct pp_module *mo = pp_handoff_modules(h);
	CHECK_EQ(mo[0].base, 0x2d000);
	CHECK_EQ(mo[0].length, 0x12);
	CHECK(strcmp(pp_handoff_str(h, mo[0].cmdline_off), "policy slot=a") == 0);
	CHECK_EQ(mo[0].cmdline_len, 13);
	CHECK(strcmp(pp_handoff_str(h, mo[1].cmdline_off), "") == 0);
	CHECK(strcmp(pp_handoff_str(h, h->cmdline_off), "console=com1 loglevel=3") == 0);
	CHECK_EQ(h->cmdline_len, 23);
	CHECK_EQ(h->firmware, PP_FW_UEFI);
	CHECK_EQ(h->efi_system_table, 0x3f5eb018);
	CHECK_EQ(h->rsdp_len, 36);
	CHECK_EQ(h->fw_log_base, 0);
	/* the blob may sit in a larger buffer */
	CHECK_EQ(pp_handoff_check(blob, sizeof(blob), &e), PP_OK);
	/* without a command line it is the empty string */
	base_builder();
	pp_hb_add_mem(&hb, 0, 0x1000, PP_MEM_USABLE);
	REQUIRE(pp_hb_finish(&hb, blob, sizeof(blob)) > 0);
	CHECK_EQ(pp_handoff_check(blob, sizeof(blob), &e), PP_OK);
	CHECK_EQ(h->cmdline_len, 0);
	CHECK_EQ(h->mod_count, 0);
	CHECK_EQ(pp_handoff_str(h, h->cmdline_off)[0], 0);
}

static const struct pp_mem_range *finish_map(u32 *count)
{
	int n = pp_hb_finish(&hb, blob, sizeof(blob));
	const struct pp_handoff *h = (const struct pp_handoff *)blob;
	*count = n > 0 ? h->mmap_count : 0;
	return pp_handoff_mmap(h);
}

TEST(handoff_builder_sorts_merges_and_resolves)
{
	u32 n;
	base_builder();
	pp_hb_add_mem(&hb, 0x300000, 0x100000, PP_MEM_USABLE);
	pp_hb_add_mem(&hb, 0x100000, 0x100000, PP_MEM_USABLE);
	pp_hb_add_mem(&hb, 0x200000, 0x100000, PP_MEM_USABLE); /* merges with both */
	pp_hb_add_mem(&hb, 0x800000, 0x0, PP_MEM_RESERVED);    /* empty: ignored */
	pp_hb_add_mem(&hb, 0x900000, 0x1000, PP_MEM_ACPI_NVS); /* after a hole */
	const struct pp_mem_range *m = finish_map(&n);
	REQUIRE(n == 2);
	CHECK_EQ(m[0].base, 0x100000);
	CHECK_EQ(m[0].length, 0x300000);
	CHECK_EQ(m[0].type, PP_MEM_USABLE);
	CHECK_EQ(m[1].base, 0x900000);
	CHECK_EQ(m[1].type, PP_MEM_ACPI_NVS);

	/* reserved punched into usable: usable / reserved / usable */
	base_builder();
	pp_hb_add_mem(&hb, 0x0, 0x1000000, PP_MEM_USABLE);
	pp_hb_add_mem(&hb, 0x400000, 0x1000, PP_MEM_RESERVED);
	m = finish_map(&n);
	REQUIRE(n == 3);
	CHECK_EQ(m[0].length, 0x400000);
	CHECK_EQ(m[1].base, 0x400000);
	CHECK_EQ(m[1].type, PP_MEM_RESERVED);
	CHECK_EQ(m[2].base, 0x401000);
	CHECK_EQ(m[2].length, 0xbff000);

	/* partial overlap; among non-usable types the higher number wins */
	base_builder();
	pp_hb_add_mem(&hb, 0x1000, 0x3000, PP_MEM_RESERVED); /* 2 */
	pp_hb_add_mem(&hb, 0x3000, 0x3000, PP_MEM_ACPI_NVS); /* 4 */
	pp_hb_add_mem(&hb, 0x0, 0x10000, PP_MEM_USABLE);     /* loses everywhere */
	pp_hb_add_mem(&hb, 0x5000, 0x2000, PP_MEM_RESERVED);
	m = finish_map(&n);
	REQUIRE(n == 5);
	CHECK(m[0].base == 0x0 && m[0].length == 0x1000 && m[0].type == PP_MEM_USABLE);
	CHECK(m[1].base == 0x1000 && m[1].length == 0x2000 && m[1].type == PP_MEM_RESERVED);
	CHECK(m[2].base == 0x3000 && m[2].length == 0x3000 && m[2].type == PP_MEM_ACPI_NVS);
	CHECK(m[3].base == 0x6000 && m[3].length == 0x1000 && m[3].type == PP_MEM_RESERVED);
	CHECK(m[4].base == 0x7000 && m[4].length == 0x9000 && m[4].type == PP_MEM_USABLE);

	/* a range that ends at the top of the address space (but does not wrap) */
	base_builder();
	pp_hb_add_mem(&hb, 0xfffffffffffff000ull, 0xfff, PP_MEM_RESERVED);
	m = finish_map(&n);
	REQUIRE(n == 1);
	CHECK_EQ(m[0].length, 0xfff);
}

TEST(handoff_builder_errors)
{
	base_builder();
	pp_hb_add_mem(&hb, 0xfffffffffffff000ull, 0x1000, PP_MEM_USABLE); /* wraps */
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_EINVAL);
	base_builder();
	pp_hb_add_mem(&hb, 0, 0x1000, 0);
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_EINVAL);
	base_builder();
	pp_hb_add_mem(&hb, 0, 0x1000, PP_MEM_TYPE_MAX + 1);
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_EINVAL);
	/* the error is sticky: later valid calls do not clear it */
	pp_hb_add_mem(&hb, 0, 0x1000, PP_MEM_USABLE);
	pp_hb_set_cmdline(&hb, "x");
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_EINVAL);

	/* too many ranges */
	base_builder();
	for (u32 i = 0; i <= PP_HANDOFF_MAX_MMAP; i++)
		pp_hb_add_mem(&hb, i * 0x2000ull, 0x1000, PP_MEM_USABLE);
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_ENOMEM);
	/* exactly the maximum fits */
	base_builder();
	for (u32 i = 0; i < PP_HANDOFF_MAX_MMAP; i++)
		pp_hb_add_mem(&hb, i * 0x2000ull, 0x1000, PP_MEM_USABLE);
	int n = pp_hb_finish(&hb, blob, sizeof(blob));
	CHECK(n > 0);
	struct pp_err e = {0, ""};
	CHECK_EQ(pp_handoff_check(blob, (size_t)(n > 0 ? n : 0), &e), PP_OK);
	/* ... but not into a small output buffer */
	CHECK_EQ(pp_hb_finish(&hb, blob, 4096), PP_ENOMEM);
	CHECK_EQ(pp_hb_finish(&hb, blob, 100), PP_ENOMEM);
	CHECK_EQ(pp_hb_finish(&hb, blob + 4, 4096), PP_ENOMEM); /* misaligned output */

	/* too many modules */
	base_builder();
	pp_hb_add_mem(&hb, 0, 0x1000, PP_MEM_USABLE);
	for (u32 i = 0; i <= PP_HANDOFF_MAX_MODULES; i++)
		pp_hb_add_module(&hb, 0x10000 + i * 0x1000ull, 0x100, "m");
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_ENOMEM);
	/* string space exhausted */
	static char big[PP_HB_STR_MAX + 10];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	base_builder();
	pp_hb_add_mem(&hb, 0, 0x1000, PP_MEM_USABLE);
	pp_hb_set_cmdline(&hb, big);
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_ENOMEM);
	base_builder();
	pp_hb_add_mem(&hb, 0, 0x1000, PP_MEM_USABLE);
	big[PP_HB_STR_MAX / 2] = 0;
	pp_hb_add_module(&hb, 0x10000, 0x100, big);
	pp_hb_add_module(&hb, 0x20000, 0x100, big);
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_ENOMEM);
	/* modules the validator would refuse are refused when added */
	base_builder();
	pp_hb_add_mem(&hb, 0, 0x1000, PP_MEM_USABLE);
	pp_hb_add_module(&hb, 0x10000, 0, "empty");
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_EINVAL);
	base_builder();
	pp_hb_add_mem(&hb, 0, 0x1000, PP_MEM_USABLE);
	pp_hb_add_module(&hb, ~0ull, 2, "wraps");
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_EINVAL);
	/* no memory map at all */
	base_builder();
	CHECK_EQ(pp_hb_finish(&hb, blob, sizeof(blob)), PP_ENOENT);
}

/* Copy the valid blob into work[], apply a corruption, expect a code + message. */
#define CORRUPT(stmt, want, sub)                                                                   \
	do {                                                                                       \
		struct pp_err e_ = {0, ""};                                                        \
		memcpy(work, blob, (size_t)n);                                                     \
		stmt;                                                                              \
		CHECK_EQ(check_work((u32)n, &e_), (want));                                         \
		CHECK_EQ(e_.code, (want));                                                         \
		CHECK_MSG(&e_, sub);                                                               \
	} while (0)

TEST(handoff_validator_rejects_each_field)
{
	int n = build_valid();
	REQUIRE(n > 0);
	struct pp_err e = {0, ""};
	struct pp_mem_range *m;
	struct pp_module *mo;

	CHECK_EQ(pp_handoff_check(NULL, 1000, &e), PP_ETRUNC);
	CHECK_EQ(pp_handoff_check(blob, sizeof(struct pp_handoff) - 1, &e), PP_ETRUNC);
	CHECK_MSG(&e, "215 bytes, header needs 216");
	memcpy(work + 8, blob, (size_t)n);
	CHECK_EQ(pp_handoff_check(work + 4, (size_t)n, &e), PP_EINVAL);
	CHECK_MSG(&e, "not 8-byte aligned");

	CORRUPT(H->magic ^= 1, PP_EMAGIC, "bad magic");
	CORRUPT(H->version = 1, PP_EVERSION, "version 1, expected 2");
	CORRUPT(H->header_size = 200, PP_EINVAL, "header_size 200, expected 216");
	CORRUPT(H->total_size = 100, PP_ERANGE, "total_size 100 outside");
	CORRUPT(H->total_size = (u32)n + 8, PP_ERANGE, "total_size");
	CORRUPT(H->firmware = 3, PP_EINVAL, "unknown firmware type 3");
	CORRUPT(H->launch_type = 5, PP_EINVAL, "unknown launch type 5");
	CORRUPT(H->flags = 2, PP_EINVAL, "unknown flags 0x2");
	CORRUPT(H->drtm_log_events = 1, PP_EINVAL, "drtm_log_events 1 with a 0-byte DRTM log");
	CORRUPT(H->dma_count = 1, PP_ERANGE, "DMA guard record (1 units at 0, no flag) invalid");
	CORRUPT(H->dma_off = 216, PP_ERANGE, "(0 units at 216, no flag)");
	CORRUPT(H->flags = PP_HANDOFF_F_DMA_GUARD, PP_OK, ""); /* guard ran, no IOMMU */
	CORRUPT(H->launch_size = 0, PP_ERANGE, "bad launch range 0x200000+0x0");
	CORRUPT(H->launch_base = ~0ull, PP_ERANGE, "bad launch range");
	CORRUPT(H->hv_size = 0, PP_ERANGE, "hypervisor range");
	CORRUPT(H->hv_base = ~0ull - 0x1000, PP_ERANGE, "hypervisor range");
	CORRUPT(H->hv_entry = 0x1200000, PP_ERANGE, "entry 0x1200000 invalid");
	CORRUPT(H->hv_entry = 0xfff000, PP_ERANGE, "entry 0xfff000 invalid");
	CORRUPT(H->mmap_count = 0, PP_ERANGE, "mmap_count 0 outside [1, 512]");
	CORRUPT(H->mmap_count = PP_HANDOFF_MAX_MMAP + 1, PP_ERANGE, "mmap_count 513");
	CORRUPT(H->mmap_count = 100, PP_ERANGE, "memory map at 216 (100 entries) outside blob");
	CORRUPT(H->mmap_off += 4, PP_ERANGE, "outside blob");
	CORRUPT(H->mmap_off = 8, PP_ERANGE, "memory map at 8");
	CORRUPT(H->mmap_off = 0xfffffff8, PP_ERANGE, "outside blob");
	m = (struct pp_mem_range *)(work + ((struct pp_handoff *)blob)->mmap_off);
	CORRUPT(m[1].length = 0, PP_ERANGE, "mmap[1] 0x100000+0x0 empty or wraps");
	CORRUPT(m[2].length = ~0ull, PP_ERANGE,
		"mmap[2] 0xfec00000+0xffffffffffffffff empty or wraps");
	CORRUPT(m[0].type = 0, PP_EINVAL, "mmap[0] bad type 0");
	CORRUPT(m[0].type = PP_MEM_TYPE_MAX + 1, PP_EINVAL, "mmap[0] bad type 8");
	CORRUPT(m[1].reserved = 1, PP_EINVAL, "mmap[1] bad type");
	CORRUPT(m[1].base = 0x1000, PP_EOVERLAP, "mmap[1] at 0x1000 overlaps or is out of order");
	CORRUPT(m[2].base = 0, PP_EOVERLAP, "mmap[2] at 0x0");
	CORRUPT(H->mod_count = PP_HANDOFF_MAX_MODULES + 1, PP_ERANGE, "33 modules, at most 32");
	CORRUPT(H->mod_off += 1, PP_ERANGE, "module table at");
	CORRUPT(H->mod_off = 16, PP_ERANGE, "module table at 16 outside blob");
	CORRUPT(H->mod_count = 40 - 8, PP_ERANGE, "module table at");
	mo = (struct pp_module *)(work + ((struct pp_handoff *)blob)->mod_off);
	CORRUPT(mo[1].length = 0, PP_ERANGE, "module 1 range empty or wraps");
	CORRUPT(mo[0].base = ~0ull, PP_ERANGE, "module 0 range empty or wraps");
	CORRUPT(mo[0].cmdline_len += 1, PP_EINVAL, "module 0 command line malformed");
	CORRUPT(mo[0].cmdline_len -= 1, PP_EINVAL, "module 0 command line malformed");
	CORRUPT(mo[1].cmdline_off = (u32)n, PP_EINVAL, "module 1 command line malformed");
	CORRUPT(mo[0].cmdline_off = 0xffffffff, PP_EINVAL, "module 0 command line malformed");
	CORRUPT(work[mo[0].cmdline_off + 3] = 0, PP_EINVAL, "module 0 command line malformed");
	CORRUPT(mo[0].cmdline_off = 8, PP_EINVAL,
		"module 0 command line malformed"); /* in the header */
	CORRUPT(H->cmdline_len = 1000, PP_EINVAL, "command line at");
	CORRUPT(work[H->cmdline_off + H->cmdline_len] = 'x', PP_EINVAL, "command line at");
	CORRUPT(work[n - 1] = 'x'; H->cmdline_off = (u32)n - 1;
		H->cmdline_len = 0, PP_EINVAL, "command line at");
	CORRUPT(H->rsdp_len = 21, PP_EINVAL, "rsdp_len 21 not 0, 20 or 36");
	CORRUPT(H->fw_log_format = 3, PP_EINVAL, "firmware log descriptor invalid");
	CORRUPT(H->fw_log_base = ~0ull; H->fw_log_size = 2, PP_EINVAL, "firmware log descriptor");
	CORRUPT(H->drtm_log_base = ~0ull; H->drtm_log_size = 2, PP_EINVAL, "DRTM log descriptor");
	/* allowed variants */
	CORRUPT(H->rsdp_len = 0, PP_OK, "");
	CORRUPT(H->rsdp_len = 20, PP_OK, "");
	CORRUPT(H->firmware = PP_FW_BIOS; H->efi_system_table = 0, PP_OK, "");
	CORRUPT(H->mod_count = 0; H->mod_off = 0xffffffff, PP_OK, "");
	CORRUPT(H->fw_log_format = 2; H->fw_log_base = 0x100000;
		H->fw_log_size = 0x4000, PP_OK, "");
}

/* Every prefix of a valid blob, in an exactly sized heap buffer (ASan checks reads). */
TEST(handoff_truncated_at_every_length)
{
	struct pp_err e;
	int n = build_valid();
	REQUIRE(n > 0);
	for (int len = 0; len < n; len++) {
		u8 *copy = aligned_alloc(8, (size_t)PP_ALIGN_UP(len ? len : 8, 8));
		REQUIRE(copy);
		memcpy(copy, blob, (size_t)len);
		if (pp_handoff_check(copy, (size_t)len, &e) == PP_OK) {
			char msg[64];
			snprintf(msg, sizeof(msg), "prefix %d accepted", len);
			unit_fail(__FILE__, __LINE__, msg);
		}
		/* also with total_size rewritten to the prefix length */
		if ((size_t)len >= sizeof(struct pp_handoff)) {
			((struct pp_handoff *)copy)->total_size = (u32)len;
			int rc = pp_handoff_check(copy, (size_t)len, &e);
			CHECK(rc != PP_OK || len >= n);
		}
		free(copy);
	}
}

TEST(handoff_mem_type_names)
{
	CHECK(strcmp(pp_mem_type_name(PP_MEM_USABLE), "usable") == 0);
	CHECK(strcmp(pp_mem_type_name(PP_MEM_FW_RUNTIME), "fw-runtime") == 0);
	CHECK(strcmp(pp_mem_type_name(99), "?") == 0);
}

/*
 * Version 2: the secure loader's copy area. A blob whose modules were
 * copied to [0x3000000, +0x10000) and two ACPI tables appended with
 * pp_handoff_append; then each way it can be wrong.
 */
static u32 build_copied(void)
{
	int n = build_valid();
	if (n <= 0)
		return 0;
	memcpy(work, blob, (size_t)n);
	struct pp_module *mo = (struct pp_module *)(work + H->mod_off);
	mo[0].base = 0x3000000;
	mo[1].base = 0x3001000;
	H->copy_base = 0x3000000;
	H->copy_size = 0x10000;
	struct pp_acpi_copy a[2] = {
	    {0x7ffe0000, 0x3002000, 0x34, {'X', 'S', 'D', 'T'}},
	    {0x7ffe1000, 0x3003000, 0x78, {'A', 'P', 'I', 'C'}},
	};
	u32 off = 0;
	if (pp_handoff_append(H, sizeof(work), a, sizeof(a), &off))
		return 0;
	H->acpi_off = off;
	H->acpi_count = 2;
	return H->total_size;
}

#define CORRUPT2(stmt, want, sub)                                                                  \
	do {                                                                                       \
		struct pp_err e_ = {0, ""};                                                        \
		u32 n_ = build_copied();                                                           \
		REQUIRE(n_ > 0);                                                                   \
		stmt;                                                                              \
		CHECK_EQ(check_work(n_, &e_), (want));                                             \
		CHECK_MSG(&e_, sub);                                                               \
	} while (0)

TEST(handoff_copy_area)
{
	struct pp_err e = {0, ""};
	u32 n = build_copied();
	REQUIRE(n > 0);
	CHECK_EQ(check_work(n, &e), PP_OK);
	CHECK_EQ(H->acpi_off % 8, 0);
	CHECK_EQ(pp_handoff_acpi(H)[1].length, 0x78);
	CHECK(memcmp(pp_handoff_acpi(H)[0].sig, "XSDT", 4) == 0);

	CORRUPT2(((struct pp_module *)(work + H->mod_off))[1].base = 0x40000, PP_ERANGE,
		 "module 1 at 0x40000+0x100 outside the copy area");
	CORRUPT2(((struct pp_module *)(work + H->mod_off))[1].length = 0xf001, PP_ERANGE,
		 "outside the copy area");
	CORRUPT2(H->copy_base = ~0ull - 0x100, PP_ERANGE, "copy area");
	CORRUPT2(((struct pp_acpi_copy *)(work + H->acpi_off))[1].copy = 0x300ff90, PP_ERANGE,
		 "ACPI copy 1 (0x7ffe1000 -> 0x300ff90, 120 bytes) invalid or outside");
	CORRUPT2(((struct pp_acpi_copy *)(work + H->acpi_off))[0].length = 35, PP_ERANGE,
		 "ACPI copy 0");
	CORRUPT2(((struct pp_acpi_copy *)(work + H->acpi_off))[0].orig = ~0ull, PP_ERANGE,
		 "ACPI copy 0");
	CORRUPT2(H->acpi_count = 3, PP_ERANGE, "ACPI copy table at");
	CORRUPT2(H->acpi_count = PP_HANDOFF_MAX_ACPI + 1, PP_ERANGE, "66 ACPI copies, at most 65");
	CORRUPT2(H->acpi_off += 4, PP_ERANGE, "ACPI copy table at");
	CORRUPT2(H->acpi_off = 8, PP_ERANGE, "ACPI copy table at 8");
	CORRUPT2((H->copy_size = 0, H->copy_base = 0), PP_EINVAL,
		 "ACPI copies or a copy base without a copy area");

	/* append: bounded by the buffer and by the format's maximum */
	u8 big[64] = {0};
	u32 off;
	REQUIRE(build_copied() > 0);
	u32 before = H->total_size;
	CHECK_EQ(pp_handoff_append(H, before + 8, big, 16, &off), PP_ENOMEM);
	CHECK_EQ(H->total_size, before);
	CHECK_EQ(pp_handoff_append(H, before + 16, big, 16, &off), PP_OK);
	CHECK_EQ(off, before);
	H->total_size = PP_HANDOFF_MAX_SIZE - 8;
	CHECK_EQ(pp_handoff_append(H, sizeof(work), big, 16, &off), PP_ENOMEM);
}

/*
 * The SL's DMA guard record: an AMD-Vi unit and a VT-d unit appended with
 * pp_handoff_append on the fixed tables of sl_params.h, then each way the
 * record can be wrong.
 */
static u32 dma_blob(struct pp_dma_guard_unit *d, u32 count)
{
	int n = build_valid();
	if (n <= 0)
		return 0;
	memcpy(work, blob, (size_t)n);
	if (pp_handoff_append(H, sizeof(work), d, count * (u32)sizeof(*d), &H->dma_off))
		return 0;
	H->dma_count = count;
	H->flags = PP_HANDOFF_F_DMA_GUARD;
	return H->total_size;
}

static const struct pp_dma_guard_unit dma_ok[3] = {
    {0xfed80000, SL_DMA_DEVTAB, SL_DMA_CMD, PP_DMA_GUARD_TYPE_AMDVI, 0},
    {0xfed90000, SL_DMA_ROOT, 0, PP_DMA_GUARD_TYPE_VTD, PP_DMA_GUARD_FW_ON},
    {0xfeda0000, SL_DMA_DEVTAB, SL_DMA_CMD + SL_DMA_CMD_SIZE, PP_DMA_GUARD_TYPE_AMDVI, 0},
};

#define DMA_BAD(i, stmt, want, sub)                                                                \
	do {                                                                                       \
		struct pp_dma_guard_unit d_[3];                                                    \
		struct pp_err e_ = {0, ""};                                                        \
		memcpy(d_, dma_ok, sizeof(d_));                                                    \
		stmt;                                                                              \
		u32 n_ = dma_blob(d_, 3);                                                          \
		REQUIRE(n_ > 0);                                                                   \
		(void)(i);                                                                         \
		CHECK_EQ(check_work(n_, &e_), (want));                                             \
		CHECK_MSG(&e_, sub);                                                               \
	} while (0)

TEST(handoff_dma_guard_record)
{
	struct pp_err e = {0, ""};
	struct pp_dma_guard_unit d[3];
	memcpy(d, dma_ok, sizeof(d));
	u32 n = dma_blob(d, 3);
	REQUIRE(n > 0);
	CHECK_EQ(check_work(n, &e), PP_OK);
	CHECK_EQ(pp_handoff_dma(H)[1].base, 0xfed90000ull);
	CHECK_EQ(pp_handoff_dma(H)[2].cmd, SL_DMA_CMD + SL_DMA_CMD_SIZE);
	/* the record's place */
	n = dma_blob(d, 3);
	H->dma_count = SL_DMA_MAX_UNITS + 1;
	CHECK_EQ(check_work(n, &e), PP_ERANGE);
	CHECK_MSG(&e, "DMA guard record (9 units at");
	n = dma_blob(d, 3);
	H->dma_off += 4;
	CHECK_EQ(check_work(n, &e), PP_ERANGE);
	CHECK_MSG(&e, "DMA guard record (3 units at");
	n = dma_blob(d, 3);
	H->dma_off = 8;
	CHECK_EQ(check_work(n, &e), PP_ERANGE);
	n = dma_blob(d, 3);
	H->dma_count = 4; /* one past the blob's end */
	CHECK_EQ(check_work(n, &e), PP_ERANGE);
	/* each field against the SL's constants */
	DMA_BAD(0, d_[0].type = 3, PP_EINVAL, "DMA guard unit 0 (type 3");
	DMA_BAD(0, d_[0].base = 0, PP_EINVAL, "unit 0 (type 1 at 0x0) is not the SL's");
	DMA_BAD(0, d_[0].base = 0xfed80010, PP_EINVAL, "at 0xfed80010");
	DMA_BAD(0, d_[0].table = SL_DMA_DEVTAB + 0x1000, PP_EINVAL,
		"unit 0 (type 1 at 0xfed80000)");
	DMA_BAD(0, d_[0].table = 0x10000000, PP_EINVAL, "unit 0");
	DMA_BAD(0, d_[0].cmd = SL_DMA_CMD + SL_DMA_CMD_SIZE, PP_EINVAL, "unit 0");
	DMA_BAD(0, d_[2].cmd = SL_DMA_CMD, PP_EINVAL, "unit 2");
	DMA_BAD(0, d_[1].table = SL_DMA_DEVTAB, PP_EINVAL, "unit 1");
	DMA_BAD(0, d_[1].cmd = SL_DMA_CMD, PP_EINVAL, "unit 1");
	DMA_BAD(0, d_[1].flags = 2, PP_EINVAL, "unit 1");
	DMA_BAD(0, d_[2].base = 0xfed80000, PP_EINVAL,
		"unit 2 (type 1 at 0xfed80000) is not the SL's or repeats one");
	DMA_BAD(0, d_[1].type = PP_DMA_GUARD_TYPE_AMDVI, PP_EINVAL, "unit 1");
	/* the guard ran and found nothing: a valid, empty record */
	n = dma_blob(d, 0);
	REQUIRE(n > 0);
	CHECK_EQ(check_work(n, &e), PP_OK);
}

TEST(handoff_cmdline_words)
{
	REQUIRE(build_valid() > 0);
	const struct pp_handoff *h = (const struct pp_handoff *)blob;
	CHECK(pp_handoff_cmdline_has(h, "console=com1"));
	CHECK(pp_handoff_cmdline_has(h, "loglevel=3"));
	/* whole words only: no prefix, no suffix, no part */
	CHECK(!pp_handoff_cmdline_has(h, "console"));
	CHECK(!pp_handoff_cmdline_has(h, "loglevel=30"));
	CHECK(!pp_handoff_cmdline_has(h, "com1"));
	CHECK(!pp_handoff_cmdline_has(h, "dma-bench"));
}
