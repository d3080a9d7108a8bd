// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exit dispatch (vcpu.h, docs/svm.md "Exits"). Without NRIP save
 * (QEMU TCG has none) the next RIP is computed from the fixed lengths of
 * the instructions handled here: CPUID 0F A2 (2 bytes), VMMCALL 0F 01 D9
 * (3), HLT F4 (1). A nested page fault the partition's hook holds (its
 * TPM page before the handover: svm_npf_hold) resumes with RIP unchanged.
 * Every other exit stops the guest with its code and information
 * printed. A physical interrupt (the host tick, a kick from another CPU)
 * was already taken by the host at STGI (vmrun.S): its exit only resumes,
 * after the requests other CPUs posted (vcpu.h) are served.
 */
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/irq.h"
#include "hypervisor/arch/x86_64/percpu.h"
#include "hypervisor/arch/x86_64/timer.h"
#include "hypervisor/core/console.h"
#include "check.h"
#include "exit_linux.h"
#include "refuse.h"
#include "svm.h"
#include "vcpu.h"

#define CPUID_1_ECX_HYPERVISOR (1u << 31) /* reserved for hypervisor use (APM vol. 3 E.3.2) */
#define CPUID_1_ECX_VMX_BIT (1u << 5)
/*
 * The hypervisor range 0x40000000-0x400000FF (reserved for hypervisors by
 * both vendors; docs/svm.md): 0x40000000 gives the highest leaf in EAX and
 * the signature "ParapetHV\0\0\0" in EBX, ECX, EDX; 0x40000010 the TSC
 * frequency in kHz in EAX (the hypervisor's PIT calibration) and the local
 * APIC timer's in EBX (0: not known), the convention other hypervisors
 * follow; every other leaf of the range reads as zeros.
 */
#define CPUID_HV_BASE 0x40000000u
#define CPUID_HV_TIMING 0x40000010u
#define CPUID_HV_LAST 0x400000ffu
#define CPUID_HV_SIG_EBX 0x61726150u /* "Para" */
#define CPUID_HV_SIG_ECX 0x48746570u /* "petH" */
#define CPUID_HV_SIG_EDX 0x00000056u /* "V\0\0\0" */

enum { RESUME, STOP };

static const char *exit_name(u64 code)
{
	switch (code) {
	case SVM_EXIT_CPUID: return "cpuid";
	case SVM_EXIT_VMMCALL: return "vmmcall";
	case SVM_EXIT_HLT: return "hlt";
	case SVM_EXIT_SHUTDOWN: return "shutdown";
	case SVM_EXIT_IOIO: return "ioio";
	case SVM_EXIT_MSR: return "msr";
	case SVM_EXIT_NPF: return "npf";
	case SVM_EXIT_INTR: return "intr";
	case SVM_EXIT_NMI: return "nmi";
	default: return (code & 0xffffffffu) == SVM_EXIT_INVALID_LOW32 ? "invalid" : "other";
	}
}

static int stop(struct svm_vcpu *v, const char *why)
{
	const struct svm_vmcb_control *c = &v->vmcb->control;
	if (why)
		hv_printf("svm: %s stopped: %s\n", v->name, why);
	else
		hv_printf("svm: %s stopped: exit 0x%llx (%s), exitinfo1 0x%llx, exitinfo2 0x%llx, "
			  "rip 0x%llx\n",
			  v->name, (unsigned long long)c->exitcode, exit_name(c->exitcode),
			  (unsigned long long)c->exitinfo1, (unsigned long long)c->exitinfo2,
			  (unsigned long long)v->vmcb->save.rip);
	v->stopped = true;
	return STOP;
}

static int do_cpuid(struct svm_vcpu *v)
{
	u32 leaf = (u32)v->vmcb->save.rax, sub = (u32)v->gprs.rcx, a, b, c, d;
	if (leaf >= CPUID_HV_BASE && leaf <= CPUID_HV_LAST) {
		a = b = c = d = 0;
		if (leaf == CPUID_HV_BASE) {
			a = CPUID_HV_TIMING;
			b = CPUID_HV_SIG_EBX;
			c = CPUID_HV_SIG_ECX;
			d = CPUID_HV_SIG_EDX;
		} else if (leaf == CPUID_HV_TIMING) {
			a = (u32)timer_tsc_khz();
		}
	} else {
		cpuid(leaf, sub, &a, &b, &c, &d);
	}
	if (leaf == 1) {
		c |= CPUID_1_ECX_HYPERVISOR;
		c &= ~CPUID_1_ECX_VMX_BIT;
	} else if (leaf == 0x80000001u) {
		c &= ~SVM_CPUID_80000001_ECX_SVM; /* no nested SVM */
	}
	v->vmcb->save.rax = a;
	v->gprs.rbx = b;
	v->gprs.rcx = c;
	v->gprs.rdx = d;
	v->vmcb->save.rip += 2;
	return RESUME;
}

static void refused_line(const struct svm_vcpu *v, u64 n, const char *what, u64 a, u64 b)
{
	if (svm_refusal_print(n))
		hv_printf("svm: %s: refused #%llu: %s 0x%llx (rip 0x%llx)\n", v->name,
			  (unsigned long long)n + 1, what, (unsigned long long)a,
			  (unsigned long long)b);
}

/* A hypercall (docs/hypercalls.md): the dispatch sees RAX from the VMCB
 * and the other registers from the saved GPRs, and answers in both. */
static int do_vmmcall(struct svm_vcpu *v)
{
	struct hv_hc_regs r = {v->vmcb->save.rax, v->gprs.rbx, v->gprs.rcx,
			       v->gprs.rdx,	  v->gprs.rsi, v->gprs.rdi};
	const u64 nr = r.rax;
	if (!v->hc) {
		r.rax = (u64)PP_HC_ENOSYS;
	} else {
		const u64 before = v->hc->refused;
		hv_hypercall(v->hc, &r);
		if (v->hc->refused != before)
			refused_line(v, before, "hypercall", nr, v->vmcb->save.rip);
	}
	if (v->hc && v->hc->tlb_flush) { /* its nested page table changed */
		v->vmcb->control.tlb_control = SVM_TLB_CONTROL_FLUSH_ALL;
		v->hc->tlb_flush = false;
	}
	v->vmcb->save.rax = r.rax;
	v->gprs.rbx = r.rbx;
	v->gprs.rcx = r.rcx;
	v->gprs.rdx = r.rdx;
	v->vmcb->save.rip += 3;
	return RESUME;
}

#define X86_VECTOR_GP 13u
#define X86_RFLAGS_IF (1ull << 9)
#define HLT_LEN 1u

static bool virq_pending(const struct svm_vcpu *v)
{
	for (u32 w = 0; w < SVM_VIRQ_WORDS; w++)
		if (__atomic_load_n(&v->virq[w], __ATOMIC_ACQUIRE))
			return true;
	return false;
}

/* HLT: with IF set the guest waits for an interrupt, so this CPU waits for
 * its next one (the host tick at the latest: irq.h) unless a request or a
 * virtual interrupt is already pending; with IF clear only NMI, SMI, INIT
 * or reset could wake it, none of which a partition gets: it is stopped. */
static int do_hlt(struct svm_vcpu *v)
{
	if (!(v->vmcb->save.rflags & X86_RFLAGS_IF))
		return stop(v, "hlt with interrupts off (nothing can wake it)");
	v->vmcb->save.rip += HLT_LEN;
	v->vmcb->control.interrupt_shadow = 0; /* the STI shadow ended with the HLT */
	v->hlt_waits++;
	if (!__atomic_load_n(&v->req, __ATOMIC_ACQUIRE) &&
	    !(v->vmcb->control.vintr & SVM_VINTR_V_IRQ) && !virq_pending(v) &&
	    !(v->deadline && rdtsc() >= v->deadline)) {
		cpu_wait_event();
		if (v->after_intr)
			v->after_intr(v->ctx); /* it woke on a tick or a kick */
	}
	return RESUME;
}

#define NPF_HOLD_SPIN_US 100u /* a Linux vCPU's hold, before it runs the access again */

/*
 * The hold (svm_npf_hold, exit_linux.h; the TPM pages before the handover,
 * hypervisor/core/part/tpm_hold.h). The vCPU never waits for the handover
 * in one piece: each held fault waits a bounded while, then the guest runs
 * the instruction again, so a stop request, the end of a time slice and
 * the guest's own interrupts are all served between two faults.
 *  - A small partition's CPU halts (cpu_wait_event, as for a guest HLT)
 *    until its next interrupt: the host tick at most 1 ms later, or a
 *    kick. No busy loop: a time-shared core's other partitions and the
 *    boot CPU's housekeeping (after_intr) go on.
 *  - A Linux partition's core cannot halt in the host: its interrupts are
 *    the guest's (no host tick; an STI would take the guest's vectors into
 *    the host's IDT), and an NMI-only HLT could sleep through the one kick
 *    that would end it. It spins with PAUSE for NPF_HOLD_SPIN_US, checking
 *    its requests, then re-enters the guest, which takes its pending
 *    interrupts (INTR is not intercepted) before the faulting instruction
 *    runs again. The core is the partition's own (linux64 cores are
 *    exclusive, validate_linux.c), so the spin takes nothing from the host
 *    or another partition; it lasts until the handover, milliseconds.
 * An event being delivered when the fault came (EXITINTINFO valid, APM
 * vol. 2 15.7.2) is not held: resuming without it would lose it.
 */
bool svm_npf_hold(struct svm_vcpu *v)
{
	struct svm_vmcb_control *c = &v->vmcb->control;
	if (!v->npf_hook || (c->exitintinfo & SVM_EVENTINJ_V))
		return false;
	const int d = v->npf_hook(v->ctx, c->exitinfo2, (c->exitinfo1 & SVM_BIT64(0)) != 0,
				  (c->exitinfo1 & SVM_BIT64(4)) != 0);
	if (d == SVM_NPF_RETRY) {
		/* the page became present since this vCPU's walk: x86 TLBs never
		 * hold a not-present translation (Intel SDM vol. 3A 4.10.4.3: a
		 * P flag changed from 0 to 1 needs no invalidation; nested walks
		 * use the same entries, APM vol. 2 15.25.5; AMD's own wording was
		 * not checked), so this is only a safeguard, once per held vCPU:
		 * flush before it runs again */
		c->tlb_control = SVM_TLB_CONTROL_FLUSH_ALL;
		return true;
	}
	if (d != SVM_NPF_HOLD)
		return false;
	v->npf_holds++;
	if (__atomic_load_n(&v->req, __ATOMIC_ACQUIRE) || (v->deadline && rdtsc() >= v->deadline))
		return true; /* served at the top of svm_vcpu_run's loop */
	if (!v->lnx) {
		cpu_wait_event();
		if (v->after_intr)
			v->after_intr(v->ctx); /* it woke on a tick or a kick */
		return true;
	}
	struct timeout t;
	timeout_start(&t, NPF_HOLD_SPIN_US);
	while (!__atomic_load_n(&v->req, __ATOMIC_ACQUIRE) && !timeout_expired(&t))
		cpu_relax();
	return true;
}

/* A guest-physical access its nested page table does not allow (APM vol. 2
 * §15.25.6: EXITINFO1 bit 0 present, 1 write, 4 instruction fetch;
 * EXITINFO2 the guest-physical address): held (svm_npf_hold) or stopped. */
static int do_npf(struct svm_vcpu *v)
{
	const struct svm_vmcb_control *c = &v->vmcb->control;
	if (svm_npf_hold(v))
		return RESUME;
	const char *kind = (c->exitinfo1 & SVM_BIT64(4))   ? "fetch"
			   : (c->exitinfo1 & SVM_BIT64(1)) ? "write"
							   : "read";
	hv_printf("svm: %s stopped: nested page fault: %s at gpa 0x%llx, %s (exitinfo1 0x%llx, "
		  "rip 0x%llx)\n",
		  v->name, kind, (unsigned long long)c->exitinfo2,
		  (c->exitinfo1 & SVM_BIT64(0)) ? "not permitted there" : "outside its memory",
		  (unsigned long long)c->exitinfo1, (unsigned long long)v->vmcb->save.rip);
	v->stopped = true;
	return STOP;
}
#define RDMSR_WRMSR_LEN 2u

/* A port outside the policy's ranges (refuse.h): IN reads all ones, OUT is dropped. */
static int do_ioio(struct svm_vcpu *v)
{
	struct svm_ioio io;
	struct svm_vmcb_control *c = &v->vmcb->control;
	if (!svm_ioio_decode(c->exitinfo1, &io))
		return stop(v, "I/O exit without an operand size");
	refused_line(v, v->refused_io, io.in ? "in from port" : "out to port", io.port,
		     v->vmcb->save.rip);
	v->refused_io++;
	if (io.str || io.rep)
		return stop(v, "string I/O to a port outside its policy (not emulated)");
	if (io.in && io.size == 4)
		v->vmcb->save.rax = 0xffffffffull; /* a 32-bit result clears RAX[63:32] */
	else if (io.in)
		v->vmcb->save.rax |= io.size == 2 ? 0xffffull : 0xffull;
	v->vmcb->save.rip = c->exitinfo2; /* the next instruction (§15.10.2) */
	return RESUME;
}

/* The MSR allowlist (refuse.h); anything else: #GP(0), the instruction not completed. */
static int do_msr(struct svm_vcpu *v)
{
	const bool write = v->vmcb->control.exitinfo1 == 1;
	const u32 msr = (u32)v->gprs.rcx;
	u64 val;
	switch (svm_msr_decide(msr, write)) {
	case SVM_MSR_READ_TSC: val = rdtsc() + v->vmcb->control.tsc_offset; break;
	case SVM_MSR_READ_EFER: val = v->vmcb->save.efer & ~SVM_EFER_SVME; break;
	default:
		refused_line(v, v->refused_msr, write ? "wrmsr" : "rdmsr", msr, v->vmcb->save.rip);
		v->refused_msr++;
		v->vmcb->control.eventinj =
		    X86_VECTOR_GP | SVM_EVENTINJ_TYPE_EXCEPTION | SVM_EVENTINJ_EV | SVM_EVENTINJ_V;
		return RESUME;
	}
	v->vmcb->save.rax = val & 0xffffffffull;
	v->gprs.rdx = val >> 32;
	v->vmcb->save.rip += RDMSR_WRMSR_LEN;
	return RESUME;
}

static int dispatch(struct svm_vcpu *v)
{
	const u64 code = v->vmcb->control.exitcode;
	if ((code & 0xffffffffu) == SVM_EXIT_INVALID_LOW32) {
		struct svm_check_env env = {svm_caps.phys_bits, svm_caps.long_mode};
		const char *rule = svm_check_vmcb(v->vmcb, &env);
		hv_printf("svm: %s stopped: VMRUN refused the VMCB (exit code 0x%llx): %s\n",
			  v->name, (unsigned long long)code,
			  rule ? rule : "no rule of the checker names it");
		v->stopped = true;
		return STOP;
	}
	if (v->lnx) {
		int rc = svm_linux_dispatch(v);
		if (rc >= 0)
			return rc ? STOP : RESUME;
		return stop(v, NULL);
	}
	switch (code) {
	case SVM_EXIT_CPUID: return do_cpuid(v);
	case SVM_EXIT_VMMCALL: return do_vmmcall(v);
	case SVM_EXIT_IOIO: return do_ioio(v);
	case SVM_EXIT_MSR: return do_msr(v);
	case SVM_EXIT_HLT: return do_hlt(v);
	case SVM_EXIT_NPF: return do_npf(v);
	case SVM_EXIT_INTR:
		v->intr_exits++;
		if (v->after_intr)
			v->after_intr(v->ctx); /* the host took a tick or a kick */
		return RESUME;
	case SVM_EXIT_SHUTDOWN: return stop(v, "shutdown (triple fault)");
	default: return stop(v, NULL);
	}
}

/* The next virtual interrupt (V_IRQ, §15.21.4), taken when the guest's IF
 * is set: only once the last one was taken (the CPU clears V_IRQ when
 * the guest takes it), the highest vector of the pending set (vcpu.h). */
static void inject_virq(struct svm_vcpu *v)
{
	if (v->vmcb->control.vintr & SVM_VINTR_V_IRQ)
		return;
	for (u32 w = SVM_VIRQ_WORDS; w-- > 0;) {
		u64 bits = __atomic_load_n(&v->virq[w], __ATOMIC_ACQUIRE);
		if (!bits)
			continue;
		u32 b = 63u - (u32)__builtin_clzll(bits);
		__atomic_fetch_and(&v->virq[w], ~(1ull << b), __ATOMIC_SEQ_CST);
		u64 vi = v->vmcb->control.vintr & ~(SVM_VINTR_VECTOR_MASK | SVM_VINTR_PRIO_MASK);
		vi |= SVM_VINTR_V_IRQ | SVM_VINTR_IGN_TPR | SVM_VINTR_PRIO_MASK |
		      ((u64)(w * 64u + b) << SVM_VINTR_VECTOR_SHIFT);
		v->vmcb->control.vintr = vi;
		v->virqs++;
		return;
	}
}

static void print_trace(const struct svm_vcpu *v)
{
	char buf[SVM_VCPU_TRACE * 10 + 8];
	size_t n = 0;
	for (u32 i = 0; i < v->exits && i < SVM_VCPU_TRACE; i++) {
		const char *s = exit_name(v->trace[i]);
		if (i)
			buf[n++] = ' ';
		while (*s)
			buf[n++] = *s++;
	}
	buf[n] = '\0';
	hv_printf("svm: %s exits: %s%s (%llu)\n", v->name, buf,
		  v->exits > SVM_VCPU_TRACE ? " ..." : "", (unsigned long long)v->exits);
}

bool svm_vcpu_run(struct svm_vcpu *v)
{
	const struct svm_check_env env = {svm_caps.phys_bits, svm_caps.long_mode};
	const u64 host_pa = percpu[this_cpu_index()].svm_host_vmcb_pa;

	if (!v->checked) {
		const char *rule = svm_check_vmcb(v->vmcb, &env);
		if (rule) {
			hv_printf("svm: %s not started: the VMCB breaks %s\n", v->name, rule);
			v->stopped = true;
			return true;
		}
		v->checked = true;
	}
	while (!v->stopped) {
		if (v->deadline && rdtsc() >= v->deadline)
			return false; /* its slice is over (vcpu.h) */
		if (v->max_exits && v->exits >= v->max_exits) {
			stop(v, "exit limit reached");
			break;
		}
		/* A Linux vCPU is kicked by NMI (lapic_send_nmi): with GIF clear
		 * from before the request is read, a kick that comes after the read
		 * is held and makes VMRUN exit at once (#VMEXIT(NMI), APM vol. 2
		 * 15.17 "Global Interrupt Flag"), so no request waits for the
		 * guest's next exit. svm_vmrun's CLGI then finds GIF clear; its STGI
		 * sets it again. Other vCPUs are kicked by an interrupt, which
		 * their own HLT/interrupt exits serve. */
		if (v->lnx)
			__asm__ volatile("clgi" ::: "memory");
		const u32 req =
		    __atomic_fetch_and(&v->req, ~(SVM_REQ_STOP | SVM_REQ_SIGNAL), __ATOMIC_SEQ_CST);
		if (req & SVM_REQ_STOP) {
			if (v->lnx)
				__asm__ volatile("stgi" ::: "memory");
			stop(v, v->stop_why ? v->stop_why : "stop requested");
			break;
		}
		if (req & SVM_REQ_SIGNAL) {
			svm_vcpu_post(v, v->signal_vector);
			v->signals++;
		}
		inject_virq(v);
		svm_vmrun((u64)(uintptr_t)v->vmcb, &v->gprs, host_pa, v->lnx != NULL);
		v->vmcb->control.tlb_control =
		    SVM_TLB_CONTROL_NOTHING; /* flushed on the first run */
		if (v->exits < SVM_VCPU_TRACE)
			v->trace[v->exits] = v->vmcb->control.exitcode;
		v->exits++;
		if (v->exits == 1 && v->started &&
		    (v->vmcb->control.exitcode & 0xffffffffu) != SVM_EXIT_INVALID_LOW32)
			v->started(v->ctx);
		dispatch(v);
	}
	print_trace(v);
	return true;
}
