/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The policy's binary form (docs/policy.md, "Binary form"): a fixed header
 * with a table directory, then nine tables of fixed-size records, every
 * integer little endian, every padding and reserved byte zero, strings
 * NUL-padded. The structs document the layout and are checked here; the
 * code never casts them over bytes (bin_read.c and bin_write.c use
 * ld_le / st_le at these offsets).
 *
 * Canonical form: tables in the directory's order, each right after the
 * previous one (8-byte aligned: every record size is a multiple of 8),
 * records sorted (pp_policy_sort), total size = header + tables exactly.
 * The body hash is SHA-256 over everything after the header; the header is
 * covered by the signature (docs/policy.md, "Signing").
 */
#ifndef PARAPET_COMMON_POLICY_LAYOUT_H
#define PARAPET_COMMON_POLICY_LAYOUT_H

#include <parapet/policy.h>

#define POL_MAGIC "PPPOLCY1"
#define POL_MAGIC_LEN 8u
#define POL_TABLES 9u

enum pol_table {
	POL_T_PARTS = 0,
	POL_T_RAM,
	POL_T_MMIO,
	POL_T_CPUS,
	POL_T_DEVS,
	POL_T_IRQS,
	POL_T_PORTS,
	POL_T_CAPS,
	POL_T_CHANS,
};

struct pol_dir_ent {
	u32 off;   /* from the start of the binary */
	u32 count; /* records */
} PP_PACKED;

struct pol_header {
	u8 magic[8];			    /* 0x00 POL_MAGIC */
	u32 format;			    /* 0x08 PP_POL_FORMAT */
	u32 header_size;		    /* 0x0c sizeof(struct pol_header) */
	u32 total_size;			    /* 0x10 header + tables */
	u32 flags;			    /* 0x14 0 */
	u32 version;			    /* 0x18 policy version */
	u32 epoch;			    /* 0x1c security epoch (rollback floor) */
	u32 min_hv;			    /* 0x20 minimum hypervisor version */
	u32 reserved0;			    /* 0x24 0 */
	u8 key_id[8];			    /* 0x28 signing key id, 0 unsigned */
	u8 body_hash[32];		    /* 0x30 SHA-256 of bytes [header_size, total) */
	char platform[32];		    /* 0x50 NUL-padded */
	char name[32];			    /* 0x70 NUL-padded */
	struct pol_dir_ent dir[POL_TABLES]; /* 0x90 */
	u8 reserved1[8];		    /* 0xd8 0 */
} PP_PACKED;
_Static_assert(sizeof(struct pol_header) == 0xe0, "policy header");
_Static_assert(__builtin_offsetof(struct pol_header, format) == 0x08, "format");
_Static_assert(__builtin_offsetof(struct pol_header, total_size) == 0x10, "total_size");
_Static_assert(__builtin_offsetof(struct pol_header, version) == 0x18, "version");
_Static_assert(__builtin_offsetof(struct pol_header, epoch) == 0x1c, "epoch");
_Static_assert(__builtin_offsetof(struct pol_header, min_hv) == 0x20, "min_hv");
_Static_assert(__builtin_offsetof(struct pol_header, key_id) == 0x28, "key_id");
_Static_assert(__builtin_offsetof(struct pol_header, body_hash) == 0x30, "body_hash");
_Static_assert(__builtin_offsetof(struct pol_header, platform) == 0x50, "platform");
_Static_assert(__builtin_offsetof(struct pol_header, name) == 0x70, "name");
_Static_assert(__builtin_offsetof(struct pol_header, dir) == 0x90, "dir");

/* Records. */
struct pol_rec_part {
	u32 id, mode;		  /* 0x00, 0x04 */
	u32 cache_mask, reserved; /* 0x08, 0x0c */
	u64 entry;		  /* 0x10 */
	char name[32];		  /* 0x18 */
	char image[64];		  /* 0x38 */
} PP_PACKED;
_Static_assert(sizeof(struct pol_rec_part) == 0x78, "part record");
_Static_assert(__builtin_offsetof(struct pol_rec_part, entry) == 0x10, "part entry");
_Static_assert(__builtin_offsetof(struct pol_rec_part, image) == 0x38, "part image");

struct pol_rec_ram {
	u32 part;	    /* 0x00 */
	u8 perm, flags;	    /* 0x04, 0x05 */
	u16 reserved;	    /* 0x06 */
	u64 gpa, hpa, size; /* 0x08, 0x10, 0x18 */
} PP_PACKED;
_Static_assert(sizeof(struct pol_rec_ram) == 0x20, "ram record");
_Static_assert(__builtin_offsetof(struct pol_rec_ram, gpa) == 0x08, "ram gpa");

struct pol_rec_mmio {
	u32 part;	    /* 0x00 */
	u8 perm;	    /* 0x04 */
	u8 reserved[3];	    /* 0x05 */
	u64 hpa, gpa, size; /* 0x08, 0x10, 0x18 */
} PP_PACKED;
_Static_assert(sizeof(struct pol_rec_mmio) == 0x20, "mmio record");

struct pol_rec_cpu {
	u32 part, cpu, mode, slice_us, period_us, reserved; /* 0x00..0x14 */
} PP_PACKED;
_Static_assert(sizeof(struct pol_rec_cpu) == 0x18, "cpu record");

struct pol_rec_dev {
	u32 part;      /* 0x00 */
	u16 seg;       /* 0x04 */
	u8 bus, devfn; /* 0x06, 0x07 */
	u32 iommu;     /* 0x08 */
	u32 on_fault;  /* 0x0c PP_POL_FAULT_*; was reserved (0): 0 is log, so
			* older binaries read unchanged, and an older reader
			* refuses a stop (reserved not zero) */
} PP_PACKED;
_Static_assert(sizeof(struct pol_rec_dev) == 0x10, "device record");
_Static_assert(__builtin_offsetof(struct pol_rec_dev, on_fault) == 0x0c, "device on_fault");

struct pol_rec_irq {
	u32 part, gsi;
} PP_PACKED;
_Static_assert(sizeof(struct pol_rec_irq) == 0x08, "irq record");

struct pol_rec_port {
	u32 part;	 /* 0x00 */
	u16 base, count; /* 0x04, 0x06: ports [base, base + count), count >= 1 */
} PP_PACKED;
_Static_assert(sizeof(struct pol_rec_port) == 0x08, "port record");

struct pol_rec_cap {
	u32 part, cap, target, reserved;
} PP_PACKED;
_Static_assert(sizeof(struct pol_rec_cap) == 0x10, "cap record");

struct pol_rec_chan {
	u32 part, peer; /* 0x00, 0x04 */
	u32 perm;	/* 0x08 */
	u32 reserved;	/* 0x0c */
	u64 gpa, size;	/* 0x10, 0x18 */
	char name[32];	/* 0x20 */
} PP_PACKED;
_Static_assert(sizeof(struct pol_rec_chan) == 0x40, "channel record");

#endif
