// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decoder's view for the objdump cross-check (crosscheck.sh). With
 * --table, prints the hex of every case of cases.h, one a line; with
 * --gen, the generated prefix/opcode/ModRM combinations of gen.h. Otherwise
 * reads hex lines on stdin and prints, for each, one line
 *   len=N size=S op=REG-OR-IMM kind=K mem=OPERAND     or     refused: MESSAGE
 * (size: the memory operand's bytes; op: the register at its own size, or
 * the immediate, and mem the memory operand, as objdump -M intel names
 * them once crosscheck.sh has normalized its spelling).
 */
#include <stdio.h>
#include <string.h>
#include "tests/x86dec/cases.h"
#include "tests/x86dec/render.h"
#include "tests/x86dec/gen.h"

/* The memory operand as crosscheck.sh normalizes objdump's: only FS and GS
 * overrides shown (the others do nothing in 64-bit mode), an absolute
 * address (moffs, or SIB with neither base nor index) as [0x...] at the
 * address size. */
static void objdump_mem(const struct x86_mem *m, char *out, size_t n)
{
	struct x86_mem v = *m;
	if (v.seg != X86_SEG_FS && v.seg != X86_SEG_GS)
		v.seg = X86_SEG_NONE;
	const char *seg = v.seg == X86_SEG_FS ? "fs:" : v.seg == X86_SEG_GS ? "gs:" : "";
	if (v.moffs || (!v.has_base && !v.has_index && !v.rip_rel)) {
		const u64 a = v.addr_size == 4 ? v.disp & 0xffffffffull : v.disp;
		snprintf(out, n, "%s[0x%llx]", seg, (unsigned long long)a);
		return;
	}
	x86r_mem(&v, out, n);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--table")) {
		for (size_t i = 0; i < sizeof(x86dec_cases) / sizeof(x86dec_cases[0]); i++)
			printf("%s\n", x86dec_cases[i].hex);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--gen")) {
		x86g_all();
		return 0;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: x86dec-print [--table | --gen] < hex-lines\n");
		return 2;
	}
	char line[256];
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\r\n")] = 0;
		unsigned char b[32];
		const int n = x86r_hex(line, b, 32);
		if (n < 0) {
			fprintf(stderr, "x86dec-print: bad hex line \"%s\"\n", line);
			return 2;
		}
		struct x86_insn in;
		struct pp_err err = {0};
		if (x86_decode(b, (u32)n, &in, &err)) {
			printf("refused: %s\n", err.msg);
			continue;
		}
		char op[32];
		if (in.kind == X86_STORE_IMM)
			snprintf(op, sizeof(op), "0x%llx", (unsigned long long)in.imm);
		else
			snprintf(op, sizeof(op), "%s", x86r_name(in.reg, in.reg_size, in.high8));
		char mem[128];
		objdump_mem(&in.mem, mem, sizeof(mem));
		printf("len=%u size=%u op=%s kind=%s mem=%s\n", in.len, in.size, op,
		       x86r_kind(in.kind), mem);
	}
	return 0;
}
