/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtual ACPI platform of a Linux partition: a hardware-reduced ACPI PC
 * (docs/linux-partition.md, "Virtual ACPI platform").
 *
 * vacpi_build writes, into a caller-given buffer that the partition will see
 * at guest-physical address `base`, the tables an unmodified Linux needs:
 * RSDP (revision 2) -> XSDT -> FADT (revision 6, HW_REDUCED_ACPI), DSDT
 * (\_S5 for poweroff, \_SB.COM1, \_SB.TPM_ "MSFT0101" with a TPM, and
 * \_SB.PCI0, a PNP0A03 root bridge, with an assigned device: bus 0 only,
 * the conf1 ports and one memory window per BAR), MADT (one Local APIC entry per
 * vCPU with the partition's physical APIC IDs) and, with a TPM, the TPM2
 * table (start method 6, FIFO/TIS; LAML/LASA at a read-only log copy).
 * Every pointer inside the tables is a guest-physical address.
 *
 * Trust: the parameters come from the hypervisor (the validated policy and
 * its own CPU inventory), not from the guest; they are still checked, and a
 * refusal writes nothing to the buffer. The guest only ever reads the
 * result. Pure code, no allocation; host tested (tests/unit/test_vacpi.c).
 */
#ifndef PARAPET_HV_LINUX_VACPI_H
#define PARAPET_HV_LINUX_VACPI_H

#include <parapet/err.h>
#include <parapet/types.h>

/* Most vCPUs: the hypervisor's own MADT parser takes 64 (ACPI_MAX_CPUS). */
#define VACPI_MAX_CPUS 64u
/* A type-0 MADT entry holds an 8-bit APIC ID; 0xFF is the broadcast ID. */
#define VACPI_MAX_APIC_ID 0xFEu

/* Reset (FADT RESET_REG): SystemIO port 0xCF9, value 0x06 (hard reset). */
#define VACPI_RESET_PORT 0xCF9u
#define VACPI_RESET_VALUE 0x06u
/*
 * Sleep control / status registers (ACPI 6.5 section 4.8.3.7): SystemIO
 * byte ports chosen by Parapet, unused by PC hardware; the hypervisor traps
 * them. Poweroff is a write of SLP_EN (bit 5) | SLP_TYP << 2 with SLP_TYP =
 * VACPI_S5_SLP_TYP (from \_S5), i.e. 0x34, to the control port.
 */
#define VACPI_SLEEP_CTL_PORT 0x0B00u
#define VACPI_SLEEP_STS_PORT 0x0B01u
#define VACPI_S5_SLP_TYP 5u
#define VACPI_SLEEP_SLP_EN 0x20u
#define VACPI_SLEEP_SLP_TYP_SHIFT 2u
/* The byte a guest writes to VACPI_SLEEP_CTL_PORT to power off: 0x34. */
#define VACPI_SLEEP_POWEROFF (VACPI_SLEEP_SLP_EN | VACPI_S5_SLP_TYP << VACPI_SLEEP_SLP_TYP_SHIFT)

/* The console UART (vports.h VPORTS_UART_BASE): \_SB.COM1, no interrupt. */
#define VACPI_COM1_BASE 0x3F8u
#define VACPI_COM1_LEN 8u

/* The TPM's locality-0 page (TCG PC Client PTP, FIFO interface). */
#define VACPI_TPM_BASE 0xFED40000u
#define VACPI_TPM_LEN 0x1000u

#define VACPI_DEFAULT_LAPIC 0xFEE00000u

/*
 * The PCI root bridge \_SB.PCI0 (vacpi_aml.h): one memory window per BAR of
 * the partition's device as vpci shows it (gpa == hpa). Linux claims a BAR
 * only inside a window of its root bus and reassigns one outside every
 * window (drivers/pci/setup-res.c); vpci never moves a BAR, so each BAR gets
 * exactly its own window. A device's six BAR registers give at most six.
 */
#define VACPI_PCI_MAX_WIN 6u

struct vacpi_pci_win {
	u64 base, size; /* [base, base + size): size > 0, no wrap */
	bool prefetch;	/* the BAR is prefetchable: a prefetchable window */
};

struct vacpi_pci {
	u32 nwin; /* 0..VACPI_PCI_MAX_WIN, disjoint windows */
	struct vacpi_pci_win win[VACPI_PCI_MAX_WIN];
};

struct vacpi_params {
	gpa_t base;		     /* guest-physical address of buf[0]; 16-byte aligned */
	u32 cpu_count;		     /* 1..VACPI_MAX_CPUS */
	const u32 *apic_ids;	     /* physical APIC ID of vCPU i (distinct, <= 0xFE) */
	u32 lapic_base;		     /* MADT local APIC address: non-zero, page aligned */
	bool tpm;		     /* add the TPM2 table and \_SB.TPM_ */
	gpa_t tpm_log;		     /* LASA: the read-only event log copy (0: none) */
	u32 tpm_log_len;	     /* LAML (0 with tpm_log 0) */
	const struct vacpi_pci *pci; /* \_SB.PCI0 and its windows; NULL: no device, no bridge */
};

/* Where each table went (guest-physical; tpm2 is 0 without a TPM). */
struct vacpi_layout {
	gpa_t rsdp, xsdt, fadt, dsdt, madt, tpm2;
	u32 rsdp_off; /* offset of the RSDP in buf (0): zero-page acpi_rsdp_addr = rsdp */
	u32 size;     /* bytes of buf used, from 0 */
};

/* Bytes vacpi_build needs for cpu_count vCPUs, with or without a TPM, with
 * the root bridge `pci` (NULL: none); 0 when cpu_count is 0 or above
 * VACPI_MAX_CPUS, or pci has more than VACPI_PCI_MAX_WIN windows
 * (vacpi_build refuses both). */
u32 vacpi_size(u32 cpu_count, bool tpm, const struct vacpi_pci *pci);

/*
 * Build the tables into buf[0, buf_len). Returns 0 and fills *out, or a
 * PP_E* code with err->msg saying what was refused and why (ENOMEM: buffer
 * too small; ERANGE: too many vCPUs, APIC ID or address out of range;
 * EINVAL: bad alignment, duplicate APIC ID, inconsistent log area, an
 * empty PCI window; ERANGE also: too many PCI windows, a window that wraps;
 * EOVERLAP: log area over the tables, two PCI windows that overlap). On
 * failure buf and *out are not
 * written.
 */
int vacpi_build(u8 *buf, u32 buf_len, const struct vacpi_params *p, struct vacpi_layout *out,
		struct pp_err *err);

#endif
