// SPDX-License-Identifier: GPL-2.0-only
/* `work-b`: a workload partition (work.h). */
#include "work.h"
#include "kit/gk.h"

int main(void)
{
	return work_run("work-b");
}
