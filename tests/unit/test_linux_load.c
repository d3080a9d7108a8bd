// SPDX-License-Identifier: GPL-2.0-only
/* Loading a Linux partition (hypervisor/core/linux/load.c) into a fake RAM:
 * a host buffer with guard bytes on both sides behind the lnx_gpa_ptr_fn
 * callback, which refuses what is outside it as part_mem_ptr does. The
 * image is a synthetic bzImage small enough for a 16 MiB partition
 * (pref_address and alignment 2 MiB, init_size 4 MiB); the checks read the
 * RAM back at boot.rst's and zero-page.rst's offsets and the register state
 * against boot.rst's "64-bit Boot Protocol". Each refusal load.h promises
 * to make before the first write leaves the whole RAM, its guards and the
 * register state untouched. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <parapet/bytes.h>
#include "hypervisor/core/linux/load.h"
#include "unit.h"
#include "tests/unit/boot_state_eq.h"

#define MB (1024ull * 1024)
#define RAM (16 * MB)
#define GUARD 4096u
#define POISON 0xA5u
#define SETUP_SECTS 4u
#define SYSSIZE 0x100u /* 4 KiB of protected-mode code */
#define KOFF ((size_t)(SETUP_SECTS + 1) * 512)
#define KLEN ((size_t)SYSSIZE * 16)
#define SIG 64u /* bytes after the code (an appended signature): not loaded */
#define IMG_LEN (KOFF + KLEN + SIG)
#define LOAD (2 * MB)
#define ENTRY (LOAD + 0x200)
#define EXTRA "tsc_early_khz=2500000"
/* zero-page.rst: e820_table at 0x2D0, 20-byte entries */
#define E820_OFF(i) ((size_t)0x2D0 + (size_t)20 * (i))

static u8 img[IMG_LEN];

/* A bzImage with Debian's header shape (linux-guest.md 1.2) but a 2 MiB
 * pref_address and a 4 MiB init_size; its code bytes are a pattern. */
static void mkimg(void)
{
	memset(img, 0, sizeof(img));
	img[0x1F1] = SETUP_SECTS;
	st_le32(img + 0x1F4, SYSSIZE);
	st_le16(img + 0x1FE, 0xAA55);
	img[0x200] = 0xEB;
	img[0x201] = 0x6A; /* header ends at 0x26C */
	st_le32(img + 0x202, 0x53726448);
	st_le16(img + 0x206, 0x020F);
	img[0x211] = 0x01; /* LOADED_HIGH */
	st_le32(img + 0x22C, 0x7fffffff);
	st_le32(img + 0x230, 2 * MB);
	img[0x234] = 1;
	img[0x235] = 21;
	st_le16(img + 0x236, 0x7f);
	st_le32(img + 0x238, 2047);
	st_le64(img + 0x258, 2 * MB);
	st_le32(img + 0x260, 4 * MB);
	for (u32 i = 0; i < KLEN; i++)
		img[KOFF + i] = (u8)(i * 7 + 3);
	memset(img + KOFF + KLEN, 0x5E, SIG);
}

struct fake_ram {
	u8 *buf; /* GUARD + size + GUARD */
	u8 *mem;
	u64 size;
	u32 refused;
};

/* As part_mem_ptr: [g, g + len) must be non-empty and inside the RAM. */
static u8 *ram_ptr(void *ctx, u64 g, u64 len)
{
	struct fake_ram *r = ctx;
	if (!len || g >= r->size || len > r->size - g) {
		r->refused++;
		return NULL;
	}
	return r->mem + g;
}

static void ram_init(struct fake_ram *r, u64 size)
{
	r->buf = malloc(GUARD + size + GUARD);
	memset(r->buf, POISON, GUARD + size + GUARD);
	r->mem = r->buf + GUARD;
	r->size = size;
	r->refused = 0;
}

static bool all_poison(const u8 *p, u64 n)
{
	for (u64 i = 0; i < n; i++)
		if (p[i] != POISON)
			return false;
	return true;
}

static bool guards_intact(const struct fake_ram *r)
{
	return all_poison(r->buf, GUARD) && all_poison(r->mem + r->size, GUARD);
}

static const u32 apic0 = 0;

static struct lnx_load_in input(const char *cmdline, const u8 *initrd, u64 initrd_len)
{
	return (struct lnx_load_in){.kernel = img,
				    .kernel_len = sizeof(img),
				    .initrd = initrd,
				    .initrd_len = initrd_len,
				    .cmdline = (const u8 *)cmdline,
				    .cmdline_len = cmdline ? strlen(cmdline) : 0,
				    .extra = EXTRA,
				    .ram_size = RAM,
				    .entry = ENTRY,
				    .cpu_count = 1,
				    .apic_ids = &apic0};
}

/* The guest's own 4-level walk from CR3 (APM vol. 2, 5.3): g maps to itself. */
static bool identity(const u8 *mem, u64 cr3, u64 g)
{
	u64 e = ld_le64(mem + cr3 + 8 * ((g >> 39) & 511));
	if ((e & 3) != 3)
		return false;
	e = ld_le64(mem + (e & ~0xfffull) + 8 * ((g >> 30) & 511));
	if ((e & 3) != 3 || (e & 0x80))
		return false;
	e = ld_le64(mem + (e & ~0xfffull) + 8 * ((g >> 21) & 511));
	return e == ((g & ~(2 * MB - 1)) | 0x83);
}

TEST(linux_load_success)
{
	static const char cmdline[] = "console=ttyS0,115200 quiet \t\r\n";
	struct fake_ram r;
	struct lnx_load_out out;
	struct part_boot_state st;
	struct pp_err err;
	const u64 ilen = 300 * 1024 + 5;
	u8 *initrd = malloc(ilen);
	for (u64 i = 0; i < ilen; i++)
		initrd[i] = (u8)(i * 13 + 1);
	mkimg();
	ram_init(&r, RAM);
	struct lnx_load_in in = input(cmdline, initrd, ilen);
	REQUIRE(lnx_load(&in, ram_ptr, &r, &out, &st, &err) == PP_OK);
	const struct lnx_layout *l = &out.l;
	const u8 *m = r.mem, *zp = m + 0x7000;
	CHECK(guards_intact(&r));
	CHECK_EQ(r.refused, 0);

	/* the kernel's protected-mode code at its load address, not the signature */
	CHECK_EQ(l->kernel_load, LOAD);
	CHECK_EQ(l->kernel_end, LOAD + 4 * MB);
	CHECK(!memcmp(m + LOAD, img + KOFF, KLEN));
	CHECK(all_poison(m + LOAD + KLEN, SIG));
	/* the initramfs: page aligned, above the kernel, inside the RAM */
	CHECK_EQ(l->initrd % 4096, 0);
	CHECK(l->initrd >= l->kernel_end);
	CHECK(l->initrd + ilen <= RAM);
	CHECK(!memcmp(m + l->initrd, initrd, ilen));

	/* the command line: the module without its trailing blanks, " ", ours, NUL */
	static const char want[] = "console=ttyS0,115200 quiet " EXTRA;
	CHECK_EQ(l->cmdline, 0x20000);
	CHECK_EQ(out.cmdline_len, sizeof(want) - 1);
	CHECK(!memcmp(m + 0x20000, want, sizeof(want)));
	CHECK_EQ(m[0x20000 + sizeof(want)], POISON);

	/* the zero page (zero-page.rst, boot.rst) */
	CHECK_EQ(ld_le32(zp + 0x202), 0x53726448); /* the image's header, copied */
	CHECK_EQ(ld_le32(zp + 0x260), 4 * MB);
	CHECK_EQ(zp[0x210], 0xFF);		  /* type_of_loader */
	CHECK_EQ(ld_le32(zp + 0x228), 0x20000);	  /* cmd_line_ptr */
	CHECK_EQ(ld_le32(zp + 0x0C8), 0);	  /* ext_cmd_line_ptr */
	CHECK_EQ(ld_le32(zp + 0x218), l->initrd); /* ramdisk_image */
	CHECK_EQ(ld_le32(zp + 0x21C), ilen);	  /* ramdisk_size */
	CHECK_EQ(ld_le32(zp + 0x0C0), 0);
	CHECK_EQ(ld_le32(zp + 0x0C4), 0);
	CHECK_EQ(ld_le64(zp + 0x070), 0xE0000); /* acpi_rsdp_addr */
	/* e820: low RAM, the ACPI tables reserved, the RAM from 1 MiB */
	static const u64 e820[3][3] = {
	    {0, 0xA0000, 1}, {0xE0000, 0x20000, 2}, {0x100000, RAM - 0x100000, 1}};
	REQUIRE(zp[0x1E8] == 3);
	for (u32 i = 0; i < 3; i++) {
		CHECK_EQ(ld_le64(zp + E820_OFF(i)), e820[i][0]);
		CHECK_EQ(ld_le64(zp + E820_OFF(i) + 8), e820[i][1]);
		CHECK_EQ(ld_le32(zp + E820_OFF(i) + 16), e820[i][2]);
	}
	CHECK_EQ(ld_le64(zp + E820_OFF(3)), 0);

	/* the RSDP at 0xE0000 (ACPI 6.5, 5.2.5.3): signature, checksum of 20 bytes */
	CHECK(!memcmp(m + 0xE0000, "RSD PTR ", 8));
	u8 sum = 0;
	for (u32 i = 0; i < 20; i++)
		sum = (u8)(sum + m[0xE0000 + i]);
	CHECK_EQ(sum, 0);
	CHECK_EQ(m[0xE0000 + 15], 2); /* revision 2: the XSDT */
	CHECK_EQ(gpa_val(out.acpi.rsdp), 0xE0000);

	/* the GDT: code64 at 0x10, data at 0x18 */
	CHECK_EQ(ld_le64(m + 0x1010), 0x00af9b000000ffffull);
	CHECK_EQ(ld_le64(m + 0x1018), 0x00cf93000000ffffull);

	/* the register state (boot.rst, "64-bit Boot Protocol") */
	CHECK_EQ(st.rip, ENTRY);
	CHECK_EQ(st.rsi, 0x7000);
	CHECK_EQ(st.rsp, 0x9000);
	CHECK_EQ(st.cr3, 0x9000);
	CHECK((st.cr0 & (PART_CR0_PE | PART_CR0_PG)) == (PART_CR0_PE | PART_CR0_PG));
	CHECK(st.cr4 & PART_CR4_PAE);
	CHECK_EQ(st.efer & (PART_EFER_LME | PART_EFER_LMA | PART_EFER_SVME),
		 PART_EFER_LME | PART_EFER_LMA | PART_EFER_SVME);
	CHECK_EQ(st.cs.sel, 0x10);
	CHECK_EQ(st.cs.attrib, 0xa9b);
	CHECK_EQ(st.ds.sel, 0x18);
	CHECK_EQ(st.ds.attrib, 0xc93);
	CHECK_EQ(st.es.sel, 0x18);
	CHECK_EQ(st.es.attrib, 0xc93);
	CHECK_EQ(st.ss.sel, 0x18);
	CHECK_EQ(st.ss.attrib, 0xc93);
	CHECK_EQ(st.gdtr.base, 0x1000);
	CHECK_EQ(st.gdtr.limit, 0x1F);
	CHECK_EQ(st.rflags & (1u << 9), 0); /* IF */
	CHECK_EQ(st.rflags, 0x2);
	/* the tables map where the CPU starts and what the kernel reads */
	CHECK(identity(m, st.cr3, st.rip));
	CHECK(identity(m, st.cr3, st.rsi));
	CHECK(identity(m, st.cr3, st.rsp - 8));
	CHECK(identity(m, st.cr3, 0x20000));
	CHECK(identity(m, st.cr3, l->kernel_end - 1));
	CHECK(identity(m, st.cr3, l->initrd + ilen - 1));
	free(initrd);
	free(r.buf);
}

/* Load with cmdline as the module and extra; expect the command line want. */
static void cmdline_case(const char *cmdline, const char *extra, const char *want)
{
	struct fake_ram r;
	struct lnx_load_out out;
	struct part_boot_state st;
	struct pp_err err = {0};
	mkimg();
	ram_init(&r, RAM);
	struct lnx_load_in in = input(cmdline, NULL, 0);
	in.extra = extra;
	int rc = lnx_load(&in, ram_ptr, &r, &out, &st, &err);
	if (rc)
		unit_fail(__FILE__, __LINE__, err.msg);
	CHECK_EQ(rc, PP_OK);
	CHECK_EQ(out.cmdline_len, strlen(want));
	CHECK(!memcmp(r.mem + 0x20000, want, strlen(want) + 1));
	CHECK_EQ(r.mem[0x20000 + strlen(want) + 1], POISON);
	CHECK_EQ(ld_le32(r.mem + 0x7000 + 0x228), 0x20000);
	CHECK_EQ(ld_le32(r.mem + 0x7000 + 0x218), 0); /* no initramfs */
	CHECK_EQ(ld_le32(r.mem + 0x7000 + 0x21C), 0);
	CHECK(guards_intact(&r));
	free(r.buf);
}

TEST(linux_load_cmdline_composition)
{
	cmdline_case("quiet", NULL, "quiet");	  /* no extra */
	cmdline_case("quiet\n", NULL, "quiet");	  /* its newline dropped */
	cmdline_case(NULL, EXTRA, EXTRA);	  /* extra alone */
	cmdline_case(" \n", EXTRA, EXTRA);	  /* a blank module */
	cmdline_case(NULL, NULL, "");		  /* neither: "" */
	cmdline_case("", "", "");		  /* both empty */
	cmdline_case("  a  b ", "c", "  a  b c"); /* inner blanks kept */
	cmdline_case("x=\"a b\" ~!@#$%^&*()_+{}|", "y", "x=\"a b\" ~!@#$%^&*()_+{}| y");
}

/* A refusal before the first write: rc and message, the RAM, its guards and
 * the register state untouched. */
static void refused_early(const struct lnx_load_in *in, int rc, const char *msg)
{
	struct fake_ram r;
	struct lnx_load_out out;
	struct part_boot_state st, before;
	struct pp_err err = {0};
	ram_init(&r, RAM);
	memset(&st, 0x5A, sizeof(st));
	before = st;
	CHECK_EQ(lnx_load(in, ram_ptr, &r, &out, &st, &err), rc);
	CHECK_EQ(err.code, rc);
	CHECK_MSG(&err, msg);
	CHECK(all_poison(r.buf, GUARD + r.size + GUARD));
	CHECK(boot_state_eq(&st, &before));
	free(r.buf);
}

TEST(linux_load_refuses_wrong_entry)
{
	mkimg();
	struct lnx_load_in in = input("quiet", NULL, 0);
	in.entry = LOAD; /* the load address, not its 64-bit entry */
	refused_early(&in, PP_ERANGE,
		      "kernel: it would start at 0x200200 (load 0x200000 + 0x200), the policy's "
		      "entry is 0x200000");
	in.entry = ENTRY + 2 * MB;
	refused_early(&in, PP_ERANGE, "the policy's entry is 0x400200");
}

TEST(linux_load_refuses_control_bytes)
{
	mkimg();
	struct lnx_load_in in = input("console=ttyS0\x01 quiet", NULL, 0);
	refused_early(&in, PP_EINVAL, "command line: byte 13 is 0x01, not printable ASCII");
	in = input("a\nb", NULL, 0); /* a newline inside, not trailing */
	refused_early(&in, PP_EINVAL, "byte 1 is 0x0a");
	in = input("quiet\x7f", NULL, 0);
	refused_early(&in, PP_EINVAL, "byte 5 is 0x7f");
	in = input("\xc3\xa9t\xc3\xa9", NULL, 0);
	refused_early(&in, PP_EINVAL, "byte 0 is 0xc3");
	in = input("\tquiet", NULL, 0); /* a leading tab is not dropped */
	refused_early(&in, PP_EINVAL, "byte 0 is 0x09");
	static const u8 nul[] = {'a', 0, 'b'};
	in = input(NULL, NULL, 0);
	in.cmdline = nul;
	in.cmdline_len = sizeof(nul);
	refused_early(&in, PP_EINVAL, "byte 1 is 0x00");
}

TEST(linux_load_refuses_long_cmdline)
{
	struct fake_ram r;
	struct lnx_load_out out;
	struct part_boot_state st;
	struct pp_err err;
	mkimg();
	st_le32(img + 0x238, 32); /* cmdline_size */
	/* 10 + " " + 21 = 32: exactly what the kernel takes */
	struct lnx_load_in in = input("0123456789", NULL, 0);
	ram_init(&r, RAM);
	CHECK_EQ(lnx_load(&in, ram_ptr, &r, &out, &st, &err), PP_OK);
	CHECK_EQ(out.cmdline_len, 32);
	CHECK(!memcmp(r.mem + 0x20000, "0123456789 " EXTRA, 33));
	free(r.buf);
	in = input("0123456789a", NULL, 0);
	refused_early(&in, PP_ERANGE,
		      "command line: 33 bytes (11 of the module), the kernel takes at most 32 "
		      "(cmdline_size)");
	/* the module alone, without our arguments */
	in = input("0123456789012345678901234567890123", NULL, 0);
	in.extra = NULL;
	refused_early(&in, PP_ERANGE, "34 bytes (34 of the module)");
	/* the trailing blanks do not count */
	in = input("01234567890123456789012345678901\n\n\n", NULL, 0);
	in.extra = NULL;
	ram_init(&r, RAM);
	CHECK_EQ(lnx_load(&in, ram_ptr, &r, &out, &st, &err), PP_OK);
	CHECK_EQ(out.cmdline_len, 32);
	free(r.buf);
}

TEST(linux_load_refuses_long_extra)
{
	struct fake_ram r;
	struct lnx_load_out out;
	struct part_boot_state st;
	struct pp_err err;
	char extra[LNX_EXTRA_MAX + 2];
	mkimg();
	memset(extra, 'x', LNX_EXTRA_MAX);
	extra[LNX_EXTRA_MAX] = 0;
	struct lnx_load_in in = input("quiet", NULL, 0);
	in.extra = extra;
	ram_init(&r, RAM);
	CHECK_EQ(lnx_load(&in, ram_ptr, &r, &out, &st, &err), PP_OK);
	CHECK_EQ(out.cmdline_len, 6 + LNX_EXTRA_MAX);
	free(r.buf);
	extra[LNX_EXTRA_MAX] = 'x';
	extra[LNX_EXTRA_MAX + 1] = 0;
	refused_early(&in, PP_ERANGE, "command line: 129 bytes of hypervisor arguments");
	in.cmdline = NULL;
	in.cmdline_len = 0;
	refused_early(&in, PP_ERANGE, "129 bytes of hypervisor arguments");
}

TEST(linux_load_refuses_small_ram)
{
	mkimg();
	st_le32(img + 0x260, 15 * MB); /* init_size: [2 MiB, 17 MiB) */
	struct lnx_load_in in = input("quiet", NULL, 0);
	refused_early(&in, PP_ERANGE,
		      "linux layout: kernel [0x200000, +init_size 0xf00000) does not fit below "
		      "0x1000000");
	/* 14 MiB fits; the RAM itself below the minimum does not */
	st_le32(img + 0x260, 14 * MB);
	in.ram_size = 14 * MB;
	refused_early(&in, PP_ERANGE, "RAM size 0xe00000 outside");
	in.ram_size = RAM + 4096;
	refused_early(&in, PP_EINVAL, "RAM size 0x1001000 is not 2 MiB aligned");
}

TEST(linux_load_refuses_bad_image)
{
	mkimg();
	st_le16(img + 0x1FE, 0x55AA);
	struct lnx_load_in in = input("quiet", NULL, 0);
	refused_early(&in, PP_EMAGIC, "boot flag at 0x1FE is 0x55aa");
	mkimg();
	in.kernel_len = KOFF + KLEN - 1; /* the code is cut short */
	refused_early(&in, PP_ETRUNC, "the file has");
	in.kernel_len = sizeof(img);
	img[0x236] = 0x7e; /* no 64-bit entry */
	refused_early(&in, PP_ENOTSUP, "lack XLF_KERNEL_64");
	in.kernel = NULL;
	in.kernel_len = 0;
	refused_early(&in, PP_EINVAL, "bzImage: no image");
	/* code of 0x200 bytes: the entry at +0x200 would be past it, in zeroed RAM */
	mkimg();
	st_le32(img + 0x1F4, 0x200 / 16);
	in = input("quiet", NULL, 0);
	refused_early(&in, PP_EINVAL, "ends before the 64-bit entry at +0x200");
}

TEST(linux_load_refuses_big_initrd)
{
	const u64 ilen = 15 * MB;
	u8 *initrd = calloc(1, ilen);
	mkimg();
	struct lnx_load_in in = input("quiet", initrd, ilen);
	refused_early(&in, PP_ERANGE, "linux layout: initrd of 0xf00000 bytes fits neither");
	/* room below the kernel only: [1 MiB, 2 MiB) takes 1 MiB, not a page more */
	st_le32(img + 0x260, 14 * MB);
	in.initrd_len = MB + 1;
	refused_early(&in, PP_ERANGE, "initrd of 0x100001 bytes fits neither");
	struct fake_ram r;
	struct lnx_load_out out;
	struct part_boot_state st;
	struct pp_err err;
	in.initrd_len = MB;
	ram_init(&r, RAM);
	CHECK_EQ(lnx_load(&in, ram_ptr, &r, &out, &st, &err), PP_OK);
	CHECK_EQ(out.l.initrd, MB);
	CHECK_EQ(ld_le32(r.mem + 0x7000 + 0x218), MB);
	CHECK_EQ(ld_le32(r.mem + 0x7000 + 0x21C), MB);
	free(r.buf);
	free(initrd);
}

TEST(linux_load_refuses_bad_vcpus)
{
	static const u32 twice[2] = {3, 3};
	mkimg();
	struct lnx_load_in in = input("quiet", NULL, 0);
	in.cpu_count = 0;
	refused_early(&in, PP_EINVAL, "vacpi: no vCPU");
	in.cpu_count = 2;
	in.apic_ids = twice;
	refused_early(&in, PP_EINVAL, "vacpi: vCPUs 0 and 1 share APIC ID 0x3");
}

/* The callback refuses part of what the policy calls RAM (a plan smaller
 * than ram_size): the load stops with the range named, and nothing lands
 * outside what the callback gave. */
TEST(linux_load_ram_refused_by_callback)
{
	struct fake_ram r;
	struct lnx_load_out out;
	struct part_boot_state st, before;
	struct pp_err err;
	const u64 ilen = 8192;
	u8 *initrd = calloc(1, ilen);
	mkimg();
	struct lnx_load_in in = input("quiet", initrd, ilen);
	memset(&st, 0x5A, sizeof(st));
	before = st;
	ram_init(&r, 8 * MB); /* the initramfs goes below 16 MiB */
	CHECK_EQ(lnx_load(&in, ram_ptr, &r, &out, &st, &err), PP_ERANGE);
	CHECK_MSG(&err, "initramfs: [0xffe000, +0x2000) is not in the partition's RAM");
	CHECK(guards_intact(&r));
	CHECK(r.refused > 0);
	CHECK(boot_state_eq(&st, &before));
	free(r.buf);
	ram_init(&r, LOAD + 2048); /* the kernel's code does not fit */
	CHECK_EQ(lnx_load(&in, ram_ptr, &r, &out, &st, &err), PP_ERANGE);
	CHECK_MSG(&err, "kernel: [0x200000, +0x1000) is not in the partition's RAM");
	CHECK(guards_intact(&r));
	free(r.buf);
	ram_init(&r, 0xE0000); /* no room for the ACPI tables: nothing written */
	CHECK_EQ(lnx_load(&in, ram_ptr, &r, &out, &st, &err), PP_ERANGE);
	CHECK_MSG(&err, "the ACPI tables or the zero page are not in its RAM");
	CHECK(all_poison(r.buf, GUARD + r.size + GUARD));
	free(r.buf);
	free(initrd);
}

/* The NIC of linux-nic-uefi as vpci shows it: BAR1 32-bit 4 KiB, BAR4/5 a
 * 64-bit prefetchable 16 KiB BAR. */
static struct vpci_cfg nic_view(void)
{
	struct vpci_cfg c;
	memset(&c, 0, sizeof(c));
	c.guest_bdf = VPCI_BDF(0, 1, 0);
	c.host_bridge = true;
	c.bar[1] = (struct vpci_bar_cfg){VPCI_BAR_MEM32, false, 0x1000, 0xC0001000ull};
	c.bar[4] = (struct vpci_bar_cfg){VPCI_BAR_MEM64, true, 0x4000, 0xE000000000ull};
	return c;
}

TEST(linux_pci_windows)
{
	struct vpci_cfg c = nic_view();
	struct vacpi_pci w;
	struct pp_err err = {0};
	REQUIRE(lnx_pci_windows(&c, &w, &err) == PP_OK);
	REQUIRE(w.nwin == 2);
	CHECK_EQ(w.win[0].base, 0xC0001000ull);
	CHECK_EQ(w.win[0].size, 0x1000);
	CHECK(!w.win[0].prefetch);
	CHECK_EQ(w.win[1].base, 0xE000000000ull);
	CHECK_EQ(w.win[1].size, 0x4000);
	CHECK(w.win[1].prefetch);
	/* a MEM64 BAR's upper half is skipped even when it looks like a BAR */
	c.bar[5] = (struct vpci_bar_cfg){VPCI_BAR_MEM32, false, 0x1000, 0xC0002000ull};
	REQUIRE(lnx_pci_windows(&c, &w, &err) == PP_OK);
	CHECK_EQ(w.nwin, 2);
	/* no BAR: a bridge with no window */
	memset(c.bar, 0, sizeof(c.bar));
	REQUIRE(lnx_pci_windows(&c, &w, &err) == PP_OK);
	CHECK_EQ(w.nwin, 0);
	c.bar[0] = (struct vpci_bar_cfg){VPCI_BAR_IO, false, 0x20, 0xC000};
	CHECK_EQ(lnx_pci_windows(&c, &w, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "pci: BAR0 is an I/O BAR: the root bridge has no I/O window");
	c.bar[0].type = 7;
	CHECK_EQ(lnx_pci_windows(&c, &w, &err), PP_EINVAL);
	CHECK_MSG(&err, "pci: BAR0 has type 7");
}

/* With a device the DSDT carries \_SB.PCI0 and its windows; without, not;
 * an unusable view is refused before the first write. */
TEST(linux_load_pci_root_bridge)
{
	struct fake_ram r;
	struct lnx_load_out out;
	struct part_boot_state st;
	struct pp_err err = {0};
	struct vpci_cfg c = nic_view();
	u8 w[16];
	mkimg();
	for (int with = 0; with < 2; with++) {
		ram_init(&r, RAM);
		struct lnx_load_in in = input("quiet", NULL, 0);
		in.pci = with ? &c : NULL;
		REQUIRE(lnx_load(&in, ram_ptr, &r, &out, &st, &err) == PP_OK);
		const u8 *d = r.mem + gpa_val(out.acpi.dsdt);
		const u32 dl = ld_le32(d + 4);
		CHECK(!memcmp(d, "DSDT", 4));
		u8 sum = 0;
		for (u32 i = 0; i < dl; i++)
			sum = (u8)(sum + d[i]);
		CHECK_EQ(sum, 0);
		CHECK_EQ(memmem(d, dl, "PCI0", 4) != NULL, with);
		/* BAR4's window: _MIN then _MAX in its QWord descriptor */
		st_le64(w, 0xE000000000ull);
		st_le64(w + 8, 0xE000003FFFull);
		CHECK_EQ(memmem(d, dl, w, 16) != NULL, with);
		free(r.buf);
	}
	struct lnx_load_in in = input("quiet", NULL, 0);
	c.bar[0] = (struct vpci_bar_cfg){VPCI_BAR_IO, false, 0x20, 0xC000};
	in.pci = &c;
	refused_early(&in, PP_ENOTSUP, "pci: BAR0 is an I/O BAR");
	c = nic_view();
	c.bar[1].addr = 0xE000001000ull; /* inside BAR4 */
	refused_early(&in, PP_EOVERLAP, "vacpi: PCI windows 0 and 1 overlap");
}
