// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exits of a Linux partition's vCPU (docs/linux-partition.md, "At run
 * time"), after exit.c's VMRUN check. Its VMCB (vmcb_linux in
 * virt_svm.c) intercepts neither INTR nor HLT: the guest owns its core's
 * local APIC, takes its interrupts through its own IDT and halts on its
 * core. What exits is decoded here and decided by core/linux/lvm.c:
 *
 *   CPUID 0F A2            the filtered answer; RIP + 2
 *   RDMSR/WRMSR 0F 32/30   vmsr.c; EFER and PAT writes go to the VMCB; #GP
 *   IOIO                   vports.c; RIP = EXITINFO2 (APM vol. 2 15.10.2)
 *   NPF, TPM page before   held, RIP unchanged: the access runs again
 *   the handover           (svm_npf_hold, exit.c)
 *   NPF, write, xAPIC page the instruction fetched through the guest's page
 *                          tables and decoded (lib/x86dec); its linear
 *                          address translated back must be the faulting
 *                          gpa; the value filtered (vapic.c); RIP + length
 *   WBINVD/INVD 0F 09/08   no-ops (a partition does not flush the shared
 *                          cache); RIP + 2
 *   VMMCALL, MONITOR,      #UD (none is offered: CPUID says so; XSETBV
 *   MWAIT                  is not intercepted, virt_svm.c)
 *   NMI, INIT, SMI         resumed (a kick: the host takes the NMI
 *                          itself at STGI and returns, isr.S; or nothing
 *                          to do)
 *   SHUTDOWN, reset port   the partition restarts from its measured images
 *   poweroff port          the partition stops
 *   anything else          the partition stops with the exit printed
 *
 * Lengths without NRIP save are fixed, as exit.c's. Trust: every register
 * and byte here is the guest's; a malformed access stops this partition
 * (never the host) or is refused inside it.
 */
#include <parapet/fmt.h>
#include "hypervisor/arch/x86_64/cpu.h"
#include "hypervisor/core/console.h"
#include "hypervisor/core/linux/lvm.h"
#include "hypervisor/lib/x86dec/fetch.h"
#include "exit_linux.h"
#include "refuse.h"
#include "svm.h"

#define XAPIC_PAGE 0xFEE00000ull /* the MADT's local APIC address (vacpi.h) */
#define NPF_P SVM_BIT64(0)	 /* EXITINFO1: the page was present */
#define NPF_W SVM_BIT64(1)	 /* a write */
#define NPF_FETCH SVM_BIT64(4)
#define VEC_UD 6u
#define VEC_GP 13u
#define LEN2 2u
#define CPUID_1_ECX_OSXSAVE (1u << 27)
#define CR4_OSXSAVE (1ull << 18)

static void inject(struct svm_vcpu *v, u32 vector, bool code)
{
	v->vmcb->control.eventinj =
	    vector | SVM_EVENTINJ_TYPE_EXCEPTION | SVM_EVENTINJ_V | (code ? SVM_EVENTINJ_EV : 0);
}

static int halt(struct svm_vcpu *v, const char *why)
{
	hv_printf("svm: %s stopped: %s (rip 0x%llx)\n", v->name, why,
		  (unsigned long long)v->vmcb->save.rip);
	v->stopped = true;
	return 1;
}

static int do_cpuid(struct svm_vcpu *v, struct lnx_vcpu *c)
{
	struct vcpuid_regs r;
	c->x[LNX_X_CPUID]++;
	vcpuid_answer(&c->cpuid, (u32)v->vmcb->save.rax, (u32)v->gprs.rcx, &r);
	if ((u32)v->vmcb->save.rax == 1) {
		/* 1.ECX.OSXSAVE mirrors CR4.OSXSAVE (SDM vol. 2A CPUID, Table 3-10;
		 * APM Fn0000_0001_ECX): the guest's, not the host's */
		r.ecx &= ~CPUID_1_ECX_OSXSAVE;
		if (v->vmcb->save.cr4 & CR4_OSXSAVE)
			r.ecx |= CPUID_1_ECX_OSXSAVE;
	}
	v->vmcb->save.rax = r.eax;
	v->gprs.rbx = r.ebx;
	v->gprs.rcx = r.ecx;
	v->gprs.rdx = r.edx;
	v->vmcb->save.rip += LEN2;
	return 0;
}

static int do_msr(struct svm_vcpu *v, struct lnx_vm *vm, struct lnx_vcpu *c)
{
	struct vmsr_req rq = {.index = (u32)v->gprs.rcx,
			      .write = v->vmcb->control.exitinfo1 == 1,
			      .value = (v->vmcb->save.rax & 0xffffffffull) | (v->gprs.rdx << 32),
			      .efer = v->vmcb->save.efer,
			      .cr0 = v->vmcb->save.cr0};
	struct vmsr_result res;
	struct pp_err err = {0, ""};
	c->x[rq.write ? LNX_X_WRMSR : LNX_X_RDMSR]++;
	int act = vmsr_access(&c->msr, &rq, &res, &err);
	if (act == VMSR_GP || act == VMSR_PASSTHROUGH) {
		/* PASSTHROUGH never exits (its MSRPM bits are clear): a bug, refused */
		if (svm_refusal_print(c->msr_gp))
			hv_printf("%s: #GP for %s 0x%x (%s): %s\n", vm->name,
				  rq.write ? "wrmsr" : "rdmsr", rq.index, res.name,
				  act == VMSR_GP ? err.msg : "passthrough MSR exited");
		c->msr_gp++;
		inject(v, VEC_GP, true);
		return 0;
	}
	if (rq.write) {
		if (act == VMSR_EMULATE && rq.index == 0xC0000080u)
			v->vmcb->save.efer = res.value; /* SVME kept by vmsr.c */
		else if (act == VMSR_EMULATE && rq.index == 0x277u)
			v->vmcb->save.g_pat = res.value;
	} else {
		v->vmcb->save.rax = res.value & 0xffffffffull;
		v->gprs.rdx = res.value >> 32;
	}
	v->vmcb->save.rip += LEN2;
	return 0;
}

static int do_ioio(struct svm_vcpu *v, struct lnx_vm *vm)
{
	struct svm_ioio io;
	if (!svm_ioio_decode(v->vmcb->control.exitinfo1, &io))
		return halt(v, "I/O exit without an operand size");
	if (io.str || io.rep)
		return halt(v, "string port I/O (not emulated for a Linux partition)");
	u32 val = (u32)v->vmcb->save.rax;
	enum vports_action a = lnx_vm_io(vm, v->lnx_vcpu, io.port, io.size, io.in, &val);
	if (io.in) {
		u64 mask = io.size == 4 ? 0xffffffffffffffffull : (1ull << (8 * io.size)) - 1;
		if (io.size == 4)
			v->vmcb->save.rax = val; /* a 32-bit result clears RAX[63:32] */
		else
			v->vmcb->save.rax = (v->vmcb->save.rax & ~mask) | (val & mask);
	}
	v->vmcb->save.rip = v->vmcb->control.exitinfo2; /* the next instruction (15.10.2) */
	if (a == VPORTS_RESET) {
		v->reset = true;
		return halt(v, "reset (port write)");
	}
	if (a == VPORTS_POWEROFF)
		return halt(v, "powered off (ACPI sleep control, S5)");
	return 0;
}

static int read_gpa(void *ctx, u64 gpa, u8 *buf, u32 len)
{
	const struct svm_vcpu *v = ctx;
	return v->hc->read(v->hc->ctx, gpa, buf, len) ? PP_ERANGE : PP_OK;
}

static void regs_of(const struct svm_vcpu *v, struct x86_regs *r)
{
	const struct svm_gprs *g = &v->gprs;
	const u64 gpr[X86_NGPR] = {v->vmcb->save.rax,
				   g->rcx,
				   g->rdx,
				   g->rbx,
				   v->vmcb->save.rsp,
				   g->rbp,
				   g->rsi,
				   g->rdi,
				   g->r8,
				   g->r9,
				   g->r10,
				   g->r11,
				   g->r12,
				   g->r13,
				   g->r14,
				   g->r15};
	for (u32 i = 0; i < X86_NGPR; i++)
		r->gpr[i] = gpr[i];
	r->rip = v->vmcb->save.rip;
	r->fs_base = v->vmcb->save.fs.base;
	r->gs_base = v->vmcb->save.gs.base;
}

/* A write to the read-only xAPIC page: fetch, decode, check, filter. */
static int do_npf(struct svm_vcpu *v, struct lnx_vm *vm)
{
	const u64 info = v->vmcb->control.exitinfo1, gpa = v->vmcb->control.exitinfo2;
	char why[160];
	if (svm_npf_hold(v))
		return 0; /* a TPM page before the handover (exit.c) */
	if ((gpa & ~0xfffull) != XAPIC_PAGE || !(info & NPF_P) || !(info & NPF_W) ||
	    (info & NPF_FETCH)) {
		pp_snprintf(why, sizeof(why),
			    "nested page fault: %s at gpa 0x%llx (exitinfo1 0x%llx)",
			    (info & NPF_FETCH) ? "fetch"
			    : (info & NPF_W)   ? "write"
					       : "read",
			    (unsigned long long)gpa, (unsigned long long)info);
		return halt(v, why);
	}
	const struct x86_paging pg = {.cr0 = v->vmcb->save.cr0,
				      .cr3 = v->vmcb->save.cr3,
				      .cr4 = v->vmcb->save.cr4,
				      .efer = v->vmcb->save.efer,
				      .maxphyaddr = (u8)svm_caps.phys_bits,
				      .page1gb = cpu_features.page1gb};
	const struct x86_mem_ops mem = {.ctx = v, .read = read_gpa};
	struct x86_insn in;
	struct x86_regs r;
	struct pp_err err = {0, ""};
	u64 lin_gpa = 0;
	if (!(v->vmcb->save.cs.attrib & SVM_SEG_L))
		return halt(v, "xAPIC write outside 64-bit mode (not decoded)");
	regs_of(v, &r);
	if (x86_fetch_decode(&pg, &mem, r.rip, &in, &err)) {
		pp_snprintf(why, sizeof(why), "xAPIC write not decoded: %s", err.msg);
		return halt(v, why);
	}
	if (in.kind != X86_STORE_REG && in.kind != X86_STORE_IMM)
		return halt(v, "xAPIC write fault on an instruction that does not store");
	if (x86_gva_to_gpa(&pg, &mem, x86_linear_addr(&in, &r), &lin_gpa, &err) || lin_gpa != gpa) {
		pp_snprintf(why, sizeof(why),
			    "decoded store to gpa 0x%llx, the fault was at gpa 0x%llx%s%s",
			    (unsigned long long)lin_gpa, (unsigned long long)gpa,
			    err.msg[0] ? ": " : "", err.msg);
		return halt(v, why);
	}
	(void)lnx_vm_apic_write(vm, v->lnx_vcpu, (u32)(gpa & 0xfffu), (u32)x86_store_value(&in, &r),
				in.size);
	v->vmcb->save.rip += in.len;
	return 0;
}

int svm_linux_dispatch(struct svm_vcpu *v)
{
	struct lnx_vm *vm = v->lnx;
	struct lnx_vcpu *c = &vm->cpu[v->lnx_vcpu];
	switch (v->vmcb->control.exitcode) {
	case SVM_EXIT_CPUID: return do_cpuid(v, c);
	case SVM_EXIT_MSR: return do_msr(v, vm, c);
	case SVM_EXIT_IOIO: return do_ioio(v, vm);
	case SVM_EXIT_NPF: return do_npf(v, vm);
	case SVM_EXIT_WBINVD:
	case SVM_EXIT_INVD:
		c->x[LNX_X_WBINVD]++;
		v->vmcb->save.rip += LEN2;
		return 0;
	case SVM_EXIT_VMMCALL:
	case SVM_EXIT_MONITOR:
	case SVM_EXIT_MWAIT:
	case SVM_EXIT_MWAIT_COND:
		c->x[LNX_X_UD]++;
		inject(v, VEC_UD, false);
		return 0;
	case SVM_EXIT_NMI: c->x[LNX_X_NMI]++; return 0;
	case SVM_EXIT_INIT:
	case SVM_EXIT_SMI: c->x[LNX_X_OTHER]++; return 0;
	case SVM_EXIT_SHUTDOWN: v->reset = true; return halt(v, "shutdown (triple fault)");
	default: return -1; /* exit.c stops it with the exit printed */
	}
}
