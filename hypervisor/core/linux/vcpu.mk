# The CPUID filter and MSR policy of a Linux partition
# (hypervisor/core/linux/vcpuid.h, vmsr.h; docs/linux-partition.md "CPUID
# and MSRs"; included by hypervisor/build.mk). Pure and host tested
# (tests/unit/test_vcpuid.c, test_vmsr.c); not linked into the hypervisor
# until the Linux-partition integration wires them into the SVM exit
# handler (planned).
HV_VCPU_SRCS := hypervisor/core/linux/vcpuid.c hypervisor/core/linux/vmsr.c
HOST_TESTABLE_SRCS += $(HV_VCPU_SRCS)
