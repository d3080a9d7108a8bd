# SPDX-License-Identifier: GPL-2.0-only
# Host check of `parapet policy sign | verify` (tests/policy/sign.sh) on
# the unit tests' fixture policy, written by tests/policy/mkpolicy.c.
POLICY_MKPOLICY := build/tests/policy/mkpolicy
$(POLICY_MKPOLICY): $(call host_objs,tests/policy/mkpolicy.c) $(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: policy-sign-check
policy-sign-check: $(PARAPET_BIN) $(POLICY_MKPOLICY) $(HV_ELF) keys
	@tests/policy/sign.sh
test-host: policy-sign-check

# `make bench`, signed-policy part: Ed25519 verification + pp_policy_read +
# pp_policy_validate from the hypervisor's own objects (build/fs/, -O2)
# against OpenSSL's verification (tests/bench/ed25519-bench.c), on the
# compiled default appliance policy (ED25519_BENCH_POLICY).
ED25519_BENCH := build/tests/bench/ed25519-bench
ED25519_BENCH_POLICY := $(POLICY_APPLIANCE_BIN)
ED25519_BENCH_OBJS := $(call fs_objs,$(ED25519_SRCS) $(POLICY_SRCS) common/crypto/sha256.c \
                                     common/crypto/sha512.c common/crypto/wipe.c \
                                     common/lib/err.c common/lib/fmt.c $(ACPI_WALK_SRCS) \
                                     $(ACPI_PARSE_SRCS))
$(ED25519_BENCH): tests/bench/ed25519-bench.c $(ED25519_BENCH_OBJS) tests/unit/policy_fixture.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -g $(WARN) $(INCLUDES) -DPP_HOST=1 -no-pie \
		$(filter-out %.h,$^) -o $@ -lcrypto

# The Ed25519 fuzz target compares with OpenSSL (tests/fuzz/fuzz_ed25519.c).
build/fuzz/fuzz_ed25519: FUZZ_LDLIBS := -lcrypto
