# The xAPIC write filter of a Linux partition (hypervisor/core/linux/vapic.h,
# docs/linux-partition.md "xAPIC writes"; included by hypervisor/build.mk).
# Pure and host tested (tests/unit/test_vapic.c, tests/fuzz/fuzz_vapic.c);
# not linked into the hypervisor until the NPF wiring (planned).
HV_VAPIC_SRCS := hypervisor/core/linux/vapic.c hypervisor/core/linux/vapic_icr.c
HOST_TESTABLE_SRCS += $(HV_VAPIC_SRCS)
