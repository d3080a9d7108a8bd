// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-dma`: the DMA attack guest (attack.h; docs/guest-kit.md, "DMA
 * attack guest"; issue 11). Its partition owns the edu device (edu.h) and
 * 16 MiB of RAM at gpa 0 with `dma yes`; its device's DMA domain maps
 * exactly that RAM at the same addresses. It
 *   1. finds BAR0 with PP_HC_DEV_INFO(0, 0) and prints it;
 *   2. fills page P with a 2 KiB pattern (GK_EDU_BUF_SIZE; xorshift64* from DMA_SEED,
 *      little-endian words: bytes that occur nowhere else), copies it
 *      into the device (RAM -> device), then zeroes P: from then on the
 *      pattern exists only inside the device;
 *   3. copies it back into page T (device -> RAM) and checks T against the
 *      pattern regenerated from the seed (no copy kept): `dma: own memory
 *      at gpa 0x..: landed`;
 *   4. aims 2 KiB device -> RAM transfers at addresses it must not reach:
 *      the gpa just above its RAM (16 MiB, unmapped) and every 16 MiB from
 *      32 MiB to 240 MiB (the hypervisor, the other partitions and the
 *      event logs all lie below 256 MiB with -m 1G), `dma: aimed at 0x..:
 *      done` after each completed; re-checks T;
 *   5. reads its own DMA fault log (a faultlog-read capability) and prints
 *      it, `dma: fault log: ...` (print_faults); `dma: done`;
 * then prints heartbeats. Where the pattern ended up is for the test to
 * find (tests/qemu/dma-lib.sh: a memory dump must hold it exactly once, in
 * T's host page). Any failure is one precise line and `dma: failed`.
 */
#include <parapet/faultlog.h>
#include "attack.h"
#include "kit/edu.h"
#include "kit/gk.h"

/* The seed of the pattern; tests/qemu/dma-lib.sh regenerates it. */
#define DMA_SEED 0x9e3779b97f4a7c15ull
#define DMA_RAM_END 0x1000000ull /* its RAM: 16 MiB at gpa 0 (the policy) */
#define DMA_SWEEP_STEP 0x1000000ull
#define DMA_SWEEP_END 0xf000000ull /* 240 MiB: the last target */
/* Its fault log's mapping: outside its RAM, where service maps its log. */
#define DMA_FAULTLOG_GPA 0x2000000ull
#define DMA_FAULTLOG_WAIT_MS 3000u /* for the hypervisor to drain the unit */

/* .bss, identity mapped: the address is the gpa. */
static uint8_t page_p[GK_EDU_BUF_SIZE] __attribute__((aligned(4096)));
static uint8_t page_t[GK_EDU_BUF_SIZE] __attribute__((aligned(4096)));

static uint64_t next(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545f4914f6cdd1dull;
}

static void fill(uint8_t *p)
{
	uint64_t x = DMA_SEED;
	for (unsigned i = 0; i < GK_EDU_BUF_SIZE; i += 8) {
		uint64_t v = next(&x);
		for (unsigned b = 0; b < 8; b++)
			p[i + b] = (uint8_t)(v >> (8 * b));
	}
}

/* The offset of the first byte of p that differs from the pattern, or
 * GK_EDU_BUF_SIZE if none does. */
static unsigned mismatch(const volatile uint8_t *p)
{
	uint64_t x = DMA_SEED;
	for (unsigned i = 0; i < GK_EDU_BUF_SIZE; i += 8) {
		uint64_t v = next(&x);
		for (unsigned b = 0; b < 8; b++)
			if (p[i + b] != (uint8_t)(v >> (8 * b)))
				return i + b;
	}
	return GK_EDU_BUF_SIZE;
}

static int check_t(const char *when)
{
	unsigned at = mismatch(page_t);
	if (at == GK_EDU_BUF_SIZE)
		return 0;
	gk_printf("dma: own memory at gpa 0x%llx: %s: differs from the pattern at offset 0x%x "
		  "(0x%02x)\n",
		  (unsigned long long)(uintptr_t)page_t, when, at, page_t[at]);
	return -1;
}

static int xfer(const struct gk_edu *edu, int to_ram, uint64_t addr, const char *what)
{
	uint64_t ms = 0;
	int st = gk_edu_dma(edu, to_ram, addr, GK_EDU_BUF_SIZE, &ms);
	if (st != 0) {
		gk_printf("dma: %s (%s 0x%llx): %s\n", what, to_ram ? "to" : "from",
			  (unsigned long long)addr, gk_edu_status_name(st));
		return -1;
	}
	return 0;
}

static int run(void)
{
	struct gk_edu edu;
	int64_t st = gk_edu_open(0, &edu);
	if (st != 0) {
		gk_printf("dma: device 0 BAR0: %s (%lld)\n", gk_edu_status_name(st), (long long)st);
		return -1;
	}
	gk_printf("dma: device 0 %04llx:%02llx:%02llx.%llx BAR0 at gpa 0x%llx size 0x%llx, id "
		  "0x%08x\n",
		  (unsigned long long)(edu.bdf >> 16), (unsigned long long)(edu.bdf >> 8 & 0xff),
		  (unsigned long long)(edu.bdf >> 3 & 0x1f), (unsigned long long)(edu.bdf & 7),
		  (unsigned long long)edu.base, (unsigned long long)edu.size, edu.id);

	fill(page_p);
	if (xfer(&edu, 0, (uint64_t)(uintptr_t)page_p, "pattern into the device") != 0)
		return -1;
	for (unsigned i = 0; i < GK_EDU_BUF_SIZE; i++)
		((volatile uint8_t *)page_p)[i] = 0;
	gk_printf("dma: pattern (seed 0x%llx) in the device, its copy at gpa 0x%llx zeroed\n",
		  (unsigned long long)DMA_SEED, (unsigned long long)(uintptr_t)page_p);

	if (xfer(&edu, 1, (uint64_t)(uintptr_t)page_t, "own memory") != 0 ||
	    check_t("after its own transfer") != 0)
		return -1;
	gk_printf("dma: own memory at gpa 0x%llx: landed\n", (unsigned long long)(uintptr_t)page_t);

	for (uint64_t a = DMA_RAM_END; a <= DMA_SWEEP_END; a += DMA_SWEEP_STEP) {
		if (xfer(&edu, 1, a, "aimed") != 0)
			return -1;
		gk_printf("dma: aimed at 0x%llx: done\n", (unsigned long long)a);
	}
	if (check_t("after the aimed transfers") != 0)
		return -1;
	gk_printf("dma: own memory at gpa 0x%llx: still the pattern\n",
		  (unsigned long long)(uintptr_t)page_t);
	return 0;
}

static uint8_t fl_buf[FL_PAGE_SIZE];
static struct fl_view fl_view;

static const char *fl_access(unsigned a)
{
	static const char *const words[8] = {"access",	   "read",	     "write",
					     "read/write", "exec",	     "read/exec",
					     "write/exec", "read/write/exec"};
	return words[a & FL_ACC_ALL];
}

/*
 * Its own DMA fault log (docs/iommu-faults.md): PP_HC_LOG_MAP of
 * PP_HC_LOG_FAULT with its faultlog-read capability at DMA_FAULTLOG_GPA,
 * copied by the sequence protocol and validated (fl_copy, fl_read: the
 * page is the hypervisor's, read as untrusted bytes) every 50 ms until it
 * counts `want` faults or DMA_FAULTLOG_WAIT_MS passed (the hypervisor
 * drains the unit's records a little after each fault). Prints the
 * header's counts and one line per entry; or why it cannot.
 */
static void print_faults(uint64_t want)
{
	struct gk_cap cap;
	struct pp_err err;
	uint64_t len = 0;
	if (gk_cap_find(PP_HC_CAP_FAULTLOG_READ, PP_HC_RIGHT_USE, 0, &cap) != 0) {
		gk_printf("dma: fault log: not readable: no faultlog-read capability\n");
		return;
	}
	int64_t st = gk_hc_log_map(cap.sel, PP_HC_LOG_FAULT, DMA_FAULTLOG_GPA, &len);
	if (st != PP_HC_OK || len < FL_HDR_SIZE || len > FL_PAGE_SIZE) {
		gk_printf("dma: fault log: map at 0x%llx: %s, length %llu\n",
			  (unsigned long long)DMA_FAULTLOG_GPA, gk_status_name(st),
			  (unsigned long long)len);
		return;
	}
	if (attack_map_2m(DMA_FAULTLOG_GPA) != 0) {
		gk_printf("dma: fault log: cannot map 0x%llx in its own tables\n",
			  (unsigned long long)DMA_FAULTLOG_GPA);
		return;
	}
	uint64_t start = gk_now_ms();
	for (;;) {
		if (fl_copy((const volatile u8 *)(uintptr_t)DMA_FAULTLOG_GPA, fl_buf, (u32)len, 8,
			    &err) != 0 ||
		    fl_read(fl_buf, (u32)len, &fl_view, &err) != 0) {
			gk_printf("dma: fault log: refused: %s\n", err.msg);
			return;
		}
		if (fl_view.h.total >= want || gk_now_ms() - start >= DMA_FAULTLOG_WAIT_MS)
			break;
		gk_delay_ms(50);
	}
	gk_printf("dma: fault log: %llu fault(s), %u entries, %llu dropped\n",
		  (unsigned long long)fl_view.h.total, fl_view.h.count,
		  (unsigned long long)fl_view.h.dropped);
	for (u32 i = 0; i < fl_view.h.count; i++) {
		const struct fl_entry *e = &fl_view.e[i];
		gk_printf("dma: fault log: %04x:%02x:%02x.%u %s at 0x%llx: %s code %u, count %u\n",
			  e->seg, e->rid >> 8, (e->rid >> 3) & 0x1fu, e->rid & 7u,
			  fl_access(e->access), (unsigned long long)e->last_addr,
			  e->unit == 1u ? "amd-vi" : "vt-d", e->code, e->count);
	}
}

int main(void)
{
	gk_printf("probe-dma: start\n");
	if (run() == 0) {
		print_faults((DMA_SWEEP_END - DMA_RAM_END) / DMA_SWEEP_STEP + 1);
		gk_printf("dma: done\n");
	} else
		gk_printf("dma: failed\n");
	attack_heartbeats();
}
