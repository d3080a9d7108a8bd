// SPDX-License-Identifier: GPL-2.0-only
/*
 * The secure loader's copy -> measure -> load path (launch/sl/stage.c,
 * measure.c, load.c) on the host, over a fake physical memory whose boot
 * modules and ACPI tables change after their first read (as another CPU or
 * a device could change them): what was measured must be what is loaded
 * and handed on, byte for byte. The SL's console, TPM and failure path are
 * stubs below; the TPM stub records every extend.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <parapet/acpi_walk.h>
#include <parapet/bytes.h>
#include <parapet/hash.h>
#include <parapet/measure_plan.h>
#include <parapet/module_role.h>
#include <parapet/sl_params.h>
#include "launch/elf.h"
#include "launch/sl/sl.h"
#include "launch/sl/stage.h"
#include "unit.h"

#define MEM_SIZE (48ull << 20) /* fake RAM: [0, 48 MiB) */
#define HV_LINK 0x1000000ull   /* where the test ELF loads (16 MiB) */
#define HV_ORIG 0x2000000ull   /* GRUB's copies of the modules */
#define POL_ORIG 0x2100000ull
#define PD_ORIG 0x2101000ull
#define RSDT_AT 0x80000ull /* firmware ACPI, below 1 MiB (not usable RAM) */
#define APIC_AT 0x81000ull

/* ---- the SL's environment ---- */

static u8 *mem;
static bool mutate_after_read = true;
static struct {
	u64 base, len;
	bool read, changed;
} orig[8];
static u32 norig;
static u32 sl_phys_calls;

u8 *sl_phys(u64 pa, u64 len)
{
	sl_phys_calls++;
	/* Whatever was read before this call changes now: after its first read. */
	for (u32 i = 0; i < norig; i++)
		if (orig[i].read && !orig[i].changed && mutate_after_read) {
			for (u64 k = 0; k < orig[i].len; k++)
				mem[orig[i].base + k] ^= 0xA5;
			orig[i].changed = true;
		}
	if (len > MEM_SIZE || pa > MEM_SIZE - len)
		return NULL;
	for (u32 i = 0; i < norig; i++)
		if (pa < orig[i].base + orig[i].len && orig[i].base < pa + len)
			orig[i].read = true;
	return mem + pa;
}

enum launch_stage sl_stage;
u32 sl_launch_type;
struct launch_config sl_config;
const u8 __sl_start[4] = {0};
const u8 __sl_end[1] = {0};

static jmp_buf fatal_jmp;
static char fatal_msg[PP_ERR_MSG_MAX];

void sl_printf(const char *fmt, ...)
{
	(void)fmt;
}

void sl_fatal(enum launch_failure_kind kind, const struct pp_err *cause)
{
	(void)kind;
	snprintf(fatal_msg, sizeof(fatal_msg), "%s", cause->msg);
	longjmp(fatal_jmp, 1);
}

void sl_fatalf(enum launch_failure_kind kind, int code, const char *fmt, ...)
{
	struct pp_err e = {code, ""};
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	sl_fatal(kind, &e);
}

/* A TPM with the sha256 bank only, recording each extend. */
static struct {
	u32 pcr;
	u8 sha256[32];
} ext[64];
static u32 next;

u32 sl_tpm_banks(u16 *algs, u32 max)
{
	if (algs && max)
		algs[0] = PP_ALG_SHA256;
	return 1;
}

bool sl_tpm_usable(void)
{
	return true;
}

int sl_tpm_digests(const void *data, size_t len, struct pp_evlog_digests *d)
{
	d->count = 1;
	d->v[0].alg = PP_ALG_SHA256;
	d->v[0].size = 32;
	pp_hash(PP_ALG_SHA256, data, len, d->v[0].bytes);
	return 0;
}

int sl_tpm_extend_try(u32 pcr, const struct pp_evlog_digests *d, struct pp_err *err)
{
	if (next == PP_ARRAY_SIZE(ext) || d->count != 1 || d->v[0].alg != PP_ALG_SHA256)
		return pp_fail(err, PP_EINVAL, "stub TPM: unexpected extend");
	ext[next].pcr = pcr;
	memcpy(ext[next].sha256, d->v[0].bytes, 32);
	next++;
	return 0;
}

void sl_tpm_extend(u32 pcr, const struct pp_evlog_digests *d)
{
	struct pp_err e;
	if (sl_tpm_extend_try(pcr, d, &e))
		sl_fatal(LF_TPM_ERROR, &e);
}

/* ---- the boot the test builds ---- */

static u8 hv_file[0x3000]; /* what GRUB loaded, as first read */
static u8 pol_file[100], pd_file[300];
static _Alignas(8) u8 hbuf[PP_HANDOFF_MAX_SIZE];
static struct pp_handoff_builder hb;
static struct pp_module_role_info roles[PP_HANDOFF_MAX_MODULES];

/* An ELF with one PT_LOAD: 0x1000 bytes of "code" at HV_LINK, entry at it. */
static void make_hv(void)
{
	u8 *b = hv_file;
	memset(b, 0, sizeof(hv_file));
	memcpy(b,
	       "\x7f"
	       "ELF",
	       4);
	b[4] = 2, b[5] = 1, b[6] = 1;
	st_le16(b + 16, 2);
	st_le16(b + 18, 62);
	st_le32(b + 20, 1);
	st_le64(b + 24, HV_LINK);
	st_le64(b + 32, 64);
	st_le16(b + 52, 64);
	st_le16(b + 54, 56);
	st_le16(b + 56, 1);
	u8 *p = b + 64;
	st_le32(p, ELF_PT_LOAD);
	st_le32(p + 4, ELF_PF_R | ELF_PF_X);
	st_le64(p + 8, 0x1000);
	st_le64(p + 16, HV_LINK);
	st_le64(p + 24, HV_LINK);
	st_le64(p + 32, 0x1000);
	st_le64(p + 40, 0x2000); /* 0x1000 of .bss */
	st_le64(p + 48, 0x1000);
	for (u32 i = 0x1000; i < 0x2000; i++)
		b[i] = (u8)(i * 7 + 3);
}

static void put_sdt(u64 at, const char *sig, const u8 *body, u32 blen)
{
	u8 *t = mem + at;
	memset(t, 0, ACPI_SDT_HDR_LEN);
	memcpy(t, sig, 4);
	st_le32(t + 4, ACPI_SDT_HDR_LEN + blen);
	memcpy(t + ACPI_SDT_HDR_LEN, body, blen);
	u8 sum = 0;
	for (u32 i = 0; i < ACPI_SDT_HDR_LEN + blen; i++)
		sum = (u8)(sum + t[i]);
	t[9] = (u8)(0 - sum);
}

static u32 build(void)
{
	memset(mem, 0, MEM_SIZE);
	memset(orig, 0, sizeof(orig));
	norig = 0;
	next = 0;
	make_hv();
	for (u32 i = 0; i < sizeof(pol_file); i++)
		pol_file[i] = (u8)(0x40 + i);
	for (u32 i = 0; i < sizeof(pd_file); i++)
		pd_file[i] = (u8)(0x90 ^ i);
	memcpy(mem + HV_ORIG, hv_file, sizeof(hv_file));
	memcpy(mem + POL_ORIG, pol_file, sizeof(pol_file));
	memcpy(mem + PD_ORIG, pd_file, sizeof(pd_file));
	/* ACPI: an RSDT listing one APIC table */
	u8 apic_body[8] = {0, 0, 0xe0, 0xfe, 1, 0, 0, 0}, rsdt_body[4];
	put_sdt(APIC_AT, "APIC", apic_body, sizeof(apic_body));
	st_le32(rsdt_body, (u32)APIC_AT);
	put_sdt(RSDT_AT, "RSDT", rsdt_body, sizeof(rsdt_body));
	orig[norig++] = (typeof(orig[0])){HV_ORIG, sizeof(hv_file), false, false};
	orig[norig++] = (typeof(orig[0])){POL_ORIG, sizeof(pol_file), false, false};
	orig[norig++] = (typeof(orig[0])){PD_ORIG, sizeof(pd_file), false, false};
	/* (the ACPI tables are read twice by design, to size and to copy: the
	 * test changes them itself once the copies are made) */

	pp_hb_init(&hb);
	hb.hdr.firmware = PP_FW_BIOS;
	hb.hdr.launch_base = 0x200000;
	hb.hdr.launch_size = 0x260000; /* covers the SL region, as launch.ld does */
	hb.hdr.hv_base = HV_LINK;
	hb.hdr.hv_size = 0x2000;
	hb.hdr.hv_entry = HV_LINK;
	u8 *r = hb.hdr.rsdp;
	static const u8 sig[8] = {'R', 'S', 'D', ' ', 'P', 'T', 'R', ' '};
	memcpy(r, sig, sizeof(sig));
	st_le32(r + 16, (u32)RSDT_AT);
	u8 sum = 0;
	for (u32 i = 0; i < 20; i++)
		sum = (u8)(sum + r[i]);
	r[8] = (u8)(0 - sum);
	hb.hdr.rsdp_len = 20;
	pp_hb_add_mem(&hb, 0, 0x9f000, PP_MEM_USABLE);
	pp_hb_add_mem(&hb, 0x100000, MEM_SIZE - 0x100000, PP_MEM_USABLE);
	pp_hb_add_module(&hb, HV_ORIG, sizeof(hv_file), "hypervisor console=com1");
	pp_hb_add_module(&hb, POL_ORIG, sizeof(pol_file), "policy");
	pp_hb_add_module(&hb, PD_ORIG, sizeof(pd_file), "pd service");
	pp_hb_set_cmdline(&hb, "console=com1");
	int n = pp_hb_finish(&hb, hbuf, sizeof(hbuf));
	struct pp_handoff *h = (struct pp_handoff *)hbuf;
	const char *strs[3];
	u32 lens[3], hv;
	struct pp_err e;
	for (u32 i = 0; i < 3; i++) {
		strs[i] = pp_handoff_str(h, pp_handoff_modules(h)[i].cmdline_off);
		lens[i] = pp_handoff_modules(h)[i].cmdline_len;
	}
	if (n <= 0 || pp_module_roles(strs, lens, 3, roles, &hv, &e))
		return 0;
	return (u32)n;
}

static void sha256(const void *p, size_t n, u8 out[32])
{
	pp_hash(PP_ALG_SHA256, p, n, out);
}

TEST(sl_measured_is_loaded_although_the_originals_change)
{
	struct sl_area area;
	struct pp_err acpi_err, err;
	struct elf_image im;
	u8 want[32];

	mem = calloc(1, MEM_SIZE);
	REQUIRE(mem);
	REQUIRE(build() > 0);
	struct pp_handoff *h = (struct pp_handoff *)hbuf;
	const struct sl_range blob = {0x300000, 0x1000};
	sl_launch_type = PP_LAUNCH_STATIC;
	mutate_after_read = true;
	if (setjmp(fatal_jmp)) {
		unit_fail(__FILE__, __LINE__, fatal_msg);
		free(mem);
		return;
	}
	REQUIRE(sl_stage_area(h, sizeof(hbuf), &area, &acpi_err, &err) == 0);
	CHECK_EQ(acpi_err.code, 0);
	mem[APIC_AT + 40] ^= 0x5a; /* the firmware's table changes after the copy */
	sl_measure_all(h, roles, &acpi_err);
	sl_load_hypervisor(h, 0, &blob, &im);

	/* every original was read once, then changed behind the SL's back */
	for (u32 i = 0; i < norig; i++)
		CHECK(orig[i].changed);
	CHECK(memcmp(mem + HV_ORIG, hv_file, sizeof(hv_file)) != 0);

	/* the copies: in the area, equal to what was first read */
	const struct pp_module *m = pp_handoff_modules(h);
	CHECK_EQ(h->copy_base, area.base);
	CHECK(area.base >= 0x2200000 && area.base + area.size <= MEM_SIZE);
	for (u32 i = 0; i < 3; i++)
		CHECK(m[i].base >= h->copy_base &&
		      m[i].base + m[i].length <= h->copy_base + h->copy_size);
	CHECK(memcmp(mem + m[0].base, hv_file, sizeof(hv_file)) == 0);
	CHECK_EQ(pp_handoff_check(h, h->total_size, &err), 0);

	/* measured (PCR 17, the 2nd extend: after the launch type) == first read */
	REQUIRE(next == 1 + 2 + 1 + 4 + 1 + 1); /* 17: type, hv, cmdline; 18; 20: mmap, rsdp,
						   RSDT, APIC; 19: pd, manifest */
	sha256(hv_file, sizeof(hv_file), want);
	CHECK_EQ(ext[1].pcr, 17);
	CHECK(memcmp(ext[1].sha256, want, 32) == 0);
	sha256(pol_file, sizeof(pol_file), want);
	CHECK_EQ(ext[3].pcr, 18);
	CHECK(memcmp(ext[3].sha256, want, 32) == 0);
	sha256(pd_file, sizeof(pd_file), want);
	CHECK_EQ(ext[8].pcr, 19);
	CHECK(memcmp(ext[8].sha256, want, 32) == 0);

	/* ... and loaded == measured: the segment at 16 MiB is the first read's */
	CHECK_EQ(im.entry, HV_LINK);
	CHECK(memcmp(mem + HV_LINK, hv_file + 0x1000, 0x1000) == 0);
	for (u32 i = 0; i < 0x1000; i++)
		if (mem[HV_LINK + 0x1000 + i]) {
			unit_fail(__FILE__, __LINE__, ".bss not zeroed");
			break;
		}

	/* ACPI: copies recorded, measured as first read, the originals changed */
	REQUIRE(h->acpi_count == 2);
	const struct pp_acpi_copy *a = pp_handoff_acpi(h);
	CHECK_EQ(a[0].orig, RSDT_AT);
	CHECK(memcmp(a[0].sig, "RSDT", 4) == 0);
	CHECK_EQ(a[1].orig, APIC_AT);
	CHECK_EQ(a[1].length, ACPI_SDT_HDR_LEN + 8);
	CHECK(acpi_checksum_ok(mem + a[1].copy, a[1].length));
	CHECK(!acpi_checksum_ok(mem + APIC_AT, a[1].length)); /* the original did change */
	for (u32 i = 4; i < 8; i++)
		CHECK_EQ(ext[i].pcr, 20);
	sha256(mem + a[1].copy, a[1].length, want);
	CHECK(memcmp(ext[7].sha256, want, 32) == 0);
	sha256(pp_handoff_mmap(h), h->mmap_count * sizeof(struct pp_mem_range), want);
	CHECK(memcmp(ext[4].sha256, want, 32) == 0);
	free(mem);
}

/* The manifest binds names to images: two names swapped, PCR 19 differs. */
TEST(sl_manifest_binds_names)
{
	struct sl_area area;
	struct pp_err acpi_err, err;
	u8 first[32];

	mem = calloc(1, MEM_SIZE);
	REQUIRE(mem);
	if (setjmp(fatal_jmp)) {
		unit_fail(__FILE__, __LINE__, fatal_msg);
		free(mem);
		return;
	}
	mutate_after_read = false;
	sl_launch_type = PP_LAUNCH_STATIC;
	REQUIRE(build() > 0);
	struct pp_handoff *h = (struct pp_handoff *)hbuf;
	REQUIRE(sl_stage_area(h, sizeof(hbuf), &area, &acpi_err, &err) == 0);
	sl_measure_all(h, roles, &acpi_err);
	REQUIRE(next >= 1 && ext[next - 1].pcr == 19);
	memcpy(first, ext[next - 1].sha256, 32);

	/* the same image under another name: the pd event's digest is the same,
	 * the manifest's is not */
	REQUIRE(build() > 0);
	h = (struct pp_handoff *)hbuf;
	char *pd = (char *)h + pp_handoff_modules(h)[2].cmdline_off + roles[2].arg_off;
	REQUIRE(memcmp(pd, "service", 7) == 0);
	pd[0] = 'x';
	REQUIRE(sl_stage_area(h, sizeof(hbuf), &area, &acpi_err, &err) == 0);
	sl_measure_all(h, roles, &acpi_err);
	CHECK(memcmp(first, ext[next - 1].sha256, 32) != 0);
	mutate_after_read = true;
	free(mem);
}

TEST(sl_area_find_places_high_and_clear)
{
	struct pp_err e;
	u64 base = 0;
	const struct pp_mem_range m[] = {
	    {0, 0x9f000, PP_MEM_USABLE, 0},
	    {0x100000, 0x7ef00000, PP_MEM_USABLE, 0}, /* to 2 GiB */
	    {0x80000000ull, 0x1000000, PP_MEM_RESERVED, 0},
	    {0x100000000ull, 0x40000000, PP_MEM_USABLE, 0}, /* above 4 GiB: never */
	};
	/* top of the usable range below 4 GiB */
	REQUIRE(sl_area_find(m, 4, NULL, 0, 0x5000, &base, &e) == 0);
	CHECK_EQ(base, 0x7f000000ull - 0x5000);
	/* a forbidden range at the top pushes it below; two adjacent ones too */
	const struct sl_range f[] = {{0x7effe000, 0x2000}, {0x7eff8000, 0x6000}};
	REQUIRE(sl_area_find(m, 4, f, 2, 0x5000, &base, &e) == 0);
	CHECK_EQ(base, 0x7eff8000ull - 0x5000);
	/* sizes round up to pages */
	REQUIRE(sl_area_find(m, 4, NULL, 0, 0x1001, &base, &e) == 0);
	CHECK_EQ(base, 0x7f000000ull - 0x2000);
	/* nothing fits: a precise refusal */
	CHECK_EQ(sl_area_find(m, 2, NULL, 0, 0x80000000ull, &base, &e), PP_ENOMEM);
	CHECK_MSG(&e, "copy area: no 2097152 KiB of usable RAM below 4 GiB");
	/* the low range is below 1 MiB: never used */
	CHECK_EQ(sl_area_find(m, 1, NULL, 0, 0x1000, &base, &e), PP_ENOMEM);
	/* a forbidden range covering the whole usable range */
	const struct sl_range all = {0, 0x100000000ull};
	CHECK_EQ(sl_area_find(m, 4, &all, 1, 0x1000, &base, &e), PP_ENOMEM);
}

/* A malformed ACPI description is recorded, not fatal, and nothing is copied. */
TEST(sl_stage_bad_acpi)
{
	struct sl_area area;
	struct pp_err acpi_err, err;

	mem = calloc(1, MEM_SIZE);
	REQUIRE(mem);
	mutate_after_read = false;
	REQUIRE(build() > 0);
	struct pp_handoff *h = (struct pp_handoff *)hbuf;
	mem[APIC_AT + 20] ^= 1; /* checksum now wrong */
	REQUIRE(sl_stage_area(h, sizeof(hbuf), &area, &acpi_err, &err) == 0);
	CHECK_EQ(acpi_err.code, PP_ECHECKSUM);
	CHECK_MSG(&acpi_err, "table APIC at 0x81000: checksum mismatch");
	CHECK_EQ(h->acpi_count, 0);
	CHECK_EQ(pp_handoff_check(h, h->total_size, &err), 0);
	mutate_after_read = true;
	free(mem);
}
