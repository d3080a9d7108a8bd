# The page-table engine's multi-threaded stress test under ThreadSanitizer
# (tests/pt/pt-stress.c; docs/page-tables.md). Its own objects: TSan cannot
# be mixed with the unit tests' ASan objects, so it is one compiler run.
PT_STRESS      := build/tests/pt/pt-stress
PT_STRESS_SRCS := tests/pt/pt-stress.c tests/unit/pt_fixture.c $(HV_PT_SRCS) \
                  common/lib/err.c common/lib/fmt.c
PT_TSAN_CFLAGS := -std=gnu11 -O1 -g -fno-omit-frame-pointer -fsanitize=thread \
                  $(WARN) $(INCLUDES) -DPP_HOST=1

$(PT_STRESS): $(PT_STRESS_SRCS) $(wildcard hypervisor/lib/pt/*.h) tests/unit/pt_fixture.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(PT_TSAN_CFLAGS) $(filter %.c,$^) -o $@ -lpthread

# TSAN_OPTIONS: any report fails the run (exit code 66).
.PHONY: pt-stress
pt-stress: $(PT_STRESS)
	@TSAN_OPTIONS="halt_on_error=1 exitcode=66 $(TSAN_OPTIONS)" $(PT_STRESS)
test-host: pt-stress

# NPT map+unmap throughput, 1 vs 2 threads (tests/bench/pt-bench.c; run by
# `make bench`). Host build of the engine at -O2, no sanitizers.
PT_BENCH        := build/tests/bench/pt-bench
PT_BENCH_SRCS   := tests/bench/pt-bench.c tests/unit/pt_fixture.c $(HV_PT_SRCS) \
                   hypervisor/drivers/iommu/amdvi_fmt.c \
                   common/lib/err.c common/lib/fmt.c
PT_BENCH_CFLAGS := -std=gnu11 -O2 -g $(WARN) $(INCLUDES) -DPP_HOST=1

$(PT_BENCH): $(PT_BENCH_SRCS) $(wildcard hypervisor/lib/pt/*.h) tests/unit/pt_fixture.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(PT_BENCH_CFLAGS) $(filter %.c,$^) -o $@ -lpthread
