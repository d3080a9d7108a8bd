// SPDX-License-Identifier: GPL-2.0-only
/*
 * A partition's VMCB (hypervisor/arch/x86_64/svm/vmcb_part.c): built from
 * the boot state the partition builder computes for the policy fixture's
 * service partition, it passes every VMRUN consistency check, carries the
 * boot state's registers and segments unchanged, and keeps the first
 * guest's intercepts and nested paging.
 */
#include <stdlib.h>
#include "hypervisor/arch/x86_64/svm/check.h"
#include "hypervisor/arch/x86_64/svm/vmcb_part.h"
#include "part_fixture.h"
#include "policy_fixture.h"
#include "unit.h"

TEST(svm_vmcb_part_passes_the_checks)
{
	static struct pp_policy p;
	static struct part_host_alloc h;
	static struct part_alloc a;
	static struct part_chans ch;
	static struct part_plan plan;
	static struct part_boot_state st;
	struct pp_err err = {0, ""};
	const struct svm_check_env epyc = {40, true};
	policy_fixture(&p);
	part_host_alloc_init(&h, &a);
	part_chans_init(&ch);
	REQUIRE(part_plan_build(&p, 1, &a, &ch, &plan, &err) == PP_OK);
	REQUIRE(part_boot_build(&plan, pp_policy_part(&p, 1), part_host_gpa_ptr, &plan, &st,
				&err) == PP_OK);
	struct svm_vmcb *v = aligned_alloc(4096, sizeof(*v));
	REQUIRE(v);
	struct svm_guest_setup s = {
	    .n_cr3 = hpa(0x200000), .iopm = hpa(0x300000), .msrpm = hpa(0x303000), .asid = 2};
	svm_vmcb_init_part(v, &s, &st);
	const char *rule = svm_check_vmcb(v, &epyc);
	if (rule)
		unit_fail(__FILE__, __LINE__, rule);
	CHECK_EQ(v->save.rip, st.rip);
	CHECK_EQ(v->save.rsp, st.rsp);
	CHECK_EQ(v->save.cr3, st.cr3);
	CHECK_EQ(v->save.efer, st.efer);
	CHECK(v->save.cs.attrib == st.cs.attrib && v->save.cs.selector == st.cs.sel);
	CHECK(v->save.tr.base == st.tr.base && v->save.gdtr.base == st.gdtr.base);
	CHECK_EQ(v->control.guest_asid, 2);
	CHECK_EQ(v->control.n_cr3, 0x200000);
	CHECK(v->control.np_enable & SVM_NP_ENABLE);
	CHECK_EQ(v->control.intercept1, SVM_FIRST_GUEST_INTERCEPT1);
	/* a state the checker must refuse still is refused through this path */
	st.efer &= ~PART_EFER_SVME;
	svm_vmcb_init_part(v, &s, &st);
	CHECK(svm_check_vmcb(v, &epyc) != NULL);
	free(v);
	part_plan_release(&plan, &a);
	part_chans_release(&ch, &a);
	CHECK_EQ(h.live, 0);
}
