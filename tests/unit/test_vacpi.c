// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual ACPI platform (hypervisor/core/linux/vacpi.h): the tables are
 * built, then read back with the hypervisor's own ACPI parsers
 * (common/acpi: walk, RSDP, SDT checksums, MADT, TPM2) through a guest
 * memory that serves exactly the built bytes at their guest-physical
 * addresses; FADT fields the parsers do not read are checked with ld_le*
 * at the ACPI 6.5 Table 5.9 offsets. Refusals leave the buffer untouched.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <parapet/acpi.h>
#include <parapet/bytes.h>
#include "hypervisor/core/linux/vacpi.h"
#include "hypervisor/core/linux/vacpi_aml.h"
#include "unit.h"

#define GBASE 0xE0000ull
#define BUF_LEN 8192u
#define LOG_GPA 0x7FF0000ull
#define LOG_LEN 0x10000u

/* Guest memory holding the built tables; each map is a malloc'd copy of
 * exactly the requested bytes, so ASan sees any read past them. */
struct gmem {
	const u8 *buf;
	u64 base;
	u32 len;
	int nmaps;
	void *maps[32];
};

static const u8 *gmem_map(u64 phys, u64 len, void *ctx)
{
	struct gmem *g = ctx;
	u8 *copy;

	if (phys < g->base || len > g->len || phys - g->base > g->len - len || g->nmaps >= 32)
		return NULL;
	copy = malloc(len ? len : 1);
	memcpy(copy, g->buf + (phys - g->base), len);
	g->maps[g->nmaps++] = copy;
	return copy;
}

static void gmem_free(struct gmem *g)
{
	for (int i = 0; i < g->nmaps; i++)
		free(g->maps[i]);
	g->nmaps = 0;
}

static u8 B[BUF_LEN];
static const u32 IDS2[2] = {0, 2};

static struct vacpi_params params2(bool tpm)
{
	struct vacpi_params p = {
	    .base = gpa(GBASE),
	    .cpu_count = 2,
	    .apic_ids = IDS2,
	    .lapic_base = VACPI_DEFAULT_LAPIC,
	    .tpm = tpm,
	};
	if (tpm) {
		p.tpm_log = gpa(LOG_GPA);
		p.tpm_log_len = LOG_LEN;
	}
	return p;
}

static int parse_back(const struct vacpi_layout *l, struct acpi_info *a, struct pp_err *e)
{
	struct gmem g = {.buf = B, .base = GBASE, .len = l->size};
	int rc;

	memset(e, 0, sizeof(*e));
	rc = acpi_parse(B + l->rsdp_off, 36, gmem_map, &g, a, e);
	gmem_free(&g);
	return rc;
}

static const u8 *at(u64 gpa_v)
{
	return B + (gpa_v - GBASE);
}

static bool has_sig(const struct acpi_info *a, const char *sig)
{
	for (u32 i = 0; i < a->table_count; i++)
		if (strcmp(a->table_sigs[i], sig) == 0)
			return true;
	return false;
}

TEST(vacpi_parse_back_tpm)
{
	struct vacpi_params p = params2(true);
	struct vacpi_layout l;
	struct acpi_info a;
	struct pp_err e = {0};

	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	CHECK_EQ(l.size, vacpi_size(2, true, NULL));
	CHECK_EQ(gpa_val(l.rsdp), GBASE);
	REQUIRE(parse_back(&l, &a, &e) == 0);
	CHECK_EQ(a.rsdp_revision, 2);
	CHECK(a.use_xsdt);
	CHECK_EQ(a.root_phys, gpa_val(l.xsdt));
	CHECK_EQ(a.table_count, 3);
	CHECK(has_sig(&a, "FACP") && has_sig(&a, "APIC") && has_sig(&a, "TPM2"));
	CHECK(a.madt_present);
	CHECK_EQ(a.lapic_base, 0xFEE00000u);
	CHECK_EQ(a.cpu_count, 2);
	CHECK_EQ(a.cpus[0].apic_id, 0);
	CHECK_EQ(a.cpus[1].apic_id, 2);
	CHECK_EQ(a.cpus[0].uid, 0);
	CHECK_EQ(a.cpus[1].uid, 1);
	CHECK(!a.cpus[0].x2apic && !a.cpus[1].x2apic);
	CHECK_EQ(a.ioapic_count, 0);
	CHECK_EQ(a.mcfg_count, 0);
	CHECK_EQ(a.iommu_count, 0);
	CHECK(a.tpm2_present);
	CHECK_EQ(a.tpm2_start_method, ACPI_TPM2_START_TIS);
	CHECK_EQ(a.tpm2_control_area, 0);
	CHECK_EQ(a.tpm2_log_base, LOG_GPA);
	CHECK_EQ(a.tpm2_log_len, LOG_LEN);
	/* The TPM2 table as the TCG spec lays it out (8.3): revision 4, 76 bytes. */
	CHECK_EQ(ld_le32(at(gpa_val(l.tpm2)) + 4), 76);
	CHECK_EQ(at(gpa_val(l.tpm2))[8], 4);
	CHECK_EQ(ld_le16(at(gpa_val(l.tpm2)) + 36), 0);
}

TEST(vacpi_rsdp_xsdt)
{
	struct vacpi_params p = params2(true);
	struct vacpi_layout l;
	struct pp_err e = {0};
	const u8 *r, *x;

	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	r = at(gpa_val(l.rsdp));
	CHECK(memcmp(r, "RSD PTR ", 8) == 0);
	CHECK(acpi_checksum_ok(r, 20));
	CHECK(acpi_checksum_ok(r, 36));
	CHECK_EQ(r[15], 2);
	CHECK_EQ(ld_le32(r + 16), 0);
	CHECK_EQ(ld_le32(r + 20), 36);
	CHECK_EQ(ld_le64(r + 24), gpa_val(l.xsdt));
	CHECK_EQ(gpa_val(l.xsdt) % 16, 0);
	x = at(gpa_val(l.xsdt));
	CHECK(acpi_sig_is(x, "XSDT"));
	CHECK_EQ(ld_le32(x + 4), 36 + 3 * 8);
	CHECK(acpi_checksum_ok(x, ld_le32(x + 4)));
	CHECK_EQ(ld_le64(x + 36), gpa_val(l.fadt));
	CHECK_EQ(ld_le64(x + 44), gpa_val(l.madt));
	CHECK_EQ(ld_le64(x + 52), gpa_val(l.tpm2));
	CHECK(memcmp(x + 10, "PARAPT", 6) == 0);
}

TEST(vacpi_fadt_fields)
{
	struct vacpi_params p = params2(true);
	struct vacpi_layout l;
	struct pp_err e = {0};
	const u8 *f, *d;
	u32 flags;

	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	f = at(gpa_val(l.fadt));
	CHECK(acpi_sig_is(f, "FACP"));
	CHECK_EQ(ld_le32(f + 4), 276);
	CHECK_EQ(f[8], 6);
	CHECK(acpi_checksum_ok(f, 276));
	CHECK_EQ(f[131], 5); /* minor version: ACPI 6.5 */
	flags = ld_le32(f + 112);
	CHECK(flags & (1u << 20)); /* HW_REDUCED_ACPI */
	CHECK(flags & (1u << 19)); /* FORCE_APIC_PHYSICAL_DESTINATION_MODE */
	CHECK(flags & (1u << 10)); /* RESET_REG_SUP */
	CHECK_EQ(flags, (1u << 20) | (1u << 19) | (1u << 10) | (1u << 5) | (1u << 4));
	CHECK_EQ(ld_le16(f + 109), (1u << 2) | (1u << 5)); /* VGA, CMOS RTC not present */
	/* RESET_REG: SystemIO, 8 bits at offset 0, byte access, port 0xCF9; value 6. */
	CHECK_EQ(f[116], 1);
	CHECK_EQ(f[117], 8);
	CHECK_EQ(f[118], 0);
	CHECK_EQ(f[119], 1);
	CHECK_EQ(ld_le64(f + 120), 0xCF9);
	CHECK_EQ(f[128], 6);
	/* No fixed hardware: SCI, SMI_CMD, PM blocks and the PM timer all 0. */
	CHECK_EQ(ld_le16(f + 46), 0);
	CHECK_EQ(ld_le32(f + 48), 0);
	for (u32 o = 56; o < 88; o += 4)
		CHECK_EQ(ld_le32(f + o), 0);
	for (u32 o = 148; o < 244; o++)
		CHECK_EQ(f[o], 0);
	/* DSDT only through X_DSDT. */
	CHECK_EQ(ld_le32(f + 36), 0);
	CHECK_EQ(ld_le32(f + 40), 0);
	CHECK_EQ(ld_le64(f + 132), 0);
	CHECK_EQ(ld_le64(f + 140), gpa_val(l.dsdt));
	/* SLEEP_CONTROL_REG / SLEEP_STATUS_REG: SystemIO byte ports. */
	CHECK_EQ(f[244], 1);
	CHECK_EQ(f[245], 8);
	CHECK_EQ(f[247], 1);
	CHECK_EQ(ld_le64(f + 248), VACPI_SLEEP_CTL_PORT);
	CHECK_EQ(f[256], 1);
	CHECK_EQ(f[257], 8);
	CHECK_EQ(f[259], 1);
	CHECK_EQ(ld_le64(f + 260), VACPI_SLEEP_STS_PORT);
	CHECK_EQ(ld_le64(f + 268), 0);
	d = at(gpa_val(l.dsdt));
	CHECK(acpi_sig_is(d, "DSDT"));
	CHECK_EQ(d[8], 2);
	CHECK(ld_le32(d + 4) >= 36);
	CHECK(acpi_checksum_ok(d, ld_le32(d + 4)));
}

TEST(vacpi_no_tpm)
{
	struct vacpi_params p = params2(false);
	struct vacpi_layout l;
	struct acpi_info a;
	struct pp_err e = {0};

	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	CHECK_EQ(l.size, vacpi_size(2, false, NULL));
	CHECK(l.size < vacpi_size(2, true, NULL));
	CHECK_EQ(gpa_val(l.tpm2), 0);
	REQUIRE(parse_back(&l, &a, &e) == 0);
	CHECK_EQ(a.table_count, 2);
	CHECK(!a.tpm2_present);
	CHECK_EQ(ld_le32(at(gpa_val(l.xsdt)) + 4), 36 + 2 * 8);
}

TEST(vacpi_max_cpus_physical_ids)
{
	static u32 ids[VACPI_MAX_CPUS];
	struct vacpi_params p = params2(false);
	struct vacpi_layout l;
	struct acpi_info a;
	struct pp_err e = {0};

	for (u32 i = 0; i < VACPI_MAX_CPUS; i++)
		ids[i] = 0xFE - 3 * i; /* sparse, descending: physical IDs, not indices */
	p.cpu_count = VACPI_MAX_CPUS;
	p.apic_ids = ids;
	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	REQUIRE(parse_back(&l, &a, &e) == 0);
	CHECK_EQ(a.cpu_count, VACPI_MAX_CPUS);
	for (u32 i = 0; i < VACPI_MAX_CPUS; i++) {
		CHECK_EQ(a.cpus[i].apic_id, ids[i]);
		CHECK_EQ(a.cpus[i].uid, i);
	}
	CHECK_EQ(ld_le32(at(gpa_val(l.madt)) + 4), 44 + 8 * VACPI_MAX_CPUS);
	CHECK_EQ(ld_le32(at(gpa_val(l.madt)) + 40), 0);	    /* no PCAT_COMPAT */
	CHECK_EQ(ld_le32(at(gpa_val(l.madt)) + 44 + 4), 1); /* Enabled */
}

/* The pointers are guest-physical: a build at another base moves them. */
TEST(vacpi_base_relocates)
{
	struct vacpi_params p = params2(true);
	struct vacpi_layout l1, l2;
	struct pp_err e = {0};
	static u8 B2[BUF_LEN];

	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l1, &e) == 0);
	p.base = gpa(0x100000000ull); /* above 4 GiB: only 64-bit pointers are used */
	REQUIRE(vacpi_build(B2, BUF_LEN, &p, &l2, &e) == 0);
	CHECK_EQ(l1.size, l2.size);
	CHECK_EQ(ld_le64(B2 + 24), 0x100000000ull + (gpa_val(l1.xsdt) - GBASE));
	CHECK_EQ(ld_le64(B2 + (gpa_val(l2.fadt) - 0x100000000ull) + 140), gpa_val(l2.dsdt));
	CHECK_EQ(gpa_val(l2.dsdt) - 0x100000000ull, gpa_val(l1.dsdt) - GBASE);
}

/* The sizes and the poweroff byte docs/linux-partition.md quotes. */
TEST(vacpi_sizes)
{
	CHECK_EQ(VACPI_SLEEP_POWEROFF,
		 0x34); /* ACPI 6.5 4.8.3.7: SLP_EN bit 5, SLP_TYPx bits 4:2 */
	CHECK_EQ(vacpi_size(1, false, NULL), 580);
	CHECK_EQ(vacpi_size(2, true, NULL), 716);
	CHECK_EQ(vacpi_size(64, true, NULL), 1212);
	CHECK_EQ(vacpi_size(0, true, NULL), 0);
	CHECK_EQ(vacpi_size(VACPI_MAX_CPUS + 1, true, NULL), 0);
}

/* Random valid parameters (fixed seed): whatever is built parses back to
 * exactly those parameters, and the guest memory holds nothing else. */
static u32 lcg(u32 *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

TEST(vacpi_random_parse_back)
{
	static u32 ids[VACPI_MAX_CPUS];
	u32 seed = 13;

	for (int iter = 0; iter < 500; iter++) {
		struct vacpi_params p = {0};
		struct vacpi_layout l;
		struct acpi_info a;
		struct pp_err e = {0};
		bool used[256] = {false};
		struct vacpi_pci pci;

		p.cpu_count = 1 + lcg(&seed) % VACPI_MAX_CPUS;
		for (u32 i = 0; i < p.cpu_count; i++) {
			u32 id;
			do
				id = lcg(&seed) % (VACPI_MAX_APIC_ID + 1);
			while (used[id]);
			used[id] = true;
			ids[i] = id;
		}
		p.apic_ids = ids;
		p.base = gpa(GBASE);
		p.lapic_base = (lcg(&seed) % 2) ? VACPI_DEFAULT_LAPIC : 0xFEC01000u;
		p.tpm = lcg(&seed) % 2;
		if (p.tpm && lcg(&seed) % 2) {
			p.tpm_log = gpa(0x100000ull + ((u64)(lcg(&seed) % 1024) << 12));
			p.tpm_log_len = 1 + lcg(&seed) % 0x20000;
		}
		if (lcg(&seed) % 2) {
			/* disjoint windows: window i in its own 1 TiB slot */
			pci.nwin = lcg(&seed) % (VACPI_PCI_MAX_WIN + 1);
			for (u32 i = 0; i < pci.nwin; i++)
				pci.win[i] = (struct vacpi_pci_win){
				    .base = ((u64)(i + 1) << 40) + ((u64)(lcg(&seed) % 4096) << 12),
				    .size = 1ull << (4 + lcg(&seed) % 36),
				    .prefetch = lcg(&seed) % 2};
			p.pci = &pci;
		}
		REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
		REQUIRE(l.size == vacpi_size(p.cpu_count, p.tpm, p.pci));
		{
			const u8 *d = at(gpa_val(l.dsdt));
			const u32 dl = ld_le32(d + 4);

			CHECK(acpi_checksum_ok(d, dl));
			/* the bridge is there exactly with a device; each window's
			 * _MIN and _LEN are in a QWord descriptor */
			CHECK_EQ(memmem(d, dl, "PCI0", 4) != NULL, p.pci != NULL);
			for (u32 i = 0; p.pci && i < pci.nwin; i++) {
				u8 w[16];

				st_le64(w, pci.win[i].base);
				st_le64(w + 8, pci.win[i].base + pci.win[i].size - 1);
				CHECK(memmem(d, dl, w, 16) != NULL);
			}
		}
		REQUIRE(parse_back(&l, &a, &e) == 0);
		CHECK_EQ(a.cpu_count, p.cpu_count);
		for (u32 i = 0; i < p.cpu_count; i++)
			CHECK_EQ(a.cpus[i].apic_id, ids[i]);
		CHECK_EQ(a.lapic_base, p.lapic_base);
		CHECK_EQ(a.tpm2_present, p.tpm);
		CHECK_EQ(a.tpm2_log_base, gpa_val(p.tpm_log));
		CHECK_EQ(a.tpm2_log_len, p.tpm_log_len);
		CHECK_EQ(a.table_count, p.tpm ? 3 : 2);
		if (unit_failed_now())
			return;
	}
}

/* Each refusal: the code, a precise message, and the buffer left as it was. */
static void refuse(const struct vacpi_params *p, u32 len, int code, const char *msg)
{
	static u8 before[BUF_LEN];
	struct vacpi_layout l;
	struct pp_err e = {0};

	memset(B, 0xA5, BUF_LEN);
	memcpy(before, B, BUF_LEN);
	memset(&l, 0x5A, sizeof(l));
	CHECK_EQ(vacpi_build(B, len, p, &l, &e), code);
	CHECK_MSG(&e, msg);
	CHECK(memcmp(B, before, BUF_LEN) == 0);
	CHECK_EQ(l.size, 0x5A5A5A5Au);
}

TEST(vacpi_refusals)
{
	static const u32 ids_ff[2] = {0, 0xFF}, ids_dup[3] = {1, 4, 4};
	static u32 ids65[VACPI_MAX_CPUS + 1];
	struct vacpi_params p = params2(true);
	char want[80];
	u32 need = vacpi_size(2, true, NULL);

	snprintf(want, sizeof(want), "buffer of %u bytes, the tables need %u", need - 1, need);
	refuse(&p, need - 1, PP_ENOMEM, want);
	refuse(&p, 0, PP_ENOMEM, "buffer of 0 bytes");

	p = params2(true);
	p.cpu_count = VACPI_MAX_CPUS + 1;
	p.apic_ids = ids65;
	refuse(&p, BUF_LEN, PP_ERANGE, "65 vCPUs, at most 64");
	p.cpu_count = 0;
	refuse(&p, BUF_LEN, PP_EINVAL, "no vCPU");
	p = params2(true);
	p.apic_ids = ids_ff;
	refuse(&p, BUF_LEN, PP_ERANGE, "vCPU 1 APIC ID 0xff does not fit");
	p.apic_ids = ids_dup;
	p.cpu_count = 3;
	refuse(&p, BUF_LEN, PP_EINVAL, "vCPUs 1 and 2 share APIC ID 0x4");
	p.apic_ids = NULL;
	refuse(&p, BUF_LEN, PP_EINVAL, "no APIC ID list");

	p = params2(true);
	p.base = gpa(GBASE + 8);
	refuse(&p, BUF_LEN, PP_EINVAL, "base 0xe0008 is not 16-byte aligned");
	p.base = gpa(0xFFFFFFFFFFFFFF00ull);
	refuse(&p, BUF_LEN, PP_ERANGE, "wrap");
	p = params2(true);
	p.lapic_base = 0xFEE00800u;
	refuse(&p, BUF_LEN, PP_EINVAL, "local APIC address 0xfee00800");
	p.lapic_base = 0;
	refuse(&p, BUF_LEN, PP_EINVAL, "local APIC address 0x0");

	p = params2(true);
	p.tpm_log_len = 0;
	refuse(&p, BUF_LEN, PP_EINVAL, "TPM log area 0x7ff0000 with length 0x0");
	p = params2(true);
	p.tpm_log = gpa(GBASE + 0x100);
	refuse(&p, BUF_LEN, PP_EOVERLAP, "overlaps the tables");
	p.tpm_log = gpa(0xFFFFFFFFFFFFF000ull);
	refuse(&p, BUF_LEN, PP_ERANGE, "TPM log area 0xfffffffffffff000 + 0x10000 wraps");
	p = params2(false);
	p.tpm_log = gpa(LOG_GPA);
	refuse(&p, BUF_LEN, PP_EINVAL, "a TPM log area without a TPM");

	/* The baseline builds: each refusal above came from its one edit. */
	{
		struct vacpi_layout l;
		struct pp_err e = {0};

		p = params2(true);
		CHECK_EQ(vacpi_build(B, BUF_LEN, &p, &l, &e), 0);
	}
}

/*
 * The DSDT body, written out by hand from the ACPI 6.5 AML grammar
 * (chapter 20) and resource descriptors (6.4), independently of the emitter.
 */
/* clang-format off */
static const u8 AML_S5[] = {
	0x08,                           /* NameOp */
	0x5C, '_', 'S', '5', '_',       /* \_S5_ */
	0x12, 0x07,                     /* PackageOp, PkgLength 7 (itself + 6) */
	0x04,                           /* NumElements */
	0x0A, 0x05,                     /* BytePrefix 5: SLP_TYPa */
	0x00, 0x00, 0x00,               /* ZeroOp x3 */
};
static const u8 AML_COM1[] = {
	0x10, 0x3E,                     /* ScopeOp, PkgLength 62 */
	0x5C, '_', 'S', 'B', '_',       /* \_SB_ */
	0x5B, 0x82, 0x36,               /* ExtOpPrefix DeviceOp, PkgLength 54 */
	'C', 'O', 'M', '1',             /* COM1 */
	0x08, '_', 'H', 'I', 'D',       /* NameOp _HID */
	0x0D, 'P', 'N', 'P', '0',       /* StringPrefix "PNP0501" NullChar */
	'5', '0', '1', 0x00,
	0x08, '_', 'U', 'I', 'D', 0x01, /* NameOp _UID One */
	0x08, '_', 'C', 'R', 'S',       /* NameOp _CRS */
	0x11, 0x0D, 0x0A, 0x0A,         /* BufferOp, PkgLength 13, BufferSize 10 */
	0x47, 0x01,                     /* I/O Port Descriptor, Decode16 */
	0xF8, 0x03, 0xF8, 0x03,         /* minimum = maximum = 0x3F8 */
	0x01, 0x08,                     /* alignment 1, length 8 */
	0x79, 0x00,                     /* End Tag, checksum 0 */
	0x14, 0x09, '_', 'S', 'T', 'A', /* MethodOp, PkgLength 9, _STA */
	0x00,                           /* MethodFlags: 0 args, NotSerialized */
	0xA4, 0x0A, 0x0F,               /* ReturnOp (BytePrefix 0x0F) */
};
static const u8 AML_TPM[] = {
	0x10, 0x3D,                     /* ScopeOp, PkgLength 61 */
	0x5C, '_', 'S', 'B', '_',       /* \_SB_ */
	0x5B, 0x82, 0x35,               /* ExtOpPrefix DeviceOp, PkgLength 53 */
	'T', 'P', 'M', '_',             /* TPM_ */
	0x08, '_', 'H', 'I', 'D',       /* NameOp _HID */
	0x0D, 'M', 'S', 'F', 'T',       /* StringPrefix "MSFT0101" NullChar */
	'0', '1', '0', '1', 0x00,
	0x08, '_', 'C', 'R', 'S',       /* NameOp _CRS */
	0x11, 0x11, 0x0A, 0x0E,         /* BufferOp, PkgLength 17, BufferSize 14 */
	0x86, 0x09, 0x00,               /* Memory32Fixed, 9 data bytes */
	0x01,                           /* ReadWrite */
	0x00, 0x00, 0xD4, 0xFE,         /* base 0xFED40000 */
	0x00, 0x10, 0x00, 0x00,         /* length 0x1000 */
	0x79, 0x00,                     /* End Tag, checksum 0 */
	0x14, 0x09, '_', 'S', 'T', 'A', /* MethodOp, PkgLength 9, _STA */
	0x00,                           /* MethodFlags: 0 args, NotSerialized */
	0xA4, 0x0A, 0x0F,               /* ReturnOp (BytePrefix 0x0F) */
};
/* \_SB.PCI0 for the NIC of linux-nic-uefi: BAR1 0xC0001000 (4 KiB) and
 * BAR4 0xE000000000 (16 KiB, 64-bit prefetchable). */
static const u8 AML_PCI0[] = {
	0x10, 0x45, 0x0B,               /* ScopeOp, PkgLength 0xB5 = 181 (2 bytes) */
	0x5C, '_', 'S', 'B', '_',       /* \_SB_ */
	0x5B, 0x82, 0x4C, 0x0A,         /* ExtOpPrefix DeviceOp, PkgLength 0xAC = 172 */
	'P', 'C', 'I', '0',             /* PCI0 */
	0x08, '_', 'H', 'I', 'D',       /* NameOp _HID */
	0x0C, 0x41, 0xD0, 0x0A, 0x03,   /* DWordPrefix EISAID "PNP0A03" = 0x030AD041 */
	0x08, '_', 'U', 'I', 'D', 0x00, /* NameOp _UID Zero */
	0x08, '_', 'S', 'E', 'G', 0x00, /* NameOp _SEG Zero */
	0x08, '_', 'B', 'B', 'N', 0x00, /* NameOp _BBN Zero */
	0x08, '_', 'C', 'R', 'S',       /* NameOp _CRS */
	0x11, 0x4A, 0x07,               /* BufferOp, PkgLength 0x7A = 122 */
	0x0A, 0x76,                     /* BufferSize 118 */
	/* Word Address Space, 13 bytes: bus numbers, producer, MinFixed
	 * MaxFixed PosDecode; _GRA 0, _MIN 0, _MAX 0, _TRA 0, _LEN 1 */
	0x88, 0x0D, 0x00, 0x02, 0x0C, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	/* I/O Port, Decode16, 0xCF8-0xCF8, alignment 1, length 8 */
	0x47, 0x01, 0xF8, 0x0C, 0xF8, 0x0C, 0x01, 0x08,
	/* QWord Address Space, 43 bytes: memory, producer, fixed, positive
	 * decode; NonCacheable ReadWrite; _GRA 0, _MIN, _MAX, _TRA 0, _LEN */
	0x8A, 0x2B, 0x00, 0x00, 0x0C, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x10, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00,
	0xFF, 0x1F, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* the same, Prefetchable ReadWrite (_MEM 3, _RW 1) */
	0x8A, 0x2B, 0x00, 0x00, 0x0C, 0x07,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xE0, 0x00, 0x00, 0x00,
	0xFF, 0x3F, 0x00, 0x00, 0xE0, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x79, 0x00,                     /* End Tag, checksum 0 */
	0x14, 0x09, '_', 'S', 'T', 'A', /* MethodOp, PkgLength 9, _STA */
	0x00,                           /* MethodFlags: 0 args, NotSerialized */
	0xA4, 0x0A, 0x0F,               /* ReturnOp (BytePrefix 0x0F) */
};
/* clang-format on */

static const struct vacpi_pci NIC_PCI = {
    .nwin = 2,
    .win = {{.base = 0xC0001000ull, .size = 0x1000, .prefetch = false},
	    {.base = 0xE000000000ull, .size = 0x4000, .prefetch = true}},
};

TEST(vacpi_dsdt_aml_bytes)
{
	struct vacpi_params p = params2(true);
	struct vacpi_layout l;
	struct pp_err e = {0};
	const u8 *d;
	u8 aml[VACPI_AML_MAX];

	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	d = at(gpa_val(l.dsdt));
	REQUIRE(ld_le32(d + 4) == 36 + sizeof(AML_S5) + sizeof(AML_COM1) + sizeof(AML_TPM));
	CHECK(acpi_checksum_ok(d, ld_le32(d + 4)));
	CHECK(memcmp(d + 36, AML_S5, sizeof(AML_S5)) == 0);
	CHECK(memcmp(d + 36 + sizeof(AML_S5), AML_COM1, sizeof(AML_COM1)) == 0);
	CHECK(memcmp(d + 36 + sizeof(AML_S5) + sizeof(AML_COM1), AML_TPM, sizeof(AML_TPM)) == 0);
	/* The TPM device matches what the TPM2 table and the probe assume. */
	CHECK_EQ(ld_le32(d + 36 + sizeof(AML_S5) + sizeof(AML_COM1) + 42), VACPI_TPM_BASE);

	/* Without a TPM only \_S5_ and the UART. */
	p = params2(false);
	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	d = at(gpa_val(l.dsdt));
	REQUIRE(ld_le32(d + 4) == 36 + sizeof(AML_S5) + sizeof(AML_COM1));
	CHECK(memcmp(d + 36, AML_S5, sizeof(AML_S5)) == 0);
	CHECK(memcmp(d + 36 + sizeof(AML_S5), AML_COM1, sizeof(AML_COM1)) == 0);
	CHECK(acpi_checksum_ok(d, ld_le32(d + 4)));

	/* Too small an output: 0, not a truncated body. */
	CHECK_EQ(vacpi_dsdt_aml(aml, sizeof(AML_S5) + sizeof(AML_COM1) + sizeof(AML_TPM) - 1, true,
				NULL),
		 0);
	CHECK_EQ(vacpi_dsdt_aml(aml, sizeof(AML_S5) - 1, false, NULL), 0);
	CHECK_EQ(vacpi_dsdt_aml(NULL, 0, false, NULL), 0);
	CHECK_EQ(
	    vacpi_dsdt_aml(aml, sizeof(AML_S5) + sizeof(AML_COM1) + sizeof(AML_TPM), true, NULL),
	    sizeof(AML_S5) + sizeof(AML_COM1) + sizeof(AML_TPM));
}

/* With a device: \_SB.PCI0 after the UART and the TPM, and only then. */
TEST(vacpi_dsdt_pci_bytes)
{
	struct vacpi_params p = params2(true);
	struct vacpi_layout l;
	struct pp_err e = {0};
	const u8 *d;
	const u32 pre = (u32)(sizeof(AML_S5) + sizeof(AML_COM1) + sizeof(AML_TPM));

	CHECK_EQ(sizeof(AML_PCI0), 182);
	p.pci = &NIC_PCI;
	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	CHECK_EQ(l.size, vacpi_size(2, true, &NIC_PCI));
	d = at(gpa_val(l.dsdt));
	REQUIRE(ld_le32(d + 4) == 36 + pre + sizeof(AML_PCI0));
	CHECK(acpi_checksum_ok(d, ld_le32(d + 4)));
	CHECK(memcmp(d + 36, AML_S5, sizeof(AML_S5)) == 0);
	CHECK(memcmp(d + 36 + sizeof(AML_S5), AML_COM1, sizeof(AML_COM1)) == 0);
	CHECK(memcmp(d + 36 + sizeof(AML_S5) + sizeof(AML_COM1), AML_TPM, sizeof(AML_TPM)) == 0);
	CHECK(memcmp(d + 36 + pre, AML_PCI0, sizeof(AML_PCI0)) == 0);
	/* the tables after the DSDT moved, and still parse */
	{
		struct acpi_info a;

		REQUIRE(parse_back(&l, &a, &e) == 0);
		CHECK_EQ(a.cpu_count, 2);
		CHECK(a.tpm2_present);
	}

	/* no TPM: PCI0 right after the UART */
	p = params2(false);
	p.pci = &NIC_PCI;
	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	d = at(gpa_val(l.dsdt));
	REQUIRE(ld_le32(d + 4) == 36 + sizeof(AML_S5) + sizeof(AML_COM1) + sizeof(AML_PCI0));
	CHECK(memcmp(d + 36 + sizeof(AML_S5) + sizeof(AML_COM1), AML_PCI0, sizeof(AML_PCI0)) == 0);
	CHECK(acpi_checksum_ok(d, ld_le32(d + 4)));

	/* no device: no PCI0 anywhere (linux-boot-uefi's DSDT) */
	p = params2(true);
	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	d = at(gpa_val(l.dsdt));
	CHECK_EQ(ld_le32(d + 4), 36 + pre);
	for (u32 i = 36; i + 4 <= ld_le32(d + 4); i++)
		CHECK(memcmp(d + i, "PCI0", 4) != 0);
}

/* A bridge with no window (a device without a mapped BAR): bus and ports
 * only, 46 bytes shorter per window than the two-window one. */
TEST(vacpi_dsdt_pci_no_window)
{
	static const struct vacpi_pci none = {.nwin = 0};
	u8 aml0[VACPI_AML_MAX], aml2[VACPI_AML_MAX];
	u32 n0 = vacpi_dsdt_aml(aml0, sizeof(aml0), false, &none);
	u32 n2 = vacpi_dsdt_aml(aml2, sizeof(aml2), false, &NIC_PCI);

	REQUIRE(n0 && n2);
	/* 89 bytes: the Buffer's PkgLength fits one byte now (29) */
	CHECK_EQ(n2 - n0, 2 * 46 + 1);
	/* _CRS, BufferOp, PkgLength 29, BufferSize 26 (bus, ports, End Tag), the
	 * Word descriptor; then the End Tag and _STA */
	CHECK(memcmp(aml0 + n0 - 44, "_CRS\x11\x1D\x0A\x1A\x88\x0D", 10) == 0);
	CHECK(memcmp(aml0 + n0 - 12, "\x79\x00\x14\x09_STA", 8) == 0);
}

/* The largest body: TPM and six windows fit VACPI_AML_MAX; a seventh window
 * is refused, not encoded. */
TEST(vacpi_dsdt_aml_max)
{
	struct vacpi_pci six = {.nwin = VACPI_PCI_MAX_WIN};
	u8 aml[VACPI_AML_MAX];

	for (u32 i = 0; i < VACPI_PCI_MAX_WIN; i++)
		six.win[i] = (struct vacpi_pci_win){
		    .base = 0xFD000000ull + 0x100000ull * i, .size = 0x1000, .prefetch = i & 1};
	CHECK_EQ(vacpi_dsdt_aml(aml, sizeof(aml), true, &six), 506);
	CHECK_EQ(vacpi_dsdt_aml(aml, 505, true, &six), 0);
	six.nwin = VACPI_PCI_MAX_WIN + 1;
	CHECK_EQ(vacpi_dsdt_aml(aml, sizeof(aml), true, &six), 0);
	CHECK_EQ(vacpi_size(1, true, &six), 0);
}

/* EISAID (19.6.35): the values every PC DSDT carries. */
TEST(vacpi_aml_eisaid)
{
	CHECK_EQ(vacpi_aml_eisaid("PNP0A03"), 0x030AD041u);
	CHECK_EQ(vacpi_aml_eisaid("PNP0A08"), 0x080AD041u);
	CHECK_EQ(vacpi_aml_eisaid("PNP0501"), 0x0105D041u);
	CHECK_EQ(vacpi_aml_eisaid("PNP0a03"), 0);
	CHECK_EQ(vacpi_aml_eisaid("pNP0A03"), 0);
	CHECK_EQ(vacpi_aml_eisaid("PNP0A0"), 0);
	CHECK_EQ(vacpi_aml_eisaid("PNP0A033"), 0);
	CHECK_EQ(vacpi_aml_eisaid("PNP0G03"), 0);
	CHECK_EQ(vacpi_aml_eisaid(NULL), 0);
}

TEST(vacpi_pci_refusals)
{
	struct vacpi_pci pci = NIC_PCI;
	struct vacpi_params p = params2(true);

	p.pci = &pci;
	pci.nwin = VACPI_PCI_MAX_WIN + 1;
	refuse(&p, BUF_LEN, PP_ERANGE, "vacpi: 7 PCI windows, at most 6");
	pci = NIC_PCI;
	pci.win[1].size = 0;
	refuse(&p, BUF_LEN, PP_EINVAL, "vacpi: PCI window 1 at 0xe000000000 is empty");
	pci = NIC_PCI;
	pci.win[0].base = 0xFFFFFFFFFFFFF000ull;
	refuse(&p, BUF_LEN, PP_ERANGE, "vacpi: PCI window 0 0xfffffffffffff000 + 0x1000 wraps");
	pci = NIC_PCI;
	pci.win[1].base = 0xC0001800ull;
	refuse(&p, BUF_LEN, PP_EOVERLAP, "vacpi: PCI windows 0 and 1 overlap at 0xc0001800");
	/* adjacent is not overlapping */
	{
		struct vacpi_layout l;
		struct pp_err e = {0};

		pci = NIC_PCI;
		pci.win[1].base = 0xC0002000ull;
		CHECK_EQ(vacpi_build(B, BUF_LEN, &p, &l, &e), 0);
	}
}

/* PkgLength (20.2.4): the value counts its own bytes; lead byte bits 7:6 say
 * how many bytes follow, bits 3:0 are the low nibble. */
TEST(vacpi_aml_pkglen)
{
	u8 o[4];

	CHECK_EQ(vacpi_aml_pkglen(0, o), 1);
	CHECK_EQ(o[0], 0x01);
	CHECK_EQ(vacpi_aml_pkglen(62, o), 1);
	CHECK_EQ(o[0], 0x3F);
	CHECK_EQ(vacpi_aml_pkglen(63, o), 2); /* 65 = 0x041 */
	CHECK_EQ(o[0], 0x41);
	CHECK_EQ(o[1], 0x04);
	CHECK_EQ(vacpi_aml_pkglen(0xFFD, o), 2); /* 0xFFF, the two-byte maximum */
	CHECK_EQ(o[0], 0x4F);
	CHECK_EQ(o[1], 0xFF);
	CHECK_EQ(vacpi_aml_pkglen(0xFFE, o), 3); /* 0x1001 */
	CHECK_EQ(o[0], 0x81);
	CHECK_EQ(o[1], 0x00);
	CHECK_EQ(o[2], 0x01);
	CHECK_EQ(vacpi_aml_pkglen((1u << 20) - 3, o), 4); /* 0x100001 */
	CHECK_EQ(o[0], 0xC1);
	CHECK_EQ(o[1], 0x00);
	CHECK_EQ(o[2], 0x00);
	CHECK_EQ(o[3], 0x01);
	CHECK_EQ(vacpi_aml_pkglen((1u << 28) - 5, o), 4); /* 2^28 - 1 */
	CHECK_EQ(o[0], 0xCF);
	CHECK_EQ(o[3], 0xFF);
	CHECK_EQ(vacpi_aml_pkglen((1u << 28) - 4, o), 0);
	CHECK_EQ(vacpi_aml_pkglen(0xFFFFFFFFu, o), 0);
}

/* Not a check by itself: with VACPI_DUMP_DIR set, write each built table
 * (2 vCPUs with APIC IDs 0 and 2, a TPM and its log) to <sig>.dat there,
 * and the DSDT with NIC_PCI's root bridge to dsdtpci.dat,
 * for tests/linux/vacpi-check.sh to disassemble with iasl. */
static void dump(const char *dir, const char *name, const u8 *t, u32 len)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s.dat", dir, name);
	fp = fopen(path, "wb");
	REQUIRE(fp != NULL);
	CHECK_EQ(fwrite(t, 1, len, fp), len);
	CHECK_EQ(fclose(fp), 0);
}

TEST(vacpi_dump)
{
	const char *dir = getenv("VACPI_DUMP_DIR");
	struct vacpi_params p = params2(true);
	struct vacpi_layout l;
	struct pp_err e = {0};
	if (!dir)
		return;
	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	dump(dir, "rsdp", at(gpa_val(l.rsdp)), 36);
	dump(dir, "xsdt", at(gpa_val(l.xsdt)), ld_le32(at(gpa_val(l.xsdt)) + 4));
	dump(dir, "facp", at(gpa_val(l.fadt)), ld_le32(at(gpa_val(l.fadt)) + 4));
	dump(dir, "dsdt", at(gpa_val(l.dsdt)), ld_le32(at(gpa_val(l.dsdt)) + 4));
	dump(dir, "apic", at(gpa_val(l.madt)), ld_le32(at(gpa_val(l.madt)) + 4));
	dump(dir, "tpm2", at(gpa_val(l.tpm2)), ld_le32(at(gpa_val(l.tpm2)) + 4));
	/* the same platform with linux-nic-uefi's device: \_SB.PCI0 */
	p.pci = &NIC_PCI;
	REQUIRE(vacpi_build(B, BUF_LEN, &p, &l, &e) == 0);
	dump(dir, "dsdtpci", at(gpa_val(l.dsdt)), ld_le32(at(gpa_val(l.dsdt)) + 4));
}
