# SPDX-License-Identifier: GPL-2.0-only
# `parapet attest` (tools/parapet/build.mk links the command): the
# offline attestation verifier (attest/verifier/, docs/attestation.md).
# Host libraries: OpenSSL 3, libtss2-mu, json-c, SQLite (tools/deps.sh).
# The verifier's sources are also linked into the unit tests
# (tests/unit/test_attest*.c) and its fuzz target (tests/fuzz/fuzz_attest.c).
ATTEST_LIB_SRCS := attest/verifier/result.c attest/verifier/bundle.c \
                   attest/verifier/tpm_key.c attest/verifier/key_cache.c attest/verifier/spki.c attest/verifier/signature.c \
                   attest/verifier/pcrfile.c attest/verifier/quote.c \
                   attest/verifier/evlog.c attest/verifier/events.c \
                   attest/verifier/plan.c attest/verifier/reference.c \
                   attest/verifier/state.c attest/verifier/verify.c \
                   attest/verifier/report.c attest/verifier/policy.c
# policy.c reads policy keys with the policy CLI's reader (policy/cli/
# polkey.c: the command and the unit tests have it, policy/build.mk);
# every other program that links ATTEST_LIB_SRCS adds it.
ATTEST_KEY_SRCS := policy/cli/polkey.c
# The online half (online.h): enrollment, challenges, the agent client.
ATTEST_ONLINE_SRCS := attest/verifier/makecred.c attest/verifier/ekcert.c \
                      attest/verifier/hosts.c attest/verifier/cli_common.c \
                      attest/verifier/pcrs_write.c attest/verifier/client.c
# The commands that speak the protocol (its codec: common/attest/, in
# COMMON_HOST_OBJS).
ATTEST_CMD_SRCS := attest/verifier/enroll.c attest/verifier/challenge.c \
                     attest/verifier/serve.c attest/verifier/builtin_keys.c
ATTEST_LDLIBS := -lcrypto -ltss2-mu -ljson-c -lsqlite3
PARAPET_SRCS += attest/verifier/cli.c $(ATTEST_LIB_SRCS) $(ATTEST_ONLINE_SRCS) $(ATTEST_CMD_SRCS)
PARAPET_LDLIBS += $(ATTEST_LDLIBS)

UNIT_ONLY_SRCS += $(ATTEST_LIB_SRCS) $(ATTEST_ONLINE_SRCS) tests/unit/attest_fixture.c
UNIT_LDLIBS += -ltss2-mu -ljson-c -lsqlite3

# The fuzz target of the evidence parsers (tests/fuzz/fuzz_attest.c).
build/fuzz/fuzz_attest: $(patsubst %.c,build/fuzzobj/%.o,$(ATTEST_LIB_SRCS) tests/unit/attest_fixture.c \
                        $(ATTEST_KEY_SRCS))
build/fuzz/fuzz_attest: FUZZ_LDLIBS := $(ATTEST_LDLIBS)

# The agent's PCR values as a PCR file, parsed back (tests/fuzz/fuzz_attest_pcrs.c).
build/fuzz/fuzz_attest_pcrs: $(patsubst %.c,build/fuzzobj/%.o,$(ATTEST_LIB_SRCS) \
                             attest/verifier/pcrs_write.c $(ATTEST_KEY_SRCS))
build/fuzz/fuzz_attest_pcrs: FUZZ_LDLIBS := $(ATTEST_LDLIBS)

# Host check of the command itself (exit statuses, --json, --state) and of
# the file formats against real tpm2-tools and swtpm: tests/attest/check.sh.
ATTEST_MKBUNDLE := build/tests/attest/mkbundle
.SECONDEXPANSION:
$(ATTEST_MKBUNDLE): $(call host_objs,tests/attest/mkbundle.c tests/unit/attest_fixture.c \
                    $(ATTEST_LIB_SRCS) $(ATTEST_KEY_SRCS) $(REFGEN_LIB_SRCS) $(COMMON_PLAN_SRCS)) \
                    $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@ $(ATTEST_LDLIBS)

# Host check of enroll / challenge / serve (tests/attest/host-check.sh):
# our MakeCredential activated by a real swtpm, and the commands against the
# host test agent (build/tests/attest/agent-host) once it exists.
ATTEST_MAKECRED := build/tests/attest/makecred-tool
$(ATTEST_MAKECRED): $(call host_objs,tests/attest/makecred-tool.c $(ATTEST_LIB_SRCS) \
                    $(ATTEST_KEY_SRCS) $(ATTEST_ONLINE_SRCS)) $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@ $(ATTEST_LDLIBS)

# A relay that rewrites the agent's INFO reply (what enrollment refuses).
ATTEST_MITM := build/tests/attest/at-mitm
$(ATTEST_MITM): $(call host_objs,tests/attest/at-mitm.c) $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: attest-host-check
attest-host-check: $(PARAPET_BIN) $(ATTEST_MAKECRED) $(ATTEST_MITM) $(ATTEST_MKBUNDLE) \
                   $$(AGENT_HOST)
	@tests/attest/host-check.sh
test-host: attest-host-check

.PHONY: attest-check
attest-check: $(PARAPET_BIN) $(ATTEST_MKBUNDLE) $(REFGEN)
	@tests/attest/check.sh
test-host: attest-check

# Speed (docs/attestation.md): parapet and attest-bench hash with OpenSSL
# (HASH_HOST_SRCS, common/crypto/sources.mk).
PARAPET_SRCS += $(HASH_HOST_SRCS)
$(PARAPET_BIN): HOST_LDFLAGS += $(HASH_HOST_LDFLAGS)

# `make bench`, attestation part (tests/bench/attest.sh): -O2, no sanitizers,
# compiled in one go from the sources.
ATTEST_BENCH := build/tests/bench/attest-bench
ATTEST_BENCH_SRCS := tests/bench/attest-bench.c tests/unit/attest_fixture.c $(ATTEST_LIB_SRCS) \
                     $(ATTEST_KEY_SRCS) \
                     $(REFGEN_LIB_SRCS) $(COMMON_PLAN_SRCS) $(COMMON_SRCS) $(COMMON_HV_SRCS) \
                     $(HASH_HOST_SRCS)
$(ATTEST_BENCH): $(ATTEST_BENCH_SRCS)
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -g $(WARN) $(INCLUDES) -DPP_HOST=1 $(ATTEST_BENCH_SRCS) -o $@ \
		$(HASH_HOST_LDFLAGS) $(ATTEST_LDLIBS)
