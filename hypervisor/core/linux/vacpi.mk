# The virtual ACPI platform of a Linux partition (hypervisor/core/linux/vacpi.h,
# docs/linux-partition.md "Virtual ACPI platform"; included by
# hypervisor/build.mk). Pure and host tested (tests/unit/test_vacpi.c); not
# linked into the hypervisor until the Linux-partition integration (planned).
HV_VACPI_SRCS := hypervisor/core/linux/vacpi.c hypervisor/core/linux/vacpi_aml.c

# The ACPICA cross-check of the built tables (tests/linux/vacpi-check.sh), part
# of `make test-host` when iasl and acpiexec (acpica-tools, tools/deps.sh)
# are installed.
.PHONY: vacpi-check
vacpi-check: build/tests/unit/unit-tests
	@if command -v iasl >/dev/null && command -v acpiexec >/dev/null; then \
		tests/linux/vacpi-check.sh; \
	else echo "vacpi-check: skipped, iasl/acpiexec not installed (acpica-tools: make deps)"; fi
test-host: vacpi-check
