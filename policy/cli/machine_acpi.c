// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ACPI half of a machine directory (machine_acpi.h): the *.dat files
 * `acpidump -b` writes (one table each, named by lower-case signature and
 * instance: apic.dat, ssdt1.dat, ...; rsdp.dat, xsdt.dat and facs.dat
 * when the kernel lets acpidump read them). A file is recognised by the
 * signature inside it, not by its name.
 *
 * Each table file is checked (header, Length equal to the file's size,
 * checksum) and run through its common/acpi parser alone, so an error
 * names the file; then the tables are laid out in a private buffer behind
 * a synthetic XSDT and RSDP and handed to acpi_parse, the hypervisor's
 * own entry point, which applies the rules over the set (MADT required,
 * one of each, not both IVRS and DMAR). The target's XSDT is not used as
 * the root (its entries are the target's physical addresses): only its
 * header, for the platform string. RSDP, RSDT, XSDT, FACS and DSDT are not
 * listed in the synthetic XSDT (the real one does not list them either).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include "policy/cli/cli.h"
#include "policy/cli/machine_acpi.h"

#define FAKE_PHYS 0x10000000ull

struct layout {
	u8 *mem;
	u64 size;
};

static const u8 *map_fake(u64 phys, u64 len, void *ctx)
{
	const struct layout *l = ctx;
	if (phys < FAKE_PHYS || !pp_span_ok(phys - FAKE_PHYS, len, l->size))
		return NULL;
	return l->mem + (phys - FAKE_PHYS);
}

/* Copy n characters of s (no terminator: a fixed-width ACPI field). */
static void put_chars(u8 *dst, const char *s, u32 n)
{
	for (u32 i = 0; i < n; i++)
		dst[i] = (u8)s[i];
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void pol_m_acpi_free(struct pol_m_acpi *a)
{
	for (u32 i = 0; i < a->n; i++) {
		free(a->t[i].data);
		free(a->t[i].name);
	}
	a->n = 0;
}

static bool sig_in(const u8 *t, const char *const *list)
{
	for (; *list; list++)
		if (acpi_sig_is(t, *list))
			return true;
	return false;
}

/* One file: read, check, parse alone. */
static int load_one(const char *dir, const char *file, struct pol_m_acpi *a, char *msg,
		    size_t msglen)
{
	static struct acpi_info alone;
	char path[1024];
	unsigned char *buf;
	size_t len;
	struct pp_err err = {0, ""};
	int rc = 0;
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (pol_cli_read_file(path, (size_t)ACPI_TABLE_MAX_LEN, &buf, &len, msg, msglen))
		return -1;
	if (len >= 8 && memcmp(buf, "RSD PTR ", 8) == 0) {
		free(buf);
		return 0; /* the RSDP: nothing in it we use */
	}
	if (len < ACPI_SDT_HDR_LEN) {
		snprintf(msg, msglen, "%s: %zu bytes, shorter than an ACPI table header (36)", path,
			 len);
		goto bad;
	}
	if (acpi_sig_is(buf, "FACS")) {
		free(buf);
		return 0; /* no checksum, nothing we use */
	}
	if (ld_le32(buf + ACPI_SDT_LENGTH) != len) {
		snprintf(msg, msglen, "%s: header Length %u, the file has %zu bytes", path,
			 ld_le32(buf + ACPI_SDT_LENGTH), len);
		goto bad;
	}
	if (!acpi_checksum_ok(buf, len)) {
		snprintf(msg, msglen, "%s: checksum of the %zu bytes is not zero", path, len);
		goto bad;
	}
	memset(&alone, 0, sizeof(alone));
	if (acpi_sig_is(buf, "APIC"))
		rc = acpi_parse_madt(buf, (u32)len, &alone, &err);
	else if (acpi_sig_is(buf, "MCFG"))
		rc = acpi_parse_mcfg(buf, (u32)len, &alone, &err);
	else if (acpi_sig_is(buf, "DMAR"))
		rc = acpi_parse_dmar(buf, (u32)len, &alone, &err);
	else if (acpi_sig_is(buf, "IVRS"))
		rc = acpi_parse_ivrs(buf, (u32)len, &alone, &err);
	else if (acpi_sig_is(buf, "TPM2"))
		rc = acpi_parse_tpm2(buf, (u32)len, &alone, &err);
	if (rc) {
		snprintf(msg, msglen, "%s: %s", path, err.msg);
		goto bad;
	}
	if (a->n >= POL_M_ACPI_FILES) {
		snprintf(msg, msglen, "%s: more than %u table files", dir, POL_M_ACPI_FILES);
		goto bad;
	}
	a->t[a->n].name = strdup(file);
	a->t[a->n].data = buf;
	a->t[a->n].len = (u32)len;
	if (!a->t[a->n].name) {
		snprintf(msg, msglen, "%s: out of memory", path);
		goto bad;
	}
	a->n++;
	return 0;
bad:
	free(buf);
	return -1;
}

static int list_dir(const char *dir, char ***names, u32 *n, char *msg, size_t msglen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	u32 cap = 0;
	*names = NULL;
	*n = 0;
	if (!d) {
		snprintf(msg, msglen, "%s: cannot open the directory", dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".dat") != 0)
			continue;
		if (*n == cap) {
			char **nn = realloc(*names, (cap + 16) * sizeof(*nn));
			if (!nn)
				break;
			*names = nn;
			cap += 16;
		}
		if (((*names)[*n] = strdup(e->d_name)) == NULL)
			break;
		(*n)++;
	}
	closedir(d);
	if (e) {
		snprintf(msg, msglen, "%s: out of memory", dir);
		return -1;
	}
	if (*n)
		qsort(*names, *n, sizeof(**names), by_name);
	return 0;
}

/* Lay the listed tables out behind a synthetic XSDT and RSDP; acpi_parse them. */
static int parse_set(const char *dir, struct pol_m_acpi *a, char *msg, size_t msglen)
{
	static const char *const unlisted[] = {"XSDT", "RSDT", "DSDT", NULL};
	struct layout l = {0};
	u64 off = 0, root;
	u32 n = 0;
	u8 rsdp[ACPI_RSDP_V2_LEN] = "RSD PTR ";
	struct pp_err err = {0, ""};
	int rc;
	for (u32 i = 0; i < a->n; i++)
		if (!sig_in(a->t[i].data, unlisted))
			l.size += PP_ALIGN_UP(a->t[i].len, 16), n++;
	l.size += ACPI_SDT_HDR_LEN + 8ull * n;
	l.mem = calloc(1, l.size);
	if (!l.mem) {
		snprintf(msg, msglen, "%s: out of memory", dir);
		return -1;
	}
	root = FAKE_PHYS + l.size - (ACPI_SDT_HDR_LEN + 8ull * n);
	u8 *x = l.mem + (root - FAKE_PHYS);
	put_chars(x, "XSDT", 4);
	st_le32(x + 4, ACPI_SDT_HDR_LEN + 8 * n);
	x[8] = 1;
	put_chars(x + 10, "PARAPT", 6);
	put_chars(x + 16, "MACHDIR ", 8);
	n = 0;
	for (u32 i = 0; i < a->n; i++) {
		if (sig_in(a->t[i].data, unlisted))
			continue;
		memcpy(l.mem + off, a->t[i].data, a->t[i].len);
		st_le64(x + ACPI_SDT_HDR_LEN + 8 * (size_t)n++, FAKE_PHYS + off);
		off += PP_ALIGN_UP(a->t[i].len, 16);
	}
	x[9] = 0;
	u8 sum = 0;
	for (u32 i = 0; i < ACPI_SDT_HDR_LEN + 8 * n; i++)
		sum = (u8)(sum + x[i]);
	x[9] = (u8)-sum;
	put_chars(rsdp + 9, "PARAPT", 6);
	rsdp[15] = 2;
	st_le32(rsdp + 20, ACPI_RSDP_V2_LEN);
	st_le64(rsdp + 24, root);
	sum = 0;
	for (u32 i = 0; i < 20; i++)
		sum = (u8)(sum + rsdp[i]);
	rsdp[8] = (u8)-sum;
	sum = 0;
	for (u32 i = 0; i < ACPI_RSDP_V2_LEN; i++)
		sum = (u8)(sum + rsdp[i]);
	rsdp[32] = (u8)-sum;
	rc = acpi_parse(rsdp, sizeof(rsdp), map_fake, &l, &a->info, &err);
	free(l.mem);
	if (rc) {
		snprintf(msg, msglen, "%s: the ACPI tables together: %s", dir, err.msg);
		return -1;
	}
	return 0;
}

static const struct pol_m_table *find(const struct pol_m_acpi *a, const char *sig)
{
	for (u32 i = 0; i < a->n; i++)
		if (acpi_sig_is(a->t[i].data, sig))
			return &a->t[i];
	return NULL;
}

int pol_m_acpi_load(const char *dir, struct pol_m_acpi *a, char *msg, size_t msglen)
{
	char **names;
	u32 nn;
	int rc = 0;
	memset(a, 0, sizeof(*a));
	if (list_dir(dir, &names, &nn, msg, msglen))
		rc = -1;
	for (u32 i = 0; !rc && i < nn; i++)
		rc = load_one(dir, names[i], a, msg, msglen);
	for (u32 i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	if (!rc && !find(a, "APIC")) {
		snprintf(msg, msglen, "%s: no MADT (apic.dat): capture with `acpidump -b` there",
			 dir);
		rc = -1;
	}
	if (!rc)
		rc = parse_set(dir, a, msg, msglen);
	if (!rc) {
		const char *const order[] = {"XSDT", "RSDT", "FACP"};
		for (u32 i = 0; i < 3 && !a->oem; i++)
			a->oem = find(a, order[i]);
		if (!a->oem)
			a->oem = &a->t[0];
		a->iommu = find(a, "DMAR");
		if (!a->iommu)
			a->iommu = find(a, "IVRS");
	}
	if (rc)
		pol_m_acpi_free(a);
	return rc;
}
