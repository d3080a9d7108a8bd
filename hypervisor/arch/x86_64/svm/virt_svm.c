// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual-CPU seam (virt.h) on AMD-V: a partition's vCPU is a VMCB
 * (vmcb_part.c) with the partition's nested page table and ASID, an I/O
 * permission map with only the policy's ports open and an MSR permission
 * map intercepting every MSR (APM vol. 2 §15.10.1, §15.11), checked
 * against the VMRUN consistency rules (check.c) before it is ever run.
 */
#include <parapet/string.h>
#include "hypervisor/arch/x86_64/virt.h"
#include "check.h"
#include "svm.h"
#include "vmcb_part.h"

static void *va(hpa_t a)
{
	return (void *)(uintptr_t)hpa_val(a);
}

const char *virt_unusable(void)
{
	if (!svm_caps.usable)
		return svm_caps.why;
	return svm_caps.np ? NULL : "no nested paging";
}

int virt_prepare_cpu(u32 apic_id, struct palloc *pa, struct pp_err *err)
{
	return svm_prepare_cpu(apic_id, pa, err);
}

int virt_enable_cpu(struct palloc *pa, struct pp_err *err)
{
	return svm_enable_cpu(pa, err);
}

int virt_alloc(struct virt_pages *pg, struct palloc *pa, u64 below, struct pp_err *err)
{
	pg->io = palloc_alloc_run(pa, SVM_IOPM_SIZE / PP_PAGE_SIZE, below);
	pg->msr = palloc_alloc_run(pa, SVM_MSRPM_SIZE / PP_PAGE_SIZE, below);
	pg->ctl = palloc_alloc_below(pa, below);
	if (!hpa_val(pg->io) || !hpa_val(pg->msr) || !hpa_val(pg->ctl))
		return pp_fail(err, PP_ENOMEM, "out of pages for the VMCB and permission maps");
	memset(va(pg->io), 0xff, SVM_IOPM_SIZE);
	memset(va(pg->msr), 0xff, SVM_MSRPM_SIZE);
	return PP_OK;
}

/* One bit per port, set: intercepted (§15.10.1). */
void virt_open_ports(const struct virt_pages *pg, u32 base, u32 count)
{
	u8 *map = va(pg->io);
	for (u32 port = base; port < base + count && port <= 0xffff; port++)
		map[port / 8] &= (u8) ~(1u << (port % 8));
}

/* The MSR permission map (APM vol. 2 §15.11, Table 15-5): two bits per MSR
 * (read, then write) in three 2 KiB ranges: 0-0x1FFF at byte 0,
 * 0xC0000000-0xC0001FFF at 0x800, 0xC0010000-0xC0011FFF at 0x1000. */
void virt_open_msr(const struct virt_pages *pg, u32 msr, bool write)
{
	static const u32 base[3] = {0x0u, 0xC0000000u, 0xC0010000u};
	u8 *map = va(pg->msr);
	for (u32 i = 0; i < 3; i++) {
		if (msr < base[i] || msr - base[i] >= 0x2000u)
			continue;
		u32 bit = (msr - base[i]) * 2u + (write ? 1u : 0u);
		map[i * 0x800u + bit / 8u] &= (u8) ~(1u << (bit % 8u));
	}
}

/* A Linux partition's intercepts (docs/linux-partition.md, "In a
 * partition"): the small partitions' set without INTR and HLT, and without
 * V_INTR_MASKING: the guest's own IF governs physical interrupts, which it
 * takes through its own IDT (§15.21.1), and it halts on its own core.
 * Without XSETBV either: VMRUN does not switch XCR0, so on its exclusive
 * core XCR0 is the guest's, set by its own XSETBV (checked by the CPU
 * against its CR4.OSXSAVE and CPUID 0xD; the hypervisor uses no extended
 * state: -mgeneral-regs-only). */
static void vmcb_linux(struct svm_vmcb *v)
{
	v->control.intercept1 &= ~(SVM_INTERCEPT1_INTR | SVM_INTERCEPT1_HLT);
	v->control.intercept2 &= ~SVM_INTERCEPT2_XSETBV;
	v->control.vintr = 0;
}

int virt_vcpu_init(virt_vcpu *v, const struct virt_pages *pg, const struct virt_part *vp,
		   struct pp_err *err)
{
	struct svm_guest_setup s = {
	    .n_cr3 = vp->npt_root, .iopm = pg->io, .msrpm = pg->msr, .asid = vp->asid};
	svm_vmcb_init_part(va(pg->ctl), &s, vp->boot);
	if (vp->lnx)
		vmcb_linux(va(pg->ctl));
	const struct svm_check_env env = {svm_caps.phys_bits, svm_caps.long_mode};
	const char *rule = svm_check_vmcb(va(pg->ctl), &env);
	if (rule)
		return pp_fail(err, PP_EINVAL, "its VMCB breaks %s", rule);
	*v = (struct svm_vcpu){.name = vp->name,
			       .vmcb = va(pg->ctl),
			       .hc = vp->hc,
			       .signal_vector = vp->signal_vector,
			       .started = vp->started,
			       .after_intr = vp->after_intr,
			       .npf_hook = vp->npf_hook,
			       .ctx = vp->ctx,
			       .lnx = vp->lnx,
			       .lnx_vcpu = vp->lnx_vcpu};
	v->gprs.rsi = vp->boot->rsi;
	return PP_OK;
}
