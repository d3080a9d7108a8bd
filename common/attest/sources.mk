# The attestation protocol's codec (parapet/attest_proto.h,
# docs/attest-protocol.md): frames, the stream receiver, CRC-32, names.
# Freestanding, shared by the agent (attest/agent/, the service partition)
# and the host (`parapet attest`, tests/attest/, unit tests, fuzzers); not
# linked into the secure loader, the MLE or the hypervisor
# (COMMON_HOST_SRCS: the host objects of common/ only).
ATTEST_PROTO_SRCS := common/attest/frame.c common/attest/rx.c common/attest/crc32.c \
                     common/attest/names.c
COMMON_HOST_SRCS += $(ATTEST_PROTO_SRCS)
