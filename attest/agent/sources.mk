# SPDX-License-Identifier: GPL-2.0-only
# The attestation agent's core (attest/agent/agent.h, docs/attest-agent.md):
# freestanding, linked by the service partition's guest program with the
# codec (ATTEST_PROTO_SRCS), the TPM command layer (TPM_CMD_SRCS,
# TPM_NV_SRCS, TPM_ATTEST_SRCS), the event-log parser and the hashes; and
# by the host tests (tests/attest/agent-host, the unit tests).
ATTEST_AGENT_SRCS := attest/agent/agent.c attest/agent/agent_req.c attest/agent/agent_policy.c \
                     attest/agent/agent_flush.c
HOST_TESTABLE_SRCS += $(ATTEST_AGENT_SRCS)

# Stack use stays small (agent.h: no large frames; the guest's stack is
# small): every freestanding object of the agent and the codec is compiled
# with a per-function frame limit. `make attest-agent-fs` builds them.
ATTEST_AGENT_FS_OBJS := $(call fs_objs,$(ATTEST_AGENT_SRCS) $(ATTEST_PROTO_SRCS))
$(ATTEST_AGENT_FS_OBJS): FS_CFLAGS += -Wframe-larger-than=1024 -Wstack-usage=1024
.PHONY: attest-agent-fs
attest-agent-fs: $(ATTEST_AGENT_FS_OBJS)
include tests/attest/agent.mk
