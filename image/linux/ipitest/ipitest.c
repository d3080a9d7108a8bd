// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipitest: a test-only kernel module of the Parapet Linux kit
 * (docs/linux-partition.md, "The test module"). On load it sends one
 * inter-processor interrupt by writing the xAPIC's interrupt command
 * register itself: ICR_HIGH (0x310) with the destination, then ICR_LOW
 * (0x300) with the delivery mode and vector, as real stores to the xAPIC
 * page at its physical base (Intel SDM vol. 3A 11.6.1, "Interrupt Command
 * Register"; AMD APM vol. 2 16.5). Under Parapet that page is read-only in
 * the nested page table: each store is a nested page fault the hypervisor
 * decodes and filters, and an IPI to an APIC ID outside the partition is
 * refused and counted. The module cannot see the refusal; it prints what
 * it wrote and what the ICR reads back, and the test reads the
 * hypervisor's console. With triple=CPU it sends no IPI: that CPU
 * triple-faults instead (below), the hypervisor's SHUTDOWN path for one
 * vCPU of several.
 *
 * Parameters (insmod ipitest.ko dest=0x0 mode=fixed vector=0xf3):
 *   dest    the physical destination APIC ID, 0-255 (SDM 11.6.2.1)
 *   mode    fixed | nmi | init (SDM 11.6.1, delivery mode 000, 100, 101)
 *   vector  16-255, for fixed (0-15 are illegal, SDM 11.5.2); ignored by
 *           NMI and INIT, which the ICR sends with vector 0
 *   triple  a CPU number (default -1: off). Instead of an IPI, that CPU
 *           triple-faults: smp_call_function_single runs, on it, with its
 *           interrupts off (IPI context), a load of an IDT with limit 0,
 *           then ud2. #UD cannot be delivered (its gate is beyond the
 *           limit: #GP), nor can the #GP (contributory after contributory:
 *           #DF) nor the #DF: the CPU shuts down (Intel SDM vol. 3A 6.15,
 *           "Interrupt 8 - Double Fault Exception (#DF)", Table 6-5; AMD
 *           APM vol. 2 8.2.9; under SVM the SHUTDOWN intercept, APM vol. 2
 *           15.9). The call does not wait for that CPU: load returns 0
 *           after `ipitest: CPU N: empty IDT, then ud2`. dest, mode and
 *           vector are ignored. -EINVAL when the CPU is not online.
 *
 * Load returns 0 after the write: the module stays loaded, doing nothing,
 * until rmmod (the next insmod sends another). Not an error code: busybox's
 * insmod retries a failed finit_module with init_module, which would send
 * the IPI twice (measured). Load fails with -EINVAL for a bad parameter,
 * -ENODEV when the local APIC is not an xAPIC at 0xFEE00000 (x2APIC mode
 * has no MMIO page, SDM 11.12.1), -ETIMEDOUT when the ICR stayed busy
 * before the write. Not for production: the module is unsigned, and
 * loading it taints the kernel.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/io.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <asm/apicdef.h>
#include <asm/desc_defs.h>
#include <asm/msr.h>

static uint dest;
module_param(dest, uint, 0444);
MODULE_PARM_DESC(dest, "physical destination APIC ID (0-255)");

static char *mode = "fixed";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "delivery mode: fixed, nmi or init");

static uint vector = 0xf3;
module_param(vector, uint, 0444);
MODULE_PARM_DESC(vector, "vector for mode=fixed (16-255)");

static int triple = -1;
module_param(triple, int, 0444);
MODULE_PARM_DESC(triple, "a CPU to triple-fault (empty IDT, ud2) instead of an IPI; -1: off");

/* Polls of the delivery-status bit, 1 us apart (SDM 11.6.1: the bit is
 * "send pending" until the local APIC has accepted the IPI). */
#define IPITEST_POLLS 10000

/* ICR_LOW's delivery status (bit 12) cleared within IPITEST_POLLS polls;
 * *polls is how many it took. */
static bool icr_idle(void __iomem *apic, u32 *last, unsigned int *polls)
{
	unsigned int i;

	for (i = 0; i < IPITEST_POLLS; i++) {
		*last = readl(apic + APIC_ICR);
		if (!(*last & APIC_ICR_BUSY)) {
			*polls = i;
			return true;
		}
		udelay(1);
	}
	*polls = i;
	return false;
}

/* On the target CPU, in IPI context (interrupts off): an IDT with limit 0
 * (no gate is reachable, SDM vol. 3A 6.10), then an undefined opcode. The
 * CPU never returns from here: #UD -> #GP -> #DF -> shutdown. */
static void triple_fault(void *unused)
{
	const struct desc_ptr empty = {.size = 0, .address = 0};

	asm volatile("lidt %0" : : "m"(empty));
	asm volatile("ud2");
	unreachable();
}

static int __init ipitest_init(void)
{
	u32 lo, hi, back, before;
	unsigned int polls;
	unsigned long flags;
	void __iomem *apic;
	u64 base;

	if (triple != -1) {
		if (triple < 0 || (unsigned int)triple >= nr_cpu_ids || !cpu_online(triple)) {
			pr_err("ipitest: triple=%d: not an online CPU\n", triple);
			return -EINVAL;
		}
		pr_info("ipitest: CPU %d: empty IDT, then ud2\n", triple);
		/* wait 0: the target never returns (nothing to wait for) */
		smp_call_function_single(triple, triple_fault, NULL, 0);
		return 0;
	}
	if (dest > 0xff) {
		pr_err("ipitest: dest 0x%x: not an xAPIC ID (0-255)\n", dest);
		return -EINVAL;
	}
	if (!strcmp(mode, "fixed")) {
		if (vector < 16 || vector > 255) {
			pr_err("ipitest: vector %u: not 16-255\n", vector);
			return -EINVAL;
		}
		lo = APIC_DM_FIXED | vector;
	} else if (!strcmp(mode, "nmi")) {
		lo = APIC_DM_NMI;
	} else if (!strcmp(mode, "init")) {
		lo = APIC_DM_INIT;
	} else {
		pr_err("ipitest: mode %s: not fixed, nmi or init\n", mode);
		return -EINVAL;
	}
	/* physical destination mode, no shorthand, edge, level assert */
	lo |= APIC_DEST_PHYSICAL | APIC_INT_ASSERT;
	hi = SET_XAPIC_DEST_FIELD(dest);

	/* IA32_APIC_BASE (SDM 11.4.4): enabled, xAPIC mode (EXTD, bit 10,
	 * clear), at the default base */
	rdmsrl(MSR_IA32_APICBASE, base);
	if (!(base & MSR_IA32_APICBASE_ENABLE) || (base & X2APIC_ENABLE) ||
	    (base & MSR_IA32_APICBASE_BASE) != APIC_DEFAULT_PHYS_BASE) {
		pr_err("ipitest: IA32_APIC_BASE 0x%llx: not an enabled xAPIC at 0x%x\n", base,
		       APIC_DEFAULT_PHYS_BASE);
		return -ENODEV;
	}
	apic = ioremap(APIC_DEFAULT_PHYS_BASE, PAGE_SIZE);
	if (!apic) {
		pr_err("ipitest: cannot map the xAPIC page\n");
		return -ENOMEM;
	}

	/* The two writes as one unit on this CPU: an IPI the kernel sent from
	 * an interrupt in between would take our ICR_HIGH (what the kernel's
	 * own xAPIC IPI code does too). */
	local_irq_save(flags);
	if (!icr_idle(apic, &before, &polls)) {
		local_irq_restore(flags);
		iounmap(apic);
		pr_err("ipitest: ICR busy before the write (ICR_LOW 0x%x)\n", before);
		return -ETIMEDOUT;
	}
	writel(hi, apic + APIC_ICR2);
	writel(lo, apic + APIC_ICR);
	local_irq_restore(flags);

	pr_info("ipitest: wrote ICR_HIGH 0x%08x ICR_LOW 0x%08x (dest 0x%x mode %s vector 0x%x)\n",
		hi, lo, dest, mode, lo & 0xff);
	if (icr_idle(apic, &back, &polls))
		pr_info("ipitest: ICR_LOW reads 0x%08x, idle after %u polls\n", back, polls);
	else
		pr_info("ipitest: ICR_LOW reads 0x%08x, still busy after %u polls\n", back, polls);
	iounmap(apic);
	return 0;
}

/* Nothing to undo: the IPI is sent (or refused) and the page unmapped. */
static void __exit ipitest_exit(void) {}

module_init(ipitest_init);
module_exit(ipitest_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION(
    "Parapet test: one IPI written to the xAPIC ICR, or a CPU's triple fault (test only)");
