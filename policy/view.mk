# SPDX-License-Identifier: GPL-2.0-only
# `make policy-view-check` (part of `make test-host`): `parapet policy diff`
# and `parapet policy map` as commands (tests/policy/view.sh), on policy
# binaries written by build/tests/policy/mkview from the unit tests'
# fixtures (docs/policy-diff-map.md).
POLICY_MKVIEW := build/tests/policy/mkview
.SECONDEXPANSION:
$(POLICY_MKVIEW): $(call host_objs,tests/policy/mkview.c policy/cli/file.c) $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: policy-view-check
policy-view-check: $(PARAPET_BIN) $(POLICY_MKVIEW)
	@tests/policy/view.sh
test-host: policy-view-check

# The fuzz target of diff and map (tests/fuzz/fuzz_policy_diff.c).
build/fuzz/fuzz_policy_diff: $(patsubst %.c,build/fuzzobj/%.o,$(filter policy/cli/diff% \
                             policy/cli/map% policy/cli/svg.c policy/cli/units.c,$(POLICY_HOST_SRCS)))
