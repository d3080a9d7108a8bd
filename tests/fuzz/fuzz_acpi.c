// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the ACPI parsers.
 *
 * Input: byte 0 = flags (bit 0: fix the RSDP/root/table checksums before
 * parsing, so the fuzzer reaches the table parsers), the rest = a fake
 * physical memory starting at address 0: the RSDP copy is its first 36 (or
 * 20) bytes and every table address indexes into it. The map callback
 * returns an exact-size heap copy, so ASan flags any read past what was
 * mapped. The same bytes are then fed to each per-table parser with the
 * signature and Length patched to the input size.
 */
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/acpi.h>

#define MAX_MAPS 160

struct fmem {
	const u8 *mem;
	size_t size;
	int nmaps;
	void *maps[MAX_MAPS];
};

static const u8 *fmap(u64 phys, u64 len, void *ctx)
{
	struct fmem *m = ctx;
	u8 *c;
	if (phys > m->size || len > m->size - phys || m->nmaps >= MAX_MAPS)
		return NULL;
	c = malloc(len ? len : 1);
	memcpy(c, m->mem + phys, len);
	m->maps[m->nmaps++] = c;
	return c;
}

static void fix_sum(u8 *p, size_t len, size_t at)
{
	u8 s = 0;
	p[at] = 0;
	for (size_t i = 0; i < len; i++)
		s = (u8)(s + p[i]);
	p[at] = (u8)-s;
}

static void fix_table(u8 *mem, size_t size, u64 phys)
{
	if (phys > size || size - phys < 36)
		return;
	u32 len = ld_le32(mem + phys + 4);
	if (len >= 10 && len <= size - phys)
		fix_sum(mem + phys, len, 9);
}

/* Fix checksums the way a well-formed firmware would have them. */
static void fix_checksums(u8 *mem, size_t size)
{
	u64 root = 0;
	u32 esz = 4;
	if (size < 20)
		return;
	fix_sum(mem, 20, 8);
	root = ld_le32(mem + 16);
	if (mem[15] >= 2 && size >= 36) {
		u32 len = ld_le32(mem + 20);
		if (len >= 33 && len <= 36)
			fix_sum(mem, len, 32);
		if (ld_le64(mem + 24)) {
			root = ld_le64(mem + 24);
			esz = 8;
		}
	}
	if (root > size || size - root < 36)
		return;
	u32 rlen = ld_le32(mem + root + 4);
	if (rlen < 36 || rlen > size - root)
		return;
	for (u32 off = 36; off + esz <= rlen; off += esz) {
		u64 t = esz == 8 ? ld_le64(mem + root + off) : ld_le32(mem + root + off);
		if (t != root)
			fix_table(mem, size, t);
	}
	fix_table(mem, size, root);
}

typedef int (*parser_fn)(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err);

static void per_table(const u8 *data, size_t n)
{
	static const struct {
		const char *sig;
		parser_fn fn;
	} p[] = {
	    {"APIC", acpi_parse_madt}, {"MCFG", acpi_parse_mcfg}, {"IVRS", acpi_parse_ivrs},
	    {"DMAR", acpi_parse_dmar}, {"TPM2", acpi_parse_tpm2},
	};
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		struct acpi_info *a = calloc(1, sizeof(*a));
		struct pp_err e;
		u8 *b = malloc(n ? n : 1);
		memcpy(b, data, n);
		if (n >= 8) {
			memcpy(b, p[i].sig, 4);
			st_le32(b + 4, (u32)n);
		}
		p[i].fn(b, (u32)n, a, &e);
		free(b);
		free(a);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fmem m = {0};
	struct acpi_info *a;
	struct pp_err e;
	u8 rsdp[36] = {0};
	u8 *mem;
	size_t n;

	if (size < 1 || size > (1u << 20))
		return 0;
	n = size - 1;
	mem = malloc(n ? n : 1);
	memcpy(mem, data + 1, n);
	if (data[0] & 1)
		fix_checksums(mem, n);
	memcpy(rsdp, mem, n < 36 ? n : 36);
	m.mem = mem;
	m.size = n;
	a = malloc(sizeof(*a));
	u32 rlen = n >= 36 && rsdp[15] >= 2 ? 36 : (u32)(n < 20 ? n : 20);
	if (acpi_parse(rsdp, rlen, fmap, &m, a, &e) == 0) {
		if (!a->madt_present || a->cpu_count == 0 || a->cpu_count > ACPI_MAX_CPUS ||
		    a->iommu_count > ACPI_MAX_IOMMUS || a->table_count > ACPI_MAX_TABLES)
			abort();
	} else if (e.code == 0 || a->table_count != 0 || a->cpu_count != 0) {
		abort(); /* failure must carry a code and leave nothing behind */
	}
	for (int i = 0; i < m.nmaps; i++)
		free(m.maps[i]);
	free(a);
	free(mem);
	per_table(data + 1, n);
	return 0;
}
