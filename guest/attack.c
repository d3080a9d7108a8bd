// SPDX-License-Identifier: GPL-2.0-only
/* Helpers of the attack guests (attack.h). */
#include "attack.h"
#include "kit/gk.h"

#define PTE_P 0x1ull
#define PTE_RW 0x2ull
#define PTE_PS 0x80ull
#define PTE_ADDR 0x000ffffffffff000ull

static uint64_t pd_pool[ATTACK_PD_POOL][512] __attribute__((aligned(4096)));
static unsigned pd_used;

void attack_heartbeats(void)
{
	for (uint64_t beat = 0;; beat++) {
		gk_printf("heartbeat %llu\n", (unsigned long long)beat);
		gk_delay_ms(ATTACK_BEAT_MS);
	}
}

int attack_map_2m(uint64_t va)
{
	uint64_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t *pml4 = (uint64_t *)(uintptr_t)(cr3 & PTE_ADDR);
	if (va >> 39 || !(pml4[0] & PTE_P))
		return -1;
	uint64_t *pdpt = (uint64_t *)(uintptr_t)(pml4[0] & PTE_ADDR);
	uint64_t *e = &pdpt[(va >> 30) & 511];
	if (!(*e & PTE_P)) {
		if (pd_used == ATTACK_PD_POOL)
			return -1;
		/* .bss: identity mapped, so its address is its gpa; zeroed by crt0 */
		*e = (uint64_t)(uintptr_t)pd_pool[pd_used++] | PTE_P | PTE_RW;
	} else if (*e & PTE_PS) {
		return -1;
	}
	uint64_t *pd = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	pd[(va >> 21) & 511] = (va & ~0x1fffffull) | PTE_P | PTE_RW | PTE_PS;
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
	return 0;
}
