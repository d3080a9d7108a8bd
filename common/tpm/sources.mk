# TPM 2.0 command layer (docs/tpm.md): pure, freestanding, host-testable.
# Its transports (TIS, CRB) are device code: common/drivers/sources.mk.
TPM_CMD_SRCS := common/tpm/marshal.c common/tpm/tpm2_core.c common/tpm/tpm2_rc.c \
                common/tpm/tpm2_startup.c common/tpm/tpm2_caps.c common/tpm/tpm2_pcr.c \
                common/tpm/tpm2_pcr_set.c common/tpm/tpm2_random.c
COMMON_SRCS += $(TPM_CMD_SRCS)

# Host program against a private swtpm (tests/tpm/run.sh runs it).
include tests/tpm/build.mk
