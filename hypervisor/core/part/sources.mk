# Partitions from the policy, the pure parts (docs/partitions.md; included
# by hypervisor/build.mk): memory plan, NPT, image loading, long64 boot
# state. Host-testable: compiled into the hypervisor and the unit tests.
# The ELF loader reuses launch/elf.c (already host-testable through launch).
HV_PART_SRCS := hypervisor/core/part/plan.c \
                hypervisor/core/part/boot_area.c \
                hypervisor/core/part/boot.c \
                hypervisor/core/part/npt.c \
                hypervisor/core/part/tpm_hold.c \
                hypervisor/core/part/image.c
HV_PART_FS_SRCS := $(HV_PART_SRCS) launch/elf.c
