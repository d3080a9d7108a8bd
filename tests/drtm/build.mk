# The emulated-DRTM harness (host program; docs/drtm.md "Emulated DRTM"):
# swtpm control/data proxy, QMP client, the CPU's part of SKINIT.
# tools/qemu-args.sh starts it for every TPM run (DRTM=emulated, default).
# Included from launch/drtm/sources.mk; `make all` builds it.
DRTM_HARNESS      := build/tests/drtm/drtm-harness
DRTM_HARNESS_SRCS := tests/drtm/drtm-harness.c tests/drtm/io.c tests/drtm/proxy.c \
                     tests/drtm/qmp.c tests/drtm/swtpm_ctrl.c tests/drtm/proto.c \
                     launch/drtm/skinit.c
# The request parser is pure: unit-tested (tests/unit/test_drtm_harness.c).
HOST_TESTABLE_SRCS += tests/drtm/proto.c

# COMMON_HOST_OBJS (the TPM command layer, fmt, err, hashes) is complete
# here: common/build.mk is included before launch/build.mk.
$(DRTM_HARNESS): $(call host_objs,$(DRTM_HARNESS_SRCS)) $(COMMON_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -lcrypto -o $@

.PHONY: drtm-harness
drtm-harness: $(DRTM_HARNESS)
all: $(DRTM_HARNESS)
