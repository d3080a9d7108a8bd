/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Synthetic ACPI tables in a fake physical memory, for the ACPI unit tests.
 *
 * Tables are built in struct tb buffers (a test may edit them), then
 * fake_layout() places them at FAKE_BASE, fixes Length and checksums and
 * builds the XSDT (or RSDT) and the RSDP copy. fake_map() hands out a
 * malloc'd copy of exactly the requested bytes, so ASan catches any read
 * past what the parser mapped.
 */
#ifndef PARAPET_TEST_ACPI_FAKE_H
#define PARAPET_TEST_ACPI_FAKE_H

#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/acpi.h>

#define FAKE_BASE 0x7fe0000ull
#define FAKE_SIZE 0x8000u
#define FAKE_MAX_MAPS 256

enum { T_FACP, T_MADT, T_MCFG, T_IOMMU, T_TPM2, T_EXTRA, T_N };

struct tb {
	bool present;
	bool raw; /* do not fix Length/checksum at layout */
	u32 len;
	u8 b[2048];
};

struct fake {
	struct tb t[T_N];
	u64 phys[T_N];
	u64 root;
	bool rsdt_only;
	u8 mem[FAKE_SIZE];
	u32 used;
	u8 rsdp[36];
	u32 rsdp_len;
	int map_calls, fail_map_at; /* fail_map_at: 1-based call to fail, 0 never */
	int nmaps;
	void *maps[FAKE_MAX_MAPS];
};

static inline void tb_hdr(struct tb *t, const char *sig, u8 rev)
{
	memset(t, 0, sizeof(*t));
	t->present = true;
	memcpy(t->b, sig, 4);
	t->b[8] = rev;
	memcpy(t->b + 10, "PARAPT", 6);
	memcpy(t->b + 16, "TESTTABL", 8);
	t->len = 36;
}
static inline void tb_u8(struct tb *t, u8 v)
{
	t->b[t->len++] = v;
}
static inline void tb_u16(struct tb *t, u16 v)
{
	st_le16(t->b + t->len, v);
	t->len += 2;
}
static inline void tb_u32(struct tb *t, u32 v)
{
	st_le32(t->b + t->len, v);
	t->len += 4;
}
static inline void tb_u64(struct tb *t, u64 v)
{
	st_le64(t->b + t->len, v);
	t->len += 8;
}
static inline void tb_zero(struct tb *t, u32 n)
{
	memset(t->b + t->len, 0, n);
	t->len += n;
}

static inline u8 sum8(const u8 *p, u32 n)
{
	u8 s = 0;
	while (n--)
		s = (u8)(s + *p++);
	return s;
}

/* Set Length = len and fix the checksum over min(len, avail) bytes. */
static inline void sdt_fix(u8 *p, u32 len, u32 avail)
{
	st_le32(p + 4, len);
	if (avail > 9) {
		p[9] = 0;
		p[9] = (u8)-sum8(p, len < avail ? len : avail);
	}
}

/* MADT entries */
static inline void madt_lapic(struct tb *t, u8 uid, u8 id, u32 flags)
{
	tb_u8(t, 0);
	tb_u8(t, 8);
	tb_u8(t, uid);
	tb_u8(t, id);
	tb_u32(t, flags);
}
static inline void madt_x2apic(struct tb *t, u32 id, u32 flags, u32 uid)
{
	tb_u8(t, 9);
	tb_u8(t, 16);
	tb_u16(t, 0);
	tb_u32(t, id);
	tb_u32(t, flags);
	tb_u32(t, uid);
}
static inline void madt_ioapic(struct tb *t, u8 id, u32 addr, u32 gsi)
{
	tb_u8(t, 1);
	tb_u8(t, 12);
	tb_u8(t, id);
	tb_u8(t, 0);
	tb_u32(t, addr);
	tb_u32(t, gsi);
}

static inline void build_madt(struct tb *t, int ncpus)
{
	tb_hdr(t, "APIC", 5);
	tb_u32(t, 0xFEE00000u);
	tb_u32(t, 1); /* PCAT_COMPAT */
	for (int i = 0; i < ncpus; i++)
		madt_lapic(t, (u8)i, (u8)i, 1);
	madt_ioapic(t, 0, 0xFEC00000u, 0);
	/* Interrupt Source Override (type 2, 10 bytes) and LAPIC NMI (type 4, 6). */
	tb_u8(t, 2);
	tb_u8(t, 10);
	tb_u8(t, 0);
	tb_u8(t, 0);
	tb_u32(t, 2);
	tb_u16(t, 0);
	tb_u8(t, 4);
	tb_u8(t, 6);
	tb_u8(t, 0xFF);
	tb_u16(t, 0);
	tb_u8(t, 1);
}

static inline void build_mcfg(struct tb *t)
{
	tb_hdr(t, "MCFG", 1);
	tb_zero(t, 8);
	tb_u64(t, 0xB0000000ull);
	tb_u16(t, 0);
	tb_u8(t, 0);
	tb_u8(t, 0xFF);
	tb_u32(t, 0);
}

/* IVHD type 0x10 for QEMU's amd-iommu (00:03.0 at 0xfed80000). */
static inline void ivhd10(struct tb *t, u64 base)
{
	u32 start = t->len;
	tb_u8(t, 0x10);
	tb_u8(t, 0xD1);
	tb_u16(t, 0);
	tb_u16(t, 0x0018);
	tb_u16(t, 0x40);
	tb_u64(t, base);
	tb_u16(t, 0);
	tb_u16(t, 0);
	tb_u32(t, 0x2a000000);
	/* devices: range start 00:00.0 .. range end ff:1f.7, special IOAPIC entry */
	tb_u8(t, 3);
	tb_u16(t, 0x0000);
	tb_u8(t, 0);
	tb_u8(t, 4);
	tb_u16(t, 0xFFFF);
	tb_u8(t, 0);
	tb_u8(t, 0x48);
	tb_u16(t, 0);
	tb_u8(t, 0xD7);
	tb_u8(t, 0);
	tb_u16(t, 0x00A0);
	tb_u8(t, 1);
	st_le16(t->b + start + 2, (u16)(t->len - start));
}

static inline void build_ivrs(struct tb *t)
{
	tb_hdr(t, "IVRS", 1);
	tb_u32(t, 0x00203040u);
	tb_zero(t, 8);
	ivhd10(t, 0xFED80000ull);
}

static inline void build_dmar(struct tb *t)
{
	tb_hdr(t, "DMAR", 1);
	tb_u8(t, 38); /* HAW 39 bits */
	tb_u8(t, 1);
	tb_zero(t, 10);
	/* DRHD, INCLUDE_PCI_ALL, with an IOAPIC device scope */
	tb_u16(t, 0);
	tb_u16(t, 24);
	tb_u8(t, 1);
	tb_u8(t, 0);
	tb_u16(t, 0);
	tb_u64(t, 0xFED90000ull);
	tb_u8(t, 3);
	tb_u8(t, 8);
	tb_u16(t, 0);
	tb_u8(t, 0);
	tb_u8(t, 0xF0);
	tb_u8(t, 0x1F);
	tb_u8(t, 0);
}

static inline void build_tpm2(struct tb *t, u32 method)
{
	tb_hdr(t, "TPM2", 4);
	tb_u16(t, 0);
	tb_u16(t, 0);
	tb_u64(t, method == 6 ? 0 : 0xFED40040ull);
	tb_u32(t, method);
	tb_zero(t, 12);
	tb_u32(t, 0x10000);	 /* LAML */
	tb_u64(t, 0x7FF0000ull); /* LASA */
}

struct q35_opts {
	bool dmar;
	bool rsdt_only;
	u32 tpm_method; /* 0: no TPM2 table */
	int ncpus;
};

static inline void fake_q35(struct fake *f, const struct q35_opts *o)
{
	memset(f, 0, sizeof(*f));
	tb_hdr(&f->t[T_FACP], "FACP", 6);
	tb_zero(&f->t[T_FACP], 240);
	build_madt(&f->t[T_MADT], o->ncpus ? o->ncpus : 4);
	build_mcfg(&f->t[T_MCFG]);
	if (o->dmar)
		build_dmar(&f->t[T_IOMMU]);
	else
		build_ivrs(&f->t[T_IOMMU]);
	if (o->tpm_method)
		build_tpm2(&f->t[T_TPM2], o->tpm_method);
	f->rsdt_only = o->rsdt_only;
}

static inline u64 fake_place(struct fake *f, const u8 *b, u32 len)
{
	u32 off = (f->used + 15u) & ~15u;
	if (off + len > FAKE_SIZE)
		abort();
	memcpy(f->mem + off, b, len);
	f->used = off + len;
	return FAKE_BASE + off;
}

static inline u8 *fake_at(struct fake *f, u64 phys)
{
	return f->mem + (phys - FAKE_BASE);
}

/* Recompute the checksum of the table at phys from its (possibly edited) Length. */
static inline void fake_refix(struct fake *f, u64 phys)
{
	u8 *p = fake_at(f, phys);
	u32 avail = (u32)(FAKE_SIZE - (phys - FAKE_BASE));
	sdt_fix(p, ld_le32(p + 4), avail);
}

static inline void fake_rsdp_fix(struct fake *f)
{
	f->rsdp[8] = 0;
	f->rsdp[8] = (u8)-sum8(f->rsdp, 20);
	if (f->rsdp_len == 36) {
		f->rsdp[32] = 0;
		f->rsdp[32] = (u8)-sum8(f->rsdp, 36);
	}
}

static inline void fake_layout(struct fake *f)
{
	struct tb root;
	for (int i = 0; i < T_N; i++) {
		struct tb *t = &f->t[i];
		if (!t->present)
			continue;
		if (!t->raw)
			sdt_fix(t->b, t->len, t->len);
		f->phys[i] = fake_place(f, t->b, t->len);
	}
	tb_hdr(&root, f->rsdt_only ? "RSDT" : "XSDT", 1);
	for (int i = 0; i < T_N; i++) {
		if (!f->t[i].present)
			continue;
		if (f->rsdt_only)
			tb_u32(&root, (u32)f->phys[i]);
		else
			tb_u64(&root, f->phys[i]);
	}
	sdt_fix(root.b, root.len, root.len);
	f->root = fake_place(f, root.b, root.len);

	memset(f->rsdp, 0, sizeof(f->rsdp));
	memcpy(f->rsdp, "RSD PTR ", 8);
	memcpy(f->rsdp + 9, "PARAPT", 6);
	if (f->rsdt_only) {
		f->rsdp[15] = 0;
		st_le32(f->rsdp + 16, (u32)f->root);
		f->rsdp_len = 20;
	} else {
		f->rsdp[15] = 2;
		st_le32(f->rsdp + 16, 0); /* no RSDT: the XSDT must be used */
		st_le32(f->rsdp + 20, 36);
		st_le64(f->rsdp + 24, f->root);
		f->rsdp_len = 36;
	}
	fake_rsdp_fix(f);
}

static inline const u8 *fake_map(u64 phys, u64 len, void *ctx)
{
	struct fake *f = ctx;
	u8 *copy;
	f->map_calls++;
	if (f->fail_map_at && f->map_calls == f->fail_map_at)
		return NULL;
	if (phys < FAKE_BASE || len > FAKE_SIZE || phys - FAKE_BASE > FAKE_SIZE - len)
		return NULL;
	if (f->nmaps >= FAKE_MAX_MAPS)
		return NULL;
	copy = malloc(len ? len : 1);
	memcpy(copy, fake_at(f, phys), len);
	f->maps[f->nmaps++] = copy;
	return copy;
}

static inline void fake_unmap_all(struct fake *f)
{
	for (int i = 0; i < f->nmaps; i++)
		free(f->maps[i]);
	f->nmaps = 0;
	f->map_calls = 0;
}

static inline int fake_parse(struct fake *f, struct acpi_info *info, struct pp_err *err)
{
	int rc;
	memset(err, 0, sizeof(*err));
	rc = acpi_parse(f->rsdp, f->rsdp_len, fake_map, f, info, err);
	fake_unmap_all(f);
	return rc;
}

#endif
