/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The DSDT body of the virtual ACPI platform (vacpi.h), encoded by hand in
 * AML (ACPI 6.5 chapter 20, "ACPI Machine Language (AML) Specification"):
 *
 *   Name (\_S5_, Package (0x04) { 0x05, Zero, Zero, Zero })
 *   Scope (\_SB_) {
 *     Device (COM1) {
 *       Name (_HID, "PNP0501")
 *       Name (_UID, One)
 *       Name (_CRS, ResourceTemplate () { IO (Decode16, 0x03F8, 0x03F8, 0x01, 0x08) })
 *       Method (_STA, 0, NotSerialized) { Return (0x0F) }
 *     }
 *   }
 *   Scope (\_SB_) {                                   (with a TPM only)
 *     Device (TPM_) {
 *       Name (_HID, "MSFT0101")
 *       Name (_CRS, ResourceTemplate () {
 *         Memory32Fixed (ReadWrite, 0xFED40000, 0x00001000) })
 *       Method (_STA, 0, NotSerialized) { Return (0x0F) }
 *     }
 *   }
 *   Scope (\_SB_) {                                   (with a device only)
 *     Device (PCI0) {
 *       Name (_HID, EisaId ("PNP0A03"))
 *       Name (_UID, Zero)
 *       Name (_SEG, Zero)
 *       Name (_BBN, Zero)
 *       Name (_CRS, ResourceTemplate () {
 *         WordBusNumber (ResourceProducer, MinFixed, MaxFixed, PosDecode,
 *                        0x0000, 0x0000, 0x0000, 0x0000, 0x0001)
 *         IO (Decode16, 0x0CF8, 0x0CF8, 0x01, 0x08)
 *         QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed,
 *                      NonCacheable or Prefetchable, ReadWrite, 0x0,
 *                      base, base + size - 1, 0x0, size)   (one per window)
 *       })
 *       Method (_STA, 0, NotSerialized) { Return (0x0F) }
 *     }
 *   }
 *
 * PCI0 has no _OSC (Linux then keeps the PCIe features' native control
 * off: nothing here would use it) and no _PRT (no INTx: the device is
 * used with MSI or MSI-X only, its Interrupt Pin reads 0 through vpci).
 *
 * \_S5_'s first element is the SLP_TYP the guest writes to the sleep
 * control register to power off (VACPI_S5_SLP_TYP). Pure; the output is
 * fixed for a given `tpm`, so trust questions do not arise.
 */
#ifndef PARAPET_HV_LINUX_VACPI_AML_H
#define PARAPET_HV_LINUX_VACPI_AML_H

#include <parapet/types.h>

#include "hypervisor/core/linux/vacpi.h"

/* Room for the whole body: 139 bytes with the UART and the TPM, 506 with a
 * root bridge of VACPI_PCI_MAX_WIN windows too (test vacpi_dsdt_aml_max). */
#define VACPI_AML_MAX 640u

/*
 * Write the DSDT body (without the 36-byte header) into out[0, cap), with
 * \_SB.PCI0 when pci is not NULL. Returns its length, or 0 when cap is too
 * small or pci has more than VACPI_PCI_MAX_WIN windows (nothing useful
 * written). The windows are encoded as given (vacpi_build checks them).
 */
u32 vacpi_dsdt_aml(u8 *out, u32 cap, bool tpm, const struct vacpi_pci *pci);

/*
 * EISAID("ABCnnnn") (ACPI 6.5 section 19.6.35): three upper-case letters,
 * 5 bits each ('A' = 1) in bits 14:0 of a big-endian word, then four
 * upper-case hex digits as a big-endian word; the 4 bytes read as a
 * little-endian DWORD. "PNP0A03" gives 0x030AD041. Returns 0 for a string
 * of another shape.
 */
u32 vacpi_aml_eisaid(const char *id);

/*
 * Encode a PkgLength (20.2.4) for a package whose contents after the
 * PkgLength are `body` bytes: the encoded value counts its own bytes too.
 * Writes 1-4 bytes to out and returns how many, or 0 if the package would
 * exceed 2^28 - 1 bytes.
 */
u32 vacpi_aml_pkglen(u32 body, u8 out[4]);

#endif
