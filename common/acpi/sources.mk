# ACPI (parapet/acpi_walk.h, parapet/acpi.h): the table walk (the secure
# loader copies and measures what it visits) and the table parsers (the
# hypervisor parses the copies; the Intel TXT MLE reads the MADT and MCFG
# copies for its MTRR check). Pure; host tested (tests/unit/test_acpi*.c)
# and fuzzed (fuzz_acpi).
ACPI_WALK_SRCS := common/acpi/walk.c
ACPI_PARSE_SRCS := common/acpi/sdt.c common/acpi/rsdp.c common/acpi/madt.c \
                   common/acpi/mcfg.c common/acpi/ivrs.c common/acpi/dmar.c \
                   common/acpi/tpm2.c
COMMON_SRCS += $(ACPI_WALK_SRCS) $(ACPI_PARSE_SRCS)
