// SPDX-License-Identifier: GPL-2.0-only
/*
 * AP start-up: Intel SDM vol. 3 §9.4.4 (INIT, 10 ms, SIPI, 200 us, SIPI),
 * AMD APM vol. 2 §16.x. Every AP gets its INIT first and the 10 ms wait is
 * spent once for all of them (as the SDM's broadcast INIT-SIPI-SIPI does).
 * Then up to SMP_TRAMPOLINES APs start at once, each from its own copy of
 * the trampoline (its own page below 1 MiB, so its own parameter block):
 * under QEMU each AP needs milliseconds to come up, and they overlap.
 * Each gets a percpu slot (MADT order), a stack and an IST1 stack from
 * palloc with an unmapped guard page below each (and, in a CET build with
 * shadow stacks on, a shadow stack for each: cet_cpu.h).
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/core/console.h"
#include "cet_cpu.h"
#include "irq.h"
#include "lapic.h"
#include "paging.h"
#include "percpu.h"
#include "smp.h"
#include "timer.h"
#include "trampoline.h"

volatile u32 smp_cpus_online = 1;
static void (*ap_work)(void); /* smp_run_on_aps; read with acquire */

PP_NORETURN void ap_entry(struct percpu *pc);

void ap_entry(struct percpu *pc)
{
	gdt_init_cpu(pc);
	percpu_activate(pc);
	idt_load();
	paging_cpu_setup();
	cet_start_ap(pc->cpu); /* CET=1 builds only; after gdt_load (cet_cpu.h) */
	lapic_init_ap();
	u32 id = lapic_id();
	if (id != pc->apic_id) {
		hv_printf("hv: cpu %u: started with APIC ID %u, expected %u: stopping\n", pc->cpu,
			  id, pc->apic_id);
		cpu_halt_forever();
	}
	__atomic_store_n(&pc->online, 1u, __ATOMIC_RELEASE);
	__atomic_add_fetch(&smp_cpus_online, 1u, __ATOMIC_SEQ_CST);
	/* idle: wait for interrupts (a kick) until there is work, do it once */
	for (bool done = false;; cpu_wait_event()) {
		void (*fn)(void) = __atomic_load_n(&ap_work, __ATOMIC_ACQUIRE);
		if (fn && !done) {
			done = true;
			fn();
		}
	}
}

void smp_run_on_aps(void (*fn)(void))
{
	__atomic_store_n(&ap_work, fn, __ATOMIC_RELEASE);
	for (u32 s = 1; s < HV_MAX_CPUS; s++)
		if (__atomic_load_n(&percpu[s].online, __ATOMIC_ACQUIRE))
			lapic_send_ipi(percpu[s].apic_id, IRQ_VEC_KICK);
}

/* pages + 1 contiguous pages; the lowest is left unmapped as a guard. Returns the top. */
static u64 alloc_stack(struct palloc *pa, u32 pages, struct pp_err *err)
{
	u64 run = hpa_val(palloc_alloc_run(pa, pages + 1, ~0ull));
	if (!run) {
		pp_fail(err, PP_ENOMEM, "no %u contiguous free pages for a stack", pages + 1);
		return 0;
	}
	if (paging_unmap_page(run, err))
		return 0;
	return run + (u64)(pages + 1) * PP_PAGE_SIZE;
}

/* Offset of a trampoline.S label from trampoline_start. */
static u64 tr_off(const char *label)
{
	return (u64)(uintptr_t)label - (u64)(uintptr_t)trampoline_start;
}

static struct trampoline_params *tr_params(u64 page)
{
	return (struct trampoline_params *)(uintptr_t)(page + tr_off(trampoline_params));
}

static void tramp_setup(u64 page)
{
	u64 size = tr_off(trampoline_end);
	if (size > PP_PAGE_SIZE)
		hv_panic("smp: trampoline of %llu bytes exceeds a page", (unsigned long long)size);
	memcpy((void *)(uintptr_t)page, trampoline_start, size);
	struct trampoline_params *p = tr_params(page);
	st_le16(p->gdtr, (u16)(tr_off(trampoline_gdt_end) - tr_off(trampoline_gdt) - 1));
	st_le32(p->gdtr + 2, (u32)(page + tr_off(trampoline_gdt)));
	p->far32_off = (u32)(page + tr_off(trampoline_pm32));
	p->far32_sel = TR_SEL_CODE32;
	p->far64_off = (u32)(page + tr_off(trampoline_lm64));
	p->far64_sel = TR_SEL_CODE64;
	p->cr3 = read_cr3();
	p->entry = (u64)(uintptr_t)ap_entry;
	p->efer_or = EFER_LME | (u32)(rdmsr(MSR_EFER) & EFER_NXE);
}

static bool wait_started(volatile u32 *flag, u64 us)
{
	struct timeout t;
	timeout_start(&t, us);
	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE))
		if (timeout_expired(&t))
			return false;
	return true;
}

/* The first SIPI to a CPU whose INIT is sent and 10 ms past. */
static bool sipi_one(struct percpu *pc, u64 page)
{
	struct pp_err err = {0, ""};
	struct trampoline_params *p = tr_params(page);
	p->stack = pc->stack_top;
	p->percpu = (u64)(uintptr_t)pc;
	p->started = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!lapic_send_sipi(pc->apic_id, (u8)(page >> PP_PAGE_SHIFT), &err))
		return true;
	hv_printf("hv: smp: %s\n", err.msg);
	return false;
}

/* After the first SIPI: 200 us for "started", else a second SIPI; then up
 * to 1 s for the CPU's idle loop. */
static bool finish_one(struct percpu *pc, u64 page)
{
	struct pp_err err = {0, ""};
	struct trampoline_params *p = tr_params(page);
	if (!wait_started(&p->started, SMP_SIPI_DELAY_US) &&
	    lapic_send_sipi(pc->apic_id, (u8)(page >> PP_PAGE_SHIFT), &err)) {
		hv_printf("hv: smp: %s\n", err.msg);
		return false;
	}
	if (wait_started(&pc->online, SMP_AP_TIMEOUT_US))
		return true;
	/* Park it again so it can never run on parameters meant for another CPU. */
	lapic_send_init(pc->apic_id, NULL);
	return false;
}

/* Slot's stacks (and CET shadow stacks) and INIT; false (and a line) if
 * the CPU cannot be started. */
static bool prepare_one(struct percpu *pc, struct palloc *pa)
{
	struct pp_err err = {0, ""};
	pc->stack_top = alloc_stack(pa, CPU_STACK_PAGES, &err);
	pc->ist1_top = pc->stack_top ? alloc_stack(pa, CPU_IST_PAGES, &err) : 0;
	if (pc->ist1_top && !cet_prepare_ap(pc->cpu, pa, &err) &&
	    !lapic_send_init(pc->apic_id, &err))
		return true;
	hv_printf("hv: cpu %u (apic %u) not started: %s\n", pc->cpu, pc->apic_id, err.msg);
	return false;
}

/* Start the CPUs of slots[0..n) at once, slot[j] from trampoline page pages[j]. */
static void start_wave(const u32 *slots, u32 n, const u64 *pages)
{
	bool sent[SMP_TRAMPOLINES];
	for (u32 j = 0; j < n; j++)
		sent[j] = sipi_one(&percpu[slots[j]], pages[j]);
	for (u32 j = 0; j < n; j++) {
		struct percpu *pc = &percpu[slots[j]];
		if (sent[j] && finish_one(pc, pages[j]))
			hv_printf("hv: cpu %u (apic %u) online\n", pc->cpu, pc->apic_id);
		else
			hv_printf("hv: cpu %u (apic %u) did not start\n", pc->cpu, pc->apic_id);
	}
}

/* Up to max executable trampoline pages below 1 MiB; returns how many. */
static u32 tramp_pages(struct palloc *pa, u64 *pages, u32 max)
{
	struct pp_err err = {0, ""};
	u32 n = 0;
	while (n < max) {
		u64 page = hpa_val(palloc_alloc_below(pa, 0x100000));
		if (!page)
			break;
		if (paging_set_exec(page, true, &err)) {
			hv_printf("hv: smp: %s\n", err.msg);
			(void)palloc_free(pa, hpa(page));
			break;
		}
		tramp_setup(page);
		pages[n++] = page;
	}
	return n;
}

u32 smp_start_aps(const struct acpi_info *ai, struct palloc *pa)
{
	u32 bsp = lapic_id();
	struct pp_err err = {0, ""};
	percpu[0].apic_id = bsp;
	percpu[0].online = 1;

	u32 others = 0;
	for (u32 i = 0; i < ai->cpu_count; i++)
		others += ai->cpus[i].apic_id != bsp;
	if (!others)
		return smp_cpus_online;

	u64 pages[SMP_TRAMPOLINES];
	u32 npages = tramp_pages(pa, pages, PP_MIN(others, SMP_TRAMPOLINES));
	if (!npages) {
		hv_printf("hv: smp: no free page below 1 MiB for the AP trampoline; BSP only\n");
		return smp_cpus_online;
	}
	hv_printf("hv: smp: trampolines at 0x%llx (%u pages), starting %u CPUs, %u at a time\n",
		  (unsigned long long)pages[0], npages, others, npages);

	/* INIT every AP, then one 10 ms wait for all of them. */
	u32 ready[HV_MAX_CPUS];
	u32 slot = 1, nready = 0;
	for (u32 i = 0; i < ai->cpu_count; i++) {
		u32 apic = ai->cpus[i].apic_id;
		if (apic == bsp)
			continue;
		if (slot >= HV_MAX_CPUS) {
			hv_printf("hv: cpu %u (apic %u) not started: at most %u CPUs\n", slot, apic,
				  HV_MAX_CPUS);
			slot++;
			continue;
		}
		percpu[slot].cpu = slot;
		percpu[slot].apic_id = apic;
		if (prepare_one(&percpu[slot], pa))
			ready[nready++] = slot;
		slot++;
	}
	if (nready)
		udelay(SMP_INIT_DELAY_US);
	for (u32 first = 0; first < nready; first += npages)
		start_wave(ready + first, PP_MIN(npages, nready - first), pages);
	/* The trampoline pages stay allocated (a late AP may still read one) but are NX again. */
	for (u32 j = 0; j < npages; j++)
		if (paging_set_exec(pages[j], false, &err))
			hv_printf("hv: smp: %s\n", err.msg);
	return smp_cpus_online;
}
