# SPDX-License-Identifier: GPL-2.0-only
# The host command `parapet` (tools/parapet/: the subcommand dispatch).
# Each command's fragment appends its sources to PARAPET_SRCS and its
# libraries to PARAPET_LDLIBS: attest/verifier/build.mk, policy/build.mk.
PARAPET_BIN := build/bin/parapet
PARAPET_SRCS := tools/parapet/main.c tools/parapet/dispatch.c
PARAPET_LDLIBS :=

.SECONDEXPANSION:
$(PARAPET_BIN): $$(call host_objs,$$(PARAPET_SRCS)) $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@ $(sort $(PARAPET_LDLIBS))

.PHONY: parapet
parapet: $(PARAPET_BIN)
