# TPM 2.0 command layer (docs/tpm.md): pure, freestanding, host-testable.
TPM_CMD_SRCS := common/tpm/marshal.c common/tpm/tpm2_core.c common/tpm/tpm2_rc.c \
                common/tpm/tpm2_startup.c common/tpm/tpm2_caps.c common/tpm/tpm2_pcr.c \
                common/tpm/tpm2_random.c
# The TIS (FIFO) and CRB MMIO transports. They live with the hypervisor's
# drivers but are shared: launch/ (the secure loader extends at locality 2)
# and the hypervisor both link them, and the unit tests drive them through
# a fake register model. Register access is injected, so they are pure too.
TPM_MMIO_SRCS := hypervisor/drivers/tpm/tis.c hypervisor/drivers/tpm/crb.c \
                 hypervisor/drivers/tpm/tpm_xport.c
COMMON_SRCS += $(TPM_CMD_SRCS) $(TPM_MMIO_SRCS)

# Host program against a private swtpm (tests/tpm/run.sh runs it).
include tests/tpm/build.mk
