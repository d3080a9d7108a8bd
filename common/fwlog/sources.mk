# Firmware event-log hand-over (docs/eventlog.md "Firmware log"): where a
# firmware log ends, the EFI Final Events table. Pure, host-tested
# (tests/unit/test_fwlog.c), linked into launch and the hypervisor.
FWLOG_SRCS := common/fwlog/walk.c
COMMON_SRCS += $(FWLOG_SRCS)

# Host decoder of the `export-logs` console output (tests/evlog-export/).
include tests/evlog-export/build.mk
