// SPDX-License-Identifier: GPL-2.0-only
/*
 * The application processors of a Linux partition (docs/linux-partition.md,
 * "SMP"): vCPU i >= 1 runs on the partition's i-th exclusive core (its
 * i-th `cpu` line). vCPU 0 boots as a one-vCPU partition does
 * (partition_run.c); each AP starts in wait-for-SIPI, its core idling in
 * the host, and is started by its siblings through the xAPIC filter
 * (vapic_icr.c: INIT and STARTUP only between the partition's own vCPUs):
 *
 *   INIT     to a waiting AP: nothing (it waits already); to an AP whose
 *            SIPI was accepted: back to waiting; to a running AP: its vCPU
 *            is stopped (a request and an NMI to its core), its core's
 *            local APIC quiesced, and it waits again (SDM vol. 3A 9.4.4.1:
 *            INIT puts an AP in wait-for-SIPI); the sender waits until it
 *            has stopped (at most 10 ms: init_wait), so its STARTUP that
 *            follows finds the AP waiting
 *   STARTUP  to a waiting AP: accepted (state WAIT -> START with the
 *            vector, one compare-and-swap: of two SIPIs one wins), its
 *            core woken by an NMI; its core builds a VMCB in the
 *            architectural state after INIT with CS = vector << 8, base
 *            vector << 12, IP 0 (part_boot_sipi: Intel SDM vol. 3A 9.1.1
 *            Table 9-1 and 9.4.4.1; AMD APM vol. 2 14.1.3 Table 14-1), the
 *            partition's NPT and ASID, and runs it. SVM runs real mode
 *            natively with nested paging (APM vol. 2 15.25: guest paging
 *            off, guest-linear = guest-physical, translated by the NPT).
 *            To an AP that is not waiting: ignored, as hardware ignores a
 *            SIPI outside wait-for-SIPI (Linux 6.1 sends two).
 *   to vCPU 0: ignored (it restarts only with the partition).
 *
 * Kicks are NMIs (lapic_send_nmi): the guest owns every fixed vector of
 * its cores' local APICs, and its VMCB intercepts NMI; the host's NMI
 * handler only counts it (irq_dispatch), so an NMI that reaches a core in the host
 * (waiting, or handling an exit) only wakes it.
 *
 * Stop: the partition stops when vCPU 0 stops (poweroff, reset, triple
 * fault, a stop request, a fault); part_lsmp_stop_all then stops every AP
 * and waits until all wait for a SIPI again, before the histogram, the
 * restart or the stop. An AP that stops on its own (its triple fault, a
 * reset or poweroff it made, a fault) stops the partition through vCPU 0
 * (part_stop_for_fault), with a restart when it was a reset or a triple
 * fault. `lnx_halt` keeps SIPIs from starting APs while this happens.
 */
#include <parapet/fmt.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/cache_qos.h"
#include "hypervisor/arch/x86_64/irq.h"
#include "hypervisor/arch/x86_64/lapic.h"
#include "hypervisor/arch/x86_64/timer.h"
#include "console.h"
#include "linux/lvm.h"
#include "memory.h"
#include "partition_int.h"
#include "partition_mem.h"
#include "platform.h"
#include "policy_boot.h"

#define LSMP_STATE(st) ((st)&0xffu)
#define LSMP_VECTOR(st) ((u8)((st) >> 8))
#define LSMP_STOP_WARN_US 2000000u /* an AP that has not stopped by then is named */

static u32 ap_state(const struct hv_lnx_ap *ap)
{
	return __atomic_load_n(&ap->state, __ATOMIC_ACQUIRE);
}

static bool ap_cas(struct hv_lnx_ap *ap, u32 from, u32 to)
{
	return __atomic_compare_exchange_n(&ap->state, &from, to, false, __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE);
}

int part_lsmp_find(struct hv_part *p, struct pp_err *err)
{
	u32 n = 0;
	for (u32 i = 0; i < hv_policy.n_cpus; i++) {
		const struct pp_pol_cpu *c = &hv_policy.cpus[i];
		if (c->part != p->pp->id)
			continue;
		if (n >= PP_POL_LINUX_MAX_CPUS)
			return pp_fail(err, PP_ERANGE, "more than %u cpu lines",
				       PP_POL_LINUX_MAX_CPUS);
		if (c->cpu >= platform.acpi.cpu_count)
			return pp_fail(err, PP_ERANGE, "cpu %u is not in the MADT", c->cpu);
		if (n) {
			struct hv_lnx_ap *ap = &p->lnx_ap[n - 1];
			ap->cpu = c->cpu;
			ap->apic = platform.acpi.cpus[c->cpu].apic_id;
			pp_snprintf(ap->name, sizeof(ap->name), "%s.%u", p->pp->name, n);
		}
		n++;
	}
	p->lnx_ncpu = n ? n : 1;
	if (n > 1) {
		char list[8 * PP_POL_LINUX_MAX_CPUS] = "";
		size_t k = 0;
		for (u32 i = 1; i < n; i++)
			k += (size_t)pp_snprintf(list + k, sizeof(list) - k, " %u",
						 p->lnx_ap[i - 1].cpu);
		hv_printf("partition %s: linux: %u vCPUs: vCPU 0 on cpu %u, the others on cpu%s "
			  "(wait for SIPI)\n",
			  p->pp->name, n, p->cpu, list);
	}
	return PP_OK;
}

int part_lsmp_alloc(struct hv_part *p, struct pp_err *err)
{
	for (u32 i = 1; i < p->lnx_ncpu; i++) {
		struct hv_lnx_ap *ap = &p->lnx_ap[i - 1];
		ap->pages = p->pages; /* the I/O and MSR permission maps: the partition's */
		ap->pages.ctl = palloc_alloc_below(&hv_palloc, PART_MEM_LIMIT);
		if (!hpa_val(ap->pages.ctl))
			return pp_fail(err, PP_ENOMEM, "out of pages for vCPU %u's VMCB", i);
	}
	return PP_OK;
}

static void sipi_one(struct hv_part *p, struct hv_lnx_ap *ap, u8 vector)
{
	if (__atomic_load_n(&p->lnx_halt, __ATOMIC_ACQUIRE))
		return; /* the partition is stopping */
	if (ap_cas(ap, LSMP_WAIT, LSMP_START | (u32)vector << 8))
		lapic_send_nmi(ap->apic); /* wake its core */
}

/* After an INIT, hardware is in wait-for-SIPI at once (Intel SDM vol. 3A
 * 9.4.4.1), so the sender's next STARTUP finds it waiting. Linux sends
 * its STARTUPs tens of microseconds after the INIT (`init_udelay` 0 on
 * AMD family 0xF and later, arch/x86/kernel/smpboot.c): a SIPI that came
 * while the AP was still stopping for the INIT was ignored, and the AP
 * missed both ("do_boot_cpu failed(-1) to wakeup CPU#1", measured in
 * linux-smp-fault-uefi). So the sender waits, bounded, until the AP has
 * stopped. Not when the sender is itself an AP with an INIT pending
 * (two APs INITing each other would each wait for the other's exit). */
#define LSMP_INIT_WAIT_US 10000u

static void init_wait(struct hv_part *p, struct hv_lnx_ap *ap, u32 from)
{
	struct timeout t;
	if (from >= 1 && from < p->lnx_ncpu &&
	    __atomic_load_n(&p->lnx_ap[from - 1].init_req, __ATOMIC_ACQUIRE))
		return;
	timeout_start(&t, LSMP_INIT_WAIT_US);
	while (LSMP_STATE(ap_state(ap)) == LSMP_RUN && !timeout_expired(&t))
		cpu_relax();
}

static void init_one(struct hv_part *p, struct hv_lnx_ap *ap, u32 from)
{
	for (;;) {
		u32 st = ap_state(ap);
		switch (LSMP_STATE(st)) {
		case LSMP_START:
			if (ap_cas(ap, st, LSMP_WAIT))
				return;
			continue; /* its core took it meanwhile: it runs */
		case LSMP_RUN:
			if (!__atomic_exchange_n(&ap->init_req, 1u, __ATOMIC_ACQ_REL)) {
				ap->vcpu.stop_why = "INIT from a sibling: wait for SIPI";
				virt_vcpu_request(&ap->vcpu, VIRT_REQ_STOP);
				lapic_send_nmi(ap->apic);
			}
			init_wait(p, ap, from);
			return;
		default: return; /* waiting already (or not built) */
		}
	}
}

void part_lsmp_sibling(void *ctx, u32 from, bool sipi, u64 targets, u8 vector)
{
	struct hv_part *p = ctx;
	for (u32 i = 1; i < p->lnx_ncpu; i++) {
		if (!(targets & (1ull << i)))
			continue;
		if (sipi)
			sipi_one(p, &p->lnx_ap[i - 1], vector);
		else
			init_one(p, &p->lnx_ap[i - 1], from);
	}
}

void part_lsmp_stop_all(struct hv_part *p)
{
	u32 posted = 0; /* APs asked to stop, one bit each */
	bool warned = false;
	struct timeout t;
	__atomic_store_n(&p->lnx_halt, 1u, __ATOMIC_RELEASE);
	timeout_start(&t, LSMP_STOP_WARN_US);
	for (;;) {
		bool all = true;
		for (u32 i = 1; i < p->lnx_ncpu; i++) {
			struct hv_lnx_ap *ap = &p->lnx_ap[i - 1];
			u32 st = ap_state(ap);
			if (LSMP_STATE(st) == LSMP_START && ap_cas(ap, st, LSMP_WAIT))
				continue;
			if (LSMP_STATE(st) == LSMP_RUN && !(posted & (1u << i))) {
				posted |= 1u << i;
				ap->vcpu.stop_why = "the partition stops";
				virt_vcpu_request(&ap->vcpu, VIRT_REQ_STOP);
				lapic_send_nmi(ap->apic);
			}
			if (LSMP_STATE(st) != LSMP_WAIT && LSMP_STATE(st) != LSMP_OFF)
				all = false;
		}
		if (all)
			return;
		if (!warned && timeout_expired(&t)) {
			warned = true;
			hv_printf("partition %s: an application processor has not stopped yet\n",
				  p->pp->name);
		}
		cpu_relax();
	}
}

void part_lsmp_reset(struct hv_part *p)
{
	/* A SIPI one AP sent to another just before the sender stopped can be
	 * accepted after part_lsmp_stop_all read the target as waiting (the
	 * target read first, the sender then read as waiting): it belongs to
	 * the old boot. Taken back here, while lnx_halt still keeps the
	 * target's core from running it; none can be accepted after this. */
	for (u32 i = 1; i < p->lnx_ncpu; i++) {
		struct hv_lnx_ap *ap = &p->lnx_ap[i - 1];
		const u32 st = ap_state(ap);
		if (LSMP_STATE(st) == LSMP_START)
			(void)ap_cas(ap, st, LSMP_WAIT);
	}
	__atomic_store_n(&p->lnx_halt, 0u, __ATOMIC_RELEASE);
}

/* Its vCPU from the state after INIT and SIPI (virt.h: checked). */
static int ap_vcpu(struct hv_part *p, u32 i, u8 vector, struct pp_err *err)
{
	struct hv_lnx_ap *ap = &p->lnx_ap[i - 1];
	part_boot_sipi(vector, &ap->boot);
	const struct virt_part vp = {.name = ap->name,
				     .npt_root = p->npt.root,
				     .asid = p->idx + 2, /* the partition's */
				     .boot = &ap->boot,
				     .hc = &p->hc,
				     .signal_vector = PP_HC_SIGNAL_VECTOR,
				     .npf_hook = part_npf_tpm, /* the partition's TPM pages */
				     .ctx = p,
				     .lnx = p->lnx,
				     .lnx_vcpu = i};
	return virt_vcpu_init(&ap->vcpu, &ap->pages, &vp, err);
}

PP_NORETURN void part_lsmp_ap_loop(struct hv_part *p, u32 i)
{
	struct hv_lnx_ap *ap = &p->lnx_ap[i - 1];
	char why[sizeof(p->stop_why)];
	for (;;) {
		const u32 st = ap_state(ap);
		if (LSMP_STATE(st) != LSMP_START) {
			cpu_wait_event(); /* a SIPI's NMI wakes it */
			continue;
		}
		struct pp_err err = {0, ""};
		if (__atomic_load_n(&p->lnx_halt, __ATOMIC_ACQUIRE) ||
		    ap_vcpu(p, i, LSMP_VECTOR(st), &err)) {
			if (err.msg[0])
				hv_printf("partition %s: vCPU %u not started: %s\n", p->pp->name, i,
					  err.msg);
			(void)ap_cas(ap, st, LSMP_WAIT);
			continue;
		}
		if (!ap_cas(ap, st, LSMP_RUN))
			continue; /* an INIT (or the stop) took the SIPI back */
		hv_printf("partition %s: vCPU %u started by SIPI at 0x%x on cpu %u\n", p->pp->name,
			  i, (u32)LSMP_VECTOR(st) << 12, ap->cpu);
		cache_qos_enter(p->idx); /* the partition's L3 mask, where the CPU has them */
		(void)virt_vcpu_run(&ap->vcpu); /* no deadline: returns when it stopped */
		cache_qos_leave();
		lapic_quiesce(); /* the guest owned this core's local APIC */
		const bool by_init = __atomic_exchange_n(&ap->init_req, 0u, __ATOMIC_ACQ_REL);
		const bool reset = ap->vcpu.reset;
		__atomic_store_n(&ap->state, LSMP_WAIT, __ATOMIC_RELEASE);
		if (by_init || __atomic_load_n(&p->lnx_halt, __ATOMIC_ACQUIRE))
			continue;
		/* it stopped on its own: the whole partition stops (restarts) */
		if (reset)
			__atomic_store_n(&p->restart, 1u, __ATOMIC_RELEASE);
		pp_snprintf(why, sizeof(why), "its vCPU %u stopped%s", i,
			    reset ? " (reset: the partition restarts)" : "");
		(void)part_stop_for_fault(p, why);
	}
}
