/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The DSDT body of the virtual ACPI platform (vacpi.h), encoded by hand in
 * AML (ACPI 6.5 chapter 20, "ACPI Machine Language (AML) Specification"):
 *
 *   Name (\_S5_, Package (0x04) { 0x05, Zero, Zero, Zero })
 *   Scope (\_SB_) {                                   (with a TPM only)
 *     Device (TPM_) {
 *       Name (_HID, "MSFT0101")
 *       Name (_CRS, ResourceTemplate () {
 *         Memory32Fixed (ReadWrite, 0xFED40000, 0x00001000) })
 *       Method (_STA, 0, NotSerialized) { Return (0x0F) }
 *     }
 *   }
 *
 * \_S5_'s first element is the SLP_TYP the guest writes to the sleep
 * control register to power off (VACPI_S5_SLP_TYP). Pure; the output is
 * fixed for a given `tpm`, so trust questions do not arise.
 */
#ifndef PARAPET_HV_LINUX_VACPI_AML_H
#define PARAPET_HV_LINUX_VACPI_AML_H

#include <parapet/types.h>

/* Room for the whole body (76 bytes with the TPM device). */
#define VACPI_AML_MAX 256u

/*
 * Write the DSDT body (without the 36-byte header) into out[0, cap).
 * Returns its length, or 0 when cap is too small (nothing useful written).
 */
u32 vacpi_dsdt_aml(u8 *out, u32 cap, bool tpm);

/*
 * Encode a PkgLength (20.2.4) for a package whose contents after the
 * PkgLength are `body` bytes: the encoded value counts its own bytes too.
 * Writes 1-4 bytes to out and returns how many, or 0 if the package would
 * exceed 2^28 - 1 bytes.
 */
u32 vacpi_aml_pkglen(u32 body, u8 out[4]);

#endif
