// SPDX-License-Identifier: GPL-2.0-only
/*
 * endbr-check self-test input: a dense switch. With -fcf-protection=branch
 * and jump tables allowed, GCC dispatches it with `notrack jmp *`, which the
 * check must refuse (the CET build uses -fno-jump-tables).
 */
int endbr_test_switch(int x);
void endbr_test_start(void);

#define LEAF(n)                                                                                    \
	__attribute__((noinline)) static int leaf##n(int x)                                        \
	{                                                                                          \
		__asm__ volatile("" : "+r"(x));                                                    \
		return x * (n + 3);                                                                \
	}
LEAF(0)
LEAF(1)
LEAF(2)
LEAF(3)
LEAF(4)
LEAF(5)
LEAF(6)

int endbr_test_switch(int x)
{
	switch (x) {
	case 0: return leaf0(x);
	case 1: return leaf1(x) + 1;
	case 2: return leaf2(x) - 2;
	case 3: return leaf3(x) ^ 3;
	case 4: return leaf4(x) + 44;
	case 5: return leaf5(x) - 55;
	case 6: return leaf6(x) * 6;
	default: return 0;
	}
}

void endbr_test_start(void)
{
	endbr_test_switch(3);
	for (;;)
		;
}
