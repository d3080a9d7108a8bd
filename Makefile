# Parapet: top-level Makefile. `make run` and `make test` are the two
# commands a user needs; both install missing Debian packages first
# (as root) or print the exact apt-get line (otherwise).
#
# Each directory contributes a fragment (*/build.mk) that defines its
# outputs; this file only wires the user-facing targets together.

SHELL := /bin/bash
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:

include mk/flags.mk
include keys/build.mk
include common/build.mk
include launch/build.mk
include hypervisor/build.mk
include tests/null/build.mk
include image/build.mk
include tools/parapet/build.mk
include attest/verifier/build.mk
include attest/agent/sources.mk
include policy/build.mk
include image/linux.mk
include guest/build.mk
include tests/unit/build.mk
include tests/fuzz/build.mk
include tests/policy/build.mk
include tests/pt/build.mk

# Knobs for `make run` (documented in README.md and docs/running.md).
FIRMWARE ?= uefi
IOMMU    ?= amd
CPUS     ?= 4
MEM      ?= 1G
TPM      ?= tis
DRTM     ?= emulated
TPMBANKS ?= sha256

.PHONY: all deps deps-quiet run test test-unit test-host test-qemu bench bench-linux image cet-check lint lint-format format clean

all: $(LAUNCH_ELF) $(HV_ELF) $(IMG) $(ISO) $(PARAPET_BIN)

deps:
	@tools/deps.sh
	@tools/linux-kit.sh fetch

image: deps-quiet $(IMG) $(ISO)

deps-quiet:
	@tools/deps.sh

# CET=1 boots the CET media under build/cet/ (docs/hypervisor.md, "CET").
RUN_CET_MEDIA = $(if $(filter 1,$(CET)),RUN_MEDIA=$(if $(filter bios,$(FIRMWARE)),$(ISO),$(IMG)))

# POLICY=FILE (e.g. policy/linux.pol) boots build/linux/parapet.img, the
# Linux kit's media with that policy (image/linux.mk, docs/linux-partition.md).
RUN_LINUX_MEDIA = $(if $(POLICY),RUN_MEDIA=$(LINUX_IMG) RUN_REFERENCE=$(LINUX_REF_JSON))

run: deps-quiet
	@$(MAKE) --no-print-directory all $(if $(POLICY),linux-image)
	@FIRMWARE=$(FIRMWARE) IOMMU=$(IOMMU) CPUS=$(CPUS) MEM=$(MEM) TPM=$(TPM) DRTM=$(DRTM) \
		TPMBANKS=$(TPMBANKS) $(RUN_CET_MEDIA) $(RUN_LINUX_MEDIA) tools/run.sh

test: deps-quiet
	@$(MAKE) --no-print-directory lint-format
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@$(MAKE) --no-print-directory test-unit
	@$(MAKE) --no-print-directory cet-check
	@$(MAKE) --no-print-directory fuzz-smoke
	@$(MAKE) --no-print-directory test-host
	@$(MAKE) --no-print-directory test-qemu

# Host tests that drive real tools or processes (tpm2_eventlog, swtpm).
test-host: eventlog-crosscheck test-tpm x86dec-check

test-unit: $(UNIT_BIN)
	@$(UNIT_BIN)

# The CET case (tests/qemu/cases/uefi-cet-img.sh) boots build/cet/parapet.img.
test-qemu: all
	@$(MAKE) --no-print-directory CET=1 image
	@tests/qemu/run-all.sh

# `make CET=1 image` runs the ENDBR64 check on the CET hypervisor (its
# image depends on it); then the checker's own negative tests (tests/cet/).
cet-check:
	@$(MAKE) --no-print-directory CET=1 image
	@tests/cet/selftest.sh

bench: deps-quiet
	@$(MAKE) --no-print-directory all $(NULL_IMG) $(BENCH_NOTPM_IMG) $(SHA_BENCH) $(ATTEST_BENCH) \
		$(ED25519_BENCH) $(ED25519_BENCH_POLICY) $(PT_BENCH) $(PARAPET_BENCH) $(AGENT_HOST) \
		$(AT_CLIENT)
	@$(SHA_BENCH)
	@$(PT_BENCH)
	@$(PT_BENCH) 5 1024 amdvi
	@$(ED25519_BENCH) --policy $(ED25519_BENCH_POLICY)
	@tests/bench/attest.sh
	@tests/bench/attest-latency.sh
	@tests/bench/exit.sh
	@tests/bench/dma.sh
	@tests/bench/boot.sh
	@$(MAKE) --no-print-directory bench-linux

# The Linux partition's boot against the same kernel booted directly in QEMU
# (tests/bench/linux-boot.sh, docs/testing.md); part of `make bench`. Needs
# the Linux kit (fetched once from Debian's mirror, as `make test` does).
bench-linux: deps-quiet
	@$(MAKE) --no-print-directory all linux-image
	@tests/bench/linux-boot.sh

lint:
	@tools/lint.sh

# The fast part of `make lint` (about 1 s), run first by `make test`.
lint-format:
	@tools/format-check.sh

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build/obj build/fs build/host build/launch build/hypervisor build/tests \
	       build/image build/parapet.img build/parapet.iso build/fuzz build/fuzzobj \
	       build/sl build/tools build/run build/reference* build/cet build/guest
	find build/linux -mindepth 1 -maxdepth 1 ! -name debs -exec rm -rf {} + 2>/dev/null || true
	@echo "kept build/tpm (the TPM's persistent state) and build/linux/debs (the Linux kit's packages); 'rm -rf build' removes them too"
