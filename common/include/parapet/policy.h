/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The partition policy (docs/policy.md): which protection domain (partition)
 * gets which memory, CPUs, devices, interrupts, I/O ports, MMIO and rights.
 *
 * One model, three forms:
 *   source   policy/NAME.pol, text; read by the host compiler (policy/compiler/)
 *   binary   canonical little-endian (common/policy/bin_*.c, layout in
 *            common/policy/layout.h): the same model gives the same bytes
 *   model    struct pp_policy below: what the validator checks and the
 *            hypervisor builds partitions from
 * The validator (common/policy/validate*.c) is this file's other half: it
 * is compiled into the host tool and into the hypervisor, and every rule it
 * enforces has its own error class (enum pp_pol_rule) and message.
 *
 * Trust: a binary is untrusted until its signature verifies (issue 9,
 * docs/policy.md "Signing") and is parsed only by pp_policy_read (bounded
 * reads); a model is trusted for building only after pp_policy_validate.
 */
#ifndef PARAPET_POLICY_H
#define PARAPET_POLICY_H

#include <parapet/err.h>
#include <parapet/types.h>

#define PP_POL_FORMAT 1u

/* Table capacities (the binary reader refuses more). */
#define PP_POL_MAX_PARTS 16u
#define PP_POL_MAX_RAM 64u
#define PP_POL_MAX_MMIO 32u
#define PP_POL_MAX_CPUS 64u
#define PP_POL_MAX_DEVS 32u
#define PP_POL_MAX_IRQS 32u
#define PP_POL_MAX_PORTS 32u
#define PP_POL_MAX_CAPS 64u
#define PP_POL_MAX_CHANS 32u
/* vCPUs of a `boot linux64` partition: one exclusive core each (validate_linux.c;
 * docs/policy.md "A linux64 partition") */
#define PP_POL_LINUX_MAX_CPUS 4u
#define PP_POL_NAME_MAX 31u	/* partition and channel names, policy name */
#define PP_POL_IMAGE_MAX 63u	/* image (module) file name */
#define PP_POL_PLATFORM_MAX 31u /* platform binding */

/* Memory permissions (ram, mmio, channel) */
#define PP_POL_R 1u
#define PP_POL_W 2u
#define PP_POL_X 4u
#define PP_POL_PERM_MASK 7u

/* RAM flags */
#define PP_POL_RAM_DMA 1u   /* devices of the partition may DMA into it */
#define PP_POL_RAM_FIXED 2u /* at a fixed host-physical address (hpa) */
#define PP_POL_RAM_FLAGS 3u

/* Partition start modes (how its first virtual CPU starts) */
#define PP_POL_BOOT_LONG64 1u /* 64-bit long mode on identity page tables */
#define PP_POL_BOOT_REAL16 2u /* real mode, CS:IP from entry (a firmware-style guest) */
/*
 * An unmodified Linux bzImage through the 64-bit boot protocol
 * (Documentation/arch/x86/boot.rst, "64-bit Boot Protocol"): the kernel's
 * protected-mode code loaded at entry - 0x200, RSI the zero page. Its boot
 * modules: `pd NAME` (the bzImage), `pd NAME-initrd` and `pd NAME-cmdline`
 * (both optional). Validator rules: validate_linux.c, docs/policy.md.
 */
#define PP_POL_BOOT_LINUX64 3u

/* CPU modes */
#define PP_POL_CPU_EXCLUSIVE 1u
#define PP_POL_CPU_SHARED 2u /* time slices: slice_us out of period_us */

/* Capabilities */
enum pp_pol_cap {
	PP_POL_CAP_CONSOLE = 1,	      /* write the hypervisor console */
	PP_POL_CAP_TPM = 2,	      /* TPM locality 0 (with its MMIO pass-through) */
	PP_POL_CAP_EVENTLOG_READ = 3, /* read the firmware and DRTM logs */
	PP_POL_CAP_FAULTLOG_READ = 4, /* read the DMA fault log */
	PP_POL_CAP_CONTROL = 5,	      /* start/stop the partition `target` */
	PP_POL_CAP_COUNT
};

struct pp_pol_part {
	u32 id; /* 1..PP_POL_MAX_PARTS, unique */
	char name[PP_POL_NAME_MAX + 1];
	char image[PP_POL_IMAGE_MAX + 1]; /* boot module file name */
	u64 entry;			  /* guest-physical entry point */
	u32 mode;			  /* PP_POL_BOOT_* */
	u32 cache_mask;			  /* L3 CAT capacity bitmask; 0 = none declared */
};

struct pp_pol_ram {
	u32 part;	    /* partition id */
	u32 perm;	    /* PP_POL_R/W/X */
	u32 flags;	    /* PP_POL_RAM_* */
	u64 gpa, hpa, size; /* hpa only with PP_POL_RAM_FIXED, else 0 */
};

struct pp_pol_mmio {
	u32 part, perm;
	u64 hpa, gpa, size;
};

struct pp_pol_cpu {
	u32 part, cpu, mode;
	u32 slice_us, period_us; /* PP_POL_CPU_SHARED only, else 0 */
};

/* What the hypervisor does when a device's DMA faults (`on-fault`) */
#define PP_POL_FAULT_LOG 0u  /* record it in the owner's fault log (the default) */
#define PP_POL_FAULT_STOP 1u /* record it and stop the owner (its devices blocked first) */

struct pp_pol_dev {
	u32 part;
	u16 seg;
	u8 bus, devfn; /* devfn = device << 3 | function */
	u32 iommu;     /* index of the IOMMU unit that covers it */
	u32 on_fault;  /* PP_POL_FAULT_*: 0 (log) in binaries older than the field */
};

struct pp_pol_irq {
	u32 part, gsi;
};

struct pp_pol_port {
	u32 part;
	u32 base, count; /* [base, base + count) within 0..0xffff */
};

struct pp_pol_cap_ent {
	u32 part, cap, target; /* target: partition id for CONTROL, else 0 */
};

struct pp_pol_chan {
	u32 part, peer; /* this side, the other side (partition ids) */
	char name[PP_POL_NAME_MAX + 1];
	u32 perm; /* this side's rights */
	u64 gpa, size;
};

struct pp_policy {
	char name[PP_POL_NAME_MAX + 1];
	char platform[PP_POL_PLATFORM_MAX + 1];
	u32 version, epoch, min_hv;
	u8 key_id[8]; /* set by signing (binary form), else zero */
	u32 n_parts, n_ram, n_mmio, n_cpus, n_devs, n_irqs, n_ports, n_caps, n_chans;
	struct pp_pol_part parts[PP_POL_MAX_PARTS];
	struct pp_pol_ram ram[PP_POL_MAX_RAM];
	struct pp_pol_mmio mmio[PP_POL_MAX_MMIO];
	struct pp_pol_cpu cpus[PP_POL_MAX_CPUS];
	struct pp_pol_dev devs[PP_POL_MAX_DEVS];
	struct pp_pol_irq irqs[PP_POL_MAX_IRQS];
	struct pp_pol_port ports[PP_POL_MAX_PORTS];
	struct pp_pol_cap_ent caps[PP_POL_MAX_CAPS];
	struct pp_pol_chan chans[PP_POL_MAX_CHANS];
};

/*
 * The rule classes of the validator (the invariants of
 * ../shared/notes/references.md, numbered as there, plus the policy's own).
 * A violation reports its class, so tests and tools can tell them apart.
 */
enum pp_pol_rule {
	PP_POL_OK = 0,
	PP_POL_STRUCTURE = 1,	/* 1: reserved zero, known flags, unique names and ids, refs */
	PP_POL_ALIGN = 2,	/* 2: 4 KiB aligned, non-empty, no wrap, address width */
	PP_POL_MEMORY = 3,	/* 3: RAM disjoint across and within partitions, in usable RAM */
	PP_POL_HV_MEMORY = 4,	/* 4: hypervisor memory never mapped (machine check) */
	PP_POL_FORBIDDEN = 5,	/* 5: LAPIC, IOAPIC, IOMMU, ECAM, TPM 1-4, 0xCF8/0xCFC */
	PP_POL_DEVICE = 6,	/* 6: a BDF in at most one partition */
	PP_POL_IOMMU = 7,	/* 7: every assigned device behind an IOMMU unit */
	PP_POL_DMA = 8,		/* 8: DMA only into the owner's DMA-enabled RAM */
	PP_POL_IRQ = 9,		/* 9: an interrupt routed to one partition */
	PP_POL_CPU = 10,	/* 10: CPU sets exclusive or consistent slices; >= 1 each */
	PP_POL_CACHE = 11,	/* 11: contiguous masks within width, disjoint */
	PP_POL_BINDING = 12,	/* 12: platform binding, minimum hypervisor version */
	PP_POL_CHANNEL = 13,	/* channels: both sides declared, sizes agree, disjoint */
	PP_POL_CAPABILITY = 14, /* capabilities: known, once each, valid targets */
	PP_POL_IMAGE = 15,	/* image and entry: named, entry inside executable RAM */
	PP_POL_IOPORT = 16,	/* an I/O port in one partition, inside 0..0xffff */
	PP_POL_RULE_COUNT
};

const char *pp_pol_rule_name(enum pp_pol_rule r);

/* A validator finding: its rule class and a precise message. */
struct pp_pol_error {
	enum pp_pol_rule rule;
	struct pp_err err;
};

/*
 * The machine a policy is checked against (pp_policy_validate_machine): the
 * hypervisor fills it from what it booted on (MADT, E820/UEFI map, its own
 * ranges, DMAR/IVRS, the PCI bus); `parapet policy check --machine` from a
 * target's captured ACPI tables and PCI device list.
 */
#define PP_POL_MACHINE_RANGES 64u
#define PP_POL_MACHINE_DEVS 256u
#define PP_POL_NO_IOMMU 0xffffffffu
struct pp_pol_range {
	u64 base, size;
};
struct pp_pol_mdev {
	u16 seg;
	u8 bus, devfn;
	u32 iommu;     /* the unit whose scope covers it, or PP_POL_NO_IOMMU */
	u16 alias;     /* the requester ID its DMA carries: bus << 8 | devfn, or an
			* IVRS alias entry's ID (PCIe-to-PCI bridges) */
	u16 reserved0; /* 0: no implicit padding (the tests compare with memcmp) */
};
struct pp_pol_machine {
	char platform[PP_POL_PLATFORM_MAX + 1]; /* this board's identity (docs/policy.md) */
	u32 hv_version;				/* the running hypervisor's version */
	u32 n_cpus;				/* CPUs 0..n_cpus-1 exist (MADT order) */
	u32 n_gsis;				/* GSIs 0..n_gsis-1 exist (IOAPICs); 0 = unknown */
	u32 addr_bits; /* the smaller of MAXPHYADDR and the IOMMUs' width */
	u32 cat_bits;  /* L3 CAT capacity mask width; 0 = no CAT */
	u32 n_iommus;
	u32 n_usable, n_reserved, n_forbidden, n_devs;
	struct pp_pol_range usable[PP_POL_MACHINE_RANGES];    /* usable RAM */
	struct pp_pol_range reserved[PP_POL_MACHINE_RANGES];  /* the hypervisor's own memory */
	struct pp_pol_range forbidden[PP_POL_MACHINE_RANGES]; /* LAPIC, IOAPICs, IOMMUs, ECAM */
	struct pp_pol_mdev devs[PP_POL_MACHINE_DEVS];	      /* PCI functions present */
};

/*
 * The model's own rules (everything that needs no machine): returns PP_OK,
 * or the first violation's PP_E* code with *out filled.
 */
int pp_policy_validate(const struct pp_policy *p, struct pp_pol_error *out);
/*
 * The rules that need the machine (call after pp_policy_validate): platform
 * and hypervisor version, CPUs present, fixed RAM inside usable memory and
 * MMIO outside it, both outside the hypervisor's own memory and the
 * machine's forbidden ranges, addresses within addr_bits, devices present,
 * with every function of a device, inside the named IOMMU unit's scope,
 * GSIs present, cache masks within the CAT width.
 */
int pp_policy_validate_machine(const struct pp_policy *p, const struct pp_pol_machine *m,
			       struct pp_pol_error *out);

/* Lookup helpers (NULL when absent). */
const struct pp_pol_part *pp_policy_part(const struct pp_policy *p, u32 id);
const struct pp_pol_part *pp_policy_part_by_name(const struct pp_policy *p, const char *name);

/* Put every table in canonical order (the binary's order). */
void pp_policy_sort(struct pp_policy *p);

/* ---- binary form (common/policy/bin_read.c, bin_write.c) ---- */

/* Bytes pp_policy_write needs for p (header + tables). */
u32 pp_policy_bin_size(const struct pp_policy *p);
/*
 * Canonical binary of p (sorted first; key_id as in p; body hash computed)
 * into out[cap]: returns PP_OK and *len, or PP_ENOMEM when it does not fit.
 */
int pp_policy_write(struct pp_policy *p, u8 *out, u32 cap, u32 *len, struct pp_err *err);
/*
 * Parse a binary of len bytes (bounds-checked, every reserved field zero,
 * tables in canonical order, body hash matching) into *out (unchanged on
 * failure). Does not validate the model's rules: pp_policy_validate.
 */
int pp_policy_read(const u8 *bin, u32 len, struct pp_policy *out, struct pp_err *err);

#endif
