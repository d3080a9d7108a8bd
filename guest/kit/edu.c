// SPDX-License-Identifier: GPL-2.0-only
/* The edu DMA device driver (edu.h). */
#include "edu.h"
#include "cap.h"
#include "hc.h"
#include "tsc.h"

#define PTE_P 0x1ull
#define PTE_RW 0x2ull
#define PTE_PWT 0x8ull
#define PTE_PCD 0x10ull
#define PTE_PS 0x80ull
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull
#define PAGE_2M 0x200000ull

/* A page directory for BAR0's 1 GiB slot if the boot tables have none
 * (.bss: identity mapped, so its address is its gpa; zeroed by crt0). */
static uint64_t edu_pd[512] __attribute__((aligned(4096)));
static int edu_pd_used;

/*
 * BAR0 reachable at its gpa in the partition's own identity tables (boot
 * tables: docs/partitions.md, "Boot state"): an existing 2 MiB or 1 GiB
 * mapping is used as it is (the boot tables map MMIO regions PCD|PWT);
 * otherwise its 2 MiB page is mapped RW, NX, PCD|PWT. 0 or GK_EDU_EMAP.
 */
static int edu_map(uint64_t base, uint64_t size)
{
	uint64_t first = base & ~(PAGE_2M - 1), last = (base + size - 1) & ~(PAGE_2M - 1);
	uint64_t cr3;
	if (first != last || base >> 39)
		return GK_EDU_EMAP; /* one 2 MiB page, under PML4 entry 0 */
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t *pml4 = (uint64_t *)(uintptr_t)(cr3 & PTE_ADDR);
	if (!(pml4[0] & PTE_P))
		return GK_EDU_EMAP;
	uint64_t *pdpt = (uint64_t *)(uintptr_t)(pml4[0] & PTE_ADDR);
	uint64_t *e = &pdpt[(base >> 30) & 511];
	if ((*e & (PTE_P | PTE_PS)) == (PTE_P | PTE_PS))
		return 0; /* a 1 GiB page: already mapped */
	if (!(*e & PTE_P)) {
		if (edu_pd_used)
			return GK_EDU_EMAP;
		edu_pd_used = 1;
		*e = (uint64_t)(uintptr_t)edu_pd | PTE_P | PTE_RW;
	}
	uint64_t *pd = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	uint64_t *pde = &pd[(base >> 21) & 511];
	if (*pde & PTE_P)
		return (*pde & PTE_PS) ? 0 : GK_EDU_EMAP; /* 4 KiB tables: not ours */
	*pde = first | PTE_P | PTE_RW | PTE_PWT | PTE_PCD | PTE_PS | PTE_NX;
	__asm__ volatile("invlpg (%0)" : : "r"(first) : "memory");
	return 0;
}

static uint64_t rd64(const struct gk_edu *edu, unsigned reg)
{
	return *(volatile uint64_t *)(uintptr_t)(edu->base + reg);
}

static void wr64(const struct gk_edu *edu, unsigned reg, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)(edu->base + reg) = v;
}

int64_t gk_edu_open(uint64_t index, struct gk_edu *edu)
{
	uint64_t bdf, base, size;
	int64_t st = gk_hc_dev_info(index, 0, &bdf, &base, &size);
	if (st != PP_HC_OK)
		return st;
	if (!base || size < GK_EDU_REG_DMA_CMD + 8 || base + size < base)
		return GK_EDU_ENOBAR;
	if (edu_map(base, size) != 0)
		return GK_EDU_EMAP;
	edu->bdf = bdf;
	edu->base = base;
	edu->size = size;
	edu->id = *(volatile uint32_t *)(uintptr_t)(base + GK_EDU_REG_ID);
	if ((edu->id & 0xffu) != GK_EDU_ID_MAGIC)
		return GK_EDU_EID;
	return 0;
}

static int dma(const struct gk_edu *edu, int to_ram, uint64_t addr, uint64_t len, uint64_t *ms);

int gk_edu_dma(const struct gk_edu *edu, int to_ram, uint64_t addr, uint64_t len, uint64_t *ms)
{
	if (!len || len > GK_EDU_BUF_SIZE || addr > GK_EDU_ADDR_MASK ||
	    addr + len - 1 > GK_EDU_ADDR_MASK)
		return GK_EDU_EARG;
	return dma(edu, to_ram, addr, len, ms);
}

int gk_edu_dma_raw(const struct gk_edu *edu, uint64_t addr, uint64_t len, uint64_t *ms)
{
	if (!len || len > GK_EDU_BUF_SIZE || addr > 0xffffffffull)
		return GK_EDU_EARG;
	return dma(edu, 1, addr, len, ms);
}

void gk_edu_irq_raise(const struct gk_edu *edu, uint32_t bits)
{
	*(volatile uint32_t *)(uintptr_t)(edu->base + GK_EDU_REG_IRQ_RAISE) = bits;
}

void gk_edu_irq_ack(const struct gk_edu *edu, uint32_t bits)
{
	*(volatile uint32_t *)(uintptr_t)(edu->base + GK_EDU_REG_IRQ_ACK) = bits;
}

static int dma(const struct gk_edu *edu, int to_ram, uint64_t addr, uint64_t len, uint64_t *ms)
{
	if (rd64(edu, GK_EDU_REG_DMA_CMD) & GK_EDU_CMD_START)
		return GK_EDU_EBUSY; /* the device ignores register writes meanwhile */
	wr64(edu, GK_EDU_REG_DMA_SRC, to_ram ? GK_EDU_BUF : addr);
	wr64(edu, GK_EDU_REG_DMA_DST, to_ram ? addr : GK_EDU_BUF);
	wr64(edu, GK_EDU_REG_DMA_CNT, len);
	uint64_t start = gk_now_ms();
	wr64(edu, GK_EDU_REG_DMA_CMD, GK_EDU_CMD_START | (to_ram ? GK_EDU_CMD_TO_RAM : 0));
	for (;;) {
		uint64_t waited = gk_now_ms() - start;
		if (!(rd64(edu, GK_EDU_REG_DMA_CMD) & GK_EDU_CMD_START)) {
			if (ms)
				*ms = waited;
			return 0;
		}
		if (waited >= GK_EDU_TIMEOUT_MS)
			return GK_EDU_ETIMEOUT;
		gk_delay_ms(1);
	}
}

const char *gk_edu_status_name(int64_t status)
{
	switch (status) {
	case GK_EDU_ENOBAR: return "BAR0 not a mapped memory BAR";
	case GK_EDU_EMAP: return "BAR0 cannot be mapped in its own page tables";
	case GK_EDU_EID: return "not an edu device (ID register)";
	case GK_EDU_EBUSY: return "a transfer still running";
	case GK_EDU_ETIMEOUT: return "transfer never completed";
	case GK_EDU_EARG: return "bad length or address";
	default: return gk_status_name(status);
	}
}
