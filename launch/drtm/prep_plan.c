// SPDX-License-Identifier: GPL-2.0-only
/* The pre-DRTM decisions (prep.h), pure. */
#include <parapet/handoff.h>
#include "launch/drtm/prep.h"

void drtm_cpu_decode(u32 cpuid1_ecx, u32 ext_ecx, u64 vm_cr, struct drtm_cpu *c)
{
	c->hypervisor = !!(cpuid1_ecx & DRTM_CPUID1_ECX_HYPERVISOR);
	c->smx = !!(cpuid1_ecx & DRTM_CPUID1_ECX_SMX);
	c->svm = !!(ext_ecx & DRTM_CPUID_ECX_SVM);
	c->skinit = !!(ext_ecx & DRTM_CPUID_ECX_SKINIT);
	c->svm_usable = c->svm && !(vm_cr & DRTM_VM_CR_SVMDIS);
}

u32 drtm_choose(const struct drtm_cpu *c)
{
	if (c->hypervisor)
		return PP_LAUNCH_EMULATED;
	if (c->skinit)
		return PP_LAUNCH_SKINIT;
	return c->smx ? PP_LAUNCH_TXT : PP_LAUNCH_STATIC;
}

bool drtm_gif_available(const struct drtm_cpu *c)
{
	return c->svm_usable || c->skinit;
}

u64 drtm_efer(const struct drtm_cpu *c, u64 efer)
{
	return c->svm_usable ? efer | DRTM_EFER_SVME : efer;
}

u64 drtm_vm_cr(u64 vm_cr)
{
	return vm_cr & ~DRTM_VM_CR_DIS_A20M;
}
