/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A Linux partition's virtual platform at run time (docs/linux-partition.md,
 * "At run time"): the per-partition state behind its exits. The SVM exit
 * code (arch/x86_64/svm/exit_linux.c) decodes an exit and calls in here;
 * everything here is vendor neutral:
 *
 *   CPUID             vcpuid.c: the filtered answer
 *   RDMSR/WRMSR       vmsr.c: allowlist, emulated values, #GP
 *   IN/OUT            vports.c: 16550 console, PIT/CMOS stubs, reset, poweroff;
 *                     with an assigned device, 0xCF8-0xCFF (but a byte at
 *                     0xCF9, the reset register) go to vpci.c: conf1, the
 *                     host bridge and the endpoint filter
 *   xAPIC writes      vapic.c: the filter; the allowed write is made here
 *                     on the physical local APIC the partition owns
 *
 * and counts every exit by kind: the histogram printed when it stops.
 * Trust: every value from the guest is checked by those modules; this file
 * only carries out their decisions on the partition's own cores.
 *
 * SMP (docs/linux-partition.md, "SMP"): a partition has 1..LNX_MAX_VCPUS
 * vCPUs, each on an exclusive core of its own. Per vCPU (struct lnx_vcpu,
 * written only by its own core's exits): the CPUID answers (its APIC ID),
 * the MSR state (its APIC base's BSP bit), the exit counters. Shared by
 * the vCPUs: the port devices and the console's line buffer, behind
 * `lock` (below); the xAPIC filter's table (read-only after init; its
 * per-vCPU part is the writer's own, vapic.h). INIT and SIPI between the
 * vCPUs are carried out by the partition (the `sibling` hook).
 */
#ifndef PARAPET_HV_LINUX_LVM_H
#define PARAPET_HV_LINUX_LVM_H

#include <parapet/err.h>
#include <parapet/types.h>
#include <parapet/policy.h>
#include "hypervisor/core/spinlock.h"
#include "hypervisor/core/linux/vapic.h"
#include "hypervisor/core/linux/vcpuid.h"
#include "hypervisor/core/linux/vmsr.h"
#include "hypervisor/core/linux/vpci.h"
#include "hypervisor/core/linux/vports.h"

enum lnx_exit_kind {
	LNX_X_CPUID = 0,
	LNX_X_RDMSR,
	LNX_X_WRMSR,
	LNX_X_IO_UART,
	LNX_X_IO_PIT,
	LNX_X_IO_CMOS,
	LNX_X_IO_OTHER,
	LNX_X_APIC,   /* a trapped xAPIC write */
	LNX_X_WBINVD, /* WBINVD/INVD: completed as no-ops */
	LNX_X_UD,     /* VMMCALL, MONITOR, MWAIT, XSETBV: #UD injected */
	LNX_X_NMI,    /* a physical NMI (a kick) */
	LNX_X_OTHER,  /* INIT, SMI: resumed */
	LNX_X_COUNT
};

#define LNX_LINE_MAX 200u /* a console line is printed at its newline or here */

#define LNX_MAX_VCPUS PP_POL_LINUX_MAX_CPUS /* the validator's limit (validate_linux.c) */

/* One vCPU's own state: written only by the exits of its own core. */
struct lnx_vcpu {
	struct vcpuid cpuid;
	struct vmsr_vcpu msr;
	u64 x[LNX_X_COUNT];
	u64 msr_gp;	  /* RDMSR/WRMSR answered with #GP */
	u64 apic_refused; /* xAPIC writes refused by the filter */
};

/* INIT (vector 0) or SIPI from vCPU `from` to the vCPUs in `targets` (bit
 * i: vCPU i; never `from` itself: vapic_icr refuses that), on from's core. */
typedef void (*lnx_sibling_fn)(void *ctx, u32 from, bool sipi, u64 targets, u8 vector);

/* The MSI shadow changed (vpci.h, cfg.msi_remap): the guest's Enable and
 * message, for the hypervisor's remapping entry (dma_linux.c). Called
 * outside the lock, before vpci_msi_commit enables the device. */
typedef void (*lnx_msi_fn)(void *ctx, bool enabled, u64 addr, u32 data);

struct lnx_vm {
	const char *name;
	lnx_sibling_fn sibling;
	void *sibling_ctx;
	lnx_msi_fn msi; /* with the MSI shadow (set after lnx_vm_pci_init) */
	void *msi_ctx;
	struct vpci pci;     /* its configuration space (lnx_vm_pci_init), under `lock` */
	struct vports ports; /* under `lock` */
	struct lnx_vcpu cpu[LNX_MAX_VCPUS];
	struct vapic_part apic;
	u32 cpu_count;
	/* Protects `ports` (the 16550, RTC/CMOS and PIT stubs, the reset and
	 * sleep ports: one device model for all vCPUs), `pci` and the console line
	 * below, which the 16550's transmitter fills: taken by lnx_vm_io on
	 * whichever core exits, and by lnx_vm_report. */
	struct spinlock lock;
	u32 line_len;
	bool has_pci; /* an assigned device: pci serves 0xCF8-0xCFF */
	char line[LNX_LINE_MAX + 1];
};

/* Power-on state of a partition with cpu_count (1..LNX_MAX_VCPUS) vCPUs,
 * vCPU i on the core with physical APIC ID apic_ids[i] (vCPU 0 the
 * bootstrap processor); INIT and SIPI go to sibling(ctx, ...). PP_E* when a
 * module refuses its parameters. */
int lnx_vm_init(struct lnx_vm *vm, const char *name, u32 cpu_count, const u32 *apic_ids,
		u32 tsc_khz, u8 phys_bits, lnx_sibling_fn sibling, void *ctx, struct pp_err *err);

/* Its PCI configuration space (after lnx_vm_init, which leaves none):
 * vpci_init of cfg; PP_E* when vpci refuses it. */
int lnx_vm_pci_init(struct lnx_vm *vm, const struct vpci_cfg *cfg, struct pp_err *err);

/* Port access (IOIO exit) by vCPU `vcpu`: what vports (or vpci) decided
 * (under the lock), counted by group. */
enum vports_action lnx_vm_io(struct lnx_vm *vm, u32 vcpu, u16 port, u8 size, bool in, u32 *val);

/* A decoded xAPIC write by vCPU `vcpu` of `size` bytes at page offset
 * `off`: filtered, then made on the local APIC of vcpu's core (a fixed IPI:
 * one physical IPI per target vCPU's core; INIT, SIPI: the sibling hook).
 * True when it was carried out or dropped harmlessly, false when the
 * filter refused it (the guest continues either way: a refused write has
 * no effect, as on a register that ignores it). */
bool lnx_vm_apic_write(struct lnx_vm *vm, u32 vcpu, u32 off, u32 value, u32 size);

/* The console's unfinished line, then the exit histogram summed over the
 * vCPUs (one line), one line per vCPU when there are several and, with a
 * device, vpci's counters (one line). */
void lnx_vm_report(struct lnx_vm *vm);

#endif
