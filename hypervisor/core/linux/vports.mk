# The port-I/O platform of a Linux partition (hypervisor/core/linux/vports.h,
# docs/linux-partition.md "Port I/O"; included by hypervisor/build.mk). Pure
# and host tested (tests/unit/test_vports.c, tests/fuzz/fuzz_vports.c); not
# linked into the hypervisor until the Linux-partition integration (planned).
HV_VPORTS_SRCS := hypervisor/core/linux/vports.c hypervisor/core/linux/vports_uart.c \
	hypervisor/core/linux/vports_rtc.c
HOST_TESTABLE_SRCS += $(HV_VPORTS_SRCS)
