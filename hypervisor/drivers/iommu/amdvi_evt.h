/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD-Vi event log entries (AMD I/O Virtualization Technology (IOMMU)
 * Specification #48882, §2.5 "Event Logging": the general entry format and
 * one figure and field table per event type) decoded into struct iommu_fault (iommu_env.h). Pure;
 * host-tested (tests/unit/test_amdvi_drv.c) and fuzzed
 * (tests/fuzz/fuzz_amdvi_evt.c).
 *
 * Trust: an entry is 16 bytes the unit wrote into memory the hypervisor
 * owns; it is read with ld_le64, never cast. Every field is taken under a
 * mask of the bits its event type defines; bits an event type reserves
 * are never copied into a field, only reported (AMDVI_FAULT_RESERVED). An
 * unknown event code is refused and changes nothing.
 *
 * Entry layout common to every type: bits 63:60 EventCode; the rest per
 * type (bit n is bit n % 64 of little-endian word n / 64):
 *   15:0    DeviceID (requester ID)            types 1, 2, 3, 4, 7, 8, 9
 *   19:16   PASID[19:16]                       types 1, 2, 8, 9
 *   47:32   DomainID or PASID[15:0]            types 1, 2, 4, 8, 9
 *   59:48   flags (per type, see AMDVI_EVT_F_*)
 *   127:64  address (per type: the DMA address, the table entry's or the
 *           command's system physical address); 127:68 for type 7
 */
#ifndef PARAPET_HV_AMDVI_EVT_H
#define PARAPET_HV_AMDVI_EVT_H

#include "hypervisor/drivers/iommu/iommu_env.h"

/* EventCode values (§2.5). */
#define AMDVI_EVT_ILLEGAL_DEV_TABLE_ENTRY 0x1u
#define AMDVI_EVT_IO_PAGE_FAULT 0x2u
#define AMDVI_EVT_DEV_TAB_HARDWARE_ERROR 0x3u
#define AMDVI_EVT_PAGE_TAB_HARDWARE_ERROR 0x4u
#define AMDVI_EVT_ILLEGAL_COMMAND_ERROR 0x5u
#define AMDVI_EVT_COMMAND_HARDWARE_ERROR 0x6u
#define AMDVI_EVT_IOTLB_INV_TIMEOUT 0x7u
#define AMDVI_EVT_INVALID_DEVICE_REQUEST 0x8u
#define AMDVI_EVT_INVALID_PPR_REQUEST 0x9u
#define AMDVI_EVT_EVENT_COUNTER_ZERO 0xau
#define AMDVI_EVT_GUEST_EVENT_FAULT 0xbu

/* The flags field (entry bits 59:48) as iommu_fault.flags bits 11:0:
 * flag bit n is entry bit 48 + n. Which ones a type defines: the table in
 * amdvi_evt.c. */
#define AMDVI_EVT_F_GN (1u << 0)   /* guest (GPA) / nested (GVA) request */
#define AMDVI_EVT_F_NX (1u << 1)   /* the request was an instruction fetch */
#define AMDVI_EVT_F_US (1u << 2)   /* user (1) / supervisor (0) request */
#define AMDVI_EVT_F_I (1u << 3)	   /* an interrupt request, not a memory one */
#define AMDVI_EVT_F_PR (1u << 4)   /* the page was present */
#define AMDVI_EVT_F_RW (1u << 5)   /* write (1) / read (0) */
#define AMDVI_EVT_F_PE (1u << 6)   /* permission denied */
#define AMDVI_EVT_F_RZ (1u << 7)   /* a reserved bit of a table entry was set */
#define AMDVI_EVT_F_TR (1u << 8)   /* a translation request (ATS) */
#define AMDVI_EVT_F_TYPE (7u << 9) /* hardware error / request type, 2 or 3 bits */
#define AMDVI_EVT_F_TYPE_SHIFT 9u
#define AMDVI_EVT_FLAGS 0xfffu

/* Bits the driver adds to iommu_fault.flags (12..15, above the entry's). */
#define AMDVI_FAULT_RESERVED (1u << 13)	 /* the entry had reserved bits set (ignored) */
#define AMDVI_FAULT_UNDECODED (1u << 14) /* amdvi_drain: the entry was refused */
#define AMDVI_FAULT_OVERFLOW (1u << 15)	 /* amdvi_drain: the log overflowed (code 0) */

#define AMDVI_EVT_SIZE 16u

/*
 * Decode one entry into *f: unit_type ACPI_IOMMU_AMDVI, seg 0, the fields
 * the entry's type defines, 0 elsewhere. access: for types 1..4 when
 * neither I nor TR is set, IOMMU_ACC_WRITE if RW, else IOMMU_ACC_EXEC if
 * NX (type 2), else IOMMU_ACC_READ; IOMMU_ACC_UNKNOWN otherwise. domain:
 * the DomainID of types 2 and 4 when GN is clear (else a PASID: 0).
 * PP_OK; PP_EINVAL ("unknown event code") for codes 0 and 0xc..0xf,
 * *f untouched.
 */
int amdvi_evt_decode(const u8 entry[16], struct iommu_fault *f, struct pp_err *err);

/* "illegal-dev-table-entry", "io-page-fault", ... or "unknown"; code 0
 * (reserved by the spec) is the driver's overflow record: "log-overflow". */
const char *amdvi_event_name(u32 code);

#endif
