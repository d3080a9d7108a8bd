# SPDX-License-Identifier: GPL-2.0-only
# refgen (host): build/reference.json and the predicted DRTM event log
# (docs/measurements.md, "Reference values"). Included by image/build.mk.
# The pure parts are also linked into the unit tests (tests/unit/test_refgen.c).
REFGEN := build/tools/refgen/refgen
REFGEN_LIB_SRCS := tools/refgen/grubcfg.c tools/refgen/plan.c tools/refgen/json.c
HOST_TESTABLE_SRCS += $(REFGEN_LIB_SRCS)

.SECONDEXPANSION:
$(REFGEN): $(call host_objs,tools/refgen/main.c $(REFGEN_LIB_SRCS) $(COMMON_PLAN_SRCS)) $$(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@
