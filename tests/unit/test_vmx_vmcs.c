// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMCS field encodings (hypervisor/arch/x86_64/vmx/vmcs.h): every
 * VMCS_<TYPE><WIDTH>_ define decodes (SDM vol. 3C §25.11.2) to the type and
 * width its name says, the table below lists every such define in the
 * header (read from the source tree), and the decoder's edge cases.
 */
#include <stdlib.h>

#include "hypervisor/arch/x86_64/vmx/vmcs.h"
#include "unit.h"

struct field {
	const char *name;
	u32 enc;
	u32 type;  /* from the name */
	u32 width; /* from the name */
};

/* F(GUEST, N, CR0): the name, its value and the type and width the name's
 * tokens say, so a field can only pass if its name and encoding agree. */
#define F(t, w, f)                                                                                 \
	{                                                                                          \
		"VMCS_" #t #w "_" #f, VMCS_##t##w##_##f, VMCS_TYPE_##t, VMCS_WIDTH_##w             \
	}

static const struct field fields[] = {
    F(CTRL, 16, VPID),
    F(CTRL, 16, POSTED_INTR_NV),
    F(CTRL, 16, EPTP_INDEX),
    F(GUEST, 16, ES_SEL),
    F(GUEST, 16, CS_SEL),
    F(GUEST, 16, SS_SEL),
    F(GUEST, 16, DS_SEL),
    F(GUEST, 16, FS_SEL),
    F(GUEST, 16, GS_SEL),
    F(GUEST, 16, LDTR_SEL),
    F(GUEST, 16, TR_SEL),
    F(GUEST, 16, INTR_STATUS),
    F(GUEST, 16, PML_INDEX),
    F(HOST, 16, ES_SEL),
    F(HOST, 16, CS_SEL),
    F(HOST, 16, SS_SEL),
    F(HOST, 16, DS_SEL),
    F(HOST, 16, FS_SEL),
    F(HOST, 16, GS_SEL),
    F(HOST, 16, TR_SEL),
    F(CTRL, 64, IO_BITMAP_A),
    F(CTRL, 64, IO_BITMAP_B),
    F(CTRL, 64, MSR_BITMAP),
    F(CTRL, 64, EXIT_MSR_STORE_ADDR),
    F(CTRL, 64, EXIT_MSR_LOAD_ADDR),
    F(CTRL, 64, ENTRY_MSR_LOAD_ADDR),
    F(CTRL, 64, EXECUTIVE_VMCS_PTR),
    F(CTRL, 64, PML_ADDR),
    F(CTRL, 64, TSC_OFFSET),
    F(CTRL, 64, VIRTUAL_APIC_ADDR),
    F(CTRL, 64, APIC_ACCESS_ADDR),
    F(CTRL, 64, POSTED_INTR_DESC),
    F(CTRL, 64, VMFUNC_CTLS),
    F(CTRL, 64, EPTP),
    F(CTRL, 64, EPTP_LIST_ADDR),
    F(CTRL, 64, XSS_EXIT_BITMAP),
    F(EXIT, 64, GUEST_PHYS_ADDR),
    F(GUEST, 64, VMCS_LINK_PTR),
    F(GUEST, 64, DEBUGCTL),
    F(GUEST, 64, PAT),
    F(GUEST, 64, EFER),
    F(GUEST, 64, PERF_GLOBAL_CTRL),
    F(GUEST, 64, PDPTE0),
    F(GUEST, 64, PDPTE1),
    F(GUEST, 64, PDPTE2),
    F(GUEST, 64, PDPTE3),
    F(HOST, 64, PAT),
    F(HOST, 64, EFER),
    F(HOST, 64, PERF_GLOBAL_CTRL),
    F(CTRL, 32, PIN_BASED),
    F(CTRL, 32, PROC_BASED),
    F(CTRL, 32, EXCEPTION_BITMAP),
    F(CTRL, 32, PF_ERRCODE_MASK),
    F(CTRL, 32, PF_ERRCODE_MATCH),
    F(CTRL, 32, CR3_TARGET_COUNT),
    F(CTRL, 32, EXIT_CTLS),
    F(CTRL, 32, EXIT_MSR_STORE_COUNT),
    F(CTRL, 32, EXIT_MSR_LOAD_COUNT),
    F(CTRL, 32, ENTRY_CTLS),
    F(CTRL, 32, ENTRY_MSR_LOAD_COUNT),
    F(CTRL, 32, ENTRY_INTR_INFO),
    F(CTRL, 32, ENTRY_EXCEPTION_ERRCODE),
    F(CTRL, 32, ENTRY_INSTR_LEN),
    F(CTRL, 32, TPR_THRESHOLD),
    F(CTRL, 32, PROC_BASED2),
    F(CTRL, 32, PLE_GAP),
    F(CTRL, 32, PLE_WINDOW),
    F(EXIT, 32, INSTR_ERROR),
    F(EXIT, 32, REASON),
    F(EXIT, 32, INTR_INFO),
    F(EXIT, 32, INTR_ERRCODE),
    F(EXIT, 32, IDT_VECTORING_INFO),
    F(EXIT, 32, IDT_VECTORING_ERRCODE),
    F(EXIT, 32, INSTR_LEN),
    F(EXIT, 32, INSTR_INFO),
    F(GUEST, 32, ES_LIMIT),
    F(GUEST, 32, CS_LIMIT),
    F(GUEST, 32, SS_LIMIT),
    F(GUEST, 32, DS_LIMIT),
    F(GUEST, 32, FS_LIMIT),
    F(GUEST, 32, GS_LIMIT),
    F(GUEST, 32, LDTR_LIMIT),
    F(GUEST, 32, TR_LIMIT),
    F(GUEST, 32, GDTR_LIMIT),
    F(GUEST, 32, IDTR_LIMIT),
    F(GUEST, 32, ES_AR),
    F(GUEST, 32, CS_AR),
    F(GUEST, 32, SS_AR),
    F(GUEST, 32, DS_AR),
    F(GUEST, 32, FS_AR),
    F(GUEST, 32, GS_AR),
    F(GUEST, 32, LDTR_AR),
    F(GUEST, 32, TR_AR),
    F(GUEST, 32, INTERRUPTIBILITY),
    F(GUEST, 32, ACTIVITY_STATE),
    F(GUEST, 32, SMBASE),
    F(GUEST, 32, SYSENTER_CS),
    F(GUEST, 32, PREEMPTION_TIMER),
    F(HOST, 32, SYSENTER_CS),
    F(CTRL, N, CR0_MASK),
    F(CTRL, N, CR4_MASK),
    F(CTRL, N, CR0_READ_SHADOW),
    F(CTRL, N, CR4_READ_SHADOW),
    F(CTRL, N, CR3_TARGET0),
    F(EXIT, N, QUALIFICATION),
    F(EXIT, N, IO_RCX),
    F(EXIT, N, IO_RSI),
    F(EXIT, N, IO_RDI),
    F(EXIT, N, IO_RIP),
    F(EXIT, N, GUEST_LINEAR_ADDR),
    F(GUEST, N, CR0),
    F(GUEST, N, CR3),
    F(GUEST, N, CR4),
    F(GUEST, N, ES_BASE),
    F(GUEST, N, CS_BASE),
    F(GUEST, N, SS_BASE),
    F(GUEST, N, DS_BASE),
    F(GUEST, N, FS_BASE),
    F(GUEST, N, GS_BASE),
    F(GUEST, N, LDTR_BASE),
    F(GUEST, N, TR_BASE),
    F(GUEST, N, GDTR_BASE),
    F(GUEST, N, IDTR_BASE),
    F(GUEST, N, DR7),
    F(GUEST, N, RSP),
    F(GUEST, N, RIP),
    F(GUEST, N, RFLAGS),
    F(GUEST, N, PENDING_DBG_EXCEPTIONS),
    F(GUEST, N, SYSENTER_ESP),
    F(GUEST, N, SYSENTER_EIP),
    F(HOST, N, CR0),
    F(HOST, N, CR3),
    F(HOST, N, CR4),
    F(HOST, N, FS_BASE),
    F(HOST, N, GS_BASE),
    F(HOST, N, TR_BASE),
    F(HOST, N, GDTR_BASE),
    F(HOST, N, IDTR_BASE),
    F(HOST, N, SYSENTER_ESP),
    F(HOST, N, SYSENTER_EIP),
    F(HOST, N, RSP),
    F(HOST, N, RIP),
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

TEST(vmx_vmcs_every_field_decodes_as_named)
{
	for (unsigned i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		struct vmcs_enc d = vmcs_decode(f->enc);
		if (!d.valid || d.high || d.type != f->type || d.width != f->width) {
			char m[200];
			snprintf(m, sizeof(m),
				 "%s = 0x%04x decodes to %s %s%s, its name says %s %s", f->name,
				 f->enc, vmcs_width_name(d.width), vmcs_type_name(d.type),
				 d.valid ? "" : " (invalid)", vmcs_width_name(f->width),
				 vmcs_type_name(f->type));
			unit_fail(__FILE__, __LINE__, m);
		}
		/* Full access: bit 0 is clear, so the index alone places the field. */
		CHECK_EQ(f->enc & VMCS_ENC_HIGH, 0);
		/* No two names share an encoding. */
		for (unsigned j = 0; j < i; j++)
			if (fields[j].enc == f->enc)
				unit_fail(__FILE__, __LINE__, f->name);
	}
}

/* Every VMCS_<TYPE><WIDTH>_ define in the header is in the table above. */
TEST(vmx_vmcs_table_lists_every_define)
{
	FILE *h = fopen("hypervisor/arch/x86_64/vmx/vmcs.h", "r");
	REQUIRE(h != NULL);
	static const char *const prefixes[] = {"CTRL", "EXIT", "GUEST", "HOST"};
	char line[256];
	unsigned defined = 0;
	while (fgets(line, sizeof(line), h)) {
		char name[96];
		if (sscanf(line, "#define %95s", name) != 1 || strncmp(name, "VMCS_", 5) != 0)
			continue;
		const char *rest = name + 5;
		bool field = false;
		for (unsigned p = 0; p < 4; p++) {
			size_t n = strlen(prefixes[p]);
			if (!strncmp(rest, prefixes[p], n) &&
			    (!strncmp(rest + n, "16_", 3) || !strncmp(rest + n, "32_", 3) ||
			     !strncmp(rest + n, "64_", 3) || !strncmp(rest + n, "N_", 2)))
				field = true;
		}
		if (!field)
			continue;
		defined++;
		bool listed = false;
		for (unsigned i = 0; i < NFIELDS; i++)
			listed |= !strcmp(fields[i].name, name);
		if (!listed)
			unit_fail(__FILE__, __LINE__, name);
	}
	fclose(h);
	CHECK_EQ(defined, NFIELDS);
}

TEST(vmx_vmcs_decode_edges)
{
	/* The high half of a 64-bit field: same type, width and index. */
	struct vmcs_enc d = vmcs_decode(VMCS_CTRL64_EPTP | VMCS_ENC_HIGH);
	CHECK(d.valid);
	CHECK(d.high);
	CHECK_EQ(d.width, VMCS_WIDTH_64);
	CHECK_EQ(d.type, VMCS_TYPE_CTRL);
	CHECK_EQ(d.index, 0xd); /* 0x201a >> 1 & 0x1ff */
	/* High access to a 16-, 32- or natural-width field is not an encoding. */
	CHECK(!vmcs_decode(VMCS_GUEST16_CS_SEL | VMCS_ENC_HIGH).valid);
	CHECK(!vmcs_decode(VMCS_EXIT32_REASON | VMCS_ENC_HIGH).valid);
	CHECK(!vmcs_decode(VMCS_GUESTN_RIP | VMCS_ENC_HIGH).valid);
	/* Reserved bits: 12 and 31:15. */
	CHECK(!vmcs_decode(VMCS_GUESTN_RIP | 0x1000u).valid);
	CHECK(!vmcs_decode(VMCS_GUESTN_RIP | 0x8000u).valid);
	CHECK(!vmcs_decode(0x80000000u).valid);
	/* Field index: GUEST RIP is the 15th natural-width guest field (0x681e). */
	d = vmcs_decode(VMCS_GUESTN_RIP);
	CHECK_EQ(d.index, 15);
	CHECK_EQ(d.type, VMCS_TYPE_GUEST);
	CHECK_EQ(d.width, VMCS_WIDTH_N);
	CHECK(!strcmp(vmcs_type_name(VMCS_TYPE_EXIT), "VM-exit information"));
	CHECK(!strcmp(vmcs_width_name(VMCS_WIDTH_N), "natural-width"));
	CHECK(!strcmp(vmcs_width_name(7), "?"));
}
