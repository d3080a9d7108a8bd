// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: refgen's grub.cfg reader (tools/refgen/grubcfg.c), the
 * parser that decides which modules the reference values are computed
 * for. Invariants on an accepted entry: every string NUL-terminated within
 * its field, the module set passes the secure loader's role rules again,
 * and each module string re-classifies to the same role.
 */
#include <stdlib.h>
#include <string.h>
#include "tools/refgen/refgen.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct rg_entry entry;

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const char *const ids[] = {"parapet", "export", "strict", "standin"};
	struct pp_err err;
	if (size > 16384)
		return 0;
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	for (size_t k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
		if (rg_grubcfg_entry(text, size, ids[k], &entry, &err) != PP_OK) {
			if (!err.msg[0])
				abort(); /* every rejection says why */
			continue;
		}
		if (strcmp(entry.id, ids[k]) != 0 || entry.nmod > RG_MAX_MODULES)
			abort();
		if (rg_check_modules(&entry, &err) != PP_OK)
			abort();
		for (u32 i = 0; i < entry.nmod; i++) {
			const struct rg_module *m = &entry.mod[i];
			struct pp_module_role_info r;
			if (!memchr(m->path, 0, sizeof(m->path)) ||
			    !memchr(m->str, 0, sizeof(m->str)) ||
			    !memchr(m->arg, 0, sizeof(m->arg)))
				abort();
			if (pp_module_role(m->str, (u32)strlen(m->str), &r, &err) != PP_OK ||
			    r.role != m->role)
				abort();
		}
	}
	free(text);
	return 0;
}
