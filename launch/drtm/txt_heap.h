/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intel TXT heap (HARDWARE-ONLY path; host-tested only).
 *
 * Intel TXT MLE Developer's Guide, appendix C "Intel TXT Heap Memory":
 * the heap (TXT.HEAP.BASE/SIZE) holds four tables back to back, BiosData
 * (C.1), OsMleData (C.2), OsSinitData (C.3), SinitMleData (C.4). Each
 * table is preceded by a little-endian u64 size that COUNTS ITSELF (size =
 * 8 + table bytes). Versions 4+ of the tables end with "extended data
 * elements" (C.5): u32 type, u32 size (counting the 8-byte element
 * header), data; the list ends with an END element (type 0, size 8).
 *
 * The C structs below document the layouts (offsets relative to the first
 * byte AFTER the u64 size field) and are never cast over heap bytes:
 * builders store little-endian fields explicitly, parsers load them with
 * bounds checks.
 */
#ifndef PARAPET_LAUNCH_DRTM_TXT_HEAP_H
#define PARAPET_LAUNCH_DRTM_TXT_HEAP_H

#include <parapet/err.h>
#include <parapet/types.h>

#define TXT_HEAP_SIZE_FIELD 8u

/* ---- C.5 extended data elements ---- */
#define TXT_ELT_END 0u
#define TXT_ELT_BIOS_SPEC_VER 1u
#define TXT_ELT_ACM 2u
#define TXT_ELT_STM 3u
#define TXT_ELT_CUSTOM 4u
#define TXT_ELT_TPM_EVENT_LOG_PTR 5u /* TPM 1.2 log pointer: not used */
#define TXT_ELT_MADT 6u
#define TXT_ELT_EVENT_LOG_POINTER2 7u	/* older TPM 2.0 form: not used */
#define TXT_ELT_EVENT_LOG_POINTER2_1 8u /* HEAP_EVENT_LOG_POINTER_ELEMENT2_1 */
#define TXT_ELT_MCFG 9u

struct txt_ext_elt_hdr {
	u32 type; /* 0x00 TXT_ELT_* */
	u32 size; /* 0x04 whole element incl. this header */
} PP_PACKED;
_Static_assert(sizeof(struct txt_ext_elt_hdr) == 8, "ext element header");
_Static_assert(__builtin_offsetof(struct txt_ext_elt_hdr, size) == 4, "ext element size");

/* HEAP_BIOS_SPEC_VER_ELEMENT (type 1) data */
struct txt_elt_bios_spec_ver {
	u16 major, minor, revision;
} PP_PACKED;
_Static_assert(sizeof(struct txt_elt_bios_spec_ver) == 6, "bios spec ver element");

/* HEAP_EVENT_LOG_POINTER_ELEMENT2_1 (type 8) data: where SINIT (and then
 * the MLE) appends TCG crypto-agile events. Offsets are into the buffer. */
struct txt_elt_evtlog2_1 {
	u64 phys_addr;		 /* 0x00 physical address of the log buffer */
	u32 allocated_size;	 /* 0x08 AllocatedEventContainerSize */
	u32 first_record_offset; /* 0x0c FirstRecordOffset */
	u32 next_record_offset;	 /* 0x10 NextRecordOffset */
} PP_PACKED;
_Static_assert(sizeof(struct txt_elt_evtlog2_1) == 20, "event log pointer 2_1 data");
_Static_assert(__builtin_offsetof(struct txt_elt_evtlog2_1, allocated_size) == 0x08, "alloc");
_Static_assert(__builtin_offsetof(struct txt_elt_evtlog2_1, first_record_offset) == 0x0c, "first");
_Static_assert(__builtin_offsetof(struct txt_elt_evtlog2_1, next_record_offset) == 0x10, "next");
#define TXT_ELT_EVTLOG2_1_SIZE (8u + 20u)

/* ---- C.1 BiosData (written by BIOS; untrusted input to us) ---- */
struct txt_bios_data {
	u32 version;	       /* 0x00 */
	u32 bios_sinit_size;   /* 0x04 size of a BIOS-provided SINIT (0: none) */
	u64 lcp_pd_base;       /* 0x08 (reserved in later versions) */
	u64 lcp_pd_size;       /* 0x10 (reserved in later versions) */
	u32 num_logical_procs; /* 0x18 */
	u32 sinit_flags;       /* 0x1c versions 3-5 */
	u32 mle_flags;	       /* 0x20 versions 5+ */
			       /* 0x24: extended data elements (versions 4+) */
} PP_PACKED;
_Static_assert(sizeof(struct txt_bios_data) == 0x24, "BiosData fixed part");
_Static_assert(__builtin_offsetof(struct txt_bios_data, bios_sinit_size) == 0x04,
	       "bios_sinit_size");
_Static_assert(__builtin_offsetof(struct txt_bios_data, lcp_pd_base) == 0x08, "lcp_pd_base");
_Static_assert(__builtin_offsetof(struct txt_bios_data, lcp_pd_size) == 0x10, "lcp_pd_size");
_Static_assert(__builtin_offsetof(struct txt_bios_data, num_logical_procs) == 0x18,
	       "num_logical_procs");
_Static_assert(__builtin_offsetof(struct txt_bios_data, sinit_flags) == 0x1c, "sinit_flags");
_Static_assert(__builtin_offsetof(struct txt_bios_data, mle_flags) == 0x20, "mle_flags");
#define TXT_BIOS_DATA_MIN_VERSION 5u

/* ---- C.2 OsMleData: defined by the MLE. Parapet's own layout, v1 ---- */
#define PP_OS_MLE_VERSION 1u
#define PP_OS_MLE_MAX_MTRRS 32u
struct pp_os_mle_mtrr {
	u64 base; /* IA32_MTRR_PHYSBASEn */
	u64 mask; /* IA32_MTRR_PHYSMASKn */
} PP_PACKED;
struct pp_os_mle_data {
	u32 version;	   /* 0x000 PP_OS_MLE_VERSION */
	u32 flags;	   /* 0x004 reserved, 0 */
	u64 handoff_pa;	   /* 0x008 launch's boot information for the MLE */
	u64 misc_enable;   /* 0x010 IA32_MISC_ENABLE before SENTER */
	u64 mtrr_def_type; /* 0x018 IA32_MTRR_DEF_TYPE before SENTER */
	u32 mtrr_vcnt;	   /* 0x020 saved variable MTRR pairs */
	u32 reserved0;	   /* 0x024 */
	struct pp_os_mle_mtrr mtrr[PP_OS_MLE_MAX_MTRRS]; /* 0x028 */
	u64 evtlog_pa;	 /* 0x228 DRTM event log (== element type 8) */
	u32 evtlog_size; /* 0x230 */
	u32 reserved1;	 /* 0x234 */
	u64 mle_base;	 /* 0x238 physical base of the MLE */
	u64 mle_size;	 /* 0x240 */
} PP_PACKED;
_Static_assert(sizeof(struct pp_os_mle_mtrr) == 16, "mtrr pair");
_Static_assert(sizeof(struct pp_os_mle_data) == 0x248, "OsMleData (Parapet v1)");
_Static_assert(__builtin_offsetof(struct pp_os_mle_data, handoff_pa) == 0x008, "handoff_pa");
_Static_assert(__builtin_offsetof(struct pp_os_mle_data, misc_enable) == 0x010, "misc_enable");
_Static_assert(__builtin_offsetof(struct pp_os_mle_data, mtrr_def_type) == 0x018, "def_type");
_Static_assert(__builtin_offsetof(struct pp_os_mle_data, mtrr_vcnt) == 0x020, "vcnt");
_Static_assert(__builtin_offsetof(struct pp_os_mle_data, mtrr) == 0x028, "mtrr");
_Static_assert(__builtin_offsetof(struct pp_os_mle_data, evtlog_pa) == 0x228, "evtlog_pa");
_Static_assert(__builtin_offsetof(struct pp_os_mle_data, evtlog_size) == 0x230, "evtlog_size");
_Static_assert(__builtin_offsetof(struct pp_os_mle_data, mle_base) == 0x238, "mle_base");
_Static_assert(__builtin_offsetof(struct pp_os_mle_data, mle_size) == 0x240, "mle_size");

/*
 * ---- C.3 OsSinitData (written by us, read by SINIT) ----
 * Version: the guide defines 6 for TPM 1.2 and 7 for TPM 2.0 platforms and
 * no other value; Parapet measures into TPM 2.0 only, so it builds 7 and
 * accepts nothing else when it reads the table back.
 */
#define TXT_OS_SINIT_VERSION 7u	      /* TPM 2.0 */
#define TXT_OS_SINIT_VERSION_TPM12 6u /* TPM 1.2: refused, named in the error */
struct txt_os_sinit_data {
	u32 version;	  /* 0x00 TXT_OS_SINIT_VERSION */
	u32 flags;	  /* 0x04 v7: bit 0 PCR extend policy (0 max agility, 1 max performance) */
	u64 mle_ptab;	  /* 0x08 physical address of the MLE page table */
	u64 mle_size;	  /* 0x10 bytes SINIT measures */
	u64 mle_hdr_base; /* 0x18 LINEAR address of the MLE header */
	u64 pmr_lo_base;  /* 0x20 VT-d PMR low base (2 MiB aligned, < 4 GiB) */
	u64 pmr_lo_size;  /* 0x28 */
	u64 pmr_hi_base;  /* 0x30 VT-d PMR high base (2 MiB aligned) */
	u64 pmr_hi_size;  /* 0x38 */
	u64 lcp_po_base;  /* 0x40 LCP owner policy */
	u64 lcp_po_size;  /* 0x48 */
	u32 capabilities; /* 0x50 MLE_CAP_* chosen from the MLE's and SINIT's */
	u64 efi_rsdp;	  /* 0x54 v5+: ACPI RSDP physical address (UEFI) */
			  /* 0x5c: extended data elements (v6+) */
} PP_PACKED;
_Static_assert(sizeof(struct txt_os_sinit_data) == 0x5c, "OsSinitData fixed part");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, flags) == 0x04, "flags");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, mle_ptab) == 0x08, "mle_ptab");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, mle_size) == 0x10, "mle_size");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, mle_hdr_base) == 0x18, "mle_hdr_base");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, pmr_lo_base) == 0x20, "pmr_lo_base");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, pmr_lo_size) == 0x28, "pmr_lo_size");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, pmr_hi_base) == 0x30, "pmr_hi_base");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, pmr_hi_size) == 0x38, "pmr_hi_size");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, lcp_po_base) == 0x40, "lcp_po_base");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, lcp_po_size) == 0x48, "lcp_po_size");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, capabilities) == 0x50, "capabilities");
_Static_assert(__builtin_offsetof(struct txt_os_sinit_data, efi_rsdp) == 0x54, "efi_rsdp");
#define TXT_OS_SINIT_FLAG_EXTPOL_PERF (1u << 0)
#define TXT_PMR_ALIGN 0x200000ull

/*
 * ---- C.4 SinitMleData (written by SINIT; untrusted input to us) ----
 * Version 9 zeroes every field from BiosAcmId (0x04) through
 * LcpPolicyControl (0x74..0x77): "fields until lcp_policy_control must be 0
 * for >= 9" (C.4 as public loaders transcribe it). The parser treats them as
 * absent for version >= 9 (txt_sinit_mle_info.v8_fields false, values 0):
 * nothing may read them. RlpWakeupAddr, the MDR table, the DMAR copy and
 * ProcessorSCRTMStatus stay valid in version 9.
 */
#define TXT_SINIT_MLE_V9_ZEROED_FROM 0x04u /* BiosAcmId */
#define TXT_SINIT_MLE_V9_ZEROED_END 0x78u  /* end of LcpPolicyControl */
struct txt_sinit_mle_data {
	u32 version;		/* 0x00 */
	u8 bios_acm_id[20];	/* 0x04 */
	u32 edx_senter_flags;	/* 0x18 */
	u64 mseg_valid;		/* 0x1c */
	u8 sinit_hash[20];	/* 0x24 */
	u8 mle_hash[20];	/* 0x38 */
	u8 stm_hash[20];	/* 0x4c */
	u8 lcp_policy_hash[20]; /* 0x60 */
	u32 lcp_policy_control; /* 0x74 */
	u32 rlp_wakeup_addr;	/* 0x78 */
	u32 reserved;		/* 0x7c */
	u32 num_mdrs;		/* 0x80 SINIT memory descriptor records */
	u32 mdrs_off;		/* 0x84 from the start of the table's size field */
	u32 dmar_size;		/* 0x88 copy of the ACPI DMAR table */
	u32 dmar_off;		/* 0x8c from the start of the table's size field */
	u32 proc_scrtm_status;	/* 0x90 v8+ */
				/* 0x94: extended data elements (v9+) */
} PP_PACKED;
_Static_assert(sizeof(struct txt_sinit_mle_data) == 0x94, "SinitMleData fixed part");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, bios_acm_id) == 0x04, "bios_acm_id");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, edx_senter_flags) == 0x18, "edx");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, mseg_valid) == 0x1c, "mseg_valid");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, sinit_hash) == 0x24, "sinit_hash");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, mle_hash) == 0x38, "mle_hash");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, stm_hash) == 0x4c, "stm_hash");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, lcp_policy_hash) == 0x60, "lcp hash");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, lcp_policy_control) == 0x74,
	       "lcp ctl");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, rlp_wakeup_addr) == 0x78, "rlp");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, num_mdrs) == 0x80, "num_mdrs");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, mdrs_off) == 0x84, "mdrs_off");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, dmar_size) == 0x88, "dmar_size");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, dmar_off) == 0x8c, "dmar_off");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, proc_scrtm_status) == 0x90, "scrtm");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, bios_acm_id) ==
		   TXT_SINIT_MLE_V9_ZEROED_FROM,
	       "v9 zeroed range starts at BiosAcmId");
_Static_assert(__builtin_offsetof(struct txt_sinit_mle_data, rlp_wakeup_addr) ==
		   TXT_SINIT_MLE_V9_ZEROED_END,
	       "v9 zeroed range ends with LcpPolicyControl");
#define TXT_SINIT_MLE_MIN_VERSION 8u
#define TXT_SINIT_MLE_ELTS_VERSION 9u

/* SINIT memory descriptor record (C.4, SinitMdr) */
struct txt_sinit_mdr {
	u64 base;   /* 0x00 */
	u64 length; /* 0x08 */
	u8 type;    /* 0x10 TXT_MDR_* */
	u8 reserved[7];
} PP_PACKED;
_Static_assert(sizeof(struct txt_sinit_mdr) == 24, "MDR size");
_Static_assert(__builtin_offsetof(struct txt_sinit_mdr, length) == 0x08, "MDR length");
_Static_assert(__builtin_offsetof(struct txt_sinit_mdr, type) == 0x10, "MDR type");
#define TXT_MDR_GOOD 0u
#define TXT_MDR_SMRAM_OVERLAY 1u
#define TXT_MDR_SMRAM_NONOVERLAY 2u
#define TXT_MDR_PCIE_CONFIG 3u
#define TXT_MDR_PROTECTED 4u
#define TXT_MAX_MDRS 256u

/* ---- parsed views ---- */

/* Where the four tables are: offsets of their u64 size fields in the heap. */
struct txt_heap_layout {
	u64 off[4];  /* BiosData, OsMleData, OsSinitData, SinitMleData */
	u64 size[4]; /* each size value (counts the 8-byte field) */
	u64 used;    /* sum of the four sizes */
};
enum { TXT_TBL_BIOS = 0, TXT_TBL_OS_MLE = 1, TXT_TBL_OS_SINIT = 2, TXT_TBL_SINIT_MLE = 3 };

/* Extended elements found in a table (checked: sizes, END present). */
struct txt_elts {
	u32 count; /* elements before END */
	bool has_spec_ver;
	struct txt_elt_bios_spec_ver spec_ver;
	u32 num_acms;
	bool has_evtlog;
	struct txt_elt_evtlog2_1 evtlog;
};

struct txt_bios_info {
	u32 version, bios_sinit_size, num_logical_procs, sinit_flags, mle_flags;
	u64 lcp_pd_base, lcp_pd_size;
	struct txt_elts elts;
};

struct txt_os_sinit_info {
	u32 version, flags, capabilities;
	u64 mle_ptab, mle_size, mle_hdr_base;
	u64 pmr_lo_base, pmr_lo_size, pmr_hi_base, pmr_hi_size;
	u64 lcp_po_base, lcp_po_size, efi_rsdp;
	struct txt_elts elts;
};

struct txt_sinit_mle_info {
	u32 version, rlp_wakeup_addr;
	u32 num_mdrs, mdrs_off, dmar_size, dmar_off, proc_scrtm_status;
	/* Fields version 9 zeroes (0x04..0x77): valid only when v8_fields
	 * (version 8); for version >= 9 they read as 0 and are absent. */
	bool v8_fields;
	u32 edx_senter_flags, lcp_policy_control;
	u8 mle_hash[20];
	const u8 *table; /* the table incl. its size field (for MDR access) */
	u64 table_size;
	struct txt_elts elts;
};

/* ---- parsers of untrusted bytes (txt_heap_parse.c) ---- */

/* Split a heap of heap_size bytes into its four tables (sizes >= 8, no
 * wrap, inside the heap). */
int txt_heap_layout(const u8 *heap, u64 heap_size, struct txt_heap_layout *out, struct pp_err *err);

/* Walk extended elements in p[0, len): sizes >= 8 and inside, END present,
 * known elements of the right size, at most one event-log pointer. */
int txt_elts_parse(const u8 *p, u64 len, const char *table, struct txt_elts *out,
		   struct pp_err *err);

/* Each takes the table INCLUDING its u64 size field (tbl, tbl_size from
 * txt_heap_layout) and checks the size field against tbl_size. */
int txt_bios_data_parse(const u8 *tbl, u64 tbl_size, struct txt_bios_info *out, struct pp_err *err);
int txt_sinit_mle_parse(const u8 *tbl, u64 tbl_size, struct txt_sinit_mle_info *out,
			struct pp_err *err);
int txt_os_sinit_parse(const u8 *tbl, u64 tbl_size, struct txt_os_sinit_info *out,
		       struct pp_err *err);
int txt_os_mle_parse(const u8 *tbl, u64 tbl_size, struct pp_os_mle_data *out, struct pp_err *err);
/* MDR i (i < num_mdrs) of a parsed SinitMleData. */
void txt_sinit_mdr(const struct txt_sinit_mle_info *s, u32 i, struct txt_sinit_mdr *out);

/* ---- builders (txt_heap_build.c) ---- */

/* Inputs for OsSinitData (always version TXT_OS_SINIT_VERSION). */
struct txt_os_sinit_params {
	u32 flags; /* TXT_OS_SINIT_FLAG_* */
	u64 mle_ptab, mle_size, mle_hdr_base;
	u64 pmr_lo_base, pmr_lo_size, pmr_hi_base, pmr_hi_size;
	u64 lcp_po_base, lcp_po_size;
	u32 capabilities;
	u64 efi_rsdp;
	struct txt_elt_evtlog2_1 evtlog; /* required (TPM 2.0) */
	u64 mle_base;			 /* physical MLE base: not stored, used for the PMR check */
};
#define TXT_OS_SINIT_BUILT_SIZE (8u + 0x5cu + TXT_ELT_EVTLOG2_1_SIZE + 8u)
#define TXT_OS_MLE_BUILT_SIZE (8u + (u32)sizeof(struct pp_os_mle_data))

/* Write OsSinitData version 7 (u64 size + table + event-log element + END)
 * into out[cap]; returns bytes written in *len. Checks the PMR rules (2 MiB
 * alignment, low PMR below 4 GiB, high PMR at/above 4 GiB, no wrap), that
 * the PMRs cover the MLE, its page table and the event log, capabilities
 * has the TCG log bit, exactly one RLP wakeup bit and no reserved bit
 * (txt_caps_choose computes them), flags only the v7 PCR-extend bit. */
int txt_os_sinit_build(u8 *out, u64 cap, const struct txt_os_sinit_params *p, u64 *len,
		       struct pp_err *err);

/* Write Parapet's OsMleData (u64 size + struct pp_os_mle_data). */
int txt_os_mle_build(u8 *out, u64 cap, const struct pp_os_mle_data *d, u64 *len,
		     struct pp_err *err);

#endif
