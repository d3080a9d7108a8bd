// SPDX-License-Identifier: GPL-2.0-only
/* The long64 boot state (hypervisor/core/part/boot.h): the guest page
 * tables' bits, the GDT and TSS, and the register state against the APM's
 * long-mode and VMRUN rules (vol. 2, 14.6, 15.5.1, Appendix B); the real16
 * state against the APM's state after INIT (14.1.3, Table 14-1), its CS:IP
 * rule and its refusals. */
#include <stdlib.h>
#include "hypervisor/core/part/boot.h"
#include "part_fixture.h"
#include "policy_fixture.h"
#include "unit.h"

#define MB (1024ull * 1024)

struct fix {
	struct pp_policy p;
	struct part_host_alloc h;
	struct part_alloc a;
	struct part_chans ch;
	struct part_plan plan;
	struct part_boot_state st;
	u8 *area;
};

static u64 rd64(const u8 *p)
{
	u64 v;
	memcpy(&v, p, 8);
	return v;
}

static struct fix *built(void)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct pp_err err;
	policy_fixture(&f->p);
	part_host_alloc_init(&f->h, &f->a);
	part_chans_init(&f->ch);
	if (part_plan_build(&f->p, 1, &f->a, &f->ch, &f->plan, &err) ||
	    part_boot_build(&f->plan, pp_policy_part(&f->p, 1), part_host_gpa_ptr, &f->plan, &f->st,
			    &err)) {
		unit_fail(__FILE__, __LINE__, err.msg);
		return f;
	}
	f->area = part_host_gpa_ptr(&f->plan, f->plan.boot_gpa, f->plan.boot_pages * 4096ull);
	return f;
}

static void fix_free(struct fix *f)
{
	part_plan_release(&f->plan, &f->a);
	part_chans_release(&f->ch, &f->a);
	CHECK_EQ(f->h.live, 0);
	free(f);
}

/* The guest's own walk of its tables: the PDE mapping g, or 0. */
static u64 pde_of(const struct fix *f, u64 g)
{
	u64 base = gpa_val(f->plan.boot_gpa), t = f->st.cr3;
	for (int lvl = 3; lvl >= 1; lvl--) {
		u64 e = rd64(f->area + (t - base) + ((g >> (12 + 9 * lvl)) & 511) * 8);
		if (!(e & PART_PTE_P))
			return 0;
		if (lvl == 1)
			return e;
		if (e & PART_PTE_PS)
			return ~0ull; /* no large pages above the PD */
		t = e & PART_PTE_ADDR;
		if (t < base || t >= base + f->plan.boot_pages * 4096ull)
			return ~0ull;
	}
	return 0;
}

TEST(part_boot_state_is_long_mode_per_the_apm)
{
	struct fix *f = built();
	REQUIRE(f->area);
	const struct part_boot_state *s = &f->st;
	u64 base = gpa_val(f->plan.boot_gpa);
	/* 14.6: long mode active = CR0.PG, CR0.PE, CR4.PAE, EFER.LME, EFER.LMA */
	CHECK(s->cr0 & PART_CR0_PG);
	CHECK(s->cr0 & PART_CR0_PE);
	CHECK(s->cr4 & PART_CR4_PAE);
	CHECK(s->efer & PART_EFER_LME);
	CHECK(s->efer & PART_EFER_LMA);
	CHECK(s->efer & PART_EFER_NXE); /* the tables use NX */
	/* 64-bit code segment: L=1 and D=0; present, code, DPL 0; CPL 0 */
	CHECK(s->cs.attrib & PART_SEG_L);
	CHECK(!(s->cs.attrib & PART_SEG_DB));
	CHECK(s->cs.attrib & PART_SEG_P);
	CHECK(s->cs.attrib & PART_SEG_S);
	CHECK_EQ(s->cs.attrib & 0xf, 0xb); /* execute/read, accessed */
	CHECK_EQ((s->cs.attrib >> 5) & 3, 0);
	CHECK_EQ(s->cs.attrib, 0xa9b);
	CHECK_EQ(s->cs.sel, PART_SEL_CODE);
	CHECK_EQ(s->cpl, 0);
	CHECK_EQ(s->ss.attrib, 0xc93); /* writable data, D/B, G */
	CHECK_EQ(s->ds.attrib, s->ss.attrib);
	CHECK_EQ(s->es.sel, PART_SEL_DATA);
	CHECK_EQ(s->tr.attrib, 0x8b); /* busy 64-bit TSS */
	CHECK_EQ(s->tr.sel, PART_SEL_TSS);
	CHECK_EQ(s->tr.limit, 0x67);
	/* registers: RIP, RSP, RFLAGS, CR3 at the documented places */
	CHECK_EQ(s->rip, 0x200000);
	CHECK_EQ(s->rsp, base + PART_BOOT_STACK_PAGES * 4096ull);
	CHECK_EQ(s->rflags, 2);
	CHECK_EQ(s->cr3, base + PART_BOOT_PML4_PAGE * 4096ull);
	CHECK_EQ(s->gdtr.base, base + PART_BOOT_GDT_PAGE * 4096ull);
	CHECK_EQ(s->gdtr.limit, PART_GDT_LIMIT);
	CHECK_EQ(s->tr.base, s->gdtr.base + PART_BOOT_TSS_OFF);
	/* 15.5.1 VMRUN consistency: EFER.SVME; not CD=0 with NW=1; upper
	 * CR0/CR4/DR6/DR7 halves zero; CR3 MBZ bits; EFER reserved bits */
	CHECK(s->efer & PART_EFER_SVME);
	CHECK(!(!(s->cr0 & PART_CR0_CD) && (s->cr0 & PART_CR0_NW)));
	CHECK_EQ(s->cr0 >> 32, 0);
	CHECK_EQ(s->cr4 >> 32, 0);
	CHECK_EQ(s->dr6 >> 32, 0);
	CHECK_EQ(s->dr7 >> 32, 0);
	CHECK_EQ(s->cr3 & ~0x000ffffffffff000ull, 0);
	CHECK_EQ(s->efer & ~(PART_EFER_LME | PART_EFER_LMA | PART_EFER_NXE | PART_EFER_SVME), 0);
	CHECK_EQ(s->g_pat, 0x0007040600070406ull);
	fix_free(f);
}

TEST(part_boot_gdt_and_tss_in_guest_memory)
{
	struct fix *f = built();
	REQUIRE(f->area);
	const u8 *gdt = f->area + PART_BOOT_GDT_PAGE * 4096ull;
	CHECK_EQ(rd64(gdt), 0);
	u64 code = rd64(gdt + PART_SEL_CODE), data = rd64(gdt + PART_SEL_DATA);
	/* the VMCB attributes are the descriptors' bits 47:40 and 55:52 */
	CHECK_EQ(((code >> 40) & 0xff) | ((code >> 52) & 0xf) << 8, f->st.cs.attrib);
	CHECK_EQ(((data >> 40) & 0xff) | ((data >> 52) & 0xf) << 8, f->st.ds.attrib);
	CHECK((code >> 53) & 1);    /* L */
	CHECK(!((code >> 54) & 1)); /* D */
	u64 tlo = rd64(gdt + PART_SEL_TSS), thi = rd64(gdt + PART_SEL_TSS + 8);
	u64 tbase = ((tlo >> 16) & 0xffffff) | ((tlo >> 56) & 0xff) << 24 | thi << 32;
	CHECK_EQ(tbase, f->st.tr.base);
	CHECK_EQ(tlo & 0xffff, 0x67);
	CHECK_EQ((tlo >> 40) & 0xff, 0x8b);
	CHECK_EQ(gdt[PART_BOOT_TSS_OFF + 0x66], 0x68); /* no I/O bitmap */
	fix_free(f);
}

TEST(part_boot_tables_identity_map_every_region_only)
{
	struct fix *f = built();
	REQUIRE(f->area);
	u64 chunks = 0;
	for (u32 i = 0; i < f->plan.n; i++) {
		const struct part_region *r = &f->plan.r[i];
		u64 lo = PP_ALIGN_DOWN(gpa_val(r->gpa), 2 * MB);
		u64 hi = PP_ALIGN_UP(gpa_val(r->gpa) + r->size, 2 * MB);
		for (u64 g = lo; g < hi; g += 2 * MB, chunks++) {
			u64 e = pde_of(f, g);
			REQUIRE(e && e != ~0ull);
			CHECK(e & PART_PTE_PS);
			CHECK_EQ(e & 0x000fffffffe00000ull, g); /* identity */
			CHECK_EQ(!!(e & PART_PTE_RW), !!(r->perm & PP_POL_W));
			CHECK_EQ(!!(e & PART_PTE_NX), !(r->perm & PP_POL_X));
			CHECK_EQ(!!(e & PART_PTE_PCD), r->kind == PART_REG_MMIO);
			CHECK_EQ(!!(e & PART_PTE_PWT), r->kind == PART_REG_MMIO);
		}
	}
	/* Nothing else: count every present PDE in every table of the area. */
	u64 present = 0;
	for (u32 pg = PART_BOOT_PML4_PAGE + 1 + f->plan.boot_pdpts; pg < f->plan.boot_pages; pg++)
		for (u32 k = 0; k < 512; k++)
			present += rd64(f->area + pg * 4096ull + k * 8ull) & PART_PTE_P;
	CHECK_EQ(present, chunks);
	CHECK_EQ(pde_of(f, 0x20000000), 0); /* a hole between regions */
	CHECK_EQ(pde_of(f, 1ull << 39), 0); /* another PML4 slot */
	fix_free(f);
}

TEST(part_boot_refusals)
{
	struct fix *f = built();
	struct pp_err err;
	struct pp_pol_part pp = *pp_policy_part(&f->p, 1);
	pp.mode = 7;
	CHECK_EQ(part_boot_build(&f->plan, &pp, part_host_gpa_ptr, &f->plan, &f->st, &err),
		 PP_ENOTSUP);
	CHECK_MSG(&err, "boot mode 7 is neither long64 nor real16");
	/* a long64 plan (it has a boot area) is not a real16 one */
	pp.mode = PP_POL_BOOT_REAL16;
	pp.entry = 0x7c00;
	CHECK_EQ(part_boot_build(&f->plan, &pp, part_host_gpa_ptr, &f->plan, &f->st, &err),
		 PP_EINVAL);
	CHECK_MSG(&err, "is not a real16 plan for partition 1");
	pp.mode = PP_POL_BOOT_LONG64;
	pp.id = 2;
	CHECK_EQ(part_boot_build(&f->plan, &pp, part_host_gpa_ptr, &f->plan, &f->st, &err),
		 PP_EINVAL);
	CHECK_MSG(&err, "no boot area");
	pp.id = 1;
	/* the plan's table count too small: refused, not overrun */
	struct part_plan *small = malloc(sizeof(*small));
	*small = f->plan;
	small->boot_pages--;
	small->boot_pds--;
	CHECK_EQ(part_boot_build(small, &pp, part_host_gpa_ptr, small, &f->st, &err), PP_ERANGE);
	CHECK_MSG(&err, "boot tables outgrew");
	free(small);
	fix_free(f);
}

/* The real16 plan of partition "app" (id 2, RAM at gpa 0) with entry. */
static struct fix *real16(u64 entry)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct pp_err err;
	policy_fixture(&f->p);
	f->p.parts[0].mode = PP_POL_BOOT_REAL16;
	f->p.parts[0].entry = entry;
	part_host_alloc_init(&f->h, &f->a);
	part_chans_init(&f->ch);
	if (part_plan_build(&f->p, 2, &f->a, &f->ch, &f->plan, &err))
		unit_fail(__FILE__, __LINE__, err.msg);
	return f;
}

/* Never called: a real16 build writes no memory. */
static u8 *no_ptr(void *ctx, gpa_t g, u64 len)
{
	(void)ctx;
	(void)g;
	(void)len;
	unit_fail(__FILE__, __LINE__, "real16 build asked for guest memory");
	return NULL;
}

static void check_real_seg(const struct part_seg *s, u16 sel, u16 attrib)
{
	CHECK_EQ(s->sel, sel);
	CHECK_EQ(s->base, (u64)sel << 4); /* real mode: base = selector << 4 */
	CHECK_EQ(s->limit, 0xffff);
	CHECK_EQ(s->attrib, attrib);
}

TEST(part_boot_real16_state_is_the_apm_init_state)
{
	struct fix *f = real16(0x7c00);
	struct pp_err err;
	REQUIRE(part_boot_build(&f->plan, pp_policy_part(&f->p, 2), no_ptr, NULL, &f->st, &err) ==
		PP_OK);
	const struct part_boot_state *s = &f->st;
	CHECK_EQ(f->plan.boot_pages, 0); /* no boot area, no tables */
	/* Table 14-1: CR0 6000_0010h (CD, NW, ET), PE and PG clear: real mode */
	CHECK_EQ(s->cr0, 0x60000010);
	CHECK(!(s->cr0 & PART_CR0_PE) && !(s->cr0 & PART_CR0_PG));
	CHECK_EQ(s->cr2, 0);
	CHECK_EQ(s->cr3, 0);
	CHECK_EQ(s->cr4, 0);
	/* EFER: only SVME, which VMRUN requires (15.5.1); LME/LMA clear */
	CHECK_EQ(s->efer, PART_EFER_SVME);
	CHECK_EQ(s->rflags, 0x2);
	CHECK_EQ(s->rsp, 0);
	CHECK_EQ(s->cpl, 0);
	CHECK_EQ(s->dr6, 0xffff0ff0);
	CHECK_EQ(s->dr7, 0x400);
	CHECK_EQ(s->g_pat, 0x0007040600070406ull);
	/* CS:IP = 0000:7c00; code attributes P S type 0xb, D=0 (16-bit), no L, no G */
	check_real_seg(&s->cs, 0, 0x9b);
	CHECK_EQ(s->rip, 0x7c00);
	CHECK(!(s->cs.attrib & (PART_SEG_L | PART_SEG_DB | PART_SEG_G)));
	check_real_seg(&s->ds, 0, 0x93);
	check_real_seg(&s->es, 0, 0x93);
	check_real_seg(&s->ss, 0, 0x93);
	check_real_seg(&s->fs, 0, 0x93);
	check_real_seg(&s->gs, 0, 0x93);
	check_real_seg(&s->ldtr, 0, 0x82);
	check_real_seg(&s->tr, 0, 0x8b);
	CHECK_EQ(s->gdtr.base, 0);
	CHECK_EQ(s->gdtr.limit, 0xffff);
	CHECK_EQ(s->idtr.base, 0); /* the real-mode IVT at 0 */
	CHECK_EQ(s->idtr.limit, 0xffff);
	fix_free(f);
}

TEST(part_boot_real16_cs_ip_rule)
{
	static const struct {
		u64 entry;
		u16 cs;
		u64 ip;
	} c[] = {
	    {0x0, 0x0000, 0x0},	       {0x7c00, 0x0000, 0x7c00},  {0xffff, 0x0000, 0xffff},
	    {0x10000, 0x1000, 0x0},    {0x12345, 0x1000, 0x2345}, {0xf0000, 0xf000, 0x0},
	    {0xffff0, 0xf000, 0xfff0}, {0xfffff, 0xf000, 0xffff},
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct fix *f = real16(c[i].entry);
		struct pp_err err;
		struct pp_pol_part pp = *pp_policy_part(&f->p, 2);
		pp.entry = c[i].entry; /* the plan does not depend on entry */
		REQUIRE(part_boot_build(&f->plan, &pp, no_ptr, NULL, &f->st, &err) == PP_OK);
		CHECK_EQ(f->st.cs.sel, c[i].cs);
		CHECK_EQ(f->st.cs.base, (u64)c[i].cs << 4);
		CHECK_EQ(f->st.rip, c[i].ip);
		CHECK_EQ(f->st.cs.base + f->st.rip, c[i].entry); /* CS:IP is the entry */
		CHECK_EQ(f->st.cs.base & 0xffff, 0);		 /* 64 KiB aligned */
		fix_free(f);
	}
}

TEST(part_boot_real16_refusals)
{
	struct fix *f = real16(0x7c00);
	struct pp_err err;
	struct pp_pol_part pp = *pp_policy_part(&f->p, 2);
	memset(&f->st, 0xa5, sizeof(f->st));
	/* entries at or above 1 MiB (the validator refuses them too) */
	static const u64 high[] = {0x100000, 0x10fff0, 0xffffffffull, ~0ull};
	for (size_t i = 0; i < sizeof(high) / sizeof(high[0]); i++) {
		pp.entry = high[i];
		CHECK_EQ(part_boot_build(&f->plan, &pp, no_ptr, NULL, &f->st, &err), PP_ERANGE);
		CHECK_MSG(&err, "is not below 1 MiB");
	}
	CHECK_MSG(&err, "part app: real16 entry 0xffffffffffffffff is not below 1 MiB (0x100000)");
	pp.entry = 0x7c00;
	/* another partition's plan */
	pp.id = 1;
	CHECK_EQ(part_boot_build(&f->plan, &pp, no_ptr, NULL, &f->st, &err), PP_EINVAL);
	CHECK_MSG(&err, "(partition 2, 0 boot pages) is not a real16 plan for partition 1");
	pp.id = 2;
	/* a plan with a boot area */
	struct part_plan *odd = malloc(sizeof(*odd));
	REQUIRE(odd);
	*odd = f->plan;
	odd->boot_pages = PART_BOOT_FIXED_PAGES;
	CHECK_EQ(part_boot_build(odd, &pp, no_ptr, NULL, &f->st, &err), PP_EINVAL);
	CHECK_MSG(&err, "6 boot pages");
	free(odd);
	/* nothing was written */
	const u8 *b = (const u8 *)&f->st;
	size_t untouched = 0;
	for (size_t i = 0; i < sizeof(f->st); i++)
		untouched += b[i] == 0xa5;
	CHECK_EQ(untouched, sizeof(f->st));
	fix_free(f);
}

/* An AP after INIT and SIPI (a Linux partition's vCPU i >= 1): the INIT
 * state of real16 with CS = vector << 8, base vector << 12, IP 0 (Intel
 * SDM vol. 3A 9.1.1 Table 9-1, 9.4.4.1; AMD APM vol. 2 14.1.3 Table 14-1). */
TEST(part_boot_sipi_state)
{
	static const u8 vectors[] = {0x00, 0x01, 0x9a, 0x9f, 0xff};
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		struct part_boot_state s;
		memset(&s, 0xa5, sizeof(s));
		part_boot_sipi(vectors[i], &s);
		check_real_seg(&s.cs, (u16)(vectors[i] << 8), 0x9b);
		CHECK_EQ(s.cs.base, (u64)vectors[i] << 12); /* the 4 KiB page the vector names */
		CHECK_EQ(s.rip, 0);
		CHECK_EQ(s.cr0, 0x60000010);
		CHECK_EQ(s.cr3, 0);
		CHECK_EQ(s.cr4, 0);
		CHECK_EQ(s.efer, PART_EFER_SVME);
		CHECK_EQ(s.rflags, 0x2); /* IF clear */
		CHECK_EQ(s.rsp, 0);
		CHECK_EQ(s.rsi, 0);
		CHECK_EQ(s.cpl, 0);
		CHECK_EQ(s.dr6, 0xffff0ff0);
		CHECK_EQ(s.dr7, 0x400);
		CHECK_EQ(s.g_pat, 0x0007040600070406ull);
		check_real_seg(&s.ds, 0, 0x93);
		check_real_seg(&s.ss, 0, 0x93);
		check_real_seg(&s.gs, 0, 0x93);
		check_real_seg(&s.ldtr, 0, 0x82);
		check_real_seg(&s.tr, 0, 0x8b);
		CHECK_EQ(s.idtr.limit, 0xffff);
		CHECK_EQ(s.gdtr.limit, 0xffff);
	}
}
