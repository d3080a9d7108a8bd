# libFuzzer targets (clang, ASan + UBSan): one per parser of external input.
# Each tests/fuzz/fuzz_<name>.c defines LLVMFuzzerTestOneInput and links
# against HOST_TESTABLE_SRCS and the common code, compiled by clang.
# `make fuzz` runs each for FUZZ_SECONDS (default 60); `make fuzz-smoke`
# (part of `make test`) runs each for FUZZ_SMOKE_SECONDS (default 10).
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_CFLAGS := -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined \
               -fno-sanitize-recover=all -Wall -Wextra -Werror \
               -Wno-unused-command-line-argument $(INCLUDES) -DPP_HOST=1
FUZZ_SRCS    := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS    := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRCS))
FUZZ_LIBSRCS := $(COMMON_SRCS) $(COMMON_HV_SRCS) $(COMMON_HOST_SRCS) $(HOST_TESTABLE_SRCS)
FUZZ_LIBOBJS := $(patsubst %.c,build/fuzzobj/%.o,$(FUZZ_LIBSRCS))

build/fuzzobj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CLANG) $(subst fuzzer$(comma),fuzzer-no-link$(comma),$(FUZZ_CFLAGS)) -MMD -MP -c $< -o $@
# header dependencies, so a changed struct rebuilds the objects that use it
-include $(FUZZ_LIBOBJS:.o=.d)

comma := ,
# A target may add objects (as prerequisites) and libraries (FUZZ_LDLIBS,
# target-specific): attest/verifier/build.mk does for fuzz_attest.
build/fuzz/%: tests/fuzz/%.c $(FUZZ_LIBOBJS)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_CFLAGS) $^ -o $@ $(FUZZ_LDLIBS)

.SECONDARY: $(FUZZ_LIBOBJS)
.PHONY: fuzz fuzz-smoke fuzz-build
fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BINS)

fuzz-smoke: $(FUZZ_BINS)
	@tests/fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_BINS)
