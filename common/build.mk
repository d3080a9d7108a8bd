# Code shared by the freestanding stages and the host tools.
COMMON_SRCS := common/lib/fmt.c common/lib/err.c common/lib/handoff.c
# Shared by the hypervisor and the host tools but not the secure loader or
# the MLE (their measured images are size-bound: docs/drtm.md): the policy
# format and validator, Ed25519. Appended to by common/<module>/sources.mk.
COMMON_HV_SRCS :=
# Shared by the host tools, unit tests and fuzzers only, never a measured
# image (the attestation codec: its freestanding user, the agent, links
# it itself). Appended to by common/<module>/sources.mk.
COMMON_HOST_SRCS :=
# Further shared modules (crypto, TPM command layer, event log, ...) each
# have a common/<module>/sources.mk that appends to COMMON_SRCS.
include $(sort $(wildcard common/*/sources.mk))
# The DMA fault-log page reader (parapet/faultlog.h, docs/iommu-faults.md).
COMMON_HV_SRCS += common/faultlog/fl_read.c
# Measurement-plan code shared by the secure loader and the host tools
# (refgen, unit tests, fuzzers) only (docs/measurements.md). Not in
# COMMON_SRCS: launch and the hypervisor don't run it, and the hypervisor
# ELF is measured whole (debug info included), so its bytes must not
# depend on it.
COMMON_PLAN_SRCS := common/lib/module_role.c
HOST_TESTABLE_SRCS += $(COMMON_PLAN_SRCS)
# Freestanding builds also need the memory/string routines (hosts use libc).
COMMON_FS_OBJS   := $(call fs_objs,$(COMMON_SRCS) $(COMMON_HV_SRCS) common/lib/string.c)
COMMON_HOST_OBJS := $(call host_objs,$(COMMON_SRCS) $(COMMON_HV_SRCS) $(COMMON_HOST_SRCS))
