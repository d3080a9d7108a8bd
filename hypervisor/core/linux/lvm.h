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
 * only carries out their decisions on the partition's own core.
 */
#ifndef PARAPET_HV_LINUX_LVM_H
#define PARAPET_HV_LINUX_LVM_H

#include <parapet/err.h>
#include <parapet/types.h>
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

struct lnx_vm {
	const char *name;
	struct vcpuid cpuid;
	struct vmsr_vcpu msr;
	struct vports ports;
	struct vapic_part apic;
	bool has_pci;	 /* an assigned device: pci serves 0xCF8-0xCFF */
	struct vpci pci; /* its configuration space (lnx_vm_pci_init) */
	u64 x[LNX_X_COUNT];
	u64 msr_gp;	  /* RDMSR/WRMSR answered with #GP */
	u64 apic_refused; /* xAPIC writes refused by the filter */
	u32 line_len;
	char line[LNX_LINE_MAX + 1];
};

/* Power-on state of a partition with one vCPU on the core with physical
 * APIC ID apic_id. PP_E* when a module refuses its parameters. */
int lnx_vm_init(struct lnx_vm *vm, const char *name, u32 apic_id, u32 tsc_khz, u8 phys_bits,
		struct pp_err *err);

/* Its PCI configuration space (after lnx_vm_init, which leaves none):
 * vpci_init of cfg; PP_E* when vpci refuses it. */
int lnx_vm_pci_init(struct lnx_vm *vm, const struct vpci_cfg *cfg, struct pp_err *err);

/* Port access (IOIO exit): what vports (or vpci) decided, counted by group. */
enum vports_action lnx_vm_io(struct lnx_vm *vm, u16 port, u8 size, bool in, u32 *val);

/* A decoded xAPIC write of `size` bytes at page offset `off`: filtered,
 * then made on the local APIC. True when it was carried out or dropped
 * harmlessly, false when the filter refused it (the guest continues either
 * way: a refused write has no effect, as on a register that ignores it). */
bool lnx_vm_apic_write(struct lnx_vm *vm, u32 off, u32 value, u32 size);

/* The console's unfinished line, then the exit histogram (one line) and,
 * with a device, vpci's counters (one line). */
void lnx_vm_report(struct lnx_vm *vm);

#endif
