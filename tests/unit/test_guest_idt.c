// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest kit's interrupt tables (guest/kit/exc.c, guest/kit/idt.h):
 * exception names and error-code vectors against AMD64 APM vol. 2 Table
 * 8-1, the long-mode interrupt gate byte for byte against Figure 4-24, and
 * the trap frame against vectors.S's push order.
 */
#include <stdint.h>
#include <string.h>
#include <parapet/hypercall.h>
#include "guest/kit/exc.h"
#include "guest/kit/idt.h"
#include "unit.h"

TEST(guest_exc_names)
{
	static const struct {
		unsigned v;
		const char *name;
	} want[] = {
	    {0, "#DE"},	 {1, "#DB"},  {2, "NMI"},  {3, "#BP"},	{4, "#OF"},  {5, "#BR"},
	    {6, "#UD"},	 {7, "#NM"},  {8, "#DF"},  {10, "#TS"}, {11, "#NP"}, {12, "#SS"},
	    {13, "#GP"}, {14, "#PF"}, {16, "#MF"}, {17, "#AC"}, {18, "#MC"}, {19, "#XF"},
	    {21, "#CP"}, {28, "#HV"}, {29, "#VC"}, {30, "#SX"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK(strcmp(gk_exc_name(want[i].v), want[i].name) == 0);
	static const unsigned reserved[] = {15, 22, 23, 24, 25, 26, 27, 31};
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		CHECK(strcmp(gk_exc_name(reserved[i]), "reserved") == 0);
	/* every one of the 32 has a name, the 24 architectural ones distinct */
	for (unsigned v = 0; v < GK_EXC_COUNT; v++) {
		REQUIRE(gk_exc_name(v) != NULL);
		CHECK(gk_exc_name(v)[0] != '\0');
		for (unsigned w = 0; w < v; w++)
			if (strcmp(gk_exc_name(v), "reserved") != 0)
				CHECK(strcmp(gk_exc_name(v), gk_exc_name(w)) != 0);
	}
	CHECK(strcmp(gk_exc_name(32), "?") == 0);
	CHECK(strcmp(gk_exc_name(PP_HC_SIGNAL_VECTOR), "?") == 0);
	CHECK(strcmp(gk_exc_name(UINT64_MAX), "?") == 0);
}

TEST(guest_exc_error_codes)
{
	/* Table 8-1, "Error Code": #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX */
	static const unsigned with[] = {8, 10, 11, 12, 13, 14, 17, 21, 29, 30};
	unsigned n = 0;
	for (unsigned v = 0; v < 300; v++) {
		int expect = 0;
		for (size_t i = 0; i < sizeof(with) / sizeof(with[0]); i++)
			expect |= v == with[i];
		CHECK_EQ(gk_exc_has_error(v), expect);
		n += (unsigned)gk_exc_has_error(v);
	}
	CHECK_EQ(n, 10u);
	CHECK_EQ(gk_exc_has_error(UINT64_MAX), 0);
}

TEST(guest_idt_gate_bytes)
{
	struct gk_idt_gate g = gk_idt_gate(0x1122334455667788ull, 0x08);
	uint8_t b[16];
	memcpy(b, &g, sizeof(b));
	/* offset 15:0, selector, IST 0, P | DPL 0 | type 0xe, offset 31:16,
	 * offset 63:32, reserved */
	static const uint8_t want[16] = {0x88, 0x77, 0x08, 0x00, 0x00, 0x8e, 0x66, 0x55,
					 0x44, 0x33, 0x22, 0x11, 0x00, 0x00, 0x00, 0x00};
	CHECK(memcmp(b, want, sizeof(want)) == 0);
	g = gk_idt_gate(0x100080, 0x10);
	memcpy(b, &g, sizeof(b));
	static const uint8_t low[16] = {0x80, 0x00, 0x10, 0x00, 0x00, 0x8e, 0x10, 0x00,
					0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
	CHECK(memcmp(b, low, sizeof(low)) == 0);
}

/* vectors.S pushes error (or 0), vector, then rax rcx rdx rsi rdi r8-r11:
 * the frame it hands over starts at the last push. */
TEST(guest_idt_trap_frame_layout)
{
	CHECK_EQ(offsetof(struct gk_trap_frame, r11), 0u);
	CHECK_EQ(offsetof(struct gk_trap_frame, rax), 64u);
	CHECK_EQ(offsetof(struct gk_trap_frame, vector), 72u);
	CHECK_EQ(offsetof(struct gk_trap_frame, error), 80u);
	CHECK_EQ(offsetof(struct gk_trap_frame, rip), 88u);
	CHECK_EQ(offsetof(struct gk_trap_frame, cs), 96u);
	CHECK_EQ(offsetof(struct gk_trap_frame, rflags), 104u);
	CHECK_EQ(offsetof(struct gk_trap_frame, ss), 120u);
	CHECK_EQ(sizeof(struct gk_trap_frame) % 16u, 0u);
	CHECK_EQ(PP_HC_SIGNAL_VECTOR, 0x40u);
	CHECK(PP_HC_SIGNAL_VECTOR >= GK_EXC_COUNT && PP_HC_SIGNAL_VECTOR < GK_IDT_VECTORS);
}
