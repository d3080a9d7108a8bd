// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host tool for tests/linux/bzimage-check.sh: the boot-protocol parser's
 * view of a real bzImage (hypervisor/core/linux/bzimage.c), then the layout
 * and zero page a Linux partition of --ram MiB (default 256) would start
 * with. Prints "key value" lines; exits 1 with the parser's message when it
 * refuses the image. The file is trusted no more than a boot module.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hypervisor/core/linux/bzimage.h"
#include "hypervisor/core/linux/layout.h"
#include "hypervisor/core/linux/zeropage.h"

#define MB (1024ull * 1024)

static u8 *slurp(const char *path, u64 *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	u8 *buf = NULL;
	size_t cap = 0, n = 0, got;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			u8 *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return buf;
}

static int show_layout(const u8 *img, u64 len, const struct lnx_bzimage *b, u64 ram_mb)
{
	static const char cmdline[] = "console=ttyS0,115200 quiet";
	struct lnx_layout_req req = {.ram_size = ram_mb * MB,
				     .cmdline_len = sizeof(cmdline) - 1,
				     .initrd_size = 32 * MB,
				     .evlog_size = 0x10000};
	struct lnx_layout l;
	struct lnx_e820 e[LNX_E820_MAX];
	u32 n;
	struct pp_err err;
	static u8 zp[LNX_ZP_SIZE];
	if (lnx_layout_plan(b, &req, &l, &err) || lnx_e820_build(l.mem, l.nmem, e, &n, &err)) {
		printf("layout_refused %s\n", err.msg);
		return 1;
	}
	struct lnx_zp_args a = {.cmdline_gpa = l.cmdline,
				.initrd_gpa = l.initrd,
				.initrd_size = l.initrd_size,
				.rsdp_gpa = l.acpi,
				.e820 = e,
				.n_e820 = n};
	if (lnx_zeropage_build(zp, img, len, b, &a, &err)) {
		printf("zeropage_refused %s\n", err.msg);
		return 1;
	}
	printf("layout_ram 0x%llx\n", (unsigned long long)req.ram_size);
	printf("layout_kernel 0x%llx-0x%llx\n", (unsigned long long)l.kernel_load,
	       (unsigned long long)l.kernel_end);
	printf("layout_rip 0x%llx\nlayout_rsi 0x%llx\n", (unsigned long long)l.rip,
	       (unsigned long long)l.rsi);
	printf("layout_initrd 0x%llx-0x%llx\n", (unsigned long long)l.initrd,
	       (unsigned long long)l.initrd + l.initrd_size);
	printf("layout_pt_pages %u\n", l.pt_pages);
	for (u32 i = 0; i < n; i++)
		printf("e820 0x%llx-0x%llx type %u\n", (unsigned long long)e[i].addr,
		       (unsigned long long)e[i].addr + e[i].size, e[i].type);
	printf("zeropage_hdr_copied 0x%x bytes\n", b->hdr_end - LNX_HDR_OFF);
	return 0;
}

int main(int argc, char **argv)
{
	u64 ram_mb = 256, len = 0;
	if (argc == 4 && !strcmp(argv[2], "--ram"))
		ram_mb = strtoull(argv[3], NULL, 0);
	else if (argc != 2) {
		fprintf(stderr, "usage: %s BZIMAGE [--ram MIB]\n", argv[0]);
		return 2;
	}
	u8 *img = slurp(argv[1], &len);
	if (!img) {
		perror(argv[1]);
		return 2;
	}
	struct lnx_bzimage b;
	struct pp_err err;
	if (lnx_bzimage_parse(img, len, &b, &err)) {
		printf("refused %s\n", err.msg);
		free(img);
		return 1;
	}
	printf("file_size 0x%llx\n", (unsigned long long)len);
	printf("protocol %u.%02u\n", (unsigned)b.version >> 8, (unsigned)b.version & 0xffu);
	printf("setup_sects %u\n", b.setup_sects);
	printf("header_end 0x%x\n", b.hdr_end);
	printf("kernel_off 0x%llx\nkernel_len 0x%llx\n", (unsigned long long)b.kernel_off,
	       (unsigned long long)b.kernel_len);
	printf("trailing 0x%llx\n", (unsigned long long)(len - b.kernel_off - b.kernel_len));
	printf("loadflags 0x%02x\nxloadflags 0x%02x\n", b.loadflags, b.xloadflags);
	printf("relocatable yes\n");
	printf("kernel_alignment 0x%x\nmin_alignment %u\n", b.kernel_alignment, b.min_alignment);
	printf("pref_address 0x%llx\n", (unsigned long long)b.pref_address);
	printf("init_size 0x%x\n", b.init_size);
	printf("cmdline_size %u\n", b.cmdline_size);
	printf("initrd_addr_max 0x%x\n", b.initrd_addr_max);
	int rc = show_layout(img, len, &b, ram_mb);
	free(img);
	return rc;
}
