/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Blank-separated words in length-bounded strings that need not be
 * NUL-terminated: Multiboot2 module strings (module_role.c), launch's boot
 * options (launch/options.c), grub.cfg lines (tools/refgen). A blank is a
 * space or a tab, as GRUB separates command-line words.
 */
#ifndef PARAPET_WORDS_H
#define PARAPET_WORDS_H

#include <parapet/string.h>
#include <parapet/types.h>

static inline bool pp_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* w[0, len) equals the NUL-terminated literal lit. */
static inline bool pp_word_is(const char *w, size_t len, const char *lit)
{
	return len == strlen(lit) && memcmp(w, lit, len) == 0;
}

/*
 * Skip blanks at *pos in s[0, len), then take the word there: its offset
 * in *start, its length returned (0: no word left); *pos ends after it.
 */
static inline u32 pp_next_word(const char *s, u32 len, u32 *pos, u32 *start)
{
	u32 i = *pos;
	while (i < len && pp_is_blank(s[i]))
		i++;
	*start = i;
	while (i < len && !pp_is_blank(s[i]))
		i++;
	*pos = i;
	return i - *start;
}

#endif
