// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI configuration space of a Linux partition (vpci.h): conf1 and the
 * filter for one assigned endpoint (linux-guest.md §1.5). Sections cited:
 * PCI Local Bus Specification 3.0 ("PCI 3.0"), PCI Bus Power Management
 * Interface Specification 1.2 ("PCI PM 1.2"), PCI Express Base
 * Specification 3.0 ("PCIe 3.0").
 *
 * The guest's view of the endpoint's type 0 header (PCI 3.0 §6.1, §6.2):
 *
 *   0x00 IDs, 0x08 class/revision, 0x28 CardBus CIS, 0x2C subsystem IDs:
 *        physical; writes dropped (read-only registers, §6.2.1).
 *   0x04 Command (§6.2.2): physical; a write keeps only Memory Space (1),
 *        Bus Master (2), Parity Error Response (6), SERR# Enable (8) and
 *        Interrupt Disable (10), and I/O Space (0) only when the guest has
 *        an I/O BAR; other bits are written 0 (counted).
 *   0x06 Status (§6.2.3): physical, Capabilities List (bit 4) set only when
 *        the view has a capability; a write passes only the RW1C bits
 *        (8, 11-15: write 1 to clear), never a read-only bit.
 *   0x0C Cache Line Size and Latency Timer: passed (§6.2.4, read/write);
 *        Header Type read with bit 7 (multi-function) clear, the view is
 *        one function; Header Type and BIST writes dropped (BIST bit 6
 *        would start a self-test, §6.2.4).
 *   0x10-0x24 BARs (§6.2.5.1): shadowed. Reads give the fixed address the
 *        hypervisor maps, with the type bits of the configured BAR. A write
 *        is stored in the shadow with the address bits below the size read
 *        as 0, so all ones reads back the size mask (the sizing of
 *        §6.2.5.1); an address other than the fixed one is stored in the
 *        shadow only (counted) and never moves the physical BAR or the NPT.
 *        A 64-bit BAR's upper half is the next index (§6.2.5.1: "64-bit
 *        ... consumes two DWORD locations").
 *   0x30 Expansion ROM BAR (§6.2.5.2) and 0x3D Interrupt Pin (§6.2.4):
 *        read 0 (no ROM, no INTx), writes dropped.
 *   0x34 Capabilities Pointer (§6.7): the first visible capability.
 *   0x38 reserved: 0. 0x3C Interrupt Line: a shadowed scratch byte (no
 *        meaning to the device, §6.2.4). 0x3E/0x3F Min_Gnt/Max_Lat: physical.
 *   0x40-0xFF the capability chain (§6.7), read once at vpci_init and
 *        filtered to PM (0x01), MSI (0x05), vendor-specific (0x09), PCIe
 *        (0x10) and MSI-X (0x11) (PCI Code and ID Assignment 1.x, §2).
 *        The view relinks the next pointers past the others. Bytes of a
 *        hidden capability or outside every capability read 0 and drop
 *        writes. A capability's ID and next pointer drop writes. Within a
 *        visible one, writes pass except:
 *          PCIe Device Control bit 15 (Initiate Function Level Reset,
 *          PCIe 3.0 §7.8.4) is written 0: an FLR would reset the BARs;
 *          PM Control/Status bits 1:0 (PowerState, PCI PM 1.2 §3.2.4) are
 *          written 0 (D0): D3hot loses the BARs (PCI PM 1.2 §5.4.1,
 *          No_Soft_Reset aside) and D1/D2 are not modelled;
 *          MSI (§6.8.1) and MSI-X (§6.8.2) writes pass and return VPCI_MSI,
 *          except with cfg.msi_remap (the MSI shadow, below).
 *        With cfg.hide_msix, MSI-X is hidden like any other capability.
 *   >= 0x100 extended space (PCIe 3.0 §7.2.2): all ones, writes dropped.
 *
 * The MSI shadow (cfg.msi_remap, VT-d; docs/linux-partition.md, "An
 * assigned device on VT-d"). The MSI capability (§6.8.1) as the guest
 * sees it:
 *   Message Control (+2): Enable (bit 0) and Multiple Message Enable
 *        (6:4) read back as the guest wrote them; Multiple Message
 *        Capable (3:1) reads 0, one message (§6.8.1.3), so Linux asks for
 *        one; 64-bit (7), per-vector masking (8) and the rest physical.
 *   Message Address (+4), Upper Address (+8 when 64-bit) and Data
 *        (+8 or +0xC): read back as written (Address bits 1:0 read 0,
 *        §6.8.1.4); the two bytes after Data read 0, writes dropped.
 *   Mask Bits and Pending Bits: physical, writes pass. Per-vector
 *        masking is passed through, not hidden: the mask only stops the
 *        device's own message, which names the hypervisor's entry
 *        whatever the guest masks, and Linux masks and unmasks there
 *        when the device offers it (hiding it would be harmless too, but
 *        would change how the guest's driver quiesces the device).
 * A write to a shadowed byte updates the shadow only; then the device's
 * Address, Upper Address and Data are written with cfg.msi_addr and
 * cfg.msi_data, and VPCI_MSI is returned: the caller decides what the
 * hypervisor's entry says (vmsi.h). A clear Enable is written to the
 * device's Message Control at once (MME 0); a set one only by
 * vpci_msi_commit, which the caller calls once the entry is written, so
 * the device is enabled only when it holds the hypervisor's message and
 * that message's entry is what the caller decided. The device never
 * receives an address or data the guest wrote.
 *
 * The synthetic host bridge (cfg.host_bridge, vpci.h): a type 0 header at
 * 00:00.0 with the IDs and class of vpci.h, Command and Status 0, no BARs,
 * no capabilities (Status bit 4 clear), everything else 0; no write reaches
 * anything (counted as VPCI_R_READ_ONLY). It only exists so that Linux's
 * pci_sanity_check accepts conf1 (vpci.h).
 *
 * The allowed physical writes are therefore: Command (allowed bits only),
 * Status (RW1C bits only), 0x0C-0x0D, and bytes of a visible capability
 * past its ID and next pointer with the FLR and PowerState bits cleared;
 * with the MSI shadow, the MSI capability's Address, Upper Address and
 * Data only as cfg.msi_addr/msi_data and its Message Control only as
 * Enable (bit 0) with MME 0.
 * When a write mixes passed and dropped bytes, the passed bytes are
 * written one byte each (a byte write is always a valid configuration
 * write, PCI 3.0 §3.2.2.3.2); otherwise the guest's own size and offset.
 */
#include "hypervisor/core/linux/vpci.h"

#define REG_ID 0x00u
#define REG_COMMAND 0x04u
#define REG_STATUS 0x06u
#define REG_CLASS 0x08u
#define REG_CACHE 0x0Cu
#define REG_HEADER 0x0Eu
#define REG_BAR0 0x10u
#define REG_BAR5 0x24u
#define REG_CARDBUS 0x28u
#define REG_SUBSYS 0x2Cu
#define REG_ROM 0x30u
#define REG_CAP_PTR 0x34u
#define REG_INT_LINE 0x3Cu
#define CAP_START 0x40u

#define CMD_IO 0x0001u
#define CMD_MEM 0x0002u
#define CMD_BME 0x0004u
#define CMD_PERR 0x0040u
#define CMD_SERR 0x0100u
#define CMD_INTX_DIS 0x0400u
#define STS_CAP_LIST 0x0010u
/* Master Data Parity Error, Signaled/Received Target Abort, Received
 * Master Abort, Signaled System Error, Detected Parity Error (§6.2.3). */
#define STS_RW1C 0xF900u
#define HDR_MULTIFN 0x80u

#define CAP_PM 0x01u
#define CAP_MSI 0x05u
#define CAP_VNDR 0x09u
#define CAP_PCIE 0x10u
#define CAP_MSIX 0x11u

#define MSI_CTL_64 0x0080u   /* 64 bit address capable (§6.8.1.3) */
#define MSI_CTL_MASK 0x0100u /* per-vector masking capable */
#define MSI_CTL 0x02u	     /* Message Control, in the MSI capability */
#define MSI_ADDR 0x04u	     /* Message Address */
#define MSI_ADDR_HI 0x08u    /* Message Upper Address (64-bit) */
#define MSI_CTL_KEPT 0x71u   /* Enable (0) and Multiple Message Enable (6:4) */
#define MSI_CTL_MMC 0x0Eu    /* Multiple Message Capable (3:1) */
#define MSI_CTL_ENABLE 0x01u
#define PCIE_DEVCTL 0x08u   /* Device Control, in the PCIe capability */
#define DEVCTL_FLR_HI 0x80u /* bit 15 as a bit of its high byte */
#define PM_CSR 0x04u	    /* PM Control/Status, in the PM capability */
#define PM_STATE 0x03u	    /* PowerState, bits 1:0 */

#define ADDR_ENABLE 0x80000000u
#define ADDR_ECS 0x0F000000u	  /* AMD: extended register bits 11:8 */
#define ADDR_RESERVED 0x70000000u /* PCI 3.0 §3.2.2.3.2: reserved */
#define ADDR_READBACK 0x80FFFFFCu /* reserved bits and 1:0 read 0 */

#define ONES 0xFFFFFFFFu
#define MAX_CHAIN 48u /* dword slots in 0x40-0xFF: a longer chain loops */

static bool pow2(u64 v)
{
	return v && !(v & (v - 1));
}

static u32 size_mask(u8 size)
{
	return size == 4 ? ONES : ((1u << (8u * size)) - 1u);
}

static bool valid_access(u16 reg, u8 size)
{
	return (size == 1 || size == 2 || size == 4) && (reg & 3u) + size <= 4u;
}

static u32 phys_read(const struct vpci *st, u16 reg)
{
	return st->cfg.ops.read(st->cfg.ops.ctx, st->cfg.phys_bdf, (u16)(reg & ~3u));
}

static u8 phys_byte(const struct vpci *st, u16 reg)
{
	return (u8)(phys_read(st, reg) >> (8u * (reg & 3u)));
}

static void phys_write(struct vpci *st, u16 reg, u8 size, u32 val)
{
	st->n.phys_writes++;
	st->cfg.ops.write(st->cfg.ops.ctx, st->cfg.phys_bdf, reg, size, val & size_mask(size));
}

/* The BAR register value for a written value v (§6.2.5.1): address bits
 * below the size read 0, the type bits are the BAR's own. Index i may be
 * the upper half of a 64-bit BAR at i - 1. */
static u32 bar_value(const struct vpci_cfg *cfg, u32 i, u32 v)
{
	const struct vpci_bar_cfg *b = &cfg->bar[i];

	if (b->type == VPCI_BAR_NONE) {
		if (i > 0 && cfg->bar[i - 1].type == VPCI_BAR_MEM64)
			return v & (u32) ~((cfg->bar[i - 1].size - 1u) >> 32);
		return 0;
	}
	if (b->type == VPCI_BAR_IO)
		return (v & (u32) ~(b->size - 1u) & ~3u) | 1u;
	/* memory: bits 2:1 type (00 32-bit, 10 64-bit), bit 3 prefetchable */
	return (v & (u32) ~(b->size - 1u) & ~0xFu) | (b->type == VPCI_BAR_MEM64 ? 4u : 0u) |
	       (b->prefetch ? 8u : 0u);
}

/* The shadow of BAR i holding the fixed address. */
static u32 bar_fixed(const struct vpci_cfg *cfg, u32 i)
{
	if (cfg->bar[i].type == VPCI_BAR_NONE && i > 0 && cfg->bar[i - 1].type == VPCI_BAR_MEM64)
		return bar_value(cfg, i, (u32)(cfg->bar[i - 1].addr >> 32));
	return bar_value(cfg, i, (u32)cfg->bar[i].addr);
}

static int check_bar(const struct vpci_cfg *cfg, u32 i, struct pp_err *err)
{
	const struct vpci_bar_cfg *b = &cfg->bar[i];

	switch (b->type) {
	case VPCI_BAR_NONE: return 0;
	case VPCI_BAR_IO:
		/* §6.2.5.1: an I/O BAR claims at most 256 bytes, at least 4 */
		if (!pow2(b->size) || b->size < 4 || b->size > 256)
			return pp_fail(err, PP_EINVAL,
				       "vpci: BAR%u: I/O size 0x%llx (4..256, power of 2)", i,
				       (unsigned long long)b->size);
		if (b->prefetch || b->addr + b->size > 0x10000u)
			return pp_fail(err, PP_ERANGE, "vpci: BAR%u: I/O at 0x%llx", i,
				       (unsigned long long)b->addr);
		break;
	case VPCI_BAR_MEM32:
		if (!pow2(b->size) || b->size < 16 || b->size > 0x80000000u)
			return pp_fail(err, PP_EINVAL, "vpci: BAR%u: memory size 0x%llx", i,
				       (unsigned long long)b->size);
		if (b->addr + b->size > 0x100000000ull)
			return pp_fail(err, PP_ERANGE, "vpci: BAR%u: 32-bit BAR at 0x%llx", i,
				       (unsigned long long)b->addr);
		break;
	case VPCI_BAR_MEM64:
		if (i + 1 >= VPCI_BARS || cfg->bar[i + 1].type != VPCI_BAR_NONE)
			return pp_fail(err, PP_EINVAL, "vpci: BAR%u: 64-bit BAR needs BAR%u free",
				       i, i + 1);
		if (!pow2(b->size) || b->size < 16 || b->size > (1ull << 62))
			return pp_fail(err, PP_EINVAL, "vpci: BAR%u: memory size 0x%llx", i,
				       (unsigned long long)b->size);
		if (b->addr > ~0ull - b->size)
			return pp_fail(err, PP_ERANGE, "vpci: BAR%u: 64-bit BAR at 0x%llx", i,
				       (unsigned long long)b->addr);
		break;
	default: return pp_fail(err, PP_EINVAL, "vpci: BAR%u: type %u", i, b->type);
	}
	if (b->addr & (b->size - 1u))
		return pp_fail(err, PP_EINVAL, "vpci: BAR%u: 0x%llx not aligned to its size 0x%llx",
			       i, (unsigned long long)b->addr, (unsigned long long)b->size);
	return 0;
}

/* The device's BAR i must decode what cfg says (§6.2.5.1 low bits). */
static int match_bar(const struct vpci *st, u32 i, struct pp_err *err)
{
	const struct vpci_bar_cfg *b = &st->cfg.bar[i];
	const u32 v = phys_read(st, (u16)(REG_BAR0 + 4u * i));
	u32 want;

	if (b->type == VPCI_BAR_NONE)
		return 0;
	if (b->type == VPCI_BAR_IO) {
		if (v & 1u)
			return 0;
		return pp_fail(err, PP_EINVAL, "vpci: BAR%u: the device's BAR 0x%08x is not I/O", i,
			       v);
	}
	want = (b->type == VPCI_BAR_MEM64 ? 4u : 0u) | (b->prefetch ? 8u : 0u);
	if ((v & 0xFu) != want)
		return pp_fail(err, PP_EINVAL,
			       "vpci: BAR%u: the device's BAR 0x%08x, type bits 0x%x expected", i,
			       v, want);
	return 0;
}

static u8 cap_len(const struct vpci *st, u8 id, u8 off)
{
	const u16 ctl = (u16)(phys_read(st, off) >> 16); /* the word at +2 */
	u32 len;

	switch (id) {
	case CAP_PM:
		len = 8; /* PCI PM 1.2 §3.2: PMC, PMCSR, PMCSR_BSE, Data */
		break;
	case CAP_MSI: /* §6.8.1: 0x0A, 0x0E, 0x14 or 0x18 bytes */
		len = ((ctl & MSI_CTL_64) ? 14u : 10u) + ((ctl & MSI_CTL_MASK) ? 10u : 0u);
		break;
	case CAP_MSIX:
		len = 12; /* §6.8.2: control, table and PBA offsets */
		break;
	case CAP_PCIE: /* PCIe 3.0 §7.8: version 2 spans 0x3C bytes, version 1 0x24 */
		len = (ctl & 0xFu) >= 2 ? 0x3Cu : 0x24u;
		break;
	default: /* vendor-specific: its length byte at +2 (§6.7, Appendix H) */
		len = (u8)ctl;
		if (len < 3)
			len = 3;
		break;
	}
	if (off + len > VPCI_CFG_SIZE)
		len = VPCI_CFG_SIZE - off;
	return (u8)len;
}

static bool allowed_cap(const struct vpci *st, u8 id)
{
	if (id == CAP_MSIX)
		return !st->cfg.hide_msix;
	return id == CAP_PM || id == CAP_MSI || id == CAP_VNDR || id == CAP_PCIE;
}

/* Walk the device's chain once (§6.7: pointers have their low two bits
 * masked, a pointer below 0x40 ends it). A loop ends at the first repeated
 * offset. A visible capability overlapping another's header or body, or a
 * second PM, MSI, MSI-X or PCIe capability, refuses the device: the filter
 * rules are per register and must not be reachable through another name. */
static int read_caps(struct vpci *st, struct pp_err *err)
{
	u8 chain[MAX_CHAIN];
	u32 nchain = 0;
	u64 seen = 0; /* dword slots 16..63 */
	u8 p;

	st->ncaps = 0;
	if (!(phys_read(st, REG_STATUS) >> 16 & STS_CAP_LIST))
		return 0;
	p = phys_byte(st, REG_CAP_PTR) & 0xFCu;
	while (p >= CAP_START && nchain < MAX_CHAIN && !(seen & (1ull << (p >> 2)))) {
		const u8 id = phys_byte(st, p);

		seen |= 1ull << (p >> 2);
		chain[nchain++] = p;
		if (allowed_cap(st, id)) {
			for (u32 k = 0; k < st->ncaps; k++)
				if (id != CAP_VNDR && st->cap[k].id == id)
					return pp_fail(err, PP_EINVAL,
						       "vpci: second capability 0x%02x at 0x%x "
						       "(first at 0x%x)",
						       id, p, st->cap[k].off);
			if (st->ncaps < VPCI_MAX_CAPS) {
				struct vpci_cap *c = &st->cap[st->ncaps++];
				c->id = id;
				c->off = p;
				c->len = cap_len(st, id, p);
				if (id == CAP_PCIE)
					st->pcie_off = p;
				if (id == CAP_PM)
					st->pm_off = p;
			}
		}
		p = phys_byte(st, (u16)(p + 1u)) & 0xFCu;
	}
	for (u32 k = 0; k < st->ncaps; k++) {
		const struct vpci_cap *c = &st->cap[k];
		for (u32 j = 0; j < nchain; j++)
			if (chain[j] != c->off && chain[j] + 1u >= c->off &&
			    chain[j] < (u32)c->off + c->len)
				return pp_fail(
				    err, PP_EINVAL,
				    "vpci: capability at 0x%x inside capability 0x%02x at 0x%x",
				    chain[j], c->id, c->off);
	}
	for (u32 k = 0; k < st->ncaps; k++)
		st->cap[k].next = k + 1 < st->ncaps ? st->cap[k + 1].off : 0;
	st->cap_first = st->ncaps ? st->cap[0].off : 0;
	return 0;
}

int vpci_init(struct vpci *st, const struct vpci_cfg *cfg, struct pp_err *err)
{
	u32 v;
	int rc;

	*st = (struct vpci){0};
	if (!cfg || !cfg->ops.read || !cfg->ops.write)
		return pp_fail(err, PP_EINVAL, "vpci: no physical configuration callbacks");
	st->cfg = *cfg;
	if (cfg->host_bridge && cfg->guest_bdf == VPCI_HOST_BDF)
		return pp_fail(err, PP_EINVAL,
			       "vpci: the endpoint at 00:00.0, where the host bridge is");
	for (u32 i = 0; i < VPCI_BARS; i++)
		if ((rc = check_bar(cfg, i, err)) != 0)
			return rc;
	v = phys_read(st, REG_ID);
	if ((v & 0xFFFFu) == 0xFFFFu)
		return pp_fail(err, PP_EINVAL, "vpci: no device at physical %02x:%02x.%x",
			       cfg->phys_bdf >> 8, cfg->phys_bdf >> 3 & 0x1Fu, cfg->phys_bdf & 7u);
	v = phys_byte(st, REG_HEADER) & 0x7Fu;
	if (v != 0)
		return pp_fail(err, PP_EINVAL, "vpci: header type %u, not an endpoint (type 0)", v);
	for (u32 i = 0; i < VPCI_BARS; i++)
		if ((rc = match_bar(st, i, err)) != 0)
			return rc;
	for (u32 i = 0; i < VPCI_BARS; i++)
		st->bar_shadow[i] = bar_fixed(cfg, i);
	if ((rc = read_caps(st, err)) != 0 || !cfg->msi_remap)
		return rc;
	for (u32 k = 0; k < st->ncaps; k++)
		if (st->cap[k].id == CAP_MSI) {
			const u16 ctl = (u16)(phys_read(st, st->cap[k].off) >> 16);
			st->msi.off = st->cap[k].off;
			st->msi.is64 = (ctl & MSI_CTL_64) != 0;
			st->msi.data_off = st->msi.is64 ? 0x0Cu : 0x08u;
		}
	if (!st->msi.off)
		return pp_fail(err, PP_EINVAL,
			       "vpci: the MSI shadow needs an MSI capability, the device has none");
	/* §6.8.1: Message Data ends 0x0A or 0x0E bytes into it; a capability
	 * cut by the end of the space cannot hold the hypervisor's message */
	if (st->msi.off + st->msi.data_off + 2u > VPCI_CFG_SIZE)
		return pp_fail(err, PP_EINVAL, "vpci: the MSI capability at 0x%x runs past 0xff",
			       st->msi.off);
	return 0;
}

/* Is byte reg (0x40..0xFF) in the MSI shadow: Message Control up to the
 * two bytes after Message Data (vpci.h)? *rel: its offset in the
 * capability. */
static bool msi_shadowed(const struct vpci *st, u16 reg, u32 *rel)
{
	if (!st->msi.off || reg < st->msi.off + MSI_CTL ||
	    reg >= (u32)st->msi.off + st->msi.data_off + 4u)
		return false;
	*rel = reg - st->msi.off;
	return true;
}

/* The shadow's byte at rel; phys is the device's DWORD holding it. */
static u8 msi_view(const struct vpci *st, u32 rel, u32 phys)
{
	const u8 pb = (u8)(phys >> (8u * (rel & 3u)));

	if (rel == MSI_CTL) /* MMC 0: one message; Enable and MME as kept */
		return (u8)((pb & ~(MSI_CTL_KEPT | MSI_CTL_MMC)) | st->msi.ctl);
	if (rel == MSI_CTL + 1u)
		return pb;
	if (rel < MSI_ADDR + 4u)
		return (u8)(st->msi.addr_lo >> (8u * (rel - MSI_ADDR)));
	if (st->msi.is64 && rel < MSI_ADDR_HI + 4u)
		return (u8)(st->msi.addr_hi >> (8u * (rel - MSI_ADDR_HI)));
	if (rel < st->msi.data_off + 2u)
		return (u8)(st->msi.data >> (8u * (rel - st->msi.data_off)));
	return 0; /* the two bytes after Message Data */
}

/* A guest byte v at rel into the shadow. */
static void msi_store(struct vpci *st, u32 rel, u8 v)
{
	const u32 sh = 8u * (rel & 3u);

	st->msi.dirty = true;
	if (rel == MSI_CTL)
		st->msi.ctl = v & MSI_CTL_KEPT;
	else if (rel == MSI_CTL + 1u)
		return; /* per-vector masking capable and reserved bits: read-only */
	else if (rel < MSI_ADDR + 4u)
		st->msi.addr_lo = ((st->msi.addr_lo & ~(0xFFu << sh)) | (u32)v << sh) & ~3u;
	else if (st->msi.is64 && rel < MSI_ADDR_HI + 4u)
		st->msi.addr_hi = (st->msi.addr_hi & ~(0xFFu << sh)) | (u32)v << sh;
	else if (rel < st->msi.data_off + 2u)
		st->msi.data = (u16)((st->msi.data & ~(0xFFu << sh)) | (u32)v << sh);
}

/* The device's MSI registers after a shadow write: the hypervisor's
 * message, then the guest's Enable (MME 0: one message). */
static void msi_sync(struct vpci *st)
{
	const u16 off = st->msi.off;

	phys_write(st, (u16)(off + MSI_ADDR), 4, (u32)st->cfg.msi_addr);
	if (st->msi.is64)
		phys_write(st, (u16)(off + MSI_ADDR_HI), 4, (u32)(st->cfg.msi_addr >> 32));
	phys_write(st, (u16)(off + st->msi.data_off), 2, st->cfg.msi_data & 0xFFFFu);
	if (st->msi.ctl & MSI_CTL_ENABLE)
		st->msi.commit = true; /* vpci_msi_commit, once the entry is set */
	else
		phys_write(st, (u16)(off + MSI_CTL), 2, 0);
	st->msi.dirty = false;
}

void vpci_msi_commit(struct vpci *st)
{
	if (!st->msi.commit)
		return;
	st->msi.commit = false;
	phys_write(st, (u16)(st->msi.off + MSI_CTL), 2, st->msi.ctl & MSI_CTL_ENABLE);
}

bool vpci_msi_shadow(const struct vpci *st, u64 *addr, u32 *data)
{
	*addr = (u64)st->msi.addr_hi << 32 | st->msi.addr_lo;
	*data = st->msi.data;
	return st->msi.off && (st->msi.ctl & MSI_CTL_ENABLE);
}

static bool has_io_bar(const struct vpci *st)
{
	for (u32 i = 0; i < VPCI_BARS; i++)
		if (st->cfg.bar[i].type == VPCI_BAR_IO)
			return true;
	return false;
}

static const struct vpci_cap *find_cap(const struct vpci *st, u16 reg)
{
	for (u32 k = 0; k < st->ncaps; k++)
		if (reg >= st->cap[k].off && reg < (u32)st->cap[k].off + st->cap[k].len)
			return &st->cap[k];
	return 0;
}

/* One byte of the view at reg (0x40..0xFF). */
static u8 cap_view(const struct vpci *st, u16 reg, u32 phys)
{
	const struct vpci_cap *c = find_cap(st, reg);
	u32 rel;

	if (!c)
		return 0;
	if (reg == c->off + 1u)
		return c->next;
	if (msi_shadowed(st, reg, &rel))
		return msi_view(st, rel, phys);
	return (u8)(phys >> (8u * (reg & 3u)));
}

/* The view's DWORD at off (aligned, below 0x100). */
static u32 view_dword(const struct vpci *st, u16 off)
{
	u32 v;

	switch (off) {
	case REG_ID:
	case REG_CLASS:
	case REG_CARDBUS:
	case REG_SUBSYS: return phys_read(st, off);
	case REG_COMMAND:
		v = phys_read(st, off) & ~((u32)STS_CAP_LIST << 16);
		return v | (st->cap_first ? (u32)STS_CAP_LIST << 16 : 0);
	case REG_CACHE: return phys_read(st, off) & ~((u32)HDR_MULTIFN << 16);
	case REG_ROM: return 0;
	case REG_CAP_PTR: return st->cap_first;
	case REG_INT_LINE: /* Interrupt Pin 0; Min_Gnt, Max_Lat physical */
		return (phys_read(st, off) & 0xFFFF0000u) | st->int_line;
	default: break;
	}
	if (off >= REG_BAR0 && off <= REG_BAR5)
		return st->bar_shadow[(off - REG_BAR0) / 4u];
	if (off < CAP_START)
		return 0; /* 0x38 reserved */
	v = phys_read(st, off);
	return (u32)cap_view(st, off, v) | (u32)cap_view(st, off + 1u, v) << 8 |
	       (u32)cap_view(st, off + 2u, v) << 16 | (u32)cap_view(st, off + 3u, v) << 24;
}

/* The host bridge's DWORD at off (aligned, below 0x100). */
static u32 host_dword(u16 off)
{
	switch (off) {
	case REG_ID: return VPCI_HOST_DEVICE << 16 | VPCI_HOST_VENDOR;
	case REG_CLASS: return VPCI_HOST_CLASS << 8; /* revision 0 */
	default: return 0;			     /* header type 0, no BARs, no capabilities */
	}
}

static bool is_host(const struct vpci *st, u16 bdf)
{
	return st->cfg.host_bridge && bdf == VPCI_HOST_BDF;
}

u32 vpci_cfg_read(struct vpci *st, u16 bdf, u16 reg, u8 size)
{
	if (!valid_access(reg, size))
		return ONES;
	st->n.reads++;
	if (is_host(st, bdf) && reg < VPCI_CFG_SIZE)
		return (host_dword(reg & ~3u) >> (8u * (reg & 3u))) & size_mask(size);
	if (bdf != st->cfg.guest_bdf || reg >= VPCI_CFG_SIZE)
		return size_mask(size);
	return (view_dword(st, reg & ~3u) >> (8u * (reg & 3u))) & size_mask(size);
}

/* Filter one written byte at reg: true if it goes to the device (as *out);
 * *why collects the reasons of what was dropped or changed. */
static bool filter_byte(struct vpci *st, u16 reg, u8 v, u8 *out, u32 *why,
			const struct vpci_cap **msi)
{
	const struct vpci_cap *c;
	u32 rel;
	u8 allowed;

	*out = v;
	switch (reg) {
	case REG_COMMAND:
		allowed = (u8)(CMD_MEM | CMD_BME | CMD_PERR | (has_io_bar(st) ? CMD_IO : 0));
		goto command;
	case REG_COMMAND + 1:
		allowed = (u8)((CMD_SERR | CMD_INTX_DIS) >> 8);
	command:
		if (v & ~allowed)
			*why |= 1u << VPCI_R_COMMAND;
		*out = v & allowed;
		return true;
	case REG_STATUS: /* no RW1C bit in the low byte: written as 0, a no-op */
		*out = 0;
		return true;
	case REG_STATUS + 1: *out = v & (u8)(STS_RW1C >> 8); return true;
	case REG_CACHE:
	case REG_CACHE + 1: return true;
	default: break;
	}
	if (reg < CAP_START) {
		*why |= 1u << VPCI_R_READ_ONLY;
		return false;
	}
	c = find_cap(st, reg);
	if (!c) {
		*why |= 1u << VPCI_R_CAP_HIDDEN;
		return false;
	}
	if (reg <= c->off + 1u) {
		*why |= 1u << VPCI_R_CAP_HEADER;
		return false;
	}
	if (c->id == CAP_PCIE && reg == c->off + PCIE_DEVCTL + 1u && (v & DEVCTL_FLR_HI)) {
		*why |= 1u << VPCI_R_FLR;
		*out = v & (u8)~DEVCTL_FLR_HI;
	}
	if (c->id == CAP_PM && reg == c->off + PM_CSR && (v & PM_STATE)) {
		*why |= 1u << VPCI_R_PM_STATE;
		*out = v & (u8)~PM_STATE;
	}
	if (c->id == CAP_MSI || c->id == CAP_MSIX)
		*msi = c;
	if (msi_shadowed(st, reg, &rel)) {
		msi_store(st, rel, v);
		return false; /* written by msi_sync, as the hypervisor's */
	}
	return true;
}

static void bar_write(struct vpci *st, u16 reg, u8 size, u32 val, u32 *why)
{
	const u32 i = (reg - REG_BAR0) / 4u, sh = 8u * (reg & 3u);
	const u32 m = size_mask(size) << sh;
	const u32 v = (st->bar_shadow[i] & ~m) | ((val << sh) & m);
	const u32 fixed = bar_fixed(&st->cfg, i);

	const bool unimpl = st->cfg.bar[i].type == VPCI_BAR_NONE &&
			    !(i > 0 && st->cfg.bar[i - 1].type == VPCI_BAR_MEM64);

	st->bar_shadow[i] = bar_value(&st->cfg, i, v);
	if (v == ONES)
		st->n.bar_sizing++;
	else if (st->bar_shadow[i] != fixed || (unimpl && v != 0))
		*why |= 1u << VPCI_R_BAR;
}

enum vpci_action vpci_cfg_write(struct vpci *st, u16 bdf, u16 reg, u8 size, u32 val)
{
	const struct vpci_cap *msi = 0;
	u32 why = 0, out = 0;
	bool all = true, any = false;
	u8 pass = 0;

	if (!valid_access(reg, size)) {
		st->n.refused[VPCI_R_BAD_ACCESS]++;
		return VPCI_DONE;
	}
	st->n.writes++;
	if (is_host(st, bdf))
		why = 1u << (reg < VPCI_CFG_SIZE ? VPCI_R_READ_ONLY : VPCI_R_EXT);
	else if (bdf != st->cfg.guest_bdf)
		why = 1u << VPCI_R_ABSENT;
	else if (reg >= VPCI_CFG_SIZE)
		why = 1u << VPCI_R_EXT;
	else if (reg >= REG_BAR0 && reg <= REG_BAR5 + 3u)
		bar_write(st, reg, size, val, &why);
	else if ((reg & ~3u) == REG_ROM)
		why = 1u << VPCI_R_ROM;
	else if ((reg & ~3u) == REG_INT_LINE) {
		if (reg == REG_INT_LINE)
			st->int_line = (u8)val;
		if (reg + size > REG_INT_LINE + 1u)
			why = 1u << VPCI_R_READ_ONLY;
	} else {
		for (u32 k = 0; k < size; k++) {
			u8 b;
			if (filter_byte(st, (u16)(reg + k), (u8)(val >> (8u * k)), &b, &why,
					&msi)) {
				pass |= (u8)(1u << k);
				out |= (u32)b << (8u * k);
				any = true;
			} else {
				all = false;
			}
		}
		if (all)
			phys_write(st, reg, size, out);
		else if (any)
			for (u32 k = 0; k < size; k++)
				if (pass & (1u << k))
					phys_write(st, (u16)(reg + k), 1, out >> (8u * k));
		if (st->msi.dirty)
			msi_sync(st);
	}
	for (u32 r = 0; r < VPCI_R_COUNT; r++)
		if (why & (1u << r))
			st->n.refused[r]++;
	if (!msi)
		return VPCI_DONE;
	st->n.msi_writes++;
	st->last_msi.cap_id = msi->id;
	st->last_msi.cap_off = msi->off;
	st->last_msi.reg = reg;
	st->last_msi.size = size;
	return VPCI_MSI;
}

enum vpci_action vpci_io(struct vpci *st, u16 port, u8 size, bool in, u32 *val)
{
	const u32 k = (u32)port - VPCI_DATA_PORT;
	u32 why = VPCI_R_COUNT;
	u16 bdf, reg;

	if (port == VPCI_ADDR_PORT && size == 4) {
		if (in) {
			*val = st->addr & ADDR_READBACK;
		} else {
			st->addr = *val;
			st->n.addr_writes++;
		}
		return VPCI_DONE;
	}
	if (port < VPCI_DATA_PORT || port > VPCI_DATA_PORT + 3u ||
	    !(size == 1 || size == 2 || size == 4) || k + size > 4u)
		why = VPCI_R_BAD_ACCESS;
	else if (!(st->addr & ADDR_ENABLE))
		why = VPCI_R_DISABLED;
	else if (st->addr & ADDR_ECS)
		why = VPCI_R_ADDR_ECS;
	else if (st->addr & ADDR_RESERVED)
		why = VPCI_R_ADDR_RESERVED;
	if (why != VPCI_R_COUNT) {
		if (in)
			*val = (size == 1 || size == 2) ? size_mask(size) : ONES;
		else
			st->n.refused[why]++;
		return VPCI_DONE;
	}
	bdf = (u16)(st->addr >> 8);
	reg = (u16)((st->addr & 0xFCu) + k);
	if (in) {
		*val = vpci_cfg_read(st, bdf, reg, size);
		return VPCI_DONE;
	}
	return vpci_cfg_write(st, bdf, reg, size, *val);
}

const char *vpci_reason_name(u32 reason)
{
	static const char *const names[VPCI_R_COUNT] = {
	    [VPCI_R_BAD_ACCESS] = "bad-access",
	    [VPCI_R_DISABLED] = "disabled",
	    [VPCI_R_ADDR_ECS] = "addr-ecs",
	    [VPCI_R_ADDR_RESERVED] = "addr-reserved",
	    [VPCI_R_ABSENT] = "absent",
	    [VPCI_R_READ_ONLY] = "read-only",
	    [VPCI_R_COMMAND] = "command",
	    [VPCI_R_BAR] = "bar",
	    [VPCI_R_ROM] = "rom",
	    [VPCI_R_CAP_HIDDEN] = "cap-hidden",
	    [VPCI_R_CAP_HEADER] = "cap-header",
	    [VPCI_R_FLR] = "flr",
	    [VPCI_R_PM_STATE] = "pm-state",
	    [VPCI_R_EXT] = "ext",
	};

	return reason < VPCI_R_COUNT ? names[reason] : "?";
}
