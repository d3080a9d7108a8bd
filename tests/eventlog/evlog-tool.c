// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host tool around common/eventlog/ (docs/eventlog.md, "Tools"):
 *
 *   evlog-tool sample OUT         write the SRTM-style sample log (PCR 8-16,
 *                                 SHA-256 + SHA-384), print its replay
 *   evlog-tool sample-drtm OUT    write an emulated-DRTM log (launch marker,
 *                                 DRTM start, PCR 17-19), print its replay
 *   evlog-tool replay LOG [COUNT] validate (optionally against an expected
 *                                 event count) and print the replay
 *   evlog-tool dump LOG           validate and list the events
 *   evlog-tool strip-noaction IN OUT
 *                                 copy a valid log without its EV_NO_ACTION
 *                                 events (tpm2_eventlog 5.4 extends them)
 *   evlog-tool seeds DIR          write the fuzz seeds
 *
 * Replay lines: "pcr N <bank> <hex>", all 24 PCRs of every replayed bank.
 * Exit status 0 on success, 1 on a rejected log (message on stderr), 2 on
 * usage or I/O errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/eventlog.h>
#include <parapet/measure_plan.h>
#include <parapet/module_role.h>

static u8 buf[PP_EVLOG_MAX_SIZE];
static struct pp_evlog_pcrs pcrs;

static void die(int code, const char *what, const char *msg)
{
	fprintf(stderr, "evlog-tool: %s: %s\n", what, msg);
	exit(code);
}

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		die(2, path, strerror(errno));
}

static size_t read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(2, path, strerror(errno));
	size_t n = fread(buf, 1, sizeof(buf), f);
	int more = fgetc(f) != EOF;
	fclose(f);
	if (more)
		die(2, path, "larger than the event-log size cap");
	return n;
}

static void check(const u8 *log, size_t n, u32 expect, struct pp_evlog_info *info)
{
	struct pp_err err = {0, ""};
	if (pp_evlog_check(log, n, expect, info, &err) != PP_OK)
		die(1, "rejected", err.msg);
}

static void print_replay(const u8 *log, const struct pp_evlog_info *info)
{
	struct pp_err err = {0, ""};
	if (pp_evlog_replay(log, info, &pcrs, &err) != PP_OK)
		die(1, "replay", err.msg);
	for (u32 k = 0; k < pcrs.nbanks; k++) {
		if (!pcrs.bank[k].replayed) {
			fprintf(stderr, "evlog-tool: bank %s not replayed (no implementation)\n",
				pp_evlog_alg_name(pcrs.bank[k].alg));
			continue;
		}
		for (u32 p = 0; p < PP_EVLOG_NUM_PCRS; p++) {
			printf("pcr %u %s ", p, pp_evlog_alg_name(pcrs.bank[k].alg));
			for (u32 i = 0; i < pcrs.bank[k].size; i++)
				printf("%02x", pcrs.bank[k].pcr[p][i]);
			printf("\n");
		}
	}
}

static void must(const struct pp_evlog *log)
{
	if (log->status)
		die(2, "writer", log->err.msg);
}

/* SRTM-style sample: PCR 8-16 only (tpm2_eventlog starts every PCR at 0). */
static u32 make_sample(u8 *out, u32 cap, const u16 *algs, u32 nalgs)
{
	static u8 big[70000];
	struct pp_evlog log;
	for (u32 i = 0; i < sizeof(big); i++)
		big[i] = (u8)(i * 7 + 3);
	pp_evlog_init(&log, out, cap, algs, nalgs, "parapet", 7);
	pp_evlog_measure(&log, 8, PP_EV_IPL, "grub_cmd: linux /vmlinuz", 24,
			 "grub_cmd: linux /vmlinuz", 24, NULL);
	pp_evlog_measure(&log, 9, PP_EV_IPL, big, sizeof(big), "/boot/big", 9, NULL);
	pp_evlog_measure(&log, 9, PP_EV_IPL, "", 0, NULL, 0, NULL);
	pp_evlog_measure(&log, 10, PP_EV_EVENT_TAG, "tag", 3, "tag-data", 8, NULL);
	pp_evlog_measure(&log, 12, PP_EV_SEPARATOR, "\0\0\0\0", 4, "\0\0\0\0", 4, NULL);
	pp_evlog_measure(&log, 14, 0x601, "software-defined type", 21, "x", 1, NULL);
	pp_evlog_measure(&log, 16, PP_EV_POST_CODE, "post code", 9, "post", 4, NULL);
	pp_evlog_measure(&log, 8, PP_EV_IPL, "kernel_cmdline: console=ttyS0", 29,
			 "kernel_cmdline: console=ttyS0", 29, NULL);
	pp_evlog_measure(&log, 11, PP_EV_ACTION, big, 4096, big, 300, NULL);
	must(&log);
	return log.len;
}

/*
 * An emulated DRTM launch as the secure loader logs it (measure_plan.h),
 * platform events (PCR 20: memory map, RSDP, ACPI tables) included, so
 * that crosscheck.sh replays those with tpm2_eventlog too.
 */
static u32 make_drtm(u8 *out, u32 cap, const u16 *algs, u32 nalgs, u32 launch)
{
	static const struct pp_mem_range mmap[] = {
	    {0, 0x9f000, PP_MEM_USABLE, 0},
	    {0x100000, 0x3fe00000, PP_MEM_USABLE, 0},
	    {0xfec00000, 0x1000, PP_MEM_RESERVED, 0},
	};
	static const u8 rsdp[20] = "RSD PTR ", apic[44] = "APIC", xsdt[44] = "XSDT";
	u8 ev[PP_EV_ACPI_TABLE_LEN], man[PP_MANIFEST_SIZE(1)], sha[32] = {1};
	struct pp_evlog log;
	pp_evlog_init(&log, out, cap, algs, nalgs, NULL, 0);
	pp_evlog_launch_marker(&log, launch);
	pp_evlog_drtm_start(&log, "secure loader block bytes", 25, "SLB", 3, NULL);
	pp_evlog_measure(&log, 17, PP_EV_LAUNCH_TYPE, "emulated", 8, "emulated", 8, NULL);
	pp_evlog_measure(&log, 17, PP_EV_HYPERVISOR, "hypervisor image", 16, PP_EV_HV_NAME, 14,
			 NULL);
	pp_evlog_measure(&log, 17, PP_EV_CMDLINE, "console=com1", 12, "console=com1", 12, NULL);
	pp_evlog_measure(&log, 18, PP_EV_POLICY, "policy blob", 11, "policy", 6, NULL);
	pp_evlog_measure(&log, PP_PCR_PLATFORM, PP_EV_MEMORY_MAP, mmap, sizeof(mmap),
			 PP_EV_MMAP_NAME, (u32)strlen(PP_EV_MMAP_NAME), NULL);
	pp_evlog_measure(&log, PP_PCR_PLATFORM, PP_EV_ACPI_RSDP, rsdp, sizeof(rsdp),
			 PP_EV_RSDP_NAME, (u32)strlen(PP_EV_RSDP_NAME), NULL);
	pp_ev_acpi_table(ev, xsdt, 0x7ffe0000);
	pp_evlog_measure(&log, PP_PCR_PLATFORM, PP_EV_ACPI_TABLE, xsdt, sizeof(xsdt), ev,
			 sizeof(ev), NULL);
	pp_ev_acpi_table(ev, apic, 0x7ffe1000);
	pp_evlog_measure(&log, PP_PCR_PLATFORM, PP_EV_ACPI_TABLE, apic, sizeof(apic), ev,
			 sizeof(ev), NULL);
	pp_evlog_measure(&log, 19, PP_EV_PD_IMAGE, "domain 0 image", 14, "dom0", 4, NULL);
	pp_evlog_measure(&log, 19, PP_EV_PD_IMAGE, "domain 1 image", 14, "dom1", 4, NULL);
	pp_manifest_header(man, 1);
	pp_manifest_record(man, 0, PP_ROLE_PD, "dom0", 4, 14, sha);
	pp_evlog_measure(&log, 19, PP_EV_MODULES, man, sizeof(man), man, sizeof(man), NULL);
	must(&log);
	return log.len;
}

static const u16 both[] = {PP_ALG_SHA256, PP_ALG_SHA384};

static int cmd_sample(const char *out, bool drtm)
{
	struct pp_evlog_info info;
	u32 n = drtm ? make_drtm(buf, sizeof(buf), both, 2, PP_EVLOG_LAUNCH_EMULATED)
		     : make_sample(buf, sizeof(buf), both, 2);
	check(buf, n, PP_EVLOG_COUNT_ANY, &info);
	write_file(out, buf, n);
	print_replay(buf, &info);
	return 0;
}

static int cmd_replay(const char *path, const char *count)
{
	struct pp_evlog_info info;
	u32 expect = PP_EVLOG_COUNT_ANY;
	if (count) {
		char *end;
		unsigned long v = strtoul(count, &end, 0);
		if (*end || v > 0xFFFFFFFFul)
			die(2, count, "not an event count");
		expect = (u32)v;
	}
	size_t n = read_file(path);
	check(buf, n, expect, &info);
	print_replay(buf, &info);
	return 0;
}

static int cmd_dump(const char *path)
{
	struct pp_evlog_info info;
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	size_t n = read_file(path);
	check(buf, n, PP_EVLOG_COUNT_ANY, &info);
	printf("log: %u bytes, %u events, launch type %u, drtm %s\n", info.len, info.events,
	       info.launch_type, info.drtm ? "yes" : "no");
	for (u32 k = 0; k < info.nalgs; k++)
		printf("bank %s (%u bytes)\n", pp_evlog_alg_name(info.algs[k].alg),
		       info.algs[k].size);
	pp_evlog_iter_init(&it, buf, &info);
	while (pp_evlog_iter_next(&it, &ev))
		printf("event %u @%u: pcr %u type 0x%x data %u bytes\n", ev.index, ev.off, ev.pcr,
		       ev.type, ev.data_len);
	return 0;
}

static int cmd_strip(const char *in, const char *out)
{
	static u8 copy[PP_EVLOG_MAX_SIZE];
	struct pp_evlog_info info;
	struct pp_evlog_iter it;
	struct pp_evlog_event ev;
	size_t n = read_file(in);
	check(buf, n, PP_EVLOG_COUNT_ANY, &info);
	u32 len = info.header_len;
	memcpy(copy, buf, len);
	pp_evlog_iter_init(&it, buf, &info);
	while (pp_evlog_iter_next(&it, &ev)) {
		if (ev.type == PP_EV_NO_ACTION)
			continue;
		memcpy(copy + len, buf + ev.off, ev.size);
		len += ev.size;
	}
	write_file(out, copy, len);
	return 0;
}

static int cmd_seeds(const char *dir)
{
	static u8 log[1 << 17];
	char path[4096];
	struct pp_evlog l;
	struct pp_evlog_digests d;
	const u16 s256[] = {PP_ALG_SHA256};
	const u16 s384[] = {PP_ALG_SHA384, PP_ALG_SHA256};
	const u16 fw[] = {PP_ALG_SHA1, PP_ALG_SHA256, PP_ALG_SHA384, PP_ALG_SHA512};
	u32 n;

#define SEED(name, len)                                                                            \
	do {                                                                                       \
		snprintf(path, sizeof(path), "%s/%s", dir, name);                                  \
		write_file(path, log, len);                                                        \
	} while (0)

	n = make_sample(log, sizeof(log), both, 2);
	SEED("sample-sha256-sha384.bin", n);
	n = make_drtm(log, sizeof(log), both, 2, PP_EVLOG_LAUNCH_EMULATED);
	SEED("drtm-emulated.bin", n);
	n = make_drtm(log, sizeof(log), s256, 1, PP_EVLOG_LAUNCH_SKINIT);
	SEED("drtm-skinit-sha256.bin", n);

	pp_evlog_init(&l, log, sizeof(log), s384, 2, NULL, 0);
	pp_evlog_startup_locality(&l, 3);
	pp_evlog_measure(&l, 0, PP_EV_POST_CODE, "crtm", 4, "crtm", 4, NULL);
	pp_evlog_launch_marker(&l, PP_EVLOG_LAUNCH_STATIC);
	pp_evlog_measure(&l, 17, 0x601, "hv", 2, "hv", 2, NULL);
	pp_evlog_no_action(&l, 5, "note", 4);
	must(&l);
	SEED("locality-static.bin", l.len);

	/* firmware-like: four banks (sha1/256/384/512), caller-supplied digests */
	pp_evlog_init(&l, log, sizeof(log), fw, 4, NULL, 0);
	pp_evlog_zero_digests(&l, &d);
	for (u32 i = 0; i < 8; i++) {
		for (u32 k = 0; k < d.count; k++)
			memset(d.v[k].bytes, (int)(i + k + 1), d.v[k].size);
		pp_evlog_append(&l, i, PP_EV_POST_CODE, &d, "fw", 2);
	}
	must(&l);
	SEED("firmware-4banks.bin", l.len);

	pp_evlog_init(&l, log, sizeof(log), s256, 1, NULL, 0);
	must(&l);
	SEED("header-only.bin", l.len);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "sample"))
		return cmd_sample(argv[2], false);
	if (argc == 3 && !strcmp(argv[1], "sample-drtm"))
		return cmd_sample(argv[2], true);
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "replay"))
		return cmd_replay(argv[2], argc == 4 ? argv[3] : NULL);
	if (argc == 3 && !strcmp(argv[1], "dump"))
		return cmd_dump(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "strip-noaction"))
		return cmd_strip(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "seeds"))
		return cmd_seeds(argv[2]);
	fprintf(stderr, "usage: evlog-tool sample|sample-drtm OUT | replay LOG [COUNT] | dump LOG |"
			" strip-noaction IN OUT | seeds DIR\n");
	return 2;
}
