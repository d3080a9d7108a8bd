// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: launch's boot options (launch/options.c), the words of
 * launch.elf's Multiboot2 command line. Invariants: an accepted line sets
 * strict exactly when it names drtm=strict, and strict never comes with a
 * static fallback; a rejected line leaves the defaults.
 */
#include <stdlib.h>
#include <string.h>
#include "launch/options.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct launch_config c;
	struct pp_err err;
	if (size > 2 * (size_t)LAUNCH_OPTIONS_MAX_LEN)
		return 0;
	char *s = malloc(size ? size : 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	int rc = launch_options_parse(s, (u32)size, &c, &err);
	if (c.allow_emulated || c.strict == c.allow_static)
		abort();
	if (rc == PP_OK) {
		bool named = false;
		for (size_t i = 0; i + 11 <= size; i++)
			if (!memcmp(s + i, "drtm=strict", 11) &&
			    (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'))
				named = true;
		if (named != c.strict)
			abort();
	} else if (c.strict || !err.msg[0]) {
		abort();
	}
	free(s);
	return 0;
}
