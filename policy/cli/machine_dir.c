// SPDX-License-Identifier: GPL-2.0-only
/*
 * pol_machine_load_dir (cli.h): the machine of `parapet policy check
 * --machine DIR`, from what a user captured on the target
 * (docs/policy-machine.md):
 *   *.dat        the ACPI tables, as `acpidump -b` writes them (required:
 *                at least the MADT, apic.dat)
 *   lspci.txt    `lspci -D -n` (required)
 *   memmap.txt   /sys/firmware/memmap as "0xSTART 0xEND TYPE" (required)
 *   machine.txt  optional: maxphyaddr, cat-bits, hv-version, reserved,
 *                ioapic-gsis, bridge (defaults in machine_text.h)
 * All of it untrusted; it ends in pp_pol_machine_build, the builder the
 * hypervisor runs, so the validator sees the same machine either way.
 * *m is unchanged on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/cli/cli.h"
#include "policy/cli/machine_acpi.h"
#include "policy/cli/machine_text.h"

#define TEXT_MAX (1u << 20)

/* The hypervisor's own memory when machine.txt names none (docs/hypervisor.md). */
static const struct pp_pol_range default_reserved[] = {
    {0x0, 0x100000},	    /* real-mode area: AP trampoline, firmware */
    {0x1000000, 0x1000000}, /* the image at 16 MiB (about 5 MiB), with room */
};

struct dir_state {
	struct pol_m_acpi acpi;
	struct pol_m_conf conf;
	struct pp_pol_mem_ent mem[POL_M_MEM_MAX];
	struct pp_pol_pci_fn pci[PP_POL_MACHINE_DEVS];
	u32 n_mem, n_pci;
	u32 gsis[ACPI_MAX_IOAPICS];
};

/* Read DIR/name; absent and optional: *text = NULL, 0. */
static int read_text(const char *dir, const char *name, bool optional, char **text, size_t *len,
		     char *path, size_t pathlen, char *msg, size_t msglen)
{
	unsigned char *buf;
	FILE *f;
	snprintf(path, pathlen, "%s/%s", dir, name);
	*text = NULL;
	*len = 0;
	f = fopen(path, "rb");
	if (!f) {
		if (optional)
			return 0;
		snprintf(msg, msglen, "%s: missing (docs/policy-machine.md says how to capture it)",
			 path);
		return -1;
	}
	fclose(f);
	if (pol_cli_read_file(path, TEXT_MAX, &buf, len, msg, msglen))
		return -1;
	*text = (char *)buf;
	return 0;
}

static int load_texts(const char *dir, struct dir_state *s, char *msg, size_t msglen)
{
	char path[1024], *text;
	size_t len;
	int rc;
	if (read_text(dir, "lspci.txt", false, &text, &len, path, sizeof(path), msg, msglen))
		return -1;
	rc =
	    pol_m_parse_lspci(path, text, len, s->pci, PP_POL_MACHINE_DEVS, &s->n_pci, msg, msglen);
	free(text);
	if (rc || read_text(dir, "memmap.txt", false, &text, &len, path, sizeof(path), msg, msglen))
		return -1;
	rc = pol_m_parse_memmap(path, text, len, s->mem, POL_M_MEM_MAX, &s->n_mem, msg, msglen);
	free(text);
	if (rc || read_text(dir, "machine.txt", true, &text, &len, path, sizeof(path), msg, msglen))
		return -1;
	rc = pol_m_parse_conf(path, text ? text : "", len, &s->conf, msg, msglen);
	free(text);
	if (rc)
		return -1;
	/* ioapic-gsis lines name MADT IOAPIC ids */
	for (u32 i = 0; i < s->acpi.info.ioapic_count; i++)
		s->gsis[i] = PP_POL_IOAPIC_GSIS_DEFAULT;
	for (u32 k = 0; k < s->conf.n_ioapic; k++) {
		u32 i = 0;
		while (i < s->acpi.info.ioapic_count &&
		       s->acpi.info.ioapics[i].id != s->conf.ioapic[k].id)
			i++;
		if (i == s->acpi.info.ioapic_count) {
			snprintf(msg, msglen, "%s:%u: ioapic-gsis: the MADT has no IOAPIC %u", path,
				 s->conf.ioapic[k].line, s->conf.ioapic[k].id);
			return -1;
		}
		s->gsis[i] = s->conf.ioapic[k].gsis;
	}
	return 0;
}

int pol_machine_load_dir(const char *dir, struct pp_pol_machine *m, char *msg, size_t msglen)
{
	struct dir_state *s = calloc(1, sizeof(*s));
	struct pp_pol_machine_in in;
	struct pp_err err = {0, ""};
	int rc = -1;
	if (!s) {
		snprintf(msg, msglen, "%s: out of memory", dir);
		return -1;
	}
	if (pol_m_acpi_load(dir, &s->acpi, msg, msglen))
		goto out;
	if (load_texts(dir, s, msg, msglen))
		goto free_acpi;
	in = (struct pp_pol_machine_in){
	    .acpi = &s->acpi.info,
	    .oem = s->acpi.oem->data,
	    .oem_len = s->acpi.oem->len,
	    .iommu_tbl = s->acpi.iommu ? s->acpi.iommu->data : NULL,
	    .iommu_tbl_len = s->acpi.iommu ? s->acpi.iommu->len : 0,
	    .mem = s->mem,
	    .n_mem = s->n_mem,
	    .pci = s->pci,
	    .n_pci = s->n_pci,
	    .bridges = s->conf.bridges,
	    .n_bridges = s->conf.n_bridges,
	    .ioapic_gsis = s->gsis,
	    .reserved = s->conf.reserved_set ? s->conf.reserved : default_reserved,
	    .n_reserved =
		s->conf.reserved_set ? s->conf.n_reserved : (u32)PP_ARRAY_SIZE(default_reserved),
	    .maxphyaddr = s->conf.maxphyaddr,
	    .cat_bits = s->conf.cat_bits,
	    .hv_version = s->conf.hv_version,
	};
	if (pp_pol_machine_build(&in, m, &err)) {
		snprintf(msg, msglen, "%s: %s", dir, err.msg);
		goto free_acpi;
	}
	rc = 0;
free_acpi:
	pol_m_acpi_free(&s->acpi);
out:
	free(s);
	return rc;
}
