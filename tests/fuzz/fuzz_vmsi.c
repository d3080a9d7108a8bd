// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the guest's MSI judged for the VT-d trap
 * (hypervisor/core/linux/vmsi.h). The input: 8 bytes of address (little
 * endian), 4 of data, 1 of the partition's APIC ID.
 * Invariants: the reason is below VMSI_R_COUNT and has a name; an
 * accepted message is exactly an interrupt the partition may receive
 * (Intel SDM vol. 3 §11.11: 0xFEE, reserved address bits 0, upper half 0,
 * physical destination = the partition's APIC ID, fixed or lowest
 * priority, edge, vector 0x20..0xFF, reserved data bits 0); the decoded
 * fields are the address's and data's bits; the explanation is a
 * terminated string that fits its buffer.
 */
#include <stdlib.h>
#include <string.h>
#include "hypervisor/core/linux/vmsi.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			abort();                                                                   \
	} while (0)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct vmsi_msg m;
	char buf[64];
	u64 addr = 0;
	u32 d = 0;

	if (size < 13)
		return 0;
	for (u32 i = 0; i < 8; i++)
		addr |= (u64)data[i] << (8 * i);
	for (u32 i = 0; i < 4; i++)
		d |= (u32)data[8 + i] << (8 * i);
	const u32 own = data[12];
	const u32 r = vmsi_decide(addr, d, own, &m);
	CHECK(r == m.reason && r < VMSI_R_COUNT);
	CHECK(strcmp(vmsi_reason_name(r), "?") != 0);
	CHECK(m.vector == (d & 0xFFu) && m.dlm == ((d >> 8) & 7u));
	CHECK(m.dest == (((u32)addr >> 12) & 0xFFu));
	CHECK(m.logical == (((u32)addr >> 2) & 1u) && m.level == ((d >> 15) & 1u));
	if (r == VMSI_OK) {
		CHECK((addr >> 32) == 0 && ((u32)addr & 0xFFF00000u) == 0xFEE00000u);
		CHECK(((u32)addr & 0xFF7u) == 0); /* only RH (bit 3) may be set */
		CHECK(m.dest == own && !m.logical);
		CHECK(m.dlm <= 1 && !m.level && m.vector >= 0x20);
		CHECK((d & 0xFFFF3800u) == 0);
	}
	memset(buf, 'x', sizeof(buf));
	vmsi_explain(&m, own, buf, sizeof(buf));
	CHECK(memchr(buf, 0, sizeof(buf)) != NULL);
	vmsi_explain(&m, own, buf, 1);
	CHECK(buf[0] == 0);
	return 0;
}
