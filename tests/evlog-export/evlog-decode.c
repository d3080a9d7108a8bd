// SPDX-License-Identifier: GPL-2.0-only
/*
 * evlog-decode: turn the hypervisor's `export-logs` console output back into
 * the exact binary event logs (format in docs/console.md, "Log export").
 *
 *   evlog-decode CONSOLE OUTDIR
 *
 * For every `evlog-begin NAME BYTES` ... `evlog-end NAME sha256=HEX` block it
 * writes OUTDIR/NAME.bin, after checking the byte count and the SHA-256
 * trailer (OpenSSL); `evlog-none NAME ...` blocks are reported. The PCR
 * lines (`measure: pcrN ALG HEX`) are copied to OUTDIR/pcrs.txt as
 * "ALG N HEX" lines. Prints one line per log; exits 1 on any malformed,
 * truncated or mismatching block (nothing is written for it), 2 on usage.
 * CRs and ANSI escape sequences are ignored; lines of other output (any
 * line not starting with "evlog" / "measure: ") are skipped, so a raw serial
 * log works.
 */
#include <ctype.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LOG (16u << 20)
#define MAX_NAME 32

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Strip CR, ANSI escapes and trailing whitespace in place. */
static void clean(char *s)
{
	char *w = s;
	for (char *r = s; *r;) {
		if (*r == '\x1b') {
			r++;
			if (*r == '[') {
				r++;
				while (*r && !isalpha((unsigned char)*r))
					r++;
				if (*r)
					r++;
			} else if (*r == '(' || *r == ')') {
				r++;
				if (*r)
					r++;
			}
			continue;
		}
		if (*r != '\r')
			*w++ = *r;
		r++;
	}
	*w = '\0';
	while (w > s && isspace((unsigned char)w[-1]))
		*--w = '\0';
}

static int write_file(const char *dir, const char *name, const unsigned char *b, size_t n)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b, 1, n, f) != n || fclose(f)) {
		fprintf(stderr, "evlog-decode: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static bool valid_name(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > MAX_NAME)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: evlog-decode CONSOLE OUTDIR\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "r");
	if (!in) {
		fprintf(stderr, "evlog-decode: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	char pcrpath[4096];
	snprintf(pcrpath, sizeof(pcrpath), "%s/pcrs.txt", argv[2]);
	FILE *pcrs = fopen(pcrpath, "w");
	if (!pcrs) {
		fprintf(stderr, "evlog-decode: %s: %s\n", pcrpath, strerror(errno));
		fclose(in);
		return 2;
	}

	static unsigned char buf[MAX_LOG];
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0, begin_line = 0;
	char name[MAX_NAME + 1] = "";
	size_t want = 0, got = 0;
	bool in_block = false;
	int bad = 0, logs = 0;

	while (getline(&line, &cap, in) >= 0) {
		lineno++;
		clean(line);
		if (!strncmp(line, "measure: pcr", 12)) {
			unsigned pcr;
			char alg[16], hex[200];
			if (sscanf(line + 12, "%u %15s %199s", &pcr, alg, hex) == 3)
				fprintf(pcrs, "%s %u %s\n", alg, pcr, hex);
			continue;
		}
		if (strncmp(line, "evlog", 5) != 0)
			continue;
		if (!strncmp(line, "evlog-begin ", 12)) {
			char nm[64];
			unsigned long n;
			if (in_block) {
				fprintf(stderr,
					"evlog-decode: line %lu: evlog-begin inside %s "
					"(line %lu)\n",
					lineno, name, begin_line);
				bad = 1;
			}
			if (sscanf(line + 12, "%63s %lu", nm, &n) != 2 || !valid_name(nm) ||
			    n > MAX_LOG) {
				fprintf(stderr, "evlog-decode: line %lu: bad evlog-begin '%s'\n",
					lineno, line);
				bad = 1;
				in_block = false;
				continue;
			}
			memcpy(name, nm, strlen(nm) + 1); /* valid_name: <= MAX_NAME */
			want = n;
			got = 0;
			in_block = true;
			begin_line = lineno;
		} else if (!strncmp(line, "evlog ", 6)) {
			if (!in_block) {
				fprintf(stderr, "evlog-decode: line %lu: data outside a block\n",
					lineno);
				bad = 1;
				continue;
			}
			const char *h = line + 6;
			size_t hl = strlen(h);
			if (hl == 0 || hl % 2 || hl > 64 || got + hl / 2 > want) {
				fprintf(stderr,
					"evlog-decode: line %lu: %s: bad data line (%zu hex "
					"digits, %zu of %zu bytes so far)\n",
					lineno, name, hl, got, want);
				bad = 1;
				in_block = false;
				continue;
			}
			for (size_t i = 0; i < hl; i += 2) {
				int a = hexval(h[i]), b = hexval(h[i + 1]);
				if (a < 0 || b < 0) {
					fprintf(stderr, "evlog-decode: line %lu: %s: not hex\n",
						lineno, name);
					bad = 1;
					in_block = false;
					break;
				}
				buf[got++] = (unsigned char)(a << 4 | b);
			}
		} else if (!strncmp(line, "evlog-end ", 10)) {
			char nm[64], hex[80];
			if (!in_block || sscanf(line + 10, "%63s sha256=%79s", nm, hex) != 2 ||
			    strcmp(nm, name) != 0 || strlen(hex) != 64) {
				fprintf(stderr, "evlog-decode: line %lu: unexpected '%s'\n", lineno,
					line);
				bad = 1;
				in_block = false;
				continue;
			}
			in_block = false;
			if (got != want) {
				fprintf(stderr,
					"evlog-decode: %s: %zu bytes, the header said %zu\n", name,
					got, want);
				bad = 1;
				continue;
			}
			unsigned char d[32];
			char dh[65];
			unsigned dl = 0;
			EVP_Digest(buf, got, d, &dl, EVP_sha256(), NULL);
			for (size_t i = 0; i < 32; i++)
				snprintf(dh + 2 * i, 3, "%02x", d[i]);
			if (strcmp(dh, hex) != 0) {
				fprintf(stderr,
					"evlog-decode: %s: sha256 %s, the trailer says %s\n", name,
					dh, hex);
				bad = 1;
				continue;
			}
			if (write_file(argv[2], name, buf, got)) {
				bad = 2;
				break;
			}
			printf("evlog-decode: %s: %zu bytes, sha256 %s ok\n", name, got, dh);
			logs++;
		} else if (!strncmp(line, "evlog-none ", 11)) {
			printf("evlog-decode: none: %s\n", line + 11);
		}
	}
	if (in_block) {
		fprintf(stderr, "evlog-decode: %s (line %lu): no evlog-end (%zu of %zu bytes)\n",
			name, begin_line, got, want);
		bad = 1;
	}
	free(line);
	fclose(in);
	if (fclose(pcrs))
		return 2;
	if (!logs && !bad)
		printf("evlog-decode: no logs in %s\n", argv[1]);
	return bad;
}
