// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine builder (common/policy/machine*.c): what it derives from
 * synthetic MADT/MCFG/DMAR/IVRS tables (tests/unit/acpi_fake.h), the memory
 * map and the PCI list, and every refusal with its message, *out unchanged.
 */
#include <parapet/policy_machine.h>
#include "acpi_fake.h"
#include "unit.h"

static struct fake f;
static struct acpi_info info;
static struct pp_pol_machine m, m0;
static struct pp_pol_machine_in in;
static struct pp_err err;
static struct pp_pol_mem_ent mem[8];
static struct pp_pol_pci_fn pci[8];
static struct pp_pol_range hv[2];

#define FN(b, d, fn) ((struct pp_pol_pci_fn){0, (b), (u8)((d) << 3 | (fn))})

/* A q35 machine: 4 CPUs, one IOAPIC, MCFG bus 0-255, IVRS or DMAR. */
static void setup(bool dmar)
{
	struct q35_opts o = {.dmar = dmar, .ncpus = 4};
	fake_q35(&f, &o);
	fake_layout(&f);
	memset(&err, 0, sizeof(err));
	if (fake_parse(&f, &info, &err) != PP_OK)
		abort();
	memset(&in, 0, sizeof(in));
	in.acpi = &info;
	in.oem = fake_at(&f, f.root);
	in.oem_len = 36;
	in.iommu_tbl = fake_at(&f, f.phys[T_IOMMU]);
	in.iommu_tbl_len = ld_le32(in.iommu_tbl + 4);
	mem[0] = (struct pp_pol_mem_ent){0, 0x9fc00, PP_POL_MEM_USABLE};
	mem[1] = (struct pp_pol_mem_ent){0xf0000, 0x10000, 2};
	mem[2] = (struct pp_pol_mem_ent){0x100000, 0x3ff00000, PP_POL_MEM_USABLE};
	mem[3] = (struct pp_pol_mem_ent){0x800000, 0x8000, 4}; /* ACPI NVS inside RAM */
	in.mem = mem;
	in.n_mem = 4;
	pci[0] = FN(0, 0, 0);
	pci[1] = FN(0, 3, 0);
	pci[2] = FN(0, 0x1f, 0);
	pci[3] = FN(0, 0x1f, 2);
	in.pci = pci;
	in.n_pci = 4;
	hv[0] = (struct pp_pol_range){0x1000000, 0x1000000};
	in.reserved = hv;
	in.n_reserved = 1;
	in.maxphyaddr = 40;
	in.hv_version = 1;
	memset(&m, 0x5a, sizeof(m));
	m0 = m;
}

static bool has_forbidden(u64 base, u64 size)
{
	for (u32 i = 0; i < m.n_forbidden; i++)
		if (m.forbidden[i].base == base && m.forbidden[i].size == size)
			return true;
	return false;
}

TEST(policy_machine_q35_amd)
{
	setup(false);
	REQUIRE(pp_pol_machine_build(&in, &m, &err) == PP_OK);
	CHECK(strcmp(m.platform, "PARAPT/TESTTABL") == 0);
	CHECK_EQ(m.n_cpus, 4);
	CHECK_EQ(m.n_gsis, 24);
	CHECK_EQ(m.n_iommus, 1);
	CHECK_EQ(m.hv_version, 1);
	/* IVinfo 0x00203040: PA size 48, VA size 64; MAXPHYADDR 40 wins */
	CHECK_EQ(m.addr_bits, 40);
	CHECK(has_forbidden(0xfee00000, 0x1000));
	CHECK(has_forbidden(0xfec00000, 0x1000));
	CHECK(has_forbidden(0xfed80000, PP_POL_AMDVI_SIZE));
	CHECK(has_forbidden(0xb0000000, 256 * 0x100000ull));
	CHECK_EQ(m.n_forbidden, 4);
	/* 0-0x9f000 (partial page dropped), 1 MiB-8 MiB, 8 MiB+32K-1 GiB */
	REQUIRE(m.n_usable == 3);
	CHECK_EQ(m.usable[0].base, 0);
	CHECK_EQ(m.usable[0].size, 0x9f000);
	CHECK_EQ(m.usable[1].base, 0x100000);
	CHECK_EQ(m.usable[1].size, 0x700000);
	CHECK_EQ(m.usable[2].base, 0x808000);
	CHECK_EQ(m.usable[2].base + m.usable[2].size, 0x40000000);
	CHECK_EQ(m.n_reserved, 1);
	CHECK_EQ(m.n_devs, 4);
	/* the fake IVHD covers 0000-ffff by a range */
	for (u32 i = 0; i < 4; i++)
		CHECK_EQ(m.devs[i].iommu, 0);
	CHECK_EQ(m.devs[3].devfn, 0x1f << 3 | 2);
}

TEST(policy_machine_q35_intel_include_all)
{
	setup(true);
	REQUIRE(pp_pol_machine_build(&in, &m, &err) == PP_OK);
	CHECK_EQ(m.n_iommus, 1);
	CHECK_EQ(m.addr_bits, 39); /* DMAR HAW 39 < MAXPHYADDR 40 */
	CHECK(has_forbidden(0xfed90000, 0x1000));
	for (u32 i = 0; i < 4; i++)
		CHECK_EQ(m.devs[i].iommu, 0);
}

TEST(policy_machine_no_iommu)
{
	setup(false);
	memset(info.iommus, 0, sizeof(info.iommus));
	info.iommu_count = 0;
	in.iommu_tbl = NULL;
	in.iommu_tbl_len = 0;
	REQUIRE(pp_pol_machine_build(&in, &m, &err) == PP_OK);
	CHECK_EQ(m.n_iommus, 0);
	CHECK_EQ(m.addr_bits, 40);
	for (u32 i = 0; i < 4; i++)
		CHECK_EQ(m.devs[i].iommu, PP_POL_NO_IOMMU);
}

/* Two DRHDs: unit 0 scoped to 00:1f.2 (endpoint) and to the subtree behind
 * bridge 00:1c.0 (buses 2-3), unit 1 INCLUDE_PCI_ALL. */
static void two_drhds(struct tb *t, u8 scope_type, u8 dev, u8 fn)
{
	tb_hdr(t, "DMAR", 1);
	tb_u8(t, 45); /* HAW 46 */
	tb_u8(t, 0);
	tb_zero(t, 10);
	tb_u16(t, 0);
	tb_u16(t, 16 + 8 + 8);
	tb_u8(t, 0);
	tb_u8(t, 2); /* 4 pages */
	tb_u16(t, 0);
	tb_u64(t, 0xfed91000ull);
	tb_u8(t, 1);
	tb_u8(t, 8);
	tb_u16(t, 0);
	tb_u8(t, 0);
	tb_u8(t, 0);
	tb_u8(t, 0x1f);
	tb_u8(t, 2);
	tb_u8(t, scope_type);
	tb_u8(t, 8);
	tb_u16(t, 0);
	tb_u8(t, 0);
	tb_u8(t, 0);
	tb_u8(t, dev);
	tb_u8(t, fn);
	tb_u16(t, 0);
	tb_u16(t, 16);
	tb_u8(t, 1);
	tb_u8(t, 0);
	tb_u16(t, 0);
	tb_u64(t, 0xfed90000ull);
	sdt_fix(t->b, t->len, t->len);
}

static struct tb dm;
static const struct pp_pol_bridge br[] = {{0, 0, 0x1c << 3, 2, 3}};

static int mk_dmar(u8 scope_type, u8 dev, u8 fn)
{
	setup(true);
	two_drhds(&dm, scope_type, dev, fn);
	memset(&info, 0, sizeof(info));
	if (acpi_parse_madt(fake_at(&f, f.phys[T_MADT]), f.t[T_MADT].len, &info, &err) ||
	    acpi_parse_dmar(dm.b, dm.len, &info, &err))
		return -100;
	in.iommu_tbl = dm.b;
	in.iommu_tbl_len = dm.len;
	pci[4] = FN(0, 0x1c, 0);
	pci[5] = FN(2, 0, 0);
	pci[6] = FN(3, 1, 0);
	pci[7] = FN(4, 0, 0);
	in.n_pci = 8;
	in.bridges = br;
	in.n_bridges = 1;
	return pp_pol_machine_build(&in, &m, &err);
}

TEST(policy_machine_dmar_scopes)
{
	REQUIRE(mk_dmar(2, 0x1c, 0) == PP_OK);
	CHECK_EQ(m.n_iommus, 2);
	CHECK_EQ(m.addr_bits, 40);
	CHECK(has_forbidden(0xfed91000, 0x4000));
	CHECK(has_forbidden(0xfed90000, 0x1000));
	CHECK_EQ(m.devs[0].iommu, 1); /* 00:00.0: include-all */
	CHECK_EQ(m.devs[3].iommu, 0); /* 00:1f.2: endpoint scope */
	CHECK_EQ(m.devs[2].iommu, 1); /* 00:1f.0: not in the scope */
	CHECK_EQ(m.devs[4].iommu, 0); /* the bridge itself */
	CHECK_EQ(m.devs[5].iommu, 0); /* bus 2, behind it */
	CHECK_EQ(m.devs[6].iommu, 0); /* bus 3 */
	CHECK_EQ(m.devs[7].iommu, 1); /* bus 4: outside the subtree */
}

TEST(policy_machine_dmar_refusals)
{
	/* an endpoint path through an unknown bridge */
	CHECK_EQ(mk_dmar(1, 0x1d, 0), PP_OK);
	in.n_bridges = 0;
	CHECK_EQ(mk_dmar(2, 0x1d, 0), PP_ENOTSUP);
	CHECK_MSG(&err, "crosses bridge 0000:00:1d.0, whose bus numbers are not known");
	CHECK(memcmp(&m, &m0, sizeof(m)) == 0);
	CHECK_EQ(mk_dmar(1, 32, 0), PP_EINVAL);
	CHECK_MSG(&err, "path entry 0 is device 32 function 0");
	/* a scope of a bad length */
	setup(true);
	two_drhds(&dm, 1, 0x1f, 2);
	dm.b[48 + 17] = 7;
	in.iommu_tbl = dm.b;
	in.iommu_tbl_len = dm.len;
	memset(&info, 0, sizeof(info));
	REQUIRE(acpi_parse_madt(fake_at(&f, f.phys[T_MADT]), f.t[T_MADT].len, &info, &err) == 0);
	info.iommu_count = 2;
	info.iommus[0].base = 0xfed91000;
	info.iommus[1].base = 0xfed90000;
	CHECK_EQ(pp_pol_machine_build(&in, &m, &err), PP_EINVAL);
	CHECK_MSG(&err, "device scope at offset 0x40 malformed");
	/* a DRHD the parsed units do not know */
	info.iommus[0].base = 0xfed92000;
	dm.b[48 + 17] = 8;
	CHECK_EQ(pp_pol_machine_build(&in, &m, &err), PP_EINVAL);
	CHECK_MSG(&err, "register base 0xfed91000 is not a parsed IOMMU unit");
	/* two include-all units in one segment */
	info.iommus[0].base = 0xfed91000;
	dm.b[48 + 4] = 1;
	CHECK_EQ(pp_pol_machine_build(&in, &m, &err), PP_EINVAL);
	CHECK_MSG(&err, "a second INCLUDE_PCI_ALL unit for segment 0");
	CHECK(memcmp(&m, &m0, sizeof(m)) == 0);
}

/* An IVRS with two units: entries given as raw bytes after each header. */
static struct tb iv;
static void ivhd_begin(struct tb *t, u8 type, u64 base, u32 *start)
{
	*start = t->len;
	tb_u8(t, type);
	tb_u8(t, 0);
	tb_u16(t, 0);
	tb_u16(t, 0x18);
	tb_u16(t, 0x40);
	tb_u64(t, base);
	tb_u16(t, 0);
	tb_u16(t, 0);
	tb_u32(t, 0);
	if (type != 0x10)
		tb_zero(t, 16);
}
static void ivhd_end(struct tb *t, u32 start)
{
	st_le16(t->b + start + 2, (u16)(t->len - start));
}
static void ent(struct tb *t, u8 type, u16 id, u8 b3)
{
	tb_u8(t, type);
	tb_u16(t, id);
	tb_u8(t, b3);
}

static int mk_ivrs(void (*fill)(struct tb *t))
{
	setup(false);
	tb_hdr(&iv, "IVRS", 2);
	tb_u32(&iv, 0x00002800u); /* PA size 40, VA size 0 */
	tb_zero(&iv, 8);
	fill(&iv);
	sdt_fix(iv.b, iv.len, iv.len);
	memset(&info, 0, sizeof(info));
	if (acpi_parse_madt(fake_at(&f, f.phys[T_MADT]), f.t[T_MADT].len, &info, &err) ||
	    acpi_parse_ivrs(iv.b, iv.len, &info, &err))
		return -100;
	in.iommu_tbl = iv.b;
	in.iommu_tbl_len = iv.len;
	return pp_pol_machine_build(&in, &m, &err);
}

/* unit 0: select 00:00.0, range 00:1f.0-00:1f.7; unit 1 (0x10 and 0x40
 * blocks): alias select 00:03.0 -> 00:1e.0, extended select 00:01.0 */
static void fill_two(struct tb *t)
{
	u32 s;
	ivhd_begin(t, 0x10, 0xfed80000ull, &s);
	ent(t, 2, 0x0000, 0);
	ent(t, 3, 0x00f8, 0);
	ent(t, 4, 0x00ff, 0);
	ivhd_end(t, s);
	ivhd_begin(t, 0x10, 0xfed00000ull, &s);
	ent(t, 0x42, 0x0018, 0);
	tb_u8(t, 0);
	tb_u16(t, 0x00f0);
	tb_u8(t, 0);
	ivhd_end(t, s);
	ivhd_begin(t, 0x40, 0xfed00000ull, &s);
	ent(t, 0x46, 0x0008, 0);
	tb_u32(t, 0);
	ent(t, 0x48, 0, 0); /* special: IOAPIC */
	tb_u32(t, 0);
	ivhd_end(t, s);
}

TEST(policy_machine_ivrs_units)
{
	REQUIRE(mk_ivrs(fill_two) == PP_OK);
	CHECK_EQ(m.n_iommus, 2);
	CHECK_EQ(m.addr_bits, 40);
	CHECK(has_forbidden(0xfed00000, PP_POL_AMDVI_SIZE));
	CHECK_EQ(m.devs[0].iommu, 0); /* 00:00.0 select */
	CHECK_EQ(m.devs[1].iommu, 1); /* 00:03.0 alias select */
	CHECK_EQ(m.devs[2].iommu, 0); /* 00:1f.0 range */
	CHECK_EQ(m.devs[3].iommu, 0); /* 00:1f.2 range */
	/* the alias entry: 00:03.0's DMA carries 00:1e.0's ID; the others their own */
	CHECK_EQ(m.devs[1].alias, 0x00f0);
	CHECK_EQ(m.devs[0].alias, 0x0000);
	CHECK_EQ(m.devs[2].alias, 0x00f8);
	in.n_pci = 5;
	pci[4] = FN(0, 2, 0); /* in no entry */
	REQUIRE(pp_pol_machine_build(&in, &m, &err) == PP_OK);
	CHECK_EQ(m.devs[4].iommu, PP_POL_NO_IOMMU);
}

static void fill_conflict(struct tb *t)
{
	u32 s;
	ivhd_begin(t, 0x10, 0xfed80000ull, &s);
	ent(t, 1, 0, 0);
	ivhd_end(t, s);
	ivhd_begin(t, 0x10, 0xfed00000ull, &s);
	ent(t, 2, 0x0018, 0);
	ivhd_end(t, s);
}
static void fill_no_end(struct tb *t)
{
	u32 s;
	ivhd_begin(t, 0x10, 0xfed80000ull, &s);
	ent(t, 3, 0x0010, 0);
	ent(t, 2, 0x0018, 0);
	ivhd_end(t, s);
}
static void fill_lone_end(struct tb *t)
{
	u32 s;
	ivhd_begin(t, 0x10, 0xfed80000ull, &s);
	ent(t, 4, 0x0010, 0);
	ivhd_end(t, s);
}
static void fill_backwards(struct tb *t)
{
	u32 s;
	ivhd_begin(t, 0x10, 0xfed80000ull, &s);
	ent(t, 3, 0x0020, 0);
	ent(t, 4, 0x0010, 0);
	ivhd_end(t, s);
}

TEST(policy_machine_ivrs_refusals)
{
	CHECK_EQ(mk_ivrs(fill_conflict), PP_EINVAL);
	CHECK_MSG(&err, "gives PCI function 0000:00:03.0 to IOMMU unit 1, unit 0 already has it");
	CHECK(memcmp(&m, &m0, sizeof(m)) == 0);
	CHECK_EQ(mk_ivrs(fill_no_end), PP_EINVAL);
	CHECK_MSG(&err, "IVHD range start at offset 0x48 has no range end");
	CHECK_EQ(mk_ivrs(fill_lone_end), PP_EINVAL);
	CHECK_MSG(&err, "IVHD range end at offset 0x48 without a range start");
	CHECK_EQ(mk_ivrs(fill_backwards), PP_EINVAL);
	CHECK_MSG(&err, "ends (0x10) before it starts (0x20)");
	CHECK(memcmp(&m, &m0, sizeof(m)) == 0);
}

/* n bytes of s into d (a fixed-width field, no terminator) */
static void put_chars(u8 *d, const char *s, u32 n)
{
	for (u32 i = 0; i < n; i++)
		d[i] = (u8)s[i];
}

TEST(policy_machine_platform)
{
	u8 h[36] = {0};
	char s[PP_POL_PLATFORM_MAX + 1];
	put_chars(h + 10, "BOCHS BXPC    ", 14);
	REQUIRE(pp_pol_machine_platform(h, 36, s, &err) == PP_OK);
	CHECK(strcmp(s, "BOCHS/BXPC") == 0);
	put_chars(h + 10, "ALASKA\0\0\0\0\0\0\0\0", 14);
	put_chars(h + 16, "A M I\0\0\0", 8);
	CHECK_EQ(pp_pol_machine_platform(h, 36, s, &err), PP_EINVAL);
	CHECK_MSG(&err, "OEM Table ID byte 1 is 0x20");
	put_chars(h + 16, "AMI12345", 8);
	REQUIRE(pp_pol_machine_platform(h, 36, s, &err) == PP_OK);
	CHECK(strcmp(s, "ALASKA/AMI12345") == 0);
	memset(h + 10, ' ', 6);
	CHECK_EQ(pp_pol_machine_platform(h, 36, s, &err), PP_EINVAL);
	CHECK_MSG(&err, "the OEM ID is empty");
	CHECK_EQ(pp_pol_machine_platform(h, 35, s, &err), PP_ETRUNC);
	CHECK_MSG(&err, "table header of 35 bytes (< 36)");
}

/* Each refusal: an edit of the inputs, the code, a piece of the message. */
#define REFUSE(name, edit, code, msg)                                                              \
	TEST(policy_machine_refuse_##name)                                                         \
	{                                                                                          \
		setup(false);                                                                      \
		edit;                                                                              \
		CHECK_EQ(pp_pol_machine_build(&in, &m, &err), code);                               \
		CHECK_MSG(&err, msg);                                                              \
		CHECK(memcmp(&m, &m0, sizeof(m)) == 0);                                            \
	}

static const u32 pins0[1] = {0}, pins300[1] = {300}, pins40[1] = {40};
static struct pp_pol_mem_ent many[PP_POL_MACHINE_RANGES + 1];
static struct pp_pol_pci_fn lots[PP_POL_MACHINE_DEVS + 1];

REFUSE(maxphyaddr_low, in.maxphyaddr = 31, PP_ERANGE, "MAXPHYADDR 31 bits not in 32..52")
REFUSE(maxphyaddr_high, in.maxphyaddr = 53, PP_ERANGE, "MAXPHYADDR 53 bits not in 32..52")
REFUSE(cat_wide, in.cat_bits = 33, PP_ERANGE, "CAT mask width 33 bits (at most 32)")
REFUSE(no_cpu, info.cpu_count = 0, PP_ENOENT, "the MADT lists no usable processor")
REFUSE(counts, info.ioapic_count = 9, PP_ERANGE, "ACPI counts beyond their tables")
REFUSE(no_acpi, in.acpi = NULL, PP_EINVAL, "no ACPI information given")
REFUSE(oem_short, in.oem_len = 20, PP_ETRUNC, "table header of 20 bytes")
REFUSE(pins_zero, in.ioapic_gsis = pins0, PP_ERANGE, "IOAPIC 0: 0 redirection entries (1..256)")
REFUSE(pins_many, in.ioapic_gsis = pins300, PP_ERANGE, "IOAPIC 0: 300 redirection entries")
REFUSE(gsi_wrap, info.ioapics[0].gsi_base = 0xfffffff0u, PP_ERANGE,
       "IOAPIC 0: GSI base 4294967280 + 24 entries wraps")
REFUSE(gsi_overlap,
       (info.ioapic_count = 2, info.ioapics[1] = (struct acpi_ioapic){1, 0xfec01000, 16}),
       PP_EOVERLAP, "IOAPIC 1: GSIs 16..39 overlap IOAPIC 0's 0..23")
REFUSE(mem_wrap, mem[1].base = ~0ull - 4, PP_ERANGE, "memory map entry 1: 0xfffffffffffffffb")
REFUSE(mem_empty, mem[2].size = 0, PP_ERANGE, "memory map entry 2: 0x100000+0x0 is empty")
REFUSE(mem_null, in.mem = NULL, PP_EINVAL, "memory map: 4 entries but no array")
REFUSE(mem_many, (in.mem = many, in.n_mem = PP_POL_MACHINE_RANGES + 1, ({
			  for (u32 i = 0; i < PP_POL_MACHINE_RANGES + 1; i++)
				  many[i] = (struct pp_pol_mem_ent){i * 0x2000ull, 0x1000, 1};
		  })),
       PP_ENOMEM, "more than 64 usable RAM ranges")
REFUSE(hv_wrap, hv[0].size = ~0ull, PP_ERANGE, "hypervisor range 0: 0x1000000+0xffffffffffffffff")
REFUSE(pci_twice, pci[3] = pci[1], PP_EINVAL, "PCI function 0000:00:03.0 listed twice")
REFUSE(pci_ecam, pci[2] = ((struct pp_pol_pci_fn){1, 0, 0}), PP_ERANGE,
       "PCI function 0001:00:00.0 is outside every MCFG window")
REFUSE(pci_many, (in.pci = lots, in.n_pci = PP_POL_MACHINE_DEVS + 1), PP_ENOMEM,
       "257 PCI functions, at most 256")
REFUSE(iommu_no_table, in.iommu_tbl = NULL, PP_EINVAL,
       "1 IOMMU units parsed but no DMAR or IVRS table given")
REFUSE(iommu_len, in.iommu_tbl_len -= 1, PP_ETRUNC, "IOMMU table of 87 bytes, its header says 88")
REFUSE(iommu_sig, (in.iommu_tbl = fake_at(&f, f.phys[T_MCFG]), in.iommu_tbl_len = 60), PP_EMAGIC,
       "neither DMAR nor IVRS")

TEST(policy_machine_gsis_two_ioapics)
{
	setup(false);
	info.ioapic_count = 2;
	info.ioapics[1] = (struct acpi_ioapic){1, 0xfec01000, 24};
	u32 pins[2] = {24, 40};
	in.ioapic_gsis = pins;
	REQUIRE(pp_pol_machine_build(&in, &m, &err) == PP_OK);
	CHECK_EQ(m.n_gsis, 64);
	CHECK(has_forbidden(0xfec01000, 0x1000));
	in.ioapic_gsis = pins40;
	info.ioapic_count = 1;
	REQUIRE(pp_pol_machine_build(&in, &m, &err) == PP_OK);
	CHECK_EQ(m.n_gsis, 40);
}

/* A DMAR endpoint scope whose path crosses bridge 00:1c.0 (to bus 2): 02:01.0. */
TEST(policy_machine_dmar_path_through_bridge)
{
	setup(true);
	tb_hdr(&dm, "DMAR", 1);
	tb_u8(&dm, 38);
	tb_u8(&dm, 0);
	tb_zero(&dm, 10);
	tb_u16(&dm, 0);
	tb_u16(&dm, 16 + 10);
	tb_u8(&dm, 0);
	tb_u8(&dm, 0);
	tb_u16(&dm, 0);
	tb_u64(&dm, 0xfed91000ull);
	tb_u8(&dm, 1);
	tb_u8(&dm, 10);
	tb_u16(&dm, 0);
	tb_u8(&dm, 0);
	tb_u8(&dm, 0);
	tb_u8(&dm, 0x1c);
	tb_u8(&dm, 0);
	tb_u8(&dm, 1);
	tb_u8(&dm, 0);
	tb_u16(&dm, 0);
	tb_u16(&dm, 16);
	tb_u8(&dm, 1);
	tb_u8(&dm, 0);
	tb_u16(&dm, 0);
	tb_u64(&dm, 0xfed90000ull);
	sdt_fix(dm.b, dm.len, dm.len);
	memset(&info, 0, sizeof(info));
	REQUIRE(acpi_parse_madt(fake_at(&f, f.phys[T_MADT]), f.t[T_MADT].len, &info, &err) == 0);
	REQUIRE(acpi_parse_dmar(dm.b, dm.len, &info, &err) == 0);
	in.iommu_tbl = dm.b;
	in.iommu_tbl_len = dm.len;
	pci[4] = FN(0, 0x1c, 0);
	pci[5] = FN(2, 1, 0);
	pci[6] = FN(2, 0, 0);
	in.n_pci = 7;
	in.bridges = br;
	in.n_bridges = 1;
	REQUIRE(pp_pol_machine_build(&in, &m, &err) == PP_OK);
	CHECK_EQ(m.devs[5].iommu, 0); /* 02:01.0: the scope's endpoint */
	CHECK_EQ(m.devs[6].iommu, 1); /* 02:00.0: include-all */
	CHECK_EQ(m.devs[4].iommu, 1); /* the bridge is not the endpoint */
	in.n_bridges = 0;
	CHECK_EQ(pp_pol_machine_build(&in, &m, &err), PP_ENOTSUP);
	CHECK_MSG(&err, "crosses bridge 0000:00:1c.0");
}

/* unit 0: select-all; unit 1 (type 0x11): alias range 00:1f.0-00:1f.3 and
 * an ACPI HID entry; unit 2: extended range 01:00.0-01:1f.7. Unit 1 and 2's
 * claims clash with unit 0's select-all, so unit 0 is in segment 1. */
static void fill_kinds(struct tb *t)
{
	u32 s;
	ivhd_begin(t, 0x10, 0xfed80000ull, &s);
	st_le16(t->b + s + 16, 1); /* segment 1 */
	ent(t, 1, 0, 0);
	ivhd_end(t, s);
	ivhd_begin(t, 0x11, 0xfed00000ull, &s);
	ent(t, 0x43, 0x00f8, 0);
	tb_u8(t, 0);
	tb_u16(t, 0x00a0);
	tb_u8(t, 0);
	ent(t, 4, 0x00fb, 0);
	tb_u8(t, 0xf0); /* ACPI HID: 22 bytes + a 2-byte UID */
	tb_zero(t, 20);
	tb_u8(t, 2);
	tb_u16(t, 0x3030);
	ivhd_end(t, s);
	ivhd_begin(t, 0x40, 0xfec10000ull, &s);
	ent(t, 0x47, 0x0100, 0);
	tb_u32(t, 0);
	ent(t, 4, 0x01ff, 0);
	ivhd_end(t, s);
}

TEST(policy_machine_ivrs_entry_kinds)
{
	REQUIRE(mk_ivrs(fill_kinds) == PP_OK);
	CHECK_EQ(m.n_iommus, 3);
	pci[4] = FN(1, 0, 0);
	pci[4].seg = 1;
	pci[5] = FN(1, 0x1f, 7);
	in.n_pci = 6;
	info.mcfg_count = 0; /* segment 1 has no ECAM window here */
	REQUIRE(pp_pol_machine_build(&in, &m, &err) == PP_OK);
	CHECK_EQ(m.devs[0].iommu, PP_POL_NO_IOMMU); /* 00:00.0 */
	CHECK_EQ(m.devs[2].iommu, 1);		    /* 00:1f.0, alias range */
	CHECK_EQ(m.devs[3].iommu, 1);		    /* 00:1f.2 */
	CHECK_EQ(m.devs[4].iommu, 0);		    /* 0001:01:00.0, select-all of segment 1 */
	CHECK_EQ(m.devs[5].iommu, 2);		    /* 0000:01:1f.7, extended range */
}
