/* SPDX-License-Identifier: GPL-2.0-only */
/* Test-and-test-and-set spinlock (interrupts are always off in the hypervisor). */
#ifndef PARAPET_HV_SPINLOCK_H
#define PARAPET_HV_SPINLOCK_H

#include <parapet/types.h>

struct spinlock {
	volatile u32 locked;
};

static inline bool spin_trylock(struct spinlock *l)
{
	return !__atomic_exchange_n(&l->locked, 1u, __ATOMIC_ACQUIRE);
}

static inline void spin_lock(struct spinlock *l)
{
	while (!spin_trylock(l))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			__asm__ volatile("pause" ::: "memory");
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0u, __ATOMIC_RELEASE);
}

#endif
