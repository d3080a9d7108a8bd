# The radix page-table engine (docs/page-tables.md; included by
# hypervisor/build.mk). Host-testable: compiled into the hypervisor and
# into the unit tests, the ThreadSanitizer stress test and the bench.
HV_PT_SRCS := hypervisor/lib/pt/pt_core.c \
              hypervisor/lib/pt/pt_map.c \
              hypervisor/lib/pt/pt_unmap.c \
              hypervisor/lib/pt/pt_retire.c \
              hypervisor/lib/pt/fmt_npt.c
