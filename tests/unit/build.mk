# Host unit tests (ASan + UBSan). Component fragments append the product
# sources they want tested to HOST_TESTABLE_SRCS; every tests/unit/test_*.c
# is a test file.
UNIT_BIN  := build/tests/unit/unit-tests
UNIT_SRCS := tests/unit/unit_main.c $(wildcard tests/unit/test_*.c)
# The page-table tests' host memory and fake format (also the stress test's).
UNIT_ONLY_SRCS += tests/unit/pt_fixture.c
# The partition tests' host allocator and guest memory (also the image fuzzer's).
UNIT_ONLY_SRCS += tests/unit/part_fixture.c
# The AMD-Vi unit model the driver tests run against.
UNIT_ONLY_SRCS += tests/unit/amdvi_model.c
# The VT-d driver tests' register model.
UNIT_ONLY_SRCS += tests/unit/vtd_model.c
UNIT_OBJS := $(call host_objs,$(UNIT_SRCS) $(HOST_TESTABLE_SRCS) $(UNIT_ONLY_SRCS)) \
             $(COMMON_HOST_OBJS)
# Host libraries the tests compare against (OpenSSL 3 for the hashes).
UNIT_LDLIBS += -lcrypto

$(UNIT_BIN): $(UNIT_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@ $(UNIT_LDLIBS)
