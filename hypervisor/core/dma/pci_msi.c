// SPDX-License-Identifier: GPL-2.0-only
/* The MSI capability of an assigned function (pci_msi.h). */
#include "pci_msi.h"

static u32 rd8(const struct pci_cfg_ops *cfg, u32 off)
{
	return (cfg->rd32(cfg->ctx, off & ~3u) >> (8 * (off & 3u))) & 0xffu;
}

static u32 rd16(const struct pci_cfg_ops *cfg, u32 off)
{
	return (cfg->rd32(cfg->ctx, off & ~3u) >> (8 * (off & 2u))) & 0xffffu;
}

int pci_msi_find(const struct pci_cfg_ops *cfg, struct pci_msi *m, struct pp_err *err)
{
	if (!(rd16(cfg, PCI_CFG_STATUS) & PCI_STATUS_CAP_LIST))
		return pp_fail(err, PP_ENOENT, "no capability list (status bit 4 clear)");
	u32 p = rd8(cfg, PCI_CFG_CAP_PTR) & ~3u; /* bits 1:0 reserved (6.7) */
	for (u32 n = 0; p; n++) {
		if (n >= PCI_CAP_MAX_WALK)
			return pp_fail(err, PP_EINVAL,
				       "capability list longer than %u entries (a loop)",
				       PCI_CAP_MAX_WALK);
		if (p < PCI_CAP_FIRST || p > 0xfcu)
			return pp_fail(err, PP_EINVAL, "capability pointer 0x%x outside 0x40..0xff",
				       p);
		const u32 hdr = cfg->rd32(cfg->ctx, p);
		if ((hdr & 0xffu) == PCI_CAP_ID_MSI) {
			const u32 ctl = hdr >> 16;
			const bool is64 = (ctl & PCI_MSI_CTL_64) != 0,
				   pvm = (ctl & PCI_MSI_CTL_PVM) != 0;
			/* The dwords it uses: data (and mask) end 0x0c/0x10/0x14. */
			const u32 end = (is64 ? 0x10u : 0x0cu) + (pvm ? 4u : 0u);
			if (p + end > 0x100u)
				return pp_fail(err, PP_EINVAL,
					       "MSI capability at 0x%x runs past 0xff (0x%x bytes)",
					       p, end);
			u32 mmc = (ctl & PCI_MSI_CTL_MMC_MASK) >> 1;
			*m = (struct pci_msi){
			    .cap = p,
			    .is64 = is64,
			    .pvm = pvm,
			    .vectors = 1u << (mmc > 5 ? 5 : mmc)}; /* 110b, 111b reserved */
			return PP_OK;
		}
		p = (hdr >> 8) & 0xfcu;
	}
	return pp_fail(err, PP_ENOENT, "no MSI capability");
}

/* Message control is the upper half of the capability's first dword; the
 * lower half (ID, next) is read-only. */
static void set_ctl(const struct pci_cfg_ops *cfg, const struct pci_msi *m, u32 ctl)
{
	const u32 hdr = cfg->rd32(cfg->ctx, m->cap);
	cfg->wr32(cfg->ctx, m->cap, (hdr & 0xffffu) | (ctl << 16));
}

void pci_msi_disable(const struct pci_cfg_ops *cfg, const struct pci_msi *m)
{
	const u32 ctl = cfg->rd32(cfg->ctx, m->cap) >> 16;
	set_ctl(cfg, m, ctl & ~(PCI_MSI_CTL_ENABLE | PCI_MSI_CTL_MME_MASK));
	cfg->wr32(cfg->ctx, m->cap + PCI_MSI_ADDR_LO, 0);
	if (m->is64) {
		cfg->wr32(cfg->ctx, m->cap + 0x08u, 0);
		cfg->wr32(cfg->ctx, m->cap + 0x0cu, 0);
	} else {
		cfg->wr32(cfg->ctx, m->cap + 0x08u, 0);
	}
}

int pci_msi_enable(const struct pci_cfg_ops *cfg, const struct pci_msi *m, u64 addr, u32 data,
		   struct pp_err *err)
{
	if ((addr >> 32) && !m->is64)
		return pp_fail(err, PP_EINVAL,
			       "MSI address 0x%llx above 4 GiB for a 32-bit capability",
			       (unsigned long long)addr);
	if (addr & 3u)
		return pp_fail(err, PP_EINVAL, "MSI address 0x%llx not dword-aligned",
			       (unsigned long long)addr);
	const u32 ctl = cfg->rd32(cfg->ctx, m->cap) >> 16;
	set_ctl(cfg, m, ctl & ~(PCI_MSI_CTL_ENABLE | PCI_MSI_CTL_MME_MASK));
	cfg->wr32(cfg->ctx, m->cap + PCI_MSI_ADDR_LO, (u32)addr);
	const u32 data_off = m->is64 ? 0x0cu : 0x08u;
	if (m->is64)
		cfg->wr32(cfg->ctx, m->cap + 0x08u, (u32)(addr >> 32));
	cfg->wr32(cfg->ctx, m->cap + data_off, data & 0xffffu);
	if (m->pvm) {
		const u32 mask_off = data_off + 4u;
		cfg->wr32(cfg->ctx, m->cap + mask_off,
			  cfg->rd32(cfg->ctx, m->cap + mask_off) & ~1u);
	}
	set_ctl(cfg, m, (ctl & ~PCI_MSI_CTL_MME_MASK) | PCI_MSI_CTL_ENABLE);
	return PP_OK;
}
