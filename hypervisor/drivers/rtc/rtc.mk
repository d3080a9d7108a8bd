# The host's CMOS clock (hypervisor/drivers/rtc/cmos.h) and the calendar
# (hypervisor/lib/civil.h); included by hypervisor/build.mk. The decoder
# and the calendar are pure and host-tested (tests/unit/test_cmos_time.c,
# tests/fuzz/fuzz_cmos_time.c); cmos.c does the port I/O.
HV_RTC_PURE_SRCS := hypervisor/lib/civil.c hypervisor/drivers/rtc/cmos_time.c
HV_RTC_SRCS := $(HV_RTC_PURE_SRCS) hypervisor/drivers/rtc/cmos.c
HOST_TESTABLE_SRCS += $(HV_RTC_PURE_SRCS)
