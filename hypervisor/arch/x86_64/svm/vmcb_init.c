// SPDX-License-Identifier: GPL-2.0-only
/* The first guest's VMCB (vmcb_init.h); register values per AMD APM vol. 2 §3.1, §14.1 (reset). */
#include <parapet/string.h>
#include "check.h"
#include "vmcb_init.h"

#define SVM_CR0_ET SVM_BIT64(4)
#define SVM_CR0_NE SVM_BIT64(5)
#define SVM_CR0_WP SVM_BIT64(16)
#define SVM_DR6_INIT 0xffff0ff0ull	       /* APM vol. 2 §13.1.1.5: DR6 after reset */
#define SVM_DR7_INIT 0x400ull		       /* §13.1.1.6: DR7 after reset */
#define SVM_RFLAGS_FIXED 0x2ull		       /* bit 1 reads as one; IF clear */
#define SVM_GPAT_DEFAULT 0x0007040600070406ull /* the reset PAT: WB, WT, UC-, UC */

static void flat_seg(struct svm_seg *s, u16 sel, u16 attrib)
{
	s->selector = sel;
	s->attrib = attrib;
	s->limit = 0xffffffffu;
	s->base = 0;
}

void svm_vmcb_init_flat64(struct svm_vmcb *v, const struct svm_guest_setup *s)
{
	const u16 code = SVM_SEG_P | SVM_SEG_S | SVM_SEG_TYPE_CODE_RX_ACCESSED | SVM_SEG_L;
	const u16 data =
	    SVM_SEG_P | SVM_SEG_S | SVM_SEG_TYPE_DATA_RW_ACCESSED | SVM_SEG_DB | SVM_SEG_G;

	memset(v, 0, sizeof(*v));
	v->control.intercept1 = SVM_FIRST_GUEST_INTERCEPT1;
	v->control.intercept2 = SVM_FIRST_GUEST_INTERCEPT2;
	v->control.iopm_base_pa = hpa_val(s->iopm);
	v->control.msrpm_base_pa = hpa_val(s->msrpm);
	v->control.guest_asid = s->asid;
	v->control.tlb_control = SVM_TLB_CONTROL_FLUSH_ALL; /* every CPU has it (§15.16.1) */
	/* physical interrupts obey the host's IF (set at VMRUN, vmrun.S) and
	 * exit through the INTR intercept whatever the guest's IF is */
	v->control.vintr = SVM_VINTR_MASKING;
	v->control.np_enable = SVM_NP_ENABLE;
	v->control.n_cr3 = hpa_val(s->n_cr3);

	flat_seg(&v->save.cs, SVM_GUEST_SEL_CODE, code);
	flat_seg(&v->save.ds, SVM_GUEST_SEL_DATA, data);
	flat_seg(&v->save.es, SVM_GUEST_SEL_DATA, data);
	flat_seg(&v->save.ss, SVM_GUEST_SEL_DATA, data);
	flat_seg(&v->save.fs, SVM_GUEST_SEL_DATA, data);
	flat_seg(&v->save.gs, SVM_GUEST_SEL_DATA, data);
	/* No GDT, no IDT: any guest exception escalates to a triple fault,
	 * which the shutdown intercept turns into a stop. */
	v->save.gdtr.limit = 0;
	v->save.idtr.limit = 0;
	v->save.ldtr.attrib = 0; /* unusable */
	v->save.tr.attrib = SVM_SEG_P | SVM_SEG_TYPE_TSS64_BUSY;
	v->save.tr.limit = 0x67;
	v->save.cpl = 0;
	v->save.efer = SVM_EFER_SVME | SVM_EFER_LME | SVM_EFER_LMA;
	v->save.cr0 = SVM_CR0_PE | SVM_CR0_ET | SVM_CR0_NE | SVM_CR0_WP | SVM_CR0_PG;
	v->save.cr3 = s->cr3;
	v->save.cr4 = SVM_CR4_PAE;
	v->save.dr6 = SVM_DR6_INIT;
	v->save.dr7 = SVM_DR7_INIT;
	v->save.rflags = SVM_RFLAGS_FIXED;
	v->save.rip = s->rip;
	v->save.rsp = s->rsp;
	v->save.g_pat = SVM_GPAT_DEFAULT;
}
