// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bundle directory (docs/attestation.md, "Bundle"): every file read
 * whole into memory, nothing interpreted. A missing or unreadable file is a
 * usage error (the caller exits 2); an empty or oversized one is evidence
 * and is judged later. policy.bin is optional: absent, its buffer stays NULL
 * (policy.c says what that leaves unchecked); present but unreadable is a
 * usage error like the others.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "attest/verifier/verifier.h"

const char *const av_bundle_files[7] = {"quote.msg", "quote.sig", "quote.pcrs", "eventlog.bin",
					"nonce.hex", "ak.pub",	  "ak.pem"};

int av_read_file(const char *path, struct av_buf *out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	out->p = NULL;
	out->n = 0;
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	size_t cap = 4096;
	u8 *p = malloc(cap + 1);
	size_t n = 0;
	while (p) {
		n += fread(p + n, 1, cap - n, f);
		if (n < cap || cap > AV_MAX_FILE)
			break;
		u8 *q = realloc(p, cap * 2 + 1);
		if (!q)
			free(p);
		p = q;
		cap *= 2;
	}
	int bad = !p || ferror(f);
	fclose(f);
	if (bad) {
		free(p);
		snprintf(err, errlen, "%s: read error or out of memory", path);
		return -1;
	}
	if (n > AV_MAX_FILE)
		n = AV_MAX_FILE + 1; /* judged as oversized, never read further */
	p[n] = 0;
	out->p = p;
	out->n = n;
	return 0;
}

int av_bundle_load(const char *dir, struct av_bundle *b, char *err, size_t errlen)
{
	struct av_buf *bufs[7] = {&b->msg,   &b->sig,	&b->pcrs, &b->log,
				  &b->nonce, &b->akpub, &b->akpem};
	char path[4096];
	memset(b, 0, sizeof(*b));
	for (u32 i = 0; i < 7; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, av_bundle_files[i]) >=
		    sizeof(path)) {
			snprintf(err, errlen, "%s: path too long", dir);
			goto fail;
		}
		if (av_read_file(path, bufs[i], err, errlen))
			goto fail;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, AV_BUNDLE_POLICY) >= sizeof(path)) {
		snprintf(err, errlen, "%s: path too long", dir);
		goto fail;
	}
	if (access(path, F_OK) == 0 && av_read_file(path, &b->policy, err, errlen))
		goto fail;
	return 0;
fail:
	av_bundle_free(b);
	return -1;
}

void av_bundle_free(struct av_bundle *b)
{
	free(b->msg.p);
	free(b->sig.p);
	free(b->pcrs.p);
	free(b->log.p);
	free(b->nonce.p);
	free(b->akpub.p);
	free(b->akpem.p);
	free(b->policy.p);
	memset(b, 0, sizeof(*b));
}
