# The ACPI table walk (parapet/acpi_walk.h): the secure loader copies and
# measures what it visits, the hypervisor parses the copies. Pure; host
# tested (tests/unit/test_acpi*.c) and fuzzed (fuzz_acpi).
ACPI_WALK_SRCS := common/acpi/walk.c
COMMON_SRCS += $(ACPI_WALK_SRCS)
