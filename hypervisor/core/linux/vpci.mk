# PCI configuration space of a Linux partition: conf1, the filter for an
# assigned endpoint and its VT-d MSI shadow, and the MSI judge (vpci.h, vmsi.h; docs/linux-partition.md
# "PCI configuration space"; included by hypervisor/build.mk). Pure and host
# tested (tests/unit/test_vpci.c, tests/fuzz/fuzz_vpci.c); in the hypervisor
# for a Linux partition that owns a device (core/linux/lvm.c).
HV_VPCI_SRCS := hypervisor/core/linux/vpci.c hypervisor/core/linux/vmsi.c
HOST_TESTABLE_SRCS += $(HV_VPCI_SRCS)
