// SPDX-License-Identifier: GPL-2.0-only
/*
 * endbr-check self-test input: a static function whose address is stored in
 * data (reached only through an indirect call) and a global function called
 * directly. Built without -fcf-protection, add_one lacks ENDBR64 and the
 * check must name it; with -fcf-protection=branch it must pass.
 */
int endbr_test_call(int x);
void endbr_test_start(void);

static int add_one(int x)
{
	return x + 1;
}

int (*volatile endbr_test_fp)(int) = add_one;

int endbr_test_call(int x)
{
	return endbr_test_fp(x);
}

void endbr_test_start(void)
{
	endbr_test_call(1);
	for (;;)
		;
}
