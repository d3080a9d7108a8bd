// SPDX-License-Identifier: GPL-2.0-only
/* A partition's VMCB from its boot state (vmcb_part.h). */
#include "vmcb_part.h"

_Static_assert(sizeof(struct part_seg) == sizeof(struct svm_seg),
	       "part_seg mirrors the VMCB segment layout (APM Table B-2)");

static void seg(struct svm_seg *d, const struct part_seg *s)
{
	d->selector = s->sel;
	d->attrib = s->attrib;
	d->limit = s->limit;
	d->base = s->base;
}

void svm_vmcb_init_part(struct svm_vmcb *v, const struct svm_guest_setup *s,
			const struct part_boot_state *b)
{
	svm_vmcb_init_flat64(v, s); /* control area, intercepts, then overwritten state */
	seg(&v->save.es, &b->es);
	seg(&v->save.cs, &b->cs);
	seg(&v->save.ss, &b->ss);
	seg(&v->save.ds, &b->ds);
	seg(&v->save.fs, &b->fs);
	seg(&v->save.gs, &b->gs);
	seg(&v->save.gdtr, &b->gdtr);
	seg(&v->save.ldtr, &b->ldtr);
	seg(&v->save.idtr, &b->idtr);
	seg(&v->save.tr, &b->tr);
	v->save.cpl = b->cpl;
	v->save.efer = b->efer;
	v->save.cr0 = b->cr0;
	v->save.cr2 = b->cr2;
	v->save.cr3 = b->cr3;
	v->save.cr4 = b->cr4;
	v->save.dr6 = b->dr6;
	v->save.dr7 = b->dr7;
	v->save.rflags = b->rflags;
	v->save.rip = b->rip;
	v->save.rsp = b->rsp;
	v->save.g_pat = b->g_pat;
}
