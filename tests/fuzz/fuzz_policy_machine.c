// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the machine builder (common/policy/machine*.c) on
 * arbitrary ACPI bytes and the machine directory's text parsers
 * (policy/cli/machine_text.c) on arbitrary text. The first byte picks:
 *   0, 1  the rest is a DMAR (0) or IVRS (1) table: signature and Length
 *         set, parsed by common/acpi, then given to the builder with a q35
 *         MADT and MCFG, PCI functions and bridges taken from its tail
 *   2     the rest is a MADT, built with no IOMMU
 *   3, 4, 5  the rest is lspci.txt, memmap.txt, machine.txt text
 * Invariants: no crash or out-of-bounds access; a refusal leaves the
 * machine untouched; an accepted machine has its counts within capacity,
 * usable RAM sorted, disjoint and page-aligned, and every device's unit a
 * real unit or PP_POL_NO_IOMMU.
 */
#include <stdlib.h>
#include <string.h>
#include "../unit/acpi_fake.h"
#include "policy/cli/machine_text.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct fake f;
static struct acpi_info base, info;
static struct pp_pol_machine m, m0;
static u8 tbl[8192];
static struct pp_pol_pci_fn pci[PP_POL_MACHINE_DEVS];
static struct pp_pol_mem_ent mem[POL_M_MEM_MAX];
static struct pol_m_conf conf;
static char msg[512];
static bool ready;

static void setup(void)
{
	struct q35_opts o = {.ncpus = 4};
	struct pp_err err;
	fake_q35(&f, &o);
	f.t[T_IOMMU].present = false;
	fake_layout(&f);
	if (fake_parse(&f, &base, &err))
		abort();
	ready = true;
}

static void check_machine(void)
{
	if (m.n_usable > PP_POL_MACHINE_RANGES || m.n_forbidden > PP_POL_MACHINE_RANGES ||
	    m.n_reserved > PP_POL_MACHINE_RANGES || m.n_devs > PP_POL_MACHINE_DEVS)
		abort();
	for (u32 i = 0; i < m.n_usable; i++) {
		if (!m.usable[i].size || (m.usable[i].base | m.usable[i].size) & 0xfff)
			abort();
		if (i && m.usable[i - 1].base + m.usable[i - 1].size >= m.usable[i].base)
			abort();
	}
	for (u32 i = 0; i < m.n_devs; i++)
		if (m.devs[i].iommu != PP_POL_NO_IOMMU && m.devs[i].iommu >= m.n_iommus)
			abort();
}

static void build(const u8 *t, u32 tlen, const u8 *tail, size_t tail_len)
{
	struct pp_pol_bridge br[4];
	struct pp_pol_mem_ent e[2] = {{0, 0xa0000, PP_POL_MEM_USABLE},
				      {0x100000, 0x3ff00000, PP_POL_MEM_USABLE}};
	struct pp_pol_machine_in in = {
	    .acpi = &info,
	    .oem = fake_at(&f, f.root),
	    .oem_len = 36,
	    .iommu_tbl = t,
	    .iommu_tbl_len = tlen,
	    .mem = e,
	    .n_mem = 2,
	    .pci = pci,
	    .bridges = br,
	    .maxphyaddr = 40,
	    .hv_version = 1,
	};
	struct pp_err err;
	u32 n = 0;
	for (size_t i = 0; i + 2 <= tail_len && n < 16; i += 2) {
		pci[n] = (struct pp_pol_pci_fn){0, tail[i], tail[i + 1]};
		bool dup = false;
		for (u32 j = 0; j < n; j++)
			dup |= pci[j].bus == pci[n].bus && pci[j].devfn == pci[n].devfn;
		if (!dup)
			n++;
	}
	in.n_pci = n;
	for (u32 i = 0; i < 4; i++)
		br[i] = (struct pp_pol_bridge){0, 0, (u8)(i * 8), (u8)(i + 1), (u8)(i + 2)};
	in.n_bridges = 4;
	memset(&m, 0x5a, sizeof(m));
	m0 = m;
	if (pp_pol_machine_build(&in, &m, &err) != PP_OK) {
		if (memcmp(&m, &m0, sizeof(m)) != 0 || err.code >= 0)
			abort();
		return;
	}
	check_machine();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pp_err err;
	u32 n;
	if (!ready)
		setup();
	if (size < 1)
		return 0;
	u8 mode = data[0] % 6;
	data++;
	size--;
	if (mode <= 2) {
		/* the table is the first up-to-4 KiB; the tail feeds the PCI list */
		size_t tl = size > 4096 ? 4096 : size, cut = tl;
		if (size >= 2)
			cut = PP_MIN(tl, (size_t)ld_le16(data) % (size + 1));
		if (cut < ACPI_SDT_HDR_LEN)
			return 0;
		memcpy(tbl, data, cut);
		for (u32 i = 0; i < 4; i++)
			tbl[i] = (u8)(mode == 0 ? "DMAR" : mode == 1 ? "IVRS" : "APIC")[i];
		st_le32(tbl + 4, (u32)cut);
		info = base;
		if (mode == 2) {
			memset(&info, 0, sizeof(info));
			if (acpi_parse_madt(tbl, (u32)cut, &info, &err))
				return 0;
			info.mcfg_count = base.mcfg_count;
			memcpy(info.mcfg, base.mcfg, sizeof(info.mcfg));
			build(NULL, 0, data + cut, size - cut);
			return 0;
		}
		int rc = mode == 0 ? acpi_parse_dmar(tbl, (u32)cut, &info, &err)
				   : acpi_parse_ivrs(tbl, (u32)cut, &info, &err);
		/* the builder takes a table common/acpi never saw, too */
		if (rc)
			info = base;
		build(tbl, (u32)cut, data + cut, size - cut);
		return 0;
	}
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	if (mode == 3)
		(void)pol_m_parse_lspci("lspci.txt", text, size, pci, PP_POL_MACHINE_DEVS, &n, msg,
					sizeof(msg));
	else if (mode == 4)
		(void)pol_m_parse_memmap("memmap.txt", text, size, mem, POL_M_MEM_MAX, &n, msg,
					 sizeof(msg));
	else
		(void)pol_m_parse_conf("machine.txt", text, size, &conf, msg, sizeof(msg));
	free(text);
	return 0;
}
