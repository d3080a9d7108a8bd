/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loading a Linux partition (docs/linux-partition.md, "Loading"): the
 * pieces of boot protocol, platform and layout put together. From the
 * measured boot modules (kernel `pd NAME`, initramfs `pd NAME-initrd`,
 * command line `pd NAME-cmdline`) and the policy's RAM and entry, write
 * into the partition's RAM (through ptr, gpa 0 up):
 *
 *   the GDT, stack and identity page tables      layout.c
 *   the command line: the module's bytes, then   here
 *     " " and the hypervisor's own arguments
 *   the ACPI tables at LNX_ACPI_GPA              vacpi.c
 *     (with the TPM's device and TPM2 table when it owns the TPM page,
 *     with the PCI root bridge \_SB.PCI0 when it owns a device)
 *   the zero page with the e820 map              zeropage.c
 *   the protected-mode kernel at its load address, the initramfs
 *
 * and the first vCPU's register state (boot.rst, "64-bit Boot Protocol"):
 * long mode on those tables, CS 0x10, DS/ES/SS 0x18, RIP = load + 0x200,
 * RSI = the zero page, IF clear.
 *
 * Trust: the modules are measured (PCR 19) but their bytes are untrusted;
 * the image is checked by lnx_bzimage_parse, the command line must be
 * printable ASCII (a trailing newline and blanks are dropped). The policy
 * (signed) fixes the entry: the kernel's load address must give exactly
 * the policy's entry, so the policy decides where the partition starts.
 * Every check of the inputs runs before the first byte is written; the
 * builders (vacpi, zero page) write only what they accepted, into the
 * partition's own RAM, so a refusal leaves nothing outside it and the
 * partition does not start. No static buffers: partitions reload on their
 * own CPUs at the same time.
 */
#ifndef PARAPET_HV_LINUX_LOAD_H
#define PARAPET_HV_LINUX_LOAD_H

#include <parapet/err.h>
#include <parapet/types.h>
#include "hypervisor/core/linux/layout.h"
#include "hypervisor/core/linux/vacpi.h"
#include "hypervisor/core/linux/vpci.h"
#include "hypervisor/core/part/boot.h"

#define LNX_EXTRA_MAX 128u /* the hypervisor's own command-line arguments */

struct lnx_load_in {
	const u8 *kernel;
	u64 kernel_len;
	const u8 *initrd; /* NULL with length 0: none */
	u64 initrd_len;
	const u8 *cmdline; /* NULL with length 0: none */
	u64 cmdline_len;
	const char *extra; /* appended after a blank (NUL-terminated); NULL: none */
	u64 ram_size;	   /* the policy's RAM at gpa 0 */
	u64 entry;	   /* the policy's entry */
	u32 cpu_count;
	const u32 *apic_ids; /* physical APIC ID of each vCPU */
	/* The partition owns the TPM's locality-0 page: the DSDT's MSFT0101
	 * and a TPM2 table whose LAML/LASA give an event log of evlog_len
	 * bytes in evlog_size bytes reserved at the top of the RAM (the caller
	 * maps the log's read-only copy there). */
	bool tpm;
	u64 evlog_size; /* page multiple; 0: no log area */
	u32 evlog_len;
	/* The partition's device as vpci shows it (dma_linux_vpci): the DSDT
	 * gets \_SB.PCI0 with one window per BAR (lnx_pci_windows). NULL: no
	 * device, no root bridge. */
	const struct vpci_cfg *pci;
};

struct lnx_load_out {
	struct lnx_bzimage bz;
	struct lnx_layout l;
	struct vacpi_layout acpi;
	u64 cmdline_len; /* what the kernel gets, without its NUL */
};

/*
 * The root bridge's windows for the view cfg: one per implemented BAR, at
 * its fixed address with its size, prefetchable as the BAR (a 64-bit BAR's
 * upper half is no BAR of its own). Linux reassigns a BAR that no window
 * of its bus contains, and vpci never moves one, so each BAR needs exactly
 * its window. PP_ENOTSUP for an I/O BAR (no I/O window: planned; the views
 * built today have memory BARs only).
 */
int lnx_pci_windows(const struct vpci_cfg *cfg, struct vacpi_pci *out, struct pp_err *err);

/* Check everything, then write the partition's RAM through ptr and fill
 * *st. PP_E* with a message naming the module and the rule. */
int lnx_load(const struct lnx_load_in *in, lnx_gpa_ptr_fn ptr, void *ctx, struct lnx_load_out *out,
	     struct part_boot_state *st, struct pp_err *err);

#endif
