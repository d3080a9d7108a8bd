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

# `make bench` (tests/bench/attest-latency.sh): the same command built -O2
# without sanitizers, so a latency measures the work, not ASan's start-up
# (about 0.3 s per process here).
PARAPET_BENCH := build/tests/bench/parapet
$(PARAPET_BENCH): $$(PARAPET_SRCS) $$(COMMON_SRCS) $$(COMMON_HV_SRCS) $$(COMMON_HOST_SRCS)
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -g $(WARN) $(INCLUDES) -DPP_HOST=1 $(filter %.c,$^) -o $@ \
		$(HASH_HOST_LDFLAGS) $(sort $(PARAPET_LDLIBS))
