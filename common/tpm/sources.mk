# TPM 2.0 command layer (docs/tpm.md): pure, freestanding, host-testable.
# Its transports (TIS, CRB) are device code: common/drivers/sources.mk.
TPM_CMD_SRCS := common/tpm/marshal.c common/tpm/tpm2_core.c common/tpm/tpm2_rc.c \
                common/tpm/tpm2_startup.c common/tpm/tpm2_caps.c common/tpm/tpm2_pcr.c \
                common/tpm/tpm2_pcr_set.c common/tpm/tpm2_random.c
COMMON_SRCS += $(TPM_CMD_SRCS)
# NV storage, policy sessions and the policy rollback floor
# (docs/tpm-nv-floor.md): the hypervisor and host tools only, not the
# size-bound secure loader / MLE (they link COMMON_SRCS).
TPM_NV_SRCS := common/tpm/nv_cmd.c common/tpm/nv_session.c common/tpm/nv_floor.c \
               common/tpm/nv_slots.c
COMMON_HV_SRCS += $(TPM_NV_SRCS)

# The attestation agent's TPM commands (parapet/tpm2_attest.h,
# docs/attest-agent.md): EK, AKs, ActivateCredential, Quote, NV reads.
# Not in COMMON_SRCS (the secure loader has no room) nor COMMON_HV_SRCS (the
# hypervisor does not use them): the guest that runs the agent links this
# list (with TPM_CMD_SRCS and TPM_NV_SRCS); the host tests do too.
TPM_ATTEST_SRCS := common/tpm/attest_key.c common/tpm/attest_nv.c common/tpm/attest_cred.c \
                   common/tpm/attest_quote.c
HOST_TESTABLE_SRCS += $(TPM_ATTEST_SRCS)

# Host program against a private swtpm (tests/tpm/run.sh runs it).
include tests/tpm/build.mk
