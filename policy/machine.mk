# SPDX-License-Identifier: GPL-2.0-only
# The machine a policy is checked against (docs/policy-machine.md): the
# host test of the machine loader and the shared validator on the QEMU
# samples in tests/data/machine/ (tests/policy/machine.sh), through the
# test driver tests/policy/machine-check.c, in test-host.
MACHINE_CHECK := build/tests/policy/machine-check
.SECONDEXPANSION:
$(MACHINE_CHECK): $$(call host_objs,tests/policy/machine-check.c $$(POLICY_HOST_SRCS) \
                  $$(POLICY_COMPILER_SRCS) $$(POLICY_GPT_SRCS)) \
                  $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: policy-machine-check
policy-machine-check: $(MACHINE_CHECK)
	@tests/policy/machine.sh
test-host: policy-machine-check

# The fuzz target of the builder and the text parsers (tests/fuzz/fuzz_policy_machine.c).
build/fuzz/fuzz_policy_machine: build/fuzzobj/policy/cli/machine_text.o
