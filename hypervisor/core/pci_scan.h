/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PCI functions present, read from the ECAM windows the MCFG names
 * (PCI Express Base Specification, 7.2.2 "PCI Express Enhanced
 * Configuration Access Mechanism": function (bus, dev, fn) at
 * base + (bus << 20 | dev << 15 | fn << 12)). What the policy's machine
 * check needs: each function, and each PCI-to-PCI bridge's secondary and
 * subordinate bus (DMAR scopes name paths through bridges).
 */
#ifndef PARAPET_HV_PCI_SCAN_H
#define PARAPET_HV_PCI_SCAN_H

#include <parapet/acpi.h>
#include <parapet/err.h>
#include <parapet/policy_machine.h>

struct pci_scan {
	u32 n_fns, n_bridges;
	struct pp_pol_pci_fn fns[PP_POL_MACHINE_DEVS];
	struct pp_pol_bridge bridges[64];
};

/* Every function of every bus in every MCFG window; PP_ENOMEM past the arrays. */
int pci_scan(const struct acpi_info *a, struct pci_scan *out, struct pp_err *err);

#endif
