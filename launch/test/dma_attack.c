// SPDX-License-Identifier: GPL-2.0-only
/*
 * TEST ONLY: the launch-window DMA attack (issue 11, acceptance "The launch
 * window"; tests/qemu/cases/launch-window-uefi.sh, docs/testing.md). Linked
 * only into build/test/launch-dma-attack/launch.elf (launch/test/sources.mk),
 * never into the shipped build/launch/launch.elf: the test greps both.
 *
 * launch is the untrusted pre-launch stage, so this is exactly what a
 * compromised launch could do. The link wraps drtm_emulated_skinit and
 * launch_enter_sl (ld --wrap): before the emulated DRTM measures the SLB
 * (steps 1-3) and right before the SL is entered (steps 4-5), this code
 *   1. finds QEMU's edu device (1234:11e8) on bus 0 through 0xCF8/0xCFC,
 *      enables Memory Space and Bus Master, reads BAR0;
 *   2. fills 0x800 bytes of launch memory with a pattern (xorshift64*
 *      from DMA_ATTACK_SEED, little-endian words), copies it into the
 *      device's buffer (RAM -> device, 100 ms) and zeroes the RAM copy:
 *      the pattern then exists only inside the device; prints how many
 *      TSC ticks that transfer took (edu's timer measured by the TSC: the
 *      test's second yardstick beside the hypervisor's calibration);
 *   3. computes the secure loader's copy area the way the SL will
 *      (launch/sl/stage.c: the same sizing, the same sl_area_find over the
 *      same handoff, read through the SL's parameter block), whose first
 *      page-aligned slot holds module 0's copy;
 *   4. as launch's last act (on hardware: right before SKINIT), arms a
 *      device -> RAM transfer of the pattern at the last 0x800
 *      bytes (8-aligned) of module 0's copy (measured bytes; in today's
 *      hypervisor ELF, module 0, also PT_LOAD bytes the SL loads), which
 *      QEMU completes on a 100 ms virtual-time timer, while the SL runs;
 *   5. prints `launch: dma attack: armed at tsc 0x.., aimed at 0x..` and
 *      enters the SL as launch_enter_sl would.
 * Without a DMA guard in the SL the transfer lands in the copy (after the
 * SL copied it: the pattern is in memory, or before it measured: PCR 17
 * differs); with the guard the IOMMU blocks it.
 * Trust: none needed; every failure stops the boot with a precise PANIC.
 * QEMU's edu masks DMA addresses to 28 bits unless started with
 * dma_mask=0xffffffff (the test does: a real device reaches all of RAM).
 */
#include <parapet/acpi_walk.h>
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "launch/console.h"
#include "launch/drtm/emulated.h"
#include "launch/sl/stage.h"

/* the pattern's seed; tests/qemu/cases/launch-window-uefi.sh regenerates it */
#define DMA_ATTACK_SEED 0x243f6a8885a308d3ull
#define PCI_CFG_ADDR 0xcf8
#define PCI_CFG_DATA 0xcfc
#define PCI_VENDOR_EDU 0x1234u
#define PCI_DEVICE_EDU 0x11e8u
#define PCI_COMMAND 0x04u
#define PCI_CMD_MEM (1u << 1)
#define PCI_CMD_MASTER (1u << 2)
#define PCI_BAR0 0x10u
#define PCI_BAR_IO 0x1u
#define PCI_BAR_TYPE 0x6u
#define PCI_BAR_64 0x4u
/* edu BAR0 registers (QEMU docs/specs/edu.rst; guest/kit/edu.h) */
#define EDU_REG_ID 0x00u
#define EDU_REG_DMA_SRC 0x80u
#define EDU_REG_DMA_DST 0x88u
#define EDU_REG_DMA_CNT 0x90u
#define EDU_REG_DMA_CMD 0x98u
#define EDU_CMD_START 0x1u
#define EDU_CMD_TO_RAM 0x2u
#define EDU_BUF 0x40000ull
/* QEMU 7.2 exits on a transfer ending at the buffer's end: half of it */
#define EDU_LEN 0x800u
#define EDU_WAIT 50000000u /* port-0x80 writes: a bound (~50 s on hardware) for 100 ms */
#define PAGE 0x1000ull
/* the SL's own region, with the DMA guard's tables once they exist (stage.c) */
#ifdef SL_DMA_END
#define SL_AREA_FORBID_END SL_DMA_END
#else
#define SL_AREA_FORBID_END SL_REGION_END
#endif

static u8 pattern_buf[EDU_LEN] __attribute__((aligned(4096)));

/* The SL maps physical memory 1:1; so does launch (0-4 GiB). */
u8 *sl_phys(u64 pa, u64 len)
{
	if (!len || pa + len < pa || pa + len > SL_AREA_MAX)
		return NULL;
	return (u8 *)(uintptr_t)pa;
}

static u32 cfg_read32(u32 dev, u32 off)
{
	outl(PCI_CFG_ADDR, 0x80000000u | dev << 11 | (off & 0xfcu));
	return inl(PCI_CFG_DATA);
}

static void cfg_write32(u32 dev, u32 off, u32 v)
{
	outl(PCI_CFG_ADDR, 0x80000000u | dev << 11 | (off & 0xfcu));
	outl(PCI_CFG_DATA, v);
}

/* edu's BAR0 on bus 0 (function 0), with Memory Space and Bus Master on. */
static volatile u8 *edu_find(u32 *slot)
{
	for (u32 dev = 0; dev < 32; dev++) {
		u32 id = cfg_read32(dev, 0);
		if (id != (PCI_DEVICE_EDU << 16 | PCI_VENDOR_EDU))
			continue;
		u32 bar = cfg_read32(dev, PCI_BAR0);
		u64 base = bar & ~0xfull;
		if (bar & PCI_BAR_IO)
			launch_failf(PP_EDEVICE,
				     "dma attack: edu 00:%02x.0 BAR0 0x%x is not memory", dev, bar);
		if ((bar & PCI_BAR_TYPE) == PCI_BAR_64)
			base |= (u64)cfg_read32(dev, PCI_BAR0 + 4) << 32;
		if (!base || base >= SL_AREA_MAX)
			launch_failf(
			    PP_EDEVICE,
			    "dma attack: edu 00:%02x.0 BAR0 0x%llx not assigned below 4 GiB", dev,
			    (unsigned long long)base);
		u32 cmd = cfg_read32(dev, PCI_COMMAND);
		cfg_write32(dev, PCI_COMMAND, (cmd & 0xffffu) | PCI_CMD_MEM | PCI_CMD_MASTER);
		*slot = dev;
		return (volatile u8 *)(uintptr_t)base;
	}
	launch_failf(PP_ENOENT, "dma attack: no edu device (%04x:%04x) on PCI bus 0",
		     PCI_VENDOR_EDU, PCI_DEVICE_EDU);
}

static u64 next(u64 *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545f4914f6cdd1dull;
}

static void edu_wait(volatile u8 *bar, const char *what)
{
	for (u32 i = 0; i < EDU_WAIT; i++) {
		if (!(mmio_read64(bar + EDU_REG_DMA_CMD) & EDU_CMD_START))
			return;
		outb(0x80, 0);
	}
	launch_failf(PP_ETIMEOUT, "dma attack: edu transfer (%s) never completed", what);
}

static void edu_start(volatile u8 *bar, u64 src, u64 dst, u32 cmd)
{
	mmio_write64(bar + EDU_REG_DMA_SRC, src);
	mmio_write64(bar + EDU_REG_DMA_DST, dst);
	mmio_write64(bar + EDU_REG_DMA_CNT, EDU_LEN);
	mmio_write64(bar + EDU_REG_DMA_CMD, cmd);
}

/* Step 2: the pattern into the device, then nowhere in RAM. */
static void edu_load_pattern(volatile u8 *bar)
{
	volatile u8 *p = pattern_buf;
	u64 x = DMA_ATTACK_SEED;
	for (u32 i = 0; i < EDU_LEN; i += 8) {
		u64 v = next(&x);
		for (u32 b = 0; b < 8; b++)
			p[i + b] = (u8)(v >> (8 * b));
	}
	x = 0;
	edu_wait(bar, "busy before the start");
	const u64 t0 = rdtsc();
	edu_start(bar, (u64)(uintptr_t)pattern_buf, EDU_BUF, EDU_CMD_START);
	edu_wait(bar, "RAM to device");
	const u64 t1 = rdtsc();
	for (u32 i = 0; i < EDU_LEN; i++)
		p[i] = 0;
	/* edu's own clock: its 100 ms timer in TSC ticks, right before the attack */
	launch_printf("dma attack: pattern loaded; the transfer took 0x%llx TSC ticks (edu's "
		      "100 ms timer)",
		      (unsigned long long)(t1 - t0));
}

static int acpi_size(void *ctx, u64 phys, const u8 *t, u32 len, bool root, struct pp_err *err)
{
	u64 *total = ctx;
	(void)phys, (void)t, (void)root, (void)err;
	*total += (len + 7u) & ~7u;
	return 0;
}

static const u8 *acpi_map(u64 phys, u64 len, void *ctx)
{
	(void)ctx;
	return sl_phys(phys, len);
}

static u64 page_up(u64 v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

/* Step 3: the copy area exactly as sl_stage_area (launch/sl/stage.c) will
 * place it, from the handoff the parameter block names. */
static u64 sl_copy_base(const struct pp_handoff **hp)
{
	struct sl_params_info info;
	struct sl_range forb[PP_HANDOFF_MAX_MODULES + 3];
	struct pp_err err = {0, ""};
	u64 size = 0, acpi = 0, base = 0;
	u32 nf = 0;

	if (sl_params_check((const u8 *)(uintptr_t)SL_PARAMS_BASE, (u32)sizeof(struct sl_params),
			    &info, &err))
		launch_failf(err.code, "dma attack: parameter block: %s", err.msg);
	const struct pp_handoff *h = (const struct pp_handoff *)(uintptr_t)info.handoff_pa;
	const struct pp_module *mod = pp_handoff_modules(h);
	if (!h->mod_count)
		launch_failf(PP_ENOENT, "dma attack: the handoff has no module");
	for (u32 i = 0; i < h->mod_count; i++) {
		size += page_up(mod[i].length);
		forb[nf++] = (struct sl_range){mod[i].base, mod[i].length};
	}
	if (h->rsdp_len)
		(void)acpi_walk(h->rsdp, h->rsdp_len, acpi_map, NULL, acpi_size, &acpi, NULL, &err);
	size += page_up(acpi);
	forb[nf++] = (struct sl_range){SL_REGION_BASE, SL_AREA_FORBID_END - SL_REGION_BASE};
	forb[nf++] = (struct sl_range){h->launch_base, h->launch_size};
	forb[nf++] = (struct sl_range){h->hv_base, h->hv_size};
	if (sl_area_find(pp_handoff_mmap(h), h->mmap_count, forb, nf, size, &base, &err))
		launch_failf(err.code, "dma attack: %s", err.msg);
	*hp = h;
	return base;
}

/* What the first hook prepared for the second. */
static volatile u8 *attack_bar;
static u64 attack_aim;

int __real_drtm_emulated_skinit(u32 slb_base, struct pp_err *err);
int __wrap_drtm_emulated_skinit(u32 slb_base, struct pp_err *err);
PP_NORETURN void __real_launch_enter_sl(u32 slb_base, u32 clear_gif);
PP_NORETURN void __wrap_launch_enter_sl(u32 slb_base, u32 clear_gif);

/* Steps 1-3, before the harness measures the SLB. */
int __wrap_drtm_emulated_skinit(u32 slb_base, struct pp_err *err)
{
	const struct pp_handoff *h = NULL;
	u32 slot = 0;
	volatile u8 *bar = edu_find(&slot);
	u32 id = mmio_read32(bar + EDU_REG_ID);
	if ((id & 0xffu) != 0xed)
		launch_failf(PP_EDEVICE, "dma attack: edu 00:%02x.0 ID register 0x%x", slot, id);
	edu_load_pattern(bar);
	const u64 copy = sl_copy_base(&h);
	const u64 len0 = pp_handoff_modules(h)[0].length;
	if (len0 < EDU_LEN)
		launch_failf(PP_ERANGE, "dma attack: module 0 is only %llu bytes",
			     (unsigned long long)len0);
	attack_aim = copy + ((len0 - EDU_LEN) & ~7ull);
	attack_bar = bar;
	launch_printf("dma attack: edu 00:%02x.0 BAR0 0x%llx; module 0's copy will be "
		      "0x%llx+0x%llx",
		      slot, (unsigned long long)(uintptr_t)bar, (unsigned long long)copy,
		      (unsigned long long)len0);
	return __real_drtm_emulated_skinit(slb_base, err);
}

/* Steps 4-5, the last thing before the SL runs (after the emulated SKINIT's
 * measurement: on hardware, right before SKINIT). */
PP_NORETURN void __wrap_launch_enter_sl(u32 slb_base, u32 clear_gif)
{
	volatile u8 *bar = attack_bar;
	if (!bar)
		launch_failf(PP_ENOENT, "dma attack: not prepared (no emulated DRTM ran)");
	/* read before the start: the transfer fires no earlier than 100 ms after */
	const u64 tsc = rdtsc();
	edu_start(bar, EDU_BUF, attack_aim, EDU_CMD_START | EDU_CMD_TO_RAM);
	if (!(mmio_read64(bar + EDU_REG_DMA_CMD) & EDU_CMD_START))
		launch_failf(PP_EDEVICE, "dma attack: edu did not start the transfer to 0x%llx",
			     (unsigned long long)attack_aim);
	launch_printf("dma attack: armed at tsc 0x%llx, aimed at 0x%llx (0x%x bytes)",
		      (unsigned long long)tsc, (unsigned long long)attack_aim, EDU_LEN);
	__real_launch_enter_sl(slb_base, clear_gif);
}
