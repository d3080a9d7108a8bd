# launch/fwlog/: the UEFI firmware event log (EFI_TCG2_PROTOCOL.GetEventLog
# before ExitBootServices, Final Events table after it), copied into launch
# memory and handed to the hypervisor (docs/eventlog.md "Firmware log").
# Freestanding only (it calls firmware); the parsing it relies on is
# common/fwlog/ (host-tested).
LAUNCH_FWLOG_SRCS := launch/fwlog/efi_tcg2.c
# launch/build.mk computed LAUNCH_OBJS before including this file.
LAUNCH_SRCS += $(LAUNCH_FWLOG_SRCS)
LAUNCH_OBJS += $(call fs_objs,$(LAUNCH_FWLOG_SRCS))
