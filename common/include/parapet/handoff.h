/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The launch -> hypervisor handoff structure, version 2.
 *
 * The launch stage (launch/) builds one contiguous, little-endian blob: this
 * header, then the memory map, the module table and the strings, all found
 * through offsets relative to the start of the blob. The hypervisor receives
 * its physical address in RDI and validates it with pp_handoff_check() before
 * trusting any field. Documented in docs/handoff.md; any layout change bumps
 * PP_HANDOFF_VERSION.
 */
#ifndef PARAPET_HANDOFF_H
#define PARAPET_HANDOFF_H

#include <parapet/err.h>
#include <parapet/types.h>

#define PP_HANDOFF_MAGIC 0x31464f444e485050ull /* "PPHNDOF1" little-endian */
#define PP_HANDOFF_VERSION 2u
#define PP_HANDOFF_MAX_SIZE (64u * 1024u)
#define PP_HANDOFF_MAX_MMAP 512u
#define PP_HANDOFF_MAX_MODULES 32u
#define PP_HANDOFF_MAX_LOG_EVENTS 8192u /* = PP_EVLOG_MAX_EVENTS */
#define PP_HANDOFF_MAX_ACPI 65u		/* the root table + ACPI_MAX_TABLES */

/* firmware */
#define PP_FW_BIOS 1u
#define PP_FW_UEFI 2u

/* launch_type: how the hypervisor was started (set by the secure loader) */
#define PP_LAUNCH_NONE 0u     /* no measured launch: plain hand-off */
#define PP_LAUNCH_SKINIT 1u   /* AMD SKINIT DRTM (docs/measurements.md) */
#define PP_LAUNCH_TXT 2u      /* Intel TXT DRTM (not modelled by refgen) */
#define PP_LAUNCH_EMULATED 3u /* QEMU emulated DRTM (tests/drtm/) */
#define PP_LAUNCH_STATIC 4u   /* static fallback: no DRTM, PCR 17-19 on 0xFF */

/* Memory range types (normalised from E820 / EFI memory types). */
#define PP_MEM_USABLE 1u       /* free RAM (after ExitBootServices) */
#define PP_MEM_RESERVED 2u     /* firmware reserved, MMIO, anything unknown */
#define PP_MEM_ACPI_RECLAIM 3u /* ACPI tables */
#define PP_MEM_ACPI_NVS 4u
#define PP_MEM_UNUSABLE 5u   /* bad RAM */
#define PP_MEM_FW_RUNTIME 6u /* EFI runtime services code/data */
#define PP_MEM_PERSISTENT 7u
#define PP_MEM_TYPE_MAX 7u

struct pp_mem_range {
	u64 base;
	u64 length;
	u32 type;
	u32 reserved; /* must be 0 */
};
_Static_assert(sizeof(struct pp_mem_range) == 24, "pp_mem_range size");

struct pp_module {
	u64 base;	 /* physical address of the module's bytes */
	u64 length;	 /* in bytes, non-zero */
	u32 cmdline_off; /* NUL-terminated string inside the blob */
	u32 cmdline_len; /* excluding the NUL */
};
_Static_assert(sizeof(struct pp_module) == 24, "pp_module size");

/*
 * One ACPI table as the secure loader copied and measured it (PCR 20,
 * docs/measurements.md): the hypervisor reads ACPI only through these
 * copies, found by the firmware address they were copied from.
 */
struct pp_acpi_copy {
	u64 orig;   /* firmware physical address the table was read from */
	u64 copy;   /* its copy, inside [copy_base, copy_base + copy_size) */
	u32 length; /* the table's Length (header included), >= 36 */
	u8 sig[4];  /* its signature, as in the copy */
};
_Static_assert(sizeof(struct pp_acpi_copy) == 24, "pp_acpi_copy size");

/*
 * The secure loader's DMA guard (docs/launch.md, "DMA guard"): one record
 * per IOMMU unit it left blocking every requester, on the tables it left
 * active (fixed addresses in launch's image, parapet/sl_params.h SL_DMA_*;
 * pp_handoff_check checks them against those constants). The hypervisor
 * takes these units over without disabling them (docs/iommu.md).
 */
#define PP_HANDOFF_F_DMA_GUARD (1u << 0) /* flags: the SL ran the guard (dma_* valid) */
#define PP_HANDOFF_F_MASK PP_HANDOFF_F_DMA_GUARD
#define PP_DMA_GUARD_FW_ON (1u << 0) /* the unit was on at SL entry: disabled first */
#define PP_DMA_GUARD_TYPE_AMDVI 1u   /* = ACPI_IOMMU_AMDVI */
#define PP_DMA_GUARD_TYPE_VTD 2u     /* = ACPI_IOMMU_VTD */
struct pp_dma_guard_unit {
	u64 base;  /* the unit's register base (4 KiB aligned, not 0) */
	u64 table; /* AMD-Vi: its device table (SL_DMA_DEVTAB); VT-d: root table (SL_DMA_ROOT) */
	u64 cmd;   /* AMD-Vi: its command buffer (SL_DMA_CMD + k * 4 KiB); VT-d: 0 */
	u32 type;  /* PP_DMA_GUARD_TYPE_* */
	u32 flags; /* PP_DMA_GUARD_FW_ON */
};
_Static_assert(sizeof(struct pp_dma_guard_unit) == 32, "pp_dma_guard_unit size");
_Static_assert(__builtin_offsetof(struct pp_dma_guard_unit, type) == 24, "type");

struct pp_handoff {
	u64 magic;	 /* PP_HANDOFF_MAGIC */
	u32 version;	 /* PP_HANDOFF_VERSION */
	u32 total_size;	 /* whole blob, <= PP_HANDOFF_MAX_SIZE */
	u32 header_size; /* sizeof(struct pp_handoff) */
	u32 firmware;	 /* PP_FW_* */
	u32 launch_type; /* PP_LAUNCH_* */
	u32 flags;	 /* PP_HANDOFF_F_*: set by the SL only */
	u64 launch_base; /* launch stage image incl. bss and this blob */
	u64 launch_size;
	u64 hv_base; /* page-rounded span of the hypervisor's PT_LOAD segments */
	u64 hv_size;
	u64 hv_entry;
	u32 mmap_off, mmap_count; /* struct pp_mem_range[], sorted by base, disjoint */
	u32 mod_off, mod_count; /* struct pp_module[] (every boot module, the hypervisor ELF too) */
	u32 cmdline_off, cmdline_len; /* hypervisor command line */
	u8 rsdp[36];	 /* copy of the ACPI RSDP (20 bytes for rev 0, 36 for rev 2+) */
	u32 rsdp_len;	 /* 0 (none), 20 or 36 */
	u64 fw_log_base; /* firmware TCG event log copy (0: none yet) */
	u64 fw_log_size;
	u32 fw_log_format;   /* 0: none, 1: TCG 1.2 (SHA-1), 2: crypto-agile */
	u32 drtm_log_events; /* TCG_PCR_EVENT2 records in the DRTM log (0 without one) */
	u64 drtm_log_base;   /* DRTM event log (0: none yet) */
	u64 drtm_log_size;
	u64 efi_system_table; /* 0 on BIOS */
	/*
	 * Version 2: what the secure loader copied before measuring it (0 from
	 * launch). Every module's base/length and every ACPI copy lie inside
	 * the copy area; the hypervisor keeps the whole area to itself.
	 */
	u64 copy_base, copy_size;
	u32 acpi_off, acpi_count; /* struct pp_acpi_copy[] (root table first) */
	/* Was `reserved` (0): the SL's DMA guard record (PP_HANDOFF_F_DMA_GUARD),
	 * struct pp_dma_guard_unit[]; count 0 = no IOMMU found. */
	u32 dma_off, dma_count;
};
_Static_assert(sizeof(struct pp_handoff) == 216, "pp_handoff size");
_Static_assert(__builtin_offsetof(struct pp_handoff, launch_base) == 32, "launch_base");
_Static_assert(__builtin_offsetof(struct pp_handoff, hv_entry) == 64, "hv_entry");
_Static_assert(__builtin_offsetof(struct pp_handoff, mmap_off) == 72, "mmap_off");
_Static_assert(__builtin_offsetof(struct pp_handoff, rsdp) == 96, "rsdp");
_Static_assert(__builtin_offsetof(struct pp_handoff, rsdp_len) == 132, "rsdp_len");
_Static_assert(__builtin_offsetof(struct pp_handoff, fw_log_base) == 136, "fw_log_base");
_Static_assert(__builtin_offsetof(struct pp_handoff, drtm_log_events) == 156, "drtm_log_events");
_Static_assert(__builtin_offsetof(struct pp_handoff, drtm_log_base) == 160, "drtm_log_base");
_Static_assert(__builtin_offsetof(struct pp_handoff, efi_system_table) == 176, "efi_system_table");
_Static_assert(__builtin_offsetof(struct pp_handoff, copy_base) == 184, "copy_base");
_Static_assert(__builtin_offsetof(struct pp_handoff, copy_size) == 192, "copy_size");
_Static_assert(__builtin_offsetof(struct pp_handoff, acpi_off) == 200, "acpi_off");
_Static_assert(__builtin_offsetof(struct pp_handoff, acpi_count) == 204, "acpi_count");
_Static_assert(__builtin_offsetof(struct pp_handoff, dma_off) == 208, "dma_off");
_Static_assert(__builtin_offsetof(struct pp_handoff, dma_count) == 212, "dma_count");

/*
 * Validate a handoff blob of buf_len readable bytes. On success the header,
 * arrays and strings may be used through the accessors below. On failure
 * returns a PP_E* code and a precise message in err.
 */
int pp_handoff_check(const void *buf, size_t buf_len, struct pp_err *err);

static inline const struct pp_mem_range *pp_handoff_mmap(const struct pp_handoff *h)
{
	return (const struct pp_mem_range *)((const u8 *)h + h->mmap_off);
}
static inline const struct pp_module *pp_handoff_modules(const struct pp_handoff *h)
{
	return (const struct pp_module *)((const u8 *)h + h->mod_off);
}
/* True when the hypervisor command line holds `word` as a whole
 * space-separated word (a checked handoff). */
bool pp_handoff_cmdline_has(const struct pp_handoff *h, const char *word);

static inline const char *pp_handoff_str(const struct pp_handoff *h, u32 off)
{
	return (const char *)h + off;
}
static inline const struct pp_acpi_copy *pp_handoff_acpi(const struct pp_handoff *h)
{
	return (const struct pp_acpi_copy *)((const u8 *)h + h->acpi_off);
}
static inline const struct pp_dma_guard_unit *pp_handoff_dma(const struct pp_handoff *h)
{
	return (const struct pp_dma_guard_unit *)((const u8 *)h + h->dma_off);
}

/*
 * Append len bytes at the next 8-byte boundary of a checked blob whose
 * buffer holds cap bytes (the secure loader adds its ACPI copy table this
 * way); total_size grows, *off receives the offset. PP_ENOMEM when the
 * result would exceed cap or PP_HANDOFF_MAX_SIZE.
 */
int pp_handoff_append(struct pp_handoff *h, u32 cap, const void *data, u32 len, u32 *off);

const char *pp_mem_type_name(u32 type);

/*
 * Builder used by the launch stage (and by tests): collects ranges, modules
 * and strings in its own storage, then pp_hb_finish() writes one blob.
 * Memory ranges may be added in any order and may overlap: finish() sorts
 * them, merges neighbours of equal type and, where ranges overlap, keeps the
 * most restrictive type (anything beats PP_MEM_USABLE; otherwise the higher
 * type number wins). Errors are sticky and reported by finish().
 */
#define PP_HB_STR_MAX 4096u
struct pp_handoff_builder {
	struct pp_handoff hdr; /* caller fills the scalar fields */
	struct pp_mem_range mem[PP_HANDOFF_MAX_MMAP];
	u32 mem_count;
	struct pp_module mod[PP_HANDOFF_MAX_MODULES];
	u32 mod_count;
	char str[PP_HB_STR_MAX]; /* offsets are relative to str[] until finish */
	u32 str_used;
	u32 cmdline_soff, cmdline_len;
	int error; /* sticky PP_E* code */
};
void pp_hb_init(struct pp_handoff_builder *b);
void pp_hb_add_mem(struct pp_handoff_builder *b, u64 base, u64 length, u32 type);
void pp_hb_add_module(struct pp_handoff_builder *b, u64 base, u64 length, const char *cmdline);
void pp_hb_set_cmdline(struct pp_handoff_builder *b, const char *cmdline);
/*
 * Write the blob into out (capacity cap, 8-byte aligned). Returns its size
 * (> 0) or a PP_E* code: the sticky error (PP_EINVAL for a wrapping or
 * bad-type range or an empty/wrapping module, PP_ENOMEM for full tables or
 * string space), PP_ENOMEM when out is too small, PP_ENOENT without ranges.
 */
int pp_hb_finish(struct pp_handoff_builder *b, void *out, u32 cap);

#endif
