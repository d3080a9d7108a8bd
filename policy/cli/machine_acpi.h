/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ACPI tables of a machine directory (policy/cli/machine_acpi.c):
 * the `acpidump -b` files read, checked one by one, and parsed together
 * by acpi_parse exactly as the hypervisor parses its copies.
 */
#ifndef PARAPET_POLICY_CLI_MACHINE_ACPI_H
#define PARAPET_POLICY_CLI_MACHINE_ACPI_H

#include <stddef.h>
#include <parapet/acpi.h>

#define POL_M_ACPI_FILES 80u

struct pol_m_table {
	char *name; /* file name inside the directory */
	u8 *data;
	u32 len;
};

struct pol_m_acpi {
	u32 n;
	struct pol_m_table t[POL_M_ACPI_FILES];
	struct acpi_info info;
	const struct pol_m_table *oem;	 /* XSDT, else RSDT, else FACP, else the first file */
	const struct pol_m_table *iommu; /* DMAR or IVRS, or NULL */
};

/* Read DIR's *.dat files into *a; 0, or -1 with msg naming the file. */
int pol_m_acpi_load(const char *dir, struct pol_m_acpi *a, char *msg, size_t msglen);
void pol_m_acpi_free(struct pol_m_acpi *a);

#endif
