# Device discovery probes (included by hypervisor/build.mk). The ACPI
# table parsers they build on are common (common/acpi/sources.mk).
#  ACPI_SRCS            : host-testable sources (the probes' decision logic
#                         behind a register-read callback); compiled into
#                         the hypervisor, the unit tests and the fuzzers.
#  HV_DRIVER_PROBE_SRCS : freestanding-only glue that reads real MMIO.
ACPI_SRCS := hypervisor/drivers/tpm/tpm_probe.c \
             hypervisor/drivers/iommu/iommu_probe.c
HV_DRIVER_PROBE_SRCS := hypervisor/drivers/iommu/iommu_mmio.c hypervisor/drivers/iommu/iommu_mmio_env.c
