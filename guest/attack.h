/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the attack guests (guest/probe-*.c; docs/guest-kit.md,
 * "Attack guests"): programs for the QEMU tests that try what a partition
 * must not be able to do, each its own flat image, never in the appliance.
 * They trust nothing they are told but print what they got.
 */
#ifndef GUEST_ATTACK_H
#define GUEST_ATTACK_H

#include <stdint.h>

#define ATTACK_BEAT_MS 500u
#define ATTACK_BAD_SEL 9999u /* a selector no partition holds */

static inline uint8_t attack_inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void attack_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

/* `heartbeat N` every ATTACK_BEAT_MS (gk_delay_ms: halted between), N from
 * 0, forever. */
void attack_heartbeats(void) __attribute__((noreturn));

/*
 * Maps the 2 MiB page at `va` (2 MiB aligned, below 512 GiB) to the same
 * guest-physical address, writable, in the partition's own page tables
 * (identity, docs/partitions.md): the boot PML4's entry 0 and its PDPT,
 * with a page directory of its own (from a pool of ATTACK_PD_POOL in
 * .bss) where the PDPT has none. Its own tables allow the access; whether
 * anything is there is the nested page table's business. 0, or -1 (pool
 * exhausted, no PML4 entry 0, or a 1 GiB page already there).
 */
#define ATTACK_PD_POOL 2
int attack_map_2m(uint64_t va);

#endif
