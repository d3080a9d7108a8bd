# ACPI parsers and device discovery probes (included by hypervisor/build.mk).
#  ACPI_SRCS            : host-testable sources (parsers, and the probes'
#                         decision logic behind a register-read callback);
#                         compiled into the hypervisor, the unit tests and
#                         the fuzzers.
#  HV_DRIVER_PROBE_SRCS : freestanding-only glue that reads real MMIO.
ACPI_SRCS := hypervisor/core/acpi/sdt.c hypervisor/core/acpi/rsdp.c \
             hypervisor/core/acpi/madt.c hypervisor/core/acpi/mcfg.c \
             hypervisor/core/acpi/ivrs.c hypervisor/core/acpi/dmar.c \
             hypervisor/core/acpi/tpm2.c \
             hypervisor/drivers/tpm/tpm_probe.c \
             hypervisor/drivers/iommu/iommu_probe.c
HV_DRIVER_PROBE_SRCS := hypervisor/drivers/iommu/iommu_mmio.c
