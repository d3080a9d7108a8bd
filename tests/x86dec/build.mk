# The decoder's objdump cross-check (tests/x86dec/crosscheck.sh): the hand
# encodings of tests/x86dec/cases.h, assembled with `as` and disassembled
# with objdump, against the decoder's view printed by x86dec-print.
X86DEC_PRINT      := build/tests/x86dec/x86dec-print
X86DEC_PRINT_SRCS := tests/x86dec/x86dec-print.c $(HV_X86DEC_SRCS) common/lib/err.c common/lib/fmt.c

$(X86DEC_PRINT): $(X86DEC_PRINT_SRCS) $(wildcard hypervisor/lib/x86dec/*.h tests/x86dec/*.h)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(filter %.c,$^) -o $@

.PHONY: x86dec-check
x86dec-check: $(X86DEC_PRINT)
	@tests/x86dec/crosscheck.sh $(X86DEC_PRINT)
