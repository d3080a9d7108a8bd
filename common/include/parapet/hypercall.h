/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall ABI (docs/hypercalls.md), shared by the hypervisor and the
 * guest kit. A partition calls with VMMCALL (AMD; VMCALL on Intel, later):
 *   in:  RAX = call number, RBX = capability selector (calls that need
 *        one), RCX, RDX, RSI, RDI = arguments
 *   out: RAX = status (PP_HC_OK or a PP_HC_E* code, as a signed 64-bit
 *        value), RBX, RCX, RDX = results; every other register is preserved
 * A call is checked against the caller's capability table, which the
 * hypervisor fills from the signed policy at partition creation and never
 * changes at run time (no call creates, grants or revokes a capability).
 * Selectors index that table: 0 .. n-1 in the policy's order (capabilities
 * by type then target, then channel ends by name); PP_HC_CAP_INFO reads it.
 */
#ifndef PARAPET_HYPERCALL_H
#define PARAPET_HYPERCALL_H

#define PP_HC_ABI_VERSION 1u

/* Call numbers (RAX). */
#define PP_HC_VERSION 0x00u	  /* -> RBX: PP_HC_ABI_VERSION; no capability */
#define PP_HC_PART_INFO 0x01u	  /* -> RBX: own partition id, RCX: table size; none */
#define PP_HC_CAP_INFO 0x02u	  /* RBX: sel -> RBX: type, RCX: target, RDX: rights */
#define PP_HC_DEV_INFO 0x03u	  /* RBX: device index, RCX: BAR -> RBX: bdf, RCX: gpa, RDX: size */
#define PP_HC_DEV_IRQ 0x04u	  /* RBX: device index, RCX: vector, RDX: 1 on / 0 off */
#define PP_HC_CONSOLE_WRITE 0x10u /* RBX: sel (CONSOLE), RCX: gpa, RDX: length */
#define PP_HC_LOG_MAP 0x20u	  /* RBX: sel (EVENTLOG/FAULTLOG), RCX: which, RDX: gpa */
#define PP_HC_PART_STOP 0x30u	  /* RBX: sel (CONTROL of the target) */
#define PP_HC_PART_RESTART 0x31u  /* RBX: sel (CONTROL of the target) */
#define PP_HC_CHAN_SIGNAL 0x40u	  /* RBX: sel (CHANNEL end with the SIGNAL right) */

/* Status codes (RAX on return). */
#define PP_HC_OK 0
#define PP_HC_ENOSYS (-1)  /* no such call number */
#define PP_HC_EPERM (-2)   /* no such selector, or not the capability the call needs */
#define PP_HC_EINVAL (-3)  /* an argument out of its range */
#define PP_HC_EFAULT (-4)  /* a buffer not inside the caller's own memory */
#define PP_HC_ESTATE (-5)  /* the target is not in a state the call applies to */
#define PP_HC_ENOTSUP (-6) /* known but not implemented in this build */

/* Capability types (PP_HC_CAP_INFO RBX): the policy's capability kinds
 * (parapet/policy.h enum pp_pol_cap) plus channel ends. */
#define PP_HC_CAP_CONSOLE 1u
#define PP_HC_CAP_TPM 2u
#define PP_HC_CAP_EVENTLOG_READ 3u
#define PP_HC_CAP_FAULTLOG_READ 4u
#define PP_HC_CAP_CONTROL 5u
#define PP_HC_CAP_CHANNEL 6u

/* Rights of a capability (PP_HC_CAP_INFO RDX). Channel ends carry the
 * policy's R/W/X memory permissions shifted to bits 0-2, plus SIGNAL. */
#define PP_HC_RIGHT_READ (1u << 0)
#define PP_HC_RIGHT_WRITE (1u << 1)
#define PP_HC_RIGHT_EXEC (1u << 2)
#define PP_HC_RIGHT_SIGNAL (1u << 3) /* may signal the peer (PP_HC_CHAN_SIGNAL) */
#define PP_HC_RIGHT_USE (1u << 4)    /* the one right of the non-channel types */

/* The vector of a channel signal in the peer (PP_HC_CHAN_SIGNAL): a virtual
 * interrupt (SVM V_IRQ, no guest APIC), taken when the peer's RFLAGS.IF = 1;
 * signals that arrive before it is taken coalesce into one. No EOI. */
#define PP_HC_SIGNAL_VECTOR 0x40u

/* PP_HC_LOG_MAP `which` (RCX). */
#define PP_HC_LOG_DRTM 1u
#define PP_HC_LOG_FIRMWARE 2u
#define PP_HC_LOG_FAULT 3u
#define PP_HC_LOG_FAULT_SUMMARY 4u
/* The enforced policy's signed file, the bytes the secure loader measured
 * into PCR 18 (eventlog-read: it is boot evidence, like the logs). */
#define PP_HC_LOG_POLICY 5u
#define PP_HC_LOG_LAST PP_HC_LOG_POLICY

/* PP_HC_DEV_INFO: the caller's own devices (the policy's `device` lines for
 * it, in policy order), no capability needed. RCX: BAR number 0 ..
 * PP_HC_DEV_BAR_MAX. Results: RBX = segment << 16 | bus << 8 | devfn, RCX =
 * the BAR's guest-physical base (mapped 1:1, gpa == hpa; 0: not a mapped
 * memory BAR), RDX = its size. PP_HC_EINVAL for an index past the caller's
 * devices or a BAR above PP_HC_DEV_BAR_MAX. */
#define PP_HC_DEV_BAR_MAX 5u

/* PP_HC_DEV_IRQ: the caller's own device `index` (as PP_HC_DEV_INFO), no
 * capability. RDX = 1: its MSI is remapped by the IOMMU to a host vector
 * on the caller's own CPU and delivered to the caller as virtual vector
 * RCX (PP_HC_IRQ_VECTOR_MIN .. PP_HC_IRQ_VECTOR_MAX: never an exception
 * vector nor PP_HC_SIGNAL_VECTOR), a virtual interrupt like a channel
 * signal (no EOI); enabling again replaces the vector. RDX = 0: MSI off,
 * its remapping entry blocked (RCX ignored). PP_HC_EINVAL: an index past
 * the caller's devices, a vector outside the range, RDX not 0 or 1;
 * PP_HC_ENOTSUP: the device has no MSI capability or its IOMMU unit
 * does not remap interrupts; PP_HC_ESTATE: the device is not attached
 * or the hypervisor could not program it. */
#define PP_HC_IRQ_VECTOR_MIN 0x50u
#define PP_HC_IRQ_VECTOR_MAX 0xefu

/* Longest PP_HC_CONSOLE_WRITE in one call (bytes). */
#define PP_HC_CONSOLE_MAX 256u

#endif
