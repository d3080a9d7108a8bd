# Host test of the TPM 2.0 command layer against a private swtpm
# (tests/tpm/run.sh starts swtpm and runs the program; docs/tpm.md).
# Included from common/tpm/sources.mk, i.e. while COMMON_SRCS is still being
# assembled: the objects are listed explicitly rather than via
# COMMON_HOST_OBJS (defined later).
TPM_HOST_TEST      := build/tests/tpm/tpm-host-test
TPM_HOST_TEST_SRCS := tests/tpm/tpm-host-test.c tests/tpm/swtpm_xport.c \
                      $(TPM_CMD_SRCS) common/lib/fmt.c common/lib/err.c \
                      $(filter-out $(HASH_HOST_SRCS),$(wildcard common/crypto/*.c)) common/eventlog/alg.c

$(TPM_HOST_TEST): $(call host_objs,$(TPM_HOST_TEST_SRCS))
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -lcrypto -o $@

.PHONY: tpm-host-test test-tpm
tpm-host-test: $(TPM_HOST_TEST)
test-tpm: $(TPM_HOST_TEST)
	@tests/tpm/run.sh $(TPM_HOST_TEST)

# The NV rollback floor against a private swtpm (tests/tpm/nv-run.sh,
# docs/tpm-nv-floor.md). TPM_NV_SRCS is defined before this file is included.
NV_FLOOR_TEST      := build/tests/tpm/nv-floor-test
NV_FLOOR_TEST_SRCS := tests/tpm/nv-floor-test.c tests/tpm/swtpm_xport.c \
                      $(TPM_CMD_SRCS) $(TPM_NV_SRCS) common/lib/fmt.c common/lib/err.c \
                      $(filter-out $(HASH_HOST_SRCS),$(wildcard common/crypto/*.c)) common/eventlog/alg.c

$(NV_FLOOR_TEST): $(call host_objs,$(NV_FLOOR_TEST_SRCS))
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: nv-floor-test test-tpm-nv
nv-floor-test: $(NV_FLOOR_TEST)
test-tpm-nv: $(NV_FLOOR_TEST)
	@tests/tpm/nv-run.sh $(NV_FLOOR_TEST)
test-host: test-tpm-nv

# Provisioning of the floor on a swtpm state (tests/tpm/nvfloor-provision.sh;
# tools/run.sh runs it on make run's TPM). Part of `all`, so make run has it.
NVFLOOR_PROVISION      := build/tests/tpm/nvfloor-provision
NVFLOOR_PROVISION_SRCS := tests/tpm/nvfloor-provision.c tests/tpm/swtpm_xport.c \
                          $(TPM_CMD_SRCS) $(TPM_NV_SRCS) common/lib/fmt.c common/lib/err.c \
                          $(filter-out $(HASH_HOST_SRCS),$(wildcard common/crypto/*.c)) common/eventlog/alg.c

$(NVFLOOR_PROVISION): $(call host_objs,$(NVFLOOR_PROVISION_SRCS))
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: nvfloor-provision
nvfloor-provision: $(NVFLOOR_PROVISION)
all: $(NVFLOOR_PROVISION)

# The attestation agent's TPM commands against a private swtpm with an EK
# certificate (tests/tpm/attest-run.sh, docs/attest-agent.md).
ATTEST_TPM_TEST      := build/tests/tpm/attest-tpm-test
ATTEST_TPM_TEST_SRCS := tests/tpm/attest-tpm-test.c tests/tpm/swtpm_xport.c \
                        $(TPM_CMD_SRCS) $(TPM_NV_SRCS) $(TPM_ATTEST_SRCS) common/lib/fmt.c \
                        common/lib/err.c $(filter-out $(HASH_HOST_SRCS),$(wildcard common/crypto/*.c)) common/eventlog/alg.c

$(ATTEST_TPM_TEST): $(call host_objs,$(ATTEST_TPM_TEST_SRCS))
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -lcrypto -o $@

.PHONY: attest-tpm-test test-tpm-attest
attest-tpm-test: $(ATTEST_TPM_TEST)
test-tpm-attest: $(ATTEST_TPM_TEST)
	@tests/tpm/attest-run.sh $(ATTEST_TPM_TEST)
test-host: test-tpm-attest
