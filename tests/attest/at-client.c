// SPDX-License-Identifier: GPL-2.0-only
/*
 * A test client of the attestation protocol (docs/attest-protocol.md) for
 * tests/attest/agent-check.sh: builds a request with the codec, sends it
 * (or any bytes), reads one reply and writes each item to a file. Not the
 * verifier: `parapet attest` (attest/verifier/) is.
 *
 *   at-client SOCK|-w FILE OUTDIR REQUEST
 *   REQUEST:  info
 *             quote rsa|ecc NONCE_HEX          (64 hex digits)
 *             activate rsa|ecc CRED_FILE       (tpm2_makecredential -o)
 *             raw FILE                         (FILE's bytes as they are)
 *             cut FILE N                       (FILE's first N bytes, then
 *                                               close without a reply)
 * With -w FILE the request frame is written to FILE instead of sent.
 *   at-client mklog OUT VERDICT   writes an emulated-DRTM log (SHA-256) that
 *                                 ends with the policy verdict VERDICT, the
 *                                 DRTM evidence agent-host serves

 * The reply: OUTDIR/type holds its type's name; each item goes to
 * OUTDIR/<TAG>.bin (a repeated tag: <TAG>.1.bin, ...); an AK_PUB's Name
 * to <TAG>[.N].name (hex); PCRS also as PCRS.txt ("alg pcr hex" lines);
 * ERROR is printed as "ERROR <code>: <message>". Exit status 0 when a reply
 * arrived and parsed (whatever its type), 1 otherwise, 2 on usage errors.
 * Host code (libc); every reply byte is parsed by the codec first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>
#include <parapet/attest_proto.h>
#include <parapet/bytes.h>
#include <parapet/eventlog.h>
#include <parapet/fmt.h>
#include <parapet/measure_plan.h>
#include <parapet/tpm2_attest.h>

#define CRED_MAGIC 0xbadcc0deu /* tpm2-tools' credential file: magic, version 1 */

static u8 req[PP_AT_MAX_FRAME], rxbuf[PP_AT_MAX_FRAME], file[PP_AT_MAX_FRAME];
static const char *outdir;

static void usage(void)
{
	fprintf(stderr, "usage: at-client SOCK|-w FILE OUTDIR info | quote rsa|ecc NONCE_HEX | "
			"activate rsa|ecc CRED_FILE | raw FILE | cut FILE N\n");
	exit(2);
}

static size_t load(const char *path, u8 *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	if (!f) {
		fprintf(stderr, "at-client: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

static void put(const char *name, const void *p, size_t n)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		fprintf(stderr, "at-client: cannot write %s\n", path);
		exit(1);
	}
}

static u16 ak_alg(const char *s)
{
	if (!strcmp(s, "rsa"))
		return 0x0001;
	if (!strcmp(s, "ecc"))
		return 0x0023;
	usage();
	return 0;
}

static size_t build(int argc, char **argv)
{
	struct pp_at_wr w;
	struct pp_err err;
	size_t len = 0;
	const char *what = argv[0];

	if (!strcmp(what, "info") && argc == 1) {
		pp_at_wr_begin(&w, req, sizeof(req), PP_AT_REQ_INFO);
	} else if (!strcmp(what, "quote") && argc == 3) {
		u8 nonce[PP_AT_NONCE_SIZE];
		if (strlen(argv[2]) != 2 * sizeof(nonce))
			usage();
		for (size_t i = 0; i < sizeof(nonce); i++)
			if (sscanf(argv[2] + 2 * i, "%2hhx", &nonce[i]) != 1)
				usage();
		pp_at_wr_begin(&w, req, sizeof(req), PP_AT_REQ_QUOTE);
		pp_at_wr_u16_item(&w, PP_AT_T_AK_ALG, ak_alg(argv[1]));
		pp_at_wr_item(&w, PP_AT_T_NONCE, nonce, sizeof(nonce));
	} else if (!strcmp(what, "activate") && argc == 3) {
		size_t n = load(argv[2], file, sizeof(file)), b, s;
		/* magic u32, version u32, TPM2B_ID_OBJECT, TPM2B_ENCRYPTED_SECRET (BE) */
		if (n < 12 || ld_be32(file) != CRED_MAGIC || ld_be32(file + 4) != 1) {
			fprintf(stderr, "at-client: %s: not a tpm2-tools credential file\n",
				argv[2]);
			exit(2);
		}
		b = 2u + ld_be16(file + 8);
		if (8 + b + 2 > n || (s = 2u + ld_be16(file + 8 + b)) != n - 8 - b) {
			fprintf(stderr, "at-client: %s: sizes do not add up\n", argv[2]);
			exit(2);
		}
		pp_at_wr_begin(&w, req, sizeof(req), PP_AT_REQ_ACTIVATE);
		pp_at_wr_u16_item(&w, PP_AT_T_AK_ALG, ak_alg(argv[1]));
		pp_at_wr_item(&w, PP_AT_T_CRED_BLOB, file + 8, (u32)b);
		pp_at_wr_item(&w, PP_AT_T_SECRET, file + 8 + b, (u32)s);
	} else if (!strcmp(what, "raw") && argc == 2) {
		return load(argv[1], req, sizeof(req));
	} else if (!strcmp(what, "cut") && argc == 3) {
		size_t n = load(argv[1], req, sizeof(req)), cut = strtoul(argv[2], NULL, 0);
		return cut < n ? cut : n;
	} else {
		usage();
	}
	if (pp_at_wr_finish(&w, &len, &err)) {
		fprintf(stderr, "at-client: %s\n", err.msg);
		exit(2);
	}
	return len;
}

static void write_pcrs(const struct pp_at_item *it)
{
	char path[4096], hex[2 * 64 + 1];
	FILE *f;
	u32 n, off = 4;
	snprintf(path, sizeof(path), "%s/PCRS.txt", outdir);
	f = fopen(path, "w");
	if (!f || it->len < 4)
		goto bad;
	n = ld_le32(it->data);
	for (u32 i = 0; i < n; i++) {
		u8 size;
		if (it->len - off < 4 || (size = it->data[off + 3]) > 64 ||
		    it->len - off - 4 < size)
			goto bad;
		pp_hex(hex, it->data + off + 4, size);
		fprintf(f, "0x%04x %u %s\n", ld_le16(it->data + off), it->data[off + 2], hex);
		off += 4u + size;
	}
	if (off != it->len)
		goto bad;
	fclose(f);
	return;
bad:
	fprintf(stderr, "at-client: PCRS item malformed\n");
	exit(1);
}

static void write_items(const struct pp_at_msg *m)
{
	u32 seen[32] = {0};
	char name[64], hex[2 * TPM2_NAME_SIZE + 1];
	for (u32 i = 0; i < m->n; i++) {
		const struct pp_at_item *it = &m->item[i];
		u32 k = seen[it->tag & 31]++;
		if (k)
			snprintf(name, sizeof(name), "%s.%u", pp_at_tag_name(it->tag), k);
		else
			snprintf(name, sizeof(name), "%s", pp_at_tag_name(it->tag));
		char file_name[80];
		snprintf(file_name, sizeof(file_name), "%s.bin", name);
		put(file_name, it->data, it->len);
		if (it->tag == PP_AT_T_AK_PUB || it->tag == PP_AT_T_EK_PUB) {
			u8 nm[TPM2_NAME_SIZE];
			struct pp_err err;
			if (tpm2_public_name(it->data, it->len, nm, &err) == PP_OK) {
				pp_hex(hex, nm, sizeof(nm));
				snprintf(file_name, sizeof(file_name), "%s.name", name);
				put(file_name, hex, strlen(hex));
			}
		}
		if (it->tag == PP_AT_T_PCRS)
			write_pcrs(it);
	}
}

static int mklog(const char *out, const char *verdict)
{
	static const u16 banks[1] = {PP_ALG_SHA256};
	struct pp_evlog log;
	u32 n = (u32)strlen(verdict);
	FILE *f;
	if (pp_evlog_init(&log, file, sizeof(file), banks, 1, NULL, 0) ||
	    pp_evlog_launch_marker(&log, PP_EVLOG_LAUNCH_EMULATED) ||
	    pp_evlog_drtm_start(&log, "slb", 3, "slb", 3, NULL) ||
	    pp_evlog_measure(&log, PP_PCR_LAUNCH, PP_EV_HYPERVISOR, "hv", 2, PP_EV_HV_NAME,
			     (u32)strlen(PP_EV_HV_NAME), NULL) ||
	    pp_evlog_measure(&log, PP_PCR_POLICY, PP_EV_POLICY, "pol", 3, PP_EV_POLICY_NAME,
			     (u32)strlen(PP_EV_POLICY_NAME), NULL) ||
	    pp_evlog_measure(&log, PP_PCR_POLICY, PP_EV_POLICY_VERDICT, verdict, n, verdict, n,
			     NULL)) {
		fprintf(stderr, "at-client: mklog failed\n");
		return 1;
	}
	f = fopen(out, "wb");
	if (!f || fwrite(file, 1, log.len, f) != log.len || fclose(f))
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	struct timeval tv = {.tv_sec = 60};
	struct pp_at_rx rx;
	struct pp_at_msg m;
	struct pp_err err;
	const char *sock;
	bool cut;
	size_t len;
	int fd;

	if (argc == 4 && !strcmp(argv[1], "mklog"))
		return mklog(argv[2], argv[3]);
	if (argc < 4)
		usage();
	if (!strcmp(argv[1], "-w")) {
		if (argc < 5)
			usage();
		outdir = argv[3];
		len = build(argc - 4, argv + 4);
		char *save = argv[2];
		outdir = ".";
		FILE *f = fopen(save, "wb");
		if (!f || fwrite(req, 1, len, f) != len || fclose(f))
			return 1;
		return 0;
	}
	sock = argv[1];
	outdir = argv[2];
	cut = !strcmp(argv[3], "cut");
	len = build(argc - 3, argv + 3);
	if (strlen(sock) >= sizeof(addr.sun_path))
		usage();
	strcpy(addr.sun_path, sock);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		fprintf(stderr, "at-client: %s: %s\n", sock, strerror(errno));
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (write(fd, req, len) != (ssize_t)len) {
		fprintf(stderr, "at-client: short write\n");
		return 1;
	}
	if (cut) {
		close(fd);
		return 0;
	}
	pp_at_rx_init(&rx, rxbuf, sizeof(rxbuf));
	for (;;) {
		u8 b[4096];
		ssize_t n = read(fd, b, sizeof(b));
		if (n <= 0) {
			fprintf(stderr, "at-client: no reply (%s)\n",
				n ? strerror(errno) : "closed");
			return 1;
		}
		for (ssize_t i = 0; i < n; i++)
			if (pp_at_rx_push(&rx, b[i], &err) == PP_AT_RX_FRAME)
				goto got;
	}
got:
	close(fd);
	if (pp_at_parse(rx.buf, rx.len, &m, &err)) {
		fprintf(stderr, "at-client: reply refused: %s\n", err.msg);
		return 1;
	}
	put("type", pp_at_type_name(m.type), strlen(pp_at_type_name(m.type)));
	write_items(&m);
	if (m.type == PP_AT_RSP_ERROR) {
		const struct pp_at_item *c = pp_at_find(&m, PP_AT_T_ERR_CODE);
		const struct pp_at_item *t = pp_at_find(&m, PP_AT_T_ERR_MSG);
		printf("ERROR %u: %.*s\n", ld_le32(c->data), (int)t->len, (const char *)t->data);
	} else {
		printf("%s: %u items, %zu bytes\n", pp_at_type_name(m.type), m.n, rx.len);
	}
	return 0;
}
