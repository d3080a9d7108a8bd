/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Layouts of the ACPI tables the virtual ACPI platform builds for a Linux
 * partition (vacpi.h). Written, never parsed: the builder fills a local
 * struct and copies it into the caller's buffer, so no struct is ever cast
 * over untrusted bytes. Every offset is asserted against the spec:
 *   ACPI 6.5 section 5.2.3.2 "Generic Address Structure" (Table 5.1),
 *   5.2.5.3 "RSDP Structure" (Table 5.3), 5.2.6 "System Description Table
 *   Header" (Table 5.4), 5.2.8 "XSDT" (Table 5.7), 5.2.9 "FADT" (Table 5.9),
 *   5.2.12 "MADT" (Table 5.43) and 5.2.12.2 "Processor Local APIC
 *   Structure" (Table 5.46); TCG ACPI Specification 1.3 section 8.3 "ACPI
 *   Table for TPM 2.0" (revision 4, with LAML/LASA: 76 bytes).
 * x86 only (little-endian), like the hypervisor that builds them.
 */
#ifndef PARAPET_HV_LINUX_VACPI_TABLES_H
#define PARAPET_HV_LINUX_VACPI_TABLES_H

#include <parapet/types.h>

#define VACPI_OFF(t, f) __builtin_offsetof(struct t, f)

/* 5.2.3.2: Generic Address Structure (12 bytes). */
struct vacpi_gas {
	u8 space_id; /* 0 SystemMemory, 1 SystemIO */
	u8 bit_width;
	u8 bit_offset;
	u8 access_size; /* 1 byte, 2 word, 3 dword, 4 qword */
	u64 address;
} PP_PACKED;
_Static_assert(sizeof(struct vacpi_gas) == 12, "GAS is 12 bytes (ACPI 6.5 Table 5.1)");
_Static_assert(VACPI_OFF(vacpi_gas, access_size) == 3, "GAS Access Size at 3");
_Static_assert(VACPI_OFF(vacpi_gas, address) == 4, "GAS Address at 4");

#define VACPI_GAS_SYSTEM_IO 1u
#define VACPI_GAS_ACCESS_BYTE 1u

/* 5.2.5.3: RSDP, revision 2 (36 bytes). */
struct vacpi_rsdp {
	char signature[8]; /* "RSD PTR " */
	u8 checksum;	   /* over the first 20 bytes */
	char oem_id[6];
	u8 revision; /* 2 */
	u32 rsdt_address;
	u32 length; /* 36 */
	u64 xsdt_address;
	u8 ext_checksum; /* over all 36 bytes */
	u8 reserved[3];
} PP_PACKED;
_Static_assert(sizeof(struct vacpi_rsdp) == 36, "RSDP v2 is 36 bytes (Table 5.3)");
_Static_assert(VACPI_OFF(vacpi_rsdp, checksum) == 8, "RSDP Checksum at 8");
_Static_assert(VACPI_OFF(vacpi_rsdp, oem_id) == 9, "RSDP OEMID at 9");
_Static_assert(VACPI_OFF(vacpi_rsdp, revision) == 15, "RSDP Revision at 15");
_Static_assert(VACPI_OFF(vacpi_rsdp, rsdt_address) == 16, "RSDP RsdtAddress at 16");
_Static_assert(VACPI_OFF(vacpi_rsdp, length) == 20, "RSDP Length at 20");
_Static_assert(VACPI_OFF(vacpi_rsdp, xsdt_address) == 24, "RSDP XsdtAddress at 24");
_Static_assert(VACPI_OFF(vacpi_rsdp, ext_checksum) == 32, "RSDP Extended Checksum at 32");

/* 5.2.6: System Description Table Header (36 bytes). */
struct vacpi_sdt_hdr {
	char signature[4];
	u32 length; /* whole table */
	u8 revision;
	u8 checksum; /* all Length bytes sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	char creator_id[4];
	u32 creator_revision;
} PP_PACKED;
_Static_assert(sizeof(struct vacpi_sdt_hdr) == 36, "SDT header is 36 bytes (Table 5.4)");
_Static_assert(VACPI_OFF(vacpi_sdt_hdr, length) == 4, "SDT Length at 4");
_Static_assert(VACPI_OFF(vacpi_sdt_hdr, revision) == 8, "SDT Revision at 8");
_Static_assert(VACPI_OFF(vacpi_sdt_hdr, checksum) == 9, "SDT Checksum at 9");
_Static_assert(VACPI_OFF(vacpi_sdt_hdr, oem_id) == 10, "SDT OEMID at 10");
_Static_assert(VACPI_OFF(vacpi_sdt_hdr, oem_table_id) == 16, "SDT OEM Table ID at 16");
_Static_assert(VACPI_OFF(vacpi_sdt_hdr, oem_revision) == 24, "SDT OEM Revision at 24");
_Static_assert(VACPI_OFF(vacpi_sdt_hdr, creator_id) == 28, "SDT Creator ID at 28");
_Static_assert(VACPI_OFF(vacpi_sdt_hdr, creator_revision) == 32, "SDT Creator Revision at 32");

/* 5.2.9: FADT, revision 6 (276 bytes). Fields a HW-reduced platform leaves 0
 * are kept as named fields so every offset stays checkable. */
struct vacpi_fadt {
	struct vacpi_sdt_hdr hdr; /* "FACP", revision 6 */
	u32 firmware_ctrl;
	u32 dsdt; /* 0: X_DSDT is used */
	u8 reserved0;
	u8 preferred_pm_profile;
	u16 sci_int;
	u32 smi_cmd;
	u8 acpi_enable;
	u8 acpi_disable;
	u8 s4bios_req;
	u8 pstate_cnt;
	u32 pm1a_evt_blk;
	u32 pm1b_evt_blk;
	u32 pm1a_cnt_blk;
	u32 pm1b_cnt_blk;
	u32 pm2_cnt_blk;
	u32 pm_tmr_blk;
	u32 gpe0_blk;
	u32 gpe1_blk;
	u8 pm1_evt_len;
	u8 pm1_cnt_len;
	u8 pm2_cnt_len;
	u8 pm_tmr_len;
	u8 gpe0_blk_len;
	u8 gpe1_blk_len;
	u8 gpe1_base;
	u8 cst_cnt;
	u16 p_lvl2_lat;
	u16 p_lvl3_lat;
	u16 flush_size;
	u16 flush_stride;
	u8 duty_offset;
	u8 duty_width;
	u8 day_alrm;
	u8 mon_alrm;
	u8 century;
	u16 iapc_boot_arch;
	u8 reserved1;
	u32 flags;
	struct vacpi_gas reset_reg;
	u8 reset_value;
	u16 arm_boot_arch;
	u8 minor_version;
	u64 x_firmware_ctrl;
	u64 x_dsdt;
	struct vacpi_gas x_pm1a_evt_blk;
	struct vacpi_gas x_pm1b_evt_blk;
	struct vacpi_gas x_pm1a_cnt_blk;
	struct vacpi_gas x_pm1b_cnt_blk;
	struct vacpi_gas x_pm2_cnt_blk;
	struct vacpi_gas x_pm_tmr_blk;
	struct vacpi_gas x_gpe0_blk;
	struct vacpi_gas x_gpe1_blk;
	struct vacpi_gas sleep_control_reg;
	struct vacpi_gas sleep_status_reg;
	u64 hypervisor_vendor_id;
} PP_PACKED;
_Static_assert(sizeof(struct vacpi_fadt) == 276, "FADT revision 6 is 276 bytes (Table 5.9)");
_Static_assert(VACPI_OFF(vacpi_fadt, firmware_ctrl) == 36, "FADT FIRMWARE_CTRL at 36");
_Static_assert(VACPI_OFF(vacpi_fadt, dsdt) == 40, "FADT DSDT at 40");
_Static_assert(VACPI_OFF(vacpi_fadt, preferred_pm_profile) == 45, "FADT PM profile at 45");
_Static_assert(VACPI_OFF(vacpi_fadt, sci_int) == 46, "FADT SCI_INT at 46");
_Static_assert(VACPI_OFF(vacpi_fadt, smi_cmd) == 48, "FADT SMI_CMD at 48");
_Static_assert(VACPI_OFF(vacpi_fadt, pm1a_evt_blk) == 56, "FADT PM1a_EVT_BLK at 56");
_Static_assert(VACPI_OFF(vacpi_fadt, pm_tmr_blk) == 76, "FADT PM_TMR_BLK at 76");
_Static_assert(VACPI_OFF(vacpi_fadt, pm1_evt_len) == 88, "FADT PM1_EVT_LEN at 88");
_Static_assert(VACPI_OFF(vacpi_fadt, p_lvl2_lat) == 96, "FADT P_LVL2_LAT at 96");
_Static_assert(VACPI_OFF(vacpi_fadt, duty_offset) == 104, "FADT DUTY_OFFSET at 104");
_Static_assert(VACPI_OFF(vacpi_fadt, century) == 108, "FADT CENTURY at 108");
_Static_assert(VACPI_OFF(vacpi_fadt, iapc_boot_arch) == 109, "FADT IAPC_BOOT_ARCH at 109");
_Static_assert(VACPI_OFF(vacpi_fadt, flags) == 112, "FADT Flags at 112");
_Static_assert(VACPI_OFF(vacpi_fadt, reset_reg) == 116, "FADT RESET_REG at 116");
_Static_assert(VACPI_OFF(vacpi_fadt, reset_value) == 128, "FADT RESET_VALUE at 128");
_Static_assert(VACPI_OFF(vacpi_fadt, arm_boot_arch) == 129, "FADT ARM_BOOT_ARCH at 129");
_Static_assert(VACPI_OFF(vacpi_fadt, minor_version) == 131, "FADT Minor Version at 131");
_Static_assert(VACPI_OFF(vacpi_fadt, x_firmware_ctrl) == 132, "FADT X_FIRMWARE_CTRL at 132");
_Static_assert(VACPI_OFF(vacpi_fadt, x_dsdt) == 140, "FADT X_DSDT at 140");
_Static_assert(VACPI_OFF(vacpi_fadt, x_pm1a_evt_blk) == 148, "FADT X_PM1a_EVT_BLK at 148");
_Static_assert(VACPI_OFF(vacpi_fadt, x_pm_tmr_blk) == 208, "FADT X_PM_TMR_BLK at 208");
_Static_assert(VACPI_OFF(vacpi_fadt, x_gpe1_blk) == 232, "FADT X_GPE1_BLK at 232");
_Static_assert(VACPI_OFF(vacpi_fadt, sleep_control_reg) == 244, "FADT SLEEP_CONTROL_REG at 244");
_Static_assert(VACPI_OFF(vacpi_fadt, sleep_status_reg) == 256, "FADT SLEEP_STATUS_REG at 256");
_Static_assert(VACPI_OFF(vacpi_fadt, hypervisor_vendor_id) == 268, "FADT vendor identity at 268");

/* Table 5.10: FADT Fixed Feature Flags used here. */
#define VACPI_FADT_PWR_BUTTON (1u << 4)	      /* no fixed power button */
#define VACPI_FADT_SLP_BUTTON (1u << 5)	      /* no fixed sleep button */
#define VACPI_FADT_RESET_REG_SUP (1u << 10)   /* RESET_REG is supported */
#define VACPI_FADT_FORCE_APIC_PHYS (1u << 19) /* FORCE_APIC_PHYSICAL_DESTINATION_MODE */
#define VACPI_FADT_HW_REDUCED_ACPI (1u << 20)
/* Table 5.11: IA-PC Boot Architecture Flags used here. */
#define VACPI_IAPC_VGA_NOT_PRESENT (1u << 2)
#define VACPI_IAPC_CMOS_RTC_NOT_PRESENT (1u << 5)

/* 5.2.12: MADT header (44 bytes), then interrupt controller structures. */
struct vacpi_madt {
	struct vacpi_sdt_hdr hdr; /* "APIC", revision 5 */
	u32 lapic_address;
	u32 flags; /* 0: no PCAT_COMPAT (no 8259s) */
} PP_PACKED;
_Static_assert(sizeof(struct vacpi_madt) == 44, "MADT header is 44 bytes (Table 5.43)");
_Static_assert(VACPI_OFF(vacpi_madt, lapic_address) == 36,
	       "MADT Local Interrupt Controller Address at 36");
_Static_assert(VACPI_OFF(vacpi_madt, flags) == 40, "MADT Flags at 40");

/* 5.2.12.2: Processor Local APIC Structure (type 0, 8 bytes). */
struct vacpi_madt_lapic {
	u8 type;   /* 0 */
	u8 length; /* 8 */
	u8 acpi_processor_uid;
	u8 apic_id;
	u32 flags; /* bit 0 Enabled */
} PP_PACKED;
_Static_assert(sizeof(struct vacpi_madt_lapic) == 8,
	       "Local APIC structure is 8 bytes (Table 5.46)");
_Static_assert(VACPI_OFF(vacpi_madt_lapic, acpi_processor_uid) == 2, "LAPIC UID at 2");
_Static_assert(VACPI_OFF(vacpi_madt_lapic, apic_id) == 3, "LAPIC APIC ID at 3");
_Static_assert(VACPI_OFF(vacpi_madt_lapic, flags) == 4, "LAPIC Flags at 4");

#define VACPI_MADT_TYPE_LAPIC 0u
#define VACPI_MADT_LAPIC_ENABLED 1u

/* TCG ACPI Specification 1.3 section 8.3: TPM2 table, revision 4 with
 * the log area (76 bytes). */
struct vacpi_tpm2 {
	struct vacpi_sdt_hdr hdr; /* "TPM2", revision 4 */
	u16 platform_class;	  /* 0: client */
	u16 reserved;
	u64 control_area; /* 0 for start method 6 (FIFO/TIS) */
	u32 start_method;
	u8 start_method_params[12];
	u32 laml; /* Log Area Minimum Length */
	u64 lasa; /* Log Area Start Address */
} PP_PACKED;
_Static_assert(sizeof(struct vacpi_tpm2) == 76, "TPM2 table with log area is 76 bytes");
_Static_assert(VACPI_OFF(vacpi_tpm2, platform_class) == 36, "TPM2 Platform Class at 36");
_Static_assert(VACPI_OFF(vacpi_tpm2, control_area) == 40, "TPM2 Control Area at 40");
_Static_assert(VACPI_OFF(vacpi_tpm2, start_method) == 48, "TPM2 Start Method at 48");
_Static_assert(VACPI_OFF(vacpi_tpm2, start_method_params) == 52, "TPM2 parameters at 52");
_Static_assert(VACPI_OFF(vacpi_tpm2, laml) == 64, "TPM2 LAML at 64");
_Static_assert(VACPI_OFF(vacpi_tpm2, lasa) == 68, "TPM2 LASA at 68");

#define VACPI_TPM2_START_TIS 6u

#endif
