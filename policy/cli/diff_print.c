// SPDX-License-Identifier: GPL-2.0-only
/*
 * The report of `parapet policy diff` (diff.h): first what widened each
 * partition's reach (one line per partition, the "!" records), then every
 * change grouped by partition with its mark, then a count; or the same
 * records as JSON (--json). Only formats what pol_diff produced; strings
 * in JSON are escaped (names are restricted by the validator, but a
 * diffed model is not validated).
 */
#include <string.h>
#include "policy/cli/diff.h"

#define LINE_MAX 512

static const char *part_label(const struct pol_change *c)
{
	return c->part[0] ? c->part : "(policy)";
}

void pol_diff_print(FILE *f, const struct pol_diff *d, const char *path_a, const char *path_b)
{
	char line[LINE_MAX];
	u32 count[4] = {0};
	fprintf(f, "--- %s\n+++ %s\n", path_a, path_b);
	if (!d->n) {
		fprintf(f, "identical in model terms\n");
		return;
	}
	for (u32 i = 0; i < d->n; i++)
		count[d->c[i].mark & 3u]++;
	if (count[POL_MARK_WIDEN]) {
		fprintf(f, "\nwidened (review these first):\n");
		for (u32 i = 0; i < d->n; i++) {
			const struct pol_change *c = &d->c[i];
			if (c->mark != POL_MARK_WIDEN)
				continue;
			/* The first widening of a partition starts its line. */
			bool first = true;
			for (u32 j = 0; j < i && first; j++)
				if (d->c[j].mark == POL_MARK_WIDEN &&
				    !strcmp(d->c[j].part, c->part))
					first = false;
			if (!first)
				continue;
			fprintf(f, "  ! %s:", part_label(c));
			const char *sep = " ";
			for (u32 j = i; j < d->n; j++) {
				if (d->c[j].mark != POL_MARK_WIDEN ||
				    strcmp(d->c[j].part, c->part) != 0)
					continue;
				pol_change_summary(&d->c[j], line, sizeof(line));
				fprintf(f, "%s%s", sep, line);
				sep = "; ";
			}
			fputc('\n', f);
		}
	}
	const char *cur = NULL;
	for (u32 i = 0; i < d->n; i++) {
		const struct pol_change *c = &d->c[i];
		if (!cur || strcmp(cur, c->part) != 0) {
			cur = c->part;
			fprintf(f, "\n%s%s:\n", c->part[0] ? "partition " : "", part_label(c));
		}
		pol_change_text(c, line, sizeof(line));
		fprintf(f, "  %c %s\n", pol_mark_char(c->mark), line);
	}
	fprintf(f, "\n%u change%s: %u widened (!), %u gained (+), %u lost (-), %u other (~)\n",
		d->n, d->n == 1 ? "" : "s", count[POL_MARK_WIDEN], count[POL_MARK_GAIN],
		count[POL_MARK_LOSS], count[POL_MARK_OTHER]);
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20 || ch > 0x7e)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static const char *const what_name[POL_CHG_WHAT_COUNT] = {
    [POL_CHG_NAME] = "name",
    [POL_CHG_VERSION] = "version",
    [POL_CHG_EPOCH] = "epoch",
    [POL_CHG_PLATFORM] = "platform",
    [POL_CHG_MIN_HV] = "min-hypervisor",
    [POL_CHG_PART] = "partition",
    [POL_CHG_PART_RENAME] = "rename",
    [POL_CHG_PART_ID] = "id",
    [POL_CHG_PART_IMAGE] = "image",
    [POL_CHG_PART_ENTRY] = "entry",
    [POL_CHG_PART_MODE] = "boot-mode",
    [POL_CHG_PART_CACHE] = "cache-mask",
    [POL_CHG_RAM] = "ram",
    [POL_CHG_MMIO] = "mmio",
    [POL_CHG_CPU] = "cpu",
    [POL_CHG_DEV] = "device",
    [POL_CHG_IRQ] = "gsi",
    [POL_CHG_PORT] = "ioports",
    [POL_CHG_CAP] = "capability",
    [POL_CHG_CHAN] = "channel",
};

void pol_diff_json(FILE *f, const struct pol_diff *d, const char *path_a, const char *path_b)
{
	static const char *const op_name[] = {"", "add", "remove", "modify"};
	char line[LINE_MAX];
	fprintf(f, "{\"a\":");
	json_str(f, path_a);
	fprintf(f, ",\"b\":");
	json_str(f, path_b);
	fprintf(f, ",\"identical\":%s,\"changes\":[", d->n ? "false" : "true");
	for (u32 i = 0; i < d->n; i++) {
		const struct pol_change *c = &d->c[i];
		char mark[2] = {pol_mark_char(c->mark), 0};
		fprintf(f, "%s\n {\"mark\":\"%s\",\"partition\":", i ? "," : "", mark);
		json_str(f, c->part);
		fprintf(f, ",\"kind\":\"%s\",\"op\":\"%s\",\"text\":",
			c->what < POL_CHG_WHAT_COUNT && what_name[c->what] ? what_name[c->what]
									   : "unknown",
			op_name[c->op & 3u]);
		pol_change_text(c, line, sizeof(line));
		json_str(f, line);
		if (c->mark == POL_MARK_WIDEN) {
			fprintf(f, ",\"widens\":");
			pol_change_summary(c, line, sizeof(line));
			json_str(f, line);
		}
		fputc('}', f);
	}
	fprintf(f, "%s]}\n", d->n ? "\n" : "");
}
