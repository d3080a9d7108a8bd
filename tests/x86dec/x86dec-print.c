// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decoder's view for the objdump cross-check (crosscheck.sh). With
 * --table, prints the hex of every case of cases.h, one a line; with
 * --gen, the generated prefix/opcode/ModRM combinations of gen.h. Otherwise
 * reads hex lines on stdin and prints, for each, one line
 *   len=N size=S op=REG-OR-IMM kind=K     or     refused: MESSAGE
 * (size: the memory operand's bytes; op: the register at its own size, or
 * the immediate, as objdump -M intel names them).
 */
#include <stdio.h>
#include <string.h>
#include "tests/x86dec/cases.h"
#include "tests/x86dec/render.h"
#include "tests/x86dec/gen.h"

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
		printf("len=%u size=%u op=%s kind=%s\n", in.len, in.size, op, x86r_kind(in.kind));
	}
	return 0;
}
