// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine directory's text parsers (policy/cli/machine_text.c) and the
 * directory loader (machine_dir.c, machine_acpi.c) on a directory written
 * here from synthetic tables (acpi_fake.h): each format, each error with
 * its file:line, the machine unchanged on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "acpi_fake.h"
#include "policy/cli/cli.h"
#include "policy/cli/machine_text.h"
#include "unit.h"

static char msg[POL_CLI_MSG_MAX];
static struct pp_pol_pci_fn fns[8];
static struct pp_pol_mem_ent ents[8];
static struct pol_m_conf conf;
static u32 n;

static int lspci(const char *t)
{
	return pol_m_parse_lspci("lspci.txt", t, strlen(t), fns, 8, &n, msg, sizeof(msg));
}
static int memmap(const char *t)
{
	return pol_m_parse_memmap("memmap.txt", t, strlen(t), ents, 8, &n, msg, sizeof(msg));
}
static int cfg(const char *t)
{
	return pol_m_parse_conf("machine.txt", t, strlen(t), &conf, msg, sizeof(msg));
}

#define CHECK_TEXT(sub)                                                                            \
	do {                                                                                       \
		if (!strstr(msg, (sub))) {                                                         \
			char m_[1400];                                                             \
			snprintf(m_, sizeof(m_), "message \"%s\" lacks \"%s\"", msg, (sub));       \
			unit_fail(__FILE__, __LINE__, m_);                                         \
		}                                                                                  \
	} while (0)

TEST(machine_text_lspci)
{
	REQUIRE(lspci("0000:00:00.0 0600: 8086:29c0\r\n\n0000:00:1f.2 0106: 8086:2922 (rev 02)\n"
		      "0001:3a:1f.7 0c03: 8086:a0ed") == 0);
	REQUIRE(n == 3);
	CHECK_EQ(fns[1].devfn, 0x1f << 3 | 2);
	CHECK_EQ(fns[2].seg, 1);
	CHECK_EQ(fns[2].bus, 0x3a);
	CHECK_EQ(fns[2].devfn, 0xff);
	CHECK(lspci("00:1f.2 0106: 8086:2922\n") == -1);
	CHECK_TEXT("lspci.txt:1: expected \"SSSS:BB:DD.F CCCC: VVVV:DDDD\" (lspci -D -n), found "
		   "\"00:1f.2 0106: 8086:2922\"");
	CHECK(lspci("\n0000:00:20.0 0600: 8086:29c0\n") == -1);
	CHECK_TEXT("lspci.txt:2: expected");
	CHECK(lspci("0000:00:1f.8 0600: 8086:29c0\n") == -1);
	CHECK(lspci("10000:e0:00.0 0604: 8086:09ab\n") == -1);
	CHECK_TEXT("lspci.txt:1: PCI domain \"10000\" is wider than 16 bits");
	CHECK(lspci("0000:00:00.0 0600 8086:29c0\n") == -1);
	CHECK_TEXT("lspci.txt:1: expected \"CCCC: VVVV:DDDD\" after the address, found \"0600 "
		   "8086:29c0\"");
	CHECK(lspci("0000:00:00.0 0600: 8086:29c0\n0000:00:00.0 0600: 8086:29c0\n") == -1);
	CHECK_TEXT("lspci.txt:2: 0000:00:00.0 listed twice");
	CHECK(lspci("0000:00:00.0 0600: 8086:29c0\n0000:00:00.1 0600: 8086:29c0\n"
		    "0000:00:00.2 0600: 8086:29c0\n0000:00:00.3 0600: 8086:29c0\n"
		    "0000:00:00.4 0600: 8086:29c0\n0000:00:00.5 0600: 8086:29c0\n"
		    "0000:00:00.6 0600: 8086:29c0\n0000:00:00.7 0600: 8086:29c0\n"
		    "0000:00:01.0 0600: 8086:29c0\n") == -1);
	CHECK_TEXT("lspci.txt:9: more than 8 PCI functions");
	CHECK(pol_m_parse_lspci("lspci.txt", "0000:00:00.0 0600: 8086:29c0\0x", 30, fns, 8, &n, msg,
				sizeof(msg)) == -1);
	CHECK_TEXT("lspci.txt:1: NUL byte");
	char longline[700];
	memset(longline, 'a', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	CHECK(lspci(longline) == -1);
	CHECK_TEXT("lspci.txt:1: line longer than 512 bytes");
}

TEST(machine_text_memmap)
{
	REQUIRE(memmap("0x0 0x9fbff System RAM\n0x9fc00 0x9ffff Reserved\n"
		       "0x100000 0x3ffdffff System RAM\n0xfd00000000 0xffffffffff Reserved\n") ==
		0);
	REQUIRE(n == 4);
	CHECK_EQ(ents[0].size, 0x9fc00);
	CHECK_EQ(ents[0].type, PP_POL_MEM_USABLE);
	CHECK_EQ(ents[1].type, 0);
	CHECK_EQ(ents[2].base, 0x100000);
	CHECK_EQ(ents[3].base + ents[3].size, 0x10000000000ull);
	CHECK(memmap("0x0 0x9fbff\n") == -1);
	CHECK_TEXT("memmap.txt:1: expected \"0xSTART 0xEND TYPE\" (hex, END inclusive), found "
		   "\"0x0 0x9fbff\"");
	CHECK(memmap("\n0 0x9fbff System RAM\n") == -1);
	CHECK_TEXT("memmap.txt:2: expected");
	CHECK(memmap("0x2000 0x1fff System RAM\n") == -1);
	CHECK_TEXT("memmap.txt:1: range 0x2000-0x1fff is empty or covers everything");
	CHECK(memmap("0x0 0xffffffffffffffff System RAM\n") == -1);
	CHECK(memmap("0x0 0x11112222333344445 System RAM\n") == -1);
	CHECK(memmap("0x0 0xfff Sys\ttem RAM\n") == -1);
	CHECK_TEXT("memmap.txt:1: type has byte 0x09");
}

TEST(machine_text_conf)
{
	REQUIRE(cfg("") == 0);
	CHECK_EQ(conf.maxphyaddr, POL_M_DEFAULT_MAXPHYADDR);
	CHECK_EQ(conf.hv_version, POL_M_DEFAULT_HV_VERSION);
	CHECK_EQ(conf.cat_bits, 0);
	CHECK(!conf.reserved_set);
	REQUIRE(cfg("# comment\nmaxphyaddr 46\ncat-bits 11\nhv-version 3\n"
		    "reserved 0x1000000 0x800000\nioapic-gsis 2 120\n"
		    "bridge 0000:00:1c.0 01 03\n   \n") == 0);
	CHECK_EQ(conf.maxphyaddr, 46);
	CHECK_EQ(conf.cat_bits, 11);
	CHECK_EQ(conf.hv_version, 3);
	CHECK(conf.reserved_set);
	CHECK_EQ(conf.reserved[0].size, 0x800000);
	CHECK_EQ(conf.ioapic[0].gsis, 120);
	CHECK_EQ(conf.ioapic[0].line, 6);
	CHECK_EQ(conf.bridges[0].devfn, 0x1c << 3);
	CHECK_EQ(conf.bridges[0].subordinate, 3);
	CHECK(cfg("maxphyaddr 53\n") == -1);
	CHECK_TEXT("machine.txt:1: maxphyaddr: expected a decimal number in 32..52, found \"53\"");
	CHECK(cfg("maxphyaddr 31\n") == -1);
	CHECK(cfg("cat-bits 40\n") == -1);
	CHECK_TEXT("cat-bits: expected a decimal number in 0..32");
	CHECK(cfg("hv-version 4294967296\n") == -1);
	CHECK(cfg("maxphyaddr 40\nmaxphyaddr 40\n") == -1);
	CHECK_TEXT("machine.txt:2: maxphyaddr given twice");
	CHECK(cfg("reserved 0x1000 0x0\n") == -1);
	CHECK_TEXT("reserved: 0x1000+0x0 is empty or wraps");
	CHECK(cfg("reserved 4096 4096\n") == -1);
	CHECK_TEXT("reserved: expected \"0xBASE 0xSIZE\"");
	CHECK(cfg("ioapic-gsis 0 0\n") == -1);
	CHECK_TEXT("ioapic-gsis: expected \"ID COUNT\" (ID 0..255, COUNT 1..256)");
	CHECK(cfg("ioapic-gsis 0 24\nioapic-gsis 0 24\n") == -1);
	CHECK_TEXT("machine.txt:2: ioapic-gsis: IOAPIC 0 given twice");
	CHECK(cfg("bridge 0000:01:1c.0 01 03\n") == -1);
	CHECK_TEXT("bridge: buses 01-03 not behind bus 01");
	CHECK(cfg("bridge 0000:00:1c.0 1 3\n") == -1);
	CHECK_TEXT("bridge: expected \"SSSS:BB:DD.F SECONDARY SUBORDINATE\"");
	CHECK(cfg("\n\nfrobnicate 1\n") == -1);
	CHECK_TEXT("machine.txt:3: unknown key \"frobnicate\"");
}

/* ---- the directory loader ---- */

static char dirpath[64];
static struct fake f;
static struct pp_pol_machine m, m0;

static void put(const char *name, const void *data, size_t len)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/%s", dirpath, name);
	FILE *fp = fopen(p, "wb");
	if (!fp)
		abort();
	fwrite(data, 1, len, fp);
	fclose(fp);
}
static void puts_file(const char *name, const char *text)
{
	put(name, text, strlen(text));
}
static void rm(const char *name)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/%s", dirpath, name);
	unlink(p);
}

/* A q35 with an Intel IOMMU written as acpidump -b would (no XSDT file). */
static void make_dir(void)
{
	struct q35_opts o = {.dmar = true, .ncpus = 2};
	static const char *const names[T_N] = {"facp.dat", "apic.dat", "mcfg.dat",
					       "dmar.dat", "tpm2.dat", "extra.dat"};
	strcpy(dirpath, "/tmp/pp-machine-XXXXXX");
	if (!mkdtemp(dirpath))
		abort();
	fake_q35(&f, &o);
	fake_layout(&f);
	for (int i = 0; i < T_N; i++)
		if (f.t[i].present)
			put(names[i], fake_at(&f, f.phys[i]), f.t[i].len);
	puts_file("lspci.txt", "0000:00:00.0 0600: 8086:29c0\n0000:00:01.0 00ff: 1234:11e8\n");
	puts_file("memmap.txt", "0x0 0x9ffff System RAM\n0x100000 0x3fffffff System RAM\n");
	memset(&m, 0x5a, sizeof(m));
	m0 = m;
}

static void clean_dir(void)
{
	static const char *const names[] = {"facp.dat", "apic.dat",    "mcfg.dat",  "dmar.dat",
					    "tpm2.dat", "extra.dat",   "lspci.txt", "memmap.txt",
					    "xsdt.dat", "machine.txt", "apic1.dat", "rsdp.dat"};
	for (u32 i = 0; i < PP_ARRAY_SIZE(names); i++)
		rm(names[i]);
	rmdir(dirpath);
}

TEST(machine_dir_loads)
{
	make_dir();
	REQUIRE(pol_machine_load_dir(dirpath, &m, msg, sizeof(msg)) == 0);
	/* no XSDT file: the FADT's OEM fields */
	CHECK(strcmp(m.platform, "PARAPT/TESTTABL") == 0);
	CHECK_EQ(m.n_cpus, 2);
	CHECK_EQ(m.n_gsis, 24);
	CHECK_EQ(m.n_iommus, 1);
	CHECK_EQ(m.addr_bits, 36); /* default MAXPHYADDR below the HAW */
	CHECK_EQ(m.n_devs, 2);
	CHECK_EQ(m.devs[1].iommu, 0);
	CHECK_EQ(m.n_reserved, 2); /* the defaults */
	CHECK_EQ(m.n_usable, 2);
	/* an XSDT file names the platform; machine.txt applies */
	struct tb x;
	tb_hdr(&x, "XSDT", 1);
	memcpy(x.b + 10, "BOCHS BXPC    ", 14);
	tb_u64(&x, 0x12345678);
	sdt_fix(x.b, x.len, x.len);
	put("xsdt.dat", x.b, x.len);
	put("rsdp.dat", f.rsdp, f.rsdp_len);
	puts_file("machine.txt", "maxphyaddr 46\nreserved 0x2000000 0x400000\nioapic-gsis 0 48\n");
	REQUIRE(pol_machine_load_dir(dirpath, &m, msg, sizeof(msg)) == 0);
	CHECK(strcmp(m.platform, "BOCHS/BXPC") == 0);
	CHECK_EQ(m.addr_bits, 39);
	CHECK_EQ(m.n_gsis, 48);
	CHECK_EQ(m.n_reserved, 1);
	CHECK_EQ(m.reserved[0].base, 0x2000000);
	clean_dir();
}

/* Each: an edit of the directory, then a piece of the message; m untouched. */
static void refuse(void (*edit)(void), const char *want)
{
	char w[700];
	make_dir();
	edit();
	CHECK(pol_machine_load_dir(dirpath, &m, msg, sizeof(msg)) == -1);
	snprintf(w, sizeof(w), "%s%s", dirpath, want);
	CHECK_TEXT(w);
	CHECK(memcmp(&m, &m0, sizeof(m)) == 0);
	clean_dir();
}

static void no_lspci(void)
{
	rm("lspci.txt");
}
static void no_madt(void)
{
	rm("apic.dat");
}
static void bad_lspci(void)
{
	puts_file("lspci.txt", "0000:00:00.0 0600: 8086:29c0\nbogus\n");
}
static void bad_memmap(void)
{
	puts_file("memmap.txt", "0x0 0x9ffff System RAM\n\n0x100000 System RAM\n");
}
static void bad_conf(void)
{
	puts_file("machine.txt", "maxphyaddr 40\nioapic-gsis 9 24\n");
}
static void short_table(void)
{
	put("apic.dat", "APIC", 4);
}
static void length_table(void)
{
	put("mcfg.dat", fake_at(&f, f.phys[T_MCFG]), f.t[T_MCFG].len - 1);
}
static void checksum_table(void)
{
	u8 b[2048];
	memcpy(b, fake_at(&f, f.phys[T_MCFG]), f.t[T_MCFG].len);
	b[50] ^= 1;
	put("mcfg.dat", b, f.t[T_MCFG].len);
}
static void bad_madt(void)
{
	u8 b[2048];
	u32 len = f.t[T_MADT].len;
	memcpy(b, fake_at(&f, f.phys[T_MADT]), len);
	st_le32(b + 36, 0xfee00010); /* LAPIC base not page aligned */
	sdt_fix(b, len, len);
	put("apic.dat", b, len);
}
static void two_madts(void)
{
	put("apic1.dat", fake_at(&f, f.phys[T_MADT]), f.t[T_MADT].len);
}
static void device_outside_ecam(void)
{
	puts_file("lspci.txt", "0001:00:00.0 0600: 8086:29c0\n");
}
static void memmap_capacity(void)
{
	char t[8192] = "";
	for (u32 i = 0; i < 70; i++)
		snprintf(t + strlen(t), sizeof(t) - strlen(t), "0x%x 0x%x System RAM\n", i * 0x2000,
			 i * 0x2000 + 0xfff);
	puts_file("memmap.txt", t);
}

TEST(machine_dir_refusals)
{
	refuse(no_lspci, "/lspci.txt: missing");
	refuse(no_madt, ": no MADT (apic.dat)");
	refuse(bad_lspci, "/lspci.txt:2: expected \"SSSS:BB:DD.F");
	refuse(bad_memmap, "/memmap.txt:3: expected \"0xSTART 0xEND TYPE\"");
	refuse(bad_conf, "/machine.txt:2: ioapic-gsis: the MADT has no IOAPIC 9");
	refuse(short_table, "/apic.dat: 4 bytes, shorter than an ACPI table header (36)");
	refuse(length_table, "/mcfg.dat: header Length 60, the file has 59 bytes");
	refuse(checksum_table, "/mcfg.dat: checksum of the 60 bytes is not zero");
	refuse(bad_madt, "/apic.dat: MADT local APIC address 0xfee00010 invalid");
	refuse(two_madts, ": the ACPI tables together: second APIC table");
	refuse(device_outside_ecam, ": PCI function 0001:00:00.0 is outside every MCFG window");
	refuse(memmap_capacity, ": more than 64 usable RAM ranges");
}
