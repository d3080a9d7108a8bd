# SPDX-License-Identifier: GPL-2.0-only
# Host check of `parapet policy sign | verify` (tests/policy/sign.sh) on
# the unit tests' fixture policy, written by tests/policy/mkpolicy.c.
POLICY_MKPOLICY := build/tests/policy/mkpolicy
$(POLICY_MKPOLICY): $(call host_objs,tests/policy/mkpolicy.c) $(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: policy-sign-check
policy-sign-check: $(PARAPET_BIN) $(POLICY_MKPOLICY) keys
	@tests/policy/sign.sh
test-host: policy-sign-check
