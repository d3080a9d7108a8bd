// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VM-entry checks (hypervisor/arch/x86_64/vmx/entry_check.h; SDM vol.
 * 3C §27.2.1.3, §27.2.2-§27.2.4, §27.3.1). A flat 64-bit guest (ring 0
 * and ring 3), a virtual-8086 guest and a 64-bit host pass; then one state
 * per rule, each breaking exactly that rule, must be refused with that
 * rule's message, and every rule of both tables must have been reached.
 *
 * The fixed-bit MSRs and IA32_VMX_MISC are part A of test_vmx_vmxon.c (a
 * real part, as VirtualBox logged it: minix issue 17); the physical- and
 * linear-address widths and every register value are synthetic.
 */
#include "hypervisor/arch/x86_64/vmx/controls.h"
#include "hypervisor/arch/x86_64/vmx/entry_check.h"
#include "unit.h"

struct st {
	struct vmx_guest_state g;
	struct vmx_host_state h;
	struct vmx_entry_ctls c;
	struct vmx_check_env e;
};

#define CS64 0xa09bu   /* type 11, S, P, L, G */
#define DATA32 0xc093u /* type 3, S, P, D/B, G */
#define TSS64 0x008bu  /* busy TSS, P */

static struct vmx_seg seg(u16 sel, u32 ar)
{
	return (struct vmx_seg){sel, 0, 0xffffffffu, ar};
}

static struct st good(void)
{
	struct st s = {0};
	struct vmx_guest_state *g = &s.g;
	struct vmx_host_state *h = &s.h;

	s.e.fixed = (struct vmx_cr_fixed){0x80000021ull, 0xffffffffull, 0x2000ull, 0x1727ffull};
	s.e.misc = 0x300481e5ull;
	s.e.phys_bits = 39;
	s.e.linear_bits = 48;
	s.e.host_ia32e = true;

	s.c.pin = VMX_PIN_EXT_INTR_EXIT | VMX_PIN_NMI_EXIT;
	s.c.proc =
	    VMX_PROC_HLT_EXIT | VMX_PROC_IO_BITMAPS | VMX_PROC_MSR_BITMAPS | VMX_PROC_SECONDARY;
	s.c.proc2 = VMX_PROC2_EPT;
	s.c.exit = VMX_EXIT_HOST_ADDR64 | VMX_EXIT_SAVE_EFER | VMX_EXIT_LOAD_EFER |
		   VMX_EXIT_SAVE_PAT | VMX_EXIT_LOAD_PAT;
	s.c.entry = VMX_ENTRY_IA32E_GUEST | VMX_ENTRY_LOAD_EFER | VMX_ENTRY_LOAD_PAT |
		    VMX_ENTRY_LOAD_DEBUG_CTLS;

	g->cr0 = 0x80000031ull; /* PE ET NE PG */
	g->cr3 = 0x200000;
	g->cr4 = VMX_CR4_PAE | VMX_CR4_VMXE;
	g->dr7 = 0x400;
	g->pat = 0x0007040600070406ull;
	g->efer = VMX_EFER_LME | VMX_EFER_LMA;
	g->cs = seg(0x08, CS64);
	g->ss = g->ds = g->es = g->fs = g->gs = seg(0x10, DATA32);
	g->ldtr = (struct vmx_seg){0, 0, 0, VMX_AR_UNUSABLE};
	g->tr = (struct vmx_seg){0x18, 0, 0x67, TSS64};
	g->gdtr_limit = 0x1f;
	g->idtr_limit = 0xfff;
	g->rip = 0x4000;
	g->rsp = 0x8000;
	g->rflags = VMX_RFLAGS_FIXED1;
	g->vmcs_link = ~0ull;

	h->cr0 = 0x80050033ull;
	h->cr3 = 0x1000;
	h->cr4 = 0x000426f8ull;
	h->pat = 0x0007040600070406ull;
	h->efer = 0xd01; /* SCE LME LMA NXE */
	h->cs_sel = 0x08;
	h->ss_sel = 0x10;
	h->tr_sel = 0x18;
	h->fs_base = 0;
	h->gs_base = 0xffff800000001000ull;
	h->tr_base = 0xffff800000002000ull;
	h->gdtr_base = 0xffff800000003000ull;
	h->idtr_base = 0xffff800000004000ull;
	h->rip = 0xffffffff80001000ull;
	h->rsp = 0xffffffff80010000ull;
	return s;
}

/* A virtual-8086 guest: protected mode with PAE paging, not IA-32e. */
static struct st v86(void)
{
	struct st s = good();
	struct vmx_guest_state *g = &s.g;
	s.c.entry &= ~VMX_ENTRY_IA32E_GUEST;
	g->efer = 0;
	g->rflags = VMX_RFLAGS_FIXED1 | VMX_RFLAGS_VM | VMX_RFLAGS_IF;
	g->cs = g->ss = g->ds = g->es = g->fs = g->gs =
	    (struct vmx_seg){0x1000, 0x10000, 0xffff, 0xf3};
	g->rip = 0x100;
	return s;
}

/* A 64-bit guest at ring 3. */
static struct st ring3(void)
{
	struct st s = good();
	s.g.cs = seg(0x2b, CS64 | (3u << 5));
	s.g.ss = s.g.ds = s.g.es = s.g.fs = s.g.gs = seg(0x23, DATA32 | (3u << 5));
	return s;
}

static bool hit_g[128], hit_h[64];

static void mark(const char *m, bool *hit, unsigned n, const char *(*rule)(unsigned))
{
	for (unsigned i = 0; i < n && rule(i); i++)
		if (rule(i) == m)
			hit[i] = true;
}

static void expect(const char *m, const char *want, int line)
{
	if (!m || !strstr(m, want)) {
		char f[400];
		snprintf(f, sizeof(f), "want \"%s\", got \"%s\"", want, m ? m : "(passes)");
		unit_fail(__FILE__, line, f);
	}
}

static void expect_g(const struct st *s, const char *want, int line)
{
	const char *m = vmx_check_guest(&s->g, &s->c, &s->e);
	expect(m, want, line);
	mark(m, hit_g, 128, vmx_check_guest_rule);
}
static void expect_h(const struct st *s, const char *want, int line)
{
	const char *m = vmx_check_host(&s->h, &s->c, &s->e);
	expect(m, want, line);
	mark(m, hit_h, 64, vmx_check_host_rule);
}

#define G(want, ...)                                                                               \
	do {                                                                                       \
		struct st s = good();                                                              \
		__VA_ARGS__;                                                                       \
		expect_g(&s, want, __LINE__);                                                      \
	} while (0)
#define GV(want, ...)                                                                              \
	do {                                                                                       \
		struct st s = v86();                                                               \
		__VA_ARGS__;                                                                       \
		expect_g(&s, want, __LINE__);                                                      \
	} while (0)
#define G3(want, ...)                                                                              \
	do {                                                                                       \
		struct st s = ring3();                                                             \
		__VA_ARGS__;                                                                       \
		expect_g(&s, want, __LINE__);                                                      \
	} while (0)
#define H(want, ...)                                                                               \
	do {                                                                                       \
		struct st s = good();                                                              \
		__VA_ARGS__;                                                                       \
		expect_h(&s, want, __LINE__);                                                      \
	} while (0)

#define VALID VMX_INTR_INFO_VALID
#define TYPE(t) ((u32)(t) << 8)
#define UG(s) ((s).c.proc2 |= VMX_PROC2_UNRESTRICTED_GUEST)

TEST(vmx_entry_check_valid_states_pass)
{
	struct st s = good();
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	CHECK(vmx_check_host(&s.h, &s.c, &s.e) == NULL);
	s = ring3();
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	s = v86();
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);

	/* legal injections: #GP with its error code, an NMI, an interrupt with IF */
	s = good();
	s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_HW_EXC) | VMX_INTR_INFO_ERRCODE | 13;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_NMI) | 2;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_SW_INT) | 0x80;
	s.c.instr_len = 2;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	s.g.rflags |= VMX_RFLAGS_IF;
	s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_EXT) | 0x40;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	/* ...also into a halted guest */
	s.g.activity = VMX_ACT_HLT;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	/* an invalid interruption-information field is not looked at */
	s = good();
	s.c.intr_info = 0x7fffffffu;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);

	/* a real-mode guest under unrestricted guest: PE and PG clear */
	s = good();
	UG(s);
	s.c.entry &= ~VMX_ENTRY_IA32E_GUEST;
	s.g.cr0 = 0x30; /* ET NE */
	s.g.efer = 0;
	s.g.cr4 = VMX_CR4_VMXE;
	s.g.cs = (struct vmx_seg){0xf000, 0xf0000, 0xffff, 0x9b};
	s.g.ss = s.g.ds = s.g.es = s.g.fs = s.g.gs = (struct vmx_seg){0, 0, 0xffff, 0x93};
	s.g.rip = 0xfff0;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	/* ...where CS type 3 (data) is allowed too */
	s.g.cs.ar = 0x93;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);

	/* single-step pending while blocked by STI: BS set */
	s = good();
	s.g.rflags |= VMX_RFLAGS_IF | VMX_RFLAGS_TF;
	s.g.interruptibility = VMX_INTR_STI;
	s.g.pending_dbg = 1ull << 14;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	/* a VMCS link pointer other than ~0 that is aligned and in range */
	s.g.vmcs_link = 0x5000;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	/* limit 0xfffff with G set is consistent */
	s.g.ds.limit = 0xfffff;
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
}

TEST(vmx_entry_check_one_guest_state_per_rule)
{
	memset(hit_g, 0, sizeof(hit_g));
	/* §27.2.1.3 */
	G("SDM 27.2.1.3: VM-entry interruption type 1 is reserved",
	  s.c.intr_info = VALID | TYPE(1));
	G("SDM 27.2.1.3: an injected NMI has a vector other than 2",
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_NMI) | 3);
	G("SDM 27.2.1.3: an injected hardware exception has a vector above 31",
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_HW_EXC) | 32);
	G("SDM 27.2.1.3: interruption type 7", s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_OTHER));
	G("SDM 27.2.1.3: deliver-error-code",
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_HW_EXC) | 13);
	G("SDM 27.2.1.3: deliver-error-code",
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_HW_EXC) | VMX_INTR_INFO_ERRCODE | 6);
	G("SDM 27.2.1.3: VM-entry interruption-information bits 30:12",
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_HW_EXC) | 6 | (1u << 12));
	G("SDM 27.2.1.3: a software interrupt or exception has an instruction length",
	  s.c.intr_info =
	      VALID | TYPE(VMX_INTR_TYPE_SW_INT) | 0x80); /* length 0, MISC bit 30 clear */
	G("SDM 27.2.1.3: a software interrupt or exception has an instruction length",
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_SW_EXC) | 3, s.c.instr_len = 16);
	/* §27.3.1.1 */
	G("SDM 27.3.1.1: guest CR0 clears a bit IA32_VMX_CR0_FIXED0", s.g.cr0 &= ~VMX_CR0_NE);
	G("SDM 27.3.1.1: guest CR0 clears a bit IA32_VMX_CR0_FIXED0", s.g.cr0 &= ~VMX_CR0_PE);
	G("SDM 27.3.1.1: guest CR0 sets a bit IA32_VMX_CR0_FIXED1", s.g.cr0 |= 1ull << 32);
	G("SDM 27.3.1.1: guest CR0.PG is set and CR0.PE is clear", UG(s), s.g.cr0 &= ~VMX_CR0_PE);
	G("SDM 27.3.1.1: guest CR4 clears a bit IA32_VMX_CR4_FIXED0", s.g.cr4 &= ~VMX_CR4_VMXE);
	G("SDM 27.3.1.1: guest CR4 sets a bit IA32_VMX_CR4_FIXED1", s.g.cr4 |= 1ull << 21);
	G("SDM 27.3.1.1: IA-32e mode guest with guest CR0.PG clear", UG(s), s.g.cr0 &= ~VMX_CR0_PG);
	G("SDM 27.3.1.1: IA-32e mode guest with guest CR4.PAE clear", s.g.cr4 &= ~VMX_CR4_PAE);
	G("SDM 27.3.1.1: guest CR4.PCIDE set without IA-32e mode guest",
	  s.c.entry &= ~VMX_ENTRY_IA32E_GUEST, s.g.cr4 |= VMX_CR4_PCIDE);
	G("SDM 27.3.1.1: guest CR3 sets bits beyond", s.g.cr3 = 1ull << 39);
	G("SDM 27.3.1.1: guest IA32_DEBUGCTL sets reserved bits", s.g.debugctl = 1u << 2);
	G("SDM 27.3.1.1: guest DR7 bits 63:32", s.g.dr7 |= 1ull << 32);
	G("SDM 27.3.1.1: guest IA32_SYSENTER_ESP or IA32_SYSENTER_EIP is not canonical",
	  s.g.sysenter_eip = 0x0000800000000000ull);
	G("SDM 27.3.1.1: guest IA32_PAT", s.g.pat = 0x0007040600070402ull);
	G("SDM 27.3.1.1: guest IA32_PAT", s.g.pat = 0x0807040600070406ull);
	G("SDM 27.3.1.1: guest IA32_EFER sets reserved bits", s.g.efer |= 1ull << 9);
	G("SDM 27.3.1.1: guest IA32_EFER.LMA differs", s.g.efer &= ~VMX_EFER_LMA);
	G("SDM 27.3.1.1: guest IA32_EFER.LME differs", s.g.efer &= ~VMX_EFER_LME);
	/* §27.3.1.2 */
	G("SDM 27.3.1.2: TR selector has TI", s.g.tr.sel = 0x1c);
	G("SDM 27.3.1.2: usable LDTR selector has TI",
	  s.g.ldtr = (struct vmx_seg){0x2c, 0x10000, 0xff, 0x82});
	G("SDM 27.3.1.2: SS.RPL differs from CS.RPL", s.g.ss.sel = 0x13);
	GV("SDM 27.3.1.2: virtual-8086: a segment base", s.g.cs.base = 0);
	GV("SDM 27.3.1.2: virtual-8086: a segment limit", s.g.ds.limit = 0xfffff);
	GV("SDM 27.3.1.2: virtual-8086: a segment's access rights", s.g.fs.ar = 0xf2);
	G("SDM 27.3.1.2: TR, FS, GS or usable LDTR base is not canonical",
	  s.g.fs.base = 1ull << 47);
	G("SDM 27.3.1.2: CS, or usable SS, DS or ES, base bits 63:32", s.g.cs.base = 1ull << 32);
	G("SDM 27.3.1.2: CS type is not 9, 11, 13 or 15", s.g.cs.ar = 0xa093);
	G("SDM 27.3.1.2: usable SS type is not 3 or 7", s.g.ss.ar = 0xc09b);
	G("SDM 27.3.1.2: usable DS, ES, FS or GS is not accessed", s.g.ds.ar = 0xc092);
	G("SDM 27.3.1.2: usable DS, ES, FS or GS is not accessed, or is unreadable code",
	  s.g.gs.ar = 0xc099);
	G("SDM 27.3.1.2: CS, or usable SS, DS, ES, FS or GS, is a system segment",
	  s.g.es.ar = 0xc083);
	G("SDM 27.3.1.2: CS.DPL does not fit", s.g.cs.ar = CS64 | (3u << 5));
	G("SDM 27.3.1.2: CS.DPL does not fit", s.g.cs.ar = 0xa09f | (1u << 5), s.g.cs.sel = 0x09,
	  s.g.ss.sel = 0x11); /* conforming DPL 1 > SS.DPL 0 */
	G("SDM 27.3.1.2: SS.DPL differs from SS.RPL", s.g.cs.sel = 0x0b, s.g.ss.sel = 0x13);
	G("SDM 27.3.1.2: SS.DPL is not 0 with CS type 3 or CR0.PE clear", UG(s), s.g.cs.ar = 0xa093,
	  s.g.ss.ar = DATA32 | (3u << 5), s.g.ss.sel = 0x13);
	G("SDM 27.3.1.2: usable DS, ES, FS or GS (not conforming code) has DPL below RPL",
	  s.g.ds.sel = 0x13);
	G("SDM 27.3.1.2: CS, or usable SS, DS, ES, FS or GS, is not present",
	  s.g.gs.ar &= ~VMX_AR_P);
	G("SDM 27.3.1.2: a segment's access rights set reserved bits", s.g.cs.ar |= 1u << 8);
	G("SDM 27.3.1.2: a segment's access rights set reserved bits", s.g.tr.ar |= 1u << 17);
	GV("SDM 27.3.1.2: a segment's access rights set reserved bits", s.g.tr.ar |= 1u << 9);
	G("SDM 27.3.1.2: CS.L and CS.D both set in IA-32e mode", s.g.cs.ar |= VMX_AR_DB);
	G("SDM 27.3.1.2: a segment's limit and granularity (G) disagree", s.g.ds.limit = 0xffffe);
	G("SDM 27.3.1.2: a segment's limit and granularity (G) disagree", s.g.tr.limit = 0x100000);
	G("SDM 27.3.1.2: TR type is not 11", s.g.tr.ar = 0x0089);
	G("SDM 27.3.1.2: TR is not a present system segment", s.g.tr.ar = 0x009b);
	G("SDM 27.3.1.2: TR is not a present system segment", s.g.tr.ar = 0x000b);
	G("SDM 27.3.1.2: TR is marked unusable", s.g.tr.ar |= VMX_AR_UNUSABLE);
	G("SDM 27.3.1.2: usable LDTR is not a present LDT",
	  s.g.ldtr = (struct vmx_seg){0x28, 0x10000, 0xff, 0x83});
	/* §27.3.1.3 */
	G("SDM 27.3.1.3: GDTR or IDTR base is not canonical",
	  s.g.idtr_base = 0x0000900000000000ull);
	G("SDM 27.3.1.3: GDTR or IDTR limit bits 31:16", s.g.gdtr_limit = 0x10000);
	/* §27.3.1.4 */
	G("SDM 27.3.1.4: RIP bits 63:32 are not zero outside 64-bit mode",
	  s.g.cs.ar = CS64 & ~VMX_AR_L, s.g.rip = 1ull << 32);
	G("SDM 27.3.1.4: RIP is not canonical in 64-bit mode", s.g.rip = 0x0000800000000000ull);
	G("SDM 27.3.1.4: RFLAGS sets reserved bits", s.g.rflags = 0);
	G("SDM 27.3.1.4: RFLAGS sets reserved bits", s.g.rflags |= 1u << 3);
	G("SDM 27.3.1.4: RFLAGS sets reserved bits", s.g.rflags |= 1ull << 22);
	GV("SDM 27.3.1.4: RFLAGS.VM set in IA-32e mode or with CR0.PE clear", UG(s),
	   s.g.cr0 &= ~(VMX_CR0_PE | VMX_CR0_PG));
	G("SDM 27.3.1.4: an external interrupt is injected with RFLAGS.IF clear",
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_EXT) | 0x40);
	/* §27.3.1.5 */
	G("SDM 27.3.1.5: activity state is not one", s.g.activity = 4);
	G("SDM 27.3.1.5: activity state is not one", s.e.misc = 0, s.g.activity = VMX_ACT_HLT);
	G3("SDM 27.3.1.5: activity state HLT with SS.DPL not 0", s.g.activity = VMX_ACT_HLT);
	G("SDM 27.3.1.5: activity state not active with blocking by STI or MOV SS",
	  s.g.activity = VMX_ACT_HLT, s.g.interruptibility = VMX_INTR_MOV_SS);
	G("SDM 27.3.1.5: an event injected that the activity state does not allow",
	  s.g.activity = VMX_ACT_HLT, s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_HW_EXC) | 6);
	G("SDM 27.3.1.5: an event injected that the activity state does not allow",
	  s.g.activity = VMX_ACT_SIPI, s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_NMI) | 2);
	G("SDM 27.3.1.5: interruptibility state bits 31:5", s.g.interruptibility = 1u << 5);
	G("SDM 27.3.1.5: interruptibility state blocks by STI and by MOV SS",
	  s.g.rflags |= VMX_RFLAGS_IF, s.g.interruptibility = VMX_INTR_STI | VMX_INTR_MOV_SS);
	G("SDM 27.3.1.5: interruptibility state blocks by STI with RFLAGS.IF clear",
	  s.g.interruptibility = VMX_INTR_STI);
	G("SDM 27.3.1.5: an external interrupt is injected with blocking by STI or MOV SS",
	  s.g.rflags |= VMX_RFLAGS_IF, s.g.interruptibility = VMX_INTR_STI,
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_EXT) | 0x40);
	G("SDM 27.3.1.5: an NMI is injected with blocking by MOV SS",
	  s.g.interruptibility = VMX_INTR_MOV_SS,
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_NMI) | 2);
	G("SDM 27.3.1.5: interruptibility state blocks SMIs outside SMM",
	  s.g.interruptibility = VMX_INTR_SMI);
	G("SDM 27.3.1.5: an NMI is injected with virtual NMIs and blocking by NMI",
	  s.c.pin |= VMX_PIN_VIRTUAL_NMIS, s.g.interruptibility = VMX_INTR_NMI,
	  s.c.intr_info = VALID | TYPE(VMX_INTR_TYPE_NMI) | 2);
	G("SDM 27.3.1.5: pending debug exceptions set reserved bits", s.g.pending_dbg = 1u << 4);
	G("SDM 27.3.1.5: pending debug BS differs", s.g.rflags |= VMX_RFLAGS_IF | VMX_RFLAGS_TF,
	  s.g.interruptibility = VMX_INTR_STI);
	G("SDM 27.3.1.5: pending debug BS differs", s.g.activity = VMX_ACT_HLT,
	  s.g.pending_dbg = 1ull << 14);
	G("SDM 27.3.1.5: VMCS link pointer", s.g.vmcs_link = 0x1234);
	G("SDM 27.3.1.5: VMCS link pointer", s.g.vmcs_link = 1ull << 39);

	for (unsigned i = 0; vmx_check_guest_rule(i); i++)
		if (!hit_g[i]) {
			char f[300];
			snprintf(f, sizeof(f), "no test breaks guest rule %u: %s", i,
				 vmx_check_guest_rule(i));
			unit_fail(__FILE__, __LINE__, f);
		}
}

TEST(vmx_entry_check_one_host_state_per_rule)
{
	memset(hit_h, 0, sizeof(hit_h));
	H("SDM 27.2.2: host CR0 clears a bit IA32_VMX_CR0_FIXED0", s.h.cr0 &= ~VMX_CR0_NE);
	H("SDM 27.2.2: host CR0 sets a bit IA32_VMX_CR0_FIXED1", s.h.cr0 |= 1ull << 32);
	H("SDM 27.2.2: host CR4 clears a bit IA32_VMX_CR4_FIXED0", s.h.cr4 &= ~VMX_CR4_VMXE);
	H("SDM 27.2.2: host CR4 sets a bit IA32_VMX_CR4_FIXED1", s.h.cr4 |= 1ull << 21);
	H("SDM 27.2.2: host CR3 sets bits beyond", s.h.cr3 = 1ull << 40);
	H("SDM 27.2.2: host IA32_SYSENTER_ESP", s.h.sysenter_esp = 1ull << 47);
	H("SDM 27.2.2: host IA32_PAT", s.h.pat = 0x08);
	H("SDM 27.2.2: host IA32_EFER sets reserved bits", s.h.efer |= 1ull << 1);
	H("SDM 27.2.2: host IA32_EFER.LMA or LME differs", s.h.efer &= ~VMX_EFER_LMA);
	H("SDM 27.2.3: a host selector has RPL or TI set", s.h.ds_sel = 0x13);
	H("SDM 27.2.3: a host selector has RPL or TI set", s.h.tr_sel = 0x1c);
	H("SDM 27.2.3: host CS selector is 0", s.h.cs_sel = 0);
	H("SDM 27.2.3: host TR selector is 0", s.h.tr_sel = 0);
	H("SDM 27.2.3: host SS selector is 0 without host address-space size",
	  s.c.exit &= ~(VMX_EXIT_HOST_ADDR64 | VMX_EXIT_LOAD_EFER), s.h.ss_sel = 0);
	H("SDM 27.2.3: host FS, GS, GDTR, IDTR or TR base is not canonical",
	  s.h.gs_base = 1ull << 47);
	H("SDM 27.2.4: host address-space size differs from the CPU's IA-32e mode",
	  s.c.exit &= ~(VMX_EXIT_HOST_ADDR64 | VMX_EXIT_LOAD_EFER));
	H("SDM 27.2.4: IA-32e mode guest outside IA-32e mode", s.e.host_ia32e = false,
	  s.c.exit &= ~(VMX_EXIT_HOST_ADDR64 | VMX_EXIT_LOAD_EFER));
	H("SDM 27.2.4: host CR4.PAE clear with host address-space size", s.h.cr4 &= ~VMX_CR4_PAE);
	H("SDM 27.2.4: host CR4.PCIDE set without host address-space size", s.e.host_ia32e = false,
	  s.c.exit &= ~(VMX_EXIT_HOST_ADDR64 | VMX_EXIT_LOAD_EFER),
	  s.c.entry &= ~VMX_ENTRY_IA32E_GUEST, s.h.cr4 |= VMX_CR4_PCIDE);
	H("SDM 27.2.4: host RIP is not canonical", s.h.rip = 0x0000800000000000ull);
	H("SDM 27.2.4: host RIP is not canonical (64-bit host) or above 4 GiB",
	  s.e.host_ia32e = false, s.c.exit &= ~(VMX_EXIT_HOST_ADDR64 | VMX_EXIT_LOAD_EFER),
	  s.c.entry &= ~VMX_ENTRY_IA32E_GUEST, s.h.rip = 1ull << 32);

	for (unsigned i = 0; vmx_check_host_rule(i); i++)
		if (!hit_h[i]) {
			char f[300];
			snprintf(f, sizeof(f), "no test breaks host rule %u: %s", i,
				 vmx_check_host_rule(i));
			unit_fail(__FILE__, __LINE__, f);
		}
}

TEST(vmx_entry_check_la57_widths)
{
	struct st s = good();
	s.e.linear_bits = 57;
	s.g.rip = 0x0000800000000000ull; /* canonical with 57 bits */
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
	s.g.rip = 0x0100000000000000ull;
	expect_g(&s, "SDM 27.3.1.4: RIP is not canonical", __LINE__);
	s = good();
	s.g.rip = 0xffff800000000000ull; /* negative canonical, 48 bits */
	CHECK(vmx_check_guest(&s.g, &s.c, &s.e) == NULL);
}
