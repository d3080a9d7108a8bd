# The partition policy (docs/policy.md): model, canonical binary, validator.
# One copy, compiled into the hypervisor and the host tools (parapet).
POLICY_SRCS := common/policy/sort.c common/policy/bin_read.c common/policy/bin_write.c \
               common/policy/rules.c \
               common/policy/validate.c common/policy/validate_mem.c \
               common/policy/validate_res.c common/policy/validate_chan.c \
               common/policy/validate_linux.c \
               common/policy/validate_machine.c common/policy/signed.c \
               common/policy/load_signed.c common/policy/machine.c \
               common/policy/machine_scope.c common/policy/slots.c
COMMON_HV_SRCS += $(POLICY_SRCS)
