# Code shared by the freestanding stages and the host tools.
COMMON_SRCS := common/lib/fmt.c common/lib/err.c common/lib/handoff.c
# Further shared modules (crypto, TPM command layer, event log, ...) each
# have a common/<module>/sources.mk that appends to COMMON_SRCS.
include $(sort $(wildcard common/*/sources.mk))
# Freestanding builds also need the memory/string routines (hosts use libc).
COMMON_FS_OBJS   := $(call fs_objs,$(COMMON_SRCS) common/lib/string.c)
COMMON_HOST_OBJS := $(call host_objs,$(COMMON_SRCS))
