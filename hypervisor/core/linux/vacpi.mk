# The virtual ACPI platform of a Linux partition (hypervisor/core/linux/vacpi.h,
# docs/linux-partition.md "Virtual ACPI platform"; included by
# hypervisor/build.mk). Pure and host tested (tests/unit/test_vacpi.c); not
# linked into the hypervisor until the Linux-partition integration (planned).
HV_VACPI_SRCS := hypervisor/core/linux/vacpi.c hypervisor/core/linux/vacpi_aml.c
