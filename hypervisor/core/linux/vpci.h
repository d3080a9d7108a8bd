/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PCI configuration space of a Linux partition (docs/linux-partition.md,
 * "PCI configuration space"): configuration mechanism #1 (ports 0xCF8-0xCFF,
 * PCI Local Bus 3.0 §3.2.2.3.2) and a filter for ONE assigned endpoint,
 * seen by the guest at `guest_bdf`, backed by the physical function at
 * `phys_bdf` through the caller's read and write callbacks
 * (linux-guest.md §1.5, the conf1 filter table).
 *
 *   CONFIG_ADDRESS  a DWORD at 0xCF8: enable (31), bus (23:16), device
 *                   (15:11), function (10:8), register (7:2). Reserved bits
 *                   30:24 (27:24 are AMD's extended-config bits) read back 0;
 *                   while any is set, data accesses read all ones and write
 *                   nothing (the extended space is never reachable).
 *   CONFIG_DATA     1, 2 or 4 bytes at 0xCFC-0xCFF inside the DWORD.
 *   absent BDF      reads all ones, writes dropped.
 *   host bridge     with cfg.host_bridge, a synthetic host bridge at 00:00.0
 *                   (class 06/00/00, no BARs, no capabilities, writes
 *                   dropped): Linux's conf1 probe (arch/x86/pci/direct.c,
 *                   pci_sanity_check) accepts conf1 only when bus 0 holds a
 *                   host bridge, a VGA device or an Intel/Compaq function,
 *                   unless the command line says pci=nochecks.
 *   the endpoint    vpci.c: IDs physical; Command filtered; Status RW1C;
 *                   BARs shadowed at the fixed addresses the hypervisor maps;
 *                   ROM BAR and interrupt pin 0; capability chain limited to
 *                   PM, MSI, MSI-X, PCIe and vendor-specific; no FLR, no
 *                   D3hot; extended space (>= 0x100) all ones.
 *
 * Trust: every argument of vpci_io and vpci_cfg_* comes from the guest
 * (port, size, direction, value, register); no value makes it fault, loop,
 * access *st out of bounds, or call the physical callbacks outside the
 * allowed set (vpci.c lists it). The configuration (BDFs, BAR addresses) is
 * the hypervisor's; the physical device's own register values are trusted
 * only as far as bounds go (a capability chain that loops or points outside
 * 0x40-0xFF is cut). Pure code, no allocation, no locking (one state per
 * partition; the caller serialises). Host tested (tests/unit/test_vpci.c,
 * tests/fuzz/fuzz_vpci.c); linked into the hypervisor for a Linux partition
 * that owns a `device` (core/linux/lvm.c routes its IOIO exits on
 * 0xCF8-0xCFF here; docs/linux-partition.md "An assigned NIC").
 */
#ifndef PARAPET_HV_LINUX_VPCI_H
#define PARAPET_HV_LINUX_VPCI_H

#include <parapet/err.h>
#include <parapet/types.h>

#define VPCI_ADDR_PORT 0xCF8u /* CONFIG_ADDRESS (a DWORD register) */
#define VPCI_DATA_PORT 0xCFCu /* CONFIG_DATA, 0xCFC-0xCFF */
#define VPCI_CFG_SIZE 0x100u  /* what conf1 reaches: the PCI-compatible space */
#define VPCI_EXT_SIZE 0x1000u /* PCIe extended space (PCIe base 3.0 §7.2.2) */
#define VPCI_BARS 6u
#define VPCI_MAX_CAPS 16u /* visible capabilities kept (more are hidden) */

/* A BDF as conf1 spells it: bus << 8 | device << 3 | function. */
#define VPCI_BDF(bus, dev, fn) ((u16)(((bus) << 8) | ((dev) << 3) | (fn)))

/* The synthetic host bridge (cfg.host_bridge): at 00:00.0, class 0x060000
 * (PCI Code and ID Assignment 1.x, base class 06 bridge, sub-class 00 host
 * bridge). Its IDs are those QEMU gives its generic PCIe host bridge
 * (vendor 0x1B36, device 0x0008): no Linux x86 driver or quirk binds them. */
#define VPCI_HOST_BDF VPCI_BDF(0, 0, 0)
#define VPCI_HOST_VENDOR 0x1B36u
#define VPCI_HOST_DEVICE 0x0008u
#define VPCI_HOST_CLASS 0x060000u /* base class, sub-class, prog-if */

enum vpci_bar_type {
	VPCI_BAR_NONE = 0,  /* unimplemented: reads 0 (or the upper half of a MEM64) */
	VPCI_BAR_MEM32 = 1, /* 32-bit memory BAR */
	VPCI_BAR_MEM64 = 2, /* 64-bit memory BAR: this index and the next */
	VPCI_BAR_IO = 3,    /* I/O BAR */
};

struct vpci_bar_cfg {
	u8 type;       /* enum vpci_bar_type */
	bool prefetch; /* memory BARs: bit 3 */
	u64 size;      /* power of two: memory >= 16, I/O 4..256 */
	u64 addr;      /* the fixed guest address the hypervisor maps, size aligned */
};

/* Why a guest write (or part of one) was not passed to the device. */
enum vpci_reason {
	VPCI_R_BAD_ACCESS = 0, /* size not 1/2/4, crosses 0xCFF, or not a DWORD at 0xCF8 */
	VPCI_R_DISABLED,       /* CONFIG_ADDRESS enable bit clear */
	VPCI_R_ADDR_ECS,       /* CONFIG_ADDRESS bits 27:24 set (AMD extended config) */
	VPCI_R_ADDR_RESERVED,  /* CONFIG_ADDRESS bits 30:28 set */
	VPCI_R_ABSENT,	       /* no device at that BDF */
	VPCI_R_READ_ONLY,      /* IDs, class, header type, BIST, subsystem, pointers */
	VPCI_R_COMMAND,	       /* Command bits outside the allowed set (dropped) */
	VPCI_R_BAR,	       /* a BAR write other than sizing or the fixed address */
	VPCI_R_ROM,	       /* expansion ROM BAR (0x30) */
	VPCI_R_CAP_HIDDEN,     /* a hidden capability or bytes outside every capability */
	VPCI_R_CAP_HEADER,     /* capability ID or next pointer */
	VPCI_R_FLR,	       /* PCIe Device Control: Initiate FLR (bit 15) */
	VPCI_R_PM_STATE,       /* PM Control/Status: a power state other than D0 */
	VPCI_R_EXT,	       /* extended configuration space (>= 0x100) */
	VPCI_R_COUNT,
};

enum vpci_action {
	VPCI_DONE = 0, /* continue the guest */
	VPCI_MSI = 1,  /* an MSI or MSI-X capability write: st->last_msi says
			* where; with cfg.msi_remap the MSI shadow may have
			* changed (vpci_msi_shadow) and the caller judges it */
};

/* Physical configuration access of the assigned function (the caller's
 * conf1 or ECAM). `reg` is below VPCI_CFG_SIZE and `reg + size` stays in one
 * DWORD; reads are always DWORD-aligned DWORDs. */
struct vpci_ops {
	u32 (*read)(void *ctx, u16 bdf, u16 reg);
	void (*write)(void *ctx, u16 bdf, u16 reg, u8 size, u32 val);
	void *ctx;
};

struct vpci_cfg {
	u16 guest_bdf;	  /* where the guest sees the endpoint, e.g. VPCI_BDF(0, 3, 0) */
	u16 phys_bdf;	  /* the physical function (given to the callbacks) */
	bool host_bridge; /* the synthetic host bridge at VPCI_HOST_BDF */
	struct vpci_bar_cfg bar[VPCI_BARS];
	struct vpci_ops ops;
	/* VT-d (dma_linux.c): the MSI capability's Message Control (Enable,
	 * MME), Address and Data are shadowed ("MSI shadow" in vpci.c); the
	 * device only ever receives msi_addr/msi_data, the remappable-format
	 * message of the hypervisor's own remapping entry, and the guest's
	 * Enable. vpci_init then refuses a device without MSI. */
	u64 msi_addr;
	u32 msi_data;
	bool msi_remap;
	bool hide_msix; /* MSI-X left out of the view (its table trap is planned) */
};

/* A capability of the guest's view (read from the device at vpci_init). */
struct vpci_cap {
	u8 id;	 /* PCI capability ID */
	u8 off;	 /* its offset */
	u8 len;	 /* bytes it spans (clamped to the end of the space) */
	u8 next; /* the next visible capability's offset, 0 at the end */
};

struct vpci_counts {
	u64 reads, writes; /* data-port accesses that reached a BDF decode */
	u64 addr_writes;   /* CONFIG_ADDRESS writes */
	u64 phys_writes;   /* callbacks to ops.write */
	u64 msi_writes;	   /* VPCI_MSI returned */
	u64 bar_sizing;	   /* all-ones BAR writes (the size probe) */
	u64 refused[VPCI_R_COUNT];
};

struct vpci {
	struct vpci_cfg cfg;
	u32 addr;		   /* CONFIG_ADDRESS as written (all 32 bits) */
	u32 bar_shadow[VPCI_BARS]; /* the guest's BAR values (type bits included) */
	u8 int_line;		   /* Interrupt Line (0x3C): a scratch byte, shadowed */
	u8 cap_first;		   /* Capabilities Pointer of the view, 0 if none */
	u8 ncaps;
	struct vpci_cap cap[VPCI_MAX_CAPS];
	u8 pcie_off, pm_off; /* offsets of the PCIe and PM capabilities, 0 if none */
	struct {
		u8 cap_id; /* 0x05 MSI or 0x11 MSI-X */
		u8 cap_off;
		u16 reg; /* the register written */
		u8 size;
	} last_msi;
	/* The MSI shadow (cfg.msi_remap): what the guest wrote and reads. */
	struct {
		u8 off;	     /* the MSI capability, 0 if none visible */
		u8 data_off; /* Message Data's offset in it: 0x08, or 0x0C if 64-bit */
		bool is64;
		u8 ctl;	     /* Message Control's low byte as kept: Enable (0), MME (6:4) */
		u32 addr_lo; /* bits 1:0 read 0 (PCI 3.0 §6.8.1.4) */
		u32 addr_hi;
		u16 data;
		bool dirty;  /* set by a write, cleared once the device was rewritten */
		bool commit; /* the guest's Enable set: vpci_msi_commit writes it */
	} msi;
	struct vpci_counts n;
};

/*
 * Check cfg (BAR sizes, alignment, pairs; with host_bridge, guest_bdf is not
 * VPCI_HOST_BDF; the device's header type is 0 and its BAR types match cfg)
 * and read the device's capability chain once.
 * Returns 0 or PP_EINVAL/PP_ERANGE with a message. Reads the device only.
 */
int vpci_init(struct vpci *st, const struct vpci_cfg *cfg, struct pp_err *err);

/*
 * One guest port access of `size` bytes (1, 2, 4) to 0xCF8-0xCFF. IN: *val
 * receives the value (zero-extended). OUT: the low `size` bytes of *val.
 * Byte 0xCF9 belongs to the reset register (vports.h): the caller routes a
 * 1-byte access to 0xCF9 there first; here, as every non-DWORD access to
 * 0xCF8-0xCFB, it reads all ones and writes nothing.
 */
enum vpci_action vpci_io(struct vpci *st, u16 port, u8 size, bool in, u32 *val);

/* One configuration access to a BDF at register reg (0..0xFFF; reg + size
 * within one DWORD; size 1, 2, 4), as conf1 (or a future ECAM) decodes it.
 * Absent BDFs and reg >= 0x100 read all ones; the host bridge's writes are
 * dropped (VPCI_R_READ_ONLY). */
u32 vpci_cfg_read(struct vpci *st, u16 bdf, u16 reg, u8 size);
enum vpci_action vpci_cfg_write(struct vpci *st, u16 bdf, u16 reg, u8 size, u32 val);

/* The MSI shadow (cfg.msi_remap): returns the guest's Enable bit and
 * gives the message it wrote (*addr both halves). False without the
 * shadow. */
bool vpci_msi_shadow(const struct vpci *st, u64 *addr, u32 *data);
/* After a VPCI_MSI with the shadow, once the caller wrote the entry the
 * device's message names: the guest's Enable (when set) to the device's
 * Message Control. Nothing when no enable is pending. */
void vpci_msi_commit(struct vpci *st);

/* A short stable name of a reason ("cap-hidden"); "?" out of range. */
const char *vpci_reason_name(u32 reason);

#endif
