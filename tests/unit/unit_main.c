// SPDX-License-Identifier: GPL-2.0-only
/* Unit-test runner: runs every registered test (or those named on argv). */
#include <stdlib.h>
#include "unit.h"

static struct unit_test *head, **tail = &head;
static int cur_failed;
static const char *cur_name;

void unit_register(struct unit_test *t)
{
	*tail = t;
	tail = &t->next;
}

void unit_fail(const char *file, int line, const char *expr)
{
	printf("FAIL %s: %s:%d: %s\n", cur_name, file, line, expr);
	cur_failed = 1;
}

int unit_failed_now(void)
{
	return cur_failed;
}

static int selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strstr(name, argv[i]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (struct unit_test *t = head; t; t = t->next) {
		if (!selected(t->name, argc, argv))
			continue;
		cur_name = t->name;
		cur_failed = 0;
		t->fn();
		if (cur_failed)
			failed++;
		else
			passed++;
		if (getenv("UNIT_VERBOSE"))
			printf("%s %s\n", cur_failed ? "not ok" : "ok", t->name);
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
