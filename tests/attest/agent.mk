# SPDX-License-Identifier: GPL-2.0-only
# The attestation agent on the host (docs/attest-agent.md, "On the host"):
# agent-host serves the protocol from the agent core against a private
# swtpm on a Unix socket; at-client is the tests' client;
# tests/attest/agent-check.sh drives both (`make agent-check`, in test-host).
AGENT_HOST := build/tests/attest/agent-host
AT_CLIENT := build/tests/attest/at-client
AGENT_HOST_SRCS := tests/attest/agent-host.c tests/tpm/swtpm_xport.c $(ATTEST_AGENT_SRCS) \
                   $(TPM_ATTEST_SRCS)
AT_CLIENT_SRCS := tests/attest/at-client.c $(TPM_ATTEST_SRCS)

.SECONDEXPANSION:
$(AGENT_HOST): $(call host_objs,$(AGENT_HOST_SRCS)) $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

$(AT_CLIENT): $(call host_objs,$(AT_CLIENT_SRCS)) $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: agent-check
agent-check: $(AGENT_HOST) $(AT_CLIENT)
	@tests/attest/agent-check.sh
test-host: agent-check
