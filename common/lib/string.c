// SPDX-License-Identifier: GPL-2.0-only
/*
 * Freestanding memory and string routines (the host uses its libc).
 *
 * memcpy and memset move 8 bytes per access: the secure loader zeroes the
 * hypervisor's 5 MiB .bss and copies its segments with them, which a byte
 * loop makes cost tens of ms under QEMU's TCG. Every freestanding target is
 * x86-64, where unaligned 8-byte accesses are legal; the word type is
 * may_alias (it may overlay any object) and aligned(1) (any address).
 */
#include <parapet/string.h>
#include <parapet/types.h>

typedef u64 __attribute__((may_alias, aligned(1))) word_t;
#define WORD sizeof(word_t)

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	for (; n >= 4 * WORD; n -= 4 * WORD, d += 4 * WORD, s += 4 * WORD) {
		word_t a = ((const word_t *)s)[0], b = ((const word_t *)s)[1];
		word_t c = ((const word_t *)s)[2], e = ((const word_t *)s)[3];
		((word_t *)d)[0] = a;
		((word_t *)d)[1] = b;
		((word_t *)d)[2] = c;
		((word_t *)d)[3] = e;
	}
	for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
		*(word_t *)d = *(const word_t *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	const word_t v = 0x0101010101010101ull * (unsigned char)c;
	for (; n >= 4 * WORD; n -= 4 * WORD, d += 4 * WORD) {
		((word_t *)d)[0] = v;
		((word_t *)d)[1] = v;
		((word_t *)d)[2] = v;
		((word_t *)d)[3] = v;
	}
	for (; n >= WORD; n -= WORD, d += WORD)
		*(word_t *)d = v;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}
