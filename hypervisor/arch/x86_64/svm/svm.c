// SPDX-License-Identifier: GPL-2.0-only
/* SVM detection and per-CPU enabling on the running CPU (svm.h, docs/svm.md). */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/percpu.h"
#include "hypervisor/arch/x86_64/regs.h"
#include "svm.h"

struct svm_caps svm_caps;

bool svm_detect(void)
{
	struct svm_cpuid in = {0};
	u32 a, b, c, d;

	cpuid(0x80000000u, 0, &a, &b, &c, &d);
	in.max_ext_leaf = a;
	if (in.max_ext_leaf >= 0x80000001u) {
		cpuid(0x80000001u, 0, &a, &b, &c, &d);
		in.ext1_ecx = c;
		in.ext1_edx = d;
	}
	if (in.max_ext_leaf >= 0x80000008u) {
		cpuid(0x80000008u, 0, &a, &b, &c, &d);
		in.addr_eax = a;
	}
	if ((in.ext1_ecx & SVM_CPUID_80000001_ECX_SVM) && in.max_ext_leaf >= 0x8000000au) {
		cpuid(0x8000000au, 0, &a, &b, &c, &d);
		in.svm_eax = a;
		in.svm_ebx = b;
		in.svm_edx = d;
		in.vm_cr = rdmsr(SVM_MSR_VM_CR); /* exists when SVM is reported */
	}
	svm_caps_decide(&in, &svm_caps);
	return svm_caps.usable;
}

/* APM §15.30.4: the host save area is a 4 KiB-aligned page the hypervisor
 * never touches itself (VMRUN writes the host's state there); the VMSAVE
 * area (vmrun.S) holds FS, GS, TR, LDTR, KernelGSBase, STAR/LSTAR/CSTAR/
 * SFMASK and SYSENTER_*, which VMRUN does not switch. */
static int prepare(struct percpu *pc, struct palloc *pa, struct pp_err *err)
{
	if (!pc->svm_hsave_pa) {
		hpa_t page = palloc_alloc(pa);
		if (!hpa_val(page))
			return pp_fail(err, PP_ENOMEM, "svm: no page for the host save area");
		pc->svm_hsave_pa = hpa_val(page);
	}
	if (!pc->svm_host_vmcb_pa) {
		hpa_t page = palloc_alloc(pa);
		if (!hpa_val(page))
			return pp_fail(err, PP_ENOMEM, "svm: no page for the host VMSAVE area");
		memset((void *)(uintptr_t)hpa_val(page), 0, PP_PAGE_SIZE);
		pc->svm_host_vmcb_pa = hpa_val(page);
	}
	return 0;
}

int svm_prepare_cpu(u32 apic_id, struct palloc *pa, struct pp_err *err)
{
	for (u32 s = 0; s < HV_MAX_CPUS; s++)
		if (percpu[s].apic_id == apic_id && percpu[s].online)
			return prepare(&percpu[s], pa, err);
	return pp_fail(err, PP_ENOENT, "svm: no online CPU with APIC ID %u", apic_id);
}

int svm_enable_cpu(struct palloc *pa, struct pp_err *err)
{
	struct percpu *pc = &percpu[this_cpu_index()];

	if (!svm_caps.usable)
		return pp_fail(err, PP_EINVAL, "svm: not usable: %s", svm_caps.why);
	if ((!pc->svm_hsave_pa || !pc->svm_host_vmcb_pa) && !pa)
		return pp_fail(err, PP_EINVAL, "svm: cpu %u has no host save area", pc->cpu);
	int rc = prepare(pc, pa, err);
	if (rc)
		return rc;
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(SVM_MSR_VM_HSAVE_PA, pc->svm_hsave_pa);
	return 0;
}
