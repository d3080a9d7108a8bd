/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MSI a Linux partition's guest programs into its assigned device's
 * MSI capability, decoded and judged (docs/linux-partition.md, "An
 * assigned device on VT-d"). On VT-d the device never holds the guest's
 * message: vpci.c shadows it (cfg.msi_remap) and the device holds the
 * remappable-format message of one interrupt remapping entry the
 * hypervisor owns (dma_linux.c). This decides what that entry says:
 * a remapped entry (the guest's vector at its own core) or none at all
 * (not present: the device's message faults and is dropped by the unit).
 *
 * Message address (Intel SDM vol. 3 §11.11.1): bits 31:20 0xFEE, 19:12
 * destination ID, 11:4 reserved (on VT-d bit 4 is the interrupt format,
 * 1 remappable: the guest has no entry to name), 3 RH (redirection hint),
 * 2 DM (destination mode, 1 logical), 1:0 zero (DWORD); the upper half
 * (a 64-bit capability's Message Upper Address) zero.
 * Message data (§11.11.2): bits 7:0 vector, 10:8 delivery mode (000b
 * fixed, 001b lowest priority, 010b SMI, 100b NMI, 101b INIT, 111b
 * ExtINT; 011b and 110b reserved), 13:11 reserved, 14 level (assert;
 * ignored for edge), 15 trigger mode (1 level); the rest of the register
 * reserved.
 *
 * Accepted: address 0xFEE with zero reserved bits and upper half,
 * physical destination mode (RH either way: with DM 0 the destination is
 * physical, §11.11.1) naming the partition's own APIC ID (a Linux
 * partition with a device has one vCPU, policy-enforced, and sees
 * physical APIC IDs), fixed or lowest-priority delivery (lowest priority
 * among one possible destination is that destination: programmed as
 * fixed), edge trigger, vector 0x20..0xFF (0..31 are exceptions, SDM
 * vol. 3 §6.2), zero reserved data bits. Everything else is refused with
 * the first reason in the order of enum vmsi_reason: what the message is
 * (its form, delivery mode, trigger, vector) before where it goes, so an
 * NMI is refused as an NMI wherever it is aimed.
 *
 * Trust: addr and data are the guest's; any value is judged, nothing is
 * trusted. Pure; host tested (tests/unit/test_vmsi.c,
 * tests/fuzz/fuzz_vmsi.c).
 */
#ifndef PARAPET_HV_LINUX_VMSI_H
#define PARAPET_HV_LINUX_VMSI_H

#include <parapet/types.h>

#define VMSI_ADDR_BASE 0xFEE00000u
#define VMSI_ADDR_BASE_MASK 0xFFF00000u
#define VMSI_ADDR_DEST_SHIFT 12u       /* 19:12 destination ID */
#define VMSI_ADDR_RESERVED 0x00000FF3u /* 11:4 and 1:0 */
#define VMSI_ADDR_RH (1u << 3)
#define VMSI_ADDR_DM (1u << 2)
#define VMSI_DATA_VECTOR 0xFFu
#define VMSI_DATA_DLM_SHIFT 8u	       /* 10:8 */
#define VMSI_DATA_RESERVED 0xFFFF3800u /* 13:11 and 31:16 */
#define VMSI_DATA_TRIGGER (1u << 15)
#define VMSI_VECTOR_MIN 0x20u

enum vmsi_reason {
	VMSI_OK = 0,
	VMSI_R_ADDRESS,	 /* not 0xFEExxxxx, or a reserved bit, or the upper half set */
	VMSI_R_DATA,	 /* a reserved data bit set */
	VMSI_R_DELIVERY, /* delivery mode other than fixed or lowest priority */
	VMSI_R_TRIGGER,	 /* level-triggered */
	VMSI_R_VECTOR,	 /* vector below 0x20 */
	VMSI_R_LOGICAL,	 /* DM 1: logical destination */
	VMSI_R_FOREIGN,	 /* destination ID other than the partition's APIC ID */
	VMSI_R_COUNT,
};

struct vmsi_msg {
	u32 reason; /* enum vmsi_reason */
	u32 dest;   /* destination ID (address 19:12) */
	u32 dlm;    /* delivery mode (data 10:8) */
	u32 vector; /* data 7:0 */
	bool logical, rh, level;
};

/* Decode addr (both halves) and data and judge them for a partition
 * whose one vCPU runs on APIC ID own_apic. *out is always filled;
 * returns out->reason. */
u32 vmsi_decide(u64 addr, u32 data, u32 own_apic, struct vmsi_msg *out);

/* Why m was refused, in words, for a partition at own_apic: e.g.
 * "delivery mode nmi (only fixed or lowest priority)"; "accepted" for
 * VMSI_OK. Always NUL-terminated (n > 0). */
void vmsi_explain(const struct vmsi_msg *m, u32 own_apic, char *buf, size_t n);

/* A short stable name of a reason ("foreign"); "?" out of range. */
const char *vmsi_reason_name(u32 reason);
/* The name of a delivery mode ("nmi"). */
const char *vmsi_dlm_name(u32 dlm);

#endif
